"""The cyclic garbage collector held off while a timeline's objects are built in bulk.

Validating a file, and checking it, make hundreds of thousands of objects that live as
long as the timeline and are never garbage (no model refers back to itself). Each time
they grow by a quarter the collector walks every object in the process, all of them
found alive: at 100,000 observations, over a second of a five-second load and a fifth of
a second of the checks. What is garbage meanwhile (the parsed tables) is freed by
reference counting as before; the collector runs again as soon as the work is done.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def held_off() -> Iterator[None]:
    """No cyclic collection inside; usable as a decorator too (`@held_off()`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

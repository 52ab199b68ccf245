"""The cyclic collector's oldest generation collected while the reader rests, not mid-key.

Python collects the oldest generation once it has grown by a quarter, whatever the app is
doing: a walk of everything made since the first screen (the caches of drawn lines among
them), 8 to 13 ms even once the frames leave no cycles
(tui.compat.frames_without_cycles), and 15 to 30 ms before. Searching 100,000 figures,
one key in fifteen waited for it.

So while the explorer runs, the young generations are collected as before and the oldest
one waits for the reader to rest for `QUIET_S`. Input that never rests still gets it,
after `PATIENCE` times the young collections Python itself would have waited for: a key
held down for long pays one longer pause, not one every second.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

QUIET_S = 0.3  # without input for this long, the reader is reading, not typing
PATIENCE = 5
# A threshold the oldest generation's count never reaches: Python never starts it.
DEFERRED = 1 << 30

Schedule = Callable[[float, Callable[[], None]], object]


class RestCollection:
    """Defers the oldest generation from `begin()` to `end()`; `input_seen()` at each
    key or click; `schedule(delay, callback)` runs a callback later (App.set_timer)."""

    def __init__(self, schedule: Schedule, clock: Callable[[], float] = time.monotonic) -> None:
        self._schedule = schedule
        self._clock = clock
        self._thresholds: tuple[int, int, int] | None = None
        self._last_input = 0.0
        self._waiting = False

    def begin(self) -> None:
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(*self._thresholds[:2], DEFERRED)

    def end(self) -> None:
        """Python's own thresholds again (tests run many apps in one process)."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input_seen(self) -> None:
        self._last_input = self._clock()
        if self._due(PATIENCE):
            gc.collect()
        elif not self._waiting:
            self._waiting = True
            self._schedule(QUIET_S, self._rest)

    def _rest(self) -> None:
        quiet = self._clock() - self._last_input
        if quiet < QUIET_S:  # typed on: look again once it has been quiet long enough
            self._schedule(QUIET_S - quiet, self._rest)
            return
        self._waiting = False
        if self._due(1):
            gc.collect()

    def _due(self, times: int) -> bool:
        """Whether the oldest generation has waited `times` as long as Python would let
        it; never while the collector is held off (a load in bulk, or the start)."""
        if self._thresholds is None or not gc.isenabled():
            return False
        return gc.get_count()[2] >= self._thresholds[2] * times

"""How the `vn-egov` process ends: at once, and on a signal with the terminal restored."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import NoReturn, Protocol


def finish(code: int) -> NoReturn:
    """End the process without freeing every object one by one first.

    After the explorer quits, that took 0.2 s before the shell prompt came back (more
    after a large timeline), and the process ends anyway. What has to happen still
    does: threads still writing (the cache of validated timelines) are waited for, and
    the output is flushed.
    """
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe has nothing left to say
            stream.flush()
    os._exit(code)


class Ended(BaseException):
    """A signal that ends the command arrived before the explorer was running."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Exits(Protocol):
    def exit(self, result: None = None, return_code: int = 0) -> None: ...


# SIGTERM (kill, a service manager), SIGHUP (the terminal closed) and SIGINT (kill -INT;
# Ctrl+C itself is a key in the explorer): each ends it as `q` does, with the terminal
# given back as it was, and the shell's code for "ended by signal N", 128 + N.
ENDING = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


@contextlib.contextmanager
def ended_by_signals(app: Exits) -> Iterator[None]:
    """While the block runs, the ending signals ask `app` to exit with 128 + N.

    Without this, SIGTERM and SIGHUP killed the process where it stood, leaving the
    terminal in the alternate screen with mouse reporting on and no cursor. The handler
    runs between two steps of the event loop, so it only schedules the exit there
    (call_soon_threadsafe is the one loop call a signal handler may make).
    """

    def ending(signum: int, frame: FrameType | None) -> None:
        import asyncio  # loaded by Textual already; not by the commands that never run it

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not running yet (or any more): nothing to restore
            raise Ended(signum) from None
        loop.call_soon_threadsafe(lambda: app.exit(None, 128 + signum))

    previous = {number: signal.signal(number, ending) for number in ENDING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)

"""One measured process: start, draw the first full screen, quit.

    python -m benchmarks.child floor            the smallest Textual app, the floor
    python -m benchmarks.child app [--data F]   `vn-egov` itself, through its real CLI
    VN_EGOV_BENCH_SETTLED=1                     ...until its search index is ready too
    python -m benchmarks.child validate F       `vn-egov validate F`, output discarded
    python -m benchmarks.child parse F          tomli's parse of F, validate's floor

Both run headless at 120x40 and exit as soon as their first screen with content is on
the (virtual) display, so the difference between them is what vn-egov adds to Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from functools import partial
from typing import Any

SIZE = (120, 40)
DEADLINE_S = 300.0


def _floor() -> int:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("vn-egov")

    async def drawn(pilot: Any) -> None:
        await pilot.pause()
        pilot.app.exit()

    Floor().run(headless=True, size=SIZE, auto_pilot=drawn)
    return 0


def _app(argv: list[str]) -> int:
    # As the `vn-egov` command begins (tui.start.run), before anything else is imported.
    from tui.start import hold

    hold()
    # Headless, chosen as a script chooses it: without a terminal the explorer refuses.
    os.environ.setdefault("TEXTUAL_DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    from tui.app import VnEgovApp
    from tui.cli import main
    from tui.compat import on_frame
    from tui.widgets.event_list import EventList

    # The explorer is on screen once a frame has been written while its event list is
    # mounted and laid out (a large file first shows the loading screen, then the
    # explorer replaces it). Frames are watched where Textual writes them, not by Pilot,
    # whose pause() waits for every worker's messages to settle as well.

    # VN_EGOV_BENCH_SETTLED=1: wait as well for what a large timeline computes after its
    # first screen (data notes, series, search index), for the peak memory of a session.
    settled = os.environ.get("VN_EGOV_BENCH_SETTLED") == "1"

    def watched(app: VnEgovApp, screen: Any, renderable: Any) -> None:
        lists = app.screen.query(EventList)
        if renderable is None or not lists or lists.first().size.height <= 0:
            return
        queries = getattr(app.screen, "queries", None)
        if settled and queries is not None and queries.search is None:
            return
        app.exit()
        shown.set()

    # Set by the frame hook. Textual waits for this auto-pilot to return before the app
    # ends, so it must return as soon as the frame is shown: a pilot that only looked
    # every 0.2 s kept the process up to 0.2 s longer, time the floor never spends.
    shown = asyncio.Event()

    async def drawn(pilot: Any) -> None:
        # The frame hook above ends the run; this only keeps a deadline and notices a
        # load error. It wakes seldom: every wake of the UI thread takes the interpreter
        # from the loading thread, which would slow down the very thing being measured.
        started = time.monotonic()
        while time.monotonic() - started < DEADLINE_S and not shown.is_set():
            if getattr(pilot.app, "load_error", None):
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(shown.wait(), 0.2)
        pilot.app.exit()

    original = VnEgovApp.run

    def run(self: VnEgovApp, *args: Any, **kwargs: Any) -> Any:
        on_frame(self, partial(watched, self))
        return original(self, headless=True, size=SIZE, auto_pilot=drawn)

    VnEgovApp.run = run  # type: ignore[method-assign]
    return main(argv)


def _report_peak() -> None:
    """The process's own peak RSS, for the parent: a child's rusage on Linux also counts
    the parent's memory at the fork, which would charge the explorer with the benchmark's
    own loaded timelines."""
    target = os.environ.get("VN_EGOV_BENCH_PEAK")
    if not target:
        return
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    with open(target, "w", encoding="ascii") as out:
        out.write(peak)


def _validate(argv: list[str]) -> int:
    from tui.cli import main

    return 1 if main(["validate", *argv]) else 0


def _parse(path: str) -> int:
    import tomli

    with open(path, "rb") as file:
        tomli.load(file)
    return 0


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "validate":
        code = _validate(rest)
    elif mode == "parse":
        code = _parse(rest[0])
    else:
        code = _floor() if mode == "floor" else _app(rest)
    _report_peak()
    # Both end as the `vn-egov` command does (tui.process.finish): the floor quits the
    # same way, so that only what vn-egov adds is counted.
    from tui.process import finish

    finish(code)

"""One measured process: start, draw the first full screen, quit.

    python -m benchmarks.child floor            the smallest Textual app, the floor
    python -m benchmarks.child data             the floor, after reading the bundled
                                                timeline from the cache as `vn-egov` does
    python -m benchmarks.child app [--data F]   `vn-egov` itself, through its real CLI
    VN_EGOV_BENCH_SETTLED=1                     ...until its search index is ready too
    python -m benchmarks.child validate F       `vn-egov validate F`, output discarded
    python -m benchmarks.child parse F          tomli's parse of F, validate's floor

All run headless at 120x40 and exit at the first frame that shows their first screen,
the same way (_ended_at_first_frame), so the difference between the floor and the app is
what vn-egov adds to Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

SIZE = (120, 40)
DEADLINE_S = 300.0


def _ended_at_first_frame(app: Any, shown: Callable[[], bool]) -> Callable[[Any], Any]:
    """The auto-pilot that ends `app` at the first frame Textual writes once `shown()`
    holds: the floor and vn-egov quit the same way, each at its own first screen.

    Frames are watched where Textual writes them (tui.compat.on_frame), not by Pilot,
    whose pause() also waits for the app to go idle: the floor's pause() once kept it
    running 40 ms past its first frame, time vn-egov was never given."""
    from tui.compat import on_frame

    # Set by the frame hook. Textual waits for the auto-pilot to return before the app
    # ends, so the pilot must return as soon as the frame is shown: one that only looked
    # every 0.2 s kept the process up to 0.2 s longer.
    seen = asyncio.Event()

    def watched(_screen: Any, renderable: Any) -> None:
        if renderable is None or seen.is_set() or not shown():
            return
        app.exit()
        seen.set()

    on_frame(app, watched)

    async def pilot(pilot: Any) -> None:
        # The frame hook ends the run; this only keeps a deadline and notices a load
        # error. It wakes seldom: every wake of the UI thread takes the interpreter from
        # the loading thread, which would slow down the very thing being measured.
        started = time.monotonic()
        while time.monotonic() - started < DEADLINE_S and not seen.is_set():
            if getattr(pilot.app, "load_error", None):
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(seen.wait(), 0.2)
        pilot.app.exit()

    return pilot


def _floor() -> int:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("vn-egov")

    floor = Floor()

    def shown() -> bool:
        words = floor.screen.query(Static)
        return bool(words) and words.first().size.height > 0

    floor.run(headless=True, size=SIZE, auto_pilot=_ended_at_first_frame(floor, shown))
    return 0


def _data() -> int:
    """The floor, started after what `vn-egov` reads before its first screen: the bundled
    timeline from the cache (VN_EGOV_CACHE): its entry read, its records built and their
    references checked.

    Between this and the floor lies the cost of vn-egov's data; between this and `app`,
    the cost of its screens."""
    from tui.start import hold

    hold()
    from timeline.cache import TimelineCache
    from timeline.load import bundled_path

    cache = TimelineCache.from_environment(os.environ)
    if cache is None:
        raise SystemExit("the data floor reads the cache: set VN_EGOV_CACHE")
    cache.load(bundled_path())
    if cache.writer is not None:  # read from the file, not the cache: a different cost
        raise SystemExit(f"the data floor needs a warm cache in {cache.directory}")
    return _floor()


def _app(argv: list[str]) -> int:
    # As the `vn-egov` command begins (tui.start.run), before anything else is imported.
    from tui.start import hold

    hold()
    # Headless, chosen as a script chooses it: without a terminal the explorer refuses.
    os.environ.setdefault("TEXTUAL_DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    from tui.app import VnEgovApp
    from tui.cli import main
    from tui.widgets.event_list import EventList

    # VN_EGOV_BENCH_SETTLED=1: wait as well for what a large timeline computes after its
    # first screen (data notes, series, search index), for the peak memory of a session.
    settled = os.environ.get("VN_EGOV_BENCH_SETTLED") == "1"

    def shown(app: VnEgovApp) -> bool:
        # The explorer is on screen once a frame has been written while its event list is
        # mounted and laid out (a large file first shows the loading screen, then the
        # explorer replaces it).
        lists = app.screen.query(EventList)
        if not lists or lists.first().size.height <= 0:
            return False
        queries = getattr(app.screen, "queries", None)
        return not (settled and queries is not None and queries.search is None)

    original = VnEgovApp.run

    def run(self: VnEgovApp, *args: Any, **kwargs: Any) -> Any:
        pilot = _ended_at_first_frame(self, partial(shown, self))
        return original(self, headless=True, size=SIZE, auto_pilot=pilot)

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
    elif mode == "floor":
        code = _floor()
    elif mode == "data":
        code = _data()
    else:
        code = _app(rest)
    _report_peak()
    # Both end as the `vn-egov` command does (tui.process.finish): the floor quits the
    # same way, so that only what vn-egov adds is counted.
    from tui.process import finish

    finish(code)

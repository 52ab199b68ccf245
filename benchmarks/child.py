"""One measured process: start, draw the first full screen, quit.

    python -m benchmarks.child floor            the smallest Textual app, the floor
    python -m benchmarks.child app [--data F]   `vn-egov` itself, through its real CLI

Both run headless at 120x40 and exit as soon as their first screen with content is on
the (virtual) display, so the difference between them is what vn-egov adds to Textual.
"""

from __future__ import annotations

import asyncio
import sys
import time
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
    from tui.app import VnEgovApp
    from tui.cli import main
    from tui.widgets.event_list import EventList

    # The explorer is on screen once a frame has been written while its event list is
    # mounted and laid out (a large file first shows the loading screen, then the
    # explorer replaces it). Frames are watched where Textual writes them, not by Pilot,
    # whose pause() waits for every worker's messages to settle as well.
    display = VnEgovApp._display

    def watched(self: VnEgovApp, screen: Any, renderable: Any) -> None:
        display(self, screen, renderable)
        lists = self.screen.query(EventList)
        if renderable is not None and lists and lists.first().size.height > 0:
            self.exit()

    VnEgovApp._display = watched  # type: ignore[method-assign]

    async def drawn(pilot: Any) -> None:
        started = time.monotonic()
        while time.monotonic() - started < DEADLINE_S and not pilot.app._exit:
            if getattr(pilot.app, "load_error", None):
                break
            await asyncio.sleep(0.01)
        pilot.app.exit()

    original = VnEgovApp.run

    def run(self: VnEgovApp, *args: Any, **kwargs: Any) -> Any:
        return original(self, headless=True, size=SIZE, auto_pilot=drawn)

    VnEgovApp.run = run  # type: ignore[method-assign]
    return main(argv)


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    raise SystemExit(_floor() if mode == "floor" else _app(rest))

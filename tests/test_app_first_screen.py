"""What the first screen leaves for later: the search bar, the figures table, the palette's
commands and the search index come when they are first needed, and then work as ever."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import DataTable

from timeline.load import bundled_path, load
from timeline.model import Timeline
from tui.screens.explorer import ExplorerScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.event_list import EventList

from .conftest import make_app

# Run in a process of its own: this one has imported every module already.
FIRST_SCREEN = """
import asyncio, sys
from timeline.load import bundled_path, load
from tui.app import VnEgovApp

DEFERRED = (
    "textual.widgets._data_table",
    "tui.widgets.figures_table",
    "tui.widgets.search_bar",
    "tui.commands",
    "tui.widgets.keys_panel",
    "tui.copying",
)

async def main():
    app = VnEgovApp(load(bundled_path()), lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        print("mounted", [w.id for w in screen.query("#search, #figures, #detail-figure")])
        print("loaded", [name for name in DEFERRED if name in sys.modules])
        print("index", app.queries.search is not None)

asyncio.run(main())
"""


def test_the_first_screen_defers_what_it_does_not_show() -> None:
    """An event without figures is shown first: no table, no search bar, no palette
    commands are built or imported for it, and the index comes once it is drawn."""
    assert not load(bundled_path()).figures_for(load(bundled_path()).events[0])
    done = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["mounted []", "loaded []", "index True"]


async def test_the_table_comes_with_the_first_event_that_has_figures(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        events = screen.query_one(EventList)
        with_figures = next(
            row for row, index in enumerate(events.rows) if small.figures_for(small.events[index])
        )
        events.move_to(with_figures)
        await pilot.pause()
        await pilot.pause()
        pane = screen.query_one(DetailPane)
        [table] = pane.query(DataTable)
        assert table.display and table.row_count == len(pane.shown_figures) > 0
        # Back on an event without figures the table hides; it is not mounted twice.
        events.move_to(0)
        await pilot.pause()
        await pilot.pause()
        assert [t.display for t in pane.query(DataTable)] == [False]
        assert pane.shown_figures == ()

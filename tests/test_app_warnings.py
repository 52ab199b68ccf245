"""Data-quality notes: counted where everyone sees them, listed on `w`, each leading somewhere."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from tests.conftest import make_app
from timeline.model import Timeline
from timeline.queries import Queries
from tui.screens.explorer import ExplorerScreen
from tui.screens.warnings import WarningsScreen
from tui.widgets.event_list import EventList


async def test_the_count_is_on_the_status_line(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)):
        badge = str(app.screen.query_one("#status-warnings", Static).render())
        assert badge == f"⚠ {len(small.warnings)} data-quality notes"


async def test_w_lists_the_notes_and_enter_goes_to_the_event(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WarningsScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == len(small.warnings)
        assert "17.0 triệu" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")  # the note on the visits figure
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        events = app.screen.query_one(EventList)
        assert small.events[events.highlighted or 0].id == "report-2020-02"


async def test_clicking_the_count_opens_the_notes(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#status-warnings")
        await pilot.pause()
        assert isinstance(app.screen, WarningsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)


def test_every_note_leads_to_an_event(small: Timeline) -> None:
    queries = Queries(small)
    targets = [queries.event_of(w) for w in small.warnings]
    assert [small.events[t].id for t in targets if t is not None] == [
        "report-2020-02",
        "portal-launch",
    ]

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


async def test_the_notes_follow_the_language_and_the_figure_mode() -> None:
    from tests.test_checks import timeline_with
    from timeline.load import loads

    falling = loads(timeline_with(("later", 900_000, "cumulative", "2022-06-30", "")))
    app = make_app(falling)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        options = app.screen.query_one(OptionList)

        def note() -> str:
            return str(options.get_option_at_index(0).prompt).split("\n")[0]

        assert note() == (
            "⚠ Portal: Registered accounts: the running total falls from over 1.2 million "
            "(23 Nov 2021) to 900,000 (30 Jun 2022)."
        )
        await pilot.press("f")
        await pilot.pause()
        assert "falls from over 1,200,000 (23 Nov 2021) to 900,000" in note()
        await pilot.press("l")
        await pilot.pause()
        assert note() == (
            "⚠ Cổng DVCQG: Tài khoản đăng ký: số lũy kế giảm từ hơn 1.200.000 (23/11/2021) "
            "xuống 900.000 (30/6/2022)."
        )
        await pilot.press("f")
        await pilot.pause()
        assert "giảm từ hơn 1,2 triệu (23/11/2021) xuống 900.000" in note()
        assert isinstance(app.screen, WarningsScreen)

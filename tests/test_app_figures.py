"""The detail's figures: a table with qualifiers and periods; `f` shows every digit."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import make_app, screen_text
from timeline.l10n import Formatter
from timeline.model import Timeline
from tui.widgets.figures_table import FiguresTable


def _values(table: FiguresTable) -> list[str]:
    column = table.kinds.index("value")
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


async def test_figures_of_an_event_are_listed_with_their_qualifiers(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j", "j", "j", "j")  # report-2021-06
        table = app.screen.query_one("#figures", FiguresTable)
        milestone = small.events[7]
        assert milestone.id == "report-2021-06"
        figures = small.figures_for(milestone)
        fmt = Formatter("en")
        assert _values(table) == [fmt.figure(o, small.indicator[o.indicator]) for o in figures]
        # Under each name, what the figure covers: its period, or since launch.
        figure = table.kinds.index("figure")
        names = [str(table.get_row_at(r)[figure]).split("\n") for r in range(4)]
        assert [name for name, _covers in names] == [small.figure_name(o, "en") for o in figures]
        # ... and for a growth, what it is measured against.
        assert [covers for _name, covers in names] == [
            "since launch",
            "since launch",
            "H1 2021",
            "H1 2021, vs on the same period a year before",
        ]
        assert "H1 2021" in screen_text(app)  # a period, named the way the press names it


async def test_f_toggles_compact_and_full_figures(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j")  # report-2020-02: 65,900 accounts, 17 million visits
        table = app.screen.query_one("#figures", FiguresTable)
        figures = small.figures_for(small.events[4])
        compact = [Formatter("en").figure(o, small.indicator[o.indicator]) for o in figures]
        full = [Formatter("en", full=True).figure(o, small.indicator[o.indicator]) for o in figures]
        assert compact != full
        assert _values(table) == compact
        assert "compact figures" in str(app.screen.query_one("#status-mode", Static).render())
        await pilot.press("f")
        await pilot.pause()
        assert _values(table) == full
        assert "full figures" in str(app.screen.query_one("#status-mode", Static).render())
        await pilot.press("f")
        await pilot.pause()
        assert _values(table) == compact


async def test_data_quality_notes_are_shown_beside_the_figures(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j")
        warnings = str(app.screen.query_one("#detail-warnings", Static).render())
        assert "⚠" in warnings and "17.0 triệu" in warnings
        table = app.screen.query_one("#figures", FiguresTable)
        flags = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        assert flags == [" ", "⚠"]  # the visits figure is the one the note is about
        await pilot.press("l")
        await pilot.pause()
        warnings = str(app.screen.query_one("#detail-warnings", Static).render())
        assert "Bài viết ghi" in warnings


async def test_the_highlighted_figure_shows_its_own_words(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j", "tab")
        table = app.screen.query_one("#figures", FiguresTable)
        assert table.has_focus
        quote = app.screen.query_one("#detail-figure", Static)
        assert "đã có hơn 65.900 tài khoản đăng ký" in str(quote.render())
        await pilot.press("down")
        await pilot.pause()
        assert "hơn 17.0 triệu lượt truy cập" in str(quote.render())


async def test_a_growth_figure_says_what_it_is_compared_with(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "tab", "down", "down", "down")
        await pilot.pause()
        quote = str(app.screen.query_one("#detail-figure", Static).render())
        assert "tăng 150% so với cùng kỳ" in quote
        assert "on the same period a year before" in quote


async def test_an_event_without_figures_says_so(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)):
        heading = str(app.screen.query_one("#detail-figures-heading", Static).render())
        assert heading == "No figures are reported for this event."
        # No table is shown: none at all until an event with figures needs one.
        assert not [table for table in app.screen.query(FiguresTable) if table.display]

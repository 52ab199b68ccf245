"""The incremental search: accent-insensitive, acronyms, both languages, said when empty."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label

from tests.conftest import big_timeline, make_app
from timeline.model import Timeline
from timeline.search import SearchIndex
from tui.compat import toasts
from tui.screens.explorer import ExplorerScreen
from tui.widgets.event_list import EventList
from tui.widgets.platform_chips import PlatformChips
from tui.widgets.search_bar import SearchBar

PORTAL_EVENTS = {"portal-launch", "report-2020-02", "report-2021-06", "report-2021-11",
                 "portal-services-undated"}  # fmt: skip


def _ids(small: Timeline, rows: object) -> set[str]:
    return {small.events[i].id for i in rows}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "must_include"),
    [
        ("dich vu cong", {"portal-launch", "report-2020-02"}),  # no diacritics typed
        ("Dịch vụ công", {"portal-launch", "report-2020-02"}),
        ("dvcqg", PORTAL_EVENTS),  # the Portal's acronym
        ("portal", PORTAL_EVENTS),  # English
        ("cổng tài khoản", {"report-2020-02", "report-2021-06", "report-2021-11"}),
    ],
)
async def test_typing_filters_the_list(small: Timeline, query: str, must_include: set[str]) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        search = app.screen.query_one(SearchBar)
        assert search.is_open
        assert search.input.has_focus
        await pilot.press(*query)
        await pilot.pause()
        rows = app.screen.query_one(EventList).rows
        assert _ids(small, rows) == _ids(small, SearchIndex(small).find(query))
        assert must_include <= _ids(small, rows)
        status = str(app.screen.query_one("#search-status", Label).render())
        assert status == f"{len(rows)} matches"


async def test_the_acronym_finds_only_the_portal(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"dvcqg")
        assert _ids(small, app.screen.query_one(EventList).rows) == PORTAL_EVENTS


async def test_no_match_is_said_not_shown_as_a_void(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"xyzzy")
        await pilot.pause()
        events = app.screen.query_one(EventList)
        assert list(events.rows) == []
        assert str(app.screen.query_one("#search-status", Label).render()) == "No matches"
        assert "No matches for “xyzzy”" in events.render_line(1).text
        assert "Escape clears the search" in events.render_line(2).text
        assert app.screen.query_one(PlatformChips).count_text() == "0 of 11 events"
        assert str(app.screen.query_one("#detail-title").render()) == "Nothing to show"


async def test_search_combines_with_the_platform_filter(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "slash", *"tai khoan")
        rows = app.screen.query_one(EventList).rows
        assert _ids(small, rows) == {"report-2020-02", "report-2021-06", "report-2021-11"}
        await pilot.press("escape", "1", "slash", *"tai khoan")  # the Axis reports no accounts
        assert list(app.screen.query_one(EventList).rows) == []
        await pilot.press("escape", "escape", "3", "slash", *"tai khoan")
        await pilot.press("escape")  # clears the search, keeps the platform
        assert len(app.screen.query_one(EventList).rows) == 5
        assert app.screen.query_one(PlatformChips).active == "portal"


async def test_n_and_shift_n_step_through_matches_and_wrap(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"portal", "enter")
        events = app.screen.query_one(EventList)
        assert events.has_focus
        assert events.cursor == 0
        count = len(events.rows)
        await pilot.press("n")
        assert events.cursor == 1
        await pilot.press("N", "N")
        assert events.cursor == count - 1  # wrapped to the last match
        await pilot.press("n")
        assert events.cursor == 0


async def test_n_does_nothing_without_a_search(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert app.screen.query_one(EventList).cursor == 0
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen.check_action("next_match", ()) is False
        await pilot.pause()
        said = " ".join(toasts(app))
        assert "No search to step through" in said  # says why, in a toast


async def test_escape_clears_and_closes(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"portal")
        await pilot.press("escape")
        search = app.screen.query_one(SearchBar)
        assert not search.is_open
        assert search.query_one(Input).value == ""
        events = app.screen.query_one(EventList)
        assert len(events.rows) == 11
        assert events.has_focus


async def test_matches_are_highlighted_in_titles(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("slash", *"portal", "enter")
        events = app.screen.query_one(EventList)
        match_style = events.get_component_rich_style("event-list--match", partial=True)
        # Row 1 is not under the cursor: "National Public Service Portal launched".
        line = events.render_line(1)
        highlighted = [seg.text for seg in line if seg.style and seg.style.underline]
        assert match_style.underline
        assert highlighted == ["Portal"]


async def test_highlight_lands_on_the_accented_letters(small: Timeline) -> None:
    app = make_app(small, lang="vi")
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("slash", *"dich vu cong", "enter")
        events = app.screen.query_one(EventList)
        line = events.render_line(1)
        highlighted = [seg.text for seg in line if seg.style and seg.style.underline]
        assert "Dịch" in highlighted and "vụ" in highlighted


async def test_keys_typed_right_after_the_slash_land_in_the_box(small: Timeline) -> None:
    """A terminal delivers "/dvcqg" typed fast in one read: no key may be lost."""
    from textual import events

    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        for char in "/dvcqg":
            app.post_message(events.Key("slash" if char == "/" else char, char))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(SearchBar).value == "dvcqg"


async def test_a_slash_in_the_box_is_a_character(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", "6", "1", "slash", "2", "0", "1", "8")
        assert app.screen.query_one(SearchBar).value == "61/2018"
        rows = app.screen.query_one(EventList).rows
        assert _ids(small, rows) == {"decree-61-2018"}


async def test_the_scrollbar_follows_the_number_of_matches() -> None:
    """A new number of matches re-sizes the scrollbar (without a layout when it stays)."""
    app = make_app(big_timeline(1000))
    async with app.run_test(size=(100, 26)) as pilot:
        await pilot.press("slash")
        event_list = app.screen.query_one(EventList)
        counts = []
        for key in ["1", "2", "3", "backspace", "backspace"]:  # 1, 12, 123, 12, 1
            await pilot.press(key)
            await pilot.pause()
            rows, room = len(event_list.rows), event_list.container_size.height
            counts.append(rows)
            assert event_list.show_vertical_scrollbar == (rows > room)
            if rows > room:
                assert event_list.vertical_scrollbar.window_virtual_size == rows
            assert event_list.max_scroll_y == max(0, rows - room)
        assert counts[0] > counts[1] > room >= counts[2], counts  # both ways across a page
        await pilot.press("enter", "end")
        assert event_list.cursor == counts[-1] - 1
        assert event_list.scroll_offset.y == counts[-1] - event_list.container_size.height

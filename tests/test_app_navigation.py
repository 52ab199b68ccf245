"""Moving through the events: keys, the ruler, the mouse; the detail follows the cursor."""

from __future__ import annotations

from textual.events import MouseScrollDown
from textual.widgets import Static

from tests.conftest import big_timeline, make_app
from timeline.model import Timeline
from tui.widgets.event_list import EventList
from tui.widgets.time_ruler import TimeRuler


def _detail_title(app: object) -> str:
    from textual.app import App

    assert isinstance(app, App)
    return str(app.screen.query_one("#detail-title", Static).render())


async def test_keys_walk_the_events_in_date_order(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        events = app.screen.query_one(EventList)
        assert events.has_focus
        assert events.highlighted == 0
        steps = [
            ("j", 1),
            ("down", 2),
            ("k", 1),
            ("up", 0),
            ("up", 0),  # the top is the top: no wrap-around
            ("G", 10),
            ("j", 10),
            ("g", 0),
            ("end", 10),
            ("home", 0),
        ]
        for key, expected in steps:
            await pilot.press(key)
            assert events.highlighted == expected, key
        await pilot.press("j", "j", "j")
        assert _detail_title(app) == small.events[3].title.en


async def test_left_and_right_move_along_the_ruler(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        events = app.screen.query_one(EventList)
        ruler = app.screen.query_one(TimeRuler)
        await pilot.press("right", "right")
        assert events.highlighted == 2
        assert ruler._selected == 2
        await pilot.press("left")
        assert events.highlighted == 1
        assert ruler._selected == 1


async def test_page_keys_move_a_screenful(small: Timeline) -> None:
    app = make_app(big_timeline(300))
    async with app.run_test(size=(80, 24)) as pilot:
        events = app.screen.query_one(EventList)
        page = events.scrollable_content_region.height
        assert page > 5
        await pilot.press("pagedown")
        assert events.highlighted == page
        await pilot.press("pagedown")
        assert events.highlighted == 2 * page
        # The cursor stays on screen.
        assert events.scroll_offset.y <= events.cursor < events.scroll_offset.y + page
        await pilot.press("pageup")
        assert events.highlighted == page
        await pilot.press("end")
        assert events.highlighted == 299
        assert events.scroll_offset.y <= 299 < events.scroll_offset.y + page
        await pilot.press("home")
        assert events.highlighted == 0
        assert events.scroll_offset.y == 0


async def test_clicking_a_row_selects_it(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        events = app.screen.query_one(EventList)
        # One cell of border above the first row.
        await pilot.click(EventList, offset=(10, 1 + 4))
        await pilot.pause()
        assert events.highlighted == 4
        assert _detail_title(app) == small.events[4].title.en


async def test_double_click_opens_the_source(small: Timeline) -> None:
    from tui.screens.source import SourceScreen

    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.double_click(EventList, offset=(10, 1 + 2))
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


async def test_the_mouse_wheel_scrolls_the_list() -> None:
    app = make_app(big_timeline(300))
    async with app.run_test(size=(80, 24)) as pilot:
        events = app.screen.query_one(EventList)
        assert events.scroll_offset.y == 0
        for _ in range(3):
            await pilot.mouse_down(EventList, offset=(5, 5))  # hover first
            events.post_message(_wheel(events))
            await pilot.pause()
        assert events.scroll_offset.y > 0


def _wheel(widget: EventList) -> MouseScrollDown:

    return MouseScrollDown(
        widget, 5, 5, 0, 0, 0, False, False, False, screen_x=5, screen_y=5, style=None
    )


async def test_clicking_a_mark_on_the_ruler_selects_its_event(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        ruler = app.screen.query_one(TimeRuler)
        events = app.screen.query_one(EventList)
        width = ruler.scrollable_content_region.width
        target = 8  # Decision 1498, alone in its column
        column = ruler._x(small.events[target].date, width)
        await pilot.click(TimeRuler, offset=(1 + column, 0))  # one cell of padding
        await pilot.pause()
        assert events.highlighted == target


async def test_the_list_is_the_first_and_only_widget_focused_as_the_explorer_starts(
    small: Timeline,
) -> None:
    """A key typed while the screen comes up goes to the list: the hidden search box,
    the first widget that could take the focus, once had it for the first frames."""
    from pathlib import Path, PurePath
    from typing import ClassVar, cast

    from textual import events

    import tui.app
    from tui.app import VnEgovApp

    focused: list[str] = []

    class Watched(VnEgovApp):
        # A CSS path is read beside the module of the class that names it.
        CSS_PATH: ClassVar[list[str | PurePath]] = [
            Path(tui.app.__file__).parent / path for path in cast("list[str]", VnEgovApp.CSS_PATH)
        ]

        def on_descendant_focus(self, event: events.DescendantFocus) -> None:
            focused.append(f"{type(event.widget).__name__}#{event.widget.id}")

    app = Watched(small, lang="en")
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert focused == ["EventList#events"]
        await pilot.press("j")
        assert app.screen.query_one(EventList).highlighted == 1

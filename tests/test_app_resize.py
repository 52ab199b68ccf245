"""Any size from 40x12 up works; smaller says so; resizing at any moment is safe."""

from __future__ import annotations

import pytest

from tests.conftest import make_app, screen_text
from timeline.model import Timeline
from tui.screens.explorer import ExplorerScreen, breakpoint_classes
from tui.widgets.event_list import EventList

SIZES = [(40, 12), (60, 20), (80, 24), (100, 30), (120, 40), (160, 50), (200, 60), (41, 13)]


async def test_resizing_through_every_size_is_safe(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "j", "j")
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            text = screen_text(app)
            assert "Please enlarge" not in text, (width, height)
            events = app.screen.query_one(EventList)
            assert events.highlighted == 4
            assert events.region.height >= 2, (width, height)
        assert app.is_running


@pytest.mark.parametrize("screen_key", ["enter", "question_mark", "w", "ctrl+p", "slash"])
async def test_resizing_with_an_overlay_open_is_safe(small: Timeline, screen_key: str) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j", screen_key)
        await pilot.pause()
        for width, height in [*SIZES, (30, 8), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            screen_text(app)
        assert app.is_running


@pytest.mark.parametrize("size", [(39, 24), (80, 11), (20, 6), (1, 1)])
async def test_too_small_a_terminal_is_told_to_grow(small: Timeline, size: tuple[int, int]) -> None:
    app = make_app(small)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen.has_class("-tiny")
        if size[0] >= 20 and size[1] >= 4:
            assert "enlarge" in screen_text(app).replace("\n", " ")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.has_class("-tiny")
        assert "Please enlarge" not in screen_text(app)


async def test_narrow_layout_puts_the_detail_under_the_list(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        events = app.screen.query_one("#events")
        detail = app.screen.query_one("#detail")
        assert detail.region.y >= events.region.bottom
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert detail.region.x >= events.region.right


@pytest.mark.parametrize("size", [(120, 40), (100, 30), (70, 15), (50, 12)])
async def test_the_size_classes_fit_the_terminal_from_the_first_frame(
    small: Timeline, size: tuple[int, int]
) -> None:
    """Set when the screen is made (not at the first resize, which would restyle every
    widget at start-up), and changed by a real resize."""
    app = make_app(small)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        width, height = size
        expected = {
            *breakpoint_classes(width, screen.HORIZONTAL_BREAKPOINTS),
            *breakpoint_classes(height, screen.VERTICAL_BREAKPOINTS),
        }
        assert expected <= screen.classes
        await pilot.resize_terminal(*((130, 40) if width < 120 else (70, 14)))
        await pilot.pause()
        assert not expected <= screen.classes  # a real change of size changes them


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("width", [36, 40, 60])
async def test_the_top_line_shortens_rather_than_cut(
    small: Timeline, lang: str, width: int
) -> None:
    """Narrow, the top line keeps the language whole: it drops words, not their ends."""
    app = make_app(small, lang)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        top = screen_text(app).splitlines()[0].rstrip()
        assert top.endswith(lang.upper()) or top.endswith(
            "compact figures" if lang == "en" else "số liệu rút gọn"
        ), top
        if "⚠" in top:
            assert top.split("⚠")[1].split()[0][0].isdigit()


async def test_too_small_a_terminal_offers_only_keys_that_can_act(small: Timeline) -> None:
    """The list, search and chips are hidden there: their keys leave the key bar and do
    nothing, and come back when the terminal grows."""
    app = make_app(small)
    async with app.run_test(size=(36, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen) and screen.has_class("-tiny")
        bar = screen_text(app).splitlines()[-1]
        assert "Search" not in bar and "Help" in bar, bar
        await pilot.press("slash", "p")
        await pilot.pause()
        # Not opened: the box is not focused, nor even there until a "/" can act.
        assert not [box for box in screen.query("#search-input") if box.has_focus]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "Search" in screen_text(app).splitlines()[-1]
        await pilot.press("slash")
        await pilot.pause()
        assert screen.query_one("#search-input").has_focus

"""Bindings are complete (id, description), quitting works everywhere, themes recolour."""

from __future__ import annotations

from typing import cast

import pytest
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widget import Widget

from tests.conftest import make_app, screen_text
from timeline.model import Timeline
from tui.app import VnEgovApp
from tui.labels import SLOTS
from tui.platform_colours import SLOT_COLOURS
from tui.screens.explorer import ExplorerScreen
from tui.screens.help import HelpScreen
from tui.screens.source import QuotedFigures, SourceScreen
from tui.screens.sources import SourcesScreen, SourcesTable
from tui.screens.warnings import WarningsScreen
from tui.widgets.event_list import EventList
from tui.widgets.figures_table import FiguresTable
from tui.widgets.platform_chips import PlatformChips
from tui.widgets.search_bar import SearchBar
from tui.widgets.time_ruler import TimeRuler

OURS: list[type[DOMNode]] = [
    VnEgovApp,
    ExplorerScreen,
    EventList,
    FiguresTable,
    QuotedFigures,
    SearchBar,
    SourceScreen,
    SourcesScreen,
    SourcesTable,
    WarningsScreen,
    HelpScreen,
]


@pytest.mark.parametrize("node_type", OURS, ids=lambda t: t.__name__)
def test_every_binding_has_an_id_and_a_description(node_type: type[DOMNode]) -> None:
    bindings = node_type.__dict__.get("BINDINGS", [])
    assert bindings
    for binding in bindings:
        assert isinstance(binding, Binding)
        assert binding.id, binding
        assert binding.description, binding


def test_binding_ids_are_unique() -> None:
    ids = [b.id for t in OURS for b in t.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("where", [(), ("enter",), ("w",)])
@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_q_and_ctrl_q_quit_from_anywhere(
    small: Timeline, key: str, where: tuple[str, ...]
) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*where)
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_q_in_the_search_box_is_a_letter(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", "q")
        assert app.is_running
        assert app.screen.query_one(SearchBar).value == "q"


def painted_colours(widget: Widget) -> set[str]:
    """The foreground colours a line-painting widget puts on screen, as #rrggbb."""
    colours: set[str] = set()
    for y in range(widget.size.height):
        for segment in widget.render_line(y):
            colour = segment.style.color if segment.style else None
            if colour is not None and colour.triplet is not None:
                colours.add(colour.triplet.hex)
    return colours


@pytest.mark.parametrize("widget", [EventList, PlatformChips, TimeRuler])
async def test_a_change_of_theme_repaints_the_platform_colours(
    small: Timeline, widget: type[Widget]
) -> None:
    """The list's badges, the chips and the ruler's marks take the light palette when the
    reader switches to a light theme, and none of the dark one stays on screen."""
    assert all(len(colours) == SLOTS + 1 for colours in SLOT_COLOURS.values())
    dark, light = set(SLOT_COLOURS[True]), set(SLOT_COLOURS[False])
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        painter = app.screen.query_one(widget)
        assert painted_colours(painter) & dark
        assert not painted_colours(painter) & light
        app.theme = "textual-light"
        await pilot.pause()
        assert app.theme_variables["slot-3"] == SLOT_COLOURS[False][3]
        assert painted_colours(painter) & light
        assert not painted_colours(painter) & dark
        assert "Portal" in screen_text(app)


async def test_t_opens_the_theme_picker(small: Timeline) -> None:
    from textual.command import CommandPalette

    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert CommandPalette.is_open(cast("App[object]", app))
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)

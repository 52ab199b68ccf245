"""The command palette: jump to events, platforms, indicators in either language; switches."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette

from tests.conftest import make_app
from timeline.model import Timeline
from tui.screens.explorer import ExplorerScreen
from tui.widgets.event_list import EventList
from tui.widgets.platform_chips import PlatformChips


async def _run(pilot: object, query: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert CommandPalette.is_open(pilot.app)
    await pilot.press(*query)
    await pilot.pause(0.4)  # the palette gathers hits in a worker
    await pilot.press("enter")
    await pilot.pause()


async def test_an_acronym_jumps_to_the_platform(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await _run(pilot, "dvcqg")
        assert isinstance(app.screen, ExplorerScreen)
        assert app.screen.query_one(PlatformChips).active == "portal"


async def test_a_vietnamese_indicator_name_without_accents_jumps_to_its_first_event(
    small: Timeline,
) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await _run(pilot, "tai khoan dang ky")
        events = app.screen.query_one(EventList)
        assert small.events[events.highlighted or 0].id == "report-2020-02"


async def test_an_event_title_in_the_other_language_jumps_to_it(small: Timeline) -> None:
    app = make_app(small, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # a filter that hides the decision: the jump clears it
        await _run(pilot, "quyet dinh 1498")
        events = app.screen.query_one(EventList)
        assert small.events[events.highlighted or 0].id == "decision-1498"
        assert app.screen.query_one(PlatformChips).active is None


async def test_commands_switch_language_and_figures(small: Timeline) -> None:
    from tui.app import VnEgovApp

    app = make_app(small, lang="en")
    assert isinstance(app, VnEgovApp)
    async with app.run_test(size=(120, 40)) as pilot:
        await _run(pilot, "switch to vietnamese")
        assert app.lang == "vi"
        await _run(pilot, "chuyen sang tieng anh")
        assert app.lang == "en"
        await _run(pilot, "figures in full")
        assert app.full_figures


async def test_palette_hits_are_shown_without_markup(hostile: Timeline) -> None:
    from textual.command import Command, CommandList

    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"click here")
        await pilot.pause(0.4)
        commands = app.screen.query_one(CommandList)
        prompts = [
            str(option.prompt) for option in commands._options if isinstance(option, Command)
        ]
        assert any("[@click=app.quit]Click here[/]" in p for p in prompts)
        await pilot.press("escape")
        assert app.is_running


@pytest.mark.parametrize(("lang", "query"), [("en", "export"), ("vi", "xuat")])
async def test_export_in_the_palette_opens_the_dialog(
    small: Timeline, lang: str, query: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.export import ExportScreen

    monkeypatch.chdir(tmp_path)
    app = make_app(small, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await _run(pilot, query)
        assert isinstance(app.screen, ExportScreen)
        assert list(tmp_path.iterdir()) == []  # the dialog asks first


async def test_export_is_among_the_commands_offered_at_once(small: Timeline) -> None:
    from textual.command import Command, CommandList

    app = make_app(small, lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.4)
        commands = app.screen.query_one(CommandList)
        prompts = [str(o.prompt) for o in commands.options if isinstance(o, Command)]
        assert any(p.startswith("Xuất") and "(e)" in p for p in prompts), prompts


@pytest.mark.parametrize("run", range(3))
async def test_the_palette_lists_the_explorers_commands_before_the_system_ones(
    small: Timeline, run: int
) -> None:
    """Opened empty, the palette once listed them in whichever order its providers
    answered; now the explorer's own come first, every time, then Textual's."""
    from textual.command import CommandList

    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.4)  # the palette gathers hits in a worker
        options = app.screen.query_one(CommandList)
        prompts = [
            str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)
        ]
        assert prompts[0] == "Switch to Vietnamese", prompts
        assert "Quit" in prompts
        assert prompts.index("Help") < prompts.index("Quit"), prompts

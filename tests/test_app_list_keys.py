"""The same keys in every list: j/k/g/G (and Home/End, PageUp/PageDown) move the highlight
in the dialogs' option lists as they do in the tables and the event list."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.conftest import make_app
from timeline.load import bundled_path, load
from timeline.model import Timeline
from tui.screens.export import CHOICES, ExportScreen
from tui.screens.warnings import WarningsScreen


async def _moves(pilot: Pilot[None], options: OptionList) -> None:
    """Each key, from where the last left the highlight."""
    last = options.option_count - 1
    assert last >= 2, "a list long enough to tell the keys apart"
    for keys, expected in (
        (["j"], 1),
        (["j"], 2),
        (["k"], 1),
        (["G"], last),
        (["g"], 0),
        (["end"], last),
        (["home"], 0),
    ):
        await pilot.press(*keys)
        await pilot.pause()
        assert options.highlighted == expected, f"{keys} left the highlight elsewhere"
    await pilot.press("pagedown")
    await pilot.pause()
    assert (options.highlighted or 0) > 0
    await pilot.press("pageup")
    await pilot.pause()
    assert options.highlighted == 0


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load(bundled_path())  # many notes, more than a page of them


async def test_the_notes_move_with_j_k_g_and_G(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WarningsScreen)
        options = app.screen.query_one(OptionList)
        assert app.focused is options and options.highlighted == 0
        await _moves(pilot, options)


async def test_the_export_formats_move_with_j_k_g_and_G(
    small: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        options = app.screen.query_one(OptionList)
        assert app.focused is options and options.option_count == len(CHOICES)
        await _moves(pilot, options)
        # The dialog follows the keys: G names the last format's file.
        await pilot.press("G")
        await pilot.pause()
        target = str(app.screen.query_one("#export-target").render())
        assert app.screen.target(CHOICES[-1]).name in target
        assert list(tmp_path.iterdir()) == []  # moving writes nothing

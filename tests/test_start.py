"""The collector is held off while the command starts, and runs again once it is under way."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.conftest import make_app
from timeline.model import Timeline
from tui.start import hold, started


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever a test does to the collector is undone after it."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_held_then_started(collector: None) -> None:
    hold()
    assert not gc.isenabled()
    started()
    assert gc.isenabled()
    # What start-up built is out of the collector's sight from then on.
    assert gc.get_freeze_count() > 0


def test_started_leaves_a_collector_it_did_not_hold(collector: None) -> None:
    gc.disable()
    gc.enable()
    frozen = gc.get_freeze_count()
    started()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


async def test_the_explorer_collects_again_once_its_first_screen_is_drawn(
    collector: None, small: Timeline
) -> None:
    hold()
    app = make_app(small)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()


def test_a_command_collects_again_once_its_arguments_are_read(
    collector: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    hold()
    assert main(["schema"]) == 0
    assert gc.isenabled()
    assert capsys.readouterr().out.startswith("{")

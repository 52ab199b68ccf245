"""A large file loads in a thread behind a loading screen; a bad one ends the app with code 1."""

from __future__ import annotations

import threading
import time

import pytest

from tests.conftest import screen_text
from timeline.load import Progress
from timeline.model import Timeline
from timeline.problems import Place, fail
from tui.app import VnEgovApp
from tui.screens.explorer import ExplorerScreen
from tui.screens.loading import LoadingScreen


async def test_loading_screen_then_the_explorer(small: Timeline) -> None:
    release = threading.Event()

    def slow_load(progress: Progress) -> Timeline:
        progress("validating", 40_000, 105_000)
        release.wait(5)
        return small

    app = VnEgovApp(None, lang="en", load=slow_load)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadingScreen)  # the first frame does not wait
        for _ in range(50):
            if "105,000" in screen_text(app):
                break
            await pilot.pause(0.02)
        # The loader's own count, and a bar of the same proportion.
        text = screen_text(app)
        assert "Checking 40,000 of 105,000 entries…" in text
        bar = next(line.strip() for line in text.splitlines() if "╌" in line)
        assert bar.count("━") == round(30 * 40_000 / 105_000)
        # In the middle of the screen, not against its left edge.
        for shown in ("Checking", "╌"):
            line = next(line.rstrip() for line in text.splitlines() if shown in line)
            words = line.strip()
            left = len(line) - len(words)
            assert abs(left - (80 - len(line))) <= 1, f"{words!r} is not centred"
        release.set()
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, ExplorerScreen):
                break
        assert isinstance(app.screen, ExplorerScreen)
        assert app.timeline is small
        await pilot.pause()
        await pilot.press("j")
        assert app.screen.query_one("#events").highlighted == 1  # type: ignore[attr-defined]


async def test_a_load_error_exits_with_code_1_and_keeps_the_error() -> None:
    error = fail(Place("bad.toml", 3, 1), "toml-expected-equals")

    def failing_load(progress: Progress) -> Timeline:
        time.sleep(0.05)
        raise error

    app = VnEgovApp(None, lang="vi", load=failing_load)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if not app.is_running:
                break
    assert app.return_code == 1
    assert app.load_error is error


def test_the_app_needs_a_timeline_or_a_loader() -> None:
    with pytest.raises(ValueError, match="timeline or a load"):
        VnEgovApp(None)


async def test_progress_is_shown_once_a_second_and_at_every_stage(
    small: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report is a frame the loading thread waits for: a burst of counts is one."""
    shown: list[str] = []
    monkeypatch.setattr(
        LoadingScreen, "show_progress", lambda self, stage, d, t: shown.append(stage)
    )

    def chatty_load(progress: Progress) -> Timeline:
        progress("reading", 0, 0)
        for done in range(1, 5_000):
            progress("validating", done, 5_000)
        progress("checking", 0, 0)
        return small

    app = VnEgovApp(None, lang="en", load=chatty_load)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, ExplorerScreen):
                break
    assert shown[0] == "reading"
    assert shown.count("validating") <= 2  # 4,998 counts within a second
    assert len(shown) <= 4

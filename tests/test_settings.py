"""Settings: one immutable object the app owns; widgets follow it by Textual's watch."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.reactive import reactive
from textual.widgets import Static

from tests.conftest import make_app
from timeline.l10n import current_language
from timeline.model import Timeline
from tui.language import _, language
from tui.settings import FollowsSettings, Settings


def test_settings_are_immutable_and_carry_their_formatter() -> None:
    settings = Settings(lang="vi", full=True)
    with pytest.raises(AttributeError):
        settings.lang = "en"  # type: ignore[misc]
    assert settings.formatter.number(1_200_000) == "1.200.000"
    assert Settings(lang="vi").formatter.number(1_200_000) == "1,2 triệu"
    assert settings.replace(lang="en").lang == "en" and settings.lang == "vi"
    assert Settings(lang="klingon").lang == "en"


class Follower(FollowsSettings, Static):
    """A widget someone new might write: it only says what to redraw."""

    def on_mount(self) -> None:
        self.update(self.text())

    def text(self) -> str:
        return f"{_('Events')} {self.settings.formatter.number(1_200_000)}"

    def settings_changed(self, settings: Settings) -> None:
        self.update(self.text())


class Host(App[None]):
    settings: reactive[Settings] = reactive(Settings(), init=False)

    def compose(self) -> ComposeResult:
        yield Follower(id="follower")


async def test_a_new_widget_follows_language_and_figure_mode() -> None:
    app = Host()
    async with app.run_test() as pilot:
        follower = app.query_one(Follower)
        assert str(follower.render()) == "Events 1.2 million"
        app.settings = app.settings.replace(lang="vi")
        await pilot.pause()
        assert str(follower.render()) == "Sự kiện 1,2 triệu"
        app.settings = app.settings.replace(full=True)
        await pilot.pause()
        assert str(follower.render()) == "Sự kiện 1.200.000"


async def test_the_explorer_never_sets_the_process_language(small: Timeline) -> None:
    before = current_language()
    app = make_app(small, lang="vi")
    async with app.run_test() as pilot:
        await pilot.press("l")
        await pilot.press("l")
        assert app.settings.lang == "vi"
    assert current_language() == before
    assert language() == before  # outside the app, the process's language


async def test_the_theme_is_part_of_the_settings(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test() as pilot:
        app.theme = "textual-light"
        await pilot.pause()
        assert app.settings.theme == "textual-light"
        app.settings = app.settings.replace(theme="nord")
        await pilot.pause()
        assert app.theme == "nord"


async def test_a_remembered_theme_colours_the_first_screen(small: Timeline) -> None:
    """A theme given at start (from the settings file) is drawn, not only named."""
    from textual.color import Color

    from tui.app import VnEgovApp

    app = VnEgovApp(small, theme="textual-light")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        light = Color.parse(app.get_theme("textual-light").background or "white")  # type: ignore[union-attr]
        assert app.screen.styles.background == light
        assert app.has_class("-light-mode") and not app.has_class("-dark-mode")

"""The command palette of a Vietnamese reader holds no English: what it offers at once,
what a search finds, the theme picker's prompt and list."""

from __future__ import annotations

from textual.command import Command, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import make_app, screen_text
from tests.english import english_words
from timeline.model import Timeline


def _shown(pilot: Pilot[None]) -> tuple[str, list[str]]:
    """The palette's prompt (its placeholder while empty) and every entry it lists."""
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    prompt = palette.query_one(Input)
    entries = [
        str(option.prompt)
        for option in palette.query_one(CommandList).options
        if isinstance(option, Command)
    ]
    return prompt.placeholder, entries


async def _type(pilot: Pilot[None], text: str) -> None:
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).value = ""
    await pilot.press(*text)
    await pilot.pause(0.5)  # the palette gathers its hits in a worker


async def test_the_palette_in_vietnamese_holds_no_english(small: Timeline) -> None:
    app = make_app(small, lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        placeholder, entries = _shown(pilot)
        assert entries, "the palette offers its commands before anything is typed"
        assert english_words(placeholder) == [], placeholder
        for entry in entries:
            assert english_words(entry) == [], entry
        for query in ("the", "chu", "theme", "quit", "screenshot", "keys"):
            await _type(pilot, query)
            _placeholder, entries = _shown(pilot)
            for entry in entries:
                assert english_words(entry) == [], (query, entry)
            # The whole screen, but for what the reader typed.
            palette_lines = screen_text(app).replace(query, "")
            assert english_words(palette_lines) == [], (query, palette_lines)


async def test_the_theme_picker_in_vietnamese_holds_no_english(small: Timeline) -> None:
    app = make_app(small, lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause(0.5)
        placeholder, themes = _shown(pilot)
        assert len(themes) > 3, "the picker lists the themes"
        assert english_words(placeholder) == [], placeholder
        for theme in themes:
            assert english_words(theme) == [], theme
        assert english_words(screen_text(app)) == []
        await _type(pilot, "zzzz")  # nothing matches: the picker says so, after a moment
        await pilot.pause(1.0)
        assert "Không tìm thấy" in screen_text(app)
        assert english_words(screen_text(app)) == []

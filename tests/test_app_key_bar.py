"""The key bar: the keys that work here, kept to one line, clickable."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.conftest import make_app, screen_text
from timeline.model import Timeline
from tui.widgets.key_bar import KeyBar


async def test_the_bar_offers_this_screens_keys(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = [(k.display, k.description) for k in bar.shown(bar.size.width)]
        for pair in (("/", "Search"), ("q", "Quit"), ("?", "Help"), ("^p", "Commands")):
            assert pair in shown
        # Help and the palette close the line, whatever the binding order.
        assert [d for _k, d in shown][-2:] == ["Help", "Commands"]
        last = screen_text(app).splitlines()[-1]
        assert "/ Search" in last and "? Help" in last and "^p Commands" in last


async def test_a_narrow_bar_drops_keys_but_keeps_help(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        every = bar.keys()
        shown = bar.shown(bar.size.width)
        assert len(shown) < len(every)
        assert [k.description for k in shown][-2:] == ["Help", "Commands"]
        last = screen_text(app).splitlines()[-1]
        assert last.rstrip().endswith("^p Commands")
        assert len(last.rstrip()) <= 60
        # What is dropped is dropped from the end: the first keys stay.
        others = [k for k in every if not k.kept]
        assert [k for k in shown if not k.kept] == others[: len(shown) - 2]


async def test_clicking_a_key_does_what_the_key_does(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        bar.render()  # where each key is drawn
        [start] = [s for s, _e, key in bar._spans if key.description == "Search"]
        # Hovering marks the key under the pointer.
        await pilot.hover(KeyBar, offset=(start + 1, 0))
        assert bar._hover is not None and bar._spans[bar._hover][2].description == "Search"
        assert await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.focused, Input)


async def test_the_bar_follows_the_bindings_as_they_change(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(160, 40)) as pilot:
        bar = app.screen.query_one(KeyBar)
        before = [k.description for k in bar.shown(bar.size.width)]
        assert "Next match" not in before
        await pilot.press("slash", *"portal")
        await pilot.pause()
        during = [k.description for k in bar.shown(bar.size.width)]
        assert "Clear search" in during  # the search box's own key
        await pilot.press("enter")
        await pilot.pause()
        assert "Next match" in [k.description for k in bar.shown(bar.size.width)]
        assert "Next match" in screen_text(app).splitlines()[-1]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["⏎ Source", "y Copy", "/ Search", "e Export", "f Full figures"]),
        ("vi", ["⏎ Nguồn", "y Sao chép", "/ Tìm kiếm", "e Xuất", "f Số đầy đủ"]),
    ],
)
async def test_at_80_columns_the_most_used_keys_fit(
    small: Timeline, lang: str, expected: list[str]
) -> None:
    app = make_app(small, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        for toggled in (False, True):  # "f Compact figures" once in full: it fits too
            shown = [f"{k.display} {k.description}" for k in bar.shown(80)]
            assert shown[: len(expected)] == expected
            assert shown[-2:] == [f"? {said(lang, 'Help')}", f"^p {said(lang, 'Commands')}"]
            last = screen_text(app).splitlines()[-1]
            # Whole words only: every key drawn is drawn with its whole description.
            assert all(f" {s} " in f"{last} " for s in shown), last
            assert len(last.rstrip()) <= 80
            if not toggled:
                await pilot.press("f")
                await pilot.pause()
                expected = [*expected[:-1], f"f {said(lang, 'Compact figures')}"]


def said(lang: str, message: str) -> str:
    from timeline.l10n import translations

    return translations(lang).gettext(message)

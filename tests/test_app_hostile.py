"""Hostile data is shown, never obeyed: no markup action fires, no escape reaches the terminal."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from tests.conftest import make_app, screen_text
from timeline.model import Timeline
from tui.safe import clean, clean_block, is_blank
from tui.screens.explorer import ExplorerScreen
from tui.widgets.event_list import EventList

SGR = re.compile(r"\x1b\[[0-9;]*[mH]")  # styling and cursor placement: the renderer's own
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# ---------------------------------------------------------------- clean()


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "␛[2J"),
        ("bell\x07", "bell␇"),
        ("\x1b]52;c;cHduZWQ=\x07", "␛]52;c;cHduZWQ=␇"),
        ("\x1b]8;;http://x\x07link\x1b]8;;\x07", "␛]8;;http://x␇link␛]8;;␇"),
        ("\x9b31m", "\ufffd31m"),  # the one-byte CSI
        ("\x9d52;c;x\x9c", "\ufffd52;c;x\ufffd"),  # one-byte OSC and ST
        ("\u202eevil", "\ufffdevil"),  # right-to-left override
        ("a\x00b\x7fc", "a␀b␡c"),
        ("line\nbreak\ttab", "line␊break␉tab"),
        ("Co\u0302\u0309ng", "Cổng"),  # NFC
        ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),  # markup is not its business
    ],
)
def test_clean_makes_controls_visible(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_clean_block_keeps_line_breaks_only() -> None:
    assert clean_block("one\r\ntwo\rthree\n\x1b[2J\tx") == "one\ntwo\nthree\n␛[2J x"


def test_blank_strings_are_recognised() -> None:
    assert is_blank(" \t\u200b\n")
    assert not is_blank(" a ")


@given(st.text())
def test_clean_output_holds_no_control_character(text: str) -> None:
    out = clean(text)
    assert not FORBIDDEN.search(out)
    assert "\n" not in out and "\t" not in out
    assert unicodedata.is_normalized("NFC", out) or out == unicodedata.normalize("NFC", out)


@given(st.text())
def test_clean_block_output_holds_no_control_but_newline(text: str) -> None:
    out = clean_block(text)
    assert not FORBIDDEN.search(out)


# ---------------------------------------------------------------- the app


def _terminal_output(app: object) -> str:
    """What the app would write to a real terminal for the current screen."""
    from textual.app import App

    from tui.compat import screen_strips

    assert isinstance(app, App)
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    console.print(screen_strips(app, with_background=False))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return SGR.sub("", output)


async def _visit_everything(pilot: object, app: object) -> list[str]:
    """Walk every event, its source, the help, the notes; return each screen's output."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    outputs = []
    for _ in range(5):
        outputs.append(_terminal_output(app))
        await pilot.press("enter")
        await pilot.pause()
        outputs.append(_terminal_output(app))
        await pilot.press("escape", "j")
        await pilot.pause()
    await pilot.press("w")
    await pilot.pause()
    outputs.append(_terminal_output(app))
    await pilot.press("escape", "l")
    await pilot.pause()
    outputs.append(_terminal_output(app))
    return outputs


@pytest.mark.parametrize("lang", ["en", "vi"])
async def test_hostile_data_reaches_the_terminal_inert(hostile: Timeline, lang: str) -> None:
    app = make_app(hostile, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        for output in await _visit_everything(pilot, app):
            # Only the terminal's own styling sequences and line breaks: no ESC, BEL, C1
            # or bidi control from the data.
            assert not FORBIDDEN.search(output.replace("\r", "").replace("\n", ""))
        assert app.is_running


async def test_markup_in_titles_is_shown_literally_and_does_nothing(hostile: Timeline) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]Click here[/]" in text
        assert "[b]bold[/b] and $variable and \\[escaped]" in text
        assert "[red]Platform[/red] ␛[31m" in text
        assert "␛[2J␛[H screen cleared? ␇" in text
        # Click along the rows where the titles are, in the list and in the detail (the
        # first row is y=6: status, three ruler lines, chips, a frame): nothing quits.
        for y in (6, 8, 10):
            for x in range(2, 200, 12):
                await pilot.click(offset=(x, y))
        await pilot.click("#chips", offset=(12, 0))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
        assert isinstance(app.screen, ExplorerScreen)


async def test_blank_and_long_strings_stay_readable(hostile: Timeline) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(80, 24)) as pilot:
        events = app.screen.query_one(EventList)
        # The title that is only a tab says it has none rather than showing nothing.
        assert "(untitled)" in events.render_line(3).text
        # A 180-letter word is cut with an ellipsis in the list, not wrapped into the next row.
        assert events.render_line(2).text.rstrip().endswith("…")
        await pilot.press("j", "j")
        await pilot.pause()
        assert "Aaaaaaaa" in screen_text(app)  # the detail wraps it
        assert app.is_running


async def test_hostile_data_in_the_palette_is_inert(hostile: Timeline) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"click")
        await pilot.pause(0.5)
        text = screen_text(app)
        assert "[@click=app.quit]" in text
        assert not FORBIDDEN.search(_terminal_output(app).replace("\n", ""))
        await pilot.press("escape")
        assert app.is_running

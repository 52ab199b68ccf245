"""`y`/`Y` copy a figure or an event with its citation; `e` exports what the screen shows."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, make_app, screen_text
from timeline.citation import as_markdown, as_text, cite
from timeline.l10n import Formatter
from timeline.model import Timeline
from tui.app import VnEgovApp
from tui.screens.explorer import ExplorerScreen
from tui.screens.export import ExportScreen
from tui.widgets.figures_table import FiguresTable

# ------------------------------------------------------------------------------ copying


async def test_y_on_the_event_list_copies_the_event_with_its_sources(small: Timeline) -> None:
    app = make_app(small, lang="vi")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("j", "y")  # axis-launch, from PLVN
        await pilot.pause()
        event = small.milestone["axis-launch"]
        assert app.clipboard == as_text(cite(small, event, Formatter("vi")))
        assert app.clipboard.startswith(event.title.vi + "\n")
        assert "Nguồn: Pháp luật Việt Nam (PLVN)" in app.clipboard
        assert "Đã sao chép" in screen_text(app)  # the toast says what happened


async def test_y_on_a_figure_copies_it_as_shown_with_quote_and_source(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press(*"jjjjjjj")  # report-2021-06 (XHTT)
        await pilot.press("tab", "down", "y")  # its second figure: VND 81 billion
        await pilot.pause()
        table = app.screen.query_one("#figures", FiguresTable)
        assert table.current is not None and table.current.id == "xhtt-amount"
        copied = app.clipboard
        assert copied.splitlines()[0] == "Amount paid: over VND 81 billion"
        assert "“với tổng số tiền trên 81 tỷ đồng”" in copied
        assert "Source: XHTT, 17 Jul 2021" in copied
        assert "Copied to the clipboard" in screen_text(app)
        await pilot.press("f", "y")  # every figure in full: the copy follows the screen
        await pilot.pause()
        assert app.clipboard.splitlines()[0] == "Amount paid: over VND 81,000,000,000"


async def test_capital_y_copies_markdown_with_the_quote_as_a_block_quote(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press(*"jjjjjjj", "tab", "down", "Y")
        await pilot.pause()
        obs = small.observation["xhtt-amount"]
        assert app.clipboard == as_markdown(cite(small, obs, Formatter("en")))
        assert f"\n\n> {obs.quote}\n\n" in app.clipboard
        assert app.clipboard.startswith("**Amount paid: over VND 81 billion**")


async def test_copied_text_carries_no_control_characters(hostile: Timeline) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard
        assert not any(ord(ch) < 32 and ch != "\n" for ch in app.clipboard)
        assert "\x1b" not in app.clipboard and "\x07" not in app.clipboard


def test_y_reaches_the_terminal_clipboard_through_tmux(tmp_path: Path) -> None:
    """The real path: OSC 52 from the app, into tmux's buffer with set-clipboard on."""
    if shutil.which("tmux") is None:
        pytest.skip("the clipboard test reads tmux's buffer: install tmux (apt-get install tmux)")
    socket = f"vn-egov-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    command = f"{sys.executable} -m tui --data {FIXTURES / 'small.toml'} --lang en --no-cache"
    # A real terminal, not the headless driver the other tests name (tests/conftest.py).
    env = {
        **{k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"},
        "TERM": "xterm-256color",
    }
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "110", "-y", "32", command], env=env, check=True
    )
    try:
        subprocess.run([*tmux, "set", "-s", "set-clipboard", "on"], check=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until the explorer has drawn its list
            pane = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True)
            if "Decree 61/2018" in pane.stdout:
                break
            time.sleep(0.2)
        subprocess.run([*tmux, "send-keys", "y"], check=True)
        copied = ""
        while time.monotonic() < deadline and not copied:
            time.sleep(0.2)
            shown = subprocess.run([*tmux, "show-buffer"], capture_output=True, text=True)
            copied = shown.stdout if shown.returncode == 0 else ""
        assert copied.startswith("Decree 61/2018"), copied
        assert "Source: Pháp luật Việt Nam (PLVN)" in copied
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


# ------------------------------------------------------------------------------ exporting


async def _export_dialog(pilot: Any, app: VnEgovApp) -> ExportScreen:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def _finished(pilot: Any, app: VnEgovApp) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_e_exports_the_filtered_view_to_a_file_named_after_it(
    small: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(small)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        explorer = app.screen
        assert isinstance(explorer, ExplorerScreen)
        explorer.set_platform("portal")
        await pilot.pause()
        shown = len(explorer.rows)
        dialog = await _export_dialog(pilot, app)
        assert f"{shown} events · Portal" in screen_text(app)
        assert "File: vn-egov-portal.csv" in screen_text(app)
        await pilot.press("enter")  # CSV, the first choice
        await _finished(pilot, app)
        assert not dialog.is_attached and isinstance(app.screen, ExplorerScreen)
        written = tmp_path / "vn-egov-portal.csv"
        data = written.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # for spreadsheet programs
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows and {r["platform"] for r in rows} == {"portal"}
        assert "Wrote vn-egov-portal.csv" in screen_text(app)


async def test_e_exports_the_search_as_a_database(
    small: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(small)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("slash", *"truc lien thong", "enter")
        await pilot.pause()
        explorer = app.screen
        assert isinstance(explorer, ExplorerScreen)
        found = {small.events[i].id for i in explorer.rows}
        assert 0 < len(found) < len(small.events)
        await _export_dialog(pilot, app)
        await pilot.press("down", "down", "enter")  # CSV, TimelineJS, SQLite
        await _finished(pilot, app)
        db = sqlite3.connect(tmp_path / "vn-egov-truc-lien-thong.db")
        assert {r[0] for r in db.execute("SELECT id FROM milestones")} == found
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


async def test_e_never_replaces_a_file_without_asking(
    small: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "vn-egov.csv"
    mine.write_text("my notes\n", encoding="utf-8")
    app = make_app(small)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        dialog = await _export_dialog(pilot, app)
        await pilot.press("enter")
        await _finished(pilot, app)
        assert dialog.is_attached and "vn-egov.csv exists" in screen_text(app)
        assert mine.read_text(encoding="utf-8") == "my notes\n"
        await pilot.press("escape")  # keep it: back to choosing
        await _finished(pilot, app)
        assert dialog.is_attached and mine.read_text(encoding="utf-8") == "my notes\n"
        await pilot.press("enter", "enter")  # asked again, and this time: replace it
        await _finished(pilot, app)
        assert not dialog.is_attached
        assert mine.read_text(encoding="utf-8-sig").startswith("id,platform,")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["vn-egov.csv"]


async def test_escape_closes_the_dialog_and_writes_nothing(
    small: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(small, lang="vi")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _export_dialog(pilot, app)
        assert "Xuất những gì đang hiển thị" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
    assert list(tmp_path.iterdir()) == []


class _BrowserApp(VnEgovApp):
    """The explorer as textual-serve runs it: files go to the browser, not the server."""

    CSS_PATH = str(Path(__file__).resolve().parent.parent / "tui" / "app.tcss")
    delivered: list[tuple[str, bytes, str | None]]

    @property
    def is_web(self) -> bool:
        return True

    def deliver_text(self, path_or_file: Any, **kwargs: Any) -> str | None:
        self.delivered.append(
            (kwargs["save_filename"], path_or_file.read().encode("utf-8"), kwargs["mime_type"])
        )
        return "delivery"

    def deliver_binary(self, path_or_file: Any, **kwargs: Any) -> str | None:
        self.delivered.append((kwargs["save_filename"], path_or_file.read(), kwargs["mime_type"]))
        return "delivery"


async def test_in_a_browser_the_export_is_delivered_not_written(
    small: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = _BrowserApp(small, lang="en")
    app.delivered = []
    app.animation_level = "none"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _export_dialog(pilot, app)
        assert "Download: vn-egov.csv" in screen_text(app)
        await pilot.press("down", "down", "down", "enter")  # the Data Package
        await _finished(pilot, app)
        [(name, data, mime)] = app.delivered
        assert (name, mime) == ("vn-egov.zip", "application/zip")
        assert data.startswith(b"PK")
        assert "on its way to your browser" in screen_text(app)
    assert list(tmp_path.iterdir()) == []

"""The remembered settings (config.toml): kept when changed, used at the next start, below
the flag and the environment, and a broken file costs one line and the defaults."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.command import CommandPalette

from tests.conftest import FIXTURES, run_cli
from tests.terminal import Terminal
from timeline.model import Timeline
from tui import config
from tui.app import VnEgovApp

SMALL = str(FIXTURES / "small.toml")
NORD_BACKGROUND = b"48;2;46;52;64"  # nord's #2E3440, as a truecolor terminal is told it


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A configuration folder of the test's own, and an environment that chooses nothing."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("VN_EGOV_LANG", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return tmp_path


def _file(home: Path) -> Path:
    path = config.config_path()
    assert path == home / "vn-egov" / "config.toml"
    return path


# ---------------------------------------------------------------- kept and used again


async def test_what_the_reader_changes_is_in_the_file(home: Path, small: Timeline) -> None:
    path = _file(home)
    app = VnEgovApp(small, lang="en", remember=config.saver(path))
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        assert not path.exists()  # nothing written until something changes
        await pilot.press("l")  # Vietnamese
        await pilot.press("f")  # every figure in full
        await pilot.press("t")  # the theme picker
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"nord")
        await pilot.pause(0.4)  # the picker gathers its hits in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    remembered, problem = config.read(path)
    assert problem is None
    assert remembered == config.Remembered(lang="vi", full=True, theme="nord")


def test_the_next_start_is_in_what_the_file_says(home: Path) -> None:
    path = _file(home)
    config.write(path, config.render("vi", True, "nord"))
    shown = _explorer(home)
    assert "Lệnh".encode() in shown  # the key bar in Vietnamese
    assert "số liệu đầy đủ".encode() in shown  # the status line: figures in full
    assert NORD_BACKGROUND in shown  # drawn in nord from the first frame


def test_a_new_app_is_drawn_in_the_remembered_theme(small: Timeline) -> None:
    app = VnEgovApp(small, theme="nord")
    assert app.theme == "nord" and app.settings.theme == "nord"
    assert app.get_css_variables()["background"].upper() == "#2E3440"


def _explorer(home: Path, *args: str, env: dict[str, str] | None = None) -> bytes:
    """What the explorer writes to a terminal until its key bar is drawn, then quits."""
    terminal = Terminal(
        "--data",
        SMALL,
        *args,
        env={
            "XDG_CONFIG_HOME": str(home),
            "COLORTERM": "truecolor",
            "LANG": "C.UTF-8",
            "VN_EGOV_LANG": "",
            **(env or {}),
        },
    )
    try:
        assert terminal.read_until(b"^p", 30), terminal.output[-500:]
        terminal.send(b"q")
        assert terminal.wait() == 0
    finally:
        terminal.close()
    return terminal.output


# ---------------------------------------------------------------- precedence


def test_the_flag_and_the_environment_come_before_the_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.write(_file(home), config.render("vi", False, "textual-dark"))
    code, vietnamese, err = run_cli("list", "--data", SMALL)
    assert code == 0 and err == ""
    assert "Nghị định 61/2018" in vietnamese  # the file chose Vietnamese
    code, english, _err = run_cli("list", "--data", SMALL, "--lang", "en")
    assert code == 0 and "Decree 61/2018" in english  # the flag over the file
    monkeypatch.setenv("VN_EGOV_LANG", "en")
    code, by_environment, _err = run_cli("list", "--data", SMALL)
    assert code == 0 and by_environment == english  # the environment over the file
    code, by_flag, _err = run_cli("list", "--data", SMALL, "--lang", "vi")
    assert code == 0 and by_flag == vietnamese  # the flag over the environment


def test_the_explorer_takes_the_flag_over_the_file(home: Path) -> None:
    config.write(_file(home), config.render("vi", False, "textual-dark"))
    shown = _explorer(home, "--lang", "en")
    assert b"Commands" in shown and "Lệnh".encode() not in shown
    shown = _explorer(home, env={"VN_EGOV_LANG": "en"})
    assert b"Commands" in shown and "Lệnh".encode() not in shown


# ---------------------------------------------------------------- broken files


def _text(content: str) -> Callable[[Path], object]:
    return lambda path: path.write_text(content, encoding="utf-8")


def _bytes(content: bytes) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(content)


def _folder(path: Path) -> None:
    path.mkdir()


def _pipe(path: Path) -> None:
    os.mkfifo(path)  # reading one would wait for a writer that never comes


def _loop(path: Path) -> None:
    path.symlink_to(path.name)  # a link to itself: unreadable, whoever reads it


def _a_file_for_the_folder(path: Path) -> None:
    path.parent.rmdir()
    path.parent.write_text("language = 'vi'\n")


BROKEN = {
    "not TOML": (_text('language = "vi"\n[figures\n'), "not TOML (line 2, column 9)"),
    "TOML nested too deeply": (_text("x = " + "[" * 5000), "not TOML"),
    "a number for the language": (_text("language = 3\n"), "language = 3"),
    "an unknown language": (_text('language = "klingon"\n'), 'language = "klingon"'),
    "a list for the figures": (_text("figures = []\n"), "figures = []"),
    "a word for the figures": (_text('figures = "many"\n'), 'figures = "many"'),
    "a table for the theme": (_text("[theme]\nname = 'nord'\n"), 'theme = {"name": "nord"}'),
    "binary bytes": (_bytes(b"\x00\xff\xfe\x1b[31m"), "not UTF-8 text"),
    "a NUL in UTF-8": (_bytes(b"language = 'vi'\x00\n"), "not TOML"),
    "a folder in its place": (_folder, "a folder, not a file"),
    "a named pipe in its place": (_pipe, "not a regular file"),
    "unreadable": (_loop, "a loop of symbolic links"),
    "a file where its folder should be": (_a_file_for_the_folder, "a folder of its path"),
    "too large": (_text("# " + "x" * 100_000 + "\n"), "too large"),
}


@contextlib.contextmanager
def _within(seconds: int) -> Iterator[None]:
    """A failure, not a hung test run, when the body takes longer than `seconds`."""

    def late(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_is_one_line_and_the_defaults(home: Path, case: str) -> None:
    code, expected, _err = run_cli("list", "--data", SMALL)  # the defaults: no file
    path = _file(home)
    path.parent.mkdir(parents=True)
    make, reason = BROKEN[case]
    make(path)
    with _within(20):  # reading a named pipe once waited for ever
        code, out, err = run_cli("list", "--data", SMALL)
    assert code == 0
    assert out == expected  # in English, as with no file at all
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert line.startswith(f"vn-egov: ignoring {path}: ")
    assert line.endswith("; using the defaults")
    assert reason in line
    assert "\x1b" not in line and "\x00" not in line


def test_an_unknown_theme_is_one_line_and_the_default_theme(home: Path) -> None:
    config.write(_file(home), config.render("en", False, "no-such-theme"))
    shown = _explorer(home)
    before_the_screen = shown.split(b"\x1b[?1049h", 1)[0].decode()
    [line] = [x for x in before_the_screen.splitlines() if x.strip()]
    assert line == (
        f"vn-egov: ignoring {_file(home)}: unknown theme 'no-such-theme'; using the defaults"
    )
    assert NORD_BACKGROUND not in shown and b"Commands" in shown


def test_a_broken_file_leaves_the_explorer_its_defaults(home: Path) -> None:
    _file(home).parent.mkdir(parents=True)
    _file(home).write_text('language = "vi"\nfigures = "full"\ntheme = 42\n')
    shown = _explorer(home)
    before_the_screen = shown.split(b"\x1b[?1049h", 1)[0].decode()
    [line] = [x for x in before_the_screen.splitlines() if x.strip()]
    assert line.startswith("vn-egov: ignoring ") and "theme = 42" in line
    assert b"Commands" in shown and "Lệnh".encode() not in shown  # English, not the file's


def test_the_warning_is_in_the_language_chosen(home: Path) -> None:
    _file(home).parent.mkdir(parents=True)
    _file(home).write_text('language = "vi"\n[figures\n')
    code, _out, err = run_cli("list", "--data", SMALL, "--lang", "vi")
    assert code == 0
    [line] = err.splitlines()
    assert line.startswith("vn-egov: bỏ qua ") and "dòng 2, cột 9" in line

"""The explorer and the commands in a real terminal: without one, on a signal, when
quitting during a load, and with escape sequences in the data."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tests.samples import MINI
from tests.terminal import LEAVE_ALTERNATE_SCREEN, MOUSE_OFF, ROOT, SHOW_CURSOR, Terminal

HOSTILE = MINI.replace(
    'title = { vi = "Cổng DVCQG: số liệu", en = "Portal: figures" }',
    'title = { vi = "x\\u001b]0;owned\\u0007\\u001b[2J", en = "y\\u001b]0;owned\\u0007" }',
).replace('quote = "hơn', 'quote = "\\u001b]0;owned\\u0007\\u009b31m\\u202eabc hơn')


def _no_driver() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}


@pytest.mark.parametrize("how", ["stdin from /dev/null", "no terminal at all"])
def test_without_a_terminal_the_explorer_says_so_and_exits_2(how: str) -> None:
    """`vn-egov </dev/null`, or with no TTY at all (cron, CI), spun at full speed for
    ever and ignored `q`."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", "en"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if how == "no terminal at all" else None,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=_no_driver(),
        start_new_session=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "vn-egov: the explorer needs a terminal (standard input and error are not one); "
        "in scripts, use validate, list or export\n"
    )
    assert time.monotonic() - started < 30


def test_a_textual_driver_that_names_nothing_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "TEXTUAL_DRIVER": "no.such.module:Driver"},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "vn-egov: TEXTUAL_DRIVER=no.such.module:Driver names no driver (expected module:Class)\n"
    )


@pytest.mark.parametrize(
    ("number", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_restores_the_terminal_and_sets_the_exit_code(
    number: signal.Signals, code: int
) -> None:
    """After SIGTERM or SIGHUP the terminal was left in the alternate screen with mouse
    reporting on and the cursor hidden; after SIGINT the exit code was 0."""
    terminal = Terminal("--lang", "en")
    try:
        assert terminal.read_until(b"Commands"), terminal.output[-2000:]
        drawn = len(terminal.output)
        terminal.signal(number)
        assert terminal.wait() == code
    finally:
        terminal.close()
    after = terminal.output[drawn:]
    assert LEAVE_ALTERNATE_SCREEN in after
    assert SHOW_CURSOR in after
    assert MOUSE_OFF in after
    assert b"Traceback" not in terminal.output


def test_quitting_during_a_load_cancels_it_and_caches_nothing(tmp_path: Path) -> None:
    """Quitting during a load of a 200 MB file cleared the screen, then kept the process
    running for 22 s, finishing the load and writing a 212 MB cache entry."""
    big = tmp_path / "big.toml"
    big.write_text(generate(5_000, 100_000), encoding="utf-8")
    cache = tmp_path / "cache"
    terminal = Terminal("--data", str(big), "--lang", "en", env={"VN_EGOV_CACHE": str(cache)})
    try:
        assert terminal.read_until(b"entries"), terminal.output[-2000:]  # "Checking N of M"
        pressed = time.monotonic()
        terminal.send(b"q")
        assert terminal.wait() == 0
        took = time.monotonic() - pressed
    finally:
        terminal.close()
    assert LEAVE_ALTERNATE_SCREEN in terminal.output
    # Within a second here; the bound leaves room for a machine busy with other work.
    assert took < 3, f"{took:.2f} s from q to the end of the process"
    assert not cache.exists() or not list(cache.iterdir())


def test_quitting_while_a_fifo_has_no_writer_ends_the_explorer(tmp_path: Path) -> None:
    """A FIFO nobody writes to held open() until a writer came: `q` could not end it."""
    fifo = tmp_path / "timeline.toml"
    os.mkfifo(fifo)
    terminal = Terminal("--data", str(fifo), "--lang", "en", env={"VN_EGOV_CACHE": "off"})
    try:
        assert terminal.read_until(b"Reading the timeline"), terminal.output[-2000:]
        pressed = time.monotonic()
        terminal.send(b"q")
        assert terminal.wait() == 0
        took = time.monotonic() - pressed
    finally:
        terminal.close()
    assert LEAVE_ALTERNATE_SCREEN in terminal.output
    assert took < 3, f"{took:.2f} s from q to the end of the process"


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--lang", "vi"],
        ["list", "--series", "--lang", "en"],
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["export", "--format", "csv", "-o", "/proc/self/fd/1"],
    ],
)
def test_escapes_written_to_a_terminal_are_shown_not_obeyed(
    tmp_path: Path, args: list[str]
) -> None:
    """`export --format csv` to a terminal passed ESC bytes through (the pane title
    changed); JSON passed U+202E and C1 controls raw."""
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    terminal = Terminal(*args, "--data", str(path))
    try:
        assert terminal.wait() == 0
    finally:
        terminal.close()
    shown = terminal.output.decode("utf-8")
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\u009b" not in shown and "\u202e" not in shown
    if "--series" not in args:  # the series list shows the figures, not the titles
        assert "]0;owned" in shown
    if args[0] == "export":
        assert "31m" in shown and "abc hơn" in shown


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_pipe_gets_the_data_exactly(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--data", str(path), "--format", fmt],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    if fmt == "csv":
        assert "\x1b]0;owned\x07\u009b31m\u202eabc" in out
    else:  # JSON says the same in escapes, every control character among them
        assert "\\u001b]0;owned\\u0007\\u009b31m\\u202eabc" in out
        assert not any(0x7F <= ord(ch) < 0xA0 or ch == "\u202e" for ch in out)
    listed = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--data", str(path), "--lang", "vi"],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert b"x\x1b]0;owned\x07\x1b[2J" in listed.stdout

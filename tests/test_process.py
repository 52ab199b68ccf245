"""The process ends at once, yet its output is complete and its writing threads finish."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_finish_waits_for_writers_and_flushes(tmp_path: Path) -> None:
    done = tmp_path / "written"
    script = textwrap.dedent(
        f"""
        import threading, time
        from tui.process import finish

        def write():
            time.sleep(0.3)
            open({str(done)!r}, "w").write("cache entry")

        threading.Thread(target=write).start()
        print("x" * 100_000, end="")  # more than a pipe's buffer, still in sys.stdout's
        finish(3)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 3
    assert result.stdout == "x" * 100_000
    assert done.read_text() == "cache entry"


def test_the_command_ends_with_its_exit_code_and_all_its_output() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0
    assert ok.stdout.rstrip().splitlines()[-1].strip()  # the last line arrived
    assert "National Public Service Portal launched" in ok.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "tui", "validate", "/nonexistent/t.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1
    assert "no such file" in missing.stderr

"""A full disk or an output encoding without Vietnamese is one line and exit code 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = [
    ["validate"],
    ["list"],
    ["list", "--series"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["schema"],
    ["--help"],
    ["--version"],
    ["list", "--help"],
]


def vn_egov(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VN_EGOV_LANG": "en", **kwargs.pop("env", {})}  # type: ignore[dict-item]
    result: subprocess.CompletedProcess[str] = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        **kwargs,  # type: ignore[call-overload]
    )
    return result


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_writing_to_a_full_disk_is_one_line_and_exit_1(args: list[str]) -> None:
    """Any command writing to a full disk (`> /dev/full`) ended in a traceback."""
    with open("/dev/full", "w") as full:
        result = vn_egov(args, stdout=full)
    assert result.returncode == 1
    assert result.stderr == "vn-egov: write error: No space left on device\n"


def test_exporting_to_a_full_disk_with_o_is_one_line(tmp_path: Path) -> None:
    result = vn_egov(["export", "--format", "csv", "-o", "/dev/full"], stdout=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stderr == "vn-egov: cannot write /dev/full: No space left on device\n"


@pytest.mark.parametrize("args", [["list"], ["validate"], ["export", "--format", "csv"]])
def test_an_output_encoding_without_vietnamese_is_a_clear_message(args: list[str]) -> None:
    """PYTHONIOENCODING=ascii ended in a UnicodeEncodeError traceback."""
    result = vn_egov(
        [*args, "--lang", "vi"], stdout=subprocess.DEVNULL, env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 1
    assert result.stderr == (
        "vn-egov: the output's encoding (ascii) cannot hold this text; "
        "use UTF-8, for example PYTHONIOENCODING=utf-8\n"
    )

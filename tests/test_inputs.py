"""Inputs read for what they are (regular file, pipe, FIFO, device), once, at most the
size limit and a byte; and problems placed in one pass however many there are."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tests.samples import MINI
from timeline.load import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent


def vn_egov(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result: subprocess.CompletedProcess[str] = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        **kwargs,  # type: ignore[call-overload]
    )
    return result


def test_validate_dev_zero_is_larger_than_allowed_not_a_memory_error() -> None:
    """`validate /dev/zero` grew to 2.6 GB and ended in a MemoryError traceback."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = vn_egov("validate", "/dev/zero")
    assert result.returncode == 1
    assert result.stderr == f"/dev/zero: is larger than the {MAX_BYTES:,} bytes allowed\n"
    # The limit and a byte were read, and no more: the child's peak is about the limit.
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak_kib > before:  # the high-water mark is of the largest child so far
        assert peak_kib * 1024 < MAX_BYTES * 1.5


def test_a_regular_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with open(big, "wb") as out:
        out.truncate(MAX_BYTES + 10)  # sparse: nothing to read, only a size
    started = time.monotonic()
    result = vn_egov("validate", str(big))
    assert result.returncode == 1
    assert result.stderr == (
        f"{big}: {MAX_BYTES + 10:,} bytes is larger than the {MAX_BYTES:,} allowed\n"
    )
    assert time.monotonic() - started < 30


def test_data_from_process_substitution_is_read(tmp_path: Path) -> None:
    """`--data <(cat f)`: the command gets a /dev/fd/N pipe, read once."""
    path = tmp_path / "t.toml"
    path.write_text(MINI, encoding="utf-8")
    script = f'"{sys.executable}" -m tui list --lang en --data <(cat "{path}")'
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "National Public Service Portal launched" in result.stdout


def test_a_fifo_is_validated_like_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as out:
            out.write(MINI.replace("as_of = 2021-11-23", 'as_of = "23/11/2021"'))

    writer = threading.Thread(target=write)
    writer.start()
    result = vn_egov("validate", str(fifo))
    writer.join(30)
    line = MINI.splitlines().index("as_of = 2021-11-23") + 1
    # A pipe cannot be read again to place an error; its bytes were kept for that.
    assert result.stderr.startswith(f"{fifo}:{line}: observations[0].as_of:")


def test_10000_invalid_observations_are_reported_in_seconds(tmp_path: Path) -> None:
    """Each problem's place was found by splitting and scanning the whole text again:
    10,000 observations with a string `as_of` took 206 s. Every one is still placed."""
    text = re.sub(r"as_of = (\d{4}-\d\d-\d\d)", r'as_of = "\1"', generate(100, 10_000))
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    started = time.monotonic()
    result = vn_egov("validate", str(path))
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert len(problems) == 10_000
    for index, problem in enumerate(problems):
        _name, line, rest = problem.split(":", 2)
        assert rest.startswith(f" observations[{index}].as_of: expected a TOML date")
        assert lines[int(line) - 1].startswith('as_of = "')
    # A few seconds on the slowest machine this runs on (under one here); it was 206 s.
    assert elapsed < 30, f"{elapsed:.1f} s"


@pytest.mark.parametrize("kind", ["directory", "missing"])
def test_a_directory_or_a_missing_file_is_one_line(tmp_path: Path, kind: str) -> None:
    target = tmp_path if kind == "directory" else tmp_path / "missing.toml"
    result = vn_egov("validate", str(target))
    assert result.returncode == 1
    reason = "is a directory, not a timeline file" if kind == "directory" else "no such file"
    assert result.stderr == f"{target}: {reason}\n"

"""`export -o PATH` writes PATH as trusted tools do: a regular file replaced whole, with
the mode it had; a device, FIFO or standard output written into; a link followed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tests.samples import MINI
from timeline.export.csv import to_csv
from timeline.load import loads

ROOT = Path(__file__).resolve().parent.parent
CSV = to_csv(loads(MINI))
COMMAND = [sys.executable, "-m", "tui", "export", "--format", "csv"]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(MINI, encoding="utf-8")
    return path


def export(
    mini: Path, out: str | Path, *flags: str, umask: int | None = None
) -> subprocess.CompletedProcess[str]:
    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [*COMMAND, "--data", str(mini), "-o", str(out), *flags],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        preexec_fn=set_umask,
    )


def test_export_force_to_a_device_leaves_it_a_device(mini: Path) -> None:
    """`-o /dev/null --force` turned /dev/null into a regular file."""
    before = os.stat("/dev/null")
    result = export(mini, "/dev/null", "--force")
    assert result.returncode == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev, after.st_mode) == (
        before.st_ino,
        before.st_rdev,
        before.st_mode,
    )
    # And a device needs no --force: it is written into, not overwritten.
    assert export(mini, "/dev/null").returncode == 0


def test_export_force_through_a_symlink_writes_its_target_and_keeps_the_link(
    mini: Path, tmp_path: Path
) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target.name)
    refused = export(mini, link)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert export(mini, link, "--force").returncode == 0
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8") == CSV
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "mini.toml", "real.csv"]


def test_export_to_a_symlink_to_proc_self_fd_1_writes_standard_output(
    mini: Path, tmp_path: Path
) -> None:
    """A link to /proc/self/fd/1 was replaced by a file; it names the process's output."""
    link = tmp_path / "out"
    link.symlink_to("/proc/self/fd/1")
    for target in (link, Path("/dev/stdout")):
        result = export(mini, target, "--force")
        assert result.returncode == 0, result.stderr
        assert result.stdout == CSV
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_export_to_dev_stdout_redirected_to_a_file_writes_into_it(
    mini: Path, tmp_path: Path
) -> None:
    """Written into, as `>` set it up: not refused as an existing file, not replaced."""
    redirected = tmp_path / "redirected.csv"
    with open(redirected, "w") as out:
        inode = os.fstat(out.fileno()).st_ino
        subprocess.run(
            [*COMMAND, "--data", str(mini), "-o", "/dev/stdout"],
            stdout=out,
            cwd=ROOT,
            timeout=60,
            check=True,
        )
    assert redirected.read_text(encoding="utf-8") == CSV
    assert redirected.stat().st_ino == inode


def test_export_to_a_dangling_symlink_is_refused_with_its_target(
    mini: Path, tmp_path: Path
) -> None:
    link = tmp_path / "dangling.csv"
    link.symlink_to(tmp_path / "nowhere" / "x.csv")
    result = export(mini, link, "--force")
    assert result.returncode == 1
    assert result.stderr == (
        f"vn-egov: cannot write {link}: it is a symbolic link to "
        f"{tmp_path / 'nowhere' / 'x.csv'}, which does not exist\n"
    )
    assert link.is_symlink()


def test_export_to_a_directory_is_refused(mini: Path, tmp_path: Path) -> None:
    result = export(mini, tmp_path, "--force")
    assert result.returncode == 1
    assert result.stderr == f"vn-egov: cannot write {tmp_path}: it is a directory\n"


def test_export_into_a_fifo_writes_into_it(mini: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[str] = []

    def read() -> None:
        with open(fifo, encoding="utf-8") as source:
            received.append(source.read())

    reader = threading.Thread(target=read)
    reader.start()
    assert export(mini, fifo).returncode == 0
    reader.join(30)
    assert received == [CSV]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_export_creates_a_file_as_the_umask_says(
    mini: Path, tmp_path: Path, umask: int, mode: int
) -> None:
    """Files were created 600 whatever the umask."""
    out = tmp_path / "new.csv"
    assert export(mini, out, umask=umask).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.read_text(encoding="utf-8") == CSV


@pytest.mark.parametrize("mode", [0o640, 0o644, 0o600])
def test_export_force_keeps_the_files_mode(mini: Path, tmp_path: Path, mode: int) -> None:
    """--force turned an existing 644 file into 600."""
    out = tmp_path / "kept.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(mode)
    assert export(mini, out, "--force", umask=0o077).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.read_text(encoding="utf-8") == CSV


# The child waits, its temporary file written, just before making it durable.
_SLOW_EXPORT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from tui.cli import main

    real_fsync = os.fsync

    def fsync(fd):
        Path(sys.argv[2]).write_text("writing")
        time.sleep(60)
        real_fsync(fd)

    os.fsync = fsync
    raise SystemExit(main(["export", "--data", sys.argv[1], "--format", "json",
                           "-o", sys.argv[3], "--force"]))
    """
)


@pytest.mark.parametrize(
    ("number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)]
)
def test_a_signal_during_export_leaves_no_temporary_file(
    mini: Path, tmp_path: Path, number: signal.Signals, code: int
) -> None:
    """SIGTERM during `export -o` left its partial temporary file behind."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "t.json"
    out.write_text("the old export", encoding="utf-8")
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_EXPORT, str(mini), str(ready), str(out)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ready.exists(), "the export never reached its write"
        assert len(list(out_dir.iterdir())) == 2  # the old file and the temporary one
        child.send_signal(number)
        assert child.wait(30) == code
    finally:
        child.kill()
    assert child.stderr is not None and b"Traceback" not in child.stderr.read()
    assert [p.name for p in out_dir.iterdir()] == ["t.json"]
    assert out.read_text(encoding="utf-8") == "the old export"

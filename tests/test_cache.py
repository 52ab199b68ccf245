"""The cache of validated timelines: it can save time, never change a result."""

from __future__ import annotations

import hmac
import os
import pickle
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import timeline.cache as cache_module
from tests.samples import MINI
from timeline.cache import KEEP, KEY, KEY_BYTES, MAGIC, STALE_SECONDS, SUFFIX, TimelineCache
from timeline.load import TimelineError, load, loads
from timeline.model import Timeline


def opened(cache: TimelineCache, path: Path) -> Timeline:
    timeline = cache.load(path)
    if cache.writer is not None:
        cache.writer.join()
        cache.writer = None
    return timeline


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    path = tmp_path / "t.toml"
    path.write_text(MINI, encoding="utf-8")
    return path


@pytest.fixture
def cache(tmp_path: Path) -> TimelineCache:
    return TimelineCache(tmp_path / "cache")


def entries(cache: TimelineCache) -> list[Path]:
    return sorted(cache.directory.glob("*" + SUFFIX))


def test_a_second_open_reads_the_entry_not_the_file(
    mini: Path, cache: TimelineCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = opened(cache, mini)
    [entry] = entries(cache)
    assert stat.S_IMODE(cache.directory.stat().st_mode) == 0o700
    assert entry.read_bytes().startswith(MAGIC + b" ")  # data, in the entry format

    def no_parsing(*args: object) -> None:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(cache_module, "load_input", no_parsing)
    second = opened(cache, mini)
    assert second == first == load(mini)
    assert second.events == first.events and second.warnings == first.warnings


def test_a_changed_file_is_read_afresh(mini: Path, cache: TimelineCache) -> None:
    opened(cache, mini)
    mini.write_text(MINI.replace("1_200_000", "1_300_000"), encoding="utf-8")
    assert opened(cache, mini).observations[0].value == 1_300_000
    assert len(entries(cache)) == 2


def _crafted(entry: bytes, old: bytes, new: bytes, key: bytes = bytes(KEY_BYTES)) -> bytes:
    """The entry with one value changed and its trailer made to match again: well
    formed, whole, and false; signed with `key`, by default not the cache's own."""
    header, *body, _trailer = entry.splitlines(keepends=True)
    body = [line.replace(old, new) for line in body]
    mac = hmac.new(key, header + b"".join(body), "sha256").hexdigest()
    return header + b"".join(body) + f"end {len(body)} {mac}\n".encode()


BROKEN: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda entry: b"",
    "garbage": lambda entry: b"garbage",
    "a pickle": lambda entry: pickle.dumps({"not": "a timeline"}),
    "truncated": lambda entry: entry[: len(entry) // 2],
    "without its trailer": lambda entry: entry.rsplit(b"end ", 1)[0],
    "altered": lambda entry: entry.replace(b"1200000", b"1300000"),
    "another file's": lambda entry: entry.replace(entry.split()[2], b"0" * 64, 1),
    "another format's": lambda entry: entry.replace(MAGIC, b"vn-egov-timeline 0", 1),
    "with more after its end": lambda entry: entry + b"{}\n",
    # Whole and well formed, but what no file could hold, and signed without the cache's
    # key: a figure of an indicator that does not exist, a value out of range, markup
    # where a date goes.
    "a dangling reference": lambda entry: _crafted(
        entry, b'"indicator":"accounts"', b'"indicator":"nothing"'
    ),
    "a value out of range": lambda entry: _crafted(entry, b"1200000", b"1" + b"0" * 400),
    "a string for a date": lambda entry: _crafted(entry, b'"2021-11-23"', b'"[b]x[/b]"'),
}


@pytest.mark.parametrize("damage", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_entry_is_ignored_and_replaced(
    mini: Path, cache: TimelineCache, damage: Callable[[bytes], bytes]
) -> None:
    opened(cache, mini)
    [entry] = entries(cache)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert opened(cache, mini) == load(mini)
    assert entry.read_bytes() == good  # written again


def test_an_entry_signed_with_the_key_is_still_checked_for_references(
    mini: Path, cache: TimelineCache
) -> None:
    """Signed with the cache's own key, an entry is the cache's; what its records refer
    to is checked all the same, as a file's is."""
    opened(cache, mini)
    [entry] = entries(cache)
    key = (cache.directory / KEY).read_bytes()
    good = entry.read_bytes()
    signed = _crafted(good, b'"indicator":"accounts"', b'"indicator":"nothing"', key)
    entry.write_bytes(signed)
    assert opened(cache, mini) == load(mini)
    assert entry.read_bytes() == good


def test_the_key_is_the_owners_alone_and_an_unfit_one_is_replaced(
    mini: Path, cache: TimelineCache
) -> None:
    opened(cache, mini)
    key = cache.directory / KEY
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == KEY_BYTES
    [entry] = entries(cache)
    good = entry.read_bytes()
    # A key others can read signs nothing: its entries are read from the file again,
    # and written with a new key.
    key.chmod(0o644)
    assert opened(cache, mini) == load(mini)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert entry.read_bytes() != good
    # A key that is a symbolic link is not followed.
    elsewhere = cache.directory.parent / "elsewhere"
    elsewhere.write_bytes(key.read_bytes())
    key.unlink()
    key.symlink_to(elsewhere)
    assert opened(cache, mini) == load(mini)
    assert not key.is_symlink() and key.read_bytes() != elsewhere.read_bytes()
    assert len(elsewhere.read_bytes()) == KEY_BYTES  # the link's target untouched


def test_reading_an_entry_imports_no_pydantic(mini: Path, cache: TimelineCache) -> None:
    """The bundled timeline's warm start built no validator: the entry is the cache's
    own, its records are built from it directly, and pydantic is never imported."""
    opened(cache, mini)
    code = (
        "import sys; from pathlib import Path; from timeline.cache import TimelineCache\n"
        f"cache = TimelineCache(Path({str(cache.directory)!r}))\n"
        f"t = cache.load(Path({str(mini)!r}))\n"
        "assert cache.writer is None, 'not read from the cache'\n"
        "print(len(t.observations), [m for m in ('pydantic', 'pydantic_core') if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(load(mini).observations)), "[]"]


def test_a_planted_cache_entry_runs_no_code(
    mini: Path, cache: TimelineCache, tmp_path: Path
) -> None:
    """Entries were pickles, loaded before any check: one planted in the cache ran
    whatever it said when the explorer started."""
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    assert not marker.exists()
    opened(cache, mini)
    [entry] = entries(cache)
    entry.write_bytes(pickle.dumps(Payload()))
    assert opened(cache, mini) == load(mini)
    assert not marker.exists()
    assert entry.read_bytes().startswith(MAGIC + b" ")


def test_a_file_with_problems_raises_as_without_a_cache(
    tmp_path: Path, cache: TimelineCache
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(MINI.replace("value = 1_200_000", 'value = "x"'), encoding="utf-8")
    with pytest.raises(TimelineError) as cached:
        opened(cache, bad)
    with pytest.raises(TimelineError) as plain:
        load(bad)
    assert cached.value.problems == plain.value.problems
    assert not entries(cache)
    with pytest.raises(TimelineError, match="no such file"):
        opened(cache, tmp_path / "missing.toml")


def test_an_unwritable_cache_only_costs_the_entry(mini: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = TimelineCache(blocker / "cache")
    assert opened(cache, mini) == load(mini)
    assert opened(cache, mini) == load(mini)


def test_old_entries_are_evicted(tmp_path: Path, cache: TimelineCache) -> None:
    written = []
    for n in range(KEEP + 3):
        path = tmp_path / f"t{n}.toml"
        path.write_text(MINI.replace("1_200_000", str(1_000_000 + n)), encoding="utf-8")
        before = set(entries(cache))
        opened(cache, path)
        [entry] = set(entries(cache)) - before
        os.utime(entry, (1_000 + n, 1_000 + n))  # distinct ages, whatever the clock
        written.append(entry)
    assert entries(cache) == sorted(written[-KEEP:])
    assert not list(cache.directory.glob("*.tmp"))


def test_a_killed_cache_writers_temporary_file_is_swept(
    tmp_path: Path, cache: TimelineCache, mini: Path
) -> None:
    """kill -9 during a write left its temporary file in the directory for ever:
    eviction looked only at finished entries."""
    opened(cache, mini)
    stale = [cache.directory / ".0123456789abcdef.tmp", cache.directory / "tmpq1w2e3r4.tmp"]
    fresh = cache.directory / ".fedcba9876543210.tmp"  # a writer at work now
    for temporary in (*stale, fresh):
        temporary.write_bytes(b"x" * 1000)
    old = time.time() - STALE_SECONDS - 60
    for temporary in stale:
        os.utime(temporary, (old, old))
    other = tmp_path / "other.toml"
    other.write_text(MINI.replace("1_200_000", "1_300_000"), encoding="utf-8")
    opened(cache, other)  # a write, and so an eviction
    assert not any(path.exists() for path in stale)
    assert fresh.exists()


def test_the_key_covers_the_program_not_only_the_file(
    mini: Path, cache: TimelineCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened(cache, mini)
    monkeypatch.setattr(cache_module, "_program", lambda: b"another version of the code")
    opened(cache, mini)
    assert len(entries(cache)) == 2


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"VN_EGOV_CACHE": "off", "HOME": "/h"}, None),
        ({"VN_EGOV_CACHE": "OFF"}, None),
        ({"VN_EGOV_CACHE": "/somewhere"}, Path("/somewhere")),
        ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, Path("/x/vn-egov")),
        ({"XDG_CACHE_HOME": "relative", "HOME": "/h"}, Path("/h/.cache/vn-egov")),
        ({"HOME": "/h"}, Path("/h/.cache/vn-egov")),
        ({}, None),
    ],
)
def test_where_the_environment_puts_it(env: dict[str, str], expected: Path | None) -> None:
    found = TimelineCache.from_environment(env)
    assert (found.directory if found else None) == expected


def test_the_explorer_uses_the_cache_unless_told_not_to(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app import VnEgovApp
    from tui.cli import main

    shown: list[object] = []
    monkeypatch.setattr(VnEgovApp, "run", lambda self: shown.append(self.timeline))
    directory = tmp_path / "explorer-cache"
    monkeypatch.setenv("VN_EGOV_CACHE", str(directory))
    assert main(["--data", str(mini), "--no-cache"]) == 0
    assert not directory.exists()
    assert main(["--data", str(mini)]) == 0
    for _ in range(500):  # the entry is written by a thread
        if list(directory.glob("*" + SUFFIX)):
            break
        time.sleep(0.01)
    assert len(list(directory.glob("*" + SUFFIX))) == 1
    assert shown == [load(mini), load(mini)]


def _explore_with(directory: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The explorer's start through the CLI, the app's run left out: the timelines it
    would show (a stream is read behind the loading screen: then what the loader gives)."""
    from timeline.load import no_progress
    from tui.app import VnEgovApp
    from tui.cli import main

    shown: list[object] = []

    def run(app: VnEgovApp) -> None:
        shown.append(app.timeline or app._load(no_progress))  # type: ignore[misc]

    monkeypatch.setattr(VnEgovApp, "run", run)
    monkeypatch.setenv("VN_EGOV_CACHE", str(directory))
    assert main(["--data", str(mini), "--lang", "en"]) == 0
    for thread in threading.enumerate():  # the entry, if any, is written by a thread
        if thread.name == "vn-egov-cache":
            thread.join()
    return shown


def _planted(directory: Path, mini: Path, marker: Path) -> None:
    """A pickle that would create `marker`, under the name the entry for `mini` has."""

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    probe = TimelineCache(directory.with_name("probe"))
    opened(probe, mini)
    [entry] = entries(probe)
    (directory / entry.name).write_bytes(pickle.dumps(Payload()))


def test_a_cache_directory_writable_by_others_is_not_used(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing 0777 directory was used as it was: anyone could plant an entry."""
    directory = tmp_path / "open"
    directory.mkdir()
    directory.chmod(0o777)
    marker = tmp_path / "ran"
    _planted(directory, mini, marker)
    before = sorted(directory.iterdir())
    assert _explore_with(directory, mini, monkeypatch) == [load(mini)]
    [warning] = capsys.readouterr().err.splitlines()
    assert warning == f"vn-egov: not using the cache {directory}: others can write to it"
    assert sorted(directory.iterdir()) == before  # nothing read, nothing written
    assert not marker.exists()


def test_a_symlinked_cache_directory_is_not_used(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    marker = tmp_path / "ran"
    _planted(real, mini, marker)
    assert _explore_with(link, mini, monkeypatch) == [load(mini)]
    [warning] = capsys.readouterr().err.splitlines()
    assert warning == f"vn-egov: not using the cache {link}: it is a symbolic link"
    assert not marker.exists()
    assert [p.read_bytes()[:2] for p in real.iterdir()] == [b"\x80\x04"]  # still the pickle


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a directory to another user needs root")
def test_a_cache_directory_of_another_user_is_not_used(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "theirs"
    directory.mkdir(mode=0o700)
    os.chown(directory, 4242, 4242)
    assert _explore_with(directory, mini, monkeypatch) == [load(mini)]
    [warning] = capsys.readouterr().err.splitlines()
    assert warning == f"vn-egov: not using the cache {directory}: it belongs to another user"
    assert not list(directory.iterdir())


def test_a_private_cache_directory_is_used_without_a_word(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "new" / "vn-egov"
    assert _explore_with(directory, mini, monkeypatch) == [load(mini)]
    assert capsys.readouterr().err == ""
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert len(list(directory.glob("*" + SUFFIX))) == 1


def _fill(target: Path | int, text: str) -> threading.Thread:
    def write() -> None:
        with open(target, "w", encoding="utf-8") as out:
            out.write(text)

    writer = threading.Thread(target=write)
    writer.start()
    return writer


def test_a_fifo_is_read_once_for_the_key_and_the_timeline(
    tmp_path: Path, cache: TimelineCache
) -> None:
    """The cache key read the FIFO to its end, and the load then waited for more."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for _ in range(2):  # the second time from the entry
        writer = _fill(fifo, MINI)
        assert opened(cache, fifo) == loads(MINI)
        writer.join()


def test_data_from_process_substitution_is_not_found_empty(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`vn-egov --data <(cat f)` said "the file is empty": hashing had read the pipe."""
    read, write = os.pipe()
    writer = _fill(write, MINI)
    try:
        shown = _explore_with(tmp_path / "cache", Path(f"/dev/fd/{read}"), monkeypatch)
    finally:
        os.close(read)
    writer.join()
    assert shown == [loads(MINI)]

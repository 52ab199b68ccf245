"""The cache of validated timelines: it can save time, never change a result."""

from __future__ import annotations

import os
import pickle
import stat
import time
from pathlib import Path

import pytest

import timeline.cache as cache_module
from tests.samples import MINI
from timeline.cache import KEEP, SUFFIX, TimelineCache
from timeline.load import TimelineError, load
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
    # The entry carries what the explorer computes first, already computed.
    assert {"events", "warnings"} <= set(pickle.loads(entry.read_bytes()).__dict__)

    def no_parsing(*args: object) -> None:
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(cache_module, "load", no_parsing)
    second = opened(cache, mini)
    assert second == first == load(mini)
    assert second.events == first.events and second.warnings == first.warnings


def test_a_changed_file_is_read_afresh(mini: Path, cache: TimelineCache) -> None:
    opened(cache, mini)
    mini.write_text(MINI.replace("1_200_000", "1_300_000"), encoding="utf-8")
    assert opened(cache, mini).observations[0].value == 1_300_000
    assert len(entries(cache)) == 2


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", pickle.dumps({"not": "a timeline"}), b"\x80\x05\x95truncated"],
    ids=["empty", "garbage", "foreign", "truncated"],
)
def test_a_broken_entry_is_ignored_and_replaced(
    mini: Path, cache: TimelineCache, content: bytes
) -> None:
    opened(cache, mini)
    [entry] = entries(cache)
    entry.write_bytes(content)
    assert opened(cache, mini) == load(mini)
    assert pickle.loads(entry.read_bytes()) == load(mini)


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
        opened(cache, path)
        entry = cache.directory / (str(cache_module._key(path)) + SUFFIX)
        os.utime(entry, (1_000 + n, 1_000 + n))  # distinct ages, whatever the clock
        written.append(entry)
    assert entries(cache) == sorted(written[-KEEP:])
    assert not list(cache.directory.glob("*.tmp"))


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

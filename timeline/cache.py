"""A validated timeline kept on disk, so that reopening an unchanged file skips parsing.

An entry's name is the SHA-256 of the file's bytes and of the program that validates
them (the `timeline` package's own source, pydantic's and Python's versions): a file that
changed, or a program that did, never meets an old entry. The entry holds the timeline
with its date order and its data notes already computed. An entry that cannot be read is
ignored and written again, so the cache can only ever save time, never change a result.

Entries are pickles, so the directory is created readable by its owner alone.
VN_EGOV_CACHE=off turns the cache off; VN_EGOV_CACHE=DIR puts it in DIR. The default is
$XDG_CACHE_HOME/vn-egov, or ~/.cache/vn-egov.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

import pydantic

from timeline.load import Progress, load, no_progress
from timeline.model import Timeline

# Entries kept; the oldest go first. Each is about the size of its TOML file.
KEEP = 8
SUFFIX = ".timeline"


class TimelineCache:
    """Validated timelines by content, in one directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.writer: threading.Thread | None = None

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> TimelineCache | None:
        """The cache the environment asks for, or None when it is turned off."""
        setting = env.get("VN_EGOV_CACHE", "").strip()
        if setting.lower() in {"off", "0", "no", "false"}:
            return None
        if setting:
            return cls(Path(setting))
        base = env.get("XDG_CACHE_HOME", "").strip()
        if base and Path(base).is_absolute():
            return cls(Path(base) / "vn-egov")
        home = env.get("HOME", "").strip()
        return cls(Path(home) / ".cache" / "vn-egov") if home else None

    def load(self, path: Path, progress: Progress = no_progress) -> Timeline:
        """The timeline in `path`, from the cache when its bytes were seen before.

        Errors are load()'s own: a file that cannot be read or validated raises
        TimelineError exactly as without a cache. A new entry is written by a thread
        after the timeline is returned, so the first screen never waits for it.
        """
        key = _key(path)
        if key is not None:
            found = self._read(key)
            if found is not None:
                return found
        timeline = load(path, progress)
        if key is not None and _key(path) == key:  # unchanged while it was read
            self.writer = threading.Thread(
                target=self._write, args=(key, timeline), name="vn-egov-cache"
            )
            self.writer.start()
        return timeline

    def _read(self, key: str) -> Timeline | None:
        entry = self.directory / (key + SUFFIX)
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        # Unpickling builds a hundred thousand objects that are never garbage; letting
        # the collector walk them as they appear would double the time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            found = pickle.loads(data)
        except Exception:  # a truncated or foreign entry: read the file instead
            return None
        finally:
            if enabled:
                gc.enable()
        if not isinstance(found, Timeline):
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used entries are the last to be evicted
        return found

    def _write(self, key: str, timeline: Timeline) -> None:
        try:
            _ = timeline.events, timeline.warnings  # stored computed
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            data = pickle.dumps(timeline, protocol=pickle.HIGHEST_PROTOCOL)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, self.directory / (key + SUFFIX))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._evict()
        except Exception:  # a full disk or a read-only home: the cache only saves time
            return

    def _evict(self) -> None:
        entries = sorted(
            self.directory.glob("*" + SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)


def _key(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256")
    except OSError:
        return None  # load() says what is wrong with the file
    digest.update(_program())
    return digest.hexdigest()


@cache
def _program() -> bytes:
    """What makes an entry valid besides the file: the code that validated it."""
    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}".encode())
    package = resources.files("timeline")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.digest()

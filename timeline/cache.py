"""A validated timeline kept on disk, so that reopening an unchanged file skips parsing.

An entry is data that nothing executes: lines of JSON, each one array's tables (a few
thousand at a time), read back through the same models and the same cross-reference
checks as the TOML they came from. What it saves is the TOML parsing, the slower half of
a load; what it cannot do is change a result: an entry that is damaged, foreign or
crafted fails its checks and is ignored, and the file is read and the entry written again.

An entry's name is the SHA-256 of the file's bytes and of the program that validates
them (the `timeline` package's own source, pydantic's and Python's versions), so a file
that changed, or a program that did, never meets an old entry. The bytes hashed are the
bytes parsed: the file is read once, so a pipe (`--data <(cat f)`) works like a file.

The directory is used only when it is a real directory (not a symbolic link), owned by
the user and writable by nobody else, the checks tmux and OpenSSH make of theirs; it is
then opened once and every entry found relative to it. VN_EGOV_CACHE=off turns the cache
off; VN_EGOV_CACHE=DIR puts it in DIR. The default is $XDG_CACHE_HOME/vn-egov, or
~/.cache/vn-egov.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import stat
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pydantic

from timeline.interning import Sharer
from timeline.load import (
    CHUNK,
    MAX_BYTES,
    Progress,
    TimelineError,
    _checked,
    load_input,
    no_progress,
    read,
)
from timeline.model import Timeline
from timeline.slices import ARRAYS

# Entries kept; the oldest go first. Each is about the size of its TOML file.
KEEP = 8
SUFFIX = ".timeline"
# The first line of every entry, with the format's version: an entry of another format
# (an older vn-egov's, or anything else) is foreign and ignored.
MAGIC = b"vn-egov-timeline 1"
# A temporary file this old is the remains of a writer that was killed, not one at work.
STALE_SECONDS = 5 * 60

# Why a directory is not used: "link" (a symbolic link), "kind" (not a directory),
# "owner" (someone else's), "mode" (others may write to it).
Refusal = Literal["link", "kind", "owner", "mode"]

_OPEN_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
_OPEN_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


class Foreign(Exception):
    """An entry that is not a whole entry of this format for this key."""


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

    def refusal(self) -> Refusal | None:
        """Why the directory must not hold entries, or None when it may (or when it does
        not exist yet: it is then created, readable by its owner alone)."""
        try:
            info = os.lstat(self.directory)
        except OSError:
            return None
        return _refusal(info)

    def load(self, path: Path, progress: Progress = no_progress) -> Timeline:
        """The timeline in `path`, from the cache when its bytes were seen before.

        Errors are load()'s own: a file that cannot be read or validated raises
        TimelineError exactly as without a cache, and whatever `progress` raises (to
        cancel) goes through, leaving no entry. A new entry is written by a thread after
        the timeline is returned, so the first screen never waits for it.
        """
        progress("reading", 0, 0)
        found = read(path, progress)
        digest = hashlib.sha256(found.data)
        digest.update(_program())
        key = digest.hexdigest()
        cached = self._read(key, progress)
        if cached is not None:
            return cached
        timeline = load_input(found, str(path), progress)
        self.writer = threading.Thread(
            target=self._write, args=(key, timeline), name="vn-egov-cache"
        )
        self.writer.start()
        return timeline

    # ------------------------------------------------------------------ the directory

    @contextlib.contextmanager
    def _opened(self, *, create: bool) -> Iterator[int]:
        """The directory as a descriptor, once it has passed its checks; OSError if not."""
        if create:
            self.directory.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                os.mkdir(self.directory, 0o700)
        fd = os.open(self.directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            if _refusal(os.fstat(fd)) is not None:
                raise PermissionError(f"{self.directory} is not a private directory")
            yield fd
        finally:
            os.close(fd)

    # ------------------------------------------------------------------ reading

    def _read(self, key: str, progress: Progress) -> Timeline | None:
        try:
            with self._opened(create=False) as directory:
                fd = os.open(key + SUFFIX, _OPEN_READ, dir_fd=directory)
                with os.fdopen(fd, "rb") as entry:
                    info = os.fstat(entry.fileno())
                    if not stat.S_ISREG(info.st_mode) or info.st_size > 2 * MAX_BYTES:
                        return None
                    timeline = _decoded(entry, key, progress)
                with contextlib.suppress(OSError):  # the recently used are evicted last
                    os.utime(key + SUFFIX, dir_fd=directory)
                return timeline
        except (OSError, ValueError, RecursionError, TimelineError, Foreign):
            # Missing, damaged, foreign or crafted: read the file instead, and the entry
            # is written again. (pydantic's ValidationError is a ValueError.)
            return None

    # ------------------------------------------------------------------ writing

    def _write(self, key: str, timeline: Timeline) -> None:
        try:
            with self._opened(create=True) as directory:
                temporary = f".{os.urandom(8).hex()}.tmp"
                fd = os.open(temporary, _OPEN_NEW, 0o600, dir_fd=directory)
                try:
                    with os.fdopen(fd, "wb") as out:
                        for line in _encoded(timeline, key):
                            out.write(line)
                    os.replace(temporary, key + SUFFIX, src_dir_fd=directory, dst_dir_fd=directory)
                except BaseException:
                    with contextlib.suppress(OSError):
                        os.unlink(temporary, dir_fd=directory)
                    raise
                _evict(directory)
        except Exception:  # a full disk or a read-only home: the cache only saves time
            return


def _refusal(info: os.stat_result) -> Refusal | None:
    if stat.S_ISLNK(info.st_mode):
        return "link"
    if not stat.S_ISDIR(info.st_mode):
        return "kind"
    if info.st_uid != os.geteuid():
        return "owner"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "mode"
    return None


def _encoded(timeline: Timeline, key: str) -> Iterator[bytes]:
    """The entry's lines: its header, each array CHUNK tables a line, a trailer that
    counts the lines and hashes them (a truncated or altered entry is known by it)."""
    total = sum(len(getattr(timeline, array)) for array in ARRAYS)
    yield MAGIC + f" {key} {total}\n".encode()
    digest = hashlib.sha256()
    lines = 0
    for array in ARRAYS:
        items = getattr(timeline, array)
        for start in range(0, len(items), CHUNK):
            part = Timeline.model_construct({array}, **{array: items[start : start + CHUNK]})
            # Only what the file set: read back, each model has the same fields set.
            line = part.model_dump_json(exclude_unset=True).encode() + b"\n"
            digest.update(line)
            lines += 1
            yield line
    yield f"end {lines} {digest.hexdigest()}\n".encode()


def _decoded(entry: Any, key: str, progress: Progress) -> Timeline:
    """The timeline an entry holds, validated as a file's would be; Foreign if it is
    not a whole entry for `key`, ValueError (ValidationError) if its data is invalid."""
    header = entry.readline().split()
    if len(header) != 4 or b" ".join(header[:2]) != MAGIC or header[2] != key.encode():
        raise Foreign
    total = int(header[3])
    arrays: dict[str, list[Any]] = {}
    sharer = Sharer()  # one copy of repeated values and of the sets of fields set
    digest = hashlib.sha256()
    lines = done = 0
    trailer: list[bytes] | None = None
    progress("validating", 0, total)
    # Validation builds a hundred thousand objects that are never garbage; letting the
    # collector walk them as they appear would double the time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        for line in entry:
            if trailer is not None:
                raise Foreign  # something after the end
            if line.startswith(b"end "):
                trailer = line.split()
                continue
            digest.update(line)
            lines += 1
            part = Timeline.model_validate_json(line)
            if len(part.model_fields_set) != 1:
                raise Foreign  # each line is one array's tables
            [array] = part.model_fields_set
            models = getattr(part, array)
            for model in models:
                sharer.share(model)
            arrays.setdefault(array, []).extend(models)
            done += len(models)
            progress("validating", done, total)
        if trailer != [b"end", str(lines).encode(), digest.hexdigest().encode()] or done != total:
            raise Foreign
        timeline = Timeline.model_construct(None, **{k: tuple(v) for k, v in arrays.items()})
        # The cross-references, as for a file: an entry naming an unknown indicator would
        # otherwise fail later, in whatever screen looked it up.
        return _checked(timeline, key, lambda: "", no_progress)
    finally:
        if enabled:
            gc.enable()


def _evict(directory: int) -> None:
    """Keep the KEEP most recently used entries, and sweep the temporary files that
    killed writers left behind."""
    now = time.time()
    entries: list[tuple[float, str]] = []
    for name in os.listdir(directory):
        with contextlib.suppress(OSError):
            info = os.stat(name, dir_fd=directory, follow_symlinks=False)
            if name.endswith(SUFFIX):
                entries.append((info.st_mtime, name))
            elif name.endswith(".tmp") and now - info.st_mtime > STALE_SECONDS:
                os.unlink(name, dir_fd=directory)
    entries.sort(reverse=True)
    for _mtime, name in entries[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=directory)


@cache
def _program() -> bytes:
    """What makes an entry valid besides the file: the code that validated it."""
    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}".encode())
    package = resources.files("timeline")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.digest()

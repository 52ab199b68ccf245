"""A validated timeline kept on disk, so that reopening an unchanged file skips parsing.

An entry is data that nothing executes: lines of JSON, each one array's tables (a few
thousand at a time), built back into the same records (timeline.records) and put through
the same cross-reference checks as the TOML they came from. What it saves is the TOML
parsing and pydantic's validation, which the file already passed: reading the bundled
timeline from the cache imports no pydantic at all. What it cannot do is change a result.
Every entry ends with an HMAC of its lines under a key of 32 random bytes kept in the
directory (`key`, readable by its owner alone): an entry that is damaged, foreign or
crafted without that key fails its checks and is ignored, and the file is read and the
entry written again.

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
import errno
import hashlib
import hmac
import importlib.util
import json
import os
import stat
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

from timeline.collector import held_off
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
from timeline.package import FOLDER
from timeline.records import as_data, from_data
from timeline.slices import ARRAYS

# Entries kept; the oldest go first. Each is about the size of its TOML file.
KEEP = 8
SUFFIX = ".timeline"
# The first line of every entry, with the format's version: an entry of another format
# (an older vn-egov's, or anything else) is foreign and ignored.
MAGIC = b"vn-egov-timeline 2"
# The HMAC key's file in the directory, and its length.
KEY = "key"
KEY_BYTES = 32
# A temporary file this old is the remains of a writer that was killed, not one at work.
STALE_SECONDS = 5 * 60

# Why a directory is not used: "link" (a symbolic link), "kind" (not a directory),
# "owner" (someone else's), "mode" (others may write to it).
Refusal = Literal["link", "kind", "owner", "mode"]

# Non-blocking: a FIFO planted under an entry's or the key's name must not hang the
# start (it is then refused as not a regular file).
_OPEN_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
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
                    timeline = _decoded(entry, key, _secret(directory, create=False), progress)
                with contextlib.suppress(OSError):  # the recently used are evicted last
                    os.utime(key + SUFFIX, dir_fd=directory)
                return timeline
        except (OSError, ValueError, TypeError, RecursionError, TimelineError, Foreign):
            # Missing, damaged, foreign or crafted: read the file instead, and the entry
            # is written again.
            return None

    # ------------------------------------------------------------------ writing

    def _write(self, key: str, timeline: Timeline) -> None:
        try:
            with self._opened(create=True) as directory:
                secret = _secret(directory, create=True)
                temporary = f".{os.urandom(8).hex()}.tmp"
                fd = os.open(temporary, _OPEN_NEW, 0o600, dir_fd=directory)
                try:
                    with os.fdopen(fd, "wb") as out:
                        for line in _encoded(timeline, key, secret):
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


def _secret(directory: int, *, create: bool) -> bytes:
    """The directory's HMAC key; with `create`, made when it is missing or unfit (and every
    entry signed with a lost key is then foreign). OSError when there is none to use."""
    try:
        fd = os.open(KEY, _OPEN_READ, dir_fd=directory)
    except OSError as exc:
        if not create:
            raise
        if exc.errno == errno.ELOOP:  # a symbolic link, never followed: replaced
            os.unlink(KEY, dir_fd=directory)
        elif not isinstance(exc, FileNotFoundError):
            raise
        return _new_secret(directory)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        secret = file.read(KEY_BYTES + 1)
    fit = (
        stat.S_ISREG(info.st_mode)
        and info.st_uid == os.geteuid()
        and not info.st_mode & 0o077
        and len(secret) == KEY_BYTES
    )
    if fit:
        return secret
    if not create:
        raise PermissionError(f"{KEY} is not a private key of {KEY_BYTES} bytes")
    os.unlink(KEY, dir_fd=directory)
    return _new_secret(directory)


def _new_secret(directory: int) -> bytes:
    secret = os.urandom(KEY_BYTES)
    try:
        fd = os.open(KEY, _OPEN_NEW, 0o600, dir_fd=directory)
    except FileExistsError:  # another vn-egov made it first: use that one
        return _secret(directory, create=False)
    with os.fdopen(fd, "wb") as file:
        file.write(secret)
    return secret


def _encoded(timeline: Timeline, key: str, secret: bytes) -> Iterator[bytes]:
    """The entry's lines: its header, each array CHUNK tables a line, a trailer that
    counts the lines and signs them all (a truncated, altered or crafted entry is known
    by it)."""
    total = sum(len(getattr(timeline, array)) for array in ARRAYS)
    header = MAGIC + f" {key} {total}\n".encode()
    mac = hmac.new(secret, header, "sha256")
    yield header
    lines = 0
    for array in ARRAYS:
        items = getattr(timeline, array)
        for start in range(0, len(items), CHUNK):
            tables = [as_data(item) for item in items[start : start + CHUNK]]
            # Compact, and Vietnamese kept as UTF-8: an entry is about its file's size.
            text = json.dumps({array: tables}, ensure_ascii=False, separators=(",", ":"))
            line = text.encode() + b"\n"
            mac.update(line)
            lines += 1
            yield line
    yield f"end {lines} {mac.hexdigest()}\n".encode()


def _decoded(entry: Any, key: str, secret: bytes, progress: Progress) -> Timeline:
    """The timeline an entry holds, built and checked as the file's was; Foreign if it is
    not a whole entry for `key` signed with `secret`, ValueError or TypeError if its
    data does not make records."""
    header = entry.readline()
    fields = header.split()
    if len(fields) != 4 or b" ".join(fields[:2]) != MAGIC or fields[2] != key.encode():
        raise Foreign
    total = int(fields[3])
    mac = hmac.new(secret, header, "sha256")
    arrays: dict[str, list[Any]] = {}
    sharer = Sharer()  # one copy of repeated values, as for a file
    lines = done = 0
    trailer: list[bytes] | None = None
    progress("validating", 0, total)
    # Built as a file's tables are, with the collector held off (timeline.collector).
    # Nothing here executes the entry: it is JSON, made into records field by field, and
    # none of them is returned unless the signature at its end is right.
    with held_off():
        for line in entry:
            if trailer is not None:
                raise Foreign  # something after the end
            if line.startswith(b"end "):
                trailer = line.split()
                continue
            mac.update(line)
            lines += 1
            data = json.loads(line)
            if not isinstance(data, dict) or len(data) != 1 or not data.keys() <= set(ARRAYS):
                raise Foreign  # each line is one array's tables
            [array] = data
            records = getattr(from_data(Timeline, data, sharer), array)
            arrays.setdefault(array, []).extend(records)
            done += len(records)
            progress("validating", done, total)
    signed = b" ".join((b"end", str(lines).encode(), mac.hexdigest().encode()))
    if trailer is None or not hmac.compare_digest(b" ".join(trailer), signed) or done != total:
        raise Foreign
    timeline = Timeline(**{k: tuple(v) for k, v in arrays.items()})
    # The cross-references, as for a file: an entry naming an unknown indicator would
    # otherwise fail later, in whatever screen looked it up.
    return _checked(timeline, key, lambda: "", no_progress)


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
    digest = hashlib.sha256(sys.version.encode())
    # pydantic's version without importing it (the cache is read without pydantic): the
    # file's validation, which an entry stands for, is pydantic's.
    spec = importlib.util.find_spec("pydantic")
    if spec is not None and spec.origin:
        digest.update(Path(spec.origin).with_name("version.py").read_bytes())
    for name in sorted(p.name for p in FOLDER.iterdir() if p.name.endswith(".py")):
        digest.update(name.encode())
        digest.update((FOLDER / name).read_bytes())
    return digest.digest()

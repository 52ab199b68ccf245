"""A timeline file read for what it is: a regular file, a pipe, a device or a directory.

The kind is looked at before a byte is read. A regular file says its size, so one larger
than allowed is refused unread; anything else (a pipe, a FIFO, `--data <(cat f)`, a
device such as /dev/zero) is read up to the limit and one byte more, which is enough to
know it is too large without ever holding more. Whatever it is, it is read once: the
same bytes are hashed for the cache and parsed, because a pipe read twice is empty the
second time.
"""

from __future__ import annotations

import io
import os
import select
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from timeline.problems import ProblemKind

# Read in pieces this large, so that a stream's size is checked as it grows and whoever
# waits for the read (the explorer's loading screen) hears from it now and then.
PIECE = 16 * 1024 * 1024

# Told the bytes read so far after each piece; it may raise to stop the read.
Tick = Callable[[int], None]


def _no_tick(done: int) -> None:
    pass


class Unreadable(Exception):
    """The file cannot be read as a timeline: the kind of problem (timeline.problems) and
    the facts its words need; the words are chosen when it is printed."""

    def __init__(self, kind: ProblemKind, **params: Any) -> None:
        super().__init__(kind)
        self.kind: ProblemKind = kind
        self.params = params


class Input:
    """A file's bytes, read once, and whether its text can be read again to place an
    error (a regular file can; a pipe cannot, so its bytes are kept for that)."""

    def __init__(self, path: Path | str, data: bytes, *, regular: bool) -> None:
        self.path = path
        self.data = data
        self.regular = regular
        self._kept = b"" if regular else data

    def text(self) -> str:
        """The text, to find an error's line; "" when it is gone or no longer the same."""
        try:
            raw = Path(self.path).read_bytes() if self.regular else self._kept
            return raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return ""

    def release(self) -> None:
        """Let go of the bytes once they are parsed (a pipe's stay, for `text`)."""
        self.data = b""


def read_input(path: Path | str, limit: int, tick: Tick = _no_tick) -> Input:
    """The bytes of `path`, at most `limit` of them; Unreadable says why not."""
    try:
        # Opened without waiting: a FIFO nobody writes to blocks a plain open() until a
        # writer comes, where nothing can cancel it (quitting the explorer hung).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise Unreadable("is-a-directory")
            regular = stat.S_ISREG(info.st_mode)
            if regular and info.st_size > limit:
                raise Unreadable("too-large", size=info.st_size, limit=limit)
            if stat.S_ISFIFO(info.st_mode):
                data = _read_stream(fd, limit, tick)
            else:
                os.set_blocking(fd, True)
                with os.fdopen(fd, "rb", closefd=False) as handle:
                    # A regular file in one read of its size (and a byte, in case it grew).
                    first = min(info.st_size, limit) + 1 if regular else PIECE
                    data = _read_up_to(handle, limit, first, tick)
            if data is None:  # a stream, or a file that grew while it was read
                raise Unreadable("too-large-stream", limit=limit)
        finally:
            os.close(fd)
    except IsADirectoryError:
        raise Unreadable("is-a-directory") from None
    except FileNotFoundError:
        raise Unreadable("no-such-file") from None
    except PermissionError:
        raise Unreadable("permission-denied") from None
    except OSError as exc:
        raise Unreadable("unreadable", reason=exc.strerror or str(exc)) from None
    return Input(path, data, regular=regular)


# How long a pipe or FIFO is waited on between two ticks, while nobody writes to it.
WAIT_MS = 250


def _read_stream(fd: int, limit: int, tick: Tick) -> bytes | None:
    """A pipe's or FIFO's bytes, read as they come, or None past `limit`.

    Waiting is done in poll(), a quarter of a second at a time, with a tick after each:
    a FIFO with no writer yet, or a writer that pauses, never holds the reader where its
    caller cannot stop it (the explorer's loading screen cancels by raising from tick).
    """
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    buffer = io.BytesIO()
    done = told = 0
    while True:
        if not poller.poll(WAIT_MS):
            tick(done)
            continue
        try:
            piece = os.read(fd, min(PIECE, limit + 1 - done))
        except BlockingIOError:  # woken, but another reader took the bytes
            continue
        if not piece:  # the last writer closed it: the end
            return buffer.getvalue()
        buffer.write(piece)
        done += len(piece)
        if done > limit:
            return None
        if done - told >= PIECE:  # a pipe gives 64 KiB at a time: tell now and then
            told = done
            tick(done)


def _read_up_to(handle: BinaryIO, limit: int, first: int, tick: Tick) -> bytes | None:
    """The bytes, if there are at most `limit` of them; None if there are more (one more
    than allowed is proof enough, and what was read is let go at once)."""
    wanted = min(first, limit + 1)
    piece = handle.read(wanted)
    tick(len(piece))
    if len(piece) < wanted:  # a buffered read is short only at the end of the file
        return piece
    # Grown in one buffer, not joined from pieces: joining would briefly need twice the
    # memory (a gigabyte for /dev/zero at the limit).
    buffer = io.BytesIO(piece)
    buffer.seek(0, io.SEEK_END)
    done = len(piece)
    del piece
    while done <= limit:
        wanted = min(PIECE, limit + 1 - done)
        piece = handle.read(wanted)
        buffer.write(piece)
        done += len(piece)
        tick(done)
        if len(piece) < wanted:
            break
    return buffer.getvalue() if done <= limit else None

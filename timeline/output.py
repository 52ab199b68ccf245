"""One output file written the way trusted tools write theirs.

* A regular file is replaced whole: the output goes to a temporary file beside it, which
  is then renamed over it, so that a reader never sees half a file and an interrupted
  export leaves the old one as it was. Without `force` an existing file is refused, and
  the last step is a hard link, which fails even if another process created the file a
  moment ago.
* A device, a FIFO, a terminal, or one of the process's own descriptors (/dev/stdout,
  /dev/fd/N, /proc/self/fd/N) is written into, as the shell's `>` would: never turned
  into a file. `-o /dev/null --force` leaves /dev/null a device.
* A symbolic link is followed and its target written (replaced, if it is a regular
  file); the link stays a link. A link to nothing is refused, with where it points.
* A new file gets the mode the umask gives (0644 under umask 022); a replaced file keeps
  its mode, and its owner and group as far as the user may set them.
* SIGINT, SIGTERM and SIGHUP during the write remove the temporary file; they then end
  the write with Interrupted, and the command with 128 + the signal's number.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Literal

# Links are followed at most this many times, as the kernel does (ELOOP beyond).
MAX_LINKS = 40

_DESCRIPTOR = re.compile(r"^/(?:dev|proc/(?:self|thread-self|(?P<pid>\d+)))/fd/(?P<fd>\d+)$")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


class OutputExists(Exception):
    """The output is an existing regular file, and overwriting it was not asked for."""


class Refused(OSError):
    """The output cannot be written: `kind` says why ("directory": it is one;
    "dangling": a symbolic link to `target`, which does not exist). An OSError, with the
    system's words, for those that only report OSErrors."""

    def __init__(self, kind: Literal["directory", "dangling"], target: str = "") -> None:
        number = errno.EISDIR if kind == "directory" else errno.ENOENT
        super().__init__(number, os.strerror(number), target)
        self.kind = kind
        self.target = target


class Interrupted(BaseException):
    """A signal arrived while a temporary file was being written; it has been removed.

    A BaseException, like KeyboardInterrupt: nothing that handles errors may swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def write_output(
    path: Path | str,
    data: str | bytes,
    *,
    force: bool,
    for_terminal: Callable[[str], str] | None = None,
) -> None:
    """Write `data` (text is UTF-8) to `path` as the module's docstring says.

    `for_terminal` rewrites text bound for a terminal (to show control characters
    rather than obey them); files, pipes and devices get the data exactly.
    """
    final, descriptor, linked = _resolve(str(path))
    if descriptor is not None:
        _write_into_descriptor(descriptor, data, for_terminal)
        return
    try:
        info = os.stat(final)
    except FileNotFoundError:
        if linked:
            raise Refused("dangling", final) from None
        _replace(final, _encoded(data), force=False, keep=None)
        return
    if stat.S_ISDIR(info.st_mode):
        raise Refused("directory", final)
    if stat.S_ISREG(info.st_mode):
        if not force:
            raise OutputExists(str(path))
        _replace(final, _encoded(data), force=True, keep=info)
        return
    # A device, a FIFO or a socket: written into, never replaced.
    fd = os.open(final, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        _write_into_descriptor(fd, data, for_terminal)
    finally:
        os.close(fd)


def _encoded(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _descriptor(path: str) -> int | None:
    """The number of this process's descriptor that `path` names, if it names one."""
    if path in _STANDARD:
        return _STANDARD[path]
    match = _DESCRIPTOR.match(path)
    if match is None or (match.group("pid") and int(match.group("pid")) != os.getpid()):
        return None
    return int(match.group("fd"))


def _resolve(path: str) -> tuple[str, int | None, bool]:
    """Where a chain of symbolic links from `path` ends: (that path, the descriptor it
    names if it is one of this process's, whether a link was followed)."""
    current = os.path.abspath(path)
    linked = False
    for _ in range(MAX_LINKS):
        # The directory part with its own links resolved, so that "target/.." means
        # what the kernel would make of it.
        directory, name = os.path.split(current)
        current = os.path.join(os.path.realpath(directory), name)
        descriptor = _descriptor(current)
        if descriptor is not None:
            return current, descriptor, linked
        try:
            target = os.readlink(current)
        except OSError:  # not a link, or nothing there: the end of the chain
            return current, None, linked
        linked = True
        current = os.path.join(os.path.dirname(current), target)
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), path)


def _write_into_descriptor(
    fd: int, data: str | bytes, for_terminal: Callable[[str], str] | None
) -> None:
    if for_terminal is not None and isinstance(data, str) and os.isatty(fd):
        data = for_terminal(data)
    view = memoryview(_encoded(data))
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace(final: str, data: bytes, *, force: bool, keep: os.stat_result | None) -> None:
    """Write a temporary file beside `final`, then move it into place in one step."""
    directory, name = os.path.split(final)
    temporary = os.path.join(directory, f".{name}.{os.urandom(4).hex()}.tmp")
    # A new file is created 0666 less the umask, as any program's output is; one that
    # replaces a file takes that file's mode once it is written.
    mode = 0o600 if keep is not None else 0o666
    with _removed_if_interrupted(temporary):
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if keep is not None:
                _keep_owner_and_mode(fd, keep)
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(temporary, final)
            return
        try:
            os.link(temporary, final)
        except FileExistsError:
            raise OutputExists(final) from None
        except OSError:  # a file system without hard links: check, then move
            if os.path.lexists(final):
                raise OutputExists(final) from None
            os.replace(temporary, final)


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    with contextlib.suppress(OSError):  # only root may give a file away
        os.fchown(fd, old.st_uid, old.st_gid)
    with contextlib.suppress(OSError):  # a group the user is not in
        os.fchown(fd, -1, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))


_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def _removed_if_interrupted(temporary: str) -> Iterator[None]:
    """While the block runs, the signals that end a command raise Interrupted, so that
    the temporary file is removed on the way out; it is removed on any error too."""

    def interrupted(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for number in _SIGNALS:
            # Only where nobody else handles the signal: `nohup` ignores SIGHUP, and the
            # explorer ends on it in its own way (after this write is done).
            if signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
                previous[number] = signal.signal(number, interrupted)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        for number, handler in previous.items():
            signal.signal(number, handler)

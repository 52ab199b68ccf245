"""Standard output and error as the scripting commands write them.

A write that fails (a full disk: `vn-egov list > /dev/full`) or text the output's
encoding cannot hold (PYTHONIOENCODING=ascii) becomes one exception here, which the
command turns into one line and exit code 1, never a traceback. Text bound for a terminal
shows its control characters as symbols, as the explorer does (tui/safe.py); a file or a
pipe gets the data exactly.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TextIO


class WriteError(Exception):
    """Writing the output failed; `reason` is the system's words for it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EncodingError(Exception):
    """The output's encoding (`encoding`) cannot hold the text to be written."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.encoding = encoding


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False


def write(
    text: str, stream: TextIO | None = None, *, shown: Callable[[str], str] | None = None
) -> None:
    """Write `text` to `stream` (standard output by default); on a terminal, through
    `shown` first (which makes control characters visible)."""
    out = stream or sys.stdout
    if shown is not None and is_terminal(out):
        text = shown(text)
    try:
        out.write(text)
    except BrokenPipeError:
        raise  # the reader left: the command stops quietly
    except UnicodeEncodeError:
        raise EncodingError(getattr(out, "encoding", None) or "?") from None
    except OSError as exc:
        raise WriteError(exc.strerror or str(exc)) from None


def flush(stream: TextIO | None = None) -> None:
    """Flush, so that an error of the last buffered write is known before exiting."""
    out = stream or sys.stdout
    try:
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(exc.strerror or str(exc)) from None


def say(line: str, *, plain: str | None = None) -> None:
    """A line for the user on standard error, which may itself be full: then nothing.
    `plain` is said instead when the error stream's encoding cannot hold `line`."""
    if plain is not None:
        try:
            line.encode(getattr(sys.stderr, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            line = plain
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def write_bytes(data: bytes) -> None:
    """Bytes to standard output (a database, a zip), with the same errors as text."""
    out = sys.stdout.buffer
    try:
        out.write(data)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(exc.strerror or str(exc)) from None

"""The reader's remembered choices: language, figure mode and theme, in config.toml.

The file lives in the user's configuration folder (`$XDG_CONFIG_HOME/vn-egov/config.toml`,
else `~/.config/vn-egov/config.toml`, as platformdirs finds it). The explorer writes it
whenever the reader changes a setting, through a temporary file and a rename, so that a
crash or a full disk never leaves half a file. It is read at start; `--lang` and
`VN_EGOV_LANG` come before it. A file that cannot be read or holds something unexpected
costs one line on stderr and the defaults, never a crash: it is the reader's own file,
and a typo in it must not stop the explorer. No Textual import: the command line reads
it before it knows whether the explorer will open.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import platformdirs

from timeline.l10n import LANGUAGES, Formatter, _, current_language
from timeline.l10n.problems import message_text
from timeline.problems import Place, Problem, ProblemKind

FILE_NAME = "config.toml"
FIGURES = ("compact", "full")
MAX_BYTES = 64 * 1024  # what we write is three lines; far more is not a settings file


@dataclass(frozen=True)
class Remembered:
    """What the file says; None where it says nothing."""

    lang: str | None = None
    full: bool | None = None
    theme: str | None = None


class ConfigError(ValueError):
    """Why the file was not used, in one line (already in the reader's language)."""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the file is. platformdirs reads XDG_CONFIG_HOME from the process's environment;
    a given `environ` (tests, the CLI) is honoured the same way."""
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_CONFIG_HOME", "").strip()
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "vn-egov" / FILE_NAME
    return platformdirs.user_config_path("vn-egov", appauthor=False) / FILE_NAME


def parse(text: str) -> Remembered:
    """The choices in a config file's text; ConfigError for anything but what we write."""
    # Imported when there is a file to read: most starts have none, and the TOML error
    # words compile their patterns as they are imported.
    import tomli

    from timeline.toml_errors import toml_problem

    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        # In the words the timeline file's own syntax errors are given (timeline.toml_errors).
        kind, params = toml_problem(exc)
        raise ConfigError(
            _("not TOML (line {line}, column {column}): {reason}").format(
                line=exc.lineno, column=exc.colno, reason=_problem(kind, **params)
            )
        ) from None
    except RecursionError:
        raise ConfigError(
            _("not TOML: {reason}").format(reason=_problem("nested-too-deeply"))
        ) from None
    except Exception as exc:  # the parser's own failure (an integer of thousands of digits)
        raise ConfigError(_problem("unparsable", reason=str(exc))) from None
    lang = data.get("language")
    if lang is not None and lang not in LANGUAGES:
        raise ConfigError(
            _("language = {value}: choose one of {choices}").format(
                value=_shown(lang), choices=", ".join(LANGUAGES)
            )
        )
    figures = data.get("figures")
    if figures is not None and figures not in FIGURES:
        raise ConfigError(
            _("figures = {value}: choose one of {choices}").format(
                value=_shown(figures), choices=", ".join(FIGURES)
            )
        )
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(_("theme = {value}: a theme's name").format(value=_shown(theme)))
    return Remembered(lang=lang, full=None if figures is None else figures == "full", theme=theme)


def _problem(kind: ProblemKind, **params: object) -> str:
    return message_text(Problem(Place(""), kind, params), Formatter(current_language()), _)


def _shown(value: object) -> str:
    """A value from the file on one line: quoted, escaped, cut when long."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:40] + "…"


Warning = Callable[[], str]


def read(path: Path) -> tuple[Remembered, Warning | None]:
    """The remembered choices, and when the file was not usable, the one-line warning.

    The warning is a function, called once the language is chosen (the file itself may
    have been meant to choose it).
    """
    try:
        raw = _contents(path)
    except FileNotFoundError:
        return Remembered(), None
    except _NotAFile as exc:
        why = exc.why
        return Remembered(), lambda: warning(path, why())
    try:
        return parse(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        return Remembered(), lambda: warning(path, _("not UTF-8 text"))
    except ConfigError:
        return Remembered(), lambda: warning(path, _reason(raw))


class _NotAFile(OSError):
    def __init__(self, why: Callable[[], str]) -> None:
        super().__init__()
        self.why = why  # the reason, worded once the language is known


def _contents(path: Path) -> bytes:
    """The file's bytes. Opened without waiting and looked at before it is read: a named
    pipe in its place would otherwise hang every command, and a device never end."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _NotAFile(_why(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _NotAFile(lambda: _("a folder, not a file"))
        if not stat.S_ISREG(mode):
            raise _NotAFile(lambda: _("not a regular file"))
        with os.fdopen(fd, "rb", closefd=False) as file:
            raw = file.read(MAX_BYTES + 1)
    except _NotAFile:
        raise
    except OSError as exc:
        raise _NotAFile(_why(exc)) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        raise _NotAFile(lambda: _("too large for a settings file"))
    return raw


def _why(exc: OSError) -> Callable[[], str]:
    """The system's reason in the reader's words where we know it, else the system's."""
    known: dict[int, Callable[[], str]] = {
        errno.EISDIR: lambda: _("a folder, not a file"),
        errno.EACCES: lambda: _("permission denied"),
        errno.EPERM: lambda: _("permission denied"),
        errno.ELOOP: lambda: _("a loop of symbolic links"),
        errno.ENOTDIR: lambda: _("a file stands where a folder of its path should be"),
    }
    reason = exc.strerror or str(exc)
    return known.get(exc.errno or 0, lambda: reason)


def _reason(raw: bytes) -> str:
    try:
        parse(raw.decode("utf-8"))
    except ConfigError as exc:
        return str(exc)
    return ""  # pragma: no cover - only called for a file that failed


def warning(path: Path, reason: str) -> str:
    """One line, whatever the reason held (TOML errors can span lines)."""
    line = _("vn-egov: ignoring {path}: {reason}; using the defaults").format(
        path=path, reason=reason
    )
    return " ".join(line.split())


def render(lang: str, full: bool, theme: str) -> str:
    """The file's text. Strings are written as JSON strings, which TOML reads alike."""
    figures = "full" if full else "compact"
    return (
        "# vn-egov remembers the explorer's settings here; delete the file to forget them.\n"
        f"language = {json.dumps(lang)}\n"
        f"figures = {json.dumps(figures)}  # compact or full\n"
        f"theme = {json.dumps(theme)}\n"
    )


class Chosen(Protocol):
    """What is remembered of the explorer's settings (tui.settings.Settings)."""

    @property
    def lang(self) -> str: ...
    @property
    def full(self) -> bool: ...
    @property
    def theme(self) -> str: ...


def saver(path: Path) -> Callable[[Chosen], None]:
    """What the explorer calls after each change of its settings: the file rewritten."""

    def save(settings: Chosen) -> None:
        write(path, render(settings.lang, settings.full, settings.theme))

    return save


def write(path: Path, text: str) -> None:
    """Replace the file whole: a temporary file beside it, then a rename. OSError on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

"""bytes -> Timeline, or one TimelineError listing every problem with its place.

Anything a file can contain ends here either as a Timeline or as a TimelineError: its
problems (timeline.problems) each name a place, `path:line:col` for syntax and
`path:line: key.path` for the schema and cross-references, and are worded when printed.
Nothing else escapes: the CLI prints the problems and exits 1.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from timeline.checks import reference_problems
from timeline.model import Timeline
from timeline.package import FOLDER
from timeline.places import Places, long_integer
from timeline.problems import KeyProblem, Place, Problem, TimelineError, fail
from timeline.reading import Input, Unreadable, read_input
from timeline.slices import ARRAYS, Unsplittable, split

__all__ = ["MAX_BYTES", "Progress", "TimelineError", "bundled_path", "load", "loads"]

# A timeline file is text a person writes; far larger than this is a mistake (or an attack)
# that would otherwise exhaust memory before any helpful message could be printed.
MAX_BYTES = 512 * 1024 * 1024


def bundled_path() -> Path:
    """The timeline that ships with the package."""
    return FOLDER / "data" / "timeline.toml"


# What load() reports as it goes: a stage ("reading", "parsing", "validating",
# "checking") and, while validating, the tables done and the tables in all.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    pass


class Cancelled(Exception):
    """Raised by a Progress callback whose caller no longer wants the timeline (the
    explorer is quitting): the load stops at its next report, and nothing is cached."""


def load(path: Path | str, progress: Progress = no_progress) -> Timeline:
    """Read and validate a timeline file, telling `progress` how far it has got."""
    name = str(path)
    progress("reading", 0, 0)
    return load_input(read(path, progress), name, progress)


def read(path: Path | str, progress: Progress = no_progress) -> Input:
    """The file's bytes, read once whatever it is (see timeline.reading)."""
    try:
        return read_input(path, MAX_BYTES, lambda done: progress("reading", done, 0))
    except Unreadable as exc:
        raise fail(Place(str(path)), exc.kind, **exc.params) from None


def load_input(found: Input, name: str, progress: Progress = no_progress) -> Timeline:
    """Validate bytes already read (once: a pipe cannot be read again)."""
    data = found.data
    _check_bytes(data, name)
    source = found.text
    timeline = _in_slices(data, name, source, progress)
    if timeline is not None:
        return timeline
    # Parsed whole: from here only the text is held, and after parsing not even that, so
    # that the bytes, the text and the parsed tables never all sit in memory at once. An
    # error reads the file again to find its line.
    text = _decode(data, name)
    del data
    found.release()
    progress("parsing", 0, 0)
    document = _parse(text, name)
    del text
    return _whole(document, name, source, progress)


def loads(data: bytes | str, name: str = "<timeline>") -> Timeline:
    """Validate a timeline given as bytes (or already decoded text)."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")

    def source() -> str:
        return _decode(raw, name) if isinstance(data, bytes) else data

    _check_bytes(raw, name)
    timeline = _in_slices(raw, name, source, no_progress)
    if timeline is not None:
        return timeline
    text = source()
    document = _parse(text, name)
    del text
    return _whole(document, name, source, no_progress)


# Arrays are validated this many tables at a time, and each parsed table is released as
# soon as its model exists: the memory of the parsed file is reused for the models instead
# of both being held at once (at 100,000 observations, some 170 MiB of parsed tables).
CHUNK = 2_000

# (array, its tables) in the order they are to be validated; "" for the keys beside them.
Tables = Iterable[tuple[str, Any]]


def _in_slices(
    data: bytes, name: str, text: Callable[[], str], progress: Progress
) -> Timeline | None:
    """The timeline parsed a slice at a time (see timeline.slices); None if it cannot be,
    and the file is then to be parsed whole."""
    slices = split(data, CHUNK)
    if slices is None:
        return None
    try:
        head = slices.head()
        in_head = sum(len(v) for k, v in head.items() if k in ARRAYS and isinstance(v, list))
        tables = itertools.chain(_chunks(head), slices.tables())
        timeline = _validate(tables, in_head + slices.count, name, text, progress)
    except Unsplittable:
        return None
    return _checked(timeline, name, text, progress)


def _whole(
    document: dict[str, Any], name: str, text: Callable[[], str], progress: Progress
) -> Timeline:
    total = sum(len(v) for k, v in document.items() if k in ARRAYS and isinstance(v, list))
    return _checked(_validate(_chunks(document), total, name, text, progress), name, text, progress)


def _chunks(document: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """A parsed document's keys beside the arrays, then each array CHUNK tables at a time,
    released from the document as they go."""
    yield "", {k: v for k, v in document.items() if k not in ARRAYS}
    for key in ARRAYS:
        if key not in document:
            continue
        items = document.pop(key)
        if not isinstance(items, list):
            yield key, items
            continue
        while items:
            chunk = items[:CHUNK]
            del items[:CHUNK]
            yield key, chunk
            del chunk


def _checked(
    timeline: Timeline, name: str, text: Callable[[], str], progress: Progress
) -> Timeline:
    progress("checking", 0, 0)
    problems = reference_problems(timeline)
    if problems:
        raise TimelineError(_placed(problems, name, text()))
    return timeline


def _validate(
    tables: Tables, total: int, name: str, text: Callable[[], str], progress: Progress
) -> Timeline:
    # pydantic is imported only here, when a file's tables are validated: a timeline read
    # back from the cache never needs it, and its import was a fifth of the start-up.
    from timeline.validation import Invalid, validate_tables

    try:
        return validate_tables(tables, total, progress)
    except RecursionError:
        raise fail(Place(name), "nested-too-deeply") from None
    except Invalid as invalid:
        raise TimelineError(_placed(invalid.problems, name, text())) from None


def _check_bytes(data: bytes, name: str) -> None:
    """What can be said of a file before reading it as text."""
    if len(data) > MAX_BYTES:
        raise fail(Place(name), "too-large", size=len(data), limit=MAX_BYTES)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(Place(name, 1, 1), "utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        raise fail(Place(name, 1, 1), "byte-order-mark")


def _decode(data: bytes, name: str) -> str:
    _check_bytes(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise fail(Place(name, line, col), "not-utf-8", bytes=bad) from None


def _parse(text: str, name: str) -> dict[str, Any]:
    # Imported here, as pydantic is: a timeline from the cache is never parsed.
    import tomli

    from timeline.toml_errors import toml_problem

    if not text.strip():
        raise fail(Place(name), "empty")
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        kind, params = toml_problem(exc)
        raise fail(Place(name, exc.lineno, exc.colno), kind, **params) from None
    except RecursionError:
        raise fail(Place(name), "nested-too-deeply") from None
    except ValueError as exc:  # an integer of thousands of digits, which int() refuses
        place = long_integer(text, sys.get_int_max_str_digits())
        if place is None:
            raise fail(Place(name), "unparsable", reason=str(exc)) from None
        line, column, digits = place
        raise fail(Place(name, line, column), "toml-long-integer", digits=digits) from None
    except Exception as exc:  # the parser's own failure must not become a traceback
        raise fail(Place(name), "unparsable", reason=str(exc)) from None
    if not any(key in document for key in ARRAYS):
        raise fail(Place(name), "not-a-timeline", arrays=ARRAYS, found=tuple(sorted(document)[:5]))
    return document


def _placed(problems: Iterable[KeyProblem], name: str, text: str) -> list[Problem]:
    """Problems found by key path, each with the line the key is on (the text's layout
    read once, whatever the number of problems)."""
    places = Places(text)
    return [p.at(_place(name, places, p.key)) for p in problems]


# ---------------------------------------------------------------- places


def _place(name: str, places: Places, loc: tuple[int | str, ...]) -> Place:
    """The key's place, with its line found from the TOML's own layout (timeline.places)."""
    return Place(name, places.line_of(loc), key=loc)

"""bytes -> Timeline, or one TimelineError listing every problem with its place.

Anything a file can contain ends here either as a Timeline or as a TimelineError whose
lines read `path:line:col: message` (syntax) or `path:line: key.path: message (got …)`
(schema, cross-references). Nothing else escapes: the CLI prints the lines and exits 1.
"""

from __future__ import annotations

import decimal
import difflib
import itertools
import sys
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import tomli
from pydantic import BaseModel, ValidationError

from timeline.interning import Sharer
from timeline.model import LIMIT, Timeline
from timeline.places import Places, long_integer
from timeline.reading import Input, Unreadable, read_input
from timeline.slices import ARRAYS, Unsplittable, split

# A timeline file is text a person writes; far larger than this is a mistake (or an attack)
# that would otherwise exhaust memory before any helpful message could be printed.
MAX_BYTES = 512 * 1024 * 1024


class TimelineError(Exception):
    """Every problem found in one file, each line naming its place."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def bundled_path() -> Path:
    """The timeline that ships with the package."""
    return Path(str(resources.files("timeline") / "data" / "timeline.toml"))


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
        raise TimelineError([f"{path}: {exc.reason}"]) from None


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
    problems = _reference_problems(timeline)
    if problems:
        places = Places(text())
        raise TimelineError([_place(name, places, loc) + message for loc, message in problems])
    return timeline


def _validate(
    tables: Tables, total: int, name: str, text: Callable[[], str], progress: Progress
) -> Timeline:
    errors: dict[str, list[Any]] = {}
    arrays: dict[str, list[Any]] = {}
    starts: dict[str, int] = {}
    sharer = Sharer()
    finished = 0
    progress("validating", finished, total)
    try:
        for key, items in tables:
            if not key or not isinstance(items, list):
                # The keys beside the arrays (an unknown one is an error with a hint), or
                # an "array" that is not one.
                try:
                    Timeline.model_validate(items if not key else {key: items})
                except ValidationError as exc:
                    errors.setdefault(key, []).extend(exc.errors(include_url=False))
                continue
            start = starts.get(key, 0)
            try:
                validated = getattr(Timeline.model_validate({key: items}), key)
            except ValidationError as exc:
                errors.setdefault(key, []).extend(_shifted(exc, start))
            else:
                for model in validated:
                    sharer.share(model)
                arrays.setdefault(key, []).extend(validated)
            starts[key] = start + len(items)
            finished += len(items)
            progress("validating", finished, total)
            del items
    except RecursionError:
        raise TimelineError([f"{name}: values are nested too deeply"]) from None
    if errors:
        # In the order of the file's layout: its other keys, then array after array.
        ordered = [e for key in ("", *ARRAYS) for e in errors.get(key, [])]
        raise TimelineError(_schema_problems(ordered, text(), name))
    # Every part is validated; construct() only puts them together.
    return Timeline.model_construct(None, **{k: tuple(v) for k, v in arrays.items()})


def _shifted(exc: ValidationError, start: int) -> list[Any]:
    """A chunk's errors, with their array index counted from the start of the file."""
    errors = exc.errors(include_url=False)
    for error in errors:
        loc = error["loc"]
        if start and len(loc) > 1 and isinstance(loc[1], int):
            error["loc"] = (loc[0], loc[1] + start, *loc[2:])
    return errors


def _check_bytes(data: bytes, name: str) -> None:
    """What can be said of a file before reading it as text."""
    if len(data) > MAX_BYTES:
        raise TimelineError(
            [f"{name}: {len(data):,} bytes is larger than the {MAX_BYTES:,} allowed"]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TimelineError([f"{name}:1:1: the file is UTF-16; save it as UTF-8"])
    if data.startswith(b"\xef\xbb\xbf"):
        raise TimelineError(
            [f"{name}:1:1: the file starts with a byte-order mark; save it as UTF-8 without BOM"]
        )


def _decode(data: bytes, name: str) -> str:
    _check_bytes(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise TimelineError(
            [f"{name}:{line}:{col}: not valid UTF-8 (byte {bad}); TOML files are UTF-8"]
        ) from None


def _parse(text: str, name: str) -> dict[str, Any]:
    if not text.strip():
        raise TimelineError([f"{name}: the file is empty; a timeline needs at least one array"])
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise TimelineError([f"{name}:{exc.lineno}:{exc.colno}: {_toml_message(exc)}"]) from None
    except RecursionError:
        raise TimelineError([f"{name}: arrays or tables are nested too deeply"]) from None
    except ValueError as exc:  # an integer of thousands of digits, which int() refuses
        place = long_integer(text, sys.get_int_max_str_digits())
        if place is None:
            raise TimelineError([f"{name}: cannot be parsed as TOML ({exc})"]) from None
        line, column, digits = place
        raise TimelineError(
            [
                f"{name}:{line}:{column}: out of range: a figure must lie between -10^18 "
                f"and 10^18 (got a number of {digits:,} digits)"
            ]
        ) from None
    except Exception as exc:  # the parser's own failure must not become a traceback
        raise TimelineError([f"{name}: cannot be parsed as TOML ({exc})"]) from None
    if not any(key in document for key in ARRAYS):
        found = ", ".join(sorted(document)[:5]) or "nothing"
        raise TimelineError(
            [
                f"{name}: not a timeline: none of the arrays {', '.join(ARRAYS)} "
                f"is present (found {found})"
            ]
        )
    return document


def _toml_message(exc: tomli.TOMLDecodeError) -> str:
    message = str(getattr(exc, "msg", exc))
    if "\x00" in exc.doc and exc.doc.find("\x00") == exc.pos:
        return "a NUL byte is not allowed in a TOML file"
    return message[0].lower() + message[1:] if message else "invalid TOML"


# ---------------------------------------------------------------- schema errors


def _schema_problems(errors: list[Any], text: str, name: str) -> list[str]:
    seen: dict[tuple[Any, ...], str] = {}
    for error in errors:
        loc = _clean_loc(error["loc"])
        # A union reports each branch; one line per place is enough, and the branch that
        # got past the type check (nan is a float, just not a finite one) says the most.
        if loc in seen and str(error["type"]).endswith("_type"):
            continue
        seen[loc] = _message(error, loc)
    places = Places(text)
    return [_place(name, places, loc) + message for loc, message in seen.items()]


_BRANCHES = {"int", "float", "str", "constrained-int", "constrained-float"}


def _clean_loc(loc: Sequence[int | str]) -> tuple[int | str, ...]:
    """Drop pydantic's union-branch tags ('int', 'float', 'function-after[…]')."""
    cleaned: list[int | str] = []
    for part in loc:
        if isinstance(part, str) and (part in _BRANCHES or "[" in part):
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _message(error: Any, loc: tuple[int | str, ...]) -> str:
    kind = error["type"]
    got = f" (got {_show(error.get('input'))})"
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        return "unknown key" + _did_you_mean(key, _fields_at(loc[:-1]))
    if kind in {"int_type", "float_type", "int_from_float", "float_parsing", "int_parsing"}:
        return "expected a number" + got
    if kind == "finite_number":
        return "must be a finite number" + got
    if kind in {"less_than", "greater_than"}:
        return "out of range: a figure must lie between -10^18 and 10^18" + got
    if kind in {"date_type", "date_parsing", "date_from_datetime_inexact"}:
        return "expected a TOML date such as 2021-11-23" + got
    if kind == "string_type":
        return "expected a string" + got
    if kind in {"tuple_type", "list_type"}:
        return "expected an array" + got
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "expected a table" + got
    if kind == "string_pattern_mismatch":
        return "not a valid id: use lower-case letters, digits, '.', '_' and '-'" + got
    if kind in {"string_too_short", "too_short"}:
        return "must not be empty"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}" + got
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"]) + got


def _show(value: Any) -> str:
    if isinstance(value, int) and abs(value) >= LIMIT:
        # A huge integer in scientific notation: all its digits would be no help, and
        # more than 4,300 of them cannot even be turned into text.
        return f"{decimal.Decimal(value):.3e}"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _fields_at(loc: Sequence[int | str]) -> list[str]:
    """The keys allowed at a place, for "did you mean" hints."""
    model: type[BaseModel] | None = Timeline
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    return list(model.model_fields) if model else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _did_you_mean(key: str, allowed: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# ---------------------------------------------------------------- cross-references


def _reference_problems(t: Timeline) -> list[tuple[tuple[int | str, ...], str]]:
    problems: list[tuple[tuple[int | str, ...], str]] = []

    def unknown(loc: tuple[int | str, ...], kind: str, ref: str, known: Iterable[str]) -> None:
        problems.append((loc, f"unknown {kind} '{ref}'" + _did_you_mean(ref, known)))

    for array in ARRAYS:
        first: dict[str, int] = {}
        for index, item in enumerate(getattr(t, array)):
            if item.id in first:
                problems.append(
                    (
                        (array, index, "id"),
                        f"duplicate id '{item.id}' (first at {array}[{first[item.id]}])",
                    )
                )
            else:
                first[item.id] = index

    platforms, sources, indicators = t.platform, t.source, t.indicator
    for i, p in enumerate(t.platforms):
        if p.part_of is not None:
            parent = platforms.get(p.part_of)
            if parent is None:
                unknown(("platforms", i, "part_of"), "platform", p.part_of, platforms)
            elif p.part_of == p.id or parent.part_of is not None:
                problems.append(
                    (
                        ("platforms", i, "part_of"),
                        "must name a top-level platform, not itself or a component",
                    )
                )
    for i, m in enumerate(t.milestones):
        if m.platform is not None and m.platform not in platforms:
            unknown(("milestones", i, "platform"), "platform", m.platform, platforms)
        for j, s in enumerate(m.sources):
            if s not in sources:
                unknown(("milestones", i, "sources", j), "source", s, sources)
    for i, o in enumerate(t.observations):
        loc: tuple[int | str, ...] = ("observations", i)
        if o.platform is not None and o.platform not in platforms:
            unknown((*loc, "platform"), "platform", o.platform, platforms)
        if o.source not in sources:
            unknown((*loc, "source"), "source", o.source, sources)
        if o.part_of is not None and (o.part_of not in t.observation or o.part_of == o.id):
            unknown((*loc, "part_of"), "observation", o.part_of, t.observation)
        indicator = indicators.get(o.indicator)
        if indicator is None:
            unknown((*loc, "indicator"), "indicator", o.indicator, indicators)
            continue
        problems.extend(
            ((*loc, key), message) for key, message in _value_problems(o, indicator.unit)
        )
    for i, n in enumerate(t.quality_notes):
        for key, table in (
            ("observations", t.observation),
            ("milestones", t.milestone),
            ("sources", sources),
        ):
            for j, ref in enumerate(getattr(n, key)):
                if ref not in table:
                    unknown(("quality_notes", i, key, j), key.rstrip("s"), ref, table)
    return problems


def _value_problems(o: Any, unit: str) -> list[tuple[str, str]]:
    """Values no source can report: a negative count, a part larger than its whole."""
    if o.change == "times":
        return (
            []
            if o.value > 0
            else [("value", f"a growth of 'times' must be above 0 (got {o.value})")]
        )
    if o.change == "percent":
        return []
    found: list[tuple[str, str]] = []
    if o.value < 0:
        found.append(
            ("value", f"cannot be negative for a {unit.replace('_', ' ')} (got {o.value})")
        )
    if unit == "part_of_whole":
        if o.total is None:
            found.append(("total", "a part-of-whole figure needs 'total' (the whole)"))
        elif o.total <= 0 or o.value > o.total:
            found.append(
                ("total", f"the whole must be positive and at least the part (got {o.total})")
            )
    elif o.total is not None:
        found.append(("total", f"'total' belongs only to part-of-whole indicators, not {unit}"))
    return found


# ---------------------------------------------------------------- places


def _place(name: str, places: Places, loc: tuple[int | str, ...]) -> str:
    """`path:line: key.path: ` with the line found by reading the TOML's own layout."""
    line = places.line_of(loc)
    where = f"{name}:{line}" if line else name
    return f"{where}: {_dotted(loc)}: " if loc else f"{where}: "


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

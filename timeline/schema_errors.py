"""pydantic's validation errors as problems: a key path, a kind, the value that was given.

One problem per place (a union reports each of its branches), kinds for everything the
timeline's models can refuse, and for a misspelt key the closest allowed one. The words
are chosen when printed (timeline.l10n.problems).
"""

from __future__ import annotations

import dataclasses
import decimal
import re
import typing
from collections.abc import Sequence
from typing import Any

from timeline.model import LIMIT, Record, Timeline
from timeline.problems import KeyProblem, Loc, ProblemKind, closest

# pydantic's error types, by the kind of problem they are; "(got …)" shows the value.
_KINDS: dict[str, ProblemKind] = {
    "missing": "schema-missing",
    # A record is a dataclass: pydantic says a key it has no field for is an unexpected
    # keyword argument.
    "unexpected_keyword_argument": "schema-unknown-key",
    **dict.fromkeys(
        ("int_type", "float_type", "int_from_float", "float_parsing", "int_parsing"),
        "schema-number",
    ),
    "finite_number": "schema-finite",
    **dict.fromkeys(("less_than", "greater_than"), "schema-out-of-range"),
    **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_inexact"), "schema-date"),
    "string_type": "schema-string",
    **dict.fromkeys(("tuple_type", "list_type"), "schema-array"),
    **dict.fromkeys(("dataclass_type", "dict_type"), "schema-table"),
    "string_pattern_mismatch": "schema-id",
    **dict.fromkeys(("string_too_short", "too_short"), "schema-empty"),
    **dict.fromkeys(("string_too_long", "too_long"), "schema-too-long"),
    "literal_error": "schema-one-of",
    "value_error": "schema-inconsistent",
}
_WITHOUT_VALUE = frozenset(
    ("schema-missing", "schema-unknown-key", "schema-empty", "schema-inconsistent")
)


def schema_problems(errors: list[Any]) -> list[KeyProblem]:
    """pydantic's errors (`ValidationError.errors()`), one problem per key path."""
    seen: dict[Loc, KeyProblem] = {}
    for error in errors:
        loc = _clean_loc(error["loc"])
        # A union reports each branch; one line per place is enough, and the branch that
        # got past the type check (nan is a float, just not a finite one) says the most.
        if loc in seen and str(error["type"]).endswith("_type"):
            continue
        seen[loc] = _problem(error, loc)
    return list(seen.values())


_BRANCHES = {"int", "float", "str", "constrained-int", "constrained-float"}


def _clean_loc(loc: Sequence[int | str]) -> Loc:
    """Drop pydantic's union-branch tags ('int', 'float', 'function-after[…]')."""
    cleaned: list[int | str] = []
    for part in loc:
        if isinstance(part, str) and (part in _BRANCHES or "[" in part):
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _problem(error: Any, loc: Loc) -> KeyProblem:
    kind = _KINDS.get(error["type"], "schema-other")
    params: dict[str, Any] = {}
    if kind not in _WITHOUT_VALUE:
        params["got"] = _show(error.get("input"))
    context = error.get("ctx") or {}
    if kind == "schema-unknown-key":
        key = str(loc[-1]) if loc else ""
        return KeyProblem(loc, kind, params, closest(key, _fields_at(loc[:-1])))
    if kind == "schema-too-long":
        params["limit"] = int(context.get("max_length", 0))
    elif kind == "schema-one-of":
        # pydantic lists them as "'day', 'month', 'year' or 'estimate'": the values alone
        # are kept, and joined in the reader's language.
        params["values"] = tuple(re.findall(r"'[^']*'", str(context.get("expected", ""))))
    elif kind == "schema-inconsistent":
        # A model's own check (timeline.model); its message is a catalog entry.
        params["message"] = str(context.get("error", error["msg"]))
    elif kind == "schema-other":
        params["message"] = str(error["msg"])
    return KeyProblem(loc, kind, params)


def _show(value: Any) -> str:
    if isinstance(value, int) and abs(value) >= LIMIT:
        # A huge integer in scientific notation: all its digits would be no help, and
        # more than 4,300 of them cannot even be turned into text.
        return f"{decimal.Decimal(value):.3e}"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _fields_at(loc: Sequence[int | str]) -> list[str]:
    """The keys allowed at a place, for "did you mean" hints."""
    record: type[Any] | None = Timeline
    for part in loc:
        if isinstance(part, int) or record is None:
            continue
        record = _record_in(typing.get_type_hints(record).get(str(part)))
    return [field.name for field in dataclasses.fields(record)] if record else []


def _record_in(annotation: Any) -> type[Record] | None:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in typing.get_args(annotation):
        found = _record_in(arg)
        if found:
            return found
    return None

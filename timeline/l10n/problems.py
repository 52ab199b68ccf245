"""The words of a file's problems, chosen when they are printed.

A problem (timeline.problems) is a place, a kind and its facts. Printed, it reads
`path:line:col: message` for a syntax error and `path:line: key.path: message (got …)`
for the schema and references, the message in the Formatter's language. Facts that are
counts (ints) are written as numbers of that language; everything else is shown as it
was given (a value from the file, an id, a key).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from timeline.l10n.catalogs import N_, translations
from timeline.l10n.numbers import Formatter

if TYPE_CHECKING:
    from timeline.problems import Loc, Place, Problem, ProblemKind

WORDS: Final[dict[ProblemKind, str]] = {
    # the file
    "is-a-directory": N_("is a directory, not a timeline file"),
    "no-such-file": N_("no such file"),
    "permission-denied": N_("permission denied"),
    "unreadable": N_("cannot be read ({reason})"),
    "too-large": N_("{size} bytes is larger than the {limit} allowed"),
    "too-large-stream": N_("is larger than the {limit} bytes allowed"),
    "utf-16": N_("the file is UTF-16; save it as UTF-8"),
    "byte-order-mark": N_("the file starts with a byte-order mark; save it as UTF-8 without BOM"),
    "not-utf-8": N_("not valid UTF-8 (byte {bytes}); TOML files are UTF-8"),
    "empty": N_("the file is empty; a timeline needs at least one array"),
    "nested-too-deeply": N_("values are nested too deeply"),
    "not-a-timeline": N_("not a timeline: none of the arrays {arrays} is present (found {found})"),
    "unparsable": N_("cannot be parsed as TOML ({reason})"),
    # TOML syntax, as tomli finds it
    "toml-nul": N_("a NUL byte is not allowed in a TOML file"),
    "toml-invalid-statement": N_("invalid statement"),
    "toml-expected-newline": N_("expected a new line or the end of the file after a statement"),
    "toml-expected": N_("expected {expected}"),
    "toml-invalid-character": N_("found invalid character {char}"),
    "toml-declared-twice": N_("cannot declare {key} twice"),
    "toml-overwrite": N_("cannot overwrite a value"),
    "toml-unclosed-table-header": N_("expected ']' at the end of a table declaration"),
    "toml-unclosed-array-header": N_("expected ']]' at the end of an array declaration"),
    "toml-immutable-namespace": N_("cannot change {key}: it was defined inline"),
    "toml-redefined-namespace": N_("cannot redefine the table {key}"),
    "toml-expected-equals": N_("expected '=' after a key in a key/value pair"),
    "toml-invalid-key": N_("invalid initial character for a key"),
    "toml-unclosed-array": N_("unclosed array"),
    "toml-duplicate-inline-key": N_("duplicate key {key} in an inline table"),
    "toml-unclosed-inline-table": N_("unclosed inline table"),
    "toml-unescaped-backslash": N_("unescaped '\\' in a string"),
    "toml-invalid-hex": N_("invalid hex value"),
    "toml-not-unicode-scalar": N_("escaped character is not a Unicode scalar value"),
    "toml-unterminated-string": N_("unterminated string"),
    "toml-illegal-character": N_("illegal character {char}"),
    "toml-invalid-datetime": N_("invalid date or datetime"),
    "toml-invalid-value": N_("invalid value"),
    "toml-long-integer": N_(
        "out of range: a figure must lie between -10^18 and 10^18 (got a number of {digits} digits)"
    ),
    "toml-other": "{message}",  # a message of a tomli version newer than these
    # the schema
    "schema-missing": N_("required key is missing"),
    "schema-unknown-key": N_("unknown key"),
    "schema-number": N_("expected a number (got {got})"),
    "schema-finite": N_("must be a finite number (got {got})"),
    "schema-out-of-range": N_(
        "out of range: a figure must lie between -10^18 and 10^18 (got {got})"
    ),
    "schema-date": N_("expected a TOML date such as 2021-11-23 (got {got})"),
    "schema-string": N_("expected a string (got {got})"),
    "schema-array": N_("expected an array (got {got})"),
    "schema-table": N_("expected a table (got {got})"),
    "schema-id": N_("not a valid id: use lower-case letters, digits, '.', '_' and '-' (got {got})"),
    "schema-empty": N_("must not be empty"),
    "schema-too-long": N_("too long: at most {limit} characters (got {got})"),
    "schema-one-of": N_("expected one of {values} (got {got})"),
    "schema-inconsistent": "{message}",  # a model's own check: the message is an entry
    "schema-other": "{message} (got {got})",  # pydantic's words, for an error not foreseen
    # references and values
    "duplicate-id": N_("duplicate id '{id}' (first at {first})"),
    "unknown-platform": N_("unknown platform '{id}'"),
    "unknown-source": N_("unknown source '{id}'"),
    "unknown-indicator": N_("unknown indicator '{id}'"),
    "unknown-observation": N_("unknown observation '{id}'"),
    "unknown-milestone": N_("unknown milestone '{id}'"),
    "parent-not-top-level": N_("must name a top-level platform, not itself or a component"),
    "times-not-positive": N_("a growth of 'times' must be above 0 (got {value})"),
    "negative": N_("cannot be negative for an indicator in '{unit}' (got {value})"),
    "part-needs-total": N_("a part-of-whole figure needs 'total' (the whole)"),
    "total-too-small": N_("the whole must be positive and at least the part (got {total})"),
    "total-not-allowed": N_("'total' belongs only to part-of-whole indicators, not '{unit}'"),
}
DID_YOU_MEAN: Final = N_("; did you mean '{suggestion}'?")
NOTHING: Final = N_("nothing")  # "found nothing": a file with no keys at all


def problem_text(problem: Problem, fmt: Formatter) -> str:
    """One problem on one line: its place, then what is wrong, in `fmt`'s language."""
    gettext = translations(fmt.lang).gettext
    return place_text(problem.place) + message_text(problem, fmt, gettext)


def message_text(problem: Problem, fmt: Formatter, gettext: Callable[[str], str]) -> str:
    """What is wrong, without the place."""
    template = WORDS.get(problem.kind)
    if template is None:  # a kind this version has no words for
        return problem.kind
    facts = _Facts({name: _fact(value, fmt, gettext) for name, value in problem.params.items()})
    if problem.kind == "schema-inconsistent":
        facts["message"] = gettext(str(problem.params.get("message", "")))
    try:
        message = gettext(template).format_map(facts)
    except (IndexError, ValueError):  # a translation with a broken placeholder: English
        message = template.format_map(facts)
    if problem.suggestion is not None:
        message += gettext(DID_YOU_MEAN).format(suggestion=problem.suggestion)
    return message


def _fact(value: Any, fmt: Formatter, gettext: Callable[[str], str]) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Formatter(fmt.lang, full=True).number(value)  # a count, in full
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) if value else gettext(NOTHING)
    return str(value)


class _Facts(dict[str, str]):
    """A problem's facts for str.format_map; a fact it lacks is shown as its name."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def place_text(place: Place) -> str:
    """`path:line:col: `, `path:line: key.path: `, or as much of it as is known."""
    where = place.file
    if place.line is not None:
        where += f":{place.line}"
        if place.column is not None:
            where += f":{place.column}"
    return f"{where}: {dotted(place.key)}: " if place.key else f"{where}: "


def dotted(loc: Loc) -> str:
    """("observations", 12, "as_of") -> "observations[12].as_of"."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

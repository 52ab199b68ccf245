"""What is wrong with a timeline file, as data: a place, a kind and the facts the words need.

A problem carries no sentence. Its words are chosen when it is printed, in the language
and house style of the moment (timeline.l10n.problems), so that `vn-egov --lang vi
validate` says every problem in Vietnamese and a new language needs only its catalog.
The kinds are listed once, below; the words for each live beside the other languages'
words, one entry per kind.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

# Every kind of problem a file can have. Reading the file: the file itself (missing,
# unreadable, too large, not UTF-8), then TOML syntax (`toml-…`: the parser's own
# findings, recognised one by one), then the schema (`schema-…`: pydantic's errors),
# then references between entries and values no source can report.
ProblemKind = Literal[
    # the file
    "is-a-directory",
    "no-such-file",
    "permission-denied",
    "unreadable",
    "too-large",
    "too-large-stream",
    "utf-16",
    "byte-order-mark",
    "not-utf-8",
    "empty",
    "nested-too-deeply",
    "not-a-timeline",
    "unparsable",
    # TOML syntax
    "toml-nul",
    "toml-invalid-statement",
    "toml-expected-newline",
    "toml-expected",
    "toml-invalid-character",
    "toml-declared-twice",
    "toml-overwrite",
    "toml-unclosed-table-header",
    "toml-unclosed-array-header",
    "toml-immutable-namespace",
    "toml-redefined-namespace",
    "toml-expected-equals",
    "toml-invalid-key",
    "toml-unclosed-array",
    "toml-duplicate-inline-key",
    "toml-unclosed-inline-table",
    "toml-unescaped-backslash",
    "toml-invalid-hex",
    "toml-not-unicode-scalar",
    "toml-unterminated-string",
    "toml-illegal-character",
    "toml-invalid-datetime",
    "toml-invalid-value",
    "toml-long-integer",
    "toml-other",
    # the schema
    "schema-missing",
    "schema-unknown-key",
    "schema-number",
    "schema-finite",
    "schema-out-of-range",
    "schema-date",
    "schema-string",
    "schema-array",
    "schema-table",
    "schema-id",
    "schema-empty",
    "schema-too-long",
    "schema-one-of",
    "schema-inconsistent",
    "schema-other",
    # references and values
    "duplicate-id",
    "unknown-platform",
    "unknown-source",
    "unknown-indicator",
    "unknown-observation",
    "unknown-milestone",
    "parent-not-top-level",
    "times-not-positive",
    "negative",
    "part-needs-total",
    "total-too-small",
    "total-not-allowed",
]

# A key path inside the document: ("observations", 12, "as_of") is observations[12].as_of.
Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class Place:
    """Where a problem is: the file, and as much of line, column and key path as is known."""

    file: str
    line: int | None = None
    column: int | None = None
    key: Loc = ()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file. `params` are facts (ids, values, sizes), never words."""

    place: Place
    kind: ProblemKind
    params: Mapping[str, Any] = field(default_factory=dict)
    # The allowed name closest to a wrong one, for "did you mean …?"
    suggestion: str | None = None


@dataclass(frozen=True)
class KeyProblem:
    """A problem inside the document, known by its key path until its line is found."""

    key: Loc
    kind: ProblemKind
    params: Mapping[str, Any] = field(default_factory=dict)
    suggestion: str | None = None

    def at(self, place: Place) -> Problem:
        return Problem(place, self.kind, self.params, self.suggestion)


class TimelineError(Exception):
    """Every problem found in one file, each naming its place.

    `str()` gives them in English, one a line (for logs and tracebacks); the CLI prints
    them in the user's language with timeline.l10n.problems.problem_text.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        from timeline.l10n import Formatter
        from timeline.l10n.problems import problem_text

        english = Formatter("en")
        return "\n".join(problem_text(p, english) for p in self.problems)


def fail(place: Place, kind: ProblemKind, **params: Any) -> TimelineError:
    """A TimelineError of one problem, to raise: `raise fail(Place(name), "no-such-file")`."""
    return TimelineError([Problem(place, kind, params)])


def closest(name: str, allowed: Iterable[str]) -> str | None:
    """The allowed name a misspelt one most likely meant, if any is close enough."""
    found = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    return found[0] if found else None

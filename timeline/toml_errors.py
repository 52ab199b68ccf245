"""The TOML parser's messages, recognised: each becomes a problem kind with its facts.

tomli says what is wrong in English sentences of its own ("Unclosed array", "Expected
'=' after a key in a key/value pair"). Each one it can say is matched here, so that the
problem is worded in the user's language when printed; a message not recognised (a new
tomli version) keeps tomli's words, as `toml-other`.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import tomli

from timeline.problems import ProblemKind

# tomli 2's messages, whole; the groups are the facts kept (a character, a key).
_SAID: tuple[tuple[str, ProblemKind, tuple[str, ...]], ...] = (
    (r"Invalid statement", "toml-invalid-statement", ()),
    (r"Expected newline or end of document after a statement", "toml-expected-newline", ()),
    (r"Expected '=' after a key in a key/value pair", "toml-expected-equals", ()),
    (r"Expected '\]' at the end of a table declaration", "toml-unclosed-table-header", ()),
    (r"Expected '\]\]' at the end of an array declaration", "toml-unclosed-array-header", ()),
    (r"Expected (?P<expected>.+)", "toml-expected", ("expected",)),
    (r"Found invalid character (?P<char>.+)", "toml-invalid-character", ("char",)),
    (r"Cannot declare (?P<key>.+) twice", "toml-declared-twice", ("key",)),
    (r"Cannot overwrite a value", "toml-overwrite", ()),
    (r"Cannot mutate immutable namespace (?P<key>.+)", "toml-immutable-namespace", ("key",)),
    (r"Cannot redefine namespace (?P<key>.+)", "toml-redefined-namespace", ("key",)),
    (r"Invalid initial character for a key part", "toml-invalid-key", ()),
    (r"Unclosed array", "toml-unclosed-array", ()),
    (r"Duplicate inline table key (?P<key>.+)", "toml-duplicate-inline-key", ("key",)),
    (r"Unclosed inline table", "toml-unclosed-inline-table", ()),
    (r"Unescaped '\\' in a string", "toml-unescaped-backslash", ()),
    (r"Invalid hex value", "toml-invalid-hex", ()),
    (r"Escaped character is not a Unicode scalar value", "toml-not-unicode-scalar", ()),
    (r"Unterminated string", "toml-unterminated-string", ()),
    (r"Illegal character (?P<char>.+)", "toml-illegal-character", ("char",)),
    (r"Invalid date or datetime", "toml-invalid-datetime", ()),
    (r"Invalid value", "toml-invalid-value", ()),
)
_MESSAGES = tuple((re.compile(pattern, re.DOTALL), kind, names) for pattern, kind, names in _SAID)


def toml_problem(exc: tomli.TOMLDecodeError) -> tuple[ProblemKind, dict[str, Any]]:
    """The kind of a syntax error, and its facts."""
    if "\x00" in exc.doc and exc.doc.find("\x00") == exc.pos:
        return "toml-nul", {}
    message = str(getattr(exc, "msg", exc))
    for pattern, kind, names in _MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return kind, {name: _key(match.group(name)) for name in names}
    return "toml-other", {"message": message[0].lower() + message[1:] if message else ""}


def _key(fact: str) -> str:
    """tomli names a table by its key tuple, ('a', 'b'): shown as the TOML key a.b."""
    if fact.startswith("("):
        try:
            parts = ast.literal_eval(fact)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return fact
        if isinstance(parts, tuple) and all(isinstance(p, str) for p in parts):
            return ".".join(parts)
    return fact

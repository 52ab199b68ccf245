"""Where a problem is in a TOML text: the line of `[[array]]` number N, and of a key in it.

The text is split and its header lines found once, whatever the number of problems:
looking each problem's place up afresh in the whole text made ten thousand problems in a
4 MB file take minutes. A key is then looked for only within its own table.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(#.*)?$")
_TABLE = re.compile(r"^\s*\[")

Loc = tuple[int | str, ...]


@lru_cache(maxsize=256)
def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(key)}\s*[=.]")


class Places:
    """The layout of one TOML text, for placing any number of problems in it."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers: dict[str, list[int]] = {}
        for number, line in enumerate(self._lines):
            if "[[" not in line:
                continue
            match = _HEADER.match(line)
            if match:
                self._headers.setdefault(match.group(1), []).append(number)

    def line_of(self, loc: Loc) -> int | None:
        """The line of `[[array]]` number N and, within it, of the key (best effort)."""
        if len(loc) < 2 or not isinstance(loc[0], str) or not isinstance(loc[1], int):
            return None
        starts = self._headers.get(loc[0], [])
        index = loc[1]
        if not 0 <= index < len(starts):
            return None
        start = starts[index]
        key = next((p for p in loc[2:] if isinstance(p, str)), None)
        if key is not None:
            pattern = _key_line(key)
            lines = self._lines
            for number in range(start + 1, len(lines)):
                if _TABLE.match(lines[number]):
                    break
                if pattern.match(lines[number]):
                    return number + 1
        return start + 1


def long_integer(text: str, digits: int) -> tuple[int, int, int] | None:
    """(line, column, digits) of the first integer literal of more than `digits` digits.

    Python refuses to turn one into a number (CPython's `sys.get_int_max_str_digits`),
    and the TOML parser then fails without saying where; this finds the place.
    """
    for match in re.finditer(rf"[0-9][0-9_]{{{max(digits - 1, 0)},}}", text):
        found = match.group().count("_")
        length = len(match.group()) - found
        if length > digits:
            start = match.start()
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            return line, column, length
    return None

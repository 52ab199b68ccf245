"""A timeline file read a slice at a time: its arrays of tables, a few thousand at once.

Parsing a whole 40 MB file first holds every parsed table at once (some 170 MiB at
100,000 observations) and leaves the memory it used scattered with the strings the
models keep, so that the process stays that much larger for its whole life. Cut at its
`[[array]]` header lines, the same file parses slice after slice, each slice's tables
becoming models before the next is read, in the memory the last one used.

Cutting is sound only where a header line really is a header. A line that reads like
one inside a multi-line string (or array) leaves the slice before it unterminated, so
that slice fails to parse; anything that does not come out exactly as one array's
tables fails the same way. Every such file is parsed whole instead, which also finds
and places its errors exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

ARRAYS = ("sources", "platforms", "milestones", "indicators", "observations", "quality_notes")

# A header starts with "[[": the search runs at the speed of a substring search, and
# each hit is then checked to stand alone on its line.
_HEADER = re.compile(
    rb"\[\[[ \t]*(" + b"|".join(a.encode() for a in ARRAYS) + rb")[ \t]*\]\][ \t]*"
    rb"(?:#[^\r\n]*)?\r?(?=\n|\Z)"
)


class Unsplittable(Exception):
    """The file cannot be read in slices; it is to be parsed whole."""


@dataclass
class Slices:
    """Where a file's arrays of tables start, grouped into slices of `size` tables."""

    data: bytes
    head_end: int  # everything before the first header: the file's other keys
    # (array, start, end, tables): consecutive tables of one array
    batches: list[tuple[str, int, int, int]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """The tables in all slices."""
        return sum(count for _array, _start, _end, count in self.batches)

    def head(self) -> dict[str, Any]:
        """The file's keys before its first header; none of them may be a sliced array."""
        head = _parse(self.data[: self.head_end])
        if any(array in head for array, _start, _end, _count in self.batches):
            raise Unsplittable  # `observations = [...]` then `[[observations]]`: parse whole
        return head

    def tables(self) -> Iterator[tuple[str, list[Any]]]:
        """Each slice's tables, parsed only when asked for, as (array, tables)."""
        for array, start, end, count in self.batches:
            document = _parse(self.data[start:end])
            tables = document.get(array)
            if len(document) != 1 or not isinstance(tables, list) or len(tables) != count:
                raise Unsplittable
            yield array, tables


def split(data: bytes, size: int) -> Slices | None:
    """The file's slices, or None when it has no array of tables to cut at."""
    headers: list[tuple[int, str]] = []
    names = {a.encode(): a for a in ARRAYS}
    for match in _HEADER.finditer(data):
        start = match.start()
        if start and data[start - 1] != 10:  # not at the start of its line: blanks before?
            line = data.rfind(b"\n", 0, start) + 1
            if data[line:start].strip(b" \t"):
                continue
            start = line
        headers.append((start, names[match.group(1)]))
    if not headers:
        return None
    slices = Slices(data, head_end=headers[0][0])
    ends = [start for start, _array in headers[1:]] + [len(data)]
    array, start, count = headers[0][1], headers[0][0], 0
    for (position, name), end in zip(headers, ends, strict=True):
        if name != array or count == size:
            slices.batches.append((array, start, position, count))
            array, start, count = name, position, 0
        count += 1
        last_end = end
    slices.batches.append((array, start, last_end, count))
    return slices


def _parse(data: bytes) -> dict[str, Any]:
    import tomli  # here, not at the top: a timeline read from the cache is never parsed

    try:
        return tomli.loads(data.decode("utf-8"))
    except Exception:  # any fault (bad UTF-8, bad TOML, too deep) is placed by a whole parse
        raise Unsplittable from None

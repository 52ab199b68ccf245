"""Accent-folded search: "dich vu cong" finds "Dịch vụ công", "dvcqg" finds the Portal.

The index folds every searchable text of an event once, when it is built, so that a
keystroke costs one substring scan per event and no allocation per text.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from timeline.model import Timeline

# After NFD, the accents are combining marks of these blocks, dropped by str.translate;
# "đ" has no decomposition (it is a letter of its own), and readers type it as "d".
# Folding a whole text takes a few passes in C instead of a Python step per character,
# which matters when the index folds tens of megabytes of quotes.
_MARK_BLOCKS = ((0x0300, 0x0370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100))
_DROP: dict[int, int | None] = {
    code: None
    for start, end in _MARK_BLOCKS
    for code in range(start, end)
    if unicodedata.combining(chr(code))
}
_DROP[ord("đ")] = ord("d")
_DROP[ord("Đ")] = ord("d")


def fold(text: str) -> str:
    """Lower-case, without diacritics, đ as d; used for both the index and the query."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFD", text).translate(_DROP).casefold()


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character folded exactly as `fold` folds it inside a text (for `spans`)."""
    return fold(ch)


def terms(query: str) -> tuple[str, ...]:
    """The words of a query, folded; every one must occur for a match."""
    return tuple(word for word in fold(query).split() if word)


def spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words occur in `text`, as (start, end) offsets of the original text."""
    words = terms(query)
    if not words:
        return []
    # Map each position of the folded text back to the character it came from, so that
    # highlighting lands on "Dịch" although the match was found in "dich".
    folded: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        piece = _fold_char(ch)
        folded.append(piece)
        origin.extend([index] * len(piece))
    haystack = "".join(folded)
    found: list[tuple[int, int]] = []
    for word in words:
        start = haystack.find(word)
        while start != -1:
            end = start + len(word)
            found.append((origin[start], origin[end - 1] + 1))
            start = haystack.find(word, end)
    return _merge(found)


def _merge(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Folded text never contains NUL (the loader refuses it), so no word spans two events.
_SEPARATOR = "\x00"


class Stopped(Exception):
    """A SearchIndex build was told to stop."""


class SearchIndex:
    """Every event of a timeline with its folded text, in `timeline.events` order."""

    def __init__(self, timeline: Timeline, should_stop: Callable[[], bool] | None = None) -> None:
        """`should_stop` is asked now and then: a build in a thread ends (raising Stopped)
        as soon as nobody wants it, instead of keeping a quitting app waiting."""
        self.timeline = timeline
        platform_text = {
            p.id: _join(
                [p.name.vi, p.name.en, p.short.vi, p.short.en, *p.acronyms]
                + [
                    t
                    for parent in timeline.platforms
                    if parent.id == p.part_of
                    for t in (parent.name.vi, parent.name.en, *parent.acronyms)
                ]
            )
            for p in timeline.platforms
        }
        indicator_text = {i.id: _join([i.name.vi, i.name.en]) for i in timeline.indicators}
        haystacks: list[str] = []
        for number, event in enumerate(timeline.events):
            if should_stop is not None and number % 256 == 0 and should_stop():
                raise Stopped
            parts = [event.title.vi, event.title.en, event.summary.vi, event.summary.en]
            if event.quote:
                parts.append(event.quote)
            if event.platform:
                parts.append(platform_text.get(event.platform, ""))
            for obs in timeline.figures_for(event):
                parts.append(indicator_text.get(obs.indicator, ""))
                parts.append(obs.quote)
            haystacks.append(fold("\n".join(parts)))
        # All haystacks in one string, so that a search over everything is one scan in C
        # that jumps from match to match, not one call per event: a rare word over 100,000
        # figures costs a few milliseconds instead of twenty.
        # Only the joined text is kept (each event is a range of it): a second copy of
        # every event's text would cost as much memory again.
        self._joined = _SEPARATOR.join(haystacks)
        self._starts: list[int] = []
        self._ends: list[int] = []
        offset = 0
        for haystack in haystacks:
            self._starts.append(offset)
            self._ends.append(offset + len(haystack))
            offset += len(haystack) + len(_SEPARATOR)

    def find(self, query: str, among: Sequence[int] | None = None) -> list[int]:
        """Positions in `timeline.events` (or among the given ones) matching every word."""
        words = terms(query)
        if not words:
            return list(range(len(self._starts)) if among is None else among)
        joined, starts, ends = self._joined, self._starts, self._ends
        first, rest = words[0], words[1:]
        candidates: Iterable[int] = self._containing(first) if among is None else among
        if among is not None:
            rest = words
        # One plain comprehension per word, the narrowest first: no generator per event.
        found = list(candidates)
        for word in sorted(rest, key=len, reverse=True):
            found = [i for i in found if joined.find(word, starts[i], ends[i]) != -1]
        return found

    def _containing(self, word: str) -> list[int]:
        """Every event whose haystack contains `word`, by scanning the joined text once."""
        joined, starts = self._joined, self._starts
        found: list[int] = []
        position = joined.find(word)
        while position != -1:
            event = bisect.bisect_right(starts, position) - 1
            found.append(event)
            if event + 1 >= len(starts):
                break
            position = joined.find(word, starts[event + 1])
        return found


def _join(parts: Iterable[str]) -> str:
    return "\n".join(parts)

"""Accent-folded search: "dich vu cong" finds "Dịch vụ công", "dvcqg" finds the Portal.

The index folds every searchable text of an event once, when it is built, so that a
keystroke costs one substring scan per event and no allocation per text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from timeline.model import Timeline

# "đ" has no decomposition in Unicode: it is a letter of its own, which readers type as "d".
_SPECIAL = {"đ": "d", "Đ": "d"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """Lower-case, without diacritics, đ as d; used for both the index and the query."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)


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


class SearchIndex:
    """Every event of a timeline with its folded text, in `timeline.events` order."""

    def __init__(self, timeline: Timeline) -> None:
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
        self._haystacks: list[str] = []
        for event in timeline.events:
            parts = [event.title.vi, event.title.en, event.summary.vi, event.summary.en]
            if event.quote:
                parts.append(event.quote)
            if event.platform:
                parts.append(platform_text.get(event.platform, ""))
            for obs in timeline.figures_for(event):
                parts.append(indicator_text.get(obs.indicator, ""))
                parts.append(obs.quote)
            self._haystacks.append(fold("\n".join(parts)))

    def find(self, query: str, among: Sequence[int] | None = None) -> list[int]:
        """Positions in `timeline.events` (or among the given ones) matching every word."""
        words = terms(query)
        candidates: Iterable[int] = range(len(self._haystacks)) if among is None else among
        if not words:
            return list(candidates)
        haystacks = self._haystacks
        return [i for i in candidates if all(w in haystacks[i] for w in words)]


def _join(parts: Iterable[str]) -> str:
    return "\n".join(parts)

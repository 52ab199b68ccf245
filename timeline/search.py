"""Accent-folded search: "dich vu cong" finds "Dịch vụ công", "dvcqg" finds the Portal.

The index folds every searchable text of an event once, when it is built, so that a
keystroke costs one substring scan per event and no allocation per text.
"""

from __future__ import annotations

import bisect
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from timeline.model import Milestone, Observation, Timeline

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


@lru_cache(maxsize=64)
def terms(query: str) -> tuple[str, ...]:
    """The words of a query, folded; every one must occur for a match."""
    return tuple(word for word in fold(query).split() if word)


@lru_cache(maxsize=4096)
def _folded(text: str) -> tuple[str, tuple[int, ...] | None]:
    """`text` folded, with the original position of each folded character (None when
    they are one to one, as for ASCII and precomposed Vietnamese letters).

    Cached because the list highlights the same titles on every keystroke of a query.
    """
    if text.isascii():
        return text.lower(), None
    pieces = [_fold_char(ch) for ch in text]
    haystack = "".join(pieces)
    if len(haystack) == len(text):
        return haystack, None
    origin: list[int] = []
    for index, piece in enumerate(pieces):
        origin.extend([index] * len(piece))
    return haystack, tuple(origin)


def spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words occur in `text`, as (start, end) offsets of the original text."""
    words = terms(query)
    if not words:
        return []
    # Positions of the folded text map back to the characters they came from, so that
    # highlighting lands on "Dịch" although the match was found in "dich".
    haystack, origin = _folded(text)
    found: list[tuple[int, int]] = []
    for word in words:
        start = haystack.find(word)
        while start != -1:
            end = start + len(word)
            if origin is None:
                found.append((start, end))
            else:
                found.append((origin[start], origin[end - 1] + 1))
            start = haystack.find(word, end)
    return _merge(found) if len(found) > 1 else found


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
PIECE = 512  # events whose texts are joined into one string


class Stopped(Exception):
    """A SearchIndex build was told to stop."""


class SearchIndex:
    """Every event of a timeline with its folded text, in `timeline.events` order."""

    def __init__(
        self,
        timeline: Timeline,
        should_stop: Callable[[], bool] | None = None,
        figures: Callable[[Milestone], Sequence[Observation]] | None = None,
    ) -> None:
        """`should_stop` is asked now and then: a build in a thread ends (raising Stopped)
        as soon as nobody wants it, instead of keeping a quitting app waiting.
        `figures`: an event's figures (timeline.queries), whose names and quotes are
        searched with it."""
        self.timeline = timeline
        figures_of = figures or timeline.figures_for
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
        # The folded texts of PIECE events at a time are joined into one string, so that a
        # search over everything is a few scans in C that jump from match to match, not
        # one call per event. Only the pieces are kept (each event is a range of one): a
        # second copy of every event's text, even for a moment, would cost as much again.
        self._pieces: list[str] = []
        self._starts: list[int] = []  # of each event's text, in its piece
        self._ends: list[int] = []
        self._words = _Words()
        events = timeline.events
        self._piece = piece = PIECE
        for first in range(0, len(events), piece):
            if should_stop is not None and should_stop():
                raise Stopped
            haystacks: list[str] = []
            for event in events[first : first + piece]:
                parts = [event.title.vi, event.title.en, event.summary.vi, event.summary.en]
                if event.quote:
                    parts.append(event.quote)
                if event.platform:
                    parts.append(platform_text.get(event.platform, ""))
                reported = figures_of(event)
                # Each indicator's name once per event, not once per figure: a word is
                # found or not the same, and the text is an eighth shorter at 100,000.
                names = dict.fromkeys(o.indicator for o in reported)
                parts.extend(indicator_text.get(i, "") for i in names)
                parts.extend(obs.quote for obs in reported)
                haystacks.append(fold("\n".join(parts)))
            offset = 0
            for number, haystack in enumerate(haystacks, first):
                self._starts.append(offset)
                self._ends.append(offset + len(haystack))
                offset += len(haystack) + len(_SEPARATOR)
                self._words.add(number, haystack)
            self._pieces.append(_SEPARATOR.join(haystacks))
        self._words.close()

    def text(self, event: int) -> str:
        """The folded text the index searches for an event (`timeline.events` position)."""
        return self._pieces[event // self._piece][self._starts[event] : self._ends[event]]

    def find(
        self, query: str, among: Sequence[int] | None = None, known: Iterable[str] = ()
    ) -> list[int]:
        """Positions in `timeline.events` (or among the given ones) matching every word.

        `known`: words every one of `among` is already known to contain (the previous,
        shorter query's, as the reader types on), which need no second look.
        """
        words = terms(query)
        if not words:
            return list(range(len(self._starts)) if among is None else among)
        skip = set(known) if among is not None else set()
        found: list[int] | None = None if among is None else list(among)
        scanned: list[str] = []
        # The longest words first: they narrow the most. Rare words come from the word
        # index; common ones are scanned for, which is quick because they occur early.
        for word in sorted(words, key=len, reverse=True):
            if word in skip:
                continue
            holders = self._holders(word)
            if holders is None:
                scanned.append(word)
            elif found is None:
                found = sorted(holders)
            else:
                found = [i for i in found if i in holders]
        pieces, starts, ends, piece = self._pieces, self._starts, self._ends, self._piece
        for word in scanned:
            if found is None:
                found = self._containing(word)
            else:
                found = [
                    i for i in found if pieces[i // piece].find(word, starts[i], ends[i]) != -1
                ]
        return found if found is not None else list(range(len(self._starts)))

    def _holders(self, word: str) -> set[int] | None:
        """The events holding `word`, from the word index; None for a word inside so many
        distinct words ("a", "n") that scanning the text finds its events faster."""
        return self._words.holders(word, budget=4 * len(self._starts) + 256)

    def _containing(self, word: str) -> list[int]:
        """Every event whose text contains `word`, scanning each piece once."""
        starts = self._starts
        found: list[int] = []
        for number, text in enumerate(self._pieces):
            first = number * self._piece
            last = min(first + self._piece, len(starts))
            position = text.find(word)
            while position != -1:
                event = bisect.bisect_right(starts, position, first, last) - 1
                found.append(event)
                if event + 1 >= last:
                    break
                position = text.find(word, starts[event + 1])
        return found


class _Words:
    """Which events hold each distinct word of their folded text.

    A query word occurs in a text exactly when it occurs inside one of the text's
    whitespace-separated words. A word that few events have would otherwise cost a scan
    of all the text (20 MiB at 100,000 figures, over 10 ms); its events are found here by
    scanning the distinct words instead (some 90 KB there).
    """

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._postings: list[array[int]] = []
        self._text = ""
        self._starts: list[int] = []

    def add(self, event: int, text: str) -> None:
        numbers, postings = self._numbers, self._postings
        for word in set(text.split()):
            number = numbers.get(word)
            if number is None:
                number = numbers[word] = len(postings)
                postings.append(array("I"))
            postings[number].append(event)

    def close(self) -> None:
        """All events added: the distinct words become one string to scan."""
        self._text = _SEPARATOR.join(self._numbers)
        offset = 0
        for word in self._numbers:
            self._starts.append(offset)
            offset += len(word) + len(_SEPARATOR)
        self._numbers = {}

    def holders(self, word: str, budget: int) -> set[int] | None:
        """Events whose words contain `word`; None once more than `budget` postings
        would have to be read."""
        text, starts, postings = self._text, self._starts, self._postings
        holders: set[int] = set()
        position = text.find(word)
        while position != -1:
            number = bisect.bisect_right(starts, position) - 1
            budget -= len(postings[number])
            if budget < 0:
                return None
            holders.update(postings[number])
            if number + 1 >= len(starts):
                break
            position = text.find(word, starts[number + 1])
        return holders


def _join(parts: Iterable[str]) -> str:
    return "\n".join(parts)

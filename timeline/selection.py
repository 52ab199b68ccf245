"""Which part of a timeline a command works on: `list`, `export` and the explorer's export
of what the screen shows all choose it here, with the same words.

A platform (by id, acronym or short name, in any case) brings its components, as the
explorer's filter does; `national` chooses what belongs to no platform. A search finds
the events the explorer's search finds, and their figures. Dates bound events by their
date and figures by the date they are reported as of.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.model import Milestone, Observation, Platform, QualityNote, Timeline
from timeline.search import SearchIndex, fold

NATIONAL = "national"  # the --platform word for events and figures of no platform


@dataclass(frozen=True)
class Selection:
    """A part of a timeline. The default chooses all of it."""

    platform: str | None = None  # a platform id (as `resolve_platform` gives) or NATIONAL
    search: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def is_everything(self) -> bool:
        return (
            self.platform is None and not self.search.strip() and not self.since and not self.until
        )


def date_bound(text: str, *, end: bool) -> dt.date:
    """A --since or --until date: 2021-06-30, or a whole month (2021-06) or year (2021),
    which starts on its first day for --since and ends on its last for --until.
    ValueError for anything else."""
    parts = text.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(text)
    year, *rest = (int(p) for p in parts)
    if len(rest) == 2:
        return dt.date(year, rest[0], rest[1])
    if len(rest) == 1:
        first = dt.date(year, rest[0], 1)
        if not end:
            return first
        following = dt.date(year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)


class UnknownPlatform(LookupError):
    """No platform answers to the name given; `known` lists the ids that would."""

    def __init__(self, given: str, known: list[str]) -> None:
        super().__init__(given)
        self.given, self.known = given, known


def resolve_platform(t: Timeline, given: str) -> str:
    """The platform id a user means by `given`, or NATIONAL; UnknownPlatform otherwise."""
    wanted = fold(given.strip())
    if wanted == NATIONAL:
        return NATIONAL

    def names(p: Platform) -> list[str]:
        return [p.id, p.short.vi, p.short.en, *p.acronyms]

    for candidates in ([p.id] for p in t.platforms), (names(p) for p in t.platforms):
        for platform, words in zip(t.platforms, candidates, strict=True):
            if any(fold(word) == wanted for word in words):
                return platform.id
    raise UnknownPlatform(given, [*(p.id for p in t.platforms), NATIONAL])


def _in_platform(t: Timeline, platform: str | None, selected: str | None) -> bool:
    if selected is None:
        return True
    if selected == NATIONAL:
        return platform is None
    return platform is not None and platform in t.family(selected)


def _in_dates(d: dt.date, selection: Selection) -> bool:
    return (selection.since is None or d >= selection.since) and (
        selection.until is None or d <= selection.until
    )


def chosen_events(t: Timeline, selection: Selection, index: SearchIndex | None = None) -> list[int]:
    """Positions in `t.events` of the events chosen, in date order.

    `index`: the timeline's search index where one is built already (the explorer's).
    """
    events = t.events
    among = [
        i
        for i, event in enumerate(events)
        if _in_platform(t, event.platform, selection.platform) and _in_dates(event.date, selection)
    ]
    if not selection.search.strip():
        return among
    return (index or SearchIndex(t)).find(selection.search, among=among)


def chosen_observations(
    t: Timeline, selection: Selection, events: Sequence[int] | None = None
) -> list[Observation]:
    """The figures chosen: with a search, those of the chosen events; in file order."""
    if selection.search.strip():
        picked = chosen_events(t, selection) if events is None else events
        ids: set[str] = set()
        for i in picked:
            ids.update(o.id for o in t.figures_for(t.events[i]))
        return [o for o in t.observations if o.id in ids]
    return [
        o
        for o in t.observations
        if _in_platform(t, o.platform, selection.platform) and _in_dates(o.as_of, selection)
    ]


def subset(t: Timeline, selection: Selection, index: SearchIndex | None = None) -> Timeline:
    """The part of `t` chosen, as a timeline of its own that holds together.

    Whatever the chosen events and figures refer to comes along (their sources,
    indicators, platforms and the platforms those are part of, the whole a part-figure is
    part of), so that an export of it has no reference to nothing. Data notes come when
    they concern something kept (keeping only what is kept of their links) or nothing.
    """
    if selection.is_everything:
        return t
    events = chosen_events(t, selection, index)
    milestone_ids = {t.events[i].id for i in events}
    milestones = tuple(m for m in t.milestones if m.id in milestone_ids)
    observation_ids = {o.id for o in chosen_observations(t, selection, events)}
    pending = list(observation_ids)
    while pending:  # a part's whole, and that whole's whole
        whole = t.observation[pending.pop()].part_of
        if whole and whole in t.observation and whole not in observation_ids:
            observation_ids.add(whole)
            pending.append(whole)
    observations = tuple(o for o in t.observations if o.id in observation_ids)
    return _holding_together(t, milestones, observations)


def _holding_together(
    t: Timeline, milestones: tuple[Milestone, ...], observations: tuple[Observation, ...]
) -> Timeline:
    source_ids = {s for m in milestones for s in m.sources} | {o.source for o in observations}
    platform_ids = {m.platform for m in milestones if m.platform} | {
        o.platform for o in observations if o.platform
    }
    pending = list(platform_ids)
    while pending:
        parent = t.platform[p].part_of if (p := pending.pop()) in t.platform else None
        if parent and parent not in platform_ids:
            platform_ids.add(parent)
            pending.append(parent)
    indicator_ids = {o.indicator for o in observations}
    milestone_ids = {m.id for m in milestones}
    observation_ids = {o.id for o in observations}
    notes: list[QualityNote] = []
    for note in t.quality_notes:
        links = (note.observations, note.milestones, note.sources)
        kept = (
            tuple(i for i in note.observations if i in observation_ids),
            tuple(i for i in note.milestones if i in milestone_ids),
            tuple(i for i in note.sources if i in source_ids),
        )
        if any(links) and not any(kept):
            continue
        notes.append(
            dataclasses.replace(note, observations=kept[0], milestones=kept[1], sources=kept[2])
        )
    # Built from parts that were valid already.
    return Timeline(
        sources=tuple(s for s in t.sources if s.id in source_ids),
        platforms=tuple(p for p in t.platforms if p.id in platform_ids),
        milestones=milestones,
        indicators=tuple(i for i in t.indicators if i.id in indicator_ids),
        observations=observations,
        quality_notes=tuple(notes),
    )

"""The one index every screen asks: an event's figures, its notes, series, rows, sources.

A `Timeline` is the file as validated; `Queries` is what the explorer needs to answer
questions about it quickly, built once per timeline and never changed afterwards.

It comes in two halves. The `Queries` object itself is cheap (one pass over the
figures) and is ready before the first screen. Its `Analysis` (data notes, series,
sparklines, the search index) costs a second at 100,000 figures: a small timeline
computes it at once, a large one in a worker thread after the first screen
(`Queries.analyse`), which hands the finished object over in one assignment. Nothing is
filled in place while another thread may read it.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from timeline.checks import Warning
from timeline.model import Milestone, Observation, Platform, Source, Timeline
from timeline.search import SearchIndex, Stopped
from timeline.series import Series, all_series

# (top platform, or None for a nationwide figure; indicator)
SeriesKey = tuple[str | None, str]

# Sparklines need this many readings on the line to say anything.
SPARK_MIN = 3

# Milestones and observations together. Above this a timeline is "large": its analysis is
# computed in a thread after the first screen.
LARGE = 20_000


def is_large(timeline: Timeline) -> bool:
    return len(timeline.milestones) + len(timeline.observations) > LARGE


class FigureIndex:
    """Which figures each milestone reports, in time linear in the figures.

    A milestone reports the figures its sources give as of its day, for its platform
    and the platform's components (a national milestone: for every platform). The
    figures are grouped once by (source, day, platform); a milestone's figures are the
    union of a few groups, put back in file order. Nothing is stored per milestone: when
    hundreds of milestones share a source and a day, a table of every milestone's
    figures would hold their product (81 million entries at 100,000 figures).
    """

    def __init__(self, timeline: Timeline) -> None:
        self._observations = timeline.observations
        self._family = timeline.family
        groups: dict[tuple[str, dt.date], dict[str | None, list[int]]] = {}
        for position, obs in enumerate(timeline.observations):
            groups.setdefault((obs.source, obs.as_of), {}).setdefault(obs.platform, []).append(
                position
            )
        self._groups = groups

    def positions(self, milestone: Milestone) -> list[int]:
        """The positions in `timeline.observations` of a milestone's figures, ascending."""
        lists: list[list[int]] = []
        family = None if milestone.platform is None else self._family(milestone.platform)
        for source in dict.fromkeys(milestone.sources):
            by_platform = self._groups.get((source, milestone.date))
            if by_platform is None:
                continue
            if family is None:
                lists.extend(by_platform.values())
            else:
                lists.extend(by_platform[p] for p in family if p in by_platform)
        if len(lists) == 1:
            return lists[0]
        return list(heapq.merge(*lists))

    def platforms_by_source_day(
        self,
    ) -> list[tuple[tuple[str, dt.date], tuple[str | None, ...]]]:
        """Each (source, day) of the figures with the platforms it has figures for."""
        return [(key, tuple(by)) for key, by in self._groups.items()]

    def figures(self, milestone: Milestone) -> tuple[Observation, ...]:
        observations = self._observations
        return tuple(observations[i] for i in self.positions(milestone))


@dataclass(frozen=True)
class Trend:
    """A series' line as numbers, and each reading's place on it (for sparklines)."""

    points: tuple[float, ...]
    positions: dict[str, int]


@dataclass(frozen=True)
class Analysis:
    """The slower half of the index: data notes, series, sparklines, search.

    `search` is None while a small timeline's index waits for its first screen to be
    drawn (`Queries.index`)."""

    warnings: tuple[Warning, ...]
    series: dict[SeriesKey, Series]
    trends: dict[SeriesKey, Trend]
    search: SearchIndex | None
    by_observation: dict[str, tuple[int, ...]] = field(repr=False)
    by_milestone: dict[str, tuple[int, ...]] = field(repr=False)


class Queries:
    """Read-only answers about one timeline; see the module's docstring."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.events = timeline.events
        self.figure_index = FigureIndex(timeline)
        self._platform_rows: dict[str | None, tuple[int, ...]] = {}
        by_source_day: dict[tuple[str, dt.date], list[int]] = {}
        for number, event in enumerate(self.events):
            for source in dict.fromkeys(event.sources):
                by_source_day.setdefault((source, event.date), []).append(number)
        self._places = _Places({m.id: i for i, m in enumerate(self.events)})
        # The first event (in date order) that reports the figures of a (source, day,
        # platform): a few entries per source and day, whatever the number of figures.
        first: dict[tuple[str, dt.date, str | None], int] = {}
        for key, platforms in self.figure_index.platforms_by_source_day():
            for number in by_source_day.get(key, ()):
                platform = self.events[number].platform
                family = None if platform is None else timeline.family(platform)
                for p in platforms:
                    if family is None or p in family:
                        first.setdefault((*key, p), number)
        self._first_event = first
        self.analysis: Analysis | None = None

    # ------------------------------------------------------------------ the cheap half

    @property
    def sources(self) -> dict[str, Source]:
        return self.timeline.source

    @property
    def platforms(self) -> dict[str, Platform]:
        return self.timeline.platform

    def figures(self, milestone: Milestone) -> tuple[Observation, ...]:
        """The figures a milestone reports: from its sources, dated the milestone's day."""
        return self.figure_index.figures(milestone)

    def series_key(self, obs: Observation) -> SeriesKey:
        """The series an observation belongs to: a component's figures count for its
        parent platform (the command centre's for the Reporting system), by the rule
        `Timeline.counted_for` writes once."""
        return self.timeline.counted_for(obs.platform), obs.indicator

    def first_event(self, obs: Observation) -> int | None:
        """The position in `events` of the first event that reports a figure."""
        return self._first_event.get((obs.source, obs.as_of, obs.platform))

    def platform_rows(self, platform: str | None) -> Sequence[int]:
        """Positions in `events` of a platform family's events (every event for None)."""
        if platform is None:
            return range(len(self.events))
        rows = self._platform_rows.get(platform)
        if rows is None:
            family = self.timeline.family(platform)
            rows = tuple(i for i, e in enumerate(self.events) if e.platform in family)
            # Only the UI thread asks; a tuple is stored whole, never filled in place.
            self._platform_rows[platform] = rows
        return rows

    # ------------------------------------------------------------------ the slow half

    def analyse(
        self, should_stop: Callable[[], bool] | None = None, *, search: bool = True
    ) -> Analysis:
        """Compute the analysis (without storing it: the caller hands it over); with
        `search=False`, all of it but the search index."""
        stop = should_stop or (lambda: False)
        t = self.timeline
        warnings = t.warnings
        by_observation: dict[str, list[int]] = {}
        by_milestone: dict[str, list[int]] = {}
        for number, warning in enumerate(warnings):
            for obs_id in warning.observations:
                by_observation.setdefault(obs_id, []).append(number)
            for milestone_id in warning.milestones:
                by_milestone.setdefault(milestone_id, []).append(number)
        if stop():
            raise Stopped
        series = {(s.platform, s.indicator): s for s in all_series(t)}
        trends: dict[SeriesKey, Trend] = {}
        for key, one in series.items():
            if stop():
                raise Stopped
            if len(one.line) >= SPARK_MIN:
                trends[key] = Trend(
                    tuple(float(o.value) for o in one.line),
                    {o.id: i for i, o in enumerate(one.line)},
                )
        index = SearchIndex(t, figures=self.figures, should_stop=should_stop) if search else None
        return Analysis(
            warnings=warnings,
            series=series,
            trends=trends,
            search=index,
            by_observation={k: tuple(v) for k, v in by_observation.items()},
            by_milestone={k: tuple(v) for k, v in by_milestone.items()},
        )

    def complete(self, *, search: bool = True) -> Analysis:
        """The analysis, computed now if it is not there yet (small timelines); with
        `search=False` its search index may wait for `index()`."""
        if self.analysis is None:
            self.analysis = self.analyse(search=search)
        elif search and self.analysis.search is None:
            # A new analysis, handed over whole as the thread's is.
            index = SearchIndex(self.timeline, figures=self.figures)
            self.analysis = replace(self.analysis, search=index)
        return self.analysis

    def index(self) -> SearchIndex:
        """The search index, built now if the analysis came without it."""
        index = self.complete().search
        assert index is not None  # complete() builds it
        return index

    # Each of these answers from the analysis, and says nothing until it is there.

    def warnings(self) -> tuple[Warning, ...]:
        return self.analysis.warnings if self.analysis else ()

    def warnings_for(self, milestone: Milestone) -> list[Warning]:
        """The data-quality warnings that touch a milestone or one of its figures."""
        analysis = self.analysis
        if analysis is None:
            return []
        numbers = set(analysis.by_milestone.get(milestone.id, ()))
        for obs in self.figures(milestone):
            numbers.update(analysis.by_observation.get(obs.id, ()))
        return [analysis.warnings[n] for n in sorted(numbers)]

    def warnings_of(self, observation_ids: Sequence[str]) -> list[Warning]:
        """The warnings that concern any of these figures, in their order."""
        analysis = self.analysis
        if analysis is None:
            return []
        numbers: set[int] = set()
        for obs_id in observation_ids:
            numbers.update(analysis.by_observation.get(obs_id, ()))
        return [analysis.warnings[n] for n in sorted(numbers)]

    def series_for(self, obs: Observation) -> Series | None:
        analysis = self.analysis
        return analysis.series.get(self.series_key(obs)) if analysis else None

    def series(self, key: SeriesKey) -> Series | None:
        analysis = self.analysis
        return analysis.series.get(key) if analysis else None

    def all_series(self) -> dict[SeriesKey, Series]:
        return self.analysis.series if self.analysis else {}

    def trend(self, obs: Observation) -> Trend | None:
        analysis = self.analysis
        return analysis.trends.get(self.series_key(obs)) if analysis else None

    @property
    def search(self) -> SearchIndex | None:
        return self.analysis.search if self.analysis else None

    def event_of(self, warning: Warning) -> int | None:
        """The position in `events` of the event a warning leads to: the first it names,
        else the first that reports one of its figures, else the first of its sources."""
        places = self._places
        found = [places.milestone[m] for m in warning.milestones if m in places.milestone]
        if not found:
            observations = self.timeline.observation
            for obs_id in warning.observations:
                obs = observations.get(obs_id)
                number = None if obs is None else self.first_event(obs)
                if number is not None:
                    found.append(number)
        if not found:
            sources = set(warning.sources)
            for obs_id in warning.observations:
                obs = self.timeline.observation.get(obs_id)
                if obs is not None:
                    sources.add(obs.source)
            return next(
                (i for i, e in enumerate(self.events) if sources.intersection(e.sources)), None
            )
        return min(found)


@dataclass(frozen=True)
class _Places:
    """Where events stand in date order, by id."""

    milestone: dict[str, int]

"""An indicator's readings over time: the curve, the growth between readings, the conflicts.

The sources mix three kinds of figure for one indicator: running totals since launch,
figures for a stated period (a month, six months) and growth rates ("gấp 3,8 lần"). A
curve drawn through all three would be nonsense, so a Series keeps them apart and only
the running totals (or, for a stock such as "services offered", the levels) form the line.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

from timeline.checks import Warning
from timeline.model import Observation, Timeline

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Step:
    """The change between two consecutive readings of a line."""

    earlier: Observation
    later: Observation

    @property
    def absolute(self) -> float:
        return self.later.value - self.earlier.value

    @property
    def ratio(self) -> float | None:
        """later ÷ earlier: 2.0 means the figure doubled; None when earlier is zero."""
        return self.later.value / self.earlier.value if self.earlier.value else None

    @property
    def months(self) -> float:
        return (self.later.as_of - self.earlier.as_of).days / DAYS_PER_MONTH

    @property
    def per_month(self) -> float | None:
        """The average added per month between the two readings."""
        return self.absolute / self.months if self.months > 0 else None


@dataclass(frozen=True)
class Series:
    """One platform's readings of one indicator, kept apart by what they cover."""

    platform: str | None
    indicator: str
    cumulative: tuple[Observation, ...]
    levels: tuple[Observation, ...]
    periods: tuple[Observation, ...]
    growth: tuple[Observation, ...]
    parts: tuple[Observation, ...]
    conflicts: tuple[Warning, ...]

    @property
    def line(self) -> tuple[Observation, ...]:
        """The readings a chart joins: running totals, or else levels at moments."""
        return self.cumulative or self.levels

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """Growth between consecutive dates of the line (same-day readings are conflicts)."""
        return tuple(Step(a, b) for a, b in itertools.pairwise(self.line) if b.as_of > a.as_of)

    @property
    def readings(self) -> tuple[Observation, ...]:
        """Every figure of the series in date order, whatever it covers."""
        everything = (*self.cumulative, *self.levels, *self.periods, *self.growth, *self.parts)
        return tuple(sorted(everything, key=lambda o: (o.as_of, o.id)))

    @property
    def latest(self) -> Observation | None:
        line = self.line
        return line[-1] if line else None

    def is_conflicting(self, observation_id: str) -> bool:
        return any(observation_id in w.observations for w in self.conflicts)


def series_of(t: Timeline, platform: str | None, indicator: str) -> Series:
    """The series of one indicator on one platform (its components included)."""
    family = t.family(platform) if platform else None
    chosen = [
        o
        for o in t.observations
        if o.indicator == indicator
        and (o.platform in family if family is not None else o.platform is None)
    ]
    return _build(t, platform, indicator, chosen)


def all_series(t: Timeline) -> tuple[Series, ...]:
    """Every (platform, indicator) pair with a reading, in the file's platform order."""
    groups: dict[tuple[str | None, str], list[Observation]] = {}
    for o in t.observations:
        groups.setdefault((t.counted_for(o.platform), o.indicator), []).append(o)
    platform_order = {p.id: i for i, p in enumerate(t.platforms)}
    indicator_order = {ind.id: i for i, ind in enumerate(t.indicators)}
    ordered = sorted(
        groups,
        key=lambda key: (
            platform_order.get(key[0] or "", len(platform_order)),
            indicator_order.get(key[1], len(indicator_order)),
        ),
    )
    return tuple(_build(t, p, i, groups[(p, i)]) for p, i in ordered)


def _build(t: Timeline, platform: str | None, indicator: str, chosen: list[Observation]) -> Series:
    chosen.sort(key=lambda o: (o.as_of, o.id))
    ids = {o.id for o in chosen}
    return Series(
        platform=platform,
        indicator=indicator,
        cumulative=tuple(
            o for o in chosen if o.basis == "cumulative" and not o.change and not o.part_of
        ),
        levels=tuple(o for o in chosen if o.basis == "level" and not o.change and not o.part_of),
        periods=tuple(o for o in chosen if o.basis == "period" and not o.change and not o.part_of),
        growth=tuple(o for o in chosen if o.change),
        parts=tuple(o for o in chosen if o.part_of and not o.change),
        conflicts=tuple(w for w in t.warnings if not ids.isdisjoint(w.observations)),
    )


def headline(t: Timeline) -> dict[str, tuple[Series, ...]]:
    """For each top platform, its series that have a line, latest reading first in mind:
    the answer to "how big is each today"."""
    found: dict[str, list[Series]] = {p.id: [] for p in t.top_platforms()}
    for s in all_series(t):
        if s.platform in found and s.line:
            found[s.platform].append(s)
    return {k: tuple(v) for k, v in found.items()}

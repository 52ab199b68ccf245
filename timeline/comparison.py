"""Compare as a grid: indicators down, platforms across, each cell the latest reading.

Rows are the indicators with a line (running totals or levels) on some platform; the
indicators several platforms report come first, so that "Years in operation" is one row
with a value under each platform that gives one. A component's figures count for its
parent (`Timeline.counted_for`): the columns are the top platforms, and `components`
names who is counted where, so that the header can say so.

The other view is one platform's indicators over the dates of their readings: the same
rows, a column per date on which any of them was read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from timeline.model import Observation, Timeline
from timeline.series import Series

Cell = tuple[Observation, ...]  # the readings shown in one cell (more than one: a conflict)


@dataclass(frozen=True)
class Grid:
    rows: tuple[str, ...]  # indicator ids
    columns: tuple[str, ...]  # platform ids (the platform grid: ISO dates)
    cells: Mapping[tuple[str, str], Cell]  # (row, column) -> readings, absent when none
    series: Mapping[tuple[str, str], Series]  # (row, column) -> its series, for the chart

    def cell(self, row: str, column: str) -> Cell:
        return self.cells.get((row, column), ())

    def reported_by(self, row: str) -> tuple[str, ...]:
        return tuple(c for c in self.columns if (row, c) in self.cells)


def _order(t: Timeline, found: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Indicators reported by more columns first, then in the file's order."""
    spread: dict[str, int] = {}
    for row, _column in found:
        spread[row] = spread.get(row, 0) + 1
    position = {ind.id: i for i, ind in enumerate(t.indicators)}
    return tuple(sorted(spread, key=lambda r: (-spread[r], position.get(r, len(position)))))


def platforms_grid(t: Timeline, series: Iterable[Series]) -> Grid:
    """Every top platform's latest reading of each indicator that has a line."""
    columns = [p.id for p in t.top_platforms()]
    cells: dict[tuple[str, str], Cell] = {}
    chosen: dict[tuple[str, str], Series] = {}
    for one in series:
        if one.platform not in columns or not one.line:
            continue
        last = one.line[-1].as_of
        # Readings of the same last day are all shown: they disagree (a data note says so).
        cells[(one.indicator, one.platform)] = tuple(o for o in one.line if o.as_of == last)
        chosen[(one.indicator, one.platform)] = one
    used = [c for c in columns if any(key[1] == c for key in cells)]
    return Grid(_order(t, cells), tuple(used), cells, chosen)


def platform_grid(t: Timeline, platform: str, series: Iterable[Series]) -> Grid:
    """One platform's indicators × the dates they were read on (their lines only)."""
    cells: dict[tuple[str, str], list[Observation]] = {}
    chosen: dict[tuple[str, str], Series] = {}
    dates: set[dt.date] = set()
    for one in series:
        if one.platform != platform:
            continue
        for obs in one.line:
            key = (one.indicator, obs.as_of.isoformat())
            cells.setdefault(key, []).append(obs)
            chosen[key] = one
            dates.add(obs.as_of)
    columns = tuple(d.isoformat() for d in sorted(dates))
    frozen = {key: tuple(readings) for key, readings in cells.items()}
    spread = {(row, "") for row, _column in frozen}  # order by the file alone
    return Grid(_order(t, spread), columns, frozen, chosen)


def components(t: Timeline) -> dict[str, tuple[str, ...]]:
    """Top platform id -> the ids of the components whose figures count for it."""
    found: dict[str, list[str]] = {}
    for p in t.platforms:
        parent = t.counted_for(p.id)
        if parent is not None and parent != p.id:
            found.setdefault(parent, []).append(p.id)
    return {k: tuple(v) for k, v in found.items()}

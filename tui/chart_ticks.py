"""Where a chart's ticks go: dates a readable step apart, values at round numbers.

Pure arithmetic on dates, numbers and label widths (the labels come from the
Formatter): kept apart from the indicator screen so it is tested without a chart.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence

from timeline.l10n import Formatter
from timeline.model import Precision

MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
NICE_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8)
PLOT_FRAME_ROWS = 4  # a chart's rows that are not plot: the frame's two and the date labels


def date_ticks(
    first: dt.date, last: dt.date, width: int, fmt: Formatter
) -> tuple[list[float], list[str], int, int]:
    """Tick positions (ordinal days), their labels, and the x range, for `width` cells.

    Ticks fall on the first of a month, every 1, 2, 3, 6 … months; labels are "Mar 2019" /
    "3/2019", or the year alone when the ticks are a year apart. The step is the smallest
    whose labels have room: two label widths and a gap between neighbouring ticks, so
    that plotext never nudges one label aside for another (it places them in an order
    that varies from run to run, and a nudged label would make screens differ). A range
    with no first of a month inside gets its two ends, labelled with the day.
    """
    pad = max(10, (last - first).days // 25)
    low, high = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    span = (high - low).days
    months = [
        dt.date(year, month, 1)
        for year in range(low.year, high.year + 1)
        for month in range(1, 13)
        if low <= dt.date(year, month, 1) <= high
    ]
    ticks: list[dt.date] = []
    labels: list[str] = []
    for step in MONTH_STEPS:
        if step < 12:
            ticks = [d for d in months if (d.month - 1) % step == 0]
        else:
            ticks = [d for d in months if d.month == 1 and d.year % (step // 12) == 0]
        precision: Precision = "year" if step >= 12 else "month"
        labels = [fmt.date(d, precision) for d in ticks]
        if len(ticks) < 2:
            break
        need = 2 * max(len(label) for label in labels) + 2
        gap = min((b - a).days for a, b in itertools.pairwise(ticks)) * width / span
        if gap >= need:
            break
    if not ticks:
        ticks = sorted({first, last})
        labels = [fmt.date(d) for d in ticks]
        if len(ticks) > 1 and 2 * max(map(len, labels)) + 2 > width:
            ticks, labels = ticks[-1:], labels[-1:]
    positions = [float(d.toordinal()) for d in ticks]
    return positions, labels, low.toordinal(), high.toordinal()


def value_ticks(values: Sequence[float], height: int) -> tuple[list[float], float, float]:
    """Round tick values from zero (or below, for negatives) past the largest value.

    The ticks split the chart's plot rows (its height less the frame and the date labels)
    into equal whole numbers of rows, so that they sit evenly: 3 steps on a 10-row chart,
    5 on a 14-row one. Steps are round (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8 × 10ⁿ), and whole
    numbers when every value is one.
    """
    low = min(0.0, *values)
    high = max(0.0, *values)
    span = (high - low) or 1.0
    rows = max(2, height - PLOT_FRAME_ROWS)
    steps = next(
        (n for n in (5, 4, 3, 2) if rows % n == 0 and rows // n >= 2), max(2, min(5, rows // 2))
    )
    whole = all(float(v).is_integer() for v in values)
    magnitude = 10.0 ** math.floor(math.log10(span / steps))
    step, bottom = magnitude, math.floor(low / magnitude) * magnitude
    for power in (magnitude, magnitude * 10, magnitude * 100):
        found = False
        for multiple in NICE_STEPS:
            step = multiple * power
            if whole and not step.is_integer():
                continue
            bottom = math.floor(low / step) * step
            if bottom + steps * step >= high + span * 0.02:
                found = True
                break
        if found:
            break
    ticks = [round(bottom + i * step, 9) for i in range(steps + 1)]
    return ticks, ticks[0], ticks[-1]

"""The words of series: what a reading covers, amounts in an indicator's unit, growth.

`timeline.series` decides which readings form a line and what grew by how much, and
`timeline.queries` finds an observation's series; this module only names those facts in
the current language (through `Formatter` and the catalog) for the indicator view, the
comparison, the detail pane's sparklines and the palette. No chart library is imported
here: plotext is the indicator screen's alone.
"""

from __future__ import annotations

import datetime as dt
import math

from timeline.l10n import Formatter
from timeline.model import Indicator, Observation, Timeline
from timeline.series import DAYS_PER_MONTH, Step
from tui.labels import shown
from tui.language import N_, _, ngettext

# What a reading covers, as the indicator view's table names it.
READING_KINDS: dict[str, str] = {
    "cumulative": N_("running total"),
    "level": N_("level"),
    "period": N_("period"),
    "growth": N_("growth"),
    "part": N_("part"),
}


def reading_kind(obs: Observation) -> str:
    """ "running total", "period", "level", "growth" or "part", in the current language."""
    if obs.change is not None:
        kind = "growth"
    elif obs.part_of is not None:
        kind = "part"
    else:
        kind = obs.basis
    return _(READING_KINDS[kind])


def reading_kind_full(fmt: Formatter, obs: Observation) -> str:
    """The reading's kind, and for a growth what it is measured against:
    "growth vs same period of 2021" / "tăng trưởng so với cùng kỳ năm 2021"."""
    kind = reading_kind(obs)
    if obs.compared_with is None:
        return kind
    return _("{kind} vs {baseline}").format(kind=kind, baseline=baseline(fmt, obs))


def baseline(fmt: Formatter, obs: Observation) -> str:
    """What a growth figure is compared with, as its source put it: "same period of 2021"."""
    if obs.compared_with is None:
        return ""
    return shown(obs.compared_with.label.get(fmt.lang))


def coverage(
    fmt: Formatter,
    obs: Observation,
    *,
    same_day: dt.date | None = None,
    with_baseline: bool = True,
) -> str:
    """What a figure covers: its period ("6 tháng đầu năm 2022" / "H1 2022"), everything
    since launch, or a level at a date; a growth adds what it is measured against.

    The date is left out where it is `same_day` (the event's own date, shown above it).
    """
    dated = same_day is None or obs.as_of != same_day
    when = fmt.date(obs.as_of, obs.as_of_precision)
    if obs.basis == "period" and obs.period_start is not None and obs.period_end is not None:
        covers = fmt.period(obs.period_start, obs.period_end)
    elif obs.basis == "cumulative":
        covers = _("since launch, to {date}").format(date=when) if dated else _("since launch")
    else:
        covers = _("level on {date}").format(date=when) if dated else _("level at the time")
    if with_baseline and obs.compared_with is not None:
        covers = _("{covers}, vs {baseline}").format(covers=covers, baseline=baseline(fmt, obs))
    return covers


def figure_line(fmt: Formatter, t: Timeline, obs: Observation) -> str:
    """The figure in one sentence, nothing cut: its full name, its value as qualified, its
    baseline for a growth and what it covers. "Tài khoản đăng ký: hơn 167.000 ·
    6 tháng đầu năm 2022"; "Accounts: over 2.8× vs same time last year · since launch, to
    Jun 2022"."""
    value = value_of(fmt, t, obs)
    if obs.compared_with is not None:
        value = _("{value} vs {baseline}").format(value=value, baseline=baseline(fmt, obs))
    return _("{name}: {value} · {covers}").format(
        name=shown(t.figure_name(obs, fmt.lang)),
        value=value,
        covers=coverage(fmt, obs, with_baseline=False),
    )


def indicator_name(t: Timeline, indicator_id: str, lang: str) -> str:
    indicator = t.indicator.get(indicator_id)
    return shown(indicator.name.get(lang)) if indicator else shown(indicator_id)


def amount(fmt: Formatter, indicator: Indicator | None, value: float) -> str:
    """A bare amount in the indicator's unit: a tick label, a difference."""
    unit = indicator.unit if indicator else "count"
    if unit == "money_vnd":
        return fmt.money(value)
    if unit == "percent":
        return fmt.percent(value)
    return fmt.number(value)


def value_of(fmt: Formatter, t: Timeline, obs: Observation) -> str:
    """The reading as the source qualified it: "over 7.8 million"."""
    indicator = t.indicator.get(obs.indicator)
    return fmt.figure(obs, indicator) if indicator else fmt.number(obs.value)


def _signed(fmt: Formatter, indicator: Indicator | None, value: float) -> str:
    text = amount(fmt, indicator, value)
    return "+" + text if value > 0 else ("±" + text if value == 0 else text)


def significant(value: float, digits: int = 3) -> float:
    """A rate rounded to a few significant digits: 266,561 a month is "267,000 a month"."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def _duration(fmt: Formatter, months: float) -> str:
    whole = round(months)
    if whole >= 1:
        return ngettext("{count} month", "{count} months", whole).format(count=fmt.number(whole))
    days = max(1, round(months * DAYS_PER_MONTH))
    return ngettext("{count} day", "{count} days", days).format(count=fmt.number(days))


def step_text(fmt: Formatter, indicator: Indicator | None, step: Step) -> tuple[str, str]:
    """Two lines: "25 Feb 2020 → ~Jun 2021 (16 months)" and "≈+4.3 million, ×4.31,
    +267,000 a month".

    A difference between qualified readings ("over 1.3 million") is itself approximate and
    starts with "≈".
    """
    approximate = step.earlier.qualifier != "exact" or step.later.qualifier != "exact"
    change = ("≈" if approximate else "") + _signed(fmt, indicator, step.absolute)
    span = _("{start} → {end} ({duration})").format(
        start=fmt.when(step.earlier),
        end=fmt.when(step.later),
        duration=_duration(fmt, step.months),
    )
    parts = [change]
    if step.ratio is not None:
        parts.append("×" + fmt.number(round(step.ratio, 2)))
    if step.per_month is not None:
        rate = _signed(fmt, indicator, significant(step.per_month))
        parts.append(_("{amount} a month").format(amount=rate))
    return span, ", ".join(parts)

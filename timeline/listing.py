"""The timeline as plain text, for `vn-egov list`: pipes, scripts and quick looks."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from timeline.citation import source_label
from timeline.l10n import Formatter, _, ngettext
from timeline.l10n.findings import describe
from timeline.model import Observation, Timeline
from timeline.search import fold, terms
from timeline.series import Step, all_series


def display_width(text: str) -> int:
    """Terminal cells: combining marks take none, wide East Asian characters two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _figure_with_base(t: Timeline, fmt: Formatter, o: Observation) -> str:
    """A figure, and for a growth what it is measured against: "up 165% vs H2 2020"."""
    value = fmt.figure(o, t.indicator[o.indicator])
    if o.compared_with is None:
        return value
    return _("{value} vs {base}").format(value=value, base=o.compared_with.label.get(fmt.lang))


def _badge(t: Timeline, platform: str | None, lang: str) -> str:
    found = t.platform.get(platform) if platform else None
    return found.short.get(lang) if found else _("national")


def render_listing(t: Timeline, fmt: Formatter, chosen: Sequence[int]) -> Iterator[str]:
    """The chosen milestones (positions in `t.events`, as `timeline.selection` gives them)
    in date order, each followed by the figures it reports."""
    lang = fmt.lang
    events = t.events
    if not chosen:
        yield _("No matching events.")
        return
    dates = {i: fmt.date(events[i].date, events[i].date_precision) for i in chosen}
    badges = {i: _badge(t, events[i].platform, lang) for i in chosen}
    date_width = max(display_width(d) for d in dates.values())
    badge_width = max(display_width(b) for b in badges.values())
    indent = " " * (date_width + 2)
    figures = 0
    for i in chosen:
        event = events[i]
        yield f"{pad(dates[i], date_width)}  {pad(badges[i], badge_width)}  {event.title.get(lang)}"
        rows = [
            (
                t.figure_name(o, lang),
                _figure_with_base(t, fmt, o),
                fmt.when(o),
                source_label(t.source[o.source], lang),
            )
            for o in t.figures_for(event)
        ]
        figures += len(rows)
        widths = [max((display_width(r[c]) for r in rows), default=0) for c in range(3)]
        for name, value, when, outlet in rows:
            yield (
                f"{indent}· {pad(name, widths[0])}  {pad(value, widths[1])}  "
                f"{pad(when, widths[2])}  {outlet}"
            )
    yield ""
    yield (
        ngettext("{n} event", "{n} events", len(chosen)).format(n=len(chosen))
        + " · "
        + ngettext("{n} figure", "{n} figures", figures).format(n=figures)
        + " · "
        + ngettext("{n} data-quality warning", "{n} data-quality warnings", len(t.warnings)).format(
            n=len(t.warnings)
        )
    )


def _basis_label(kind: str) -> str:
    labels = {
        "cumulative": _("running total since launch"),
        "level": _("level at a date"),
        "period": _("for a period"),
        "growth": _("growth"),
        "parts": _("parts of a whole"),
    }
    return labels[kind]


def render_series(t: Timeline, fmt: Formatter, *, query: str | None = None) -> Iterator[str]:
    """Each indicator's readings over time, the growth between them, and the conflicts.

    `t` is the part chosen by platform and dates (`timeline.selection.subset`); `query`
    keeps the series whose name holds its words."""
    lang = fmt.lang
    words = terms(query or "")
    shown = 0
    for s in all_series(t):
        indicator = t.indicator[s.indicator]
        title = f"{_badge(t, s.platform, lang)} · {indicator.name.get(lang)}"
        if words and not all(
            w in fold(title + " " + indicator.name.vi + " " + indicator.name.en) for w in words
        ):
            continue
        shown += 1
        yield title
        steps = {step.later.id: step for step in s.steps}
        groups = (
            ("cumulative", s.cumulative),
            ("level", s.levels),
            ("period", s.periods),
            ("growth", s.growth),
            ("parts", s.parts),
        )
        for kind, readings in groups:
            if not readings:
                continue
            yield f"  {_basis_label(kind)}"
            rows = []
            for o in readings:
                value = _figure_with_base(t, fmt, o)
                step = steps.get(o.id)
                growth = ""
                if step is not None:
                    growth = _step_text(fmt, step, indicator.unit)
                mark = "⚠ " if s.is_conflicting(o.id) else ""
                rows.append(
                    (fmt.when(o), mark + value, source_label(t.source[o.source], lang), growth)
                )
            widths = [max(display_width(r[c]) for r in rows) for c in range(3)]
            for when, value, outlet, growth in rows:
                line = (
                    f"    {pad(when, widths[0])}  {pad(value, widths[1])}  {pad(outlet, widths[2])}"
                )
                yield (line + "  " + growth).rstrip()
        for warning in s.conflicts:
            yield f"  ⚠ {describe(warning, fmt)}"
        yield ""
    if not shown:
        yield _("No matching series.")


def _step_text(fmt: Formatter, step: Step, unit: str) -> str:
    absolute = step.absolute
    sign = "+" if absolute >= 0 else "−"
    amount = fmt.money(abs(absolute)) if unit == "money_vnd" else fmt.number(abs(absolute))
    parts = [f"{sign}{amount}"]
    if step.ratio is not None:
        parts.append("×" + fmt.number(round(step.ratio, 1)))
    if step.per_month is not None:
        per = (
            fmt.money(abs(step.per_month))
            if unit == "money_vnd"
            else fmt.number(round(abs(step.per_month)))
        )
        parts.append(_("{amount} a month").format(amount=per))
    return " · ".join(parts)

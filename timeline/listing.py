"""The timeline as plain text, for `vn-egov list`: pipes, scripts and quick looks."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from timeline.l10n import Formatter, _, ngettext
from timeline.model import Timeline
from timeline.search import SearchIndex


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


def _badge(t: Timeline, platform: str | None, lang: str) -> str:
    found = t.platform.get(platform) if platform else None
    return found.short.get(lang) if found else _("national")


def render_listing(
    t: Timeline, fmt: Formatter, *, platform: str | None = None, query: str | None = None
) -> Iterator[str]:
    """Milestones in date order, each followed by the figures it reports."""
    lang = fmt.lang
    events = t.events
    among = list(range(len(events)))
    if platform:
        family = t.family(platform)
        among = [i for i in among if events[i].platform in family]
    chosen = SearchIndex(t).find(query or "", among=among)
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
                t.indicator[o.indicator].name.get(lang),
                fmt.figure(o, t.indicator[o.indicator]),
                fmt.when(o),
                t.source[o.source].outlet or o.source,
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

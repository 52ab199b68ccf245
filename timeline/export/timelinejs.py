"""A timeline for Knight Lab's TimelineJS3, in one language: a slide per milestone.

TimelineJS reads a JSON object with a title slide and events (its format: start_date in
parts, text.headline and text.text as HTML, group, media with a credit). Every piece of
data is HTML-escaped: TimelineJS puts text into the page as HTML, and a title holding
"<script>" must show as those characters. Dates are given in parts as far as they are
known, and with the house style's own wording as `display_date` ("6/2021", "~9/2021"),
so that the slides say what the explorer says.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from timeline.citation import figure_text, source_label
from timeline.jsontext import escape_controls
from timeline.l10n import N_, Formatter, translations
from timeline.model import Milestone, Precision, Timeline


def _date(d: Any, precision: Precision, fmt: Formatter) -> dict[str, Any]:
    # An estimate is placed at its best guess, day and all; `display_date` marks it "~"
    # (or a supplied year "[2020]").
    # A month's or a year's day is a placeholder, so TimelineJS is not given it.
    parts: dict[str, Any] = {"year": d.year}
    if precision != "year":
        parts["month"] = d.month
    if precision in ("day", "day_month", "estimate"):
        parts["day"] = d.day
    parts["display_date"] = fmt.date(d, precision)
    return parts


def _event(t: Timeline, m: Milestone, fmt: Formatter) -> dict[str, Any]:
    lang = fmt.lang
    words = translations(lang).gettext
    body = [f"<p>{escape(m.summary.get(lang))}</p>"]
    figures = t.figures_for(m)
    if figures:
        items = []
        for o in figures:
            # The media credit names the milestone's sources; a figure names its own
            # only where there are several to tell apart.
            source = t.source.get(o.source) if len(m.sources) > 1 else None
            credit = f" <em>({escape(source_label(source, lang))})</em>" if source else ""
            items.append(
                f"<li><strong>{escape(t.figure_name(o, lang))}</strong>: "
                f"{escape(figure_text(t, o, fmt))} · {escape(fmt.when(o))}"
                f"<br>“{escape(o.quote)}”{credit}</li>"
            )
        body.append(f"<ul>{''.join(items)}</ul>")
    sources = [t.source[s] for s in m.sources if s in t.source]
    credit = "; ".join(source_label(s, lang) for s in sources)
    platform = t.platform.get(m.platform) if m.platform else None
    event: dict[str, Any] = {
        "unique_id": m.id,
        "start_date": _date(m.date, m.date_precision, fmt),
        "text": {"headline": escape(m.title.get(lang)), "text": "".join(body)},
        "group": escape(platform.short.get(lang) if platform else words(N_("National"))),
    }
    quote = m.quote or next((o.quote for o in figures), None)
    if quote:
        # TimelineJS shows a media item whose url is a block quote as that quote.
        event["media"] = {
            "url": f"<blockquote>{escape(quote)}</blockquote>",
            "credit": escape(credit),
        }
    elif credit:
        body.append(
            f"<p><em>{escape(words(N_('Source: {source}')).format(source=credit))}</em></p>"
        )
        event["text"]["text"] = "".join(body)
    return event


def to_timelinejs(t: Timeline, fmt: Formatter) -> str:
    """TimelineJS3 JSON for `t`, in `fmt`'s language and figure mode."""
    catalog = translations(fmt.lang)
    # The same counts, worded alike, as the end of `vn-egov list` and `validate`.
    counts = (
        ("{n} event", "{n} events", len(t.milestones)),
        ("{n} figure", "{n} figures", len(t.observations)),
        ("{n} source", "{n} sources", len(t.sources)),
    )
    summary = " · ".join(
        catalog.ngettext(one, many, n).format(n=fmt.number(n)) for one, many, n in counts
    )
    document = {
        "title": {
            "text": {
                "headline": escape(catalog.gettext(N_("Vietnam's e-government milestones"))),
                "text": f"<p>{escape(summary)}</p>",
            }
        },
        "events": [_event(t, m, fmt) for m in t.events],
    }
    return escape_controls(json.dumps(document, ensure_ascii=False, indent=1)) + "\n"

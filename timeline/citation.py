"""How a figure or an event is cited: a source's human label, and the citation itself
as plain text, Markdown or CSL-JSON (the format Zotero, Pandoc and Mendeley import).

The label names an article the way a reader would: its outlet where the text names one,
else its headline shortened, then its date at the precision known ("Kinh tế & Đô thị,
undated", "XHTT, 17/7/2021"). Every place that refers to a source uses it: the CSV, the
exports, `vn-egov cite` and the explorer's copy key. Words come from the catalog of the
language asked for, not the process-wide one, so that one export can hold both.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from timeline.jsontext import escape_controls
from timeline.l10n import N_, Formatter, translations
from timeline.model import INFERRED, Milestone, Observation, Source, Timeline

HEADLINE_CELLS = 48  # a shortened headline keeps this many characters at most


def _words(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext


def shorten(text: str, limit: int = HEADLINE_CELLS) -> str:
    """A headline cut at a word boundary, with "…" where something was left out."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.:;–-") + "…"


def _headline(source: Source) -> str:
    # A title in square brackets was written by whoever collected an article that had
    # none; the brackets say so in the full title, the label shows the words.
    title = source.title.strip()
    if title.startswith("[") and title.endswith("]"):
        title = title[1:-1]
    return title


def source_name(source: Source) -> str:
    """The outlet where the text names one, else the headline shortened, in quotes."""
    if source.outlet:
        return source.outlet
    return f"“{shorten(_headline(source))}”"


def source_date(source: Source, lang: str) -> str:
    """The publication date at its precision, or "undated"."""
    if source.published is None:
        return _words(lang)(N_("undated"))
    return Formatter(lang).date(source.published, source.published_precision)


def source_label(source: Source, lang: str) -> str:
    """ "Kinh tế & Đô thị, undated", "“Cơ quan nhà nước đã gửi, nhận hơn 12,8…”, 7/2022"."""
    return _words(lang)(N_("{name}, {date}")).format(
        name=source_name(source), date=source_date(source, lang)
    )


# --------------------------------------------------------------------------- citations


@dataclass(frozen=True)
class Cited:
    """What a citation says, in one language and figure mode, before it is laid out."""

    headline: str  # "Registered accounts: over 167,000" or an event's title
    context: str  # platform and date or period: "Portal · H1 2022"
    summary: str | None  # an event's summary
    quote: str | None
    sources: tuple[Source, ...]
    lang: str


class UnknownId(LookupError):
    """No observation or milestone has this id; `nearest` holds the closest ids."""

    def __init__(self, given: str, nearest: list[str]) -> None:
        super().__init__(given)
        self.given, self.nearest = given, nearest


def find(t: Timeline, item_id: str) -> Observation | Milestone:
    """The observation or milestone with this id, or UnknownId naming the nearest."""
    found: Observation | Milestone | None = t.observation.get(item_id) or t.milestone.get(item_id)
    if found is not None:
        return found
    raise UnknownId(item_id, nearest_ids(item_id, [*t.milestone, *t.observation]))


def nearest_ids(given: str, ids: Iterable[str], n: int = 3) -> list[str]:
    """The ids most like `given`: those it starts or is part of first, then look-alikes."""
    ids = list(ids)
    folded = given.lower()
    containing = [i for i in ids if folded and folded in i]
    if containing:
        return sorted(containing, key=len)[:n]
    return difflib.get_close_matches(folded, ids, n=n, cutoff=0.0)


def _platform(t: Timeline, platform_id: str | None, lang: str) -> str:
    platform = t.platform.get(platform_id) if platform_id else None
    if platform is None:
        return _words(lang)(N_("Nationwide")) if platform_id is None else platform_id
    return platform.name.get(lang)


def figure_text(t: Timeline, obs: Observation, fmt: Formatter) -> str:
    """A figure as the explorer shows it, with its baseline for a growth."""
    indicator = t.indicator.get(obs.indicator)
    if indicator is None:
        return str(obs.value)
    value = fmt.figure(obs, indicator)
    if obs.compared_with is None:
        return value
    return _words(fmt.lang)(N_("{value} vs {base}")).format(
        value=value, base=obs.compared_with.label.get(fmt.lang)
    )


def cite(t: Timeline, item: Observation | Milestone, fmt: Formatter) -> Cited:
    """The facts of a citation of a figure or an event."""
    lang = fmt.lang
    if isinstance(item, Observation):
        name = t.figure_name(item, lang)
        source = t.source.get(item.source)
        return Cited(
            headline=f"{name}: {figure_text(t, item, fmt)}",
            context=f"{_platform(t, item.platform, lang)} · {fmt.when(item)}",
            summary=None,
            quote=item.quote,
            sources=(source,) if source else (),
            lang=lang,
        )
    return Cited(
        headline=item.title.get(lang),
        context=f"{_platform(t, item.platform, lang)} · {fmt.date(item.date, item.date_precision)}",
        summary=item.summary.get(lang),
        quote=item.quote,
        sources=tuple(t.source[s] for s in item.sources if s in t.source),
        lang=lang,
    )


def _source_line(source: Source, lang: str, *, markdown: bool = False) -> str:
    """The label, and the headline after it where the label names the outlet instead."""
    label, title = source_label(source, lang), source.title
    if markdown:
        label, title = f"*{markdown_escape(label)}*", markdown_escape(title)
    return f"{label} — “{title}”" if source.outlet else label


def as_text(cited: Cited) -> str:
    """Plain text: the figure, its platform and date, the quote, the source."""
    words = _words(cited.lang)
    lines = [cited.headline, cited.context]
    if cited.summary:
        lines.append(cited.summary)
    if cited.quote:
        lines.append(f"“{cited.quote}”")
    for source in cited.sources:
        lines.append(words(N_("Source: {source}")).format(source=_source_line(source, cited.lang)))
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>#|~"})


def markdown_escape(text: str) -> str:
    """Data as Markdown shows it literally: no emphasis, link or heading it did not ask for."""
    return text.translate(_MARKDOWN_SPECIAL)


def as_markdown(cited: Cited) -> str:
    """Markdown: the figure in bold, the quote as a block quote, the source in italics."""
    words = _words(cited.lang)
    esc = markdown_escape
    parts = [f"**{esc(cited.headline)}** ({esc(cited.context)})"]
    if cited.summary:
        parts.append(esc(cited.summary))
    if cited.quote:
        parts.append("\n".join(f"> {esc(line)}".rstrip() for line in cited.quote.splitlines()))
    for source in cited.sources:
        line = _source_line(source, cited.lang, markdown=True)
        parts.append(words(N_("Source: {source}")).format(source=line))
    return "\n\n".join(parts) + "\n"


def _issued(source: Source) -> dict[str, Any] | None:
    """A CSL date: as many parts as are known; an estimate says it is approximate."""
    if source.published is None:
        return None
    d: dt.date = source.published
    parts = {
        "year": [d.year],
        "month": [d.year, d.month],
    }.get(source.published_precision, [d.year, d.month, d.day])
    issued: dict[str, Any] = {"date-parts": [parts]}
    if source.published_precision in INFERRED:  # CSL's one word for a date not stated
        issued["circa"] = True
    return issued


def csl_items(t: Timeline, item: Observation | Milestone) -> list[dict[str, Any]]:
    """CSL-JSON items, one per source: a newspaper article, the quote as its note."""
    sources = cite(t, item, Formatter("vi")).sources
    items: list[dict[str, Any]] = []
    for source in sources:
        entry: dict[str, Any] = {
            "id": item.id if len(sources) == 1 else f"{item.id}-{source.id}",
            "type": "article-newspaper",
            "title": source.title,
        }
        if source.outlet:
            entry["container-title"] = source.outlet
        if source.byline:
            entry["author"] = [{"literal": source.byline}]
        issued = _issued(source)
        if issued is not None:
            entry["issued"] = issued
        entry["language"] = source.language
        if source.url:
            entry["URL"] = source.url
        if item.quote:
            entry["note"] = item.quote
        items.append(entry)
    return items


def as_csl_json(t: Timeline, item: Observation | Milestone) -> str:
    return escape_controls(json.dumps(csl_items(t, item), ensure_ascii=False, indent=2)) + "\n"

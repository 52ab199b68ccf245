"""The timeline as relational tables: what the SQLite and the Data Package exports share.

A table per kind of thing with its id as primary key, link tables for the many-to-many
references (a milestone's sources and figures, what a data note concerns), a foreign key
for every reference, both languages' text as `_vi` and `_en` columns, and each source's
label in both. Parents come before the tables that refer to them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from timeline.citation import source_label
from timeline.model import Text, Timeline

Kind = Literal["string", "number", "integer", "date"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "string"
    required: bool = False
    references: str | None = None  # the table whose `id` this column holds


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Iterable[Sequence[Any]] = field(compare=False)


def _c(
    name: str, kind: Kind = "string", *, required: bool = False, ref: str | None = None
) -> Column:
    return Column(name, kind, required, ref)


def _both(name: str, *, required: bool = False) -> tuple[Column, Column]:
    return _c(f"{name}_vi", required=required), _c(f"{name}_en", required=required)


def _text(value: Text | None) -> tuple[str | None, str | None]:
    return (value.vi, value.en) if value is not None else (None, None)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


ID = _c("id", required=True)


def tables(t: Timeline) -> list[Table]:
    """Every table of `t`; its rows are generators, read once."""
    return [
        Table(
            "sources",
            "The articles the figures are quoted from.",
            (
                ID,
                *_both("label", required=True),
                _c("title", required=True),
                _c("outlet"),
                _c("byline"),
                _c("published", "date"),
                _c("published_precision", required=True),
                *_both("published_note"),
                _c("language", required=True),
                _c("file"),
                _c("url"),
                *_both("notes"),
            ),
            ("id",),
            (
                (
                    s.id,
                    source_label(s, "vi"),
                    source_label(s, "en"),
                    s.title,
                    s.outlet,
                    s.byline,
                    _date(s.published),
                    s.published_precision,
                    *_text(s.published_note),
                    s.language,
                    s.file,
                    s.url,
                    *_text(s.notes),
                )
                for s in t.sources
            ),
        ),
        Table(
            "platforms",
            "The national systems; a component names its parent in part_of.",
            (
                ID,
                *_both("name", required=True),
                *_both("short", required=True),
                _c("acronyms"),
                *_both("description", required=True),
                _c("launched", "date"),
                _c("part_of", ref="platforms"),
            ),
            ("id",),
            (
                (
                    p.id,
                    *_text(p.name),
                    *_text(p.short),
                    ", ".join(p.acronyms) or None,
                    *_text(p.description),
                    _date(p.launched),
                    p.part_of,
                )
                for p in t.platforms
            ),
        ),
        Table(
            "milestones",
            "Dated events: launches, decisions, reports of figures.",
            (
                ID,
                _c("date", "date", required=True),
                _c("date_precision", required=True),
                *_both("date_note"),
                _c("platform", ref="platforms"),
                _c("kind", required=True),
                *_both("title", required=True),
                *_both("summary", required=True),
                _c("quote"),
            ),
            ("id",),
            (
                (
                    m.id,
                    _date(m.date),
                    m.date_precision,
                    *_text(m.date_note),
                    m.platform,
                    m.kind,
                    *_text(m.title),
                    *_text(m.summary),
                    m.quote,
                )
                for m in t.milestones
            ),
        ),
        Table(
            "milestone_sources",
            "Which articles each milestone rests on, in the order the timeline gives them.",
            (
                _c("milestone", required=True, ref="milestones"),
                _c("source", required=True, ref="sources"),
                _c("position", "integer", required=True),
            ),
            ("milestone", "source"),
            (
                (m.id, source, position)
                for m in t.milestones
                for position, source in enumerate(dict.fromkeys(m.sources), 1)
            ),
        ),
        Table(
            "indicators",
            "What is counted: documents sent, accounts, payments in dong.",
            (
                ID,
                *_both("name", required=True),
                _c("unit", required=True),
                *_both("counts", required=True),
                _c("per"),
                *_both("description"),
            ),
            ("id",),
            (
                (i.id, *_text(i.name), i.unit, *_text(i.counts), i.per, *_text(i.description))
                for i in t.indicators
            ),
        ),
        Table(
            "observations",
            "Each figure as one source reported it, with the source's exact words.",
            (
                ID,
                _c("platform", ref="platforms"),
                _c("indicator", required=True, ref="indicators"),
                *_both("label"),
                _c("value", "number", required=True),
                _c("total", "number"),
                _c("qualifier", required=True),
                _c("basis", required=True),
                _c("period_start", "date"),
                _c("period_end", "date"),
                _c("change"),
                *_both("compared_with"),
                _c("compared_with_start", "date"),
                _c("compared_with_end", "date"),
                _c("as_of", "date", required=True),
                _c("as_of_precision", required=True),
                *_both("as_of_note"),
                _c("source", required=True, ref="sources"),
                _c("quote", required=True),
                _c("part_of", ref="observations"),
                *_both("notes"),
            ),
            ("id",),
            (
                (
                    o.id,
                    o.platform,
                    o.indicator,
                    *_text(o.label),
                    o.value,
                    o.total,
                    o.qualifier,
                    o.basis,
                    _date(o.period_start),
                    _date(o.period_end),
                    o.change,
                    *_comparison(o.compared_with),
                    _date(o.as_of),
                    o.as_of_precision,
                    *_text(o.as_of_note),
                    o.source,
                    o.quote,
                    o.part_of,
                    *_text(o.notes),
                )
                for o in t.observations
            ),
        ),
        Table(
            "milestone_figures",
            "The figures each milestone reports.",
            (
                _c("milestone", required=True, ref="milestones"),
                _c("observation", required=True, ref="observations"),
            ),
            ("milestone", "observation"),
            (
                (m.id, figure)
                for m in t.milestones
                for figure in dict.fromkeys(o.id for o in t.figures_for(m))
            ),
        ),
        Table(
            "quality_notes",
            "Where the sources contradict themselves or each other: kept, not fixed.",
            (ID, _c("kind", required=True), *_both("text", required=True)),
            ("id",),
            ((q.id, q.kind, *_text(q.text)) for q in t.quality_notes),
        ),
        *(
            Table(
                f"quality_note_{attribute}",
                f"The {attribute} each data note concerns.",
                (
                    _c("note", required=True, ref="quality_notes"),
                    _c(column, required=True, ref=attribute),
                ),
                ("note", column),
                _note_links(t, attribute),
            )
            for column, attribute in (
                ("observation", "observations"),
                ("milestone", "milestones"),
                ("source", "sources"),
            )
        ),
    ]


def _note_links(t: Timeline, attribute: str) -> Iterator[tuple[str, str]]:
    # A function of its own: a generator expression inside the loop over the three link
    # tables would read `attribute` when it runs, after the loop has moved on.
    for note in t.quality_notes:
        for linked in dict.fromkeys(getattr(note, attribute)):
            yield note.id, linked


def _comparison(c: Any) -> tuple[str | None, str | None, str | None, str | None]:
    if c is None:
        return (None, None, None, None)
    return (c.label.vi, c.label.en, _date(c.start), _date(c.end))

"""The vocabulary of a timeline: sources, platforms, milestones, indicators, observations.

Every record is a frozen dataclass and its file tables are checked by pydantic
(timeline.validation) against the constraints written beside each field
(timeline.constraints): unknown keys are refused, so a misspelt key in a TOML file is an
error rather than a silently ignored line, and scalars are strict and keep TOML's own
types: a date written as the string "23/11/2021" or a number written as "12" is refused
instead of being guessed at. A record's own checks (`__post_init__`) run whenever one is
built, from a file, from the cache or from another record.

The records themselves import nothing of pydantic: a timeline read back from the cache
(timeline.cache) is built without it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from timeline.constraints import Constraint, about

# A model's own checks say what is wrong in English; the message is a catalog entry, put
# into the reader's language when the problem is printed (timeline.l10n.problems).
from timeline.l10n.catalogs import N_

if TYPE_CHECKING:
    from timeline.checks import Warning
    from timeline.queries import FigureIndex

Id = Annotated[
    str,
    Constraint(
        strict=True,
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        max_length=120,
        description="Lower-case letters, digits, '.', '_' and '-'; unique within its array.",
    ),
]
NonEmpty = Annotated[str, Constraint(strict=True, min_length=1, max_length=20_000)]
# Figures lie strictly between -10^18 and 10^18: every such value is compared and
# summed exactly enough, formatted by the house style, and stored by every export (an
# SQLite INTEGER holds up to 9.2 * 10^18). A larger one is a slip of the keyboard (the
# country's yearly output is some 10^16 đồng); 10^400 once validated and then crashed
# every screen that showed it.
LIMIT = 10**18
Number = (
    Annotated[int, Constraint(strict=True, gt=-LIMIT, lt=LIMIT)]
    | Annotated[float, Constraint(strict=True, allow_inf_nan=False, gt=-LIMIT, lt=LIMIT)]
)


def _http_url(value: str) -> str:
    """An article's web address: http or https, a host, no spaces or control characters."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(N_("expected an http(s) address such as 'https://example.vn/bai-viet'"))
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in value):
        raise ValueError(N_("an address may not contain spaces or control characters"))
    return value


# A string, not a parsed URL object: it is shown and exported exactly as written.
Url = Annotated[
    str,
    Constraint(
        strict=True,
        min_length=1,
        max_length=2000,
        json_schema_extra={"format": "uri"},
        after=_http_url,
    ),
]
# TOML has dates of its own; a string such as "23/11/2021" or a datetime is refused.
Date = Annotated[dt.date, Constraint(strict=True)]

# How much of a date is known. "month": only the month is known (the day is a
# placeholder that orders it, usually the month's last day); "year" likewise;
# "day_month": the text gives the day and the month but not the year, which is inferred
# (shown "27/2/[2020]", the brackets of a supplied year); "estimate": inferred from
# context. An inferred date ("day_month", "estimate") needs a note saying how.
Precision = Literal["day", "month", "year", "day_month", "estimate"]
INFERRED: frozenset[str] = frozenset({"day_month", "estimate"})

# The words Vietnamese articles put before a figure: "hơn" (more than), "trên" (over),
# "khoảng" (about), "gần" (nearly). Kept apart because "over 1.2 million" is not 1.2 million.
Qualifier = Literal["exact", "more_than", "over", "about", "nearly"]

# What a figure covers: everything since the platform opened, a stated period (a month,
# six months), or a level at a moment (services offered, bodies connected).
Basis = Literal["cumulative", "period", "level"]

Unit = Literal["count", "money_vnd", "percent", "part_of_whole", "multiplier"]

MilestoneKind = Literal["launch", "decision", "decree", "event", "report", "plan"]

# "verified" records a check that came out right (sums that work): worth keeping beside the
# figures, but not a warning.
NoteKind = Literal[
    "conflict", "arithmetic", "date", "typo", "duplicate", "ambiguity", "scrape", "verified"
]


class Record:
    """What every record shares: how pydantic reads its tables (a plain dict, pydantic's
    ConfigDict, so that nothing here imports pydantic)."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "allow_inf_nan": False}


# Every record is @dataclass(frozen=True, slots=True, kw_only=True), written out on each
# for the type checkers. Keyword-only, so that a required field may follow one with a
# default in the file's order; slots, so that a hundred thousand figures hold their
# fields and nothing else.


@dataclass(frozen=True, slots=True, kw_only=True)
class Text(Record):
    """The same words in both languages the explorer speaks."""

    vi: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def _same_in_both(value: object) -> object:
    """A plain string note reads the same in both languages."""
    return {"vi": value, "en": value} if isinstance(value, str) else value


# A note is bilingual like every text a reader sees; a plain string is accepted for
# notes that need no translation (a file name, a quotation) and shown in both languages.
Note = Annotated[Text, Constraint(before=_same_in_both, input_type=Text | str)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Record):
    """An article the figures are taken from."""

    id: Id
    title: NonEmpty
    outlet: Annotated[NonEmpty | None, about("Omit when the text names no outlet.")] = None
    byline: NonEmpty | None = None
    published: Annotated[Date | None, about("Omit when the text gives no date.")] = None
    published_precision: Precision = "day"
    published_note: Annotated[
        Note | None, about("What is known of the date and why, when it is partial or absent.")
    ] = None
    language: Annotated[str, Constraint(pattern=r"^[a-z]{2,3}$")] = "vi"
    file: Annotated[NonEmpty | None, about("The article's text file, for reference.")] = None
    url: Annotated[
        Url | None, about("The article's web address, only where it is known; never guessed.")
    ] = None
    notes: Note | None = None

    def __post_init__(self) -> None:
        if self.published is None and self.published_note is None:
            raise ValueError(N_("a source without 'published' needs 'published_note' saying why"))
        if self.published_precision in INFERRED and self.published_note is None:
            raise ValueError(N_("an inferred 'published' needs 'published_note' saying how"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Platform(Record):
    """A national system. A component (the command centre) names its parent in part_of."""

    id: Id
    name: Text
    short: Annotated[Text, about("The name as the list and the chips show it.")]
    acronyms: tuple[NonEmpty, ...] = ()
    description: Text
    launched: Date | None = None
    part_of: Annotated[Id | None, about("The platform this one is a component of.")] = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Milestone(Record):
    """A dated event: a launch, a decision, a report of figures."""

    id: Id
    date: Date
    date_precision: Precision = "day"
    date_note: Note | None = None
    platform: Annotated[Id | None, about("Omit for a national event such as a decree.")] = None
    kind: MilestoneKind
    title: Text
    summary: Text
    sources: Annotated[tuple[Id, ...], Constraint(min_length=1)]
    quote: Annotated[NonEmpty | None, about("The source's own words, verbatim.")] = None

    def __post_init__(self) -> None:
        if self.date_precision in INFERRED and self.date_note is None:
            raise ValueError(N_("an inferred 'date' needs 'date_note' saying how it was inferred"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator(Record):
    """Something counted: documents sent, accounts, payments in đồng."""

    id: Id
    name: Text
    unit: Unit
    counts: Annotated[Text, about("The thing counted, as a noun: 'văn bản' / 'documents'.")]
    per: Annotated[Literal["year", "month"] | None, about("For rates such as đồng/năm.")] = None
    description: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison(Record):
    """What a growth figure is measured against: "so với cùng kỳ năm 2021"."""

    label: Text
    start: Date | None = None
    end: Date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Observation(Record):
    """One figure as one source reported it, with the source's exact words."""

    id: Id
    platform: Annotated[Id | None, about("Omit for a nationwide figure.")] = None
    indicator: Id
    label: Annotated[
        Text | None, about("What this figure counts where the indicator's name is not enough.")
    ] = None
    value: Number
    total: Annotated[Number | None, about("The whole, for a part-of-whole figure.")] = None
    qualifier: Qualifier = "exact"
    basis: Basis
    period_start: Date | None = None
    period_end: Date | None = None
    change: Annotated[
        Literal["times", "percent"] | None,
        about("Set when the value is a growth: '3.8 times' or '+150 %'."),
    ] = None
    compared_with: Comparison | None = None
    as_of: Date
    as_of_precision: Precision = "day"
    as_of_note: Note | None = None
    source: Id
    quote: Annotated[NonEmpty, about("The article's exact words, diacritics and all.")]
    part_of: Annotated[Id | None, about("The observation this one is a part of.")] = None
    notes: Note | None = None

    def __post_init__(self) -> None:
        if self.basis == "period" and (self.period_start is None or self.period_end is None):
            raise ValueError(N_("a 'period' figure needs 'period_start' and 'period_end'"))
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValueError(N_("'period_start' is after 'period_end'"))
        if (self.change is None) != (self.compared_with is None):
            raise ValueError(N_("'change' and 'compared_with' go together"))
        if self.as_of_precision in INFERRED and self.as_of_note is None:
            raise ValueError(
                N_("an inferred 'as_of' needs 'as_of_note' saying how it was inferred")
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class QualityNote(Record):
    """A place where the sources contradict themselves or each other, kept, not fixed."""

    id: Id
    kind: NoteKind
    text: Text
    observations: tuple[Id, ...] = ()
    milestones: tuple[Id, ...] = ()
    sources: tuple[Id, ...] = ()


@dataclass(frozen=True, kw_only=True)  # not slots: its lookups are cached on it
class Timeline(Record):
    """A whole timeline file. Immutable; lookups are built once, on first use."""

    sources: tuple[Source, ...] = ()
    platforms: tuple[Platform, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    observations: tuple[Observation, ...] = ()
    quality_notes: tuple[QualityNote, ...] = ()

    @cached_property
    def source(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def platform(self) -> dict[str, Platform]:
        return {p.id: p for p in self.platforms}

    @cached_property
    def milestone(self) -> dict[str, Milestone]:
        return {m.id: m for m in self.milestones}

    @cached_property
    def indicator(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def observation(self) -> dict[str, Observation]:
        return {o.id: o for o in self.observations}

    @cached_property
    def events(self) -> tuple[Milestone, ...]:
        """Milestones in date order; ties keep file order."""
        return tuple(sorted(self.milestones, key=lambda m: m.date))

    @cached_property
    def warnings(self) -> tuple[Warning, ...]:
        """Data-quality notes and the consistency checks' findings (never failures)."""
        from timeline.checks import consistency_warnings

        return consistency_warnings(self)

    @cached_property
    def _families(self) -> dict[str, frozenset[str]]:
        return {
            p.id: frozenset(q.id for q in self.platforms if q.id == p.id or q.part_of == p.id)
            for p in self.platforms
        }

    def family(self, platform_id: str) -> frozenset[str]:
        """A platform and its components: filtering by Reporting includes the command centre."""
        return self._families.get(platform_id, frozenset((platform_id,)))

    def top_platforms(self) -> tuple[Platform, ...]:
        return tuple(p for p in self.platforms if p.part_of is None)

    @cached_property
    def _counted_for(self) -> dict[str, str]:
        return {p.id: p.part_of for p in self.platforms if p.part_of}

    def counted_for(self, platform_id: str | None) -> str | None:
        """The platform whose figures a platform's count for: a component's (the command
        centre's) count for its parent (the Reporting system). Written here once; series,
        charts, comparison and the palette all group by it."""
        if platform_id is None:
            return None
        return self._counted_for.get(platform_id, platform_id)

    @cached_property
    def _figure_index(self) -> FigureIndex:
        from timeline.queries import FigureIndex

        return FigureIndex(self)

    def figures_for(self, milestone: Milestone) -> tuple[Observation, ...]:
        """The figures a milestone reports: from its sources, dated the milestone's day
        (timeline.queries.FigureIndex)."""
        return self._figure_index.figures(milestone)

    def figure_name(self, obs: Observation, lang: str) -> str:
        """What a figure counts: its indicator's name, with its own label where it has one."""
        indicator = self.indicator.get(obs.indicator)
        name = indicator.name.get(lang) if indicator else obs.indicator
        return f"{name} ({obs.label.get(lang)})" if obs.label else name

    def observations_from(self, source_id: str) -> tuple[Observation, ...]:
        return tuple(o for o in self.observations if o.source == source_id)

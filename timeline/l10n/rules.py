"""Each language's number and date grammar, as data: the only code a new language needs.

The words here ("triệu", "hơn", "6 tháng đầu năm") are house style, not catalog entries:
they are part of number grammar, they are tested row by row, and a missing or
half-translated catalog must not turn "1,2 triệu" into "1,2 million". Digits, separators
and month names come from Babel (the date patterns are Babel patterns); the Formatter
(timeline.l10n.numbers) only picks the unit and fills these templates in.

A language is spoken when it has rules here and a catalog in locales/; `LANGUAGES`
follows this table, in its order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final


class LanguageError(ValueError):
    """A language vn-egov does not speak was asked for explicitly."""


@dataclass(frozen=True)
class Rules:
    """How one language writes figures and dates; every template is a str.format one."""

    # Units of the long compact form, smallest first, each a thousand times the last
    # (mantissas are always below 1000): "triệu", "tỷ" / "million", "billion".
    units: tuple[tuple[int, str], ...]
    # The word a qualified figure starts with, by Observation.qualifier; "" when exact.
    qualifiers: Mapping[str, str]
    # A rate's ending, by Indicator.per: "/năm" / " a year".
    per: Mapping[str, str]
    # Babel date patterns by precision ("day", "month", "year") and "month_only".
    dates: Mapping[str, str]
    money: str  # {amount}: "{amount} đồng" / "VND {amount}"
    times: str  # {n}: a multiplier, "gấp {n} lần" / "{n}×"
    up: str  # {n}: a rise in percent, "tăng {n}" / "up {n}"
    down: str  # {n}: a fall in percent
    part: str  # {part}, {whole}: "{part}/{whole}" / "{part} of {whole}"
    # Stated periods. {year}; {first}/{last} are the month_only and month patterns of the
    # first and last month, {months} the number of months from January.
    year: str  # the whole year
    years: str  # whole years: {first}, {last} are years
    month: str  # one whole month: {month} is its "month" pattern
    first_half: str
    second_half: str
    first_months: str | None  # months from January; None: written as a range of months
    quarter: str  # the second quarter on: {quarter} (a number), {roman}
    months: str  # whole months of one year: {first} month_only, {last} month pattern
    months_across: str  # whole months across years: both "month" patterns
    # Day ranges, by what the two days share: (Babel pattern of the first day, template
    # of {first} and {last}); the last day is always in the "day" pattern.
    days_same_month: tuple[str, str]
    days_same_year: tuple[str, str]
    days: tuple[str, str]


RULES: Final[dict[str, Rules]] = {
    "vi": Rules(
        units=((10**6, "triệu"), (10**9, "tỷ"), (10**12, "nghìn tỷ"), (10**15, "triệu tỷ")),
        qualifiers={
            "exact": "",
            "more_than": "hơn",
            "over": "trên",
            "about": "khoảng",
            "nearly": "gần",
        },
        per={"year": "/năm", "month": "/tháng"},
        dates={"day": "d/M/y", "month": "M/y", "year": "y", "day_month": "d/M", "month_only": "M"},
        money="{amount} đồng",
        times="gấp {n} lần",
        up="tăng {n}",
        down="giảm {n}",
        part="{part}/{whole}",
        year="năm {year}",
        years="năm {first}–{last}",
        month="tháng {month}",
        first_half="6 tháng đầu năm {year}",
        second_half="6 tháng cuối năm {year}",
        first_months="{months} tháng đầu năm {year}",
        quarter="quý {roman}/{year}",
        months="tháng {first}–{last}",
        months_across="{first}–{last}",
        days_same_month=("d/M/y", "{first}–{last}"),
        days_same_year=("d/M/y", "{first}–{last}"),
        days=("d/M/y", "{first}–{last}"),
    ),
    "en": Rules(
        units=(
            (10**6, "million"),
            (10**9, "billion"),
            (10**12, "trillion"),
            (10**15, "quadrillion"),
        ),
        # The house style writes "hơn 1,2 triệu" as "over 1.2 million": English news uses
        # "over" for both "hơn" and "trên"; the TOML keeps the difference for those who
        # need it.
        qualifiers={
            "exact": "",
            "more_than": "over",
            "over": "over",
            "about": "about",
            "nearly": "nearly",
        },
        per={"year": " a year", "month": " a month"},
        dates={
            "day": "d MMM y",
            "month": "MMM y",
            "year": "y",
            "day_month": "d MMM",
            "month_only": "MMM",
        },
        money="VND {amount}",
        times="{n}×",
        up="up {n}",
        down="down {n}",
        part="{part} of {whole}",
        year="{year}",
        years="{first}–{last}",
        month="{month}",
        first_half="H1 {year}",
        second_half="H2 {year}",
        first_months=None,
        quarter="Q{quarter} {year}",
        months="{first}–{last}",
        months_across="{first} – {last}",
        days_same_month=("d", "{first}–{last}"),
        days_same_year=("d MMM", "{first} – {last}"),
        days=("d MMM y", "{first} – {last}"),
    ),
}

LANGUAGES: Final[tuple[str, ...]] = tuple(RULES)


def rules_for(lang: str) -> Rules:
    """The rules of a language vn-egov speaks; LanguageError for any other."""
    try:
        return RULES[lang]
    except KeyError:
        raise LanguageError(
            f"unknown language {lang!r}; choose one of: {', '.join(RULES)}"
        ) from None

"""Figures and dates in one language's house style: the Formatter.

Digits, separators and month names come from Babel; which unit a number is shown in and
where the words go is decided here, with each language's words and patterns taken from
its rules (timeline.l10n.rules). No Textual import here, ever.

Decisions (tested in tests/test_l10n.py):

* Plain spaces, never a no-break space (U+00A0) or a narrow one (U+202F), between a
  number and its unit word: "1,2 triệu". Babel's own compact forms use U+00A0, which we do
  not use; widgets may wrap a figure between number and word, and every character of our
  output is one terminal cell wide, so width arithmetic stays trivial.
* Rounding: the value is rounded to at most 3 fraction digits (half up) *in the unit it
  will be shown in*, and the unit is chosen after rounding: the smallest unit whose
  rounded mantissa is below 1000. So 999,999 is "999.999" (below a million every digit
  is shown), 999,950,000 is "999,95 triệu", 999,999,999 is "1 tỷ" and 999,999,499 is
  "999,999 triệu". A mantissa is never 1000 or more next to a unit word; a value too big
  for the largest unit (10^15) is shown with all its digits.
* An estimated date shows its month with "~" in front: "~9/2021" / "~Sep 2021".
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from babel.dates import format_date
from babel.numbers import format_decimal, get_minus_sign_symbol

from timeline.l10n.rules import Rules, rules_for

if TYPE_CHECKING:
    from timeline.model import Indicator, Observation, Precision, Qualifier

_ROMAN: Final = ("I", "II", "III", "IV")

_MAX_FRACTION: Final = 3
_PATTERN: Final = "#,##0.###"  # grouped, up to _MAX_FRACTION fraction digits, no trailing 0
_QUANTUM: Final = decimal.Decimal(1).scaleb(-_MAX_FRACTION)
# Enough precision for any finite float in full digits (1.8e308 has 309 of them).
_CONTEXT: Final = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_UP)


def _decimal(value: int | float) -> decimal.Decimal:
    # A float goes through str(), the shortest repr that round-trips: 0.1 stays 0.1,
    # not 0.1000000000000000055511151231257827.
    number = decimal.Decimal(str(value) if isinstance(value, float) else value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return number


def _round(number: decimal.Decimal) -> decimal.Decimal:
    return number.quantize(_QUANTUM, context=_CONTEXT)


@lru_cache(maxsize=8192)
def _formatted_number(lang: str, rounded: decimal.Decimal) -> str:
    # Cached for the same reason as dates: a language switch formats every figure on the
    # screen again, and Babel spends most of each call finding the locale's symbols.
    with decimal.localcontext(_CONTEXT):
        return format_decimal(rounded, format=_PATTERN, locale=lang)


@lru_cache(maxsize=8192)
def _formatted_date(lang: str, d: dt.date, pattern: str) -> str:
    # Cached: a list of thousands of events repeats its dates, and Babel parses the
    # locale and the pattern on every call (a fifth of the time a list row takes).
    return format_date(d, format=pattern, locale=lang)


@dataclass(frozen=True)
class Formatter:
    """Figures and dates in one language's house style.

    ``full=True`` shows every number with all its digits ("1.200.000" rather than
    "1,2 triệu"); percentages and dates read the same in both modes.
    """

    lang: str
    full: bool = False
    rules: Rules = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", rules_for(self.lang))  # LanguageError if unknown

    # -- numbers

    def _digits(self, number: decimal.Decimal) -> str:
        """A non-negative number, rounded, grouped, with the locale's separators."""
        return _formatted_number(self.lang, _round(number))

    def _signed(self, value: int | float) -> tuple[str, decimal.Decimal]:
        """The minus sign if the rounded value is negative, and the magnitude."""
        number = _decimal(value)
        negative = _round(number) < 0
        sign = get_minus_sign_symbol(self.lang) if negative else ""
        return sign, abs(number)

    def _scaled(self, magnitude: decimal.Decimal) -> tuple[str, str]:
        """Digits and unit word ("1,2", "triệu"), or all the digits and "" below a million."""
        if self.full or _round(magnitude) < 10**6:
            return self._digits(magnitude), ""
        for size, word in self.rules.units:
            mantissa = _round(_CONTEXT.divide(magnitude, decimal.Decimal(size)))
            if mantissa < 1000:
                return self._digits(mantissa), word
        return self._digits(magnitude), ""  # beyond the largest unit: every digit

    def number(self, value: int | float) -> str:
        """A count: "65.900", "1,2 triệu" / "65,900", "1.2 million"."""
        sign, magnitude = self._signed(value)
        digits, word = self._scaled(magnitude)
        return f"{sign}{digits} {word}" if word else f"{sign}{digits}"

    def money(self, value: int | float) -> str:
        """An amount in đồng: "500 tỷ đồng" / "VND 500 billion"."""
        sign, magnitude = self._signed(value)
        digits, word = self._scaled(magnitude)
        amount = f"{digits} {word}" if word else digits
        return sign + self.rules.money.format(amount=amount)

    def percent(self, value: int | float) -> str:
        """``value`` is already in percent: 60.72 -> "60,72%" / "60.72%"."""
        sign, magnitude = self._signed(value)
        return f"{sign}{self._digits(magnitude)}%"

    def _times(self, value: int | float) -> str:
        # A multiplier is a small number: never compacted, never "1,2 triệu lần".
        sign, magnitude = self._signed(value)
        return self.rules.times.format(n=f"{sign}{self._digits(magnitude)}")

    def _change(self, value: int | float) -> str:
        sign, magnitude = self._signed(value)
        shown = f"{self._digits(magnitude)}%"
        return (self.rules.down if sign else self.rules.up).format(n=shown)

    def _part(self, value: int | float, total: int | float) -> str:
        return self.rules.part.format(part=self.number(value), whole=self.number(total))

    def qualifier(self, q: Qualifier) -> str:
        """The word a qualified figure starts with: "hơn" / "over"; "" when exact."""
        return self.rules.qualifiers[q]

    def figure(self, obs: Observation, indicator: Indicator) -> str:
        """The observation's value as the indicator's unit reads, with qualifier and rate.

        "hơn 1,2 triệu", "trên 500 tỷ đồng/năm", "15/151", "gấp 3,8 lần", "tăng 150%";
        "over 1.2 million", "over VND 500 billion a year", "15 of 151", "3.8×", "up 150%".
        A growth figure is a multiplier or a change in percent whatever the indicator's
        unit, and has no "/năm": it compares two readings, it is not a rate.
        """
        qualifier = self.qualifier(obs.qualifier)
        if obs.change is not None:
            body = self._times(obs.value) if obs.change == "times" else self._change(obs.value)
            if qualifier and " " in body:
                # The word goes inside the verb: "gấp gần 4 lần", "tăng hơn 150%", "up over 150%".
                verb, rest = body.split(" ", 1)
                return f"{verb} {qualifier} {rest}"
            return f"{qualifier} {body}" if qualifier else body
        match indicator.unit:
            case "money_vnd":
                body = self.money(obs.value)
            case "percent":
                body = self.percent(obs.value)
            case "multiplier":
                body = self._times(obs.value)
            case "part_of_whole" if obs.total is not None:
                body = self._part(obs.value, obs.total)
            case _:
                body = self.number(obs.value)
        if indicator.per is not None:
            body += self.rules.per[indicator.per]
        return f"{qualifier} {body}" if qualifier else body

    # -- dates

    def _pattern(self, d: dt.date, kind: str) -> str:
        return _formatted_date(self.lang, d, self.rules.dates[kind])

    def date(self, d: dt.date, precision: Precision = "day") -> str:
        """ "12/3/2019", "6/2021", "2018", "~9/2021" / "12 Mar 2019", "Jun 2021", "~Sep 2021"."""
        if precision == "estimate":
            return "~" + self._pattern(d, "month")
        if precision == "day_month":
            # A day whose year the text does not give: the year in brackets, the mark of
            # a supplied year: "27/2/[2020]" / "27 Feb [2020]".
            return f"{self._pattern(d, 'day_month')}{'/' if self.lang == 'vi' else ' '}[{d.year}]"
        return self._pattern(d, precision)

    def period(self, start: dt.date, end: dt.date) -> str:
        """A stated period the way the press names it.

        Whole year "năm 2021" / "2021"; halves "6 tháng đầu năm 2022" / "H1 2022" and
        "6 tháng cuối năm 2020" / "H2 2020"; quarters from the second "quý II/2022" /
        "Q2 2022"; a whole month "tháng 11/2021" / "Nov 2021"; months from January
        "11 tháng đầu năm 2021" / "Jan–Nov 2021"; other whole months "tháng 4–8/2022" /
        "Apr–Aug 2022"; anything else "23/10/2021–23/11/2021" / "23 Oct – 23 Nov 2021".
        """
        if start == end:
            return self.date(start)
        rules = self.rules
        whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
        if whole_months and start.year == end.year:
            year, first, last = start.year, start.month, end.month
            if first == 1 and last == 12:
                return rules.year.format(year=year)
            if first == last:
                return rules.month.format(month=self._pattern(start, "month"))
            if (first, last) == (1, 6):
                return rules.first_half.format(year=year)
            if (first, last) == (7, 12):
                return rules.second_half.format(year=year)
            if first == 1 and rules.first_months is not None:
                return rules.first_months.format(months=last, year=year)
            if first != 1 and last - first == 2 and first % 3 == 1:
                quarter = first // 3 + 1
                return rules.quarter.format(quarter=quarter, roman=_ROMAN[quarter - 1], year=year)
            return rules.months.format(
                first=self._pattern(start, "month_only"), last=self._pattern(end, "month")
            )
        if whole_months:
            if start.month == 1 and end.month == 12:
                return rules.years.format(first=start.year, last=end.year)
            return rules.months_across.format(
                first=self._pattern(start, "month"), last=self._pattern(end, "month")
            )
        if (start.year, start.month) == (end.year, end.month):
            pattern, template = rules.days_same_month
        elif start.year == end.year:
            pattern, template = rules.days_same_year
        else:
            pattern, template = rules.days
        shown = _formatted_date(self.lang, start, pattern)
        return template.format(first=shown, last=self._pattern(end, "day"))

    def when(self, obs: Observation) -> str:
        """The observation's date at its precision, or its period for a period figure: an
        inferred period is marked like an inferred date, "~23/10/2021–23/11/2021"."""
        if obs.basis == "period" and obs.period_start is not None and obs.period_end is not None:
            period = self.period(obs.period_start, obs.period_end)
            # timeline.model.INFERRED, not imported: the model imports the catalogs.
            return "~" + period if obs.as_of_precision in ("day_month", "estimate") else period
        return self.date(obs.as_of, obs.as_of_precision)

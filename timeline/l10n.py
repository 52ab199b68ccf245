"""Languages, gettext catalogs and the house style for numbers and dates, in vi and en.

Two halves that do not depend on each other:

* gettext: ``_``/``ngettext``/``N_`` translate the UI's English source strings with the
  process-wide catalog that ``set_language`` chooses. Catalogs are the compiled
  ``messages.mo`` files under ``locales/`` (in the wheel: ``timeline/locales``); a missing
  or unreadable catalog means English, never a crash.
* ``Formatter``: figures and dates for one language, given explicitly. Its words
  ("triệu", "hơn", "6 tháng đầu năm") are house-style data kept in the tables below, not
  catalog entries: they are part of number grammar, they are tested row by row, and a
  missing or half-translated catalog must not turn "1,2 triệu" into "1,2 million".

Digits, separators and month names come from Babel; this module only decides which unit
a number is shown in and where the words go. No Textual import here, ever.

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
import gettext
import importlib.resources
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

from babel.dates import format_date
from babel.numbers import format_decimal, get_minus_sign_symbol

from timeline.model import Indicator, Observation, Precision, Qualifier

LANGUAGES: tuple[str, ...] = ("vi", "en")
DOMAIN: Final = "messages"
ENV_VAR: Final = "VN_EGOV_LANG"


class LanguageError(ValueError):
    """A language vn-egov does not speak was asked for explicitly."""


# --------------------------------------------------------------------------- gettext


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_``."""
    return message


def catalog_root() -> Traversable:
    """Where the compiled catalogs are: inside the installed package, else the repo's."""
    packaged = importlib.resources.files("timeline") / "locales"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "locales"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for ``lang``; English identity when it is missing or unreadable."""
    mo = catalog_root() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with mo.open("rb") as fp:
            return gettext.GNUTranslations(fp)
    except (OSError, ValueError, LookupError, struct.error):
        return gettext.NullTranslations()


_current: list[str] = ["en"]  # one slot, so set_language needs no ``global``


def set_language(lang: str) -> None:
    """Switch the process-wide catalog that ``_`` and ``ngettext`` use."""
    if lang not in LANGUAGES:
        raise LanguageError(f"unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    _current[0] = lang


def current_language() -> str:
    return _current[0]


def _(message: str) -> str:
    """Translate an English source string into the current language."""
    return translations(_current[0]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form the current language uses for ``n``."""
    return translations(_current[0]).ngettext(singular, plural, n)


# --------------------------------------------------------------------- choosing a language


def _language_of(value: str) -> str:
    """ "vi_VN.UTF-8" -> "vi", "en-US" -> "en", "C" / "POSIX" -> "en", "" -> ""."""
    base = value.strip().split(".", 1)[0].split("@", 1)[0]
    lang = base.replace("-", "_").split("_", 1)[0].lower()
    return "en" if lang in ("c", "posix") else lang


def _shown(value: str) -> str:
    """A user's value quoted on one line: control characters escaped, long values cut."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


def choose_language(
    flag: str | None, environ: Mapping[str, str], remembered: str | None = None
) -> tuple[str, list[str]]:
    """The language to speak: ``--lang``, then VN_EGOV_LANG, then the one the reader last
    chose in the explorer (``remembered``), then the locale, else English.

    The locale is the first non-empty of LC_ALL, LC_MESSAGES and LANG, as POSIX reads it
    ("vi_VN.UTF-8" -> vi; "C", "POSIX", "en_US" and languages we do not speak -> en).
    An unknown VN_EGOV_LANG is reported in the returned warnings (in the language chosen)
    and skipped; an unknown ``--lang`` raises LanguageError, a one-line message in the
    language the environment would have chosen.
    """
    choices = ", ".join(LANGUAGES)
    requested = environ.get(ENV_VAR, "")  # empty means unset, as for the locale variables
    lang = _language_of(requested)
    unknown_request = bool(requested.strip()) and lang not in LANGUAGES
    if lang not in LANGUAGES and remembered is not None and remembered in LANGUAGES:
        lang = remembered
    elif lang not in LANGUAGES:
        lang = "en"
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            if environ.get(name, "").strip():
                found = _language_of(environ[name])
                lang = found if found in LANGUAGES else "en"
                break
    speak = translations(lang).gettext
    if flag is not None:
        if _language_of(flag) not in LANGUAGES:
            message = N_("unknown language {value} for --lang; choose one of: {choices}")
            raise LanguageError(speak(message).format(value=_shown(flag), choices=choices))
        return _language_of(flag), []
    warnings = []
    if unknown_request:
        warning = N_("ignoring {variable}={value}: unknown language; choose one of: {choices}")
        warnings.append(
            speak(warning).format(variable=ENV_VAR, value=_shown(requested), choices=choices)
        )
    return lang, warnings


# ------------------------------------------------------------------------- house style

# Each language's number grammar. Units are the long forms (Babel's "T" is tỷ in vi but
# trillion in en); mantissas are always below 1000, so the ladder climbs in thousands.
_UNITS: Final[dict[str, tuple[tuple[int, str], ...]]] = {
    "vi": ((10**6, "triệu"), (10**9, "tỷ"), (10**12, "nghìn tỷ"), (10**15, "triệu tỷ")),
    "en": ((10**6, "million"), (10**9, "billion"), (10**12, "trillion"), (10**15, "quadrillion")),
}
_QUALIFIERS: Final[dict[str, dict[str, str]]] = {
    "vi": {"exact": "", "more_than": "hơn", "over": "trên", "about": "khoảng", "nearly": "gần"},
    # The house style writes "hơn 1,2 triệu" as "over 1.2 million": English news uses "over"
    # for both "hơn" and "trên"; the TOML keeps the difference for those who need it.
    "en": {
        "exact": "",
        "more_than": "over",
        "over": "over",
        "about": "about",
        "nearly": "nearly",
    },
}
_PER: Final[dict[str, dict[str, str]]] = {
    "vi": {"year": "/năm", "month": "/tháng"},
    "en": {"year": " a year", "month": " a month"},
}
# Babel patterns: digits and month names are Babel's, the order is the house's.
_DATE_PATTERNS: Final[dict[str, dict[str, str]]] = {
    "vi": {"day": "d/M/y", "month": "M/y", "year": "y", "day_month": "d/M", "month_only": "M"},
    "en": {
        "day": "d MMM y",
        "month": "MMM y",
        "year": "y",
        "day_month": "d MMM",
        "month_only": "MMM",
    },
}
_ROMAN: Final = ("I", "II", "III", "IV")

_MAX_FRACTION: Final = 3
_PATTERN: Final = "#,##0.###"  # grouped, up to _MAX_FRACTION fraction digits, no trailing 0
_QUANTUM: Final = decimal.Decimal(1).scaleb(-_MAX_FRACTION)
# Enough precision for any finite float in full digits (1.8e308 has 309 of them).
_CONTEXT: Final = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_UP)

_DASH: Final = "–"  # en dash, for ranges


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
def _formatted_date(lang: str, d: dt.date, kind: str) -> str:
    # Cached: a list of thousands of events repeats its dates, and Babel parses the
    # locale and the pattern on every call (a fifth of the time a list row takes).
    return format_date(d, format=_DATE_PATTERNS[lang][kind], locale=lang)


@dataclass(frozen=True)
class Formatter:
    """Figures and dates in one language's house style.

    ``full=True`` shows every number with all its digits ("1.200.000" rather than
    "1,2 triệu"); percentages and dates read the same in both modes.
    """

    lang: str
    full: bool = False

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise LanguageError(
                f"unknown language {self.lang!r}; choose one of: {', '.join(LANGUAGES)}"
            )

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
        for size, word in _UNITS[self.lang]:
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
        if self.lang == "vi":
            return f"{sign}{amount} đồng"
        return f"{sign}VND {amount}"

    def percent(self, value: int | float) -> str:
        """``value`` is already in percent: 60.72 -> "60,72%" / "60.72%"."""
        sign, magnitude = self._signed(value)
        return f"{sign}{self._digits(magnitude)}%"

    def _times(self, value: int | float) -> str:
        # A multiplier is a small number: never compacted, never "1,2 triệu lần".
        sign, magnitude = self._signed(value)
        digits = f"{sign}{self._digits(magnitude)}"
        return f"gấp {digits} lần" if self.lang == "vi" else f"{digits}×"

    def _change(self, value: int | float) -> str:
        sign, magnitude = self._signed(value)
        shown = f"{self._digits(magnitude)}%"
        if self.lang == "vi":
            return f"{'giảm' if sign else 'tăng'} {shown}"
        return f"{'down' if sign else 'up'} {shown}"

    def _part(self, value: int | float, total: int | float) -> str:
        if self.lang == "vi":
            return f"{self.number(value)}/{self.number(total)}"
        return f"{self.number(value)} of {self.number(total)}"

    def qualifier(self, q: Qualifier) -> str:
        """The word a qualified figure starts with: "hơn" / "over"; "" when exact."""
        return _QUALIFIERS[self.lang][q]

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
            body += _PER[self.lang][indicator.per]
        return f"{qualifier} {body}" if qualifier else body

    # -- dates

    def _pattern(self, d: dt.date, kind: str) -> str:
        return _formatted_date(self.lang, d, kind)

    def date(self, d: dt.date, precision: Precision = "day") -> str:
        """ "12/3/2019", "6/2021", "2018", "~9/2021" / "12 Mar 2019", "Jun 2021", "~Sep 2021"."""
        if precision == "estimate":
            return "~" + self._pattern(d, "month")
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
        vi = self.lang == "vi"
        whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
        if whole_months and start.year == end.year:
            year, first, last = start.year, start.month, end.month
            if first == 1 and last == 12:
                return f"năm {year}" if vi else str(year)
            if first == last:
                return (
                    f"tháng {self._pattern(start, 'month')}"
                    if vi
                    else self._pattern(start, "month")
                )
            if (first, last) == (7, 12):
                return f"6 tháng cuối năm {year}" if vi else f"H2 {year}"
            if first == 1:
                if last == 6 and not vi:
                    return f"H1 {year}"
                if vi:
                    return f"{last} tháng đầu năm {year}"
            elif last - first == 2 and first % 3 == 1:
                quarter = first // 3 + 1
                return f"quý {_ROMAN[quarter - 1]}/{year}" if vi else f"Q{quarter} {year}"
            if vi:
                return f"tháng {first}{_DASH}{self._pattern(end, 'month')}"
            return f"{self._pattern(start, 'month_only')}{_DASH}{self._pattern(end, 'month')}"
        if whole_months:
            if start.month == 1 and end.month == 12:
                return (
                    f"năm {start.year}{_DASH}{end.year}" if vi else f"{start.year}{_DASH}{end.year}"
                )
            joiner = _DASH if vi else f" {_DASH} "
            return f"{self._pattern(start, 'month')}{joiner}{self._pattern(end, 'month')}"
        if vi:
            return f"{self._pattern(start, 'day')}{_DASH}{self._pattern(end, 'day')}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}{_DASH}{self._pattern(end, 'day')}"
        if start.year == end.year:
            return f"{self._pattern(start, 'day_month')} {_DASH} {self._pattern(end, 'day')}"
        return f"{self._pattern(start, 'day')} {_DASH} {self._pattern(end, 'day')}"

    def when(self, obs: Observation) -> str:
        """The observation's date at its precision, or its period for a period figure."""
        if obs.basis == "period" and obs.period_start is not None and obs.period_end is not None:
            return self.period(obs.period_start, obs.period_end)
        return self.date(obs.as_of, obs.as_of_precision)

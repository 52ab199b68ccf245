"""timeline.l10n: choosing a language, the gettext switch, and the house style of figures.

Every row of the house-style table is pinned here in both languages.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from hypothesis import given
from hypothesis import strategies as st

from timeline import l10n
from timeline.l10n import (
    LANGUAGES,
    N_,
    Formatter,
    LanguageError,
    _,
    choose_language,
    current_language,
    ngettext,
    set_language,
)
from timeline.model import Indicator, Observation, Text
from timeline.validation import validated

D = dt.date
VI = Formatter("vi")
EN = Formatter("en")
VI_FULL = Formatter("vi", full=True)
EN_FULL = Formatter("en", full=True)
FORMATTERS = [VI, EN, VI_FULL, EN_FULL]
NO_BREAK_SPACES = ("\u00a0", "\u202f", "\u2007")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Tests that switch the process-wide language put English back."""
    yield
    set_language("en")


def indicator(unit: str = "count", per: str | None = None) -> Indicator:
    return validated(
        Indicator,
        {
            "id": "ind",
            "name": Text(vi="chỉ số", en="indicator"),
            "unit": unit,
            "counts": Text(vi="văn bản", en="documents"),
            "per": per,
        },
    )


def observation(value: int | float, **fields: Any) -> Observation:
    data: dict[str, Any] = {
        "id": "obs",
        "indicator": "ind",
        "value": value,
        "basis": "cumulative",
        "as_of": D(2021, 11, 23),
        "source": "src",
        "quote": "…",
    }
    if "change" in fields:
        data["compared_with"] = {"label": Text(vi="cùng kỳ", en="a year earlier")}
    data.update(fields)
    return validated(Observation, data)


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        # count below a million: every digit, grouped
        (0, "0", "0"),
        (1_208, "1.208", "1,208"),
        (65_900, "65.900", "65,900"),
        (999_999, "999.999", "999,999"),
        (12.5, "12,5", "12.5"),
        (1_234.5678, "1.234,568", "1,234.568"),  # at most 3 fraction digits, half up
        (0.0004, "0", "0"),
        # from a million: the long compact form, with the precision the value has
        (1_000_000, "1 triệu", "1 million"),
        (1_200_000, "1,2 triệu", "1.2 million"),
        (12_800_000, "12,8 triệu", "12.8 million"),
        (122_700_000, "122,7 triệu", "122.7 million"),
        (1_925_000, "1,925 triệu", "1.925 million"),
        (1_234_567, "1,235 triệu", "1.235 million"),
        (1.2e6, "1,2 triệu", "1.2 million"),
        (2_000_000_000, "2 tỷ", "2 billion"),
        (2.2e12, "2,2 nghìn tỷ", "2.2 trillion"),
        (10**15, "1 triệu tỷ", "1 quadrillion"),
    ],
)
def test_number(value: float, vi: str, en: str) -> None:
    assert (VI.number(value), EN.number(value)) == (vi, en)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        # Babel's compact formatter says "1000 nghìn" and "1000 triệu" here: we round
        # first, in the unit shown, then pick the unit.
        (999_999, "999.999", "999,999"),
        (999_999.9994, "999.999,999", "999,999.999"),
        (999_999.9995, "1 triệu", "1 million"),
        (1_000_000, "1 triệu", "1 million"),
        (999_950_000, "999,95 triệu", "999.95 million"),
        (999_999_499, "999,999 triệu", "999.999 million"),
        (999_999_500, "1 tỷ", "1 billion"),
        (999_999_999, "1 tỷ", "1 billion"),
        (1_000_000_000, "1 tỷ", "1 billion"),
        (999_999_500_000, "1 nghìn tỷ", "1 trillion"),
        (999_999_499_999, "999,999 tỷ", "999.999 billion"),
    ],
)
def test_rounding_picks_the_unit_after_rounding(value: float, vi: str, en: str) -> None:
    assert (VI.number(value), EN.number(value)) == (vi, en)


def test_beyond_the_largest_unit_every_digit_is_shown() -> None:
    assert VI.number(10**18) == "1.000.000.000.000.000.000"
    assert EN.number(10**18) == "1,000,000,000,000,000,000"
    assert EN.number(1e300).startswith("1,000,000,")  # huge, but no crash


def test_negative_numbers_keep_their_sign_and_tiny_ones_lose_it() -> None:
    assert (VI.number(-1_200_000), EN.number(-5.5)) == ("-1,2 triệu", "-5.5")
    assert (VI.number(-0.0001), EN.number(-0.0)) == ("0", "0")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_refused(bad: float) -> None:
    with pytest.raises(ValueError):
        VI.number(bad)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (500_000_000_000, "500 tỷ đồng", "VND 500 billion"),
        (2_200_000_000_000, "2,2 nghìn tỷ đồng", "VND 2.2 trillion"),
        (81_000_000_000, "81 tỷ đồng", "VND 81 billion"),
        (65_900, "65.900 đồng", "VND 65,900"),
        (12_500_000, "12,5 triệu đồng", "VND 12.5 million"),
    ],
)
def test_money(value: float, vi: str, en: str) -> None:
    assert (VI.money(value), EN.money(value)) == (vi, en)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (2_200_000_000_000, "2.200.000.000.000", "2,200,000,000,000"),
        (1_200_000, "1.200.000", "1,200,000"),
        (999_950_000, "999.950.000", "999,950,000"),
        (65_900, "65.900", "65,900"),
        (1.5, "1,5", "1.5"),
    ],
)
def test_full_mode_shows_every_digit(value: float, vi: str, en: str) -> None:
    assert (VI_FULL.number(value), EN_FULL.number(value)) == (vi, en)
    assert VI_FULL.money(value) == f"{vi} đồng"
    assert EN_FULL.money(value) == f"VND {en}"


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [(60.72, "60,72%", "60.72%"), (100, "100%", "100%"), (0.5, "0,5%", "0.5%"), (7, "7%", "7%")],
)
def test_percent(value: float, vi: str, en: str) -> None:
    assert (VI.percent(value), EN.percent(value)) == (vi, en)
    assert (VI_FULL.percent(value), EN_FULL.percent(value)) == (vi, en)


def test_unit_words_follow_a_plain_space_never_a_no_break_space() -> None:
    # Decision: plain U+0020 (see the module docstring); Babel's compact forms use U+00A0.
    outputs = [f.number(1_200_000) for f in FORMATTERS] + [f.money(2.2e12) for f in FORMATTERS]
    outputs += [f.period(D(2021, 10, 23), D(2021, 11, 23)) for f in FORMATTERS]
    outputs += [f.date(D(2019, 3, 12)) for f in FORMATTERS]
    for text in outputs:
        assert not any(c in text for c in NO_BREAK_SPACES), repr(text)
    assert VI.number(1_200_000) == "1,2 triệu"


# Up to 10^15 in both languages and both modes: never a crash, never a mantissa of 1000
# or more beside a unit word, and the figure shown is the value to within its rounding.
UNIT_SIZES = {
    "triệu tỷ": 10**15,
    "nghìn tỷ": 10**12,
    "triệu": 10**6,
    "tỷ": 10**9,
    "quadrillion": 10**15,
    "trillion": 10**12,
    "billion": 10**9,
    "million": 10**6,
}
FIGURE = re.compile(
    r"^(?:VND )?([0-9.,]+)(?: (triệu tỷ|nghìn tỷ|triệu|tỷ|[a-z]+illion))?(?: đồng)?$"
)

values = st.one_of(
    st.integers(min_value=0, max_value=10**15),
    st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.sampled_from([999_999, 999_999.9995, 999_950_000, 999_999_999, 10**15 - 1, 0.0005]),
)


@given(value=values, formatter=st.sampled_from(FORMATTERS), money=st.booleans())
def test_numbers_never_raise_and_never_show_a_mantissa_of_1000(
    value: float, formatter: Formatter, money: bool
) -> None:
    text = formatter.money(value) if money else formatter.number(value)
    match = FIGURE.match(text)
    assert match, repr(text)
    digits, word = match.groups()
    group, point = (".", ",") if formatter.lang == "vi" else (",", ".")
    shown = Decimal(digits.replace(group, "").replace(point, "."))
    if word is None:
        assert abs(shown - Decimal(str(value))) <= Decimal("0.0005")
        assert shown < 10**6 or formatter.full or shown >= 10**18
    else:
        assert not formatter.full
        assert 1 <= shown < 1000, text
        size = UNIT_SIZES[word]
        assert abs(shown * size - Decimal(str(value))) <= Decimal("0.0005") * size


# ----------------------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("obs", "ind", "vi", "en"),
    [
        (observation(65_900), indicator(), "65.900", "65,900"),
        (observation(1_200_000, qualifier="more_than"), indicator(), "hơn 1,2 triệu",
         "over 1.2 million"),
        (observation(1_200_000, qualifier="over"), indicator(), "trên 1,2 triệu",
         "over 1.2 million"),
        (observation(122_700_000, qualifier="about"), indicator(), "khoảng 122,7 triệu",
         "about 122.7 million"),
        (observation(12_800_000, qualifier="nearly"), indicator(), "gần 12,8 triệu",
         "nearly 12.8 million"),
        (observation(500e9, qualifier="over"), indicator("money_vnd"), "trên 500 tỷ đồng",
         "over VND 500 billion"),
        (observation(2.2e12), indicator("money_vnd"), "2,2 nghìn tỷ đồng", "VND 2.2 trillion"),
        (observation(81e9), indicator("money_vnd", per="year"), "81 tỷ đồng/năm",
         "VND 81 billion a year"),
        (observation(1_200_000), indicator(per="month"), "1,2 triệu/tháng",
         "1.2 million a month"),
        (observation(60.72), indicator("percent"), "60,72%", "60.72%"),
        (observation(15, total=151), indicator("part_of_whole"), "15/151", "15 of 151"),
        (observation(15), indicator("part_of_whole"), "15", "15"),
        (observation(3.8), indicator("multiplier"), "gấp 3,8 lần", "3.8×"),
        (observation(3.8, change="times"), indicator(), "gấp 3,8 lần", "3.8×"),
        (observation(4, change="times", qualifier="nearly"), indicator(), "gấp gần 4 lần",
         "nearly 4×"),
        (observation(150, change="percent"), indicator("money_vnd"), "tăng 150%", "up 150%"),
        (observation(150, change="percent", qualifier="more_than"), indicator(),
         "tăng hơn 150%", "up over 150%"),
        (observation(-20, change="percent"), indicator(), "giảm 20%", "down 20%"),
        (observation(2.5, change="times"), indicator(per="year"), "gấp 2,5 lần", "2.5×"),
    ],
)  # fmt: skip
def test_figure(obs: Observation, ind: Indicator, vi: str, en: str) -> None:
    assert (VI.figure(obs, ind), EN.figure(obs, ind)) == (vi, en)


def test_figure_in_full() -> None:
    obs = observation(2_200_000_000_000, qualifier="over")
    assert VI_FULL.figure(obs, indicator("money_vnd")) == "trên 2.200.000.000.000 đồng"
    assert EN_FULL.figure(obs, indicator("money_vnd")) == "over VND 2,200,000,000,000"
    whole = observation(1_200_000, total=12_800_000)
    assert VI.figure(whole, indicator("part_of_whole")) == "1,2 triệu/12,8 triệu"
    assert EN_FULL.figure(whole, indicator("part_of_whole")) == "1,200,000 of 12,800,000"


@pytest.mark.parametrize(
    ("q", "vi", "en"),
    [
        ("exact", "", ""),
        ("more_than", "hơn", "over"),
        ("over", "trên", "over"),
        ("about", "khoảng", "about"),
        ("nearly", "gần", "nearly"),
    ],
)
def test_qualifier(q: Any, vi: str, en: str) -> None:
    assert (VI.qualifier(q), EN.qualifier(q)) == (vi, en)


def test_a_formatter_speaks_only_known_languages() -> None:
    with pytest.raises(LanguageError):
        Formatter("fr")


# ------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("day", "precision", "vi", "en"),
    [
        (D(2019, 3, 12), "day", "12/3/2019", "12 Mar 2019"),
        (D(2021, 11, 23), "day", "23/11/2021", "23 Nov 2021"),
        (D(2021, 6, 30), "month", "6/2021", "Jun 2021"),
        (D(2018, 12, 31), "year", "2018", "2018"),
        (D(2021, 9, 30), "estimate", "~9/2021", "~Sep 2021"),
        # the text gives the day and month ("Sáng nay - 27/2"); the year is supplied
        (D(2020, 2, 27), "day_month", "27/2/[2020]", "27 Feb [2020]"),
        (D(2000, 12, 28), "day_month", "28/12/[2000]", "28 Dec [2000]"),
    ],
)
def test_date(day: dt.date, precision: Any, vi: str, en: str) -> None:
    assert (VI.date(day, precision), EN.date(day, precision)) == (vi, en)
    assert (VI_FULL.date(day, precision), EN_FULL.date(day, precision)) == (vi, en)


def test_years_are_never_grouped() -> None:
    for f in FORMATTERS:
        assert f.date(D(2019, 1, 1), "year") == "2019"
        assert "2019" in f.date(D(2019, 1, 1))
        assert "2019" in f.period(D(2019, 1, 1), D(2019, 12, 31))
    assert VI.date(D(2019, 3, 12)) == "12/3/2019"


@pytest.mark.parametrize(
    ("start", "end", "vi", "en"),
    [
        (D(2022, 1, 1), D(2022, 6, 30), "6 tháng đầu năm 2022", "H1 2022"),
        (D(2020, 7, 1), D(2020, 12, 31), "6 tháng cuối năm 2020", "H2 2020"),
        (D(2021, 1, 1), D(2021, 12, 31), "năm 2021", "2021"),
        (D(2021, 11, 1), D(2021, 11, 30), "tháng 11/2021", "Nov 2021"),
        (D(2024, 2, 1), D(2024, 2, 29), "tháng 2/2024", "Feb 2024"),
        (D(2021, 1, 1), D(2021, 11, 30), "11 tháng đầu năm 2021", "Jan–Nov 2021"),
        (D(2021, 1, 1), D(2021, 3, 31), "3 tháng đầu năm 2021", "Jan–Mar 2021"),
        (D(2022, 4, 1), D(2022, 6, 30), "quý II/2022", "Q2 2022"),
        (D(2022, 10, 1), D(2022, 12, 31), "quý IV/2022", "Q4 2022"),
        (D(2022, 4, 1), D(2022, 8, 31), "tháng 4–8/2022", "Apr–Aug 2022"),
        (D(2021, 11, 1), D(2022, 2, 28), "11/2021–2/2022", "Nov 2021 – Feb 2022"),
        (D(2019, 1, 1), D(2021, 12, 31), "năm 2019–2021", "2019–2021"),
        (D(2021, 10, 23), D(2021, 11, 23), "23/10/2021–23/11/2021", "23 Oct – 23 Nov 2021"),
        (D(2021, 11, 1), D(2021, 11, 15), "1/11/2021–15/11/2021", "1–15 Nov 2021"),
        (D(2020, 12, 15), D(2021, 1, 15), "15/12/2020–15/1/2021", "15 Dec 2020 – 15 Jan 2021"),
        (D(2021, 11, 23), D(2021, 11, 23), "23/11/2021", "23 Nov 2021"),
    ],
)
def test_period(start: dt.date, end: dt.date, vi: str, en: str) -> None:
    assert (VI.period(start, end), EN.period(start, end)) == (vi, en)


def test_when_is_the_date_or_the_period() -> None:
    point = observation(1, as_of=D(2021, 11, 23))
    assert (VI.when(point), EN.when(point)) == ("23/11/2021", "23 Nov 2021")
    month = observation(1, as_of=D(2021, 6, 30), as_of_precision="month")
    assert (VI.when(month), EN.when(month)) == ("6/2021", "Jun 2021")
    guessed = observation(1, as_of=D(2021, 9, 30), as_of_precision="estimate", as_of_note="n")
    assert (VI.when(guessed), EN.when(guessed)) == ("~9/2021", "~Sep 2021")
    half = observation(1, basis="period", period_start=D(2022, 1, 1), period_end=D(2022, 6, 30))
    assert (VI.when(half), EN.when(half)) == ("6 tháng đầu năm 2022", "H1 2022")


def test_an_inferred_period_is_marked_like_an_inferred_date() -> None:
    month = observation(
        1,
        basis="period",
        period_start=D(2021, 10, 23),
        period_end=D(2021, 11, 23),
        as_of=D(2021, 11, 23),
        as_of_precision="estimate",
        as_of_note="'trong tháng 11', read as the article's own month",
    )
    assert (VI.when(month), EN.when(month)) == (
        "~23/10/2021–23/11/2021",
        "~23 Oct – 23 Nov 2021",
    )


# --------------------------------------------------------------------- choosing a language

FLAG_ERROR = "unknown language {value} for --lang; choose one of: {choices}"
ENV_WARNING = "ignoring {variable}={value}: unknown language; choose one of: {choices}"


@pytest.mark.parametrize(
    ("flag", "environ", "expected"),
    [
        (None, {}, "en"),
        ("vi", {}, "vi"),
        ("en", {"VN_EGOV_LANG": "vi", "LANG": "vi_VN.UTF-8"}, "en"),
        ("VI", {}, "vi"),
        ("vi_VN", {}, "vi"),
        (None, {"VN_EGOV_LANG": "vi", "LC_ALL": "en_US.UTF-8"}, "vi"),
        (None, {"VN_EGOV_LANG": "en", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"VN_EGOV_LANG": "", "LANG": "vi_VN.UTF-8"}, "vi"),
        (None, {"LANG": "vi_VN.UTF-8"}, "vi"),
        (None, {"LANG": "vi"}, "vi"),
        (None, {"LANG": "vi_VN@euro"}, "vi"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "C"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANG": "POSIX"}, "en"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"LC_ALL": "C", "LANG": "vi_VN.UTF-8"}, "en"),  # LC_ALL overrides
        (None, {"LC_MESSAGES": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "vi_VN.UTF-8"}, "vi"),  # empty = unset
    ],
)
def test_choose_language(flag: str | None, environ: dict[str, str], expected: str) -> None:
    assert choose_language(flag, environ) == (expected, [])


def test_unknown_env_language_warns_and_falls_back() -> None:
    lang, warnings = choose_language(None, {"VN_EGOV_LANG": "fr"})
    assert lang == "en"
    assert warnings == ["ignoring VN_EGOV_LANG='fr': unknown language; choose one of: vi, en"]
    # Down the chain, and the warning is in the language that was chosen.
    lang, warnings = choose_language(None, {"VN_EGOV_LANG": "klingon", "LANG": "vi_VN.UTF-8"})
    assert lang == "vi"
    assert len(warnings) == 1
    assert "VN_EGOV_LANG='klingon'" in warnings[0]
    assert warnings[0] == l10n.translations("vi").gettext(ENV_WARNING).format(
        variable="VN_EGOV_LANG", value="'klingon'", choices="vi, en"
    )
    assert warnings[0] != ENV_WARNING.format(
        variable="VN_EGOV_LANG", value="'klingon'", choices="vi, en"
    )


def test_unknown_flag_is_a_one_line_error_naming_the_choices() -> None:
    with pytest.raises(LanguageError) as caught:
        choose_language("fr", {"VN_EGOV_LANG": "vi"})
    message = str(caught.value)
    assert "'fr'" in message and "vi, en" in message and "--lang" in message
    assert isinstance(caught.value, ValueError)
    # Said in the language the environment chose; English otherwise.
    with pytest.raises(
        LanguageError, match=r"^unknown language 'de' for --lang; choose one of: vi, en$"
    ):
        choose_language("de", {})
    for bad in ("", " ", "fr\n\x1b[31mred", "x" * 500):
        with pytest.raises(LanguageError) as caught:
            choose_language(bad, {})
        text = str(caught.value)
        assert "\n" not in text and "\x1b" not in text and len(text) < 200


def test_languages() -> None:
    assert LANGUAGES == ("vi", "en")


# ------------------------------------------------------------------------------- gettext


def test_set_language_switches_the_catalog() -> None:
    assert current_language() == "en"
    assert _(FLAG_ERROR) == FLAG_ERROR
    set_language("vi")
    assert current_language() == "vi"
    assert _(FLAG_ERROR) != FLAG_ERROR
    assert "{value}" in _(FLAG_ERROR) and "{choices}" in _(FLAG_ERROR)
    assert _("a string nobody translated") == "a string nobody translated"
    set_language("en")
    assert _(FLAG_ERROR) == FLAG_ERROR
    with pytest.raises(LanguageError):
        set_language("fr")
    assert current_language() == "en"


def test_n_marks_only() -> None:
    set_language("vi")
    assert N_(FLAG_ERROR) == FLAG_ERROR


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A catalog directory of the test's own, in place of the real one."""
    monkeypatch.setattr(l10n.catalogs, "catalog_root", lambda: tmp_path)
    l10n.translations.cache_clear()
    yield tmp_path
    l10n.translations.cache_clear()


def test_vietnamese_has_one_plural_form(catalogs: Path) -> None:
    catalog = Catalog(locale="vi", fuzzy=False)
    catalog.add(("{n} event", "{n} events"), ("{n} sự kiện",))
    (catalogs / "vi" / "LC_MESSAGES").mkdir(parents=True)
    with (catalogs / "vi" / "LC_MESSAGES" / "messages.mo").open("wb") as fp:
        write_mo(fp, catalog)
    set_language("vi")
    assert [ngettext("{n} event", "{n} events", n) for n in (0, 1, 2, 5)] == ["{n} sự kiện"] * 4
    set_language("en")
    assert ngettext("{n} event", "{n} events", 1) == "{n} event"
    assert ngettext("{n} event", "{n} events", 2) == "{n} events"


def test_a_missing_or_broken_catalog_means_english(catalogs: Path) -> None:
    set_language("vi")
    assert _(FLAG_ERROR) == FLAG_ERROR
    assert ngettext("one", "many", 2) == "many"
    l10n.translations.cache_clear()
    (catalogs / "vi" / "LC_MESSAGES").mkdir(parents=True)
    (catalogs / "vi" / "LC_MESSAGES" / "messages.mo").write_bytes(b"not a catalog at all")
    assert _(FLAG_ERROR) == FLAG_ERROR


def test_catalogs_come_from_the_repository_in_a_checkout() -> None:
    root = l10n.catalog_root()
    assert (root / "vi" / "LC_MESSAGES" / "messages.mo").is_file()


def test_the_domain_never_imports_textual() -> None:
    code = (
        "import sys, timeline.l10n; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"

"""The bundled timeline: it validates, every figure is traceable, and the key facts hold.

The articles the figures come from live outside the repository, in shared/sources/ next to
it; the tests that compare quotes with them are skipped (saying why) when that directory
is not there, for instance in a clean clone on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import tomli

from timeline.load import load
from timeline.model import Indicator, Observation, Timeline
from timeline.validation import validated

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "timeline" / "data" / "timeline.toml"
SOURCES_DIR = Path(__file__).resolve().parents[2] / "shared" / "sources"

EXPECTED_COUNTS = {
    "sources": 5,
    "platforms": 5,
    "milestones": 29,
    "indicators": 39,
    "observations": 123,
    "quality_notes": 31,
}

# 001 writes "hơn 17.0 triệu" with a dot as the decimal mark (quality note
# qn-typo-001-dot-decimal); only this observation may match a dot-decimal form.
DOT_DECIMAL = frozenset({"portal-visits-2020-02-25"})

# The words before a figure and the qualifier they mean; longest first.
QUALIFIER_WORDS = (
    ("khoảng hơn", "about"),
    ("hơn", "more_than"),
    ("trên", "over"),
    ("khoảng", "about"),
    ("gần", "nearly"),
)

# Scraped junk that must never end up in a quote.
JUNK = ("lịch đâ bóng", "责任编辑", "Cúp C1", "Đọc thêm", "Chia sẻ Zalo", "P.V(tổng hợp)")

needs_sources = pytest.mark.skipif(
    not SOURCES_DIR.is_dir(), reason=f"source articles not found at {SOURCES_DIR}"
)


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return load(BUNDLED)


@pytest.fixture(scope="module")
def articles(timeline: Timeline) -> dict[str, str]:
    texts: dict[str, str] = {}
    for source in timeline.sources:
        assert source.file is not None, f"{source.id} names no file"
        texts[source.id] = (SOURCES_DIR / source.file).read_text(encoding="utf-8")
    return texts


# --------------------------------------------------------------------- Vietnamese numbers


def vi_number(value: int | float | Decimal) -> str:
    """A number as Vietnamese writes it: "." between thousands, "," before decimals."""
    plain = format(Decimal(str(value)).normalize(), "f")
    whole, _, fraction = plain.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


SCALES = ((10**12, "nghìn tỷ"), (10**9, "tỷ"), (10**6, "triệu"))


def vi_forms(o: Observation, indicator: Indicator) -> set[str]:
    """The ways the articles write this observation's value: "65.900", "1,2 triệu",
    "500 tỷ", "2,2 nghìn tỷ", "60,72%", "3,8 lần", "15/151"."""
    if o.change == "times":
        return {f"{vi_number(o.value)} lần"}
    if o.change == "percent" or indicator.unit == "percent":
        return {f"{vi_number(o.value)}%"}
    if indicator.unit == "part_of_whole":
        assert o.total is not None
        return {f"{vi_number(o.value)}/{vi_number(o.total)}"}
    forms = {vi_number(o.value)}
    for scale, word in SCALES:
        if o.value >= scale:
            mantissa = Decimal(str(o.value)) / scale
            forms.add(f"{vi_number(mantissa)} {word}")
            if mantissa == mantissa.to_integral_value():
                forms.add(f"{vi_number(mantissa)},0 {word}")
    if o.id in DOT_DECIMAL:
        forms |= {form.replace(",", ".") for form in forms if "," in form}
    return forms


def find_value(o: Observation, indicator: Indicator) -> re.Match[str] | None:
    """Where the value stands in the quote, as a whole number (leading zeros allowed:
    "gấp 02 lần"), not as a piece of a longer one ("3" inside "3.200")."""
    for form in sorted(vi_forms(o, indicator), key=len, reverse=True):
        pattern = rf"(?<![\d.,])0*{re.escape(form)}(?!\d|[.,]\d)"
        found = re.search(pattern, o.quote)
        if found:
            return found
    return None


def qualifier_before(text: str) -> str:
    words = text.rstrip().lower()
    for phrase, qualifier in QUALIFIER_WORDS:
        if words.endswith(" " + phrase) or words == phrase:
            return qualifier
    return "exact"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (65_900, "65.900"),
        (1_925_000, "1.925.000"),
        (60.72, "60,72"),
        (3.8, "3,8"),
        (1_000_000, "1.000.000"),
        (7, "7"),
    ],
)
def test_vi_number(value: float, expected: str) -> None:
    assert vi_number(value) == expected


def test_vi_forms_cover_the_articles_styles() -> None:
    count = validated(
        Indicator,
        {
            "id": "c",
            "name": {"vi": "c", "en": "c"},
            "unit": "count",
            "counts": {"vi": "c", "en": "c"},
        },
    )
    money = replace(count, unit="money_vnd")
    share = replace(count, unit="part_of_whole")

    def obs(**kw: object) -> Observation:
        base = {
            "id": "o",
            "indicator": "c",
            "basis": "level",
            "as_of": dt.date(2021, 1, 1),
            "source": "s",
            "quote": "q",
        }
        return validated(Observation, base | kw)

    assert "1,2 triệu" in vi_forms(obs(value=1_200_000), count)
    assert "65.900" in vi_forms(obs(value=65_900), count)
    assert "500 tỷ" in vi_forms(obs(value=500_000_000_000), money)
    assert "2,2 nghìn tỷ" in vi_forms(obs(value=2_200_000_000_000), money)
    assert "3.000 tỷ" in vi_forms(obs(value=3_000_000_000_000), money)
    growth = {"label": {"vi": "cùng kỳ", "en": "same period"}}
    assert vi_forms(obs(value=3.8, change="times", compared_with=growth), count) == {"3,8 lần"}
    assert vi_forms(obs(value=150, change="percent", compared_with=growth), count) == {"150%"}
    assert vi_forms(obs(value=15, total=151), share) == {"15/151"}
    # a bare digit is not found inside a longer number, but leading zeros are allowed
    assert find_value(obs(value=3, quote="cung cấp 3.200 dịch vụ"), count) is None
    assert find_value(obs(value=2, quote="tăng gấp 02 lần"), count) is not None


# ----------------------------------------------------------------------------- validity


def test_bundled_file_validates_against_the_model() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    timeline = validated(Timeline, tomli.loads(text))
    assert timeline.observations


def test_bundled_file_loads_with_cross_references(timeline: Timeline) -> None:
    # load() also checks ids are unique and every reference resolves.
    assert {p.id for p in timeline.platforms} == {
        "axis",
        "ecabinet",
        "portal",
        "reporting",
        "command-centre",
    }


def test_counts(timeline: Timeline) -> None:
    counts = {name: len(getattr(timeline, name)) for name in EXPECTED_COUNTS}
    assert counts == EXPECTED_COUNTS


def test_sources_are_the_five_articles(timeline: Timeline) -> None:
    assert [s.id for s in timeline.sources] == [f"src-00{i}" for i in range(5)]
    for s in timeline.sources:
        assert s.file is not None and s.file.startswith(s.id.removeprefix("src-") + "_")


# ----------------------------------------------------------------------------- traceable


@needs_sources
def test_every_observation_quote_is_verbatim_in_its_article(
    timeline: Timeline, articles: dict[str, str]
) -> None:
    missing = [o.id for o in timeline.observations if o.quote not in articles[o.source]]
    assert missing == []


@needs_sources
def test_every_milestone_quote_is_verbatim_in_one_of_its_articles(
    timeline: Timeline, articles: dict[str, str]
) -> None:
    missing = [
        m.id
        for m in timeline.milestones
        if m.quote is not None and not any(m.quote in articles[s] for s in m.sources)
    ]
    assert missing == []


def test_no_quote_is_scraped_junk(timeline: Timeline) -> None:
    quotes = [o.quote for o in timeline.observations] + [
        m.quote for m in timeline.milestones if m.quote
    ]
    assert [q for q in quotes if any(junk in q for junk in JUNK)] == []


def test_every_value_appears_in_its_quote(timeline: Timeline) -> None:
    missing = [
        (o.id, sorted(vi_forms(o, timeline.indicator[o.indicator])), o.quote)
        for o in timeline.observations
        if find_value(o, timeline.indicator[o.indicator]) is None
    ]
    assert missing == []


def test_qualifier_matches_the_word_before_the_figure(timeline: Timeline) -> None:
    wrong = []
    for o in timeline.observations:
        found = find_value(o, timeline.indicator[o.indicator])
        assert found is not None, o.id
        said = qualifier_before(o.quote[: found.start()])
        if said != o.qualifier:
            wrong.append((o.id, o.qualifier, said))
    assert wrong == []


def test_every_observation_is_reached_by_a_report_milestone(timeline: Timeline) -> None:
    reached = {
        o.id for m in timeline.milestones if m.kind == "report" for o in timeline.figures_for(m)
    }
    assert [o.id for o in timeline.observations if o.id not in reached] == []


def test_report_milestones_each_report_one_source_and_have_figures(timeline: Timeline) -> None:
    for m in timeline.milestones:
        if m.kind != "report":
            continue
        assert len(m.sources) == 1, m.id
        figures = timeline.figures_for(m)
        assert figures, f"{m.id} reports no figures"
        assert {o.as_of for o in figures} == {m.date}


def test_observations_are_coherent(timeline: Timeline) -> None:
    for o in timeline.observations:
        if o.basis == "period":
            assert o.as_of == o.period_end, o.id
        if o.change is not None:
            assert o.part_of is None, o.id
        if o.part_of is not None:
            whole = timeline.observation[o.part_of]
            assert (whole.indicator, whole.source, whole.as_of) == (
                o.indicator,
                o.source,
                o.as_of,
            ), o.id
        if o.platform is not None:
            launched = timeline.platform[o.platform].launched
            assert launched is None or o.as_of >= launched, o.id


def test_ids_follow_the_platform_prefix(timeline: Timeline) -> None:
    for o in timeline.observations:
        assert o.id.startswith(f"{o.platform or 'national'}-{o.indicator}"), o.id


def test_every_source_has_figures(timeline: Timeline) -> None:
    per_source = Counter(o.source for o in timeline.observations)
    assert per_source == {
        "src-000": 25,
        "src-001": 13,
        "src-002": 36,
        "src-003": 13,
        "src-004": 36,
    }


# ----------------------------------------------------------------------------- key facts


@pytest.mark.parametrize(
    ("platform", "launched"),
    [
        ("axis", dt.date(2019, 3, 12)),
        ("ecabinet", dt.date(2019, 6, 24)),
        ("portal", dt.date(2019, 12, 9)),
        ("reporting", dt.date(2020, 8, 19)),
        ("command-centre", dt.date(2020, 8, 19)),
    ],
)
def test_launch_dates(timeline: Timeline, platform: str, launched: dt.date) -> None:
    assert timeline.platform[platform].launched == launched
    [launch] = [m for m in timeline.milestones if m.kind == "launch" and m.platform == platform]
    assert launch.date == launched
    assert launch.date_precision == "day"


def test_platform_names(timeline: Timeline) -> None:
    assert timeline.platform["command-centre"].part_of == "reporting"
    assert timeline.family("reporting") == {"reporting", "command-centre"}
    assert "dichvucong.gov.vn" in timeline.platform["portal"].acronyms
    for p in timeline.platforms:
        assert len(p.short.vi) <= 20 and len(p.short.en) <= 20, p.id


def test_source_dates(timeline: Timeline) -> None:
    s = timeline.source
    assert (s["src-000"].published, s["src-000"].published_precision) == (
        dt.date(2021, 11, 1),
        "month",
    )
    assert (s["src-001"].published, s["src-001"].published_precision) == (
        dt.date(2020, 2, 27),
        "day_month",
    )
    assert (s["src-002"].published, s["src-002"].published_precision) == (
        dt.date(2022, 7, 1),
        "month",
    )
    assert s["src-003"].published is None and s["src-003"].published_note
    assert (s["src-004"].published, s["src-004"].published_precision) == (
        dt.date(2021, 7, 17),
        "day",
    )
    assert s["src-002"].outlet is None and s["src-002"].byline == "Vân Anh"
    assert "【" not in s["src-002"].title


def test_other_dated_events(timeline: Timeline) -> None:
    m = timeline.milestone
    assert (m["decree-61-2018"].kind, m["decree-61-2018"].date_precision) == ("decree", "year")
    assert m["decree-61-2018"].platform is None and m["decree-61-2018"].date_note
    assert (m["decision-1498"].date, m["decision-1498"].platform) == (
        dt.date(2021, 9, 11),
        "reporting",
    )
    assert (m["axis-first-document"].date, m["axis-first-document"].kind) == (
        dt.date(2019, 3, 12),
        "event",
    )
    assert m["workshop-2020-02-27"].platform is None
    plan = m["plan-reporting-regulation"]
    assert (plan.kind, plan.date, plan.date_precision) == ("plan", dt.date(2022, 7, 31), "month")


@pytest.mark.parametrize(
    ("obs_id", "value", "qualifier", "basis", "as_of"),
    [
        ("axis-documents-2022-06-30", 12_800_000, "more_than", "cumulative", dt.date(2022, 6, 30)),
        ("axis-documents-2022-h1", 3_700_000, "more_than", "period", dt.date(2022, 6, 30)),
        ("axis-documents-2021-11-23", 7_800_000, "more_than", "cumulative", dt.date(2021, 11, 23)),
        ("axis-documents-2020-02-25", 1_300_000, "more_than", "cumulative", dt.date(2020, 2, 25)),
        ("portal-accounts-2021-11-23", 1_200_000, "more_than", "cumulative", dt.date(2021, 11, 23)),
        ("portal-accounts-2020-02-25", 65_900, "more_than", "cumulative", dt.date(2020, 2, 25)),
        ("portal-visits-2020-02-25", 17_000_000, "more_than", "cumulative", dt.date(2020, 2, 25)),
        (
            "portal-payment-value-2021-11-23",
            500_000_000_000,
            "over",
            "cumulative",
            dt.date(2021, 11, 23),
        ),
        (
            "portal-payment-value-2022-06-30",
            2_200_000_000_000,
            "more_than",
            "cumulative",
            dt.date(2022, 6, 30),
        ),
        ("portal-payments-2021-06-22", 123_000, "about", "cumulative", dt.date(2021, 6, 22)),
        ("portal-online-services-2022-06-30", 3680, "exact", "level", dt.date(2022, 6, 30)),
        ("ecabinet-meetings-2022-06-30", 54, "exact", "cumulative", dt.date(2022, 6, 30)),
        ("ecabinet-meetings-2021-11-23", 44, "exact", "cumulative", dt.date(2021, 11, 23)),
        ("ecabinet-ballots-2022-h1", 204, "exact", "period", dt.date(2022, 6, 30)),
        (
            "command-centre-bridge-points-2021-06-30",
            105,
            "exact",
            "cumulative",
            dt.date(2021, 6, 30),
        ),
        ("command-centre-cameras-2021-06-30", 44, "exact", "level", dt.date(2021, 6, 30)),
        ("command-centre-display-tables-2022-06-30", 250, "about", "level", dt.date(2022, 6, 30)),
        (
            "portal-covid-feedback-received-2021-11-23",
            1039,
            "exact",
            "cumulative",
            dt.date(2021, 11, 23),
        ),
    ],
)
def test_key_figures(
    timeline: Timeline,
    obs_id: str,
    value: float,
    qualifier: str,
    basis: str,
    as_of: dt.date,
) -> None:
    o = timeline.observation[obs_id]
    assert (o.value, o.qualifier, o.basis, o.as_of) == (value, qualifier, basis, as_of)
    assert type(o.value) is type(value)


def test_growth_figures(timeline: Timeline) -> None:
    g = timeline.observation["axis-documents-2022-h1-growth"]
    assert (g.value, g.change, g.indicator, g.basis) == (3.8, "times", "documents", "period")
    assert g.compared_with is not None
    assert (g.compared_with.start, g.compared_with.end) == (
        dt.date(2021, 1, 1),
        dt.date(2021, 6, 30),
    )
    p = timeline.observation["portal-accounts-personal-2021-h1-growth"]
    assert (p.value, p.change) == (150, "percent")
    month10 = timeline.observation["axis-documents-month-10-growth"]
    assert (month10.value, month10.as_of_precision) == (2, "estimate")
    growth = [o for o in timeline.observations if o.change is not None]
    assert len(growth) == 17


def test_parts_of_wholes(timeline: Timeline) -> None:
    national = timeline.observation["national-online-services-share-2021-06-20"]
    assert national.platform is None and national.value == 60.72
    parts = sorted(o.value for o in timeline.observations if o.part_of == national.id)
    assert parts == [32.3, 37.4]
    services = timeline.observation["portal-online-services-003"]
    assert sorted(o.value for o in timeline.observations if o.part_of == services.id) == [
        1688,
        1696,
    ]
    regimes = timeline.observation["reporting-reporting-regimes-2022-06-30"]
    assert (regimes.value, regimes.total) == (15, 151)


def test_savings_are_a_yearly_estimate(timeline: Timeline) -> None:
    saving = timeline.observation["portal-social-cost-savings-003"]
    assert (saving.value, saving.qualifier) == (3_000_000_000_000, "about")
    assert timeline.indicator[saving.indicator].per == "year"
    assert saving.notes and "khoảng hơn" in saving.notes.en


def test_undated_source_is_estimated(timeline: Timeline) -> None:
    from_003 = timeline.observations_from("src-003")
    assert {o.as_of_precision for o in from_003} == {"estimate"}
    assert all(o.as_of_note for o in from_003)
    assert timeline.milestone["report-003-portal"].date_precision == "estimate"


def test_quality_notes_cover_the_known_problems(timeline: Timeline) -> None:
    notes = {n.id: n for n in timeline.quality_notes}
    expected = {
        "qn-portal-launch-month": "conflict",
        "qn-003-services-sum": "arithmetic",
        "qn-004-level34-share-sum": "arithmetic",
        "qn-004-visits-h1-equals-cumulative": "conflict",
        "qn-ecabinet-meetings-sum": "arithmetic",
        "qn-indicator-groups-20-vs-16": "conflict",
        "qn-payments-003-vs-004": "conflict",
        "qn-portal-accounts-2022": "arithmetic",
        "qn-portal-visits-2022": "arithmetic",
        "qn-axis-documents-2022-sum": "arithmetic",
        "qn-axis-growth-3-8": "conflict",
        "qn-003-undated": "date",
        "qn-reporting-connections-unchanged": "ambiguity",
        "qn-typo-000-trung-lien-thong": "typo",
        "qn-typo-001-dot-decimal": "typo",
        "qn-scrape-002": "scrape",
    }
    assert {k: notes[k].kind for k in expected if k in notes} == expected
    assert "3.384" in notes["qn-003-services-sum"].text.vi
    assert "69,7%" in notes["qn-004-level34-share-sum"].text.vi
    for n in timeline.quality_notes:
        assert n.observations or n.milestones or n.sources, n.id


# ------------------------------------------------------------------- the data reads true

# A d/M/yyyy date; and the spans of a text that quote an article ('…', "…", “…”),
# where the article's own spelling of a date ("25/02/2020") is kept.
DMY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
QUOTED = re.compile(r"(?<!\w)'[^']*'(?!\w)|\"[^\"]*\"|“[^”]*”")


def _reader_texts(t: Timeline) -> list[tuple[str, str, str]]:
    """(where, language, text) for every text a reader of the bundled data sees."""
    found: list[tuple[str, str, str]] = []

    def add(where: str, value: object) -> None:
        if value is not None:
            found.extend((where, lang, getattr(value, lang)) for lang in ("vi", "en"))

    for s in t.sources:
        add(f"{s.id}.published_note", s.published_note)
        add(f"{s.id}.notes", s.notes)
    for p in t.platforms:
        add(f"{p.id}.description", p.description)
    for i in t.indicators:
        add(f"{i.id}.name", i.name)
        add(f"{i.id}.counts", i.counts)
        add(f"{i.id}.description", i.description)
    for m in t.milestones:
        add(f"{m.id}.title", m.title)
        add(f"{m.id}.summary", m.summary)
        add(f"{m.id}.date_note", m.date_note)
    for o in t.observations:
        add(f"{o.id}.as_of_note", o.as_of_note)
        add(f"{o.id}.notes", o.notes)
    for n in t.quality_notes:
        add(f"{n.id}.text", n.text)
    return found


def test_titles_and_summaries_use_the_apps_date_format(timeline: Timeline) -> None:
    padded = [
        (m.id, text)
        for m in timeline.milestones
        for text in (m.title.vi, m.title.en, m.summary.vi, m.summary.en)
        if re.search(r"(?<!\d)0\d/|/0\d/", QUOTED.sub("", text))
    ]
    assert padded == []
    assert timeline.milestone["report-001-portal"].title.vi == "Cổng DVCQG: số liệu đến 25/2/2020"


def test_english_text_writes_english_dates(timeline: Timeline) -> None:
    day_first = [
        (where, text)
        for where, lang, text in _reader_texts(timeline)
        if lang == "en" and DMY.search(QUOTED.sub("", text))
    ]
    assert day_first == []


def test_no_text_names_an_article_by_its_number_or_an_internal_id(timeline: Timeline) -> None:
    internal = re.compile(r"(?<![\d.,/:_-])00\d(?![\d_])|\bqn-[a-z0-9]|\bsrc-\d|\.txt\b")
    ids = {o.id for o in timeline.observations} | {m.id for m in timeline.milestones}
    leaks = [
        (where, lang, text)
        for where, lang, text in _reader_texts(timeline)
        if internal.search(text) or any(re.search(rf"\b{re.escape(i)}\b", text) for i in ids)
    ]
    assert leaks == []


def test_quality_notes_name_each_of_their_articles_by_its_label(timeline: Timeline) -> None:
    from timeline.citation import source_label

    unnamed = [
        (n.id, s, lang)
        for n in timeline.quality_notes
        for s in n.sources
        for lang in ("vi", "en")
        if source_label(timeline.source[s], lang) not in n.text.get(lang)
    ]
    assert unnamed == []


def test_001_shows_its_day_with_only_the_year_inferred(timeline: Timeline) -> None:
    from timeline.citation import source_label
    from timeline.l10n import Formatter

    plvn = timeline.source["src-001"]
    assert (plvn.published, plvn.published_precision) == (dt.date(2020, 2, 27), "day_month")
    assert plvn.published_note and "Sáng nay - 27/2" in plvn.published_note.vi
    assert source_label(plvn, "vi") == "Pháp luật Việt Nam (PLVN), 27/2/[2020]"
    workshop = timeline.milestone["workshop-2020-02-27"]
    assert workshop.date_precision == "day_month"
    assert Formatter("en").date(workshop.date, workshop.date_precision) == "27 Feb [2020]"


def test_000_is_an_article_citing_the_government_office(timeline: Timeline) -> None:
    article = timeline.source["src-000"]
    assert article.outlet is None and article.notes is not None
    assert "not a report by the Office itself" in article.notes.en
    assert "không phải báo cáo của chính Văn phòng Chính phủ" in article.notes.vi
    assert "monthly" not in article.notes.en and "báo cáo tháng" not in article.notes.vi


NOVEMBER_000 = (
    "portal-covid-feedback-received-2021-11",
    "portal-covid-feedback-answered-2021-11",
    "ecabinet-meetings-2021-11",
    "ecabinet-ballots-2021-11",
)


@pytest.mark.parametrize("obs_id", NOVEMBER_000)
def test_000s_november_is_its_own_month_and_an_estimate(timeline: Timeline, obs_id: str) -> None:
    o = timeline.observation[obs_id]
    assert (o.period_start, o.period_end) == (dt.date(2021, 10, 23), dt.date(2021, 11, 23))
    assert o.as_of_precision == "estimate" and o.as_of_note is not None
    from timeline.l10n import Formatter

    assert Formatter("vi").when(o) == "~23/10/2021–23/11/2021"


def test_inferred_day_dates_are_estimates(timeline: Timeline) -> None:
    # Every figure whose own notes say its date or period was taken as, or placed at,
    # a day the text does not give carries an inferred precision.
    inferred = re.compile(
        r"\btaken as (?:\d|the article)|\btaken to run\b|\bplaced (?:at|with)\b|gives no date|no dates"
    )
    wrong = [
        o.id
        for o in timeline.observations
        if o.as_of_precision not in ("estimate", "day_month")
        and any(inferred.search(n.en) for n in (o.notes, o.as_of_note) if n is not None)
    ]
    assert wrong == []
    for obs_id in (
        "axis-documents-2021-jan-nov",
        "reporting-data-connections-agreed-2021-11-23",
        "portal-accounts-2021-11-23",
    ):
        assert timeline.observation[obs_id].as_of_precision == "estimate", obs_id


def test_report_002_portal_says_it_holds_totals_and_the_half_year(timeline: Timeline) -> None:
    m = timeline.milestone["report-002-portal"]
    assert m.title.en == "Portal: totals to mid-2022 and the first half of 2022"
    assert "lũy kế" in m.title.vi.lower() and "6 tháng đầu năm" in m.title.vi
    bases = {o.basis for o in timeline.figures_for(m)}
    assert bases == {"cumulative", "period", "level"}
    # the summary gives both kinds: the running totals and the half-year's own figures
    assert "2.1 million" in m.summary.en and "167,000" in m.summary.en
    assert "2,1 triệu" in m.summary.vi and "167.000" in m.summary.vi


def test_003s_savings_have_one_qualifier_everywhere(timeline: Timeline) -> None:
    saving = timeline.observation["portal-social-cost-savings-003"]
    assert saving.qualifier == "about"
    report = timeline.milestone["report-003-portal"]
    assert "khoảng 3.000 tỷ đồng/năm" in report.summary.vi
    assert "hơn 3.000" not in report.summary.vi
    assert "VND 3 trillion a year" in report.summary.en and "over VND 3" not in report.summary.en
    [note] = [n for n in timeline.quality_notes if saving.id in n.observations]
    assert note.kind == "ambiguity" and "khoảng hơn 3.000 tỷ đồng/năm" in note.text.vi


def test_002s_groups_are_indicator_groups_and_its_indicators_supplied(timeline: Timeline) -> None:
    words = " ".join(text for _, lang, text in _reader_texts(timeline) if lang == "en")
    assert "dashboard" not in words.replace("not dashboards", "")
    report = timeline.milestone["report-002-reporting"]
    assert "16 groups of steering and statistical indicators" in report.summary.en
    assert "152 of 200 socio-economic indicators supplied" in report.summary.en
    assert "152/200 chỉ tiêu kinh tế - xã hội đã được cung cấp" in report.summary.vi
    assert "indicators integrated" not in report.summary.en


def test_decision_1498_agreed_the_feeds_and_worked_on_the_warehouse(timeline: Timeline) -> None:
    for mid in ("decision-1498", "report-000-reporting"):
        summary = timeline.milestone[mid].summary
        assert "agreed to connect 38 more data feeds" in summary.en, mid
        assert "not reported as finished" in summary.en, mid
        assert "thống nhất kết nối thêm 38 dữ liệu" in summary.vi, mid
        assert "built the" not in summary.en, mid


def test_feedback_and_petitions_are_not_complaints(timeline: Timeline) -> None:
    texts = [text for _, lang, text in _reader_texts(timeline) if lang == "en"]
    assert [t for t in texts if "complaint" in t.lower()] == []
    name = timeline.indicator["covid-feedback-received"].name.en
    assert name == "Covid-19 support feedback and petitions received"


def test_reporting_connections_note_says_the_same_in_both_languages(timeline: Timeline) -> None:
    [note] = [n for n in timeline.quality_notes if n.id == "qn-reporting-connections-unchanged"]
    # The Vietnamese offers two readings and no verdict; so does the English.
    assert "not necessarily an error" not in note.text.en
    assert "Có thể không có kết nối mới trong một năm" in note.text.vi
    assert "Perhaps nothing new was connected in a year" in note.text.en


def test_001s_scrambled_paragraphs_have_a_scrape_note(timeline: Timeline) -> None:
    notes = [n for n in timeline.quality_notes if n.kind == "scrape" and n.sources == ("src-001",)]
    [note] = notes
    assert "Những con số này cho thấy" in note.text.vi and "scrambled" in note.text.en


@needs_sources
def test_001s_scrape_note_quotes_paragraphs_of_the_article(
    timeline: Timeline, articles: dict[str, str]
) -> None:
    [note] = [n for n in timeline.quality_notes if n.id == "qn-scrape-001-paragraphs"]
    quoted = re.findall(r"'([^']+?)…'", note.text.en)
    assert len(quoted) == 3
    assert all(q in articles["src-001"] for q in quoted)


def test_no_bundled_source_has_an_invented_url(timeline: Timeline) -> None:
    # None of the five texts gives its own web address, so none is recorded.
    assert [s.id for s in timeline.sources if s.url is not None] == []

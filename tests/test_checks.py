"""Consistency checks find what arithmetic can see, as warnings, never failures."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.samples import MINI
from timeline.l10n import Formatter
from timeline.l10n.findings import describe
from timeline.load import loads
from timeline.model import Timeline
from timeline.validation import validated

EN, VI = Formatter("en"), Formatter("vi")

REPORT = """
[[milestones]]
id = "report-{date}"
date = {date}
platform = "portal"
kind = "report"
title = {{ vi = "Số liệu", en = "Figures" }}
summary = {{ vi = "Số liệu.", en = "Figures." }}
sources = ["src-a"]
"""

OBS = """
[[observations]]
id = "{id}"
platform = "portal"
indicator = "accounts"
value = {value}
basis = "{basis}"
as_of = {date}
source = "src-a"
quote = "q"
{extra}
"""


def timeline_with(*observations: tuple[str, float, str, str, str]) -> str:
    text = MINI
    dates = {o[3] for o in observations}
    for date in sorted(dates - {"2021-11-23"}):
        text += REPORT.format(date=date)
    for obs_id, value, basis, date, extra in observations:
        text += OBS.format(id=obs_id, value=value, basis=basis, date=date, extra=extra)
    return text


def codes(text: str) -> list[str]:
    return [w.code for w in loads(text).warnings]


def test_the_sample_has_no_warnings() -> None:
    assert codes(MINI) == []


def test_a_cumulative_figure_that_falls() -> None:
    t = loads(timeline_with(("later", 900_000, "cumulative", "2022-06-30", "")))
    [warning] = t.warnings
    assert warning.code == "cumulative-decrease"
    assert warning.observations == ("portal-accounts-2021", "later")
    assert warning.text is None  # facts, not words: they are chosen when shown
    assert [o.id for o in warning.figures] == ["portal-accounts-2021", "later"]
    assert describe(warning, EN) == (
        "Portal: Registered accounts: the running total falls from over 1.2 million "
        "(23 Nov 2021) to 900,000 (30 Jun 2022)."
    )
    assert "giảm từ hơn 1,2 triệu (23/11/2021) xuống 900.000 (30/6/2022)" in describe(warning, VI)


def test_rounding_is_not_a_fall() -> None:
    assert codes(timeline_with(("later", 1_196_000, "cumulative", "2022-06-30", ""))) == []


def test_period_figures_are_not_running_totals() -> None:
    assert (
        codes(
            timeline_with(
                (
                    "h1",
                    167_000,
                    "period",
                    "2022-06-30",
                    "period_start = 2022-01-01\nperiod_end = 2022-06-30",
                )
            )
        )
        == []
    )


def test_two_figures_for_one_day_that_disagree() -> None:
    assert codes(timeline_with(("other", 1_000_000, "cumulative", "2021-11-23", ""))) == [
        "cumulative-disagree"
    ]


def test_parts_that_do_not_sum() -> None:
    text = timeline_with(
        ("citizens", 1_696, "level", "2021-11-23", 'part_of = "portal-accounts-2021"'),
        ("firms", 1_688, "level", "2021-11-23", 'part_of = "portal-accounts-2021"'),
    )
    t = loads(text)
    [warning] = t.warnings
    assert warning.code == "parts-sum"
    assert warning.observations == ("portal-accounts-2021", "citizens", "firms")
    assert "the parts 1,696 + 1,688 do not add up to over 1.2 million" in describe(warning, EN)
    assert "1.696 + 1.688 không cộng lại bằng hơn 1,2 triệu" in describe(warning, VI)


def test_parts_that_sum() -> None:
    text = timeline_with(
        ("a", 700_000, "level", "2021-11-23", 'part_of = "portal-accounts-2021"'),
        ("b", 500_000, "level", "2021-11-23", 'part_of = "portal-accounts-2021"'),
    )
    assert codes(text) == []


def test_a_figure_before_the_launch() -> None:
    assert "before-launch" in codes(timeline_with(("early", 5, "level", "2019-01-01", "")))


def test_a_figure_no_milestone_reports() -> None:
    text = MINI + OBS.format(id="lost", value=1, basis="level", date="2020-01-01", extra="")
    t = loads(text)
    [warning] = t.warnings
    assert warning.code == "unreachable" and warning.observations == ("lost",)


def test_curated_notes_come_first() -> None:
    text = (
        MINI
        + """
[[quality_notes]]
id = "n1"
kind = "conflict"
text = { vi = "Hai nguồn khác nhau.", en = "Two sources differ." }
observations = ["portal-accounts-2021"]
"""
    )
    t = loads(text)
    [note] = t.warnings
    assert note.code == "note:conflict"
    assert describe(note, EN) == "Two sources differ."
    assert describe(note, Formatter("vi", full=True)) == "Hai nguồn khác nhau."
    assert note.concerns({"portal-accounts-2021"}, "x")
    assert not note.concerns({"other"}, "x")


def test_a_note_that_explains_a_finding_replaces_it() -> None:
    text = (
        timeline_with(("low", 900_000, "cumulative", "2022-06-30", ""))
        + """
[[quality_notes]]
id = "n1"
kind = "conflict"
text = { vi = "Giải thích.", en = "Explained." }
observations = ["portal-accounts-2021", "low"]
"""
    )
    assert codes(text) == ["note:conflict"]


def test_a_verified_note_is_not_a_warning() -> None:
    text = (
        MINI
        + """
[[quality_notes]]
id = "ok"
kind = "verified"
text = { vi = "Đã kiểm tra, khớp.", en = "Checked; the sums work." }
observations = ["portal-accounts-2021"]
"""
    )
    assert codes(text) == []


# A figure is unreachable exactly when no milestone's figures include it; the check finds
# that without pairing milestones with figures, so it is held to the pairing here.
# An entry is (source, day, platform): platform 0 is national, 3 a component of 2.
Entry = tuple[int, int, int]
PLATFORM_IDS = (None, "portal", "reporting", "command-centre")


def _timeline(milestones: list[Entry], figures: list[Entry]) -> Timeline:
    text = {"vi": "x", "en": "x"}
    day = dt.date(2021, 1, 1)

    def platform(p: int) -> dict[str, str]:
        found = PLATFORM_IDS[p]
        return {"platform": found} if found else {}

    return validated(
        Timeline,
        {
            "sources": [{"id": f"s{i}", "title": "t", "published": day} for i in range(3)],
            "platforms": [
                {"id": "portal", "name": text, "short": text, "description": text},
                {"id": "reporting", "name": text, "short": text, "description": text},
                {
                    "id": "command-centre",
                    "part_of": "reporting",
                    "name": text,
                    "short": text,
                    "description": text,
                },
            ],
            "indicators": [{"id": "n", "name": text, "unit": "count", "counts": text}],
            "milestones": [
                {
                    "id": f"m{i}",
                    "date": day + dt.timedelta(days=d),
                    "kind": "report",
                    "title": text,
                    "summary": text,
                    "sources": [f"s{s}"],
                    **platform(p),
                }
                for i, (s, d, p) in enumerate(milestones)
            ],
            "observations": [
                {
                    "id": f"o{i}",
                    "indicator": "n",
                    "value": 1,
                    "basis": "level",
                    "as_of": day + dt.timedelta(days=d),
                    "source": f"s{s}",
                    "quote": "q",
                    **platform(p),
                }
                for i, (s, d, p) in enumerate(figures)
            ],
        },
    )


ENTRY = st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(0, 3))


@settings(max_examples=200, deadline=None)
@given(st.lists(ENTRY, max_size=12), st.lists(ENTRY, max_size=25))
def test_unreachable_figures_are_those_no_milestone_reports(
    milestones: list[Entry], figures: list[Entry]
) -> None:
    t = _timeline(milestones, figures)
    reached = {o.id for m in t.milestones for o in t.figures_for(m)}
    found = [w.observations[0] for w in t.warnings if w.code == "unreachable"]
    assert found == [o.id for o in t.observations if o.id not in reached]


def test_many_milestones_sharing_a_source_and_a_day_cost_no_pairing() -> None:
    # 2,000 milestones and 2,000 figures on one source and one day: pairing them would
    # be four million steps; the check takes one pass over each.
    t = _timeline([(0, 0, 1)] * 2_000, [(0, 0, 1)] * 1_999 + [(0, 1, 1)])
    assert "_figures" not in t.__dict__
    assert [w.observations for w in t.warnings] == [("o1999",)]
    assert "_figures" not in t.__dict__  # the checks never built every event's figures

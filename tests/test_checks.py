"""Consistency checks find what arithmetic can see, as warnings, never failures."""

from __future__ import annotations

from tests.samples import MINI
from timeline.load import loads

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
    assert warning.text.en == (
        "Portal: Registered accounts: the running total falls from over 1.2 million "
        "(23 Nov 2021) to 900,000 (30 Jun 2022)."
    )
    assert "giảm từ hơn 1,2 triệu (23/11/2021) xuống 900.000 (30/6/2022)" in warning.text.vi


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
    assert "1,696 + 1,688" in warning.text.en


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
    assert note.text.get("en") == "Two sources differ."
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

"""Series keep running totals, period figures and growth apart; steps measure growth."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_checks import timeline_with
from timeline.load import loads
from timeline.series import all_series, headline, series_of

PERIOD = "period_start = 2022-01-01\nperiod_end = 2022-06-30"
GROWTH = (
    'change = "times"\ncompared_with = { label = { vi = "cùng kỳ", en = "same period" } }\n'
    + PERIOD
)


@pytest.fixture(scope="module")
def text() -> str:
    return timeline_with(
        ("a-2020", 65_900, "cumulative", "2020-02-25", ""),
        ("a-2022", 2_100_000, "cumulative", "2022-06-30", ""),
        ("a-h1", 167_000, "period", "2022-06-30", PERIOD),
        ("a-growth", 2.8, "period", "2022-06-30", GROWTH),
    )


def test_kinds_are_kept_apart(text: str) -> None:
    s = series_of(loads(text), "portal", "accounts")
    assert [o.id for o in s.cumulative] == ["a-2020", "portal-accounts-2021", "a-2022"]
    assert [o.id for o in s.periods] == ["a-h1"]
    assert [o.id for o in s.growth] == ["a-growth"]
    assert s.line == s.cumulative
    assert s.latest is not None and s.latest.id == "a-2022"
    assert [o.id for o in s.readings][:2] == ["a-2020", "portal-accounts-2021"]


def test_steps_between_running_totals(text: str) -> None:
    first, second = series_of(loads(text), "portal", "accounts").steps
    assert first.absolute == 1_200_000 - 65_900
    assert first.ratio == pytest.approx(1_200_000 / 65_900)
    days = (dt.date(2021, 11, 23) - dt.date(2020, 2, 25)).days
    assert first.months == pytest.approx(days / (365.25 / 12))
    assert first.per_month == pytest.approx((1_200_000 - 65_900) / first.months)
    assert second.ratio == pytest.approx(1.75)


def test_a_falling_total_is_a_conflict_of_the_series() -> None:
    t = loads(timeline_with(("low", 900_000, "cumulative", "2022-06-30", "")))
    s = series_of(t, "portal", "accounts")
    assert [w.code for w in s.conflicts] == ["cumulative-decrease"]
    assert s.is_conflicting("low") and not s.is_conflicting("other")


def test_same_day_readings_make_no_step() -> None:
    t = loads(timeline_with(("twin", 1_000_000, "cumulative", "2021-11-23", "")))
    assert series_of(t, "portal", "accounts").steps == ()


def test_all_series_and_headline(text: str) -> None:
    t = loads(text)
    assert [(s.platform, s.indicator) for s in all_series(t)] == [("portal", "accounts")]
    assert [s.indicator for s in headline(t)["portal"]] == ["accounts"]
    assert headline(t)["reporting"] == ()


def test_the_bundled_axis_documents_series() -> None:
    """The Axis's documents: four running totals, and the conflicts the articles contain."""
    from timeline.load import bundled_path, load

    t = load(bundled_path())
    s = series_of(t, "axis", "documents")
    assert [o.value for o in s.cumulative] == [1_300_000, 5_600_000, 7_800_000, 12_800_000]
    assert [round(step.ratio or 0, 2) for step in s.steps] == [4.31, 1.39, 1.64]
    assert {w.note for w in s.conflicts} >= {
        "qn-axis-growth-3-8",  # 3,7 / 1,7 million is 2,2 times, not the 3,8 stated
        "qn-axis-documents-2022-sum",  # 7,8 + 3,7 million falls short of 12,8 million
    }


def test_the_bundled_conflicts_by_series() -> None:
    from timeline.load import bundled_path, load

    t = load(bundled_path())
    expected = {
        ("ecabinet", "meetings"): "qn-ecabinet-meetings-sum",  # 44 + 11 > 54
        ("portal", "accounts"): "qn-portal-accounts-2022",  # +0,9 million vs 167.000 added
        ("portal", "visits"): "qn-portal-visits-2022",  # 274 + 102 ≪ 473 million
        ("portal", "payments"): "qn-payments-003-vs-004",  # the running total falls
    }
    for (platform, indicator), note in expected.items():
        s = series_of(t, platform, indicator)
        assert note in {w.note for w in s.conflicts}, (platform, indicator)
    payments = series_of(t, "portal", "payments")
    assert any(a.value > b.value for a, b in zip(payments.line, payments.line[1:], strict=False))

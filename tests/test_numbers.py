"""Numbers are bounded where they enter: a value the program could not format, compare
or export is a placed error from validate, and nothing within the bound fails later."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.samples import MINI
from timeline.export.csv import to_csv
from timeline.export.json import to_json
from timeline.l10n import Formatter
from timeline.l10n.findings import describe
from timeline.l10n.problems import problem_text
from timeline.listing import render_listing, render_series
from timeline.load import TimelineError, loads
from timeline.model import LIMIT

ROOT = Path(__file__).resolve().parent.parent
VALUE_LINE = MINI.splitlines().index("value = 1_200_000") + 1

SECOND = """
[[milestones]]
id = "portal-report-2"
date = 2022-06-30
platform = "portal"
kind = "report"
title = { vi = "Số liệu 2022", en = "Figures 2022" }
summary = { vi = "Số liệu.", en = "Figures." }
sources = ["src-a"]

[[observations]]
id = "portal-accounts-2022"
platform = "portal"
indicator = "accounts"
value = VALUE
basis = "cumulative"
as_of = 2022-06-30
source = "src-a"
quote = "số liệu"
"""


def validate(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "tui", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("literal", "shown"),
    [
        ("1" + "0" * 400, "1.000e+400"),  # 10^400 validated, then crashed list and the explorer
        ("-" + "9" * 19, "-1.000e+19"),
        ("1_000_000_000_000_000_000", "1.000e+18"),  # the bound itself is outside
        ("0x" + "f" * 5000, "3.980e+6020"),  # 5,000 hex digits crashed the export
        ("1e18", "1e+18"),
        ("-1.5e300", "-1.5e+300"),
    ],
)
def test_a_value_beyond_the_bound_is_a_placed_error(
    tmp_path: Path, literal: str, shown: str
) -> None:
    result = validate(tmp_path, MINI.replace("value = 1_200_000", f"value = {literal}"))
    assert result.returncode == 1
    assert result.stderr == (
        f"{tmp_path / 't.toml'}:{VALUE_LINE}: observations[0].value: out of range: "
        f"a figure must lie between -10^18 and 10^18 (got {shown})\n"
    )


def test_a_5001_digit_integer_is_placed_without_advice_about_python(tmp_path: Path) -> None:
    """It was rejected without a line, with advice to call sys.set_int_max_str_digits()."""
    result = validate(tmp_path, MINI.replace("value = 1_200_000", "value = 1" + "0" * 5000))
    assert result.returncode == 1
    assert result.stderr == (
        f"{tmp_path / 't.toml'}:{VALUE_LINE}:9: out of range: a figure must lie between "
        "-10^18 and 10^18 (got a number of 5,001 digits)\n"
    )


def test_two_huge_cumulative_readings_are_errors_not_an_overflow(tmp_path: Path) -> None:
    """Two cumulative readings of 10^400 and more crashed the consistency checks."""
    text = MINI.replace("1_200_000", "2" + "0" * 400) + SECOND.replace("VALUE", "1" + "0" * 400)
    result = validate(tmp_path, text)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("out of range") == 2


def test_the_largest_values_within_the_bound_go_everywhere(tmp_path: Path) -> None:
    big = LIMIT - 1
    text = MINI.replace("1_200_000", str(big)) + SECOND.replace("VALUE", "1e-300")
    result = validate(tmp_path, text)
    assert result.returncode == 0, result.stderr
    timeline = loads(text)
    assert json.loads(to_json(timeline))["observations"][0]["value"] == big
    assert f",{big}," in to_csv(timeline)


UNITS = ("count", "money_vnd", "percent", "multiplier", "part_of_whole")

# Every kind of number a TOML file can hold, with weight on the edges: the bound, the
# float extremes, and integers too long for Python to print.
literals = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.integers().map(str),
    st.floats().map(repr),
    st.sampled_from(
        [
            str(LIMIT - 1),
            str(-(LIMIT - 1)),
            str(LIMIT),
            "9.999999999999999e17",
            "5e-324",
            "-0.0",
            "0",
            "999_999",
            "999_999_999_999_999",
            "0x" + "f" * 5000,
            "1" + "0" * 5000,
        ]
    ),
)


def _timeline_text(unit: str, first: str, second: str, total: str, change: str) -> str:
    text = MINI.replace('unit = "count"', f'unit = "{unit}"').replace("1_200_000", first)
    text += SECOND.replace("VALUE", second)
    if unit == "part_of_whole":
        text = text.replace('basis = "cumulative"', f'total = {total}\nbasis = "cumulative"', 1)
    if change:
        growth = f'change = "{change}"\ncompared_with = {{ label = {{ vi = "năm trước", en = "a year before" }} }}\n'
        text = text.replace('quote = "số liệu"', growth + 'quote = "số liệu"')
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    unit=st.sampled_from(UNITS),
    first=literals,
    second=literals,
    total=literals,
    change=st.sampled_from(["", "times", "percent"]),
)
@example(unit="count", first="1" + "0" * 400, second="1", total="1", change="")
@example(unit="count", first="1e-300", second=str(LIMIT - 1), total="1", change="")
@example(unit="money_vnd", first="-0.0", second="5e-324", total="1", change="percent")
def test_extreme_values_never_escape_as_an_exception(
    unit: str, first: str, second: str, total: str, change: str
) -> None:
    """Through validate, list, export and the formatter, in both languages and modes."""
    text = _timeline_text(unit, first, second, total, change)
    try:
        timeline = loads(text, "t.toml")
    except TimelineError as exc:
        lines = [problem_text(p, Formatter("en")) for p in exc.problems]
        assert lines and all(line.startswith("t.toml") for line in lines)
        event("refused")
        return
    event("loaded")
    _ = timeline.warnings  # the consistency checks compare and sum the values
    json.loads(to_json(timeline))
    to_csv(timeline)
    for lang in ("vi", "en"):
        for full in (False, True):
            fmt = Formatter(lang, full=full)
            list(render_listing(timeline, fmt, range(len(timeline.events))))
            list(render_series(timeline, fmt))
            for obs in timeline.observations:
                fmt.figure(obs, timeline.indicator[obs.indicator])
                fmt.when(obs)
                for show in (fmt.number, fmt.money, fmt.percent):
                    show(obs.value)
            for warning in timeline.warnings:
                assert describe(warning, fmt)

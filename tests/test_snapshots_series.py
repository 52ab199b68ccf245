"""Figures over time, pinned: the indicator view, the detail's sparklines, the comparison.

Same rules as tests/test_snapshots.py: bundled data, fixed terminal sizes, both languages;
look at every SVG after `--snapshot-update`.
"""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from tests.test_snapshots import LANGS, NORMAL, WIDE, RunBefore, SnapCompare, bundled, keys, select
from timeline.model import Timeline

__all__ = ["bundled"]  # the module-scoped fixture, shared with tests/test_snapshots.py


def _event(t: Timeline, milestone_id: str) -> int:
    return next(i for i, e in enumerate(t.events) if e.id == milestone_id)


def at_event(index: int, then: tuple[str, ...] = ()) -> RunBefore:
    return select(index, then, settle=2)


@pytest.mark.parametrize("lang", LANGS)
class TestIndicatorView:
    def test_axis_documents(self, snap_compare: SnapCompare, bundled: Timeline, lang: str) -> None:
        """`c` on an Axis documents figure: the line with its flagged readings, every reading
        with its source, the growth between readings and the five notes."""
        run_before = at_event(_event(bundled, "report-000-axis"), ("tab", "c"))
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)

    def test_axis_documents_80x24(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """At 80x24 the view is one scrolling column: a shorter chart, then the table."""
        run_before = at_event(_event(bundled, "report-000-axis"), ("tab", "c"))
        assert snap_compare(make_app(bundled, lang), terminal_size=NORMAL, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
class TestSparklines:
    def test_detail_with_sparklines(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """The portal's figures to 23 Nov 2021: a trend column for the series with three or
        more readings, and the highlighted figure's own line under the table."""
        run_before = at_event(_event(bundled, "report-000-portal"), ("tab", "down"))
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
class TestCompare:
    def test_compare_platforms(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """`v`: indicators × platforms, each cell the latest reading and its date, ⚠ where
        noted; the selected cell said in full under the grid."""
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=keys("v"))

    def test_compare_platforms_80x24(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """At 80x24 every platform's column is in sight; names are cut, said in full below."""
        assert snap_compare(make_app(bundled, lang), terminal_size=NORMAL, run_before=keys("v"))

    def test_one_platform_over_time(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """`v` then `3`: the Portal's indicators × the dates they were read on."""
        run_before = keys("v", "3", "right")
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)

    def test_one_platform_over_time_80x24(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """At 80x24 the dates scroll sideways under a fixed indicator column."""
        run_before = keys("v", "3", "right")
        assert snap_compare(make_app(bundled, lang), terminal_size=NORMAL, run_before=run_before)

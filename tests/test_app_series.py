"""Figures over time: the indicator view, the sparklines, the comparison, the palette's charts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from tests.conftest import make_app, screen_text
from timeline.l10n import Formatter
from timeline.l10n.findings import describe
from timeline.load import bundled_path, load
from timeline.model import Timeline
from timeline.series import headline, series_of
from tui.chart_ticks import date_ticks, value_ticks
from tui.labels import source_label
from tui.screens.compare import CompareScreen
from tui.screens.explorer import ExplorerScreen
from tui.screens.indicator import IndicatorScreen, ReadingsTable
from tui.screens.source import SourceScreen
from tui.widgets.compare_grid import CompareGrid
from tui.widgets.figures_table import FiguresTable
from tui.widgets.sparkline import CELLS, resample, spark, spark_text

WIDE = (120, 40)
NORMAL = (80, 24)


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load(bundled_path())


def _event(t: Timeline, milestone_id: str) -> int:
    return next(i for i, e in enumerate(t.events) if e.id == milestone_id)


def _text(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _column(table: FiguresTable, kind: str) -> list[str]:
    column = table.kinds.index(kind)
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


def _chart_text(app: Any) -> str:
    from textual_plotext import PlotextPlot

    chart = app.screen.query_one("#indicator-chart", PlotextPlot)
    rendered = chart.render()
    return str(getattr(rendered, "plain", rendered))


async def _open_axis_documents(pilot: Pilot[Any], t: Timeline) -> None:
    """The Axis's figures to 23 Nov 2021, the figures table, then `c` on its first figure."""
    screen = pilot.app.screen
    assert isinstance(screen, ExplorerScreen)
    screen.jump_to(_event(t, "report-000-axis"))
    await pilot.pause()
    await pilot.press("tab", "c")
    await pilot.pause()


# --------------------------------------------------------------------------- pure parts


def test_sparkline_scales_from_zero() -> None:
    assert spark([1.3, 5.6, 7.8, 12.8]) == "▂▄▅█"
    assert spark([]) == ""
    assert spark([0, 0]) == "▁▁"
    assert len(spark([3, 1, 2])) == 3


def test_a_long_series_is_drawn_in_the_room_it_has() -> None:
    """Thousands of readings: one block per stretch, the largest of it, the mark kept."""
    values = [float(i % 100 + i) for i in range(3000)]
    drawn, mark = resample(values, 30, mark=2999)
    assert len(drawn) == 30 and mark == 29
    assert drawn[-1] == max(values[2900:]) and drawn[0] == max(values[:100])
    assert resample(values, 30, mark=1500)[1] == 15
    assert resample(values[:20], 30, mark=3) == (values[:20], 3)  # short lines as they are
    cell = spark_text(values, mark=2999, mark_style="bold")
    assert len(cell.plain) == CELLS
    assert [span.start for span in cell.spans] == [CELLS - 1]  # the marked block in sight


def test_date_ticks_fit_the_width_and_speak_the_language() -> None:
    first, last = dt.date(2020, 2, 25), dt.date(2022, 6, 30)
    ticks, labels, low, high = date_ticks(first, last, 100, Formatter("en"))
    assert low < first.toordinal() and high > last.toordinal()
    assert labels[:2] == ["Jul 2020", "Jan 2021"]
    assert all(low <= t <= high for t in ticks)
    _, vi_labels, _, _ = date_ticks(first, last, 100, Formatter("vi"))
    assert vi_labels[:2] == ["7/2020", "1/2021"]
    _, narrow, _, _ = date_ticks(first, last, 30, Formatter("en"))
    assert narrow == ["2021", "2022"]  # a year apart: the year alone


def test_value_ticks_start_at_zero_and_pass_the_largest() -> None:
    ticks, bottom, top = value_ticks([1.3e6, 5.6e6, 7.8e6, 12.8e6], 14)
    assert bottom == 0 and ticks[0] == 0 and top >= 12.8e6 and ticks[-1] == top
    ticks, _, _ = value_ticks([11, 33, 44, 54], 9)
    assert all(float(t).is_integer() for t in ticks)


def test_importing_the_app_loads_no_chart_library() -> None:
    """Start-up never pays for plotext; nor does the help, which reads the chart's bindings."""
    code = (
        "import sys\n"
        "import tui.app\n"
        "assert 'plotext' not in sys.modules, 'tui.app'\n"
        "assert 'textual_plotext' not in sys.modules, 'tui.app'\n"
        "import tui.screens.indicator, tui.screens.compare\n"
        "assert 'plotext' not in sys.modules, 'tui.screens.indicator'\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("node_type", [IndicatorScreen, ReadingsTable, CompareScreen, CompareGrid])
def test_every_new_binding_has_an_id_and_a_description(node_type: type[Any]) -> None:
    bindings = node_type.__dict__.get("BINDINGS", [])
    assert bindings
    for binding in bindings:
        assert isinstance(binding, Binding)
        assert binding.id and binding.description, binding


def test_new_binding_ids_are_unique() -> None:
    from tests.test_app_bindings import OURS

    types = [*OURS, IndicatorScreen, ReadingsTable, CompareScreen, CompareGrid]
    ids = [b.id for t in types for b in t.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------- the indicator view


async def test_c_opens_the_chart_of_the_selected_figures_series(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await _open_axis_documents(pilot, bundled)
        screen = app.screen
        assert isinstance(screen, IndicatorScreen)
        series = series_of(bundled, "axis", "documents")
        assert (screen.series.platform, screen.series.indicator) == ("axis", "documents")
        # Every reading, with its source; the cursor on the figure the chart was opened from.
        table = screen.query_one(ReadingsTable)
        assert table.row_count == len(series.readings) == 13
        assert _column(table, "source") == [
            source_label(bundled, o.source) for o in series.readings
        ]
        fmt = Formatter("en")
        values = _column(table, "value")
        assert "over 12.8 million" in values and "over 1.3 million" in values
        assert _column(table, "when")[0] == fmt.when(series.readings[0])
        kinds = _column(table, "kind")
        assert set(kinds) - {"running total", "period"} == {
            kind for kind in kinds if kind.startswith("growth vs ")
        }  # a growth names what it is measured against
        assert "growth vs same period of 2021" in kinds
        current = table.current
        assert current is not None and current.id == "axis-documents-2021-10-23-to-11-23"
        # ⚠ on exactly the readings a note concerns.
        flags = _column(table, "flag")
        assert [f == "⚠" for f in flags] == [series.is_conflicting(o.id) for o in series.readings]
        # The line is drawn, with localized ticks.
        chart = _chart_text(app)
        assert "15 million" in chart and "Jan 2021" in chart
        assert "◆" in chart  # a flagged reading's marker


async def test_growth_between_readings_is_spelt_out(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await _open_axis_documents(pilot, bundled)
        growth = _text(app, "#indicator-growth")
        assert "25 Feb 2020 → ~Jun 2021 (16 months)" in growth
        assert "≈+4.3 million, ×4.31, +267,000 a month" in growth
        assert "23 Nov 2021 → Jun 2022 (7 months)" in growth
        assert growth.count("→") == len(series_of(bundled, "axis", "documents").steps) == 3


async def test_the_axis_documents_conflicts_are_shown(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await _open_axis_documents(pilot, bundled)
        series = series_of(bundled, "axis", "documents")
        notes = _text(app, "#indicator-notes")
        # The 2022 sum: 7.8 million + 3.7 million is not 12.8 million.
        english = Formatter("en")
        sum_note = next(w for w in series.conflicts if "11.5 million" in describe(w, english))
        assert " ".join(describe(sum_note, english).split()) in " ".join(notes.split())
        assert notes.count("⚠") == len(series.conflicts) == 5
        assert "5 data-quality notes" in _text(app, "#indicator-notes-heading")


async def test_language_switch_rerenders_the_view_and_the_chart_axes(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await _open_axis_documents(pilot, bundled)
        assert _text(app, "#indicator-title") == bundled.indicator["documents"].name.en
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        assert _text(app, "#indicator-title") == bundled.indicator["documents"].name.vi
        chart = _chart_text(app)
        assert "15 triệu" in chart and "1/2021" in chart
        assert "million" not in chart and "Jan" not in chart
        table = app.screen.query_one(ReadingsTable)
        assert "hơn 12,8 triệu" in _column(table, "value")
        assert "25/2/2020" in _text(app, "#indicator-growth")
        vietnamese = Formatter("vi")
        sum_note = next(
            w
            for w in series_of(bundled, "axis", "documents").conflicts
            if "11,5" in describe(w, vietnamese)
        )
        notes = " ".join(_text(app, "#indicator-notes").split())
        assert " ".join(describe(sum_note, vietnamese).split()) in notes


async def test_f_shows_every_digit_in_the_view(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await _open_axis_documents(pilot, bundled)
        table = app.screen.query_one(ReadingsTable)
        assert "over 12.8 million" in _column(table, "value")
        await pilot.press("f")
        await pilot.pause()
        assert "over 12,800,000" in _column(table, "value")
        assert "15,000,000" in _chart_text(app)
        assert "+4,300,000" in _text(app, "#indicator-growth")
        await pilot.press("f")
        await pilot.pause()
        assert "over 12.8 million" in _column(table, "value")


async def test_enter_opens_a_readings_source_and_escape_goes_back(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await _open_axis_documents(pilot, bundled)
        await pilot.press("up", "up", "up", "up", "enter")  # 25 Feb 2020: over 1.3 million
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.observation == "axis-documents-2020-02-25"
        assert _text(app, "#source-outlet") == "Pháp luật Việt Nam (PLVN)"
        await pilot.press("escape")
        assert isinstance(app.screen, IndicatorScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)


async def test_a_series_with_one_reading_says_so_instead_of_a_chart(bundled: Timeline) -> None:
    from tui.app import VnEgovApp

    app = make_app(bundled)
    assert isinstance(app, VnEgovApp)
    async with app.run_test(size=NORMAL) as pilot:
        app.open_chart("axis", "connected-share")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        assert not app.screen.query("#indicator-chart")
        assert "Only one reading to draw (100%, 25 Feb 2020)" in _text(app, "#indicator-no-chart")
        assert app.screen.query_one(ReadingsTable).row_count == 1
        app.open_chart("portal", "accounts-personal")  # periods and growth only: no line
        await pilot.pause()
        assert "Nothing to draw" in _text(app, "#indicator-no-chart")


async def test_c_in_the_source_view_charts_that_figure(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        screen.jump_to(_event(bundled, "report-002-portal"))
        await pilot.pause()
        await pilot.press("tab", "s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        assert app.screen.series.platform == "portal"


async def test_the_narrow_layout_follows_the_cursor(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=NORMAL) as pilot:
        await _open_axis_documents(pilot, bundled)
        await pilot.press(*["down"] * 7)
        await pilot.pause()
        table = app.screen.query_one(ReadingsTable)
        assert table.cursor_row == table.row_count - 1
        assert "3.8×" in screen_text(app)  # the last reading is on screen


# --------------------------------------------------------------------------- sparklines


async def test_the_detail_pane_has_sparklines_when_there_is_room(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        screen.jump_to(_event(bundled, "report-000-portal"))
        await pilot.pause()
        table = screen.query_one("#figures", FiguresTable)
        assert "trend" in table.kinds
        trends = dict(zip([o.id for o in table.observations], _column(table, "trend"), strict=True))
        accounts = series_of(bundled, "portal", "accounts")
        assert trends["portal-accounts-2021-11-23"] == spark([o.value for o in accounts.line])
        assert trends["portal-years-in-operation-2021-11-23"] == ""  # two readings: no sparkline
        await pilot.press("tab")
        await pilot.pause()
        assert "Over time: " in _text(app, "#detail-figure")


@pytest.mark.parametrize("before", ["report-000-axis", None])
async def test_the_trend_column_does_not_depend_on_the_event_before(
    bundled: Timeline, before: str | None
) -> None:
    """At 120x40 the pane is as wide as the trend column needs only while it does not
    scroll: whether the event shown before made it scroll (the Axis's figures do, the
    first event does not) decided whether e-Cabinet's figures had the column."""
    app = make_app(bundled, lang="vi")
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        if before is not None:
            screen.jump_to(_event(bundled, before))
            await pilot.pause()
            await pilot.pause()
        screen.jump_to(_event(bundled, "report-000-ecabinet"))
        await pilot.pause()
        await pilot.pause()
        table = screen.query_one("#figures", FiguresTable)
        assert "trend" in table.kinds


async def test_at_80x24_the_sparkline_moves_under_the_table(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=NORMAL) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        screen.jump_to(_event(bundled, "report-000-axis"))
        await pilot.pause()
        table = screen.query_one("#figures", FiguresTable)
        assert "trend" not in table.kinds
        figure = _text(app, "#detail-figure")
        assert "Over time: ▂▄▅█" in figure and "c: chart" in figure


# --------------------------------------------------------------------------- compare


def _cell_text(grid: CompareGrid, row: str, column: str) -> str:
    return str(grid.get_cell(row, column)).replace("\n", " | ")


async def test_compare_is_a_grid_of_the_latest_readings(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        grid = screen.query_one(CompareGrid)
        expected = headline(bundled)
        indicators = {s.indicator for v in expected.values() for s in v}
        assert grid.row_count == len(indicators)  # one row per indicator, not per reading
        assert [str(c.label) for c in grid.columns.values()] == [
            "Indicator", "Axis", "e-Cabinet", "Portal", "Reporting"
        ]  # fmt: skip
        # The header counts rows and columns as drawn, and names the component counted.
        header = _text(app, "#compare-header")
        assert f"{len(indicators)} indicators × 4 platforms" in header
        assert "Reporting includes Command centre" in header
        fmt = Formatter("en")
        for series in (s for v in expected.values() for s in v):
            latest = series.latest
            assert latest is not None and series.platform is not None
            text = _cell_text(grid, series.indicator, series.platform)
            assert fmt.date(latest.as_of, latest.as_of_precision) in text
            assert ("⚠" in text) == series.is_conflicting(latest.id)
        assert _cell_text(grid, "documents", "axis") == "⚠ over 12.8 million | Jun 2022"
        assert _cell_text(grid, "documents", "portal") == "–"
        await pilot.press("l")
        await pilot.pause()
        assert _cell_text(grid, "documents", "axis") == "⚠ hơn 12,8 triệu | 6/2022"
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)


async def test_years_in_operation_is_one_row_with_a_value_under_each_platform(
    bundled: Timeline,
) -> None:
    for lang, name in (("en", "Years in operation"), ("vi", "Số năm hoạt động")):
        app = make_app(bundled, lang)
        async with app.run_test(size=NORMAL) as pilot:
            await pilot.press("v")
            await pilot.pause()
            grid = app.screen.query_one(CompareGrid)
            rows = [str(grid.get_row_at(r)[0]) for r in range(grid.row_count)]
            assert rows.count(name) == 1
            reporting = {
                s.platform
                for v in headline(bundled).values()
                for s in v
                if s.indicator == "years-in-operation"
            }
            assert reporting == {"axis", "ecabinet", "portal"}
            for platform in ("axis", "ecabinet", "portal", "reporting"):
                text = _cell_text(grid, "years-in-operation", platform)
                assert (text != "–") == (platform in reporting), (platform, text)
            # At 80x24 every platform's column is on screen, the row's full name under it.
            heading = next(
                line
                for line in screen_text(app).splitlines()
                if "Indicator" in line or "Chỉ số" in line
            )
            labels = ("Axis", "e-Cabinet", "Portal", "Reporting")
            for label in labels if lang == "en" else ("e-Cabinet", "Cổng DVCQG", "Báo cáo"):
                assert label in heading, (label, heading)
            assert name in _text(app, "#compare-selected")


async def test_the_grid_opens_sources_and_charts_and_says_when_a_cell_is_empty(
    bundled: Timeline,
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("v")
        await pilot.pause()
        grid = app.screen.query_one(CompareGrid)
        row = list(grid.rows).index("documents")  # type: ignore[arg-type]
        grid.move_cursor(row=row, column=1)
        await pilot.pause()
        assert "Electronic documents sent and received  Axis" in _text(app, "#compare-selected")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        assert app.screen.series.indicator == "documents"
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.observation == "axis-documents-2022-06-30"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right", "right")  # Portal: no documents
        await pilot.pause()
        assert grid.current == ("documents", "portal")
        assert "No reading here." in _text(app, "#compare-selected")
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CompareScreen)
        toast = " ".join(" ".join(screen_text(app).split()).split("▌"))
        assert "No reading of “Electronic documents sent and received”" in toast, toast


async def test_one_platform_over_time_and_back(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=NORMAL) as pilot:
        await pilot.press("v", "3")  # the third platform: the Portal
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        grid = screen.query_one(CompareGrid)
        accounts = series_of(bundled, "portal", "accounts")
        dates = sorted({o.as_of for s in headline(bundled)["portal"] for o in s.line})
        assert len(grid.columns) == 1 + len(dates)
        assert f"× {len(dates)} dates" in _text(app, "#compare-header")
        fmt = Formatter("en")
        for obs in accounts.line:
            assert fmt.figure(obs, bundled.indicator["accounts"]) in _cell_text(
                grid, "accounts", obs.as_of.isoformat()
            )
        await pilot.press("escape")  # back to every platform first
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen) and app.screen.platform is None
        assert len(grid.columns) == 5
        await pilot.press("p", "p")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen) and app.screen.platform == "ecabinet"
        await pilot.press("0", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)


# --------------------------------------------------------------------------- palette, help


async def _palette(pilot: Pilot[Any], query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert CommandPalette.is_open(pilot.app)
    await pilot.press(*query)
    await pilot.pause(0.4)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_palette_finds_chart_entries(bundled: Timeline) -> None:
    from textual.command import Command, CommandList

    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p", *"chart")
        await pilot.pause(0.4)
        prompts = [
            str(option.prompt)
            for option in app.screen.query_one(CommandList)._options
            if isinstance(option, Command)
        ]
        assert any(p.startswith("Chart: Axis · ") for p in prompts)
        await pilot.press("escape")
        await pilot.pause()
        await _palette(pilot, "chart axis electronic documents")
        assert isinstance(app.screen, IndicatorScreen)
        assert (app.screen.series.platform, app.screen.series.indicator) == ("axis", "documents")


async def test_the_palette_finds_charts_in_vietnamese_without_accents(bundled: Timeline) -> None:
    app = make_app(bundled, lang="vi")
    async with app.run_test(size=WIDE) as pilot:
        await _palette(pilot, "bieu do cong dvcqg tai khoan dang ky")
        assert isinstance(app.screen, IndicatorScreen)
        assert (app.screen.series.platform, app.screen.series.indicator) == ("portal", "accounts")


async def test_the_palette_opens_the_comparison(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await _palette(pilot, "compare platforms")
        assert isinstance(app.screen, CompareScreen)


async def test_help_lists_the_new_keys(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Figures over time" in text and "Compare platforms" in text
        assert "Chart" in text and "Compare" in text


async def test_the_chart_follows_a_theme_change(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=WIDE) as pilot:
        await _open_axis_documents(pilot, bundled)
        before = _chart_text(app)
        app.theme = "textual-light"
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        assert _chart_text(app) == before  # same figure, redrawn in the new colours
        await pilot.press("c")  # the view's own chart: brought into view, nothing opened
        await pilot.pause()
        assert isinstance(app.screen, IndicatorScreen)
        assert len(app.screen_stack) == 2

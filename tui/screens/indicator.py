"""Figures over time: one indicator's readings on a chart, in a table, with growth and notes.

The chart joins the series' line (running totals, else levels); period figures and growth
rates are listed in the table, never drawn. Readings a data-quality note concerns are
drawn with a different marker and colour and carry ⚠ in the table.

plotext (through textual-plotext) is imported when a chart is composed, not when this
module is imported: the help screen reads this module's bindings, and start-up and help
must not pay for a chart library.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import DataTable, Static

from timeline.l10n import N_, Formatter, _, current_language, ngettext
from timeline.l10n.findings import describe
from timeline.model import Indicator, Observation, Precision, Timeline
from timeline.series import Series, series_of
from tui.safe import clean_block
from tui.screens.source import SourceScreen
from tui.series_view import amount, indicator_name, series_index, step_text
from tui.view import formatter, platform_label, relabel, shown, slots
from tui.widgets.figures_table import FiguresTable
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot

MARK = "●"  # a reading on the line
FLAGGED_MARK = "◆"  # a reading a data-quality note concerns
WARNING_FALLBACK = "#ffa62b"
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
NICE_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8)
PLOT_FRAME_ROWS = 4  # a chart's rows that are not plot: the frame's two and the date labels


def date_ticks(
    first: dt.date, last: dt.date, width: int, fmt: Formatter
) -> tuple[list[float], list[str], int, int]:
    """Tick positions (ordinal days), their labels, and the x range, for `width` cells.

    Ticks fall on the first of a month, every 1, 2, 3, 6 … months; labels are "Mar 2019" /
    "3/2019", or the year alone when the ticks are a year apart. The step is the smallest
    whose labels have room: two label widths and a gap between neighbouring ticks, so
    that plotext never nudges one label aside for another (it places them in an order
    that varies from run to run, and a nudged label would make screens differ). A range
    with no first of a month inside gets its two ends, labelled with the day.
    """
    pad = max(10, (last - first).days // 25)
    low, high = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    span = (high - low).days
    months = [
        dt.date(year, month, 1)
        for year in range(low.year, high.year + 1)
        for month in range(1, 13)
        if low <= dt.date(year, month, 1) <= high
    ]
    ticks: list[dt.date] = []
    labels: list[str] = []
    for step in MONTH_STEPS:
        if step < 12:
            ticks = [d for d in months if (d.month - 1) % step == 0]
        else:
            ticks = [d for d in months if d.month == 1 and d.year % (step // 12) == 0]
        precision: Precision = "year" if step >= 12 else "month"
        labels = [fmt.date(d, precision) for d in ticks]
        if len(ticks) < 2:
            break
        need = 2 * max(len(label) for label in labels) + 2
        gap = min((b - a).days for a, b in itertools.pairwise(ticks)) * width / span
        if gap >= need:
            break
    if not ticks:
        ticks = sorted({first, last})
        labels = [fmt.date(d) for d in ticks]
        if len(ticks) > 1 and 2 * max(map(len, labels)) + 2 > width:
            ticks, labels = ticks[-1:], labels[-1:]
    positions = [float(d.toordinal()) for d in ticks]
    return positions, labels, low.toordinal(), high.toordinal()


def value_ticks(values: Sequence[float], height: int) -> tuple[list[float], float, float]:
    """Round tick values from zero (or below, for negatives) past the largest value.

    The ticks split the chart's plot rows (its height less the frame and the date labels)
    into equal whole numbers of rows, so that they sit evenly: 3 steps on a 10-row chart,
    5 on a 14-row one. Steps are round (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8 × 10ⁿ), and whole
    numbers when every value is one.
    """
    low = min(0.0, *values)
    high = max(0.0, *values)
    span = (high - low) or 1.0
    rows = max(2, height - PLOT_FRAME_ROWS)
    steps = next(
        (n for n in (5, 4, 3, 2) if rows % n == 0 and rows // n >= 2), max(2, min(5, rows // 2))
    )
    whole = all(float(v).is_integer() for v in values)
    magnitude = 10.0 ** math.floor(math.log10(span / steps))
    step, bottom = magnitude, math.floor(low / magnitude) * magnitude
    for power in (magnitude, magnitude * 10, magnitude * 100):
        found = False
        for multiple in NICE_STEPS:
            step = multiple * power
            if whole and not step.is_integer():
                continue
            bottom = math.floor(low / step) * step
            if bottom + steps * step >= high + span * 0.02:
                found = True
                break
        if found:
            break
    ticks = [round(bottom + i * step, 9) for i in range(steps + 1)]
    return ticks, ticks[0], ticks[-1]


def make_chart(draw: Callable[[PlotextPlot], None], *, id: str) -> Widget:
    """A chart that calls `draw` to set up its figure whenever it renders."""
    return _chart_type()(draw, id=id)


@cache
def _chart_type() -> Callable[..., Widget]:
    """The chart widget's class, defined on first use: defining it imports plotext."""
    from textual_plotext import PlotextPlot

    class SeriesChart(PlotextPlot):
        """A plot that asks for its figure afresh at every render, at its current size.

        Plotext keeps state between builds, so that a figure set up once and rendered at a
        second size (a scrollbar appearing) can place its labels a cell differently from a
        figure set up at that size; building from scratch each time keeps screens identical.
        """

        def __init__(self, draw: Callable[[PlotextPlot], None], *, id: str | None = None) -> None:
            super().__init__(id=id)
            self.draw = draw

        def render(self) -> RenderResult:
            self.draw(self)
            return super().render()

    return SeriesChart


def _rgb(colour: str | None, fallback: str) -> tuple[int, int, int]:
    return Color.parse(colour or fallback).rgb


class ReadingsTable(FiguresTable):
    """Every reading of the series; Enter or `s` opens the source it comes from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,s", "choose", N_("Reading's source"), id="indicator.reading-source"),
    ]

    # Set when a key moves the cursor, so that the screen follows moves, not fills.
    moved = False

    def action_cursor_up(self) -> None:
        self.moved = True
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        self.moved = True
        super().action_cursor_down()

    def action_page_up(self) -> None:
        self.moved = True
        super().action_page_up()

    def action_page_down(self) -> None:
        self.moved = True
        super().action_page_down()

    def action_scroll_top(self) -> None:
        self.moved = True
        super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        self.moved = True
        super().action_scroll_bottom()


class IndicatorScreen(Screen[None]):
    """One platform's indicator over time; Escape goes back."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    DEFAULT_CSS = """
    IndicatorScreen {
        & > #indicator-header { height: 1; background: $panel; padding: 0 1; }
        & > #indicator-body { padding: 0 2; scrollbar-size-vertical: 1; }
        & Static { height: auto; }
        & #indicator-title { text-style: bold; color: $text-accent; margin-top: 1; }
        & #indicator-about { color: $text-muted; }
        & #indicator-chart { height: 10; margin-top: 1; }
        &.-tall #indicator-chart { height: 14; }
        & #indicator-no-chart { margin-top: 1; text-style: italic; color: $text-muted; }
        & #indicator-legend { color: $text-muted; }
        & #indicator-lower { height: auto; margin-top: 1; }
        & #indicator-left, & #indicator-right { height: auto; }
        & .indicator-heading { text-style: bold; color: $text-accent; }
        & #indicator-notes-heading { margin-top: 1; }
        & #indicator-notes { color: $text-warning; }
        & #indicator-notes.-none, & #indicator-growth.-none { color: $text-muted; }
        & ReadingsTable { max-height: 16; scrollbar-size-vertical: 1; }
        &.-narrow #indicator-lower { layout: vertical; }
        &.-narrow #indicator-right { margin-top: 1; }
        &.-wide #indicator-body { overflow-y: hidden; }
        &.-wide #indicator-lower { height: 1fr; }
        &.-wide #indicator-left { width: auto; max-width: 62%; height: 1fr; }
        &.-wide #indicator-right {
            width: 1fr; height: 1fr; margin-left: 2; scrollbar-size-vertical: 1;
        }
        &.-wide ReadingsTable { height: 1fr; max-height: 100%; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="indicator.back"),
    ]

    def __init__(
        self,
        timeline: Timeline,
        platform: str | None,
        indicator: str,
        *,
        observation: str | None = None,
        full: bool = False,
    ) -> None:
        super().__init__()
        relabel(self)
        self.timeline = timeline
        found = series_index(timeline).get((platform, indicator))
        self.series: Series = found or series_of(timeline, platform, indicator)
        self.observation = observation
        self.full = full

    # ------------------------------------------------------------------ layout

    @property
    def charted(self) -> bool:
        """A line needs two readings."""
        return len(self.series.line) >= 2

    def compose(self) -> ComposeResult:
        yield Static(id="indicator-header", markup=False)
        with VerticalScroll(id="indicator-body"):
            yield Static(id="indicator-title", markup=False)
            yield Static(id="indicator-about", markup=False)
            yield self._chart()
            yield Static(id="indicator-legend", markup=False)
            with Horizontal(id="indicator-lower"):
                with Vertical(id="indicator-left"):
                    yield Static(
                        id="indicator-readings-heading", classes="indicator-heading", markup=False
                    )
                    yield ReadingsTable(
                        self.timeline,
                        columns=("flag", "when", "kind", "value", "source"),
                        id="indicator-readings",
                    )
                with VerticalScroll(id="indicator-right", can_focus=False):
                    yield Static(
                        id="indicator-growth-heading", classes="indicator-heading", markup=False
                    )
                    yield Static(id="indicator-growth", markup=False)
                    yield Static(
                        id="indicator-notes-heading", classes="indicator-heading", markup=False
                    )
                    yield Static(id="indicator-notes", markup=False)
        yield KeyBar()

    def _chart(self) -> Widget:
        if not self.charted:
            return Static(id="indicator-no-chart", markup=False)
        return make_chart(self._plot, id="indicator-chart")

    def on_mount(self) -> None:
        self._fill()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.query_one(ReadingsTable).focus(scroll_visible=False)

    def _theme_changed(self, theme: Theme) -> None:
        self._fill()

    @property
    def table(self) -> ReadingsTable:
        return self.query_one(ReadingsTable)

    def _set(self, name: str, content: Content | None) -> None:
        static = self.query_one(f"#{name}", Static)
        static.display = content is not None
        static.update(content or "")

    # ------------------------------------------------------------------ content

    def _flagged(self) -> frozenset[str]:
        return frozenset(o.id for o in self.series.readings if self.series.is_conflicting(o.id))

    def _fill(self) -> None:
        t = self.timeline
        s = self.series
        lang = current_language()
        fmt = formatter(self.full)
        indicator = t.indicator.get(s.indicator)
        flagged = self._flagged()
        readings = s.readings

        self.query_one("#indicator-header", Static).update(
            Content.assemble(
                (_("Figures over time"), "bold"), "  ", platform_label(t, s.platform, lang)
            )
        )
        self._set("indicator-title", Content(indicator_name(t, s.indicator, lang)))
        about: list[str | tuple[str, str]] = []
        if s.platform is not None and s.platform in t.platform:
            slot = slots(t).get(s.platform, 0)
            about.append(("● " + shown(t.platform[s.platform].name.get(lang)), f"$slot-{slot}"))
        else:
            about.append(("● " + _("National"), "$slot-0"))
        if indicator is not None and indicator.description is not None:
            about += ["\n", clean_block(indicator.description.get(lang)).strip()]
        sources = len({o.source for o in readings})
        about += [
            "\n",
            ngettext(
                "{count} reading from {sources}", "{count} readings from {sources}", len(readings)
            ).format(
                count=fmt.number(len(readings)),
                sources=ngettext("{count} source", "{count} sources", sources).format(
                    count=fmt.number(sources)
                ),
            ),
        ]
        self._set("indicator-about", Content.assemble(*about))

        if self.charted:
            self._set("indicator-legend", self._legend())
            self._draw()
        else:
            self._set("indicator-legend", None)
            if s.line:
                only = s.line[0]
                sentence = _(
                    "Only one reading to draw ({value}, {when}): a line needs two."
                ).format(value=self._value(fmt, indicator, only), when=fmt.when(only))
            else:
                sentence = _(
                    "Nothing to draw: these readings cover periods or growth, "
                    "not running totals or levels."
                )
            self._set("indicator-no-chart", Content(sentence))

        # The readings.
        hint = _("Enter or s: its source")
        self._set(
            "indicator-readings-heading",
            Content.assemble(
                ngettext("{count} reading", "{count} readings", len(readings)).format(
                    count=fmt.number(len(readings))
                ),
                ("  · " + hint, "not bold $text-muted"),
            ),
        )
        table = self.table
        table.kinds = (*(("flag",) if flagged else ()), "when", "kind", "value", "source")
        current = table.current
        keep = current.id if current is not None else self.observation
        table.show(readings, flagged=flagged, full=self.full, keep=keep)

        # Growth between the line's readings.
        self._set("indicator-growth-heading", Content(_("Growth between readings")))
        growth = self.query_one("#indicator-growth", Static)
        if s.steps:
            lines = []
            for step in s.steps:
                span, change = step_text(fmt, indicator, step)
                flag = step.earlier.id in flagged or step.later.id in flagged
                lines.append(
                    Content.assemble(
                        ("⚠ ", "bold $text-warning") if flag else "  ",
                        span,
                        "\n  ",
                        (change, "bold"),
                    )
                )
            growth.set_class(False, "-none")
            self._set("indicator-growth", Content("\n").join(lines))
        else:
            growth.set_class(True, "-none")
            self._set(
                "indicator-growth",
                Content(_("No growth to measure: that needs readings on two different dates.")),
            )

        # What the notes say about these readings.
        notes = self.query_one("#indicator-notes", Static)
        if s.conflicts:
            self._set(
                "indicator-notes-heading",
                Content(
                    ngettext(
                        "{count} data-quality note", "{count} data-quality notes", len(s.conflicts)
                    ).format(count=fmt.number(len(s.conflicts)))
                ),
            )
            notes.set_class(False, "-none")
            self._set(
                "indicator-notes",
                Content("\n").join(
                    Content.assemble(("⚠ ", "bold"), clean_block(describe(w, fmt)).strip())
                    for w in s.conflicts
                ),
            )
        else:
            self._set("indicator-notes-heading", Content(_("Data-quality notes")))
            notes.set_class(True, "-none")
            self._set(
                "indicator-notes", Content(_("No data-quality note concerns these readings."))
            )

    def _value(self, fmt: Formatter, indicator: Indicator | None, obs: Observation) -> str:
        return fmt.figure(obs, indicator) if indicator else fmt.number(obs.value)

    def _legend(self) -> Content:
        s = self.series
        line_kind = _("running totals") if s.cumulative else _("levels")
        parts: list[str | tuple[str, str]] = [(MARK, "$primary"), " " + line_kind]
        if any(s.is_conflicting(o.id) for o in s.line):
            parts += [
                "   ",
                (FLAGGED_MARK, "$warning"),
                " " + _("with a data-quality note (⚠)"),
            ]
        if len(s.readings) > len(s.line):
            parts += ["\n", (_("Periods and growth rates are listed below, not drawn."), "italic")]
        return Content.assemble(*parts)

    # ------------------------------------------------------------------ the chart

    def _draw(self) -> None:
        """Redraw the chart: it builds its figure in `_plot` when it renders."""
        if self.charted and self.is_mounted:
            self.query_one("#indicator-chart").refresh()

    def _plot(self, chart: PlotextPlot) -> None:
        s = self.series
        t = self.timeline
        fmt = formatter(self.full)
        indicator = t.indicator.get(s.indicator)
        theme = self.app.current_theme
        primary = _rgb(theme.primary, "#0178d4")
        warning = _rgb(theme.warning, WARNING_FALLBACK)
        width = chart.size.width or max(20, self.size.width - 4)
        height = chart.size.height or 10

        line = s.line
        xs = [o.as_of.toordinal() for o in line]
        ys = [float(o.value) for o in line]
        flagged = [s.is_conflicting(o.id) for o in line]

        plt = chart.plt
        plt.clear_figure()
        plt.plot(xs, ys, marker="braille", color=primary)
        plain = [(x, y) for x, y, f in zip(xs, ys, flagged, strict=True) if not f]
        marked = [(x, y) for x, y, f in zip(xs, ys, flagged, strict=True) if f]
        if plain:
            plt.scatter([x for x, _y in plain], [y for _x, y in plain], marker=MARK, color=primary)
        if marked:
            plt.scatter(
                [x for x, _y in marked], [y for _x, y in marked], marker=FLAGGED_MARK, color=warning
            )
        # Room for the value labels comes off the width the date ticks can use.
        ticks, bottom, top = value_ticks(ys, height)
        labels = [amount(fmt, indicator, v) for v in ticks]
        label_width = max(len(label) for label in labels) + 2
        x_ticks, x_labels, left, right = date_ticks(
            line[0].as_of, line[-1].as_of, width - label_width, fmt
        )
        plt.xticks(x_ticks, x_labels)
        plt.xlim(left, right)
        plt.yticks(ticks, labels)
        plt.ylim(bottom, top)

    # ------------------------------------------------------------------ keys and messages

    @on(FiguresTable.Chosen)
    def _reading_chosen(self, message: FiguresTable.Chosen) -> None:
        message.stop()
        t = self.timeline
        obs = t.observation[message.observation]
        self.app.push_screen(SourceScreen(t, [obs.source], observation=obs.id, full=self.full))

    @on(FiguresTable.ChartChosen)
    def _chart_chosen(self, message: FiguresTable.ChartChosen) -> None:
        """`c` here: the chart is this screen's own; bring it into view."""
        message.stop()
        self.query_one("#indicator-body", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#indicator-readings")
    def _keep_cursor_visible(self, message: DataTable.RowHighlighted) -> None:
        """In the one-column layout the page scrolls, not the table: follow the cursor."""
        table = self.table
        moved, table.moved = table.moved, False
        if not moved or not self.has_class("-narrow") or not table.has_focus:
            return  # the screen opening on a reading is not a move to follow
        body = self.query_one("#indicator-body", VerticalScroll)
        row = table.header_height + message.cursor_row - round(table.scroll_y)
        y = table.region.y - body.content_region.y + round(body.scroll_y) + row
        body.scroll_to_region(Region(0, y, 1, 1), animate=False, immediate=True)

    def action_close(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------------ language, figures

    def relocalize(self) -> None:
        relabel(self)
        relabel(self.table)
        self._fill()
        self.refresh_bindings()

    def set_full(self, full: bool) -> None:
        self.full = full
        self._fill()

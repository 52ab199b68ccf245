"""Figures over time: one indicator's readings on a chart, in a table, with growth and notes.

The chart joins the series' line (running totals, else levels); period figures and growth
rates are listed in the table, never drawn. Readings a data-quality note concerns are
drawn with a different marker and colour and carry ⚠ in the table.

plotext (through textual-plotext) is imported when a chart is composed, not when this
module is imported: the help screen reads this module's bindings, and start-up and help
must not pay for a chart library.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import DataTable, Static

from timeline.l10n import Formatter
from timeline.l10n.findings import describe
from timeline.model import Indicator, Observation
from timeline.queries import Queries
from timeline.series import Series, series_of
from tui.chart_ticks import date_ticks, value_ticks
from tui.labels import platform_label, shown, slots
from tui.language import N_, _, ngettext
from tui.safe import clean_block
from tui.screens.source import SourceScreen
from tui.series_text import amount, indicator_name, step_text
from tui.settings import FollowsSettings, Settings
from tui.widgets.figure_line import FigureLine, bring_into_view, table_lines, top_in
from tui.widgets.figures_table import FiguresTable
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot

MARK = "●"  # a reading on the line
FLAGGED_MARK = "◆"  # a reading a data-quality note concerns
WARNING_FALLBACK = "#ffa62b"


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

    # One line a reading: the screen follows the cursor line by line (and the reading
    # under it is written out in full below the table).
    WRAP_ROWS = 0


class IndicatorScreen(FollowsSettings, Screen[None]):
    """One platform's indicator over time; Escape goes back."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    CSS_PATH = "indicator.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="indicator.back"),
    ]

    def __init__(
        self,
        queries: Queries,
        platform: str | None,
        indicator: str,
        *,
        observation: str | None = None,
    ) -> None:
        super().__init__()
        self.queries = queries
        self.timeline = timeline = queries.timeline
        found = queries.series((platform, indicator))
        self.series: Series = found or series_of(timeline, platform, indicator)
        self.observation = observation

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
                    yield FigureLine(id="indicator-figure")
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
        lang, fmt = self.settings.lang, self.settings.formatter
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
        table.show(readings, flagged=flagged, keep=keep)
        self.query_one(FigureLine).describe(fmt, t, table.current)

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
        fmt = self.settings.formatter
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
        self.app.push_screen(SourceScreen(self.queries, [obs.source], observation=obs.id))

    @on(FiguresTable.ChartChosen)
    def _chart_chosen(self, message: FiguresTable.ChartChosen) -> None:
        """`c` here: the chart is this screen's own; bring it into view."""
        message.stop()
        self.query_one("#indicator-body", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#indicator-readings")
    def _reading_highlighted(self, message: DataTable.RowHighlighted) -> None:
        """The reading in full under the table follows the cursor, and stays in sight."""
        message.stop()
        table = self.table
        line = self.query_one(FigureLine)
        if table.current is not line.figure:
            line.describe(self.settings.formatter, self.timeline, table.current)
        self.call_after_refresh(self._follow_cursor)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_table)

    def _fit_table(self) -> None:
        """In the one-column layout the page scrolls: the chart, the table and the reading
        written out under it share the page, the table scrolling within it where the
        screen is short. Side by side, the table has the column's height."""
        table = self.table
        if not self.has_class("-narrow"):
            table.styles.max_height = None
            return
        body = self.query_one("#indicator-body", VerticalScroll)
        chart = self.query_one("#indicator-chart" if self.charted else "#indicator-no-chart")
        above = top_in(body, table) - top_in(body, chart)
        table.styles.max_height = min(
            16, table_lines(body.scrollable_content_region.height, above=above)
        )
        self.call_after_refresh(self._show_chart_and_reading)

    def _show_chart_and_reading(self) -> None:
        """The page from the chart down to the reading under the cursor, said in full."""
        table = self.table
        table.move_cursor(row=table.cursor_row, animate=False)  # in sight in the table
        body = self.query_one("#indicator-body", VerticalScroll)
        chart = self.query_one("#indicator-chart" if self.charted else "#indicator-no-chart")
        bring_into_view(body, chart, self.query_one(FigureLine))

    def _follow_cursor(self) -> None:
        """In the one-column layout the page follows the cursor's row and the reading
        written out under the table; side by side, both are always in sight."""
        table = self.table
        if not self.has_class("-narrow") or not table.has_focus or not table.row_count:
            return
        row = table.header_height + table.cursor_row - round(table.scroll_y)
        body = self.query_one("#indicator-body", VerticalScroll)
        bring_into_view(body, table, self.query_one(FigureLine), row=row)

    def action_close(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------------ language, figures

    def settings_changed(self, settings: Settings) -> None:
        self._fill()

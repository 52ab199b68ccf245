"""A table of figures: indicator, value as the source qualified it, what it covers, where from.

The name has priority: where the table is narrow, the other columns give way first and
the name wraps rather than being cut; a "figure" column stacks the full name over what
the figure covers (its period, since launch, a level; a growth's baseline), so that
half-year figures, totals and growth rates of one indicator can be told apart.

Cells are `rich.text.Text` objects built from cleaned data: a `DataTable` reads plain
strings as markup, so a string cell would let an indicator named "[@click=…]" act.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.css.scalar import Unit
from textual.message import Message
from textual.widgets import DataTable

from timeline.model import Observation, Timeline
from tui.copying import copy_citation
from tui.labels import platform_label, shown, source_label
from tui.language import N_, _
from tui.series_text import coverage, reading_kind_full
from tui.settings import DEFAULT, FollowsSettings, Settings
from tui.widgets.sparkline import spark_text

# Up to this many rows, rows are as high as their wrapped cells; beyond, one line each
# (measuring every row's height would cost more than the screenful shown).
WRAP_ROWS = 400

# A row's sparkline: the values of its series' line, and which of them is the row's figure.
Trend = tuple[tuple[float, ...], int | None]


class FiguresTable(FollowsSettings, DataTable[Text]):
    """One row per observation; Enter or `s` chooses the figure under the cursor, `c` charts it."""

    DEFAULT_CSS = """
    FiguresTable {
        height: auto;
        max-height: 14;
        scrollbar-size-horizontal: 1;
        & > .datatable--header { text-style: bold; color: $text-muted; background: $surface; }
    }
    """

    # How columns give way when the table is too narrow: pass after pass, (kind, minimum).
    # The name comes last in each pass: it is what the reader needs to know the figure by.
    # A value keeps its one line ("over 1.3 million" broken in two reads as two figures)
    # until the name is as narrow as it reads.
    FIT_PASSES: ClassVar[tuple[tuple[tuple[str, int], ...], ...]] = (
        (("source", 12), ("platform", 10), ("when", 16), ("kind", 12)),
        (("source", 8), ("platform", 8), ("when", 9), ("kind", 9)),
        (("indicator", 16), ("figure", 16)),
        (("source", 4), ("platform", 4), ("when", 6), ("value", 8)),
        (("indicator", 6), ("figure", 6)),
    )

    WRAP_ROWS: ClassVar[int] = WRAP_ROWS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", N_("Next figure"), show=False, id="figures.down"),
        Binding("up,k", "cursor_up", N_("Previous figure"), show=False, id="figures.up"),
        Binding("home,g", "scroll_top", N_("First figure"), show=False, id="figures.first"),
        Binding("end,G", "scroll_bottom", N_("Last figure"), show=False, id="figures.last"),
        Binding("enter,s", "choose", N_("Figure's source"), id="figures.source"),
        Binding("c", "chart", N_("Chart"), id="figures.chart"),
        Binding("y", "copy(False)", N_("Copy"), id="figures.copy"),
        Binding("Y", "copy(True)", N_("Copy as Markdown"), show=False, id="figures.copy-markdown"),
    ]

    class Chosen(Message):
        """Enter or `s` on a figure (or a click on the chosen row)."""

        def __init__(self, table: FiguresTable, observation: str) -> None:
            super().__init__()
            self.table = table
            self.observation = observation

    class ChartChosen(Message):
        """`c` on a figure: its series over time (the app opens the indicator view)."""

        def __init__(self, table: FiguresTable, observation: str) -> None:
            super().__init__()
            self.table = table
            self.observation = observation

    def __init__(
        self,
        timeline: Timeline,
        *,
        columns: Sequence[str] = ("flag", "indicator", "value", "when", "source"),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, show_cursor=True)
        self.timeline = timeline
        self.kinds = tuple(columns)
        self.observations: tuple[Observation, ...] = ()
        self.flagged: frozenset[str] = frozenset()
        # Sparklines by observation id, for a "trend" column; set by whoever shows the table.
        self.trends: Mapping[str, Trend] = {}
        # The date of the event the figures are shown for: a figure of that day does not
        # repeat it ("since launch" rather than "since launch, to 30/6/2022").
        self.same_day: dt.date | None = None
        self._wrap = False  # whether the rows being written may wrap
        self._shown_width = 0
        self._shown_in: Settings = DEFAULT  # the settings the rows were written in

    def _headers(self) -> list[Text]:
        names = {
            "flag": "",
            "indicator": _("Indicator"),
            "figure": _("Indicator"),
            "value": _("Value"),
            "when": _("When"),
            "source": _("Source"),
            "platform": _("Platform"),
            "kind": _("Kind"),
            "trend": _("Trend"),
        }
        return [Text(names[kind]) for kind in self.kinds]

    def show(
        self,
        observations: Sequence[Observation],
        *,
        flagged: frozenset[str] = frozenset(),
        keep: str | None = None,
    ) -> None:
        """Fill the table; keep the cursor on the observation `keep` if it is listed."""
        self.observations = tuple(observations)
        self._shown_in = self.settings
        self.flagged = flagged
        self._wrap = wrap = len(self.observations) <= self.WRAP_ROWS and self.size.width > 0
        rows = [self._cells(obs) for obs in self.observations]
        headers = self._headers()
        self._shown_width = self.size.width
        widths = self._fit([h.cell_len for h in headers], rows)
        self.clear(columns=True)
        for header, width in zip(headers, widths, strict=True):
            self.add_column(header, width=width)
        for obs, cells in zip(self.observations, rows, strict=True):
            self.add_row(*cells, key=obs.id, height=None if wrap else 1)
        if keep is not None:
            for row, obs in enumerate(self.observations):
                if obs.id == keep:
                    self.move_cursor(row=row, animate=False)
                    break

    def _cells(self, obs: Observation) -> list[Text]:
        fmt = self._shown_in.formatter
        wrap = self._wrap
        indicator = self.timeline.indicator.get(obs.indicator)
        cells: list[Text] = []

        def words(text: str, style: str = "") -> Text:
            # A cell that wraps where rows may grow, else one line cut with an ellipsis.
            if wrap:
                return Text(text, style=style, overflow="fold")
            return Text(text, style=style, no_wrap=True, overflow="ellipsis")

        for kind in self.kinds:
            if kind == "flag":
                flag_style = f"bold {self.app.current_theme.warning or 'yellow'}"
                cells.append(Text("⚠" if obs.id in self.flagged else " ", style=flag_style))
            elif kind == "indicator":
                cells.append(words(shown(self.timeline.figure_name(obs, fmt.lang))))
            elif kind == "figure":
                cell = words(shown(self.timeline.figure_name(obs, fmt.lang)))
                covers = coverage(fmt, obs, same_day=self.same_day)
                cell.append("\n" if wrap else " · ")
                cell.append(covers, style="italic")
                cells.append(cell)
            elif kind == "value":
                value = fmt.figure(obs, indicator) if indicator else fmt.number(obs.value)
                cells.append(words(value, "bold"))
            elif kind == "when":
                cells.append(Text(fmt.when(obs), no_wrap=True, overflow="ellipsis"))
            elif kind == "source":
                cells.append(
                    Text(source_label(self.timeline, obs.source), no_wrap=True, overflow="ellipsis")
                )
            elif kind == "platform":
                cells.append(
                    Text(
                        platform_label(self.timeline, obs.platform),
                        no_wrap=True,
                        overflow="ellipsis",
                    )
                )
            elif kind == "kind":
                cells.append(words(reading_kind_full(fmt, obs)))
            elif kind == "trend":
                values, mark = self.trends.get(obs.id, ((), None))
                theme = self.app.current_theme
                cells.append(
                    spark_text(
                        values,
                        mark=mark,
                        style=theme.primary,
                        mark_style=f"bold {theme.accent or theme.primary}",
                    )
                )
        return cells

    def _fit(self, header_widths: list[int], rows: list[list[Text]]) -> list[int]:
        """Column widths: as wide as the content, the wordy columns narrowed to fit the table."""
        widths = list(header_widths)
        for cells in rows:
            for column, cell in enumerate(cells):
                longest = max((cell_len(line) for line in cell.plain.split("\n")), default=0)
                widths[column] = max(widths[column], longest)
        available = self.size.width - 2 * self.cell_padding * len(widths) - 1
        if self.size.width <= 0:
            return widths
        if self._scrolls(rows):
            # The scrollbar takes its columns from the cells: else a column too many
            # would be cut and scrolled to sideways.
            available -= self.styles.scrollbar_size_vertical
        # Narrow the wordy columns first, to a readable minimum; then everything, further.
        for minimums in self.FIT_PASSES:
            for kind, minimum in minimums:
                excess = sum(widths) - available
                if excess <= 0:
                    return widths
                if kind in self.kinds:
                    column = self.kinds.index(kind)
                    widths[column] = max(min(minimum, widths[column]), widths[column] - excess)
        return widths

    def _scrolls(self, rows: list[list[Text]]) -> bool:
        """Whether the rows are more lines than the table may be high (counting a row's
        lines as its cells' own line breaks: a name wrapped further is not foreseen)."""
        limit = self.styles.max_height
        if limit is not None and limit.unit == Unit.CELLS:
            height = int(limit.value)
        else:
            height = self.size.height
        if self._wrap:
            lines = sum(
                max((cell.plain.count("\n") + 1 for cell in row), default=1) for row in rows
            )
        else:
            lines = len(rows)
        return self.show_header + lines > height

    def on_resize(self) -> None:
        if self.size.width != self._shown_width and self.observations:
            current = self.current
            self.show(self.observations, flagged=self.flagged, keep=current.id if current else None)

    @property
    def current(self) -> Observation | None:
        if not self.observations or not self.row_count:
            return None
        return self.observations[min(self.cursor_row, len(self.observations) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        obs = self.current
        if obs is not None:
            self.post_message(self.Chosen(self, obs.id))

    def action_chart(self) -> None:
        obs = self.current
        if obs is not None:
            self.post_message(self.ChartChosen(self, obs.id))

    def action_copy(self, markdown: bool) -> None:
        """`y`/`Y`: the figure under the cursor, with its citation, into the clipboard."""
        obs = self.current
        if obs is not None:
            copy_citation(self.app, self.timeline, obs, markdown=markdown, settings=self.settings)

    def settings_changed(self, settings: Settings) -> None:
        # Whoever shows the table usually fills it again in the new settings in the same
        # step; only rows nobody refilled are written again, after that step.
        self.call_later(self._refill_if_stale)

    def _refill_if_stale(self) -> None:
        if self._shown_in != self.settings and self.observations:
            current = self.current
            self.show(self.observations, flagged=self.flagged, keep=current.id if current else None)

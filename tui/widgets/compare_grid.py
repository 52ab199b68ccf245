"""The comparison grid: a `DataTable` with a cell cursor over a `timeline.comparison.Grid`.

The first column (the indicator) stays put while the others scroll sideways. Cells are
`rich.text.Text` built from cleaned data (a plain string cell would be read as markup).
In the platforms grid a cell holds two lines, the reading and its date; in one platform's
grid the column is the date, so a cell is the reading alone.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from timeline.comparison import Cell, Grid
from timeline.model import Timeline
from tui.labels import platform_label
from tui.language import N_, _
from tui.series_text import indicator_name, value_of
from tui.settings import FollowsSettings, Settings
from tui.widgets.choice_list import vi_keys

NAME_WIDTH = (14, 34)  # the indicator column, narrowest and widest
CELL_WIDTH = (11, 22)  # a platform's column, narrowest and widest


class CompareGrid(FollowsSettings, DataTable[Text]):
    """Indicators × platforms (or × dates); Enter or `s` the cell's source, `c` its chart."""

    DEFAULT_CSS = """
    CompareGrid {
        height: 1fr;
        scrollbar-size-horizontal: 1;
        scrollbar-size-vertical: 1;
        & > .datatable--header { text-style: bold; color: $text-muted; background: $surface; }
        & > .datatable--fixed { text-style: bold; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,s", "choose", N_("Its source"), id="compare.source"),
        Binding("c", "chart", N_("Chart"), id="compare.chart"),
        *vi_keys("compare", first="scroll_top", last="scroll_bottom"),
    ]

    class Chosen(Message):
        """Enter or `s` on a cell (`chart`: `c`); `cell` is empty for an empty cell."""

        def __init__(self, row: str, column: str, cell: Cell, *, chart: bool = False) -> None:
            super().__init__()
            self.row, self.column, self.cell, self.chart = row, column, cell, chart

    def __init__(self, timeline: Timeline, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        self.timeline = timeline
        self.grid: Grid | None = None
        self.by_date = False
        self.flagged: frozenset[str] = frozenset()

    def column_name(self, column: str) -> str:
        if self.by_date:
            day = dt.date.fromisoformat(column)
            readings = (
                [o for r in self.grid.rows for o in self.grid.cell(r, column)] if self.grid else []
            )
            precision = readings[0].as_of_precision if readings else "day"
            return self.settings.formatter.date(day, precision)
        return platform_label(self.timeline, column)

    def show(self, grid: Grid, *, by_date: bool, flagged: frozenset[str]) -> None:
        """Fill the grid, keeping the cursor on the same indicator and column if it is there."""
        kept = self.current
        self.grid, self.by_date, self.flagged = grid, by_date, flagged
        lang = self.settings.lang
        names = [Text(indicator_name(self.timeline, r, lang)) for r in grid.rows]
        columns = [[self._cell(grid.cell(r, c)) for r in grid.rows] for c in grid.columns]
        headers = [Text(self.column_name(c)) for c in grid.columns]
        natural = [
            max([h.cell_len, *(_widest_line(t) for t in col)])
            for h, col in zip(headers, columns, strict=True)
        ]
        widest = max([len(_("Indicator")), *(n.cell_len for n in names)])
        # Every platform in sight where the room allows: the indicator column keeps its
        # narrowest, the cells share the rest (the selected cell is said in full below).
        padding = 2 * self.cell_padding * (len(natural) + 1)
        room = (self.size.width or self.app.size.width) - padding - 3
        share = (room - NAME_WIDTH[0]) // max(1, len(natural))
        # Dates are many: their columns keep their width and scroll sideways instead.
        cell_cap = CELL_WIDTH[1] if by_date else max(CELL_WIDTH[0], min(CELL_WIDTH[1], share))
        widths = [max(CELL_WIDTH[0] if not by_date else 4, min(cell_cap, w)) for w in natural]
        # With dates scrolling anyway, the names keep a third of the room.
        left = max(room // 3, room - sum(widths)) if by_date else room - sum(widths)
        name_width = max(NAME_WIDTH[0], min(NAME_WIDTH[1], widest, left))
        self.clear(columns=True)
        self.add_column(Text(_("Indicator")), width=name_width, key="indicator")
        for header, width, column in zip(headers, widths, grid.columns, strict=True):
            self.add_column(header, width=width, key=column)
        for number, row in enumerate(grid.rows):
            cells = [names[number], *(col[number] for col in columns)]
            for cell in cells:
                cell.no_wrap, cell.overflow = True, "ellipsis"
            self.add_row(*cells, key=row, height=1 if by_date else 2)
        if kept is not None and kept[0] in grid.rows:
            place = grid.columns.index(kept[1]) + 1 if kept[1] in grid.columns else 1
            self.move_cursor(row=grid.rows.index(kept[0]), column=place, animate=False)
        elif grid.rows and grid.columns:
            self.move_cursor(row=0, column=1, animate=False)

    def _cell(self, readings: Cell) -> Text:
        if not readings:
            return Text("–", style="dim")
        fmt = self.settings.formatter
        first = readings[0]
        flag = "⚠ " if any(o.id in self.flagged for o in readings) else ""
        value = value_of(fmt, self.timeline, first)
        if len(readings) > 1:
            value += f" (+{len(readings) - 1})"
        text = Text()
        if flag:
            text.append(flag, style=f"bold {self.app.current_theme.warning or 'yellow'}")
        text.append(value, style="bold")
        if not self.by_date:
            text.append("\n" + fmt.date(first.as_of, first.as_of_precision), style="dim")
        return text

    @property
    def current(self) -> tuple[str, str] | None:
        """(indicator, column) under the cursor; the column is "" on the indicator column."""
        grid = self.grid
        if grid is None or not grid.rows or not self.row_count:
            return None
        row = grid.rows[min(self.cursor_row, len(grid.rows) - 1)]
        column = self.cursor_column - 1
        return row, grid.columns[column] if 0 <= column < len(grid.columns) else ""

    def _post(self, *, chart: bool) -> None:
        current = self.current
        if current is not None and self.grid is not None:
            row, column = current
            self.post_message(self.Chosen(row, column, self.grid.cell(row, column), chart=chart))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self._post(chart=False)

    def action_choose(self) -> None:
        self._post(chart=False)

    def action_chart(self) -> None:
        self._post(chart=True)

    def on_resize(self) -> None:
        if self.grid is not None:
            self.show(self.grid, by_date=self.by_date, flagged=self.flagged)

    def settings_changed(self, settings: Settings) -> None:
        pass  # the screen fills the grid again in the new settings


def _widest_line(text: Text) -> int:
    return max(cell_len(line) for line in text.plain.split("\n"))

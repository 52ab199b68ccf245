"""Compare platforms as a grid: indicators down, platforms across, the latest readings.

Each cell is an indicator's latest reading on a platform with its date, ⚠ where a
data-quality note concerns it; the indicator column stays while the platforms scroll
sideways. Under the grid the selected cell is said in full: the indicator's whole name,
the platform's, the reading, its date and source, and the notes. `p` (or 1…n) switches
to one platform's indicators over the dates they were read on, 0 back to every platform.
Enter or `s` opens the cell's source, `c` the indicator's chart.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from timeline.comparison import Grid, components, platform_grid, platforms_grid
from timeline.l10n.findings import describe
from timeline.model import Timeline
from timeline.queries import Queries
from timeline.series import Series, all_series
from tui.labels import platform_label, source_label
from tui.language import N_, _, ngettext
from tui.safe import clean_block
from tui.series_text import indicator_name, value_of
from tui.settings import FollowsSettings, Settings
from tui.widgets.compare_grid import CompareGrid
from tui.widgets.key_bar import KeyBar

MAX_PLATFORM_KEYS = 9


class CompareScreen(FollowsSettings, Screen[None]):
    """How big is each platform today: every indicator at its latest reading, side by side."""

    CSS_PATH = "compare.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="compare.back"),
        Binding("p", "cycle_platform", N_("One platform"), id="compare.platform"),
        Binding("0", "platform(0)", N_("Every platform"), show=False, id="compare.platform-0"),
        *(
            Binding(
                str(number),
                f"platform({number})",
                N_("One platform over time"),
                show=False,
                id=f"compare.platform-{number}",
            )
            for number in range(1, MAX_PLATFORM_KEYS + 1)
        ),
    ]

    def __init__(self, queries: Queries) -> None:
        super().__init__()
        self.queries = queries
        self.timeline: Timeline = queries.timeline
        known = queries.all_series()
        self.series: tuple[Series, ...] = (
            tuple(known.values()) if known else all_series(self.timeline)
        )
        self.everything = platforms_grid(self.timeline, self.series)
        self.platform: str | None = None  # None: every platform; else one platform by date

    def compose(self) -> ComposeResult:
        yield Static(id="compare-header", markup=False)
        yield CompareGrid(self.timeline, id="compare-grid")
        yield Static(id="compare-selected", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.grid_view.focus()

    @property
    def grid_view(self) -> CompareGrid:
        return self.query_one(CompareGrid)

    @property
    def grid(self) -> Grid:
        if self.platform is None:
            return self.everything
        return platform_grid(self.timeline, self.platform, self.series)

    def _flagged(self, grid: Grid) -> frozenset[str]:
        shown = {o.id for cell in grid.cells.values() for o in cell}
        return frozenset(
            o for s in self.series for w in s.conflicts for o in w.observations if o in shown
        )

    def _header(self, grid: Grid) -> Content:
        fmt = self.settings.formatter
        t = self.timeline
        rows = ngettext("{count} indicator", "{count} indicators", len(grid.rows)).format(
            count=fmt.number(len(grid.rows))
        )
        if self.platform is not None:
            dates = ngettext("{count} date", "{count} dates", len(grid.columns)).format(
                count=fmt.number(len(grid.columns))
            )
            return Content.assemble(
                (
                    _("Compare: {platform} over time").format(
                        platform=platform_label(t, self.platform)
                    ),
                    "bold",
                ),
                f"  {rows} × {dates}",
            )
        columns = ngettext("{count} platform", "{count} platforms", len(grid.columns)).format(
            count=fmt.number(len(grid.columns))
        )
        parts: list[str | tuple[str, str]] = [
            (_("Compare platforms"), "bold"),
            f"  {rows} × {columns}",
        ]
        for parent, members in components(t).items():
            if parent in grid.columns:
                parts.append(
                    " · "
                    + _("{parent} includes {components}").format(
                        parent=platform_label(t, parent),
                        components=", ".join(platform_label(t, m) for m in members),
                    )
                )
        return Content.assemble(*parts)

    def _fill(self) -> None:
        grid = self.grid
        self.query_one("#compare-header", Static).update(self._header(grid))
        self.grid_view.show(grid, by_date=self.platform is not None, flagged=self._flagged(grid))
        self._describe()

    def _describe(self) -> None:
        """The selected cell in full, under the grid: names, reading, date, source, notes."""
        box = self.query_one("#compare-selected", Static)
        view = self.grid_view
        current = view.current
        if current is None:
            box.update(Content(_("Nothing to compare: no indicator has a line of readings.")))
            return
        t = self.timeline
        lang, fmt = self.settings.lang, self.settings.formatter
        row, column = current
        name = indicator_name(t, row, lang)
        grid = view.grid or self.grid
        if self.platform is not None:
            where = platform_label(t, self.platform)
            if column:
                where += " · " + view.column_name(column)
        else:
            where = platform_label(t, column) if column else ""
        lines = [Content.assemble((name, "bold"), (f"  {where}" if where else "", "bold"))]
        cell = grid.cell(row, column) if column else ()
        if not column:
            reporting = [platform_label(t, c) for c in grid.reported_by(row)]
            if self.platform is None:
                lines.append(
                    Content(_("Reported by: {platforms}").format(platforms=", ".join(reporting)))
                )
        elif not cell:
            lines.append(Content.styled(_("No reading here."), "italic"))
        for obs in cell:
            lines.append(
                Content(
                    _("{value}, {when} · source: {source}").format(
                        value=value_of(fmt, t, obs),
                        when=fmt.when(obs),
                        source=source_label(t, obs.source),
                    )
                )
            )
        ids = {o.id for o in cell}
        series = grid.series.get((row, column))
        for warning in series.conflicts if series else ():
            if not ids.isdisjoint(warning.observations):
                lines.append(
                    Content.assemble(
                        ("⚠ ", "bold $text-warning"),
                        (clean_block(describe(warning, fmt)).strip(), "$text-warning"),
                    )
                )
        box.update(Content("\n").join(lines))

    @on(DataTable.CellHighlighted, "#compare-grid")
    def _highlighted(self, message: DataTable.CellHighlighted) -> None:
        self._describe()

    @on(CompareGrid.Chosen)
    def _chosen(self, message: CompareGrid.Chosen) -> None:
        message.stop()
        from tui.screens.source import SourceScreen

        t = self.timeline
        name = indicator_name(t, message.row, self.settings.lang)
        if not message.cell:
            if message.column:
                self.notify(_("No reading of “{indicator}” here.").format(indicator=name))
            else:
                self.notify(_("Move right to a reading: each has its source."))
            return
        obs = message.cell[0]
        if message.chart:
            self.app.open_chart(*self.queries.series_key(obs), observation=obs.id)  # type: ignore[attr-defined]
            return
        sources = list(dict.fromkeys(o.source for o in message.cell))
        self.app.push_screen(SourceScreen(self.queries, sources, observation=obs.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "platform" and parameters:
            number = parameters[0]
            return isinstance(number, int) and number <= len(self.everything.columns)
        return True

    def action_platform(self, number: int) -> None:
        columns = self.everything.columns
        platform = columns[number - 1] if 1 <= number <= len(columns) else None
        if platform != self.platform:
            self.platform = platform
            self._fill()

    def action_cycle_platform(self) -> None:
        choices: list[str | None] = [None, *self.everything.columns]
        position = choices.index(self.platform) if self.platform in choices else 0
        self.platform = choices[(position + 1) % len(choices)]
        self._fill()

    def action_close(self) -> None:
        if self.platform is not None:
            self.platform = None  # Escape goes back to every platform first
            self._fill()
            return
        self.dismiss(None)

    def settings_changed(self, settings: Settings) -> None:
        self._fill()

"""Compare platforms: each platform's headline indicators at their latest reading.

One table, a group of rows per platform (its name on the group's first row, in its
colour): the indicator, the latest value on its line, when and where it was reported,
and ⚠ where a data-quality note concerns that reading. Enter or `s` opens the source,
`c` the indicator's chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from timeline.l10n.findings import describe
from timeline.model import Observation, Timeline
from timeline.queries import Queries
from timeline.series import headline
from tui.labels import platform_label, slots
from tui.language import N_, _, ngettext
from tui.safe import clean_block
from tui.screens.source import SourceScreen
from tui.settings import FollowsSettings, Settings
from tui.widgets.figures_table import FiguresTable
from tui.widgets.key_bar import KeyBar


class HeadlineTable(FiguresTable):
    """The latest readings, grouped by platform: Enter or `s` for the source, `c` for the chart."""

    # Long indicator names and values share the room; the source and platform give way first.
    FIT_PASSES: ClassVar[tuple[tuple[tuple[str, int], ...], ...]] = (
        (("indicator", 40), ("source", 18), ("value", 24), ("when", 12)),
        (("indicator", 24), ("source", 12), ("platform", 10), ("value", 18)),
        (("indicator", 16), ("source", 8), ("platform", 8), ("value", 14), ("when", 9)),
        (("indicator", 8), ("source", 4), ("platform", 4), ("when", 6), ("value", 8)),
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,s", "choose", N_("Its source"), id="compare.source"),
    ]

    def __init__(self, timeline: Timeline, *, id: str | None = None) -> None:
        super().__init__(
            timeline,
            columns=("flag", "platform", "indicator", "value", "when", "source"),
            id=id,
        )
        self.groups: dict[str, str] = {}  # observation id -> top platform
        self.first_rows: frozenset[str] = frozenset()  # the first observation of each group
        self._slots = slots(timeline)

    def show_groups(
        self,
        groups: Sequence[tuple[str, Sequence[Observation]]],
        *,
        flagged: frozenset[str],
        keep: str | None = None,
    ) -> None:
        self.groups = {obs.id: platform for platform, rows in groups for obs in rows}
        self.first_rows = frozenset(rows[0].id for _platform, rows in groups if rows)
        rows = [obs for _platform, group in groups for obs in group]
        self.show(rows, flagged=flagged, keep=keep)

    def _cells(self, obs: Observation) -> list[Text]:
        cells = super()._cells(obs)
        if "platform" in self.kinds:
            top = self.groups.get(obs.id, obs.platform or "")
            slot = self._slots.get(top, 0)
            colour = self.app.theme_variables.get(f"slot-{slot}", "")
            name = platform_label(self.timeline, top) if obs.id in self.first_rows else ""
            cells[self.kinds.index("platform")] = Text(
                name, style=f"bold {colour}".strip(), no_wrap=True, overflow="ellipsis"
            )
        return cells


class CompareScreen(FollowsSettings, Screen[None]):
    """How big is each platform today: every headline indicator at its latest reading."""

    CSS_PATH = "compare.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="compare.back"),
    ]

    def __init__(self, queries: Queries) -> None:
        super().__init__()
        self.queries = queries
        self.timeline = timeline = queries.timeline
        self.groups: list[tuple[str, tuple[Observation, ...]]] = []
        for platform, series in headline(timeline).items():
            latest = tuple(s.latest for s in series if s.latest is not None)
            self.groups.append((platform, latest))

    def compose(self) -> ComposeResult:
        yield Static(id="compare-header", markup=False)
        yield Static(id="compare-intro", markup=False)
        yield HeadlineTable(self.timeline, id="compare-table")
        yield Static(id="compare-notes", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(HeadlineTable).focus()

    @property
    def table(self) -> HeadlineTable:
        return self.query_one(HeadlineTable)

    def _flagged(self) -> frozenset[str]:
        found: set[str] = set()
        for _platform, rows in self.groups:
            for obs in rows:
                series = self.queries.series_for(obs)
                if series is not None and series.is_conflicting(obs.id):
                    found.add(obs.id)
        return frozenset(found)

    def _fill(self) -> None:
        fmt = self.settings.formatter
        platforms = sum(1 for _platform, rows in self.groups if rows)
        indicators = sum(len(rows) for _platform, rows in self.groups)
        self.query_one("#compare-header", Static).update(
            Content.assemble(
                (_("Compare platforms"), "bold"),
                "  ",
                ngettext("{count} indicator", "{count} indicators", indicators).format(
                    count=fmt.number(indicators)
                ),
                " · ",
                ngettext("{count} platform", "{count} platforms", platforms).format(
                    count=fmt.number(platforms)
                ),
            )
        )
        self.query_one("#compare-intro", Static).update(
            Content(
                _(
                    "Each platform's indicators at their latest reading, with its date and "
                    "source. Enter or s: the source; c: the indicator over time."
                )
            )
        )
        table = self.table
        current = table.current
        table.show_groups(
            self.groups,
            flagged=self._flagged(),
            keep=current.id if current is not None else None,
        )
        self._show_notes(table.current)

    def _show_notes(self, obs: Observation | None) -> None:
        """The data-quality notes about the highlighted reading, under the table."""
        notes = self.query_one("#compare-notes", Static)
        series = self.queries.series_for(obs) if obs is not None else None
        if obs is None or series is None or not series.is_conflicting(obs.id):
            notes.display = False
            notes.update("")
            return
        fmt = self.settings.formatter
        lines = [
            Content.assemble(("⚠ ", "bold"), clean_block(describe(w, fmt)).strip())
            for w in series.conflicts
            if obs.id in w.observations
        ]
        notes.display = True
        notes.update(Content("\n").join(lines))

    @on(DataTable.RowHighlighted, "#compare-table")
    def _highlighted(self, message: DataTable.RowHighlighted) -> None:
        self._show_notes(self.table.current)

    @on(FiguresTable.Chosen)
    def _reading_chosen(self, message: FiguresTable.Chosen) -> None:
        message.stop()
        obs = self.timeline.observation[message.observation]
        self.app.push_screen(SourceScreen(self.queries, [obs.source], observation=obs.id))

    def action_close(self) -> None:
        self.dismiss(None)

    def settings_changed(self, settings: Settings) -> None:
        self._fill()

"""Everything about the selected event: what happened, the source's words, its figures.

Built from `Content` objects only: no data string is ever read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from timeline.l10n.findings import describe
from timeline.model import Milestone, Observation
from timeline.queries import Queries
from tui.compat import LayoutOnceSize
from tui.labels import kind_name, slots, source_label, title_of
from tui.language import _, ngettext
from tui.safe import clean, clean_block, is_blank
from tui.series_text import value_of
from tui.settings import FollowsSettings, Settings
from tui.widgets.arranged import PlainText
from tui.widgets.sparkline import LINE_CELLS, resample, spark

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from tui.widgets.figure_line import FigureLine
    from tui.widgets.figures_table import FiguresTable, Trend

# The figures table gets a sparkline column from this width on; narrower, the highlighted
# figure's sparkline is shown under the table only.
TREND_COLUMN_WIDTH = 56


def trends_for(queries: Queries, figures: tuple[Observation, ...]) -> dict[str, Trend]:
    """Sparklines for the figures whose series has a line of SPARK_MIN readings or more."""
    found: dict[str, Trend] = {}
    for obs in figures:
        trend = queries.trend(obs)
        if trend is not None:
            found[obs.id] = (trend.points, trend.positions.get(obs.id))
    return found


class DetailPane(FollowsSettings, LayoutOnceSize, VerticalScroll, can_focus=False):
    """Title, date, platform, kind, summary, quote, figures, warnings and sources."""

    DEFAULT_CSS = """
    DetailPane {
        padding: 0 1;
        scrollbar-size-vertical: 1;
        & > Static { width: 1fr; height: auto; }
        & > #detail-title { text-style: bold; color: $text; margin-bottom: 0; }
        & > #detail-meta { color: $text-muted; }
        & > #detail-summary { margin-top: 1; }
        & > #detail-quote {
            margin-top: 1; padding-left: 1; border-left: outer $secondary; text-style: italic;
        }
        & > #detail-figures-heading { margin-top: 1; text-style: bold; color: $text-accent; }
        & > FiguresTable { margin-top: 0; }
        & > #detail-figures-heading.-none { text-style: italic; color: $text-muted; }
        & > #detail-warnings { margin-top: 1; color: $text-warning; }
        & > #detail-sources { margin-top: 1; color: $text-muted; }
        & > .-hidden { display: none; }
    }
    """

    def __init__(self, queries: Queries, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Until a large timeline's analysis is there (ExplorerScreen._prepare), the pane
        # shows the rest, without data notes and sparklines, and is refilled when it comes.
        self.queries = queries
        self.timeline = queries.timeline
        self._slots = slots(queries.timeline)
        self.index: int | None = None
        self._trend_column = False
        self._figure: Observation | None = None  # the one shown under the table
        self._table: FiguresTable | None = None
        self._line: FigureLine | None = None

    def compose(self) -> ComposeResult:
        yield PlainText(id="detail-title")
        yield PlainText(id="detail-meta")
        yield PlainText(id="detail-summary")
        yield PlainText(id="detail-quote")
        yield PlainText(id="detail-figures-heading")
        # The figures table and its line come with the first event that has figures
        # (`figures`): a hidden table still costs its styles, its mount and its module,
        # some 10 ms of a start on an event without figures.
        yield PlainText(id="detail-warnings")
        yield PlainText(id="detail-sources")

    @property
    def figures(self) -> FiguresTable:
        """The figures table, mounted (hidden, empty) the first time it is needed."""
        if self._table is None:
            from tui.widgets.figure_line import FigureLine
            from tui.widgets.figures_table import FiguresTable

            table = FiguresTable(self.timeline, id="figures")
            table.display = False
            line = FigureLine(id="detail-figure")
            line.add_class("-hidden")
            self.mount(table, line, after=self._static("detail-figures-heading"))
            self._table, self._line = table, line
            self._fit_table()
        return self._table

    @property
    def shown_figures(self) -> tuple[Observation, ...]:
        """The figures the table lists now; none before it was first needed."""
        return () if self._table is None else self._table.observations

    @property
    def milestone(self) -> Milestone | None:
        return None if self.index is None else self.timeline.events[self.index]

    def show(self, index: int | None) -> None:
        changed = index != self.index
        self.index = index
        self._fill(keep_cursor=not changed)
        if changed:
            self.scroll_home(animate=False)

    def settings_changed(self, settings: Settings) -> None:
        self._fill(keep_cursor=True)

    def refill(self) -> None:
        """Show the same event again (its data notes and sparklines have come)."""
        self._fill(keep_cursor=True)

    def on_resize(self) -> None:
        self._fit_table()
        if (self._table_width() >= TREND_COLUMN_WIDTH) != self._trend_column:
            self._fill(keep_cursor=True)

    def _table_width(self) -> int:
        """The width a table of figures is given: the pane's, its scrollbar not counted.

        Whether the pane already scrolls depends on the event shown before (a table of
        figures mostly makes it scroll), so counting the scrollbar would let keys typed
        fast decide whether the trend column shows. Where it does scroll, the table's
        other columns give the scrollbar its column.
        """
        return self.content_region.width

    def _fit_table(self) -> None:
        """The table leaves room under it, in the pane, for the line describing its figure."""
        if self._table is not None:
            from tui.widgets.figure_line import table_lines

            height = self.scrollable_content_region.height
            self._table.styles.max_height = min(14, table_lines(height))

    @on(events.DescendantFocus)
    def _table_focused(self, event: events.DescendantFocus) -> None:
        if event.widget is self._table:
            self.call_after_refresh(self._bring_table_into_view)

    def _bring_table_into_view(self) -> None:
        """Focus is never on a table out of sight: the table at the top, its figure under it."""
        if self._table is not None and self._table.has_focus:
            self.scroll_to_widget(self._table, animate=False, top=True, immediate=True)

    def _static(self, name: str) -> Static:
        return self.query_one(f"#{name}", Static)

    def _set(self, name: str, content: Content | None) -> None:
        static = self._static(name)
        if content is None or not content.plain:
            static.add_class("-hidden")
            static.update("")
        else:
            static.remove_class("-hidden")
            static.update(content)

    def _fill(self, *, keep_cursor: bool) -> None:
        milestone = self.milestone
        if milestone is None:
            self._set("detail-title", Content(_("Nothing to show")))
            self._set("detail-meta", Content(_("No event is selected.")))
            for name in ("detail-summary", "detail-quote", "detail-figures-heading"):
                self._set(name, None)
            self._show_figure(None)
            self._set("detail-warnings", None)
            self._set("detail-sources", None)
            if self._table is not None:
                self._table.display = False
            return
        lang, fmt = self.settings.lang, self.settings.formatter
        t, q = self.timeline, self.queries
        self._set("detail-title", Content(title_of(milestone)))

        # Date · kind, then the platform in its colour, then what is known of the date.
        parts: list[str | tuple[str, str]] = [
            fmt.date(milestone.date, milestone.date_precision),
            ("  · " + kind_name(milestone.kind), "italic"),
            "\n",
        ]
        if milestone.platform is not None:
            platform = t.platform.get(milestone.platform)
            name = clean(platform.name.get(lang)) if platform else clean(milestone.platform)
            slot = self._slots.get(milestone.platform, 0)
            parts.append(("● " + name, f"$slot-{slot} bold"))
        else:
            parts.append(("● " + _("National"), "$slot-0 bold"))
        if milestone.date_note:
            parts += ["\n", (_("Date: ") + clean(milestone.date_note.get(lang)), "italic")]
        self._set("detail-meta", Content.assemble(*parts))

        summary = milestone.summary.get(lang)
        self._set("detail-summary", None if is_blank(summary) else Content(clean_block(summary)))
        if milestone.quote and not is_blank(milestone.quote):
            self._set("detail-quote", Content(f"“{clean_block(milestone.quote).strip()}”"))
        else:
            self._set("detail-quote", None)

        figures = q.figures(milestone)
        warnings = q.warnings_for(milestone)
        flagged = frozenset(o for w in warnings for o in w.observations)
        heading_static = self._static("detail-figures-heading")
        heading_static.set_class(not figures, "-none")
        if figures:
            heading = ngettext("{count} figure", "{count} figures", len(figures)).format(
                count=fmt.number(len(figures))
            )
            hint = _("Tab to select, Enter for its source")
            table = self.figures
            self._set(
                "detail-figures-heading",
                Content.assemble(heading, ("  · " + hint, "not bold $text-muted")),
            )
            table.display = True
            several = len({obs.source for obs in figures}) > 1
            table.trends = trends_for(q, figures)
            self._trend_column = self._table_width() >= TREND_COLUMN_WIDTH
            # The name over what the figure covers, in one column; no date column: a
            # figure of the event's day would only repeat it, another day is written out.
            table.same_day = milestone.date
            table.kinds = (
                *(("flag",) if flagged else ()),
                "figure",
                "value",
                *(("trend",) if table.trends and self._trend_column else ()),
                *(("source",) if several else ()),
            )
            current = table.current if keep_cursor else None
            keep = current.id if current else None
            table.show(figures, flagged=flagged, keep=keep)
            self._show_figure(table.current)
        else:
            self._set(
                "detail-figures-heading", Content(_("No figures are reported for this event."))
            )
            if self._table is not None:
                self._table.display = False
                self._table.show(())
            self._show_figure(None)

        if warnings:
            lines = [
                Content.assemble(("⚠ ", "bold"), clean_block(describe(w, fmt))) for w in warnings
            ]
            self._set("detail-warnings", Content("\n").join(lines))
        else:
            self._set("detail-warnings", None)

        sources: list[str | tuple[str, str]] = [
            (_("Sources: ") if len(milestone.sources) > 1 else _("Source: "), "bold")
        ]
        for number, source_id in enumerate(milestone.sources):
            if number:
                sources.append("; ")
            sources.append(source_label(t, source_id))
        sources.append(("  " + _("(Enter or s opens it)"), "italic"))
        self._set("detail-sources", Content.assemble(*sources))

    # By its handler's name rather than @on(DataTable.RowHighlighted): the decorator
    # would import the table's module with the pane's, before any table is needed.
    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        if self._table is None or message.data_table is not self._table:
            return
        message.stop()
        # A refill already shows its current figure; the table says so only after the
        # frame, and showing it again would lay out the pane a second time.
        current = self._table.current
        if current is not self._figure:
            self._show_figure(current)

    def _show_figure(self, obs: Observation | None) -> None:
        """The highlighted figure's own words under the table, and what it is compared with."""
        self._figure = obs
        if self._line is None:  # no table yet, so no figure to describe
            return
        fmt = self.settings.formatter
        more: list[str | tuple[str, str]] = []
        series = None if obs is None else self.queries.series_for(obs)
        trend = None if obs is None else self.queries.trend(obs)
        if series is not None and trend is not None:
            first, last = series.line[0], series.line[-1]
            more = [
                _("Over time: "),
                (spark(resample(trend.points, LINE_CELLS)[0]), "$primary"),
                f"  {value_of(fmt, self.timeline, first)} ({fmt.when(first)}) → "
                f"{value_of(fmt, self.timeline, last)} ({fmt.when(last)})  ",
                (_("c: chart"), "bold"),
            ]
        self._line.describe(fmt, self.timeline, obs, more=more)

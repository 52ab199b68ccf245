"""Every article the timeline takes its figures from, by the name the other screens use.

A row per source: its label, outlet, date, headline, and how many figures and data notes
come from it; the highlighted one is described in full under the table (the whole
headline, why its date is partial or absent, its web address). Enter opens the source
view, `o` the article online where the timeline gives its address.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from timeline.citation import source_date
from timeline.model import Source
from timeline.queries import Queries
from tui.labels import shown, source_label, source_url
from tui.language import N_, _, ngettext
from tui.safe import clean, clean_block
from tui.settings import FollowsSettings, Settings
from tui.widgets.choice_list import vi_keys
from tui.widgets.key_bar import KeyBar

# Which columns give way first when the table is narrow: (column, narrowest).
GIVES_WAY = (("headline", 12), ("outlet", 10), ("label", 18), ("headline", 6), ("outlet", 6))


def _by_date(source: Source) -> tuple[bool, dt.date]:
    # Oldest first; the undated after the dated, in the file's order (the sort is stable).
    return (source.published is None, source.published or dt.date.min)


class SourcesTable(FollowsSettings, DataTable[Text]):
    """The articles; Enter opens the highlighted one."""

    DEFAULT_CSS = """
    SourcesTable {
        height: 1fr;
        & > .datatable--header { text-style: bold; color: $text-muted; background: $surface; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,s", "open_source", N_("Open it"), id="sources.open"),
        *vi_keys("sources", first="scroll_top", last="scroll_bottom"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)

    def action_open_source(self) -> None:
        screen = self.screen
        if isinstance(screen, SourcesScreen):
            screen.open_current()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_source()

    def settings_changed(self, settings: Settings) -> None:
        pass  # the screen refills the rows


class SourcesScreen(FollowsSettings, Screen[None]):
    """Which article is which: the names the data notes and tables cite, resolved."""

    CSS_PATH = "sources.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="sources.back"),
        Binding("o", "open_online", N_("Open online"), id="sources.open-online"),
    ]

    def __init__(self, queries: Queries) -> None:
        super().__init__()
        self.queries = queries
        self.timeline = queries.timeline
        self.order: list[Source] = sorted(self.timeline.sources, key=_by_date)

    def compose(self) -> ComposeResult:
        yield Static(id="sources-header", markup=False)
        yield SourcesTable(id="sources-table")
        yield Static(id="sources-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.table.focus()

    @property
    def table(self) -> SourcesTable:
        return self.query_one(SourcesTable)

    @property
    def current(self) -> Source | None:
        table = self.table
        if not self.order or not table.row_count:
            return None
        return self.order[min(table.cursor_row, len(self.order) - 1)]

    def counts(self, source: Source) -> tuple[int, int]:
        """(figures taken from it, data notes about it or its figures)."""
        figures = self.timeline.observations_from(source.id)
        ids = {o.id for o in figures}
        notes = sum(
            1
            for w in self.queries.warnings()
            if source.id in w.sources or not ids.isdisjoint(w.observations)
        )
        return len(figures), notes

    def _fill(self) -> None:
        lang, fmt = self.settings.lang, self.settings.formatter
        count = len(self.order)
        self.query_one("#sources-header", Static).update(
            Content.assemble(
                (_("Sources"), "bold"),
                "  ",
                ngettext("{count} article", "{count} articles", count).format(
                    count=fmt.number(count)
                ),
                " · ",
                _("Enter opens one"),
            )
        )
        table = self.table
        row = table.cursor_row if table.row_count else 0
        headers = [_("Source"), _("Outlet"), _("Date"), _("Headline"), _("Figures"), _("Notes")]
        rows: list[list[Text]] = []
        for source in self.order:
            figures, notes = self.counts(source)
            outlet = shown(source.outlet) if source.outlet else _("not named")
            rows.append(
                [
                    Text(source_label(self.timeline, source.id), style="bold"),
                    Text(outlet, style="" if source.outlet else "italic"),
                    Text(source_date(source, lang)),
                    Text(shown(source.title)),
                    Text(fmt.number(figures), justify="right"),
                    Text(fmt.number(notes) if notes else "–", justify="right"),
                ]
            )
        widths = self._fit([Text(h).cell_len for h in headers], rows)
        table.clear(columns=True)
        for header, width in zip(headers, widths, strict=True):
            table.add_column(Text(header), width=width)
        for cells in rows:
            for cell in cells:
                cell.no_wrap, cell.overflow = True, "ellipsis"
            table.add_row(*cells)
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1), animate=False)
        self._describe()

    def _fit(self, widths: list[int], rows: list[list[Text]]) -> list[int]:
        """As wide as the content; the headline, then the outlet and label, give way."""
        for cells in rows:
            for column, cell in enumerate(cells):
                widths[column] = max(widths[column], cell.cell_len)
        table = self.table
        room = (table.size.width or self.app.size.width) - 2 * table.cell_padding * len(widths) - 2
        names = ("label", "outlet", "date", "headline", "figures", "notes")
        for name, narrowest in GIVES_WAY:
            excess = sum(widths) - room
            if excess <= 0:
                break
            column = names.index(name)
            widths[column] = max(min(narrowest, widths[column]), widths[column] - excess)
        return widths

    def _describe(self) -> None:
        """The highlighted article in full: headline, outlet and byline, date and why."""
        detail = self.query_one("#sources-detail", Static)
        source = self.current
        if source is None:
            detail.update(Content(_("The timeline names no sources.")))
            return
        lang = self.settings.lang
        lines = [Content.styled(f"“{shown(source.title)}”", "bold")]
        who = [shown(source.outlet) if source.outlet else _("outlet not named")]
        if source.byline:
            who.append(_("By {name}").format(name=shown(source.byline)))
        who.append(source_date(source, lang))
        lines.append(Content(" · ".join(who)))
        if source.published_note:
            lines.append(Content.styled(clean_block(source.published_note.get(lang)), "italic"))
        url = source_url(source)
        if url:
            lines.append(Content(_("Online: {url}  (o opens it)").format(url=clean(url))))
        detail.update(Content("\n").join(lines))

    @on(DataTable.RowHighlighted, "#sources-table")
    def _highlighted(self, message: DataTable.RowHighlighted) -> None:
        self._describe()

    def open_current(self) -> None:
        from tui.screens.source import SourceScreen

        source = self.current
        if source is not None:
            self.app.push_screen(SourceScreen(self.queries, [source.id]))

    def action_open_online(self) -> None:
        source = self.current
        url = source_url(source)
        if url is None:
            self.notify(_("The timeline gives no web address for this article."))
            return
        self.app.open_url(url)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_resize(self) -> None:
        self._fill()

    def settings_changed(self, settings: Settings) -> None:
        self._fill()

"""Where a figure or an event comes from: the article, its words, and all it reported."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from timeline.l10n.findings import describe
from timeline.model import Source
from timeline.queries import Queries
from tui.labels import shown, source_label, source_url, title_of
from tui.language import N_, _, ngettext
from tui.safe import clean, clean_block, is_blank
from tui.settings import FollowsSettings, Settings
from tui.widgets.figure_line import FigureLine, bring_into_view, table_lines
from tui.widgets.figures_table import FiguresTable
from tui.widgets.key_bar import KeyBar


class QuotedFigures(FiguresTable):
    """The article's figures; Enter shows the chosen one's words above the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,s", "choose", N_("Show its words"), id="source.figure-words"),
    ]


class SourceScreen(FollowsSettings, Screen[None]):
    """One article at a time ([ and ] when an event cites several); Escape goes back."""

    CSS_PATH = "source.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="source.back"),
        Binding("[", "previous_source", N_("Previous source"), id="source.previous"),
        Binding("]", "next_source", N_("Next source"), id="source.next"),
        Binding("o", "open_online", N_("Open online"), id="source.open-online"),
    ]

    def __init__(
        self,
        queries: Queries,
        sources: Sequence[str],
        *,
        milestone: str | None = None,
        observation: str | None = None,
    ) -> None:
        super().__init__()
        self.queries = queries
        self.timeline = timeline = queries.timeline
        self.sources = [s for s in sources if s in timeline.source] or list(sources[:1])
        self.position = 0
        self.milestone = milestone
        self.observation = observation

    def compose(self) -> ComposeResult:
        yield Static(id="source-header", markup=False)
        with VerticalScroll(id="source-body"):
            yield Static(id="source-outlet", markup=False)
            yield Static(id="source-title", markup=False)
            yield Static(id="source-meta", markup=False)
            yield Static(id="source-url", markup=False)
            yield Static(id="source-notes", markup=False)
            yield Static(id="source-quote-heading", markup=False)
            yield Static(id="source-quote", markup=False)
            yield Static(id="source-figures-heading", markup=False)
            yield QuotedFigures(
                self.timeline,
                columns=("flag", "figure", "value", "platform"),
                id="source-figures",
            )
            yield FigureLine(id="source-figure")
            yield Static(id="source-warnings", markup=False)
            yield Static(id="source-technical", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(FiguresTable).focus(scroll_visible=False)
        self.call_after_refresh(self._fit_table)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fit_table)

    def _fit_table(self) -> None:
        """The table leaves room under it for the line saying its figure in full, and is
        brought into view with its heading (the article's words are a scroll away)."""
        body = self.query_one("#source-body", VerticalScroll)
        table = self.query_one(FiguresTable)
        table.styles.max_height = table_lines(body.scrollable_content_region.height, above=2)
        self.call_after_refresh(self._bring_table_into_view)

    def _bring_table_into_view(self) -> None:
        table = self.query_one(FiguresTable)
        if table.has_focus and table.display:
            heading = self.query_one("#source-figures-heading", Static)
            line = self.query_one(FigureLine)
            bring_into_view(self.query_one("#source-body", VerticalScroll), heading, line)

    @property
    def source(self) -> Source | None:
        if not self.sources:
            return None
        return self.timeline.source.get(self.sources[self.position])

    def _set(self, name: str, content: Content | None) -> None:
        static = self.query_one(f"#{name}", Static)
        static.set_class(content is None, "-hidden")
        static.update(content or "")

    def _fill(self) -> None:
        t = self.timeline
        lang, fmt = self.settings.lang, self.settings.formatter
        source = self.source
        header: list[str | tuple[str, str]] = [(_("Source"), "bold")]
        if source is not None:
            header.append(("  " + source_label(t, source.id), "bold"))
        if len(self.sources) > 1:
            header.append(
                "  "
                + _("{number} of {count}  ([ and ] show the others)").format(
                    number=self.position + 1, count=len(self.sources)
                )
            )
        self.query_one("#source-header", Static).update(Content.assemble(*header))
        if source is None:
            self._set("source-outlet", Content(_("This source is not in the timeline.")))
            for name in (
                "source-title",
                "source-meta",
                "source-notes",
                "source-quote-heading",
                "source-quote",
                "source-url",
                "source-technical",
            ):
                self._set(name, None)
            self._set("source-warnings", None)
            self._set("source-figures-heading", None)
            self.query_one(FiguresTable).display = False
            self.query_one(FigureLine).describe(fmt, t, None)
            return

        outlet = self.query_one("#source-outlet", Static)
        outlet.set_class(source.outlet is None, "-unnamed")
        self._set(
            "source-outlet",
            Content(shown(source.outlet) if source.outlet else _("outlet not named")),
        )
        self._set("source-title", Content(shown(source.title)))

        meta: list[str] = []
        if source.byline:
            meta.append(_("By {name}").format(name=shown(source.byline)))
        if source.published is not None:
            meta.append(
                _("Published {date}").format(
                    date=fmt.date(source.published, source.published_precision)
                )
            )
        else:
            meta.append(_("Publication date not given"))
        if source.published_note:
            meta.append(clean(source.published_note.get(lang)))
        self._set("source-meta", Content("\n".join(meta)))
        url = source_url(source)
        self._set(
            "source-url",
            Content(_("Online: {url}  (o opens it)").format(url=clean(url))) if url else None,
        )
        # The names the timeline file uses, for whoever edits it: never the way a reader
        # is told which article this is (the label above does that).
        technical = [_("id {id}").format(id=clean(source.id))]
        if source.file:
            technical.append(_("file {name}").format(name=clean(source.file)))
        self._set(
            "source-technical",
            Content(_("Technical details: {details}").format(details=" · ".join(technical))),
        )
        notes = clean_block(source.notes.get(lang)).strip() if source.notes else ""
        self._set("source-notes", Content(notes) if notes else None)

        # The words quoted: the chosen figure's, or the event's.
        obs = t.observation.get(self.observation) if self.observation else None
        if obs is not None and obs.source == source.id:
            indicator = t.indicator.get(obs.indicator)
            name = shown(t.figure_name(obs, lang))
            value = fmt.figure(obs, indicator) if indicator else fmt.number(obs.value)
            heading = _("Quoted for the figure: {name}, {value} ({when})").format(
                name=name, value=value, when=fmt.when(obs)
            )
            quote: str | None = obs.quote
        elif self.milestone is not None and self.milestone in t.milestone:
            milestone = t.milestone[self.milestone]
            heading = _("Quoted for the event: {title}").format(title=title_of(milestone))
            quote = milestone.quote
        else:
            heading, quote = _("Quoted"), None
        self._set("source-quote-heading", Content(heading))
        if quote and not is_blank(quote):
            self._set("source-quote", Content(f"“{clean_block(quote).strip()}”"))
        else:
            self._set(
                "source-quote",
                Content(_("No words are quoted for it; Enter on a figure below shows its own.")),
            )

        figures = t.observations_from(source.id)
        figure_ids = {o.id for o in figures}
        warnings = [
            w
            for w in self.queries.warnings()
            if source.id in w.sources or not figure_ids.isdisjoint(w.observations)
        ]
        flagged = frozenset(o for w in warnings for o in w.observations)
        if warnings:
            lines = [
                Content.assemble(("⚠ ", "bold"), clean_block(describe(w, fmt))) for w in warnings
            ]
            self._set("source-warnings", Content("\n").join(lines))
        else:
            self._set("source-warnings", None)

        table = self.query_one(FiguresTable)
        if figures:
            self._set(
                "source-figures-heading",
                Content(
                    ngettext(
                        "{count} figure from this article",
                        "{count} figures from this article",
                        len(figures),
                    ).format(count=fmt.number(len(figures)))
                ),
            )
            table.display = True
            keep = self.observation if self.observation in figure_ids else None
            current = table.current
            if keep is None and current is not None and current.id in figure_ids:
                keep = current.id
            table.show(figures, flagged=flagged, keep=keep)
            self.query_one(FigureLine).describe(fmt, t, table.current)
        else:
            self._set(
                "source-figures-heading", Content(_("No figures are taken from this article."))
            )
            table.display = False
            table.show(())
            self.query_one(FigureLine).describe(fmt, t, None)

    @on(DataTable.RowHighlighted, "#source-figures")
    def _figure_highlighted(self, message: DataTable.RowHighlighted) -> None:
        """The line under the table follows the cursor, and stays in sight with it."""
        message.stop()
        table = self.query_one(FiguresTable)
        line = self.query_one(FigureLine)
        if table.current is not line.figure:
            line.describe(self.settings.formatter, self.timeline, table.current)
            self.call_after_refresh(self._bring_table_into_view)

    @on(FiguresTable.Chosen)
    def _figure_chosen(self, message: FiguresTable.Chosen) -> None:
        message.stop()
        self.observation = message.observation
        self._fill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("previous_source", "next_source"):
            return len(self.sources) > 1
        return True

    def action_open_online(self) -> None:
        """`o`: the article on the web, in the reader's browser (over SSH and in a browser
        tab too: Textual's open_url goes through the terminal or the page)."""
        url = source_url(self.source)
        if url is None:
            self.notify(_("The timeline gives no web address for this article."))
            return
        self.app.open_url(url)

    def action_previous_source(self) -> None:
        self.position = (self.position - 1) % len(self.sources)
        self._fill()

    def action_next_source(self) -> None:
        self.position = (self.position + 1) % len(self.sources)
        self._fill()

    def action_close(self) -> None:
        self.dismiss(None)

    def settings_changed(self, settings: Settings) -> None:
        self._fill()

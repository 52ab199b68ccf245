"""The main screen: the ruler, the chips, the list, the detail. It owns filter and search.

Which events show is decided here, once per change, as a list of positions in
`timeline.events`: the platform filter picks a family's events (Reporting includes the
command centre), the search narrows those, and the list, the ruler and the count all
receive the same rows.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from timeline.queries import Analysis, Queries
from timeline.search import Stopped
from tui.event_filter import EventFilter
from tui.labels import MAX_KEYS
from tui.language import N_, _, formatter, ngettext
from tui.settings import FollowsSettings, Settings
from tui.widgets.detail_pane import DetailPane
from tui.widgets.event_list import EventList, no_events_message
from tui.widgets.key_bar import KeyBar
from tui.widgets.platform_chips import PlatformChips
from tui.widgets.status_bar import StatusBar
from tui.widgets.time_ruler import TimeRuler

if TYPE_CHECKING:
    from tui.widgets.figures_table import FiguresTable
    from tui.widgets.search_bar import SearchBar

MIN_WIDTH, MIN_HEIGHT = 40, 12


def breakpoint_classes(size: int, breakpoints: list[tuple[int, str]]) -> list[str]:
    """The class of the largest breakpoint `size` reaches, as Textual chooses it."""
    reached = [name for threshold, name in sorted(breakpoints) if size >= threshold]
    return reached[-1:]


class ExplorerScreen(FollowsSettings, Screen[None]):
    """The whole story on one screen; every figure a keystroke from its source."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual reads it from the class)
        (0, "-narrow"),
        (80, "-normal"),
        (120, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-short"),
        (20, "-medium"),
        (32, "-tall"),
    ]

    # The list has the focus from the first frame, not whichever widget that can take it
    # comes first: a key typed while the screen comes up goes to the list, and no focus
    # moves (each restyles the screen) while it is drawn.
    AUTO_FOCUS = "#events"

    # After the focused list's or table's own keys (Enter, y), these lead the key bar: at
    # 80 columns they are what fits before Help and the palette.
    KEY_BAR_FIRST: ClassVar[tuple[str, ...]] = ("explorer.search", "explorer.export", "app.figures")

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: it runs before the keys typed after it are routed, so that
        # "/dvcqg" typed fast lands "dvcqg" in the box (see action_search).
        Binding("slash", "search", N_("Search"), priority=True, id="explorer.search"),
        Binding("n", "next_match", N_("Next match"), id="explorer.next-match"),
        Binding("N", "previous_match", N_("Previous match"), id="explorer.previous-match"),
        Binding("p", "cycle_platform", N_("Platform"), id="explorer.platform"),
        Binding("0", "platform(0)", N_("All platforms"), show=False, id="explorer.platform-0"),
        *(
            Binding(
                str(number),
                f"platform({number})",
                N_("Only one platform"),
                show=False,
                id=f"explorer.platform-{number}",
            )
            for number in range(1, MAX_KEYS + 1)
        ),
        Binding("left", "previous_event", N_("Earlier event"), show=False, id="explorer.earlier"),
        Binding("right", "next_event", N_("Later event"), show=False, id="explorer.later"),
        Binding("w", "warnings", N_("Data notes"), id="explorer.warnings"),
        Binding("v", "compare", N_("Compare"), id="explorer.compare"),
        # S: every source, as s opens one (n/N, y/Y: the capital is the wider form).
        Binding("S", "sources", N_("Sources"), id="explorer.sources"),
        Binding("e", "export", N_("Export"), id="explorer.export"),
        # In the figures table `c` charts the figure under the cursor (its own binding);
        # from the list it charts the event's first figure, or says why it cannot.
        Binding("c", "chart", N_("Chart"), show=False, id="explorer.chart"),
        Binding("escape", "back", N_("Back"), show=False, id="explorer.back"),
    ]

    def __init__(self, queries: Queries) -> None:
        super().__init__()
        # The size classes for the terminal as it is now. Textual sets them at the first
        # resize, and changing a screen's classes then restyles every widget on it
        # (30 ms of a start-up); set before the first styling, they are found unchanged.
        width, height = self.app.size
        self.add_class(
            *breakpoint_classes(width, self.HORIZONTAL_BREAKPOINTS),
            *breakpoint_classes(height, self.VERTICAL_BREAKPOINTS),
        )
        self.queries = queries
        self.timeline = queries.timeline
        self.event_filter = EventFilter(queries)
        self._search_bar: SearchBar | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        t, q = self.timeline, self.queries
        yield StatusBar(None if q.analysis is None else len(q.warnings()), id="status")
        yield TimeRuler(t, id="ruler")
        yield PlatformChips(t, id="chips")
        # The search bar is mounted at the first "/" (action_search), before #main.
        with Horizontal(id="main"):
            yield EventList(t, id="events")
            yield DetailPane(q, id="detail")
        yield Static(id="too-small", markup=False)
        yield KeyBar()

    _could_step = False  # whether n/N were offered when the bindings were last refreshed

    def on_mount(self) -> None:
        self._set_titles()
        # AUTO_FOCUS acts only while the app has the terminal's focus, which a browser tab
        # (`vn-egov serve`) has not yet: there the list is focused here, a little later.
        self.query_one(EventList).focus()
        self.apply()
        # The first screen shows its detail at once; later highlights fill it a frame late.
        if self.queries.analysis is None:
            # Without data notes and sparklines until _prepare has them: the first screen
            # does not wait a second for them.
            self.call_after_refresh(self._prepare)
        elif self.queries.search is None:
            self.call_after_refresh(self._index)
        self._detail_due = self.query_one(EventList).highlighted
        self._follow()  # the first screen comes whole

    def on_resize(self, event: Resize) -> None:
        too_small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if too_small != self.has_class("-tiny"):
            self.set_class(too_small, "-tiny")
            self.refresh_bindings()  # the key bar offers only what can act at this size
        self._set_titles()

    def _set_titles(self) -> None:
        self.query_one("#too-small", Static).update(
            _("Please enlarge the terminal to at least {width}×{height}.").format(
                width=MIN_WIDTH, height=MIN_HEIGHT
            )
        )
        self.query_one(EventList).border_title = _("Events")
        self.query_one(DetailPane).border_title = _("Details")

    # ------------------------------------------------------------------ search index

    @work(thread=True, exclusive=True, group="index")
    def _prepare(self) -> None:
        """A large timeline's data notes, series and search index, off the UI thread."""
        worker = get_current_worker()
        try:
            analysis = self.queries.analyse(should_stop=lambda: worker.is_cancelled)
        except Stopped:  # the app is quitting
            return
        self.app.call_from_thread(self._prepared, analysis)

    def _index(self) -> None:
        """A small timeline's search index, built once the first screen is drawn: a
        search typed before it is there waits for it ("Indexing…"), as with a large one."""
        self.queries.index()
        if self.event_filter.query:
            self.apply()

    def _prepared(self, analysis: Analysis) -> None:
        # Handed over whole, on the UI thread: nothing was filled in while it was read.
        self.queries.analysis = analysis
        self.query_one(StatusBar).set_warnings(len(analysis.warnings))
        self.query_one(DetailPane).refill()  # now with its data notes and sparklines
        # The index and series live as long as the screen: out of the collector's sight
        # (as the timeline already is, see tui.app._settle), a full collection no longer
        # walks them on some keystroke.
        gc.freeze()
        if self.event_filter.query:
            self.apply()

    # ------------------------------------------------------------------ filtering

    @property
    def platform(self) -> str | None:
        return self.event_filter.platform

    @property
    def search_text(self) -> str:
        return self.event_filter.query

    @property
    def rows(self) -> Sequence[int]:
        return self.event_filter.rows

    def apply(self, *, keep: int | None = None) -> None:
        """Recompute the visible rows and hand them to the list, ruler, chips and search bar."""
        event_list = self.query_one(EventList)
        if keep is None:
            keep = event_list.highlighted
        rows = self.event_filter.apply()
        if self._search_bar is not None:  # never opened: no search to speak of
            text, found = self._search_status(rows)
            self._search_bar.set_status(text, found=found)
        empty, hint = no_events_message(self.search_text, self.platform is not None)
        event_list.set_rows(rows, query=self.search_text, keep=keep, empty=empty, hint=hint)
        # The ruler and the count follow the list a frame later (see _follow).
        self._overview_due = (rows, None if self.search_text else ("platform", self.platform))
        self._follow_soon()
        # n/N are offered only while there are matches. Refreshing the bindings recomputes
        # every screen's active keys: only when that availability changes.
        can_step = self.event_filter.can_step
        if can_step != self._could_step:
            self._could_step = can_step
            self._bindings_due = True  # with the ruler: the key bar is not the list

    def _search_status(self, rows: Sequence[int]) -> tuple[str, bool]:
        """What the search bar says of the rows, and whether they answer the search."""
        if self.event_filter.waiting:
            return _("Indexing…"), True
        if not self.search_text:
            return "", True
        if not rows:
            return _("No matches"), False
        count = formatter().number(len(rows))
        return ngettext("{count} match", "{count} matches", len(rows)).format(count=count), True

    def set_platform(self, platform: str | None) -> None:
        if self.event_filter.set_platform(platform):
            self.apply()

    def jump_to(self, index: int) -> None:
        """Select an event, clearing the filter or search that hides it."""
        event_list = self.query_one(EventList)
        if not event_list.select_event(index):
            self.event_filter.set_platform(None)
            if self.search_text:
                self._close_search()
            self.apply(keep=index)
            event_list.select_event(index)
        event_list.focus()

    # ------------------------------------------------------------------ messages

    _detail_due: int | None = None
    _overview_due: tuple[Sequence[int], object] | None = None
    _follow_pending = False
    _bindings_due = False

    @on(EventList.Highlighted)
    def _highlighted(self, message: EventList.Highlighted) -> None:
        self._detail_due = message.index
        self._follow_soon()

    def _follow_soon(self) -> None:
        # The list is drawn first, and everything that follows it (the detail, the ruler,
        # the count) in the frame after: the list is where the reader's eyes are, and it
        # then answers a keystroke in one frame even at 100,000 figures. The detail alone
        # (wrapped text, a table of figures) takes several frames to lay out; with a key
        # held down, or typed fast, only the state the keys stop at is drawn.
        if not self._follow_pending:
            self._follow_pending = True
            self.call_after_refresh(self._follow)

    def _follow(self) -> None:
        self._follow_pending = False
        if self._bindings_due:
            self._bindings_due = False
            self.refresh_bindings()
        ruler = self.query_one(TimeRuler)
        if self._overview_due is not None:
            rows, key = self._overview_due
            self._overview_due = None
            ruler.set_rows(rows, self._detail_due, key=key)
            self.query_one(PlatformChips).update_state(
                self.platform, len(rows), len(self.timeline.events)
            )
        ruler.select(self._detail_due)
        pane = self.query_one(DetailPane)
        # The same event again (a filter that kept it, a language switch that refilled the
        # pane already): filling it again would only cost another layout.
        if pane.index != self._detail_due:
            pane.show(self._detail_due)

    @on(EventList.OpenSource)
    def _open_event_source(self, message: EventList.OpenSource) -> None:
        self.open_source(event=message.index)

    # By its handler's name: @on(FiguresTable.Chosen) would import the table with the
    # screen, and the detail pane mounts its table only for an event with figures.
    def on_figures_table_chosen(self, message: FiguresTable.Chosen) -> None:
        self.open_source(observation=message.observation)

    @on(TimeRuler.Picked)
    def _picked(self, message: TimeRuler.Picked) -> None:
        self.query_one(EventList).select_event(message.index)

    @on(PlatformChips.Chosen)
    def _chosen(self, message: PlatformChips.Chosen) -> None:
        self.set_platform(message.platform)

    @on(StatusBar.WarningsClicked)
    def _warnings_clicked(self) -> None:
        self.action_warnings()

    def _search_edited(self, value: str) -> None:
        # Every keystroke searches at once, in the frame that shows the character: the
        # index answers well within a frame even at 100,000 figures (benchmarks/run.py
        # measures it), so there is nothing to wait for.
        if self.event_filter.set_query(value):  # a space added at the end: the same search
            self.apply()

    # By their handlers' names: @on(SearchBar.Leave) would import the bar with the screen.
    def on_search_bar_leave(self) -> None:
        self.query_one(EventList).focus()

    @on(Input.Submitted, "#search-input")
    def _search_submitted(self) -> None:
        self.query_one(EventList).focus()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.has_class("-tiny"):
            # Only the message is on screen: the list, search and chips the screen's
            # keys act on are hidden. Help, the palette and quitting (the app's) stay.
            return False
        if action in ("next_match", "previous_match"):
            return bool(self.search_text) and bool(self.rows)
        if action == "platform" and parameters:
            number = parameters[0]
            return isinstance(number, int) and number <= len(
                self.query_one(PlatformChips).platforms
            )
        return True

    def on_key(self, event: events.Key) -> None:
        # `n`/`N` are off the key bar without a search (check_action); pressed anyway,
        # they come here and say why they cannot act rather than nothing.
        if event.character in ("n", "N") and not (self.search_text and self.rows):
            event.stop()
            if not self.search_text:
                self.notify(_("No search to step through: / searches first"), timeout=3)
            else:
                self.notify(_("Nothing matches the search"), timeout=3)

    def action_search(self) -> None:
        search = self._search_bar
        if search is None:
            # Mounted at its first use: a start would otherwise style and mount a hidden
            # bar and its input for every reader, some 8 ms of the first screen.
            from tui.widgets.search_bar import SearchBar

            search = self._search_bar = SearchBar(on_edit=self._search_edited, id="search")
            search.mount_into(self, before=self.query_one("#main"))
        elif search.input.has_focus:
            raise SkipAction()  # a "/" typed in the box is a character, as in "61/2018"
        search.open()

    def _close_search(self) -> None:
        if self._search_bar is not None:
            self._search_bar.close()
        self.event_filter.clear_search()

    def action_back(self) -> None:
        search = self._search_bar
        event_list = self.query_one(EventList)
        if (search is not None and search.is_open) or self.search_text:
            self._close_search()
            self.apply()
            event_list.focus()
        elif self.focused is not event_list:
            event_list.focus()
        elif self.platform is not None:
            self.set_platform(None)

    def action_next_match(self) -> None:
        self._step_match(+1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        event_list = self.query_one(EventList)
        if not self.search_text:
            self.notify(_("No search to step through: / searches first"), timeout=3)
            return
        if not event_list.rows:
            self.notify(_("Nothing matches the search"), timeout=3)
            return
        event_list.move_to((event_list.cursor + step) % len(event_list.rows), center=True)
        event_list.focus()

    def action_chart(self) -> None:
        pane = self.query_one(DetailPane)
        if pane.milestone is None or not pane.shown_figures:
            self.notify(_("No chart here: this event reports no figures"), timeout=3)
            return
        pane.figures.action_chart()

    def action_previous_event(self) -> None:
        event_list = self.query_one(EventList)
        event_list.move_to(event_list.cursor - 1)

    def action_next_event(self) -> None:
        event_list = self.query_one(EventList)
        event_list.move_to(event_list.cursor + 1)

    def action_platform(self, number: int) -> None:
        platforms = self.query_one(PlatformChips).platforms
        if number == 0:
            self.set_platform(None)
        elif 1 <= number <= len(platforms):
            self.set_platform(platforms[number - 1])

    def action_cycle_platform(self) -> None:
        platforms: list[str | None] = [None, *self.query_one(PlatformChips).platforms]
        position = platforms.index(self.platform) if self.platform in platforms else 0
        self.set_platform(platforms[(position + 1) % len(platforms)])

    def action_warnings(self) -> None:
        from tui.screens.warnings import WarningsScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.jump_to(index)

        self.app.push_screen(WarningsScreen(self.queries), chosen)

    def action_compare(self) -> None:
        from tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.queries))

    def action_sources(self) -> None:
        from tui.screens.sources import SourcesScreen

        self.app.push_screen(SourcesScreen(self.queries))

    def action_export(self) -> None:
        """`e`: what the screen shows (platform filter and search) into a file."""
        from timeline.selection import Selection
        from tui.screens.export import ExportScreen

        selection = Selection(platform=self.platform, search=self.search_text)
        self.app.push_screen(
            ExportScreen(self.timeline, selection, events=len(self.rows), index=self.queries.search)
        )

    def open_source(self, *, event: int | None = None, observation: str | None = None) -> None:
        from tui.screens.source import SourceScreen

        q = self.queries
        if observation is not None:
            obs = q.timeline.observation[observation]
            self.app.push_screen(SourceScreen(q, [obs.source], observation=obs.id))
        elif event is not None:
            milestone = q.events[event]
            self.app.push_screen(SourceScreen(q, list(milestone.sources), milestone=milestone.id))

    # ------------------------------------------------------------------ language, figures

    def settings_changed(self, settings: Settings) -> None:
        # The widgets redraw themselves (each follows the settings); the screen's own
        # titles and counts, and the ruler and count that follow the list, are here.
        self._set_titles()
        self.apply()
        # Everything in the new language in one frame: the ruler and the count too.
        self._follow()

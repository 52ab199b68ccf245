"""vn-egov: a terminal explorer of Vietnam's e-government milestones.

`VnEgovApp(timeline, lang=...)` shows a timeline at once; `VnEgovApp(None, lang=...,
load=callable)` shows a loading screen and calls `load(progress)` in a thread, so that a large file
never freezes the first frame. A `TimelineError` from `load` ends the app with return
code 1 and leaves the error in `app.load_error` for the CLI to print.

The app owns the reader's `Settings` (language, figure mode, theme) as one reactive;
every screen and widget that shows words or figures follows it (tui.settings), and the
key bar and the help translate each binding's description when they draw it. It also
owns the timeline's `Queries` (timeline.queries), built once and handed to the screens.
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import get_current_worker

from timeline.l10n import LANGUAGES
from timeline.load import Cancelled, Progress, TimelineError
from timeline.model import Timeline
from timeline.queries import Queries, is_large
from tui.compat import WordedPalette, frames_without_cycles
from tui.language import N_, _
from tui.platform_colours import theme_variables
from tui.rest_collection import RestCollection
from tui.settings import Settings
from tui.start import started
from tui.system_commands import SCREENSHOT, system_commands

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.widgets.figures_table import FiguresTable


def _settle(timeline: Timeline) -> Queries:
    """The timeline's index, with what the first screen needs, and the GC kept off it.

    A small timeline gets its whole analysis at once but its search index, which the
    explorer builds once its first screen is drawn. A large one gets the cheap half
    (its date order and which figures each event reports, one pass over the figures);
    its data notes, series and search index (a second at 100,000 figures) are computed
    by the explorer in a thread after the first screen (ExplorerScreen._prepare).
    The timeline is immutable and lives as long as the app: with a hundred thousand
    figures, every full garbage collection would walk them all (a visible pause on a
    keystroke). `gc.freeze()` moves what exists now out of the collector's sight.
    """
    queries = Queries(timeline)
    if is_large(timeline):
        gc.freeze()
    else:
        queries.complete(search=False)
    return queries


def _explorer_commands() -> type[Provider]:
    """The explorer's palette commands, imported when the palette first opens."""
    from tui.commands import ExplorerCommands

    return ExplorerCommands


PROGRESS_EVERY = 1.0  # seconds between two counts on the loading screen


class LoadProgress(Message):
    """How far the loading thread has got (timeline.load.Progress)."""

    def __init__(self, stage: str, done: int, total: int) -> None:
        super().__init__()
        self.stage, self.done, self.total = stage, done, total


class VnEgovApp(App[None]):
    """The explorer: ruler, platform chips, event list, detail, sources, palette, help."""

    # The loading screen is the default screen while a file loads, and Textual reads the
    # CSS_PATH of pushed screens only: its styles come with the app's.
    CSS_PATH: ClassVar[str | PurePath | list[str | PurePath] | None] = [
        "app.tcss",
        "screens/loading.tcss",
    ]
    TITLE = "vn-egov"
    COMMANDS = App.COMMANDS | {_explorer_commands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit"), id="app.quit"),
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True, id="app.quit-now"),
        Binding("question_mark,f1", "help", N_("Help"), id="app.help"),
        Binding("l", "toggle_language", N_("Language"), id="app.language"),
        Binding("f", "toggle_figures", N_("Full figures"), id="app.figures"),
        Binding("t", "change_theme", N_("Theme"), show=False, id="app.theme"),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("Commands"),
            show=False,
            priority=True,
            id="app.commands",
        ),
        Binding("ctrl+c", "help_quit", N_("How to quit"), show=False, system=True, id="app.ctrl-c"),
    ]

    settings: reactive[Settings] = reactive(Settings(), init=False)

    def __init__(
        self,
        timeline: Timeline | None,
        *,
        lang: str = "en",
        load: Callable[[Progress], Timeline] | None = None,
        full: bool = False,
        theme: str | None = None,
        remember: Callable[[Settings], None] | None = None,
    ) -> None:
        """`full` and `theme` are the reader's remembered choices (an unknown theme is
        Textual's default); `remember` is called with the new settings after each change
        the reader makes (the CLI writes them to the config file, tui.config)."""
        if timeline is None and load is None:
            raise ValueError("VnEgovApp needs a timeline or a load() callable")
        frames_without_cycles()  # frames that leave no cycles behind (tui.compat)
        super().__init__()
        known = theme is not None and theme in self.available_themes
        self.set_reactive(
            VnEgovApp.settings,
            Settings(
                lang=lang if lang in LANGUAGES else "en",
                full=full,
                theme=theme if known and theme is not None else self.theme,
            ),
        )
        self._remember = remember
        if known and theme is not None:
            # Set, not set_reactive: Textual's own watcher gives the stylesheet the theme's
            # colours and the app its -dark-mode classes before the first frame. (The
            # settings already hold it, so the app's watcher has nothing to remember.)
            self.theme = theme
        self.timeline = timeline
        self.queries = _settle(timeline) if timeline is not None else None
        self._load = load
        self.load_error: TimelineError | None = None
        self._rest = RestCollection(self.set_timer)

    @property
    def lang(self) -> str:
        return self.settings.lang

    @property
    def full_figures(self) -> bool:
        return self.settings.full

    # ------------------------------------------------------------------ start-up

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variables(self.current_theme.dark)

    def get_default_screen(self) -> Screen[None]:
        if self.queries is not None:
            from tui.screens.explorer import ExplorerScreen

            return ExplorerScreen(self.queries)
        from tui.screens.loading import LoadingScreen

        return LoadingScreen()

    def on_mount(self) -> None:
        # The collector, held off since the command began (tui.start), runs again once
        # the first screen is drawn; its oldest generation then waits for the reader to
        # rest (tui.rest_collection).
        self._rest.begin()
        self.call_after_refresh(started)
        if self.timeline is None:
            self._load_in_background()

    def on_unmount(self) -> None:
        self._rest.end()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._rest.input_seen()
        await super().on_event(event)

    @work(thread=True, exclusive=True, group="load", exit_on_error=True)
    def _load_in_background(self) -> None:
        assert self._load is not None
        shown = [0.0]
        worker = get_current_worker()

        def progress(stage: str, done: int, total: int) -> None:
            # Quitting cancels the worker; the load stops at its next report (a few
            # times a second) instead of running on for as long as it takes.
            if worker.is_cancelled:
                raise Cancelled
            # The count once a second, and every change of stage. Each update is a frame
            # drawn while the loading thread waits for the interpreter: at four a second
            # the 100,000-figure benchmark file took 4.5 s to load instead of 3.4 s.
            now = time.monotonic()
            if stage == "validating" and 0 < done < total and now - shown[0] < PROGRESS_EVERY:
                return
            shown[0] = now
            # Posted, not called: the load goes on while the screen catches up.
            self.post_message(LoadProgress(stage, done, total))

        try:
            timeline = self._load(progress)
        except Cancelled:
            return
        except TimelineError as error:
            self.call_from_thread(self._failed, error)
            return
        if worker.is_cancelled:
            return
        queries = _settle(timeline)  # in the thread, not on the first frame
        self.call_from_thread(self._loaded, queries)

    def on_load_progress(self, message: LoadProgress) -> None:
        from tui.screens.loading import LoadingScreen

        if isinstance(self.screen, LoadingScreen):
            self.screen.show_progress(message.stage, message.done, message.total)

    def _loaded(self, queries: Queries) -> None:
        from tui.screens.explorer import ExplorerScreen

        self.timeline = queries.timeline
        self.queries = queries
        # Pushed over the loading screen rather than switched for it: switching away from
        # the default screen leaves the stack empty for a moment, and a mounting Input
        # asks for `app.screen` in that moment. The explorer never pops itself.
        self.push_screen(ExplorerScreen(queries))

    def _failed(self, error: TimelineError) -> None:
        self.load_error = error
        self.exit(return_code=1)

    # ------------------------------------------------------------------ settings

    def watch_settings(self, old: Settings, new: Settings) -> None:
        # Screens and widgets follow by themselves (tui.settings.FollowsSettings); the
        # theme is Textual's own, and the active keys may read differently now.
        if new.theme != old.theme and new.theme in self.available_themes:
            self.theme = new.theme
        self.refresh_bindings()
        if self._remember is not None:
            try:
                self._remember(new)
            except OSError as exc:  # a read-only or full disk: the explorer goes on
                self.notify(
                    _("Settings not saved: {reason}").format(reason=exc.strerror or exc),
                    severity="warning",
                )

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings = self.settings.replace(theme=theme)

    def action_toggle_language(self) -> None:
        self.settings = self.settings.replace(lang="vi" if self.settings.lang == "en" else "en")

    def action_set_language(self, lang: str) -> None:
        if lang in LANGUAGES:
            self.settings = self.settings.replace(lang=lang)

    def action_toggle_figures(self) -> None:
        self.settings = self.settings.replace(full=not self.settings.full)
        self.notify(_("Figures in full") if self.settings.full else _("Figures compact"), timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_figures" and self.timeline is None:
            return None
        return True

    def get_key_display(self, binding: Binding) -> str:
        if binding.key == "question_mark":
            return "?"
        if binding.key == "slash":
            return "/"
        return super().get_key_display(binding)

    # ------------------------------------------------------------------ overlays

    def action_help(self) -> None:
        from tui.screens.compare import CompareScreen
        from tui.screens.explorer import ExplorerScreen
        from tui.screens.help import HelpScreen
        from tui.screens.indicator import IndicatorScreen, ReadingsTable
        from tui.screens.source import QuotedFigures, SourceScreen
        from tui.screens.sources import SourcesScreen, SourcesTable
        from tui.widgets.compare_grid import CompareGrid
        from tui.widgets.event_list import EventList
        from tui.widgets.figures_table import FiguresTable
        from tui.widgets.search_bar import SearchBar

        if isinstance(self.screen, HelpScreen):
            return
        sections: list[tuple[str, list[type[DOMNode]]]] = [
            (N_("Anywhere"), [VnEgovApp]),
            (N_("Timeline"), [ExplorerScreen]),
            (N_("Event list"), [EventList]),
            (N_("Figures table"), [FiguresTable]),
            (N_("Search box"), [SearchBar]),
            (N_("Source view"), [SourceScreen, QuotedFigures]),
            (N_("Sources"), [SourcesScreen, SourcesTable]),
            (N_("Figures over time"), [IndicatorScreen, ReadingsTable]),
            (N_("Compare platforms"), [CompareScreen, CompareGrid]),
        ]
        platforms = len(self.timeline.top_platforms()) if self.timeline else 0
        self.push_screen(HelpScreen(sections, platforms))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                WordedPalette(
                    id="--command-palette",
                    placeholder=_("Search events, platforms, indicators, commands…"),
                    no_matches=_("No matches found"),
                )
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands (Theme, Quit, Keys, Maximize, Screenshot) in the language."""
        return system_commands(self, screen)

    def search_themes(self) -> None:
        """The theme picker (`t`, or Theme in the palette), its prompt translated."""
        self.push_screen(
            WordedPalette(
                providers=[ThemeProvider],
                placeholder=_("Search for a theme…"),
                no_matches=_("No matches found"),
            )
        )

    def action_help_quit(self) -> None:
        self.notify(_("Press q or Ctrl+Q to quit."), title=_("Do you want to quit?"))

    # ------------------------------------------------------------------ files for the user

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """The screen as SVG (palette: Screenshot): saved in a terminal, downloaded in a browser.

        Textual's own asks the browser to open the SVG in a tab of its own, which a
        visitor then has to save by hand; served (`vn-egov serve`), it is a download
        instead. Either way the notice that follows is in the app's language.
        """
        name = filename or f"{self.title}_{datetime.now():%Y-%m-%dT%H_%M_%S}.svg"
        return self.deliver_text(
            io.StringIO(self.export_screenshot()),
            save_directory=path,
            save_filename=name,
            open_method="download" if self.is_web else "browser",
            mime_type="image/svg+xml",
            name=SCREENSHOT,
        )

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name == SCREENSHOT:
            done = (
                _("Screenshot downloaded.")
                if event.path is None
                else _("Screenshot saved to {path}").format(path=event.path)
            )
            self.notify(done, title=_("Screenshot"), markup=False)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == SCREENSHOT:
            self.notify(
                _("The screenshot could not be saved: {reason}").format(reason=event.exception),
                title=_("Screenshot"),
                severity="error",
                markup=False,
            )

    # ------------------------------------------------------------------ figures over time

    def open_chart(
        self, platform: str | None, indicator: str, observation: str | None = None
    ) -> None:
        """The indicator view of one series (imported now: plotext comes with the chart)."""
        from tui.screens.indicator import IndicatorScreen

        if self.queries is not None:
            self.push_screen(
                IndicatorScreen(self.queries, platform, indicator, observation=observation)
            )

    def on_figures_table_chart_chosen(self, message: FiguresTable.ChartChosen) -> None:
        """`c` on a figure in any table: its series over time."""
        q = self.queries
        obs = q.timeline.observation.get(message.observation) if q is not None else None
        if q is not None and obs is not None:
            self.open_chart(*q.series_key(obs), observation=obs.id)

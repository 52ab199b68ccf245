"""Shown while a large timeline is read in a thread: the app is alive from the first frame.

The loader reports how far it has got (timeline.load.Progress); the screen shows the
stage and, while the tables are validated, how many are done, with a bar. It is redrawn
once a second at most: an animation at full frame rate would take the GIL from
the thread doing the work and make the wait longer than the thing it decorates.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from timeline.l10n import Formatter
from tui.language import _
from tui.settings import FollowsSettings, Settings
from tui.widgets.key_bar import KeyBar

BAR_WIDTH = 30


class LoadingScreen(FollowsSettings, Screen[None]):
    CSS_PATH = "loading.tcss"

    def __init__(self) -> None:
        super().__init__()
        self._state: tuple[str, int, int] = ("reading", 0, 0)

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(id="loading-text", markup=False)
            with Center():
                yield Static(id="loading-bar", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        self._state = (stage, done, total)
        if self.is_mounted:  # else on_mount shows it: the first report can come first
            self._show()

    def settings_changed(self, settings: Settings) -> None:
        self._show()

    def _show(self) -> None:
        stage, done, total = self._state
        fmt = Formatter(
            self.settings.lang, full=True
        )  # every digit: the count moves as it is watched
        if stage == "validating" and total:
            text = _("Checking {done} of {total} entries…").format(
                done=fmt.number(done), total=fmt.number(total)
            )
        elif stage == "checking":
            text = _("Checking the references between entries…")
        else:
            text = _("Reading the timeline…")
        filled = round(BAR_WIDTH * done / total) if stage == "validating" and total else 0
        if stage == "checking":
            filled = BAR_WIDTH
        self.query_one("#loading-text", Static).update(Content(text), layout=False)
        self.query_one("#loading-bar", Static).update(
            Content("━" * filled + "╌" * (BAR_WIDTH - filled)), layout=False
        )

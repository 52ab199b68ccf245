"""Shown while a large timeline is read in a thread: the app is alive from the first frame."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from timeline.l10n import _
from tui.widgets.key_bar import KeyBar


class LoadingScreen(Screen[None]):
    DEFAULT_CSS = """
    LoadingScreen {
        align: center middle;
        & Static { width: auto; color: $text-muted; }
        & LoadingIndicator { height: 3; width: 20; }
    }
    """

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield LoadingIndicator()
            with Center():
                yield Static(Content(_("Reading the timeline…")), id="loading-text", markup=False)
        yield KeyBar()

    def relocalize(self) -> None:
        self.query_one("#loading-text", Static).update(Content(_("Reading the timeline…")))

"""The incremental search: an input, and what it found said in words."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from timeline.l10n import N_, _
from tui.view import relabel


class SearchBar(Horizontal):
    """Hidden until `/`; the list filters as you type. Escape clears and closes it."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        &.-active { display: block; }
        & > #search-prompt { width: auto; padding: 0 1; color: $text-accent; text-style: bold; }
        & > Input { width: 1fr; height: 1; border: none; padding: 0; background: $surface; }
        & > Input:focus { background: $surface-lighten-1; border: none; }
        & > #search-status { width: auto; padding: 0 1; color: $text-muted; }
        & > #search-status.-none { color: $text-warning; text-style: bold; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "leave", N_("To the list"), id="search.to-list"),
        Binding("escape", "screen.back", N_("Clear search"), id="search.clear"),
    ]

    class Leave(Message):
        """Down arrow in the search box: go to the results."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        relabel(self)

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt", markup=False)
        yield Input(
            placeholder=_("Search titles, summaries, quotes, platforms…"),
            id="search-input",
            select_on_focus=False,
        )
        yield Label("", id="search-status", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self) -> None:
        self.add_class("-active")
        # Focus now, not after the next refresh (`focus()` waits for one): keys typed
        # right after "/" are already queued and must land in the box.
        self.screen.set_focus(self.input)

    def close(self) -> None:
        self.remove_class("-active")
        self.input.value = ""
        self.set_status("", found=True)

    @property
    def is_open(self) -> bool:
        return self.has_class("-active")

    def set_status(self, text: str, *, found: bool) -> None:
        status = self.query_one("#search-status", Label)
        status.update(text)
        status.set_class(not found, "-none")

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def relocalize(self) -> None:
        relabel(self)
        self.input.placeholder = _("Search titles, summaries, quotes, platforms…")

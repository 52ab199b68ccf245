"""The incremental search: an input, and what it found said in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Self

from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label

from tui.compat import EditedInput
from tui.language import N_, _
from tui.settings import FollowsSettings, Settings


class SearchInput(EditedInput):
    """An Input that reports each edit as it happens, not through a message.

    Input.Changed reaches the screen only after the typed character has been drawn, so
    the matches would appear a frame later than the character. Called from the value's
    watcher, the search runs before that frame, and both appear in it together.
    """

    def __init__(self, on_edit: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_edit = on_edit

    def edited(self, value: str) -> None:
        self._on_edit(value)

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        # Input asks for a layout on every edit, for boxes sized by their text; this one is
        # one row by the bar's width, so the layout would reflow the whole screen (a third
        # of a frame) on every keystroke and change nothing.
        return super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)


class SearchBar(FollowsSettings, Horizontal):
    """Hidden until `/`; the list filters as you type. Escape clears and closes it.

    The explorer mounts it at the first `/` (`mount_into`), not with its first screen.
    """

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        &.-active { display: block; }
        & > #search-prompt { width: auto; padding: 0 1; color: $text-accent; text-style: bold; }
        & > Input { width: 1fr; height: 1; border: none; padding: 0; background: $surface; }
        & > Input:focus { background: $surface-lighten-1; border: none; }
        & > #search-status { width: 20; padding: 0 1; color: $text-muted; text-align: right; }
        & > #search-status.-none { color: $text-warning; text-style: bold; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "leave", N_("To the list"), id="search.to-list"),
        Binding("escape", "screen.back", N_("Clear search"), id="search.clear"),
    ]

    class Leave(Message):
        """Down arrow in the search box: go to the results."""

    def __init__(
        self, *, on_edit: Callable[[str], None] | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._on_edit = on_edit
        self._quiet = False

    def _edited(self, value: str) -> None:
        if self._on_edit is not None and not self._quiet:
            self._on_edit(value)

    def mount_into(self, parent: Widget, *, before: Widget) -> None:
        """Mount the bar and its parts at once, not when its compose would run: the keys
        typed right after the `/` that opens it are already queued for the box."""
        parent.mount(self, before=before)
        self.mount(
            Label("/", id="search-prompt", markup=False),
            SearchInput(
                self._edited,
                placeholder=_("Search titles, summaries, quotes, platforms…"),
                id="search-input",
                select_on_focus=False,
            ),
            Label("", id="search-status", markup=False),
        )

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
        self._quiet = True  # emptied by closing, not edited: the screen resets itself
        try:
            self.input.value = ""
        finally:
            self._quiet = False
        self.set_status("", found=True)

    @property
    def is_open(self) -> bool:
        return self.has_class("-active")

    def set_status(self, text: str, *, found: bool) -> None:
        status = self.query_one("#search-status", Label)
        status.update(text, layout=False)  # a fixed width: no relayout per keystroke
        status.set_class(not found, "-none")

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def settings_changed(self, settings: Settings) -> None:
        self.input.placeholder = _("Search titles, summaries, quotes, platforms…")

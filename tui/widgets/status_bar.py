"""The top line: what this is, how many data-quality notes there are, language and figures."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from tui.language import _, ngettext
from tui.settings import FollowsSettings, Settings
from tui.widgets.arranged import PlainText

# The least of the title kept in sight ("vn-egov" and its padding).
TITLE_ROOM = 9


class StatusBar(FollowsSettings, Horizontal):
    """`vn-egov  Vietnam e-government milestones … ⚠ 14 data-quality notes  EN  compact`."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        & > Static { width: auto; height: 1; padding: 0 1; }
        & > #status-title { width: 1fr; text-style: bold; color: $text; }
        & > #status-warnings { color: $text-warning; text-style: bold; }
        & > #status-warnings:hover { text-style: bold underline; }
        & > #status-warnings.-none { display: none; }
        & > #status-mode { color: $text-muted; }
    }
    """

    class WarningsClicked(Message):
        """The data-quality count was clicked."""

    def __init__(self, warnings: int | None, *, id: str | None = None) -> None:
        """`warnings`: the count of data-quality notes, None while it is being computed."""
        super().__init__(id=id)
        self.warnings = warnings

    def compose(self) -> ComposeResult:
        yield PlainText(id="status-title")
        yield PlainText(id="status-warnings")
        yield PlainText(id="status-mode")

    def on_mount(self) -> None:
        self.settings_changed(self.settings)

    def set_warnings(self, warnings: int) -> None:
        self.warnings = warnings
        self.settings_changed(self.settings)

    def on_resize(self, event: events.Resize) -> None:
        self.settings_changed(self.settings)

    def settings_changed(self, settings: Settings) -> None:
        title = Content.assemble(
            ("vn-egov", "bold $text-accent"), "  ", _("Vietnam's e-government milestones")
        )
        self.query_one("#status-title", Static).update(title)
        count = self.warnings or 0
        number = settings.formatter.number(count)
        notes = ngettext(
            "⚠ {count} data-quality note", "⚠ {count} data-quality notes", count
        ).format(count=number)
        mode = _("full figures") if settings.full else _("compact figures")
        mode = f"{settings.lang.upper()} · {mode}"
        # Where the line is too narrow for the words, the count and the language alone
        # (the notes are a tooltip and `w` away): never words cut in the middle.
        room = self.size.width - TITLE_ROOM - 4  # each part's padding
        if self.size.width and cell_len(notes) * bool(count) + cell_len(mode) > room:
            mode = settings.lang.upper()
            if cell_len(notes) * bool(count) + cell_len(mode) > room:
                notes = f"⚠ {number}"
        badge = self.query_one("#status-warnings", Static)
        badge.update(Content(notes))
        badge.set_class(not self.warnings, "-none")
        badge.tooltip = _("Show the data-quality notes (w)")
        self.query_one("#status-mode", Static).update(Content(mode))

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "status-warnings":
            self.post_message(self.WarningsClicked())

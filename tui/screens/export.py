"""`e`: export what the explorer shows (its platform filter and search) in a format picked
here, to a file in the current directory named after the view.

A file that exists is never replaced without asking: the dialog asks, Enter replaces,
Escape keeps it. The file is written in a thread (a database of 100,000 figures takes a
few seconds) and the dialog says where it went. In a browser (textual-serve) the file is
sent to the browser as a download instead of being written on the server.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline.export import TEXT_FORMATS, build, file_name, to_bytes, to_text
from timeline.export.files import OutputExists, write_atomically
from timeline.export.whole import publish
from timeline.l10n import Formatter
from timeline.model import Timeline
from timeline.search import SearchIndex
from timeline.selection import NATIONAL, Selection, subset
from tui.labels import platform_label
from tui.language import N_, _, ngettext
from tui.safe import clean
from tui.settings import FollowsSettings, Settings
from tui.widgets.choice_list import ChoiceList

# In the order the dialog offers them: the spreadsheet first, for most readers want that.
CHOICES = ("csv", "timelinejs", "sqlite", "datapackage", "json")
DESCRIPTIONS = {
    "csv": N_("CSV: a row per figure, for spreadsheets"),
    "json": N_("JSON: everything, keys as in the timeline file"),
    "timelinejs": N_("TimelineJS: a timeline to publish on a web page"),
    "sqlite": N_("SQLite: a database for Datasette"),
    "datapackage": N_("Data Package: CSV tables with their schema, in a zip"),
}
MIME_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "timelinejs": "application/json",
    "sqlite": "application/vnd.sqlite3",
    "datapackage": "application/zip",
}


class ExportScreen(FollowsSettings, ModalScreen[None]):
    """Pick a format; the part of the timeline on screen is written in it."""

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
        background: $background 60%;
        & > #export-dialog {
            width: 64;
            max-width: 100%;
            height: auto;
            border: round $primary;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
        & #export-formats { height: auto; border: none; padding: 0; margin: 1 0; }
        & Static { height: auto; }
        & #export-target { color: $text; text-style: bold; }
        & #export-hint { color: $text-muted; }
        & .-asking #export-hint { color: $text-warning; text-style: bold; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="export.cancel"),
    ]

    def __init__(
        self,
        timeline: Timeline,
        selection: Selection,
        *,
        events: int,
        index: SearchIndex | None = None,
    ) -> None:
        super().__init__()
        self.timeline = timeline
        self.selection = selection
        self.events = events
        self.index = index
        self.asking: str | None = None  # the format whose file exists, while asking
        self.busy = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static(self._summary(), id="export-summary", markup=False)
            yield ChoiceList(*self._options(), id="export-formats")
            yield Static(id="export-target", markup=False)
            yield Static(id="export-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#export-dialog").border_title = _("Export what the screen shows")
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()
        self._show_target(CHOICES[0])

    def _options(self) -> list[Option]:
        return [Option(Text(_(DESCRIPTIONS[f])), id=f) for f in CHOICES]

    def settings_changed(self, settings: Settings) -> None:
        """The dialog in the new language, on the same choice."""
        self.query_one("#export-dialog").border_title = _("Export what the screen shows")
        self.query_one("#export-summary", Static).update(self._summary())
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = highlighted
        if not self.busy:
            self._show_target(self._current_format())

    def _summary(self) -> str:
        parts = [
            ngettext("{count} event", "{count} events", self.events).format(
                count=self.settings.formatter.number(self.events)
            )
        ]
        if self.selection.platform == NATIONAL:
            parts.append(_("National"))
        elif self.selection.platform:
            parts.append(platform_label(self.timeline, self.selection.platform))
        if self.selection.search:
            parts.append(_("matching “{query}”").format(query=clean(self.selection.search)))
        return " · ".join(parts)

    def target(self, fmt: str) -> Path:
        return Path.cwd() / file_name(self.selection, fmt)

    def _show_target(self, fmt: str) -> None:
        name = file_name(self.selection, fmt)
        if self.app.is_web:
            where = _("Download: {name}").format(name=name)
        else:
            where = (
                _("File: {name}").format(name=name)
                + "\n"
                + _("Folder: {folder}").format(folder=clean(str(Path.cwd())))
            )
        self.query_one("#export-target", Static).update(where)
        self._hint(_("Enter: export · Esc: cancel"))

    def _hint(self, text: str, *, asking: bool = False) -> None:
        self.query_one("#export-dialog").set_class(asking, "-asking")
        self.query_one("#export-hint", Static).update(text)

    # ------------------------------------------------------------------ choosing

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, message: OptionList.OptionHighlighted) -> None:
        if message.option.id and not self.busy:
            self.asking = None
            self._show_target(message.option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, message: OptionList.OptionSelected) -> None:
        fmt = message.option.id
        if fmt is None or self.busy:
            return
        web = self.app.is_web
        replace = self.asking == fmt
        if not web and not replace and os.path.lexists(self.target(fmt)):
            self.asking = fmt
            self._hint(
                _("{name} exists. Enter: replace it · Esc: keep it").format(
                    name=file_name(self.selection, fmt)
                ),
                asking=True,
            )
            return
        self.asking = None
        self.busy = True
        self._hint(_("Writing…"))
        self._export(fmt, force=replace, web=web, formatter=self.settings.formatter)

    def action_cancel(self) -> None:
        if self.busy:
            return
        if self.asking is not None:  # keep the file; choose again
            fmt, self.asking = self.asking, None
            self._show_target(fmt)
            return
        self.dismiss(None)

    # ------------------------------------------------------------------ writing

    @work(thread=True, exclusive=True, group="export")
    def _export(self, fmt: str, *, force: bool, web: bool, formatter: Formatter) -> None:
        part = subset(self.timeline, self.selection, self.index)
        name = file_name(self.selection, fmt)
        try:
            if web:
                self._deliver(part, fmt, name, formatter)
                return
            path = self.target(fmt)
            if fmt in TEXT_FORMATS:
                text = to_text(part, fmt, formatter, bom=fmt == "csv")
                write_atomically(path, text, force=force)
            else:
                publish(path, lambda built: build(part, fmt, built), force=force)
        except OutputExists:
            self.app.call_from_thread(self._exists_after_all, fmt)
            return
        except OSError as exc:
            self.app.call_from_thread(self._failed, str(self.target(fmt)), exc)
            return
        self.app.call_from_thread(self._written, str(path), part)

    def _deliver(self, part: Timeline, fmt: str, name: str, formatter: Formatter) -> None:
        if fmt in TEXT_FORMATS:
            text = to_text(part, fmt, formatter, bom=fmt == "csv")
            self.app.call_from_thread(
                self.app.deliver_text,
                io.StringIO(text),
                save_filename=name,
                mime_type=MIME_TYPES[fmt],
            )
        else:
            data = to_bytes(part, fmt)
            self.app.call_from_thread(
                self.app.deliver_binary,
                io.BytesIO(data),
                save_filename=name,
                mime_type=MIME_TYPES[fmt],
            )
        self.app.call_from_thread(self._sent, name)

    def _written(self, path: str, part: Timeline) -> None:
        number = self.settings.formatter.number
        counts = ngettext("{count} event", "{count} events", len(part.milestones)).format(
            count=number(len(part.milestones))
        )
        figures = ngettext("{count} figure", "{count} figures", len(part.observations)).format(
            count=number(len(part.observations))
        )
        written = Path(path)
        self.app.notify(
            _("Wrote {name}").format(name=clean(written.name))
            + "\n"
            + _("Folder: {folder}").format(folder=clean(str(written.parent)))
            + f"\n{counts} · {figures}",
            title=_("Exported"),
            markup=False,
            timeout=8,
        )
        self.dismiss(None)

    def _sent(self, name: str) -> None:
        self.app.notify(
            _("{name} is on its way to your browser.").format(name=name),
            title=_("Exported"),
            markup=False,
        )
        self.dismiss(None)

    def _exists_after_all(self, fmt: str) -> None:
        # Created by someone else while this one was being written: ask, as for any other.
        self.busy = False
        self.asking = fmt
        self._hint(
            _("{name} exists. Enter: replace it · Esc: keep it").format(
                name=file_name(self.selection, fmt)
            ),
            asking=True,
        )

    def _failed(self, path: str, exc: OSError) -> None:
        self.busy = False
        self.app.notify(
            _("Cannot write {path}: {reason}").format(
                path=clean(path), reason=clean(str(exc.strerror or exc))
            ),
            title=_("Not exported"),
            severity="error",
            markup=False,
            timeout=10,
        )
        self._show_target(fmt=self._current_format())

    def _current_format(self) -> str:
        options = self.query_one(OptionList)
        highlighted = options.highlighted if options.highlighted is not None else 0
        return CHOICES[highlighted]

"""Every key, in the current language, grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.compat import merged_bindings
from tui.language import N_, _
from tui.settings import FollowsSettings, Settings

KEY_WIDTH = 12


class HelpScreen(FollowsSettings, ModalScreen[None]):
    """A key reference built from the bindings themselves, so it cannot fall out of date."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1", "close", N_("Close help"), id="help.close"),
    ]

    def __init__(
        self, sections: Iterable[tuple[str, Sequence[type[DOMNode]]]], platforms: int
    ) -> None:
        super().__init__()
        self.sections = list(sections)
        self.platforms = platforms

    def compose(self) -> ComposeResult:
        with (
            Vertical(id="help-box"),
            VerticalScroll(id="help-body"),
            Horizontal(id="help-columns"),
        ):
            yield Static(id="help-left", markup=False)
            yield Static(id="help-right", markup=False)

    def on_mount(self) -> None:
        self._fill()

    def _rows(self, node_type: type[DOMNode]) -> list[tuple[str, str]]:
        """(keys, description) per action, keys joined: "↑ k", "1 2 3 4"."""
        merged = merged_bindings(node_type)
        if merged is None:
            return []
        own_keys = {
            binding.key
            for klass in node_type.__mro__
            if klass.__module__.startswith("tui.")
            for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", []))
        }
        rows: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        every = (
            (key, binding) for key, list_ in merged.key_to_bindings.items() for binding in list_
        )
        for key, binding in every:
            if key not in own_keys:
                continue  # Textual's own bindings of a base class (scrolling and the like)
            if not binding.description or binding.system:
                continue
            if binding.action.startswith("platform(") and binding.action != "platform(0)":
                number = int(binding.action[len("platform(") : -1])
                if number > self.platforms:
                    continue
                group = "platform(n)"
            else:
                group = binding.action
            rows.setdefault(group, []).append(self.app.get_key_display(binding))
            descriptions.setdefault(group, _(binding.description))  # translated as drawn
        return [(" ".join(keys), descriptions[group]) for group, keys in rows.items()]

    def on_resize(self) -> None:
        self.set_class(self.size.width < 90, "-single")

    def _section(self, heading: str, node_types: Sequence[type[DOMNode]]) -> list[Content]:
        rows = [row for node_type in node_types for row in self._rows(node_type)]
        if not rows:
            return []
        lines = [Content.styled(_(heading), "bold $text-accent")]
        for keys, description in rows:
            pad = max(1, KEY_WIDTH - cell_len(keys))
            lines.append(
                Content.assemble(("  " + keys, "bold $text-primary"), " " * pad, description)
            )
        lines.append(Content(""))
        return lines

    def _fill(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = _("Keys")
        box.border_subtitle = _("Escape, ? or F1 closes this help")
        sections = [self._section(heading, types) for heading, types in self.sections]
        # Two balanced columns: the first sections on the left until half the lines are used.
        total = sum(len(section) for section in sections)
        left: list[Content] = []
        right: list[Content] = []
        for section in sections:
            (left if len(left) < total / 2 and not right else right).extend(section)
        for line in (
            _("Tab, Shift+Tab: move between the list, the figures and the search box."),
            _("j k g G, Home End, PageUp PageDown: move in every list and table."),
        ):
            right.append(Content.styled(line, "$text-muted"))
        right.append(
            Content.styled(
                _("Mouse: click an event, a chip or a mark on the ruler; the wheel scrolls."),
                "$text-muted",
            )
        )
        self.query_one("#help-left", Static).update(Content("\n").join(left))
        self.query_one("#help-right", Static).update(Content("\n").join(right))

    def action_close(self) -> None:
        self.dismiss(None)

    def settings_changed(self, settings: Settings) -> None:
        self._fill()

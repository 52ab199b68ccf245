"""The palette's "Keys" panel: the keys that work here, beside the screen, translated.

Textual's own KeyPanel draws each binding's description as written, and ours are English
until drawn (tui.language). This is that panel (its placement and its updates as focus
moves are KeyPanel's) with its table drawn here: the explorer's own keys, translated,
as the key bar and the help show them. Textual's built-in keys of its widgets (cursor
and editing keys) are left out, as in the help: their words are Textual's, in English.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import KeyPanel, Static

from tui.language import _
from tui.settings import FollowsSettings, Settings


def own_bindings(node: object) -> list[Binding]:
    """The bindings a tui class of `node` declares (not those of Textual's bases)."""
    return [
        binding
        for klass in type(node).__mro__
        if klass.__module__.startswith("tui.")
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", []))
    ]


class KeysTable(FollowsSettings, Static):
    """The keys active on the screen now, one line each: keys, then what they do."""

    DEFAULT_CSS = """
    KeysTable { width: auto; height: auto; }
    """

    def on_mount(self) -> None:
        self._fill()

    def rows(self) -> list[tuple[str, str]]:
        rows: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        owned: dict[int, list[Binding]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.system:
                continue
            mine = owned.setdefault(id(active.node), own_bindings(active.node))
            if binding not in mine:
                continue
            rows.setdefault(binding.action, []).append(self.app.get_key_display(binding))
            descriptions.setdefault(binding.action, _(binding.description))
        return [(" ".join(dict.fromkeys(keys)), descriptions[a]) for a, keys in rows.items()]

    def _fill(self) -> None:
        rows = self.rows()
        width = max((cell_len(keys) for keys, _words in rows), default=0)
        lines = [Content.styled(_("Keys"), "bold underline $text-primary"), Content("")]
        for keys, words in rows:
            pad = " " * (width - cell_len(keys) + 1)
            lines.append(Content.assemble(pad, (keys, "bold $text-accent"), " ", words))
        self.update(Content("\n").join(lines))

    def settings_changed(self, settings: Settings) -> None:
        self._fill()


class KeysPanel(KeyPanel):
    """Docked at the right of the screen; recomposed by KeyPanel when the keys change."""

    def compose(self) -> ComposeResult:
        yield KeysTable(markup=False)

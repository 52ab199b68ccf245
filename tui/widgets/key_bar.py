"""The bottom line: the keys that work here, in the current language, and clickable.

Textual's Footer is a container of one widget per key, rebuilt whenever the bindings
change (a search box focused, the language switched): at start-up and on every such
key that rebuild was the slowest thing on screen. This is one widget drawing one line.
When the line is too narrow, keys are dropped from the end, but Help and the command
palette always stay, so every other key remains a keystroke away.

The order is the priority: the focused widget's own keys (what Enter does here), then
the keys the screen names in `KEY_BAR_FIRST` (its most used, wherever they are bound),
then the rest in binding order: the screen's, then the app's.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from tui.language import N_, _
from tui.settings import FollowsSettings, Settings

# Always shown, at the right: what leads to every other key.
KEPT = ("help", "command_palette")

# A toggle says what pressing it does now: its binding's description names the first
# press ("Full figures"); once switched, the bar says what the next press gives back.
SWITCHED_BACK = {"app.figures": N_("Compact figures")}


class Key(NamedTuple):
    key: str  # what simulate_key() is given on a click
    display: str  # as shown: "/", "⏎", "^p"
    description: str
    enabled: bool
    kept: bool


class KeyBar(FollowsSettings, Widget, can_focus=False):
    """`⏎ Source  / Search  p Platform  …  ? Help  ^p Commands`."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover"}  # noqa: RUF012
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
        & > .key-bar--description { color: $footer-description-foreground; }
        & > .key-bar--hover { background: $block-hover-background; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hover: int | None = None
        self._spans: list[tuple[int, int, Key]] = []  # x from, x to, key: for the mouse

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def settings_changed(self, settings: Settings) -> None:
        self.refresh()  # the descriptions are translated as they are drawn

    # ------------------------------------------------------------------ what is shown

    def keys(self) -> list[Key]:
        """Every key this screen offers now, one per action, in the order of priority."""
        found: dict[str, Key] = {}
        rank: dict[str, tuple[int, int]] = {}
        first: tuple[str, ...] = getattr(self.screen, "KEY_BAR_FIRST", ())
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, active in self.screen.active_bindings.items():
            binding: Binding = active.binding
            is_palette = key == palette and self.app.ENABLE_COMMAND_PALETTE
            if not (binding.show or is_palette) or binding.action in found:
                continue
            name = binding.action.split("(", 1)[0].rsplit(".", 1)[-1]
            description = binding.description
            if binding.id in SWITCHED_BACK and self.settings.full:
                description = SWITCHED_BACK[binding.id]
            found[binding.action] = Key(
                binding.key,
                self.app.get_key_display(binding),
                _(description) if description else "",
                active.enabled,
                name in KEPT,
            )
            if active.node is not self.screen and active.node is not self.app:
                rank[binding.action] = (0, 0)  # the focused widget's (or its container's)
            elif binding.id in first:
                rank[binding.action] = (1, first.index(binding.id))
            else:
                rank[binding.action] = (2, 0)
        ordered = sorted(found, key=lambda action: rank[action])  # stable: binding order
        keys = [found[action] for action in ordered]
        return [k for k in keys if not k.kept] + [k for k in keys if k.kept]

    def shown(self, width: int) -> list[Key]:
        """The keys that fit in `width` cells: the kept ones, then as many others as fit."""
        keys = self.keys()
        room = width - sum(_width(k) for k in keys if k.kept)
        shown: list[Key] = []
        for key in keys:
            if key.kept:
                shown.append(key)
            elif _width(key) <= room:
                shown.append(key)
                room -= _width(key)
            else:
                room = -1  # never skip a key to show a later one: the order is the priority
        return shown

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        hover_style = self.get_visual_style("key-bar--hover")
        parts: list[Content] = []
        spans: list[tuple[int, int, Key]] = []
        x = 0
        for index, key in enumerate(self.shown(self.size.width)):
            item = Content.assemble(
                (f" {key.display} ", key_style), (f"{key.description} ", text_style)
            )
            if not key.enabled:
                item = item.stylize("dim")
            if index == self._hover:
                item = item.stylize(hover_style)
            spans.append((x, x + item.cell_length, key))
            x += item.cell_length
            parts.append(item)
        self._spans = spans
        return Content("").join(parts)

    # ------------------------------------------------------------------ mouse

    def _at(self, x: int) -> int | None:
        return next(
            (i for i, (start, end, _key) in enumerate(self._spans) if start <= x < end), None
        )

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._at(event.x)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self._at(event.x)
        if index is None:
            return
        key = self._spans[index][2]
        if key.enabled:
            self.app.simulate_key(key.key.split(",", 1)[0])
        else:
            self.app.bell()


def _width(key: Key) -> int:
    return Content(f" {key.display} {key.description} ").cell_length

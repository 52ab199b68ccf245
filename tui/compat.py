"""Every private Textual name the explorer relies on, each with the public API it lacks.

Nothing else in `tui/` (or the tests) touches a name of Textual's that starts with an
underscore. These were checked against the Textual version in `TEXTUAL_CHECKED`;
tests/test_compat.py fails when another version is installed, so that each one is
looked at again before the pin moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual._context import active_app
from textual.binding import BindingsMap
from textual.command import CommandList, CommandPalette
from textual.geometry import Size
from textual.widgets import Input
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from textual.app import App
    from textual.dom import DOMNode
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

TEXTUAL_CHECKED = "8.2.8"


def running_app() -> App[Any] | None:
    """The app whose code is running now, as `self.app` finds it; None outside one.

    Missing: a public accessor for `textual._context.active_app`, needed by code that
    is not a widget (the translated words of tui.language).
    """
    try:
        return active_app.get()
    except LookupError:
        return None


def merged_bindings(node_type: type[DOMNode]) -> BindingsMap | None:
    """A class's BINDINGS merged along its MRO, as Textual will give its instances.

    Missing: a public way to ask a class (not an instance) for its bindings; the help
    screen lists the keys of screens that are not open.
    """
    return node_type._merged_bindings


class LayoutOnceSize:
    """Mixed into a widget (before its Textual class): a new size found by a layout of
    the screen asks for no second layout.

    Textual lays the screen out again whenever a layout changed a widget's scrollable
    size, although that layout already placed everything at the new size. Missing: a
    public switch for that second layout (`Widget._size_updated(layout=...)`).
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        updated: bool = super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout=False
        )
        return updated


def update_scrollbars(view: ScrollView, virtual_size: Size) -> None:
    """Tell a scroll view's scrollbars a new length without a layout of the screen.

    Missing: a public way to change `virtual_size` that does not lay out every widget
    (`ScrollView._scroll_update` is what Textual's own layout calls).
    """
    view._scroll_update(virtual_size)


class EditedInput(Input):
    """An Input that calls `edited(value)` in the same step the value changes.

    Input.Changed reaches the screen only after the typed character has been drawn, so
    what reacts to it appears a frame late. Missing: a synchronous public hook; the
    value's private watcher (`Input._watch_value`) is that step.
    """

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.edited(value)

    def edited(self, value: str) -> None:
        """Called with every new value."""


def screen_strips(app: App[Any], *, with_background: bool = True) -> list[Strip] | Any:
    """What the current screen would send to the terminal, as one full update (tests and
    the benchmark read it as text). Missing: a public render of the composed screen
    (`Screen._compositor`, `App._background_screens`)."""
    stack = app._background_screens if with_background else None
    return app.screen._compositor.render_update(full=True, screen_stack=stack)


class WordedPalette(CommandPalette):
    """The command palette, with its "No matches found" line in the reader's language.

    Missing: a public way to word that line; Textual writes it in English inside
    `CommandPalette._start_no_matches_countdown`, which is repeated here with the
    words given.
    """

    def __init__(self, *args: Any, no_matches: str = "No matches found", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.no_matches, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def toasts(app: App[Any]) -> list[str]:
    """The messages of the notifications the app holds now, oldest first.

    Missing: a public list of an app's notifications (App._notifications), which tests
    read to see what a toast said.
    """
    return [str(notification.message) for notification in app._notifications]


def on_frame(app: App[Any], seen: Callable[[Any, Any], None]) -> None:
    """Call `seen(screen, renderable)` after every update Textual writes to the display
    (renderable None: nothing new), headless or not.

    Missing: a public hook on App._display, which the benchmarks time frames by.
    """
    display = app._display

    def displayed(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        seen(screen, renderable)

    app._display = displayed  # type: ignore[method-assign]


def send_to_driver(app: App[Any], message: Any) -> None:
    """Hand an event to the app as its driver does when a terminal sends it.

    Missing: a public way in; Pilot's press() also waits for the whole app to go idle,
    which the keystroke benchmarks must not count (App._driver).
    """
    driver = app._driver
    assert driver is not None, "the app is not running"
    driver.send_message(message)


def frames_without_cycles() -> None:
    """Textual's caches of rendered lines let go of what they drop without leaving it to
    the cyclic collector. Idempotent; what the caches answer is unchanged.

    The explorer's frames left some 2,000 objects a keystroke in reference cycles: in the
    benchmark's 58 search keys, 140,000 of them, whose collection in the oldest
    generation paused keystrokes by 15 to 30 ms. Two of Textual's ways made them:

    - LRUCache keeps its entries in a ring of `[prev, next, key, value]` lists, and its
      clear() drops the ring whole (LRUCache._cache, _head): every strip in it, with its
      own caches, waited for the collector. The event list clears its cache at each
      search key, the figures table (a DataTable) its six at each event. Here the links
      are emptied first, and reference counting frees the values at once.
    - Strip.divide caches `[self]` in the strip's own `_divide_cache` when the strip is
      left whole, a cycle for each line the compositor draws whole. Here that answer is
      given without being cached.

    Missing: caches that hold no cycles, or a way to clear them that breaks them.
    """
    from textual.cache import LRUCache
    from textual.strip import Strip

    if getattr(LRUCache.clear, "leaves_no_cycle", False):
        return

    def cleared(self: LRUCache[Any, Any]) -> None:
        for link in self._cache.values():
            link.clear()
        self._cache.clear()
        self._full = False
        self._head = []

    divide = Strip.divide

    def divided(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
        kept = [cut for cut in cuts if cut <= self.cell_length]  # as Textual reads them
        if kept == [self.cell_length]:
            return [self]
        return divide(self, kept)

    cleared.leaves_no_cycle = True  # type: ignore[attr-defined]
    LRUCache.clear = cleared  # type: ignore[method-assign]
    Strip.divide = divided  # type: ignore[method-assign]

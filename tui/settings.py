"""What the reader chose: the language, the figure mode, the theme. One immutable object.

The app owns the current `Settings` as one reactive (`VnEgovApp.settings`); a change is
a new object. Widgets and screens that show words or figures mix in `FollowsSettings`
and redraw in `settings_changed`, through Textual's public `watch`, so nobody pushes
settings down by hand and nothing is threaded through constructors.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from textual.widget import Widget

from timeline.l10n import LANGUAGES, Formatter

DEFAULT_THEME = "textual-dark"


@dataclass(frozen=True)
class Settings:
    lang: str = "en"
    full: bool = False  # every figure with all its digits, not "1,2 triệu"
    theme: str = DEFAULT_THEME

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            object.__setattr__(self, "lang", "en")

    @cached_property
    def formatter(self) -> Formatter:
        """Numbers and dates in this language and figure mode (made once per Settings)."""
        return Formatter(self.lang, full=self.full)

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


DEFAULT = Settings()


def settings_of(node: Widget) -> Settings:
    """The settings of the app a widget belongs to (the defaults before there is one)."""
    found = getattr(node.app, "settings", None)
    return found if isinstance(found, Settings) else DEFAULT


# A plain mixin at run time: Textual inherits CSS and component classes along the first
# DOMNode base only, so the mixin must not be one. For the type checker it is a Widget.
if TYPE_CHECKING:
    _Mixin = Widget
else:
    _Mixin = object


class FollowsSettings(_Mixin):
    """Mixed in before a widget's or screen's Textual class: `settings_changed` is called
    with the new settings whenever the app's change, for as long as it is mounted."""

    def on_mount(self) -> None:
        # Textual calls every class's on_mount along the MRO, so the subclass's own
        # on_mount does not hide this one.
        self.watch(self.app, "settings", self.settings_changed, init=False)

    @property
    def settings(self) -> Settings:
        return settings_of(self)

    def settings_changed(self, settings: Settings) -> None:
        """Redraw what depends on the language or the figure mode."""

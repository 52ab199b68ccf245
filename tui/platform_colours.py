"""The platform colours: a palette for dark themes and one for light, given to Textual as
theme variables (`$slot-0` … `$slot-6`, for CSS and content markup) and to the widgets
that paint lines themselves as Rich styles.

Those widgets read the theme's variables, not component classes: every component class is
a virtual node that Textual styles again at each restyle of its widget, and the seven
slots of the ruler, the chips and the list were 56 of them in each start-up, about 3 % of
its time.
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from textual.app import App
from textual.color import Color

# Slot 0 is the neutral colour of national events; slots 1-6 are the top platforms'
# (tui.labels.slots), shared in turn when there are more.
SLOT_COLOURS = {
    True: ("#a4abb5", "#6cb6ff", "#57d18a", "#ffb454", "#d2a8ff", "#56d4dd", "#ff8fb1"),
    False: ("#6e7781", "#0969da", "#1a7f37", "#bc4c00", "#8250df", "#1b7c83", "#bf3989"),
}


def theme_variables(dark: bool) -> dict[str, str]:
    """`$slot-N` for a dark or a light theme."""
    return {f"slot-{i}": colour for i, colour in enumerate(SLOT_COLOURS[dark])}


def slot_style(app: App[object], slot: int) -> Style:
    """The colour of `slot` in the app's current theme (a negative slot is slot 0), as
    the style a component class `color: $slot-N` gave: read at each paint, so that a
    change of theme repaints in the new colours."""
    return _colour(app.theme_variables.get(f"slot-{max(slot, 0)}", SLOT_COLOURS[True][0]))


@lru_cache(maxsize=32)
def _colour(value: str) -> Style:
    return Style(color=Color.parse(value).rich_color)

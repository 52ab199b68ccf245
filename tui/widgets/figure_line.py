"""The figure under a table's cursor, written out in full under the table.

A figures table cuts and wraps to fit; this line does not: the indicator's full name, the
value as the source qualified it, a growth's baseline and what the figure covers (its
period, since launch, a level at a date), then the source's own words. The explorer's
detail pane, the source view and the indicator view each keep one under their table.

Built from `Content` objects only: no data string is ever read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import ScrollableContainer
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

from timeline.l10n import Formatter
from timeline.model import Observation, Timeline
from tui.language import _
from tui.safe import clean, clean_block
from tui.series_text import figure_line
from tui.widgets.arranged import PlainText

# Lines kept under a figures table for its figure's description (the first of them say
# the figure in full), and the fewest lines a table is given where the screen is short.
FIGURE_LINES = 5
MIN_TABLE_LINES = 5

Part = str | tuple[str, str]


class FigureLine(PlainText):
    """The highlighted figure in full; empty (and hidden) when there is none."""

    DEFAULT_CSS = """
    FigureLine {
        width: 1fr;
        height: auto;
        color: $text-muted;
        padding-left: 1;
        &.-hidden { display: none; }
    }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.figure: Observation | None = None

    def describe(
        self,
        fmt: Formatter,
        timeline: Timeline,
        obs: Observation | None,
        *,
        more: Sequence[Part] = (),
    ) -> None:
        """Say `obs` in full, then its words and notes, then `more` on a line of its own."""
        self.figure = obs
        if obs is None:
            self.add_class("-hidden")
            self.update("")
            return
        # The figure in full first: whatever the table had to cut, this line does not.
        parts: list[Part] = [
            ("▸ " + figure_line(fmt, timeline, obs), "bold $text"),
            "\n",
            ("“" + clean(obs.quote).strip() + "”", "italic"),
        ]
        if obs.as_of_note:
            parts += ["\n", (_("Date: ") + clean(obs.as_of_note.get(fmt.lang)), "italic")]
        if obs.notes:
            parts += ["\n", clean_block(obs.notes.get(fmt.lang))]
        if more:
            parts += ["\n", *more]
        self.remove_class("-hidden")
        self.update(Content.assemble(*parts))


def table_lines(viewport: int, above: int = 0) -> int:
    """How high a table may be in a scrolling view `viewport` lines high, with `above`
    lines of its heading over it: the figure line under it stays in sight."""
    return max(MIN_TABLE_LINES, viewport - above - FIGURE_LINES)


def bring_into_view(
    view: ScrollableContainer, top: Widget, line: FigureLine, *, row: int = 0
) -> None:
    """Scroll `view` as little as it takes to show from line `row` of `top` (a table's
    heading; the table, at its cursor's row) down to the first lines of the figure line.

    Focus never rests out of sight: where the screen is short, the words above the table
    are a scroll away, not the table and the figure its keys move through.
    """
    if not line.virtual_region.height:
        return
    start = top_in(view, top) + row
    end = top_in(view, line) + min(line.virtual_region.height, FIGURE_LINES)
    window = view.scrollable_content_region.height
    if end <= start or not window:
        return
    # Never taller than the window: then the top is what shows.
    region = Region(0, start, 1, min(end - start, window))
    view.scroll_to_region(region, animate=False, immediate=True, x_axis=False)


def top_in(view: Widget, widget: Widget) -> int:
    """Where `widget` starts in `view`'s scrolled content, whatever the scroll: from the
    layout's regions, not the screen's (those lag a scroll until the next frame)."""
    y = widget.virtual_region.y
    parent = widget.parent
    while isinstance(parent, Widget) and parent is not view:
        y += parent.styles.gutter.top + parent.virtual_region.y
        parent = parent.parent
    return y

"""A line or paragraph of data or labels whose new size needs no second layout."""

from __future__ import annotations

from textual.widgets import Static

from tui.compat import LayoutOnceSize


class PlainText(LayoutOnceSize, Static):
    """A line or paragraph of data or labels: plain text, never markup.

    Its size changes lay out once (tui.compat.LayoutOnceSize): for the detail pane and
    the status line, every event shown and every language switch cost a second layout.
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)

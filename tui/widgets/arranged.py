"""Widgets whose new size, found by a layout of the screen, needs no second layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static


class Arranged:
    """Mixed into a widget (before its Textual class): its size changes lay out once.

    Textual lays the screen out again whenever a layout changed a widget's scrollable
    size, although that layout already placed everything at the new size. For the detail
    pane and the status line, every event shown and every language switch cost a second
    layout one frame later. The size is still recorded and the scrollbars still follow.
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        updated: bool = super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout=False
        )
        return updated


class PlainText(Arranged, Static):
    """A line or paragraph of data or labels: plain text, never markup."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)

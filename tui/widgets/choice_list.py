"""The vi keys of every list: j/k down and up, g/G first and last, beside the arrows,
Home/End and the page keys, in the tables, the event list and the option lists alike.

Tables and the event list name their moves in their own words ("Next event"); the
option lists of the dialogs (data-quality notes, export formats) share `ChoiceList`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from tui.language import N_


def vi_keys(
    scope: str, *, up: str = "cursor_up", down: str = "cursor_down", first: str, last: str
) -> list[BindingType]:
    """j, k, g and G for a widget whose moves are the actions `up`, `down`, `first`, `last`
    (their ids `scope.up` …, so that a keymap can rebind them)."""
    return [
        Binding("j", down, N_("Down"), show=False, id=f"{scope}.down"),
        Binding("k", up, N_("Up"), show=False, id=f"{scope}.up"),
        Binding("g", first, N_("First"), show=False, id=f"{scope}.first"),
        Binding("G", last, N_("Last"), show=False, id=f"{scope}.last"),
    ]


class ChoiceList(OptionList):
    """An OptionList that also moves with j/k/g/G (the arrows, Home/End, PageUp/PageDown
    are OptionList's own)."""

    BINDINGS: ClassVar[list[BindingType]] = vi_keys("choices", first="first", last="last")

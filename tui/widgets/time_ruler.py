"""A proportional time axis: one mark per event, coloured by platform, the selected one lit.

Three lines when there is room (marks, axis with ticks, year labels), one when the
terminal is short. The axis spans whole years around *all* events, so that filtering
by platform does not move the years under the reader's eyes; only the marks change.
Several events in one column show how many ("2".."9"; "◆" for more, or when a count
would touch its neighbour and read as a bigger number), in their
platform's colour if they share one.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from timeline.model import Timeline
from tui.labels import slots
from tui.platform_colours import slot_style
from tui.settings import FollowsSettings, Settings

MARK = "●"
MANY = "◆"
POINTER = "▲"


class TimeRuler(FollowsSettings, Widget):
    """The whole period at a glance; click a mark to select its event."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "time-ruler--axis",
        "time-ruler--label",
        "time-ruler--pointer",
        "time-ruler--selected",
    }

    DEFAULT_CSS = """
    TimeRuler {
        height: 3;
        padding: 0 1;
        & > .time-ruler--axis { color: $foreground-darken-3; }
        & > .time-ruler--label { color: $text-muted; }
        & > .time-ruler--pointer { color: $text-accent; text-style: bold; }
        & > .time-ruler--selected { text-style: bold reverse; }
    }
    """

    class Picked(Message):
        """A click on the ruler chose this event (position in `timeline.events`)."""

        def __init__(self, ruler: TimeRuler, index: int) -> None:
            super().__init__()
            self.ruler = ruler
            self.index = index

    def __init__(self, timeline: Timeline, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline = timeline
        self._events = timeline.events
        self._slots = slots(timeline)
        self._rows: Sequence[int] = range(len(self._events))
        self._selected: int | None = None
        self._layout_key: tuple[object, ...] | None = None
        self._columns: list[int] = []  # column of each row
        self._marks: dict[int, tuple[int, int]] = {}  # column -> (count, slot or -1 if mixed)
        self._rows_key: object | None = ("all",)
        self._layouts: LRUCache[tuple[object, ...], tuple[list[int], dict[int, tuple[int, int]]]]
        self._layouts = LRUCache(16)
        self._days: list[int] | None = None
        self._event_slots: list[int] = []
        if self._events:
            first, last = self._events[0].date, self._events[-1].date
            self._start = dt.date(first.year, 1, 1)
            self._end = dt.date(last.year + 1, 1, 1)
        else:
            today = dt.date(2000, 1, 1)
            self._start, self._end = today, dt.date(2001, 1, 1)

    # ------------------------------------------------------------------ state

    def set_rows(
        self, rows: Sequence[int], selected: int | None, *, key: object | None = None
    ) -> None:
        """Show these events. `key` names a set of rows that may come back (a platform's),
        so that its layout is computed once per width; None for one-off rows (a search)."""
        self._rows = rows
        self._rows_key = key
        self._selected = selected
        self._layout_key = None
        self.refresh()

    def select(self, selected: int | None) -> None:
        if selected != self._selected:
            self._selected = selected
            self.refresh()

    def settings_changed(self, settings: Settings) -> None:
        self.refresh()

    # ------------------------------------------------------------------ geometry

    def _scale(self, width: int) -> float:
        return (width - 1) / (self._end - self._start).days if width > 1 else 0.0

    def _x(self, date: dt.date, width: int) -> int:
        return int((date.toordinal() - self._start.toordinal()) * self._scale(width) + 0.5)

    def _precompute(self) -> None:
        """Each event's day offset and colour slot, once: layouts are then list arithmetic."""
        if self._days is not None:
            return
        origin, slots_ = self._start.toordinal(), self._slots
        self._days = [e.date.toordinal() - origin for e in self._events]
        self._event_slots = [slots_.get(e.platform, 0) if e.platform else 0 for e in self._events]

    def _layout(self, width: int) -> None:
        rows = self._rows
        identity = self._rows_key if self._rows_key is not None else id(rows)
        key = (identity, len(rows), width)
        if key == self._layout_key:
            return
        self._layout_key = key
        cached = self._layouts.get(key) if self._rows_key is not None else None
        if cached is not None:
            self._columns, self._marks = cached
            return
        self._precompute()
        assert self._days is not None
        days, event_slots = self._days, self._event_slots
        if isinstance(rows, range) and rows.step == 1:
            row_days, row_slots = days[rows.start : rows.stop], event_slots[rows.start : rows.stop]
        else:
            row_days = [days[i] for i in rows]
            row_slots = [event_slots[i] for i in rows]
        scale = self._scale(width)
        columns = [int(day * scale + 0.5) for day in row_days]
        mixed: dict[int, int] = {}
        for column, slot in set(zip(columns, row_slots, strict=True)):
            mixed[column] = slot if mixed.get(column, slot) == slot else -1
        marks = {column: (count, mixed[column]) for column, count in Counter(columns).items()}
        self._columns, self._marks = columns, marks
        if self._rows_key is not None:
            self._layouts[key] = (columns, marks)

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    # ------------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._rows:
            return
        width = self._content_width()
        self._layout(width)
        # The nearest mark to the click; among equals, the first in time.
        position = bisect_left(self._columns, offset.x)
        candidates = [p for p in (position - 1, position) if 0 <= p < len(self._rows)]
        best = min(candidates, key=lambda p: abs(self._columns[p] - offset.x))
        self.post_message(self.Picked(self, self._rows[best]))

    # ------------------------------------------------------------------ rendering

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3

    def render_line(self, y: int) -> Strip:
        width = self._content_width()
        base = self.rich_style
        if width <= 0:
            return Strip.blank(0, base)
        self._layout(width)
        selected_column = None
        if self._selected is not None and self._events:
            selected_column = self._x(self._events[self._selected].date, width)
        if y == 0:
            return self._marks_line(width, base, selected_column)
        if y == 1:
            return self._axis_line(width, base, selected_column)
        if y == 2:
            return self._labels_line(width, base)
        return Strip.blank(width, base)

    def _marks_line(self, width: int, base: Style, selected: int | None) -> Strip:
        cells: list[Segment] = []
        selected_style = self.get_component_rich_style("time-ruler--selected", partial=True)
        for column in range(width):
            mark = self._marks.get(column)
            if mark is None:
                if column == selected:
                    cells.append(Segment(MARK, base + selected_style))
                else:
                    cells.append(Segment(" ", base))
                continue
            count, slot = mark
            if count == 1:
                glyph = MARK
            elif count < 10 and column - 1 not in self._marks and column + 1 not in self._marks:
                glyph = str(count)  # a count reads as one only with space around it
            else:
                glyph = MANY
            style = base + (slot_style(self.app, slot) if slot >= 0 else Style(bold=True))
            if column == selected:
                style += selected_style
            cells.append(Segment(glyph, style))
        return Strip(Segment.simplify(cells), width)

    def _ticks(self, width: int) -> tuple[list[tuple[int, int]], list[int]]:
        """Year boundaries as (column, year), and month boundaries' columns if they fit."""
        years = [
            (self._x(dt.date(year, 1, 1), width), year)
            for year in range(self._start.year, self._end.year + 1)
        ]
        months: list[int] = []
        year_count = max(1, self._end.year - self._start.year)
        if width / year_count >= 36:  # three cells a month at least
            for year in range(self._start.year, self._end.year):
                months.extend(self._x(dt.date(year, month, 1), width) for month in range(2, 13))
        return years, months

    def _axis_line(self, width: int, base: Style, selected: int | None) -> Strip:
        # Muted colours are translucent: only the full style blends them with the background.
        axis = self.get_component_rich_style("time-ruler--axis")
        pointer = base + self.get_component_rich_style("time-ruler--pointer", partial=True)
        chars = ["─"] * width
        years, months = self._ticks(width)
        for column in months:
            if 0 <= column < width:
                chars[column] = "┴"
        for column, _year in years:
            if 0 <= column < width:
                chars[column] = "┼"
        chars[0] = "├"
        chars[-1] = "┤"
        segments = [Segment("".join(chars), axis)]
        strip = Strip(segments, width)
        if selected is not None and 0 <= selected < width:
            strip = Strip(
                [
                    *strip.crop(0, selected),
                    Segment(POINTER, pointer),
                    *strip.crop(selected + 1, width),
                ],
                width,
            )
        return strip

    def _labels_line(self, width: int, base: Style) -> Strip:
        label_style = self.get_component_rich_style("time-ruler--label")
        years, _months = self._ticks(width)
        line = [" "] * width
        # A year's label sits in the middle of its span; when spans are too narrow for
        # four digits, every other (fifth, tenth) year is labelled instead.
        spans = [(years[i][0], years[i + 1][0], years[i][1]) for i in range(len(years) - 1)]
        narrowest = min((end - start for start, end, _ in spans), default=width)
        step = 1
        while step < 50 and narrowest * step < 6:
            step = {1: 2, 2: 5, 5: 10, 10: 20, 20: 50}[step]
        occupied_until = -1
        for start, end, year in spans:
            if year % step:
                continue
            label = str(year)
            middle = (start + end) // 2 if step == 1 else start
            left = max(0, min(width - len(label), middle - len(label) // 2))
            if left <= occupied_until:
                continue
            line[left : left + len(label)] = label
            occupied_until = left + len(label)
        return Strip([Segment("".join(line), label_style)], width)

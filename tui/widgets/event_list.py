"""The milestones in date order: one line each, only the visible lines ever rendered.

A line-API `ScrollView` (as Textualize/toolong does it): the list's cost is a screenful's,
whether the timeline has twelve events or a hundred thousand. Rows are positions in
`timeline.events`; the screen decides which (platform filter, search) and this widget
shows them, keeps a cursor, and says when the cursor lands on another event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline.model import Precision, Timeline
from timeline.search import spans
from tui.compat import update_scrollbars
from tui.labels import chip_keys, platform_label, slots, title_of
from tui.language import N_, _, formatter, language
from tui.platform_colours import slot_style
from tui.safe import clean
from tui.settings import FollowsSettings, Settings

ELLIPSIS = "…"
BADGE_MAX = 14
COMPACT_BELOW = 50  # columns: a narrower list shows a coloured dot instead of the name


class EventList(FollowsSettings, ScrollView, can_focus=True):
    """Date, platform badge and title of each event; the cursor picks the one shown in detail."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "event-list--cursor",
        "event-list--date",
        "event-list--match",
        "event-list--empty",
        "event-list--hint",
    }

    DEFAULT_CSS = """
    EventList {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .event-list--cursor { background: $surface-lighten-2; text-style: bold; }
        &:focus > .event-list--cursor { background: $block-cursor-background;
            color: $block-cursor-foreground; text-style: $block-cursor-text-style; }
        & > .event-list--date { color: $text-muted; }
        & > .event-list--match { text-style: bold underline; color: $text-warning; }
        & > .event-list--empty { color: $text; text-style: bold; }
        & > .event-list--hint { color: $text-muted; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", N_("Previous event"), show=False, id="list.up"),
        Binding("down,j", "cursor_down", N_("Next event"), show=False, id="list.down"),
        Binding("home,g", "first", N_("First event"), show=False, id="list.first"),
        Binding("end,G", "last", N_("Last event"), show=False, id="list.last"),
        Binding("pageup", "page_up", N_("Page up"), show=False, id="list.page-up"),
        Binding("pagedown", "page_down", N_("Page down"), show=False, id="list.page-down"),
        Binding("enter,s", "open_source", N_("Source"), id="list.source"),
        Binding("y", "copy(False)", N_("Copy"), id="list.copy"),
        Binding("Y", "copy(True)", N_("Copy as Markdown"), show=False, id="list.copy-markdown"),
    ]

    class Highlighted(Message):
        """The cursor is on another event (or on none: the list is empty)."""

        def __init__(self, event_list: EventList, index: int | None) -> None:
            super().__init__()
            self.event_list = event_list
            self.index = index

    class OpenSource(Message):
        """Enter, `s` or a double click on an event: show where it comes from."""

        def __init__(self, event_list: EventList, index: int) -> None:
            super().__init__()
            self.event_list = event_list
            self.index = index

    def __init__(self, timeline: Timeline, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline = timeline
        self._events = timeline.events
        self._slots = slots(timeline)
        self._keys = chip_keys(timeline)
        self._rows: Sequence[int] = range(len(self._events))
        self._query = ""
        self._empty_message = ""
        self._empty_hint = ""
        self.cursor = 0
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        # The widget's own style, computed once per cache life (Textual walks every
        # ancestor to compute it): asked for on every line, it cost a tenth of a frame.
        self._base: Style | None = None
        self._widths: dict[str, tuple[int, int]] = {}
        self._dates: dict[tuple[str, dt.date, Precision], str] = {}
        self._badges: dict[tuple[str, str | None], str] = {}
        self._prefixes: dict[tuple[str, str], str] = {}
        self._pass: tuple[int, int] | None = None
        self.virtual_size = Size(0, len(self._rows))

    # ------------------------------------------------------------------ state

    @property
    def rows(self) -> Sequence[int]:
        return self._rows

    @property
    def highlighted(self) -> int | None:
        """The event (position in `timeline.events`) under the cursor."""
        if not self._rows:
            return None
        return self._rows[self.cursor]

    def set_rows(
        self,
        rows: Sequence[int],
        *,
        query: str = "",
        keep: int | None = None,
        empty: str = "",
        hint: str = "",
    ) -> None:
        """Show these events; keep the cursor on `keep` if it is among them, else the nearest."""
        if len(rows) == len(self._rows) and rows == self._rows and keep == self.highlighted:
            # The same rows again (a language switch re-applies the filter): only the
            # words around them change; the list stays where the reader left it.
            self._query, self._empty_message, self._empty_hint = query, empty, hint
            self._cache.clear()
            self._base = None
            self.refresh()
            return
        self._rows = rows
        self._query = query
        self._empty_message = empty
        self._empty_hint = hint
        self._cache.clear()
        self._base = None
        self._set_height(len(rows))
        self.cursor = self._position_near(keep) if keep is not None else 0
        self.scroll_to(y=max(0, self.cursor - self._page_height() // 2), animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))

    def _set_height(self, height: int) -> None:
        """The list's length, for scrolling; without a layout of the screen if it can be.

        `virtual_size` is a layout reactive: every new number of matches while typing a
        search would lay out the whole screen (10-20 ms at 100,000 figures). Only the
        appearance or disappearance of the scrollbar changes the layout; otherwise the
        scrollbar is told its new length as Textual's own layout would tell it.
        """
        size = Size(0, height)
        if size == self.virtual_size:
            return
        room = self.container_size.height
        if room > 0 and (height > room) == (self.virtual_size.height > room):
            self.set_reactive(EventList.virtual_size, size)
            update_scrollbars(self, size)
            self.refresh()
        else:
            self.virtual_size = size

    def _position_near(self, event_index: int) -> int:
        """The position of the event in the rows, or of the nearest one (rows are ascending)."""
        rows = self._rows
        if not rows:
            return 0
        lo, hi = 0, len(rows)
        while lo < hi:
            mid = (lo + hi) // 2
            if rows[mid] < event_index:
                lo = mid + 1
            else:
                hi = mid
        if lo >= len(rows):
            return len(rows) - 1
        if rows[lo] != event_index and lo > 0:
            # Prefer whichever neighbour is closer in time order.
            before, after = rows[lo - 1], rows[lo]
            if event_index - before < after - event_index:
                return lo - 1
        return lo

    def select_event(self, event_index: int) -> bool:
        """Move the cursor to an event if the list shows it; False if it does not."""
        position = self._position_near(event_index)
        if not self._rows or self._rows[position] != event_index:
            return False
        self.move_to(position, center=True)
        return True

    def move_to(self, position: int, *, center: bool = False) -> None:
        if not self._rows:
            return
        position = max(0, min(position, len(self._rows) - 1))
        if position == self.cursor:
            self._scroll_cursor_into_view(center=center)
            return
        old = self.cursor
        self.cursor = position
        self.refresh_line(old)
        self.refresh_line(position)
        self._scroll_cursor_into_view(center=center)
        self.post_message(self.Highlighted(self, self.highlighted))

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _scroll_cursor_into_view(self, *, center: bool = False) -> None:
        height = self._page_height()
        top = self.scroll_offset.y
        if center and not (top <= self.cursor < top + height):
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    # ------------------------------------------------------------------ actions

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self._rows) - 1)

    def action_page_up(self) -> None:
        height = self._page_height()
        self.scroll_to(y=max(0, self.scroll_offset.y - height), animate=False)
        self.move_to(self.cursor - height)

    def action_page_down(self) -> None:
        height = self._page_height()
        self.scroll_to(y=self.scroll_offset.y + height, animate=False)
        self.move_to(self.cursor + height)

    def action_open_source(self) -> None:
        index = self.highlighted
        if index is not None:
            self.post_message(self.OpenSource(self, index))

    def action_copy(self, markdown: bool) -> None:
        """`y`/`Y`: the event under the cursor, with its citation, into the clipboard."""
        index = self.highlighted
        if index is not None:
            from tui.copying import copy_citation  # with the first copy, not every start

            copy_citation(
                self.app,
                self.timeline,
                self._events[index],
                markdown=markdown,
                settings=self.settings,
            )

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = self.scroll_offset.y + offset.y
        if 0 <= position < len(self._rows):
            self.move_to(position)
            if event.chain >= 2:
                self.action_open_source()

    def on_focus(self, event: events.Focus) -> None:
        self._cache.clear()
        self._base = None
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._cache.clear()
        self._base = None
        self.refresh()

    def settings_changed(self, settings: Settings) -> None:
        self._cache.clear()
        self._base = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._base = None

    # ------------------------------------------------------------------ rendering

    def _columns(self) -> tuple[int, int]:
        """Widths of the date and badge columns for the current language."""
        lang = language()
        widths = self._widths.get(lang)
        if widths is None:
            fmt = formatter()
            date_width = max(
                cell_len(fmt.date(dt.date(2000, 12, 28))),
                cell_len(fmt.date(dt.date(2000, 9, 30), "estimate")),
                cell_len(fmt.date(dt.date(2000, 12, 28), "day_month")),
            )
            labels = [platform_label(self.timeline, p.id) for p in self.timeline.platforms]
            labels.append(platform_label(self.timeline, None))
            badge_width = min(BADGE_MAX, max(cell_len(label) for label in labels))
            widths = self._widths[lang] = (date_width, badge_width)
        return widths

    def render_lines(self, crop: Region) -> list[Strip]:
        # The width and the scroll position, read once per pass rather than per line:
        # Textual computes them from the region and the scrollbars each time.
        self._pass = (self.scrollable_content_region.width, self.scroll_offset.y)
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        if self._pass is None:
            width, top = self.scrollable_content_region.width, self.scroll_offset.y
        else:
            width, top = self._pass
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        position = top + y
        if not self._rows:
            return self._render_empty(y, width, base)
        if position >= len(self._rows) or width <= 0:
            return Strip.blank(width, base)
        event_index = self._rows[position]
        is_cursor = position == self.cursor
        key = (event_index, is_cursor, width, language(), self._query, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(event_index, is_cursor, width, base)
            self._cache[key] = strip
        return strip

    def _render_row(self, event_index: int, is_cursor: bool, width: int, base: Style) -> Strip:
        event = self._events[event_index]
        if is_cursor:
            base = self.get_component_rich_style("event-list--cursor")
        compact = width < COMPACT_BELOW
        date, badge = self._date_cell(event.date, event.date_precision), self._badge(event.platform)
        if compact:
            # A narrow list has no room for the name: the platform's colour and the digit
            # of its chip above ("3 Cổng DVCQG"), so that rows whose titles read alike
            # ("số liệu đến 25/2/2020" for three platforms) stay apart without colour.
            badge = self._keys.get(event.platform, "●") if event.platform else "●"
        slot = self._slots.get(event.platform or "", 0) if event.platform else 0
        # Muted colours are translucent: only the full style blends them with the background.
        date_style = base if is_cursor else self.get_component_rich_style("event-list--date")
        badge_style = base + slot_style(self.app, slot)
        gap = " " if compact else "  "
        segments = [
            Segment(" ", base),
            Segment(date, date_style),
            Segment(gap, base),
            Segment(badge, badge_style),
            Segment(gap, base),
        ]
        used = 1 + cell_len(date) + 2 * len(gap) + cell_len(badge)
        room = width - used
        if room < 1:  # not even a title's first cell: crop whatever fits
            return Strip(segments).crop(0, width).extend_cell_length(width, base)
        # The title is cut as text, before it becomes segments: cutting segments (Strip.crop)
        # cost more than the rest of the row together.
        full_title = title_of(event)
        # The badge shows the platform (its name in a wide row, its colour in a narrow
        # one, named in the chips above and in the detail): a title that starts with the
        # same name ("Cổng DVCQG: 6 tháng đầu năm 2022") gives that room to the rest of
        # it. At 80 columns the row has 16 cells for its title, and every event of the
        # Portal read "Cổng DVCQG: …".
        skip = self._prefix_length(full_title, event.platform)
        title = full_title[skip:]
        if (
            skip
            and title[:1].islower()
            and title.split(" ", 1)[0].islower()
            and len(title[0].upper()) == 1
        ):
            # "Cổng DVCQG: số liệu đến …" reads "Số liệu đến …": the rest starts a sentence.
            # Only a word in lower case throughout ("e-Cabinet" stays), one letter for one.
            title = title[0].upper() + title[1:]
        cells = cell_len(title)
        cut = cells > room
        if cut:
            title = set_cell_size(title, room - 1)
            cells = room - 1
        match_style = base + self.get_component_rich_style("event-list--match", partial=True)
        start = 0
        for match_begin, match_end in spans(full_title, self._query) if self._query else ():
            begin, end = max(0, match_begin - skip), min(match_end - skip, len(title))
            if begin >= len(title):
                break
            if end <= begin:
                continue
            if begin > start:
                segments.append(Segment(title[start:begin], base))
            segments.append(Segment(title[begin:end], match_style))
            start = end
        if start < len(title):
            segments.append(Segment(title[start:], base))
        if cut:
            segments.append(Segment(ELLIPSIS, base))
            cells += 1
        if cells < room:
            segments.append(Segment(" " * (room - cells), base))
        return Strip(segments, width)

    def _prefix_length(self, title: str, platform: str | None) -> int:
        """How much of the title repeats the badge: "Cổng DVCQG: " before the rest."""
        if platform is None:
            return 0
        key = (language(), platform)
        prefix = self._prefixes.get(key)
        if prefix is None:
            prefix = self._prefixes[key] = platform_label(self.timeline, platform) + ": "
        if title.startswith(prefix) and len(title) > len(prefix):
            return len(prefix)
        return 0

    def _date_cell(self, date: dt.date, precision: Precision) -> str:
        """The date as the list shows it, padded to the column: cached, as dates repeat."""
        key = (language(), date, precision)
        cell = self._dates.get(key)
        if cell is None:
            if len(self._dates) > 4096:
                self._dates.clear()
            date_width = self._columns()[0]
            cell = self._dates[key] = set_cell_size(formatter().date(date, precision), date_width)
        return cell

    def _badge(self, platform: str | None) -> str:
        """The platform's short name fitted to the badge column."""
        key = (language(), platform)
        badge = self._badges.get(key)
        if badge is None:
            badge_width = self._columns()[1]
            label = platform_label(self.timeline, platform)
            if cell_len(label) > badge_width:
                badge = set_cell_size(label, badge_width - 1) + ELLIPSIS
            else:
                badge = set_cell_size(label, badge_width)
            self._badges[key] = badge
        return badge

    def _render_empty(self, y: int, width: int, base: Style) -> Strip:
        if y == 1 and self._empty_message:
            style = self.get_component_rich_style("event-list--empty")
            text = self._empty_message
        elif y == 2 and self._empty_hint:
            style = self.get_component_rich_style("event-list--hint")
            text = self._empty_hint
        else:
            return Strip.blank(width, base)
        if cell_len(text) > width:
            text = set_cell_size(text, max(0, width - 1)) + ELLIPSIS
        pad = max(0, (width - cell_len(text)) // 2)
        return Strip([Segment(" " * pad, base), Segment(text, style)]).extend_cell_length(
            width, base
        )


def no_events_message(query: str, filtered: bool = False) -> tuple[str, str]:
    """What an empty list says: why it is empty, and how to get events back."""
    if query:
        message = _("No matches for “{query}”").format(query=clean(query))
        if filtered:
            return message, _("Escape clears the search; 0 shows every platform")
        return message, _("Escape clears the search")
    return _("No events for this platform"), _("Press 0 to show every platform")

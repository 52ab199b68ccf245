"""The platform filter: one chip per top platform and "All", the event count on the right."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from timeline.model import Timeline
from tui.labels import MAX_KEYS, platform_label, slots
from tui.language import _, formatter, ngettext
from tui.platform_colours import slot_style
from tui.settings import FollowsSettings, Settings


class PlatformChips(FollowsSettings, Widget):
    """`0 All  1 Axis  2 e-Cabinet …   12 events`; click a chip or press its digit."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "platform-chips--key",
        "platform-chips--active",
        "platform-chips--count",
    }

    DEFAULT_CSS = """
    PlatformChips {
        height: 1;
        padding: 0 1;
        & > .platform-chips--key { color: $text-muted; }
        & > .platform-chips--active { text-style: bold reverse; }
        & > .platform-chips--count { color: $text-muted; }
    }
    """

    class Chosen(Message):
        """A chip was clicked: show this platform (None: all of them)."""

        def __init__(self, chips: PlatformChips, platform: str | None) -> None:
            super().__init__()
            self.chips = chips
            self.platform = platform

    def __init__(self, timeline: Timeline, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline = timeline
        self._slots = slots(timeline)
        self.platforms: list[str] = [p.id for p in timeline.top_platforms()[:MAX_KEYS]]
        self.active: str | None = None
        self.shown = len(timeline.events)
        self.total = len(timeline.events)
        self._hit_boxes: list[tuple[int, int, str | None]] = []

    def update_state(self, active: str | None, shown: int, total: int) -> None:
        self.active, self.shown, self.total = active, shown, total
        self.refresh()

    def settings_changed(self, settings: Settings) -> None:
        self.refresh()

    def count_text(self) -> str:
        """ "12 events", or "3 of 12 events" when a filter or a search hides some."""
        fmt = formatter()
        if self.shown == self.total:
            return ngettext("{count} event", "{count} events", self.total).format(
                count=fmt.number(self.total)
            )
        return ngettext("{shown} of {count} event", "{shown} of {count} events", self.total).format(
            shown=fmt.number(self.shown), count=fmt.number(self.total)
        )

    def render(self) -> Text:
        width = self.scrollable_content_region.width
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        # Muted colours are translucent: only the full style blends them with the background.
        key_style = self.get_component_rich_style("platform-chips--key")
        active_style = self.get_component_rich_style("platform-chips--active", partial=True)
        chips: list[tuple[str, str | None, str, int]] = [("0", None, _("All"), 0)]
        for number, platform_id in enumerate(self.platforms, 1):
            label = platform_label(self.timeline, platform_id)
            chips.append((str(number), platform_id, label, self._slots.get(platform_id, 0)))
        count = self.count_text()
        longest = max(cell_len(label) for _key, _p, label, _s in chips)

        def needed(limit: int) -> int:
            return sum(cell_len(k) + 3 + min(cell_len(x), limit) + 1 for k, _p, x, _s in chips)

        def fit(budget: int) -> int:
            limit = longest
            while limit > 1 and needed(limit) > budget:
                limit -= 1
            return limit

        # Shorten the labels, all alike, until the chips and the count share the line;
        # when that would leave labels of a letter or two, the chips keep the line alone.
        limit = fit(width - cell_len(count) - 1)
        if limit < min(3, longest):
            count = ""
            limit = fit(width)
        self._hit_boxes = []
        for key, platform, full_label, slot in chips:
            label = full_label
            if cell_len(label) > limit:
                label = set_cell_size(label, limit - 1) + "…" if limit > 1 else label[:1]
            start = cell_len(text.plain)
            chip_style = slot_style(self.app, slot)
            if platform == self.active:
                chip = Style.combine([chip_style, active_style])
                text.append(f" {key} ", chip + Style(dim=False))
                text.append(f"{label} ", chip)
            else:
                text.append(f" {key} ", key_style)
                text.append(f"{label} ", chip_style)
            self._hit_boxes.append((start, cell_len(text.plain), platform))
            text.append(" ")
        count_style = self.get_component_rich_style("platform-chips--count")
        gap = width - cell_len(text.plain) - cell_len(count)
        if count and gap >= 1:
            text.append(" " * gap)
            text.append(count, count_style)
        return text

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, platform in self._hit_boxes:
            if start <= offset.x < end:
                self.post_message(self.Chosen(self, platform))
                return

"""A hundred thousand events cost what a screenful costs: the list renders visible lines only."""

from __future__ import annotations

import time

import pytest

from tests.conftest import big_timeline, make_app
from timeline.model import Timeline
from tui.screens.explorer import ExplorerScreen
from tui.widgets.event_list import EventList
from tui.widgets.time_ruler import TimeRuler

COUNT = 100_000


@pytest.fixture(scope="module")
def huge() -> Timeline:
    timeline = big_timeline(COUNT)
    _ = timeline.events, timeline.warnings
    return timeline


async def test_only_visible_rows_are_rendered(
    huge: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[int] = []
    original = EventList._render_row

    def counting(self: EventList, index: int, *args: object) -> object:
        rendered.append(index)
        return original(self, index, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(EventList, "_render_row", counting)
    app = make_app(huge)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        events = app.screen.query_one(EventList)
        height = events.scrollable_content_region.height
        await pilot.press("G", "pageup", "g", "pagedown", "j", "k")
        await pilot.pause()
        assert events.highlighted == height
        # Six moves, each at most a screenful of new rows (and a few re-rendered for the cursor).
        assert len(rendered) < 8 * (height + 2), len(rendered)
        assert max(rendered) == COUNT - 1


async def test_startup_and_keystrokes_stay_quick(huge: Timeline) -> None:
    app = make_app(huge)
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert time.perf_counter() - started < 10  # generous: CI machines are slow
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        for _ in range(100):  # the search index builds in a thread meanwhile
            if screen.index is not None:
                break
            await pilot.pause(0.1)
        assert screen.index is not None
        timings = {}
        for key in ("j", "G", "pagedown", "home", "3", "0", "right"):
            before = time.perf_counter()
            await pilot.press(key)
            timings[key] = time.perf_counter() - before
        assert max(timings.values()) < 2.0, timings
        events = screen.query_one(EventList)
        assert events.highlighted == 3  # home; Portal keeps its first event (2); all; right
        await pilot.press("3")
        assert len(events.rows) == COUNT // 6 + (1 if COUNT % 6 > 2 else 0)
        assert len(screen.query_one(TimeRuler)._rows) == len(events.rows)


async def test_a_search_over_a_large_timeline_waits_for_a_pause_in_typing(huge: Timeline) -> None:
    app = make_app(huge)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        for _ in range(100):
            if screen.index is not None:
                break
            await pilot.pause(0.1)
        await pilot.press("slash", *"number 9999")
        await pilot.pause(0.5)
        events = screen.query_one(EventList)
        titles = [huge.events[i].title.en for i in events.rows]
        assert titles and all("9999" in title for title in titles)
        assert "Event number 9999: public services" in titles

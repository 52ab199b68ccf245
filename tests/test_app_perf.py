"""A hundred thousand events cost what a screenful costs: the list renders visible lines only."""

from __future__ import annotations

import time

import pytest

from tests.conftest import big_timeline, make_app, screen_text
from timeline.model import Timeline
from tui.screens.explorer import ExplorerScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.event_list import EventList
from tui.widgets.time_ruler import TimeRuler

COUNT = 100_000


@pytest.fixture(scope="module")
def huge() -> Timeline:
    timeline = big_timeline(COUNT)
    _ = timeline.events, timeline.warnings
    return timeline


async def test_the_list_draws_whichever_rows_are_in_view(huge: Timeline) -> None:
    """A line-API list: any screenful of 10,000 rows is drawn on demand, in place."""
    app = make_app(huge)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        events = app.screen.query_one(EventList)
        height = events.scrollable_content_region.height
        await pilot.press("G")
        await pilot.pause()
        assert huge.events[COUNT - 1].title.en in screen_text(app)
        await pilot.press("pageup", "g", "pagedown", "j", "k")
        await pilot.pause()
        assert events.highlighted == height
        assert huge.events[height].title.en in screen_text(app)
        assert huge.events[COUNT - 1].title.en not in screen_text(app)


async def test_startup_and_keystrokes_stay_quick(huge: Timeline) -> None:
    app = make_app(huge)
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert time.perf_counter() - started < 10  # generous: CI machines are slow
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        for _ in range(100):  # the search index builds in a thread meanwhile
            if screen.queries.search is not None:
                break
            await pilot.pause(0.1)
        assert screen.queries.search is not None
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
            if screen.queries.search is not None:
                break
            await pilot.pause(0.1)
        await pilot.press("slash", *"number 9999")
        await pilot.pause(0.5)
        events = screen.query_one(EventList)
        titles = [huge.events[i].title.en for i in events.rows]
        assert titles and all("9999" in title for title in titles)
        assert "Event number 9999: public services" in titles


async def test_the_detail_scrolls_to_its_end_at_every_size(small: Timeline) -> None:
    """Sized without a second layout, the pane still knows how tall it is."""
    app = make_app(small)
    async with app.run_test(size=(100, 16)) as pilot:
        pane = app.screen.query_one(DetailPane)
        for _ in range(len(small.events)):
            await pilot.pause()
            parts = [w for w in pane.children if w.display]
            bottom = max(w.virtual_region_with_margin.bottom for w in parts)
            assert pane.virtual_size.height == max(bottom, pane.scrollable_content_region.height)
            pane.scroll_end(animate=False)
            await pilot.pause()
            assert pane.scroll_offset.y == max(0, pane.virtual_size.height - pane.size.height)
            sources = pane.query_one("#detail-sources")
            assert sources.region.bottom <= pane.region.bottom
            await pilot.press("j")

"""A large timeline shows its first screen at once and adds its data notes after.

The data notes, the series behind the sparklines and the search index of a large
timeline are computed in a thread after the first screen; the screen is complete when
they arrive. "Large" is lowered here so that the small fixture exercises the path.
"""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Static

import timeline.queries as queries_module
import timeline.series
from tests.conftest import make_app
from timeline.model import Timeline
from timeline.search import SearchIndex, Stopped
from tui.screens.explorer import ExplorerScreen
from tui.widgets.detail_pane import DetailPane


@pytest.fixture
def release(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The small fixture counted as large, its preparation held until the event is set."""
    monkeypatch.setattr(queries_module, "LARGE", 5)
    event = threading.Event()
    real = timeline.series.all_series

    def slow_series(timeline: Timeline) -> object:
        event.wait(5)
        return real(timeline)

    monkeypatch.setattr(queries_module, "all_series", slow_series)
    return event


async def test_the_first_screen_comes_before_the_notes_and_the_index(
    small: Timeline, release: threading.Event
) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        badge = screen.query_one("#status-warnings", Static)
        pane = screen.query_one(DetailPane)
        # The first screen, before the thread is done: no count yet, no notes, no index.
        assert badge.has_class("-none")
        assert screen.queries.search is None and not pane.query_one("#detail-warnings").display
        assert str(pane.query_one("#detail-title", Static).render())  # the event is shown
        release.set()
        for _ in range(100):
            if screen.queries.search is not None:
                break
            await pilot.pause(0.02)
        assert screen.queries.search is not None
        assert str(badge.render()) == f"⚠ {len(small.warnings)} data-quality notes"
        assert not badge.has_class("-none")


async def test_a_search_typed_before_the_index_is_ready_is_answered_after(
    small: Timeline, release: threading.Event
) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"e-cabinet")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        status = str(screen.query_one("#search-status", Static).render())
        assert status == "Indexing…"
        release.set()
        for _ in range(100):
            if screen.queries.search is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        expected = SearchIndex(small).find("e-cabinet")
        assert list(screen.rows) == expected and expected


def test_an_index_build_stops_when_asked(small: Timeline) -> None:
    with pytest.raises(Stopped):
        SearchIndex(small, should_stop=lambda: True)
    asked: list[int] = []

    def should_stop() -> bool:
        asked.append(1)
        return False

    SearchIndex(small, should_stop=should_stop)
    assert asked  # it does ask

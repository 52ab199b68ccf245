"""What the explorer leaves for the cyclic collector, and when the collector may pause it.

Every repaint used to leave its strips in reference cycles (Textual's LRU ring, and a
strip that keeps `[itself]` in its own cache; tui.compat.frames_without_cycles); their
collection, in the oldest generation, paused a keystroke by 15 to 30 ms. These tests hold
the fixes to what a reader would notice: nothing drawn is left to the collector, and its
oldest generation waits for the reader to rest (tui.rest_collection).
"""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Callable, Iterator

import pytest
from rich.segment import Segment
from textual.cache import LRUCache
from textual.strip import Strip

from tests.conftest import make_app
from timeline.model import Timeline
from tui.compat import frames_without_cycles
from tui.rest_collection import DEFERRED, PATIENCE, QUIET_S, RestCollection


class Value:
    """Something a weak reference can watch."""


@pytest.fixture
def collector() -> Iterator[list[int]]:
    """The generations of the collections that start during the test; the collector's
    state is restored after it."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    started: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(watch)
    yield started
    gc.callbacks.remove(watch)
    gc.set_threshold(*thresholds)
    if enabled:
        gc.enable()


def test_a_cleared_cache_frees_its_values_without_the_collector(collector: list[int]) -> None:
    frames_without_cycles()
    gc.disable()
    cache: LRUCache[int, Value] = LRUCache(8)
    values = [Value() for _ in range(5)]
    for key, value in enumerate(values):
        cache[key] = value
    assert cache.get(0) is values[0]  # the ring reordered, as a lookup does
    watched = [weakref.ref(value) for value in values]
    del values, value
    cache.clear()
    assert [ref() for ref in watched] == [None] * 5
    assert len(cache) == 0
    cache[9] = kept = Value()  # and it works as before after a clear
    assert cache.get(9) is kept


def test_a_strip_drawn_whole_is_not_kept_by_itself() -> None:
    frames_without_cycles()
    strip = Strip([Segment("Cổng "), Segment("DVCQG")])
    references = sys.getrefcount(strip)
    assert strip.divide([strip.cell_length]) == [strip]
    assert strip.divide([strip.cell_length, 99]) == [strip]  # cuts beyond it: ignored
    assert sys.getrefcount(strip) == references
    # Divided for real, it is cut as Textual cuts it.
    assert [piece.text for piece in strip.divide([3, strip.cell_length])] == ["Cổn", "g DVCQG"]


async def test_typing_and_moving_leave_no_strip_to_the_collector(small: Timeline) -> None:
    """A search typed, closed, the cursor moved and the language switched: every strip
    those frames drew is freed as it goes, none waits in a cycle."""
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        gc.collect()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            await pilot.press("slash", *"cong dich vu", "escape", "j", "j", "j", "l")
            await pilot.pause()
            gc.collect()
            strips = sum(isinstance(found, Strip) for found in gc.garbage)
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
    assert strips == 0


class Later:
    """A clock the test moves, and the callbacks scheduled on it (App.set_timer)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.due: list[tuple[float, Callable[[], None]]] = []

    def schedule(self, delay: float, callback: Callable[[], None]) -> None:
        self.due.append((self.now + delay, callback))

    def wait(self, seconds: float) -> None:
        self.now += seconds
        while ready := [entry for entry in self.due if entry[0] <= self.now]:
            for entry in ready:
                self.due.remove(entry)
                entry[1]()


def make_due(times: int = 1) -> None:
    """Young collections enough for the oldest generation to be due `times` over."""
    gc.collect()
    for _ in range(10 * times + 1):
        gc.collect(1)


def test_the_oldest_generation_waits_for_the_reader_to_rest(collector: list[int]) -> None:
    gc.enable()
    later = Later()
    rest = RestCollection(later.schedule, clock=lambda: later.now)
    rest.begin()
    assert gc.get_threshold()[2] == DEFERRED
    make_due()
    collector.clear()
    for _ in range(5):  # keys a tenth of a second apart: no full collection among them
        rest.input_seen()
        later.wait(0.1)
    assert 2 not in collector
    later.wait(QUIET_S)
    assert collector.count(2) == 1
    later.wait(10 * QUIET_S)  # nothing new to collect, no input: no more collections
    assert collector.count(2) == 1
    rest.end()


def test_input_that_never_rests_is_collected_in_the_end(collector: list[int]) -> None:
    gc.enable()
    later = Later()
    rest = RestCollection(later.schedule, clock=lambda: later.now)
    rest.begin()
    make_due(PATIENCE - 1)
    collector.clear()
    rest.input_seen()
    assert 2 not in collector
    make_due(PATIENCE)
    collector.clear()
    rest.input_seen()
    assert collector == [2]
    rest.end()


def test_nothing_is_collected_while_the_collector_is_held_off(collector: list[int]) -> None:
    """A load validating in bulk holds the collector off (timeline.collector): a rest
    then must not walk the hundreds of thousands of objects it is building."""
    gc.enable()
    later = Later()
    rest = RestCollection(later.schedule, clock=lambda: later.now)
    rest.begin()
    make_due(PATIENCE)
    gc.disable()
    collector.clear()
    rest.input_seen()
    later.wait(2 * QUIET_S)
    assert collector == []
    rest.end()


async def test_the_explorer_defers_the_oldest_generation_while_it_runs(
    small: Timeline, collector: list[int]
) -> None:
    before = gc.get_threshold()
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.get_threshold() == (*before[:2], DEFERRED)
    assert gc.get_threshold() == before

"""The platform filter: digit keys, `p`, chips; the list, ruler and count follow."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from timeline.model import Timeline
from tui.screens.explorer import ExplorerScreen
from tui.widgets.event_list import EventList
from tui.widgets.platform_chips import PlatformChips
from tui.widgets.time_ruler import TimeRuler

# small.toml: Axis 2 events, e-Cabinet 1, Portal 5, Reporting 1 (the command centre's).
EXPECTED = {"0": 11, "1": 2, "2": 1, "3": 5, "4": 1}


@pytest.mark.parametrize("key", sorted(EXPECTED))
async def test_each_platform_key_filters_list_ruler_and_count(small: Timeline, key: str) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        events = screen.query_one(EventList)
        chips = screen.query_one(PlatformChips)
        count = EXPECTED[key]
        assert len(events.rows) == count
        assert len(screen.query_one(TimeRuler)._rows) == count
        word = "event" if count == 1 else "events"
        expected_text = f"{count} {word}" if key == "0" else f"{count} of 11 events"
        assert chips.count_text() == expected_text
        if key != "0":
            top = small.top_platforms()[int(key) - 1]
            family = small.family(top.id)
            assert all(small.events[i].platform in family for i in events.rows)
            assert chips.active == top.id


async def test_reporting_includes_the_command_centre(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        events = app.screen.query_one(EventList)
        assert [small.events[i].platform for i in events.rows] == ["command-centre"]


async def test_p_cycles_through_the_platforms_and_back_to_all(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        chips = app.screen.query_one(PlatformChips)
        seen = []
        for _ in range(5):
            await pilot.press("p")
            seen.append(chips.active)
        assert seen == ["axis", "ecabinet", "portal", "reporting", None]


async def test_keys_beyond_the_platforms_do_nothing(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "7")
        assert app.screen.query_one(PlatformChips).active == "portal"


async def test_clicking_a_chip_filters(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        chips = app.screen.query_one(PlatformChips)
        start, _end, platform = chips._hit_boxes[3]
        assert platform == "portal"
        await pilot.click(PlatformChips, offset=(1 + start + 1, 0))
        await pilot.pause()
        assert chips.active == "portal"
        assert len(app.screen.query_one(EventList).rows) == 5


async def test_filter_keeps_the_selected_event_when_it_stays_visible(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        events = app.screen.query_one(EventList)
        await pilot.press("j", "j", "j", "j")  # report-2020-02, a Portal event
        assert small.events[events.highlighted or 0].id == "report-2020-02"
        await pilot.press("3")
        assert small.events[events.highlighted or 0].id == "report-2020-02"
        await pilot.press("escape")  # back to every platform
        assert app.screen.query_one(PlatformChips).active is None
        assert small.events[events.highlighted or 0].id == "report-2020-02"


async def test_a_platform_without_events_says_so(small: Timeline) -> None:
    from tui.widgets.event_list import no_events_message

    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        screen.set_platform("nowhere")  # a platform no event has
        await pilot.pause()
        events = screen.query_one(EventList)
        assert list(events.rows) == []
        message, _hint = no_events_message("")
        assert message in events.render_line(1).text

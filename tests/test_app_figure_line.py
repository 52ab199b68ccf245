"""The source view and the indicator view say the figure under the cursor in full, at 80x24.

Walking through either table in Vietnamese and in English, the line under it (on screen,
above the key bar) gives the selected figure's full name, what it covers (a period, since
launch, a level at a date) and, for a growth, what it is measured against; the table's
own cells may be cut, the values in the source view are not broken over two lines.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.conftest import flat, make_app, screen_text
from tests.test_snapshots import _event_with_figures_and_a_note
from timeline.l10n import Formatter
from timeline.load import bundled_path, load
from timeline.model import Observation, Timeline
from tui.app import VnEgovApp
from tui.screens.explorer import ExplorerScreen
from tui.screens.indicator import IndicatorScreen
from tui.screens.source import SourceScreen
from tui.widgets.figures_table import FiguresTable

LANGS = ["en", "vi"]
SIZE = (80, 24)

# How the line names a total since launch and a level, in each language.
SINCE_LAUNCH = {"en": "since launch", "vi": "lũy kế"}
LEVEL = {"en": "level on", "vi": "mức tại"}
VERSUS = {"en": "vs", "vi": "so với"}


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load(bundled_path())


def figure_on_screen(app: VnEgovApp) -> tuple[str, list[str]]:
    """The figure line as the screen shows it (its words up to the quote), and the
    screen's other lines."""
    lines = screen_text(app).splitlines()[: app.size.height - 1]  # above the key bar
    starts = [number for number, line in enumerate(lines) if "▸" in line]
    assert starts, "no figure line on screen"
    block = flat("\n".join(lines[starts[0] : starts[0] + 5]))
    said = block[block.index("▸") :].split("“")[0]
    return said, lines[: starts[0]]


def assert_said_in_full(t: Timeline, lang: str, obs: Observation, said: str) -> None:
    fmt = Formatter(lang)
    name = flat(t.figure_name(obs, lang))
    assert f"▸ {name}:" in said, f"{name!r} is not said in full in {said!r}"
    assert fmt.figure(obs, t.indicator[obs.indicator]) in said
    if obs.compared_with is not None:
        assert f"{VERSUS[lang]} {flat(obs.compared_with.label.get(lang))}" in said
    if obs.basis == "period":
        assert obs.period_start is not None and obs.period_end is not None
        assert f"· {fmt.period(obs.period_start, obs.period_end)}" in said
    elif obs.basis == "cumulative":
        assert f"· {SINCE_LAUNCH[lang]}" in said
    else:
        assert f"· {LEVEL[lang]}" in said


async def open_from_event(pilot: Pilot[None], index: int, key: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, ExplorerScreen)
    screen.jump_to(index)
    await pilot.pause()
    await pilot.press("tab", key)
    await pilot.pause()
    await pilot.pause()


async def walk_the_table(
    pilot: Pilot[None], table: FiguresTable, bundled: Timeline, lang: str
) -> set[str]:
    """Move down every row with j and check the figure line says each in full.

    Returns the kinds of figure met: "growth" or the basis of the others.
    """
    app = pilot.app
    assert isinstance(app, VnEgovApp)
    kinds: set[str] = set()
    for number in range(table.row_count):
        if number:
            await pilot.press("j")
            await pilot.pause()
        obs = table.current
        assert obs is not None
        said, above = figure_on_screen(app)
        assert_said_in_full(bundled, lang, obs, said)
        # The value stays on one line in the table, and its row is on screen.
        value = Formatter(lang).figure(obs, bundled.indicator[obs.indicator])
        assert any(value in line for line in above), f"{value!r} is broken or out of sight"
        kinds.add("growth" if obs.compared_with else obs.basis)
    return kinds


@pytest.mark.parametrize("lang", LANGS)
async def test_the_source_view_says_each_figure_in_full(bundled: Timeline, lang: str) -> None:
    app = make_app(bundled, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_from_event(pilot, _event_with_figures_and_a_note(bundled), "s")
        assert isinstance(app.screen, SourceScreen)
        table = app.screen.query_one(FiguresTable)
        assert table.has_focus and table.row_count > 5
        await pilot.press("g")
        await pilot.pause()
        kinds = await walk_the_table(pilot, table, bundled, lang)
        assert {"growth", "cumulative"} <= kinds


@pytest.mark.parametrize("lang", LANGS)
async def test_the_chart_view_says_each_reading_in_full(bundled: Timeline, lang: str) -> None:
    app = make_app(bundled, lang)
    index = next(i for i, e in enumerate(bundled.events) if e.id == "report-000-axis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_from_event(pilot, index, "c")
        assert isinstance(app.screen, IndicatorScreen)
        table = app.screen.query_one(FiguresTable)
        assert table.has_focus and table.row_count > 5
        await pilot.press("g")
        await pilot.pause()
        kinds = await walk_the_table(pilot, table, bundled, lang)
        # Growth against several baselines, half-years and totals were all said in full.
        assert {"growth", "period", "cumulative"} <= kinds


@pytest.mark.parametrize("lang", LANGS)
async def test_the_chart_view_opens_with_its_reading_in_sight(bundled: Timeline, lang: str) -> None:
    """Opened on the last reading of a series, the page shows that reading and its line."""
    app = make_app(bundled, lang)
    title = "Cổng DVCQG: lũy kế đến giữa năm 2022 và 6 tháng đầu năm"
    index = next(i for i, e in enumerate(bundled.events) if e.title.vi == title)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_from_event(pilot, index, "c")
        assert isinstance(app.screen, IndicatorScreen)
        table = app.screen.query_one(FiguresTable)
        obs = table.current
        assert obs is not None and table.has_focus
        assert table.cursor_row > 0  # not the first reading: the page had to follow it
        said, above = figure_on_screen(app)
        assert_said_in_full(bundled, lang, obs, said)
        value = Formatter(lang).figure(obs, bundled.indicator[obs.indicator])
        assert any(value in line for line in above)


async def test_a_page_on_the_edge_of_scrolling_settles(hostile: Timeline) -> None:
    """The article whose page is a line too long for 80x24 with its figure line: the page
    scrolls, and the table is not laid out again and again as its scrollbar comes and goes."""
    app = make_app(hostile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_from_event(pilot, 0, "s")
        assert isinstance(app.screen, SourceScreen)
        await pilot.pause(0.1)
        frames = set()
        for _ in range(4):
            await pilot.pause(0.05)
            frames.add(screen_text(app))
        assert len(frames) == 1

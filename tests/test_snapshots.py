"""What the explorer looks like, pinned: every feature in both languages, on the bundled data.

Rewrite after a deliberate change with `make snapshots`, then look at every SVG (turn one
into a PNG with `rsvg-convert`; add `xml:space="preserve"` to its <svg> element first, or
rsvg collapses the runs of spaces). Each screenshot is deterministic: a fixed terminal
size, animations off, no cursor blink, no clock; the app itself shows no time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import make_app, screen_text
from timeline.load import Progress, bundled_path, load
from timeline.model import Timeline
from timeline.queries import Queries
from tui.app import VnEgovApp
from tui.screens.explorer import ExplorerScreen
from tui.screens.loading import LoadingScreen

LANGS = ["en", "vi"]
WIDE = (120, 40)
NORMAL = (80, 24)
NARROWEST = (40, 12)

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Coroutine[Any, Any, None]]


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load(bundled_path())


def _event_with_figures_and_a_note(timeline: Timeline) -> int:
    """The first event that reports figures and has a data-quality note about them."""
    queries = Queries(timeline)
    queries.complete()
    for index, event in enumerate(timeline.events):
        if timeline.figures_for(event) and queries.warnings_for(event):
            return index
    raise AssertionError("the bundled timeline has no event with figures and a note")


def no_cursor_blink(pilot: Pilot[Any]) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False


def select(index: int, then: tuple[str, ...] = (), *, settle: int = 1) -> RunBefore:
    """Select an event, press `then`, and wait `settle` rounds for the screen to settle
    (a chart needs a second one: it redraws once its size is known)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ExplorerScreen)
        screen.jump_to(index)
        # The detail follows the list a frame later, and a key pressed before it has
        # laid out scrolls a pane that is still the previous event's.
        await pilot.pause()
        await pilot.pause()
        await pilot.press(*then)
        for _ in range(settle):
            await pilot.pause()
        no_cursor_blink(pilot)

    return run_before


def keys(*pressed: str) -> RunBefore:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        no_cursor_blink(pilot)  # before typing: the search box exists from the start
        await pilot.press(*pressed)
        await pilot.pause()
        no_cursor_blink(pilot)  # and after: the palette's input is new

    return run_before


@pytest.mark.parametrize("lang", LANGS)
class TestMainScreen:
    def test_main_screen(self, snap_compare: SnapCompare, bundled: Timeline, lang: str) -> None:
        """The first screen: ruler, chips, events, the first event's detail, the footer."""
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=keys())

    def test_main_screen_80x24(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """Usable at 80x24: the detail gets the wider pane, the list shows coloured dots."""
        assert snap_compare(make_app(bundled, lang), terminal_size=NORMAL, run_before=keys())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", ["1", "2", "3", "4"])
class TestPlatformFilter:
    def test_platform_filter(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str, key: str
    ) -> None:
        """One platform's events; the chip lit, the ruler's marks and the count follow."""
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=keys(key))


@pytest.mark.parametrize("lang", LANGS)
class TestSearch:
    def test_search_with_results(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """Typed without diacritics; the matches are highlighted in the titles."""
        run_before = keys("slash", *"dich vu cong", "enter")
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)

    def test_search_without_results(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """No match is said, with the way back."""
        run_before = keys("slash", *"xyzzy")
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
class TestDetail:
    def test_milestone_with_figures_and_a_note(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """Figures with qualifiers and periods, the highlighted figure's words, the ⚠ note."""
        index = _event_with_figures_and_a_note(bundled)
        run_before = select(index, ("tab",))
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
class TestSourceView:
    def test_source_of_a_figure(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """Outlet, title, byline, date, the figure's own words and every figure of the article."""
        index = _event_with_figures_and_a_note(bundled)
        run_before = select(index, ("tab", "s"))
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)

    def test_source_of_a_figure_80x24(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """At 80×24 the focused figures table is brought into view, not left below it."""
        index = _event_with_figures_and_a_note(bundled)
        run_before = select(index, ("tab", "s"))
        assert snap_compare(make_app(bundled, lang), terminal_size=NORMAL, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
class TestOverlays:
    def test_help(self, snap_compare: SnapCompare, bundled: Timeline, lang: str) -> None:
        """Every key, grouped, in the current language."""
        run_before = keys("question_mark")
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)

    def test_command_palette(self, snap_compare: SnapCompare, bundled: Timeline, lang: str) -> None:
        """The palette finds a platform by its acronym and events by name."""
        run_before = keys("ctrl+p", *"dvcqg")
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=run_before)

    def test_data_quality_notes(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """`w`: every note, what it concerns."""
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=keys("w"))

    def test_export_dialog(
        self,
        snap_compare: SnapCompare,
        bundled: Timeline,
        lang: str,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """`e`: the formats, what the highlighted one writes, and where (the directory
        the command runs in, the same on every machine here)."""
        monkeypatch.chdir("/")
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=keys("e"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", ["question_mark", "w", "e", "ctrl+p"])
class TestOverlays80x24:
    def test_overlay_80x24(
        self,
        snap_compare: SnapCompare,
        bundled: Timeline,
        lang: str,
        key: str,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Help, the data notes, the export dialog and the palette fit 80x24."""
        monkeypatch.chdir("/")  # the export dialog names the current directory
        assert snap_compare(make_app(bundled, lang), terminal_size=NORMAL, run_before=keys(key))


@pytest.mark.parametrize("lang", LANGS)
class TestNarrowest:
    def test_narrowest_supported_size(
        self, snap_compare: SnapCompare, bundled: Timeline, lang: str
    ) -> None:
        """40x12: list above detail, one-line ruler, no frames."""
        index = _event_with_figures_and_a_note(bundled)
        assert snap_compare(
            make_app(bundled, lang), terminal_size=NARROWEST, run_before=select(index)
        )


@pytest.mark.parametrize("lang", LANGS)
class TestSourcesScreen:
    def test_sources(self, snap_compare: SnapCompare, bundled: Timeline, lang: str) -> None:
        """`S`: every article by its label, with outlet, date, headline, figures and notes;
        the highlighted one in full under the table."""
        assert snap_compare(make_app(bundled, lang), terminal_size=WIDE, run_before=keys("S"))

    def test_sources_80x24(self, snap_compare: SnapCompare, bundled: Timeline, lang: str) -> None:
        """At 80x24 the headline and outlet give way; the detail under the table says all."""
        assert snap_compare(make_app(bundled, lang), terminal_size=NORMAL, run_before=keys("S"))


@pytest.mark.parametrize("lang", LANGS)
class TestLightTheme:
    def test_light_theme(self, snap_compare: SnapCompare, bundled: Timeline, lang: str) -> None:
        """A light theme: platform colours, the selected figure and the ⚠ note stay legible."""
        app = VnEgovApp(bundled, lang=lang, theme="textual-light")
        app.animation_level = "none"
        index = _event_with_figures_and_a_note(bundled)
        run_before = select(index, ("tab",))
        assert snap_compare(app, terminal_size=NORMAL, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
class TestLoading:
    def test_loading(self, snap_compare: SnapCompare, small: Timeline, lang: str) -> None:
        """A large file being checked: the stage, the count so far and a bar."""
        release = threading.Event()

        def slow_load(progress: Progress) -> Timeline:
            progress("validating", 40_000, 105_000)
            release.wait(10)
            return small

        app = VnEgovApp(None, lang=lang, load=slow_load)
        app.animation_level = "none"

        async def run_before(pilot: Pilot[Any]) -> None:
            for _ in range(100):
                await pilot.pause(0.02)
                if isinstance(pilot.app.screen, LoadingScreen) and "105" in screen_text(pilot.app):
                    break

        try:
            assert snap_compare(app, terminal_size=NORMAL, run_before=run_before)
        finally:
            release.set()


@pytest.mark.parametrize("lang", LANGS)
class TestTooSmall:
    def test_too_small(self, snap_compare: SnapCompare, bundled: Timeline, lang: str) -> None:
        """Smaller than 40x12: what to do, nothing cut to pieces."""
        assert snap_compare(make_app(bundled, lang), terminal_size=(36, 10), run_before=keys())


class TestHostileData:
    def test_hostile_event(self, snap_compare: SnapCompare, hostile: Timeline) -> None:
        """Markup, escapes and controls in every string are shown as written, never obeyed."""
        run_before = select(0, ("tab",))
        assert snap_compare(make_app(hostile), terminal_size=WIDE, run_before=run_before)

    def test_hostile_source(self, snap_compare: SnapCompare, hostile: Timeline) -> None:
        """The article's outlet, title, byline and note, and its figure, literally."""
        run_before = select(0, ("tab", "s"))
        assert snap_compare(make_app(hostile), terminal_size=NORMAL, run_before=run_before)

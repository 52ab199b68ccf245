"""Every figure readable at 80×24: the acceptance walk of the figures of a half-year report.

At 80×24 in Vietnamese, the palette jumps to the Portal's first half of 2022, Tab goes
into its figures and `j` moves through them: each indicator's full name, and whether the
figure is the half-year's or a total since launch, can be read on the screen itself.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.conftest import flat, make_app, screen_text
from timeline.l10n import Formatter
from timeline.load import bundled_path, load
from timeline.model import Timeline
from tui.compat import toasts
from tui.widgets.figures_table import FiguresTable

TITLE = "Cổng DVCQG: lũy kế đến giữa năm 2022 và 6 tháng đầu năm"


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load(bundled_path())


def _toasts(app: object) -> str:
    from textual.app import App

    assert isinstance(app, App)
    return " ".join(toasts(app))


async def _jump(pilot: Pilot[None], title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*title)
    await pilot.pause(0.4)  # the palette gathers hits in a worker
    await pilot.press("enter")
    await pilot.pause()


async def test_the_half_year_figures_read_in_full_at_80_by_24(bundled: Timeline) -> None:
    app = make_app(bundled, lang="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await _jump(pilot, TITLE)
        milestone = next(m for m in bundled.milestones if m.title.vi == TITLE)
        figures = bundled.figures_for(milestone)
        assert len(figures) > 10
        await pilot.press("tab")
        await pilot.pause()
        table = app.screen.query_one("#figures", FiguresTable)
        assert table.has_focus
        fmt = Formatter("vi")
        seen_period = seen_total = False
        for number, obs in enumerate(figures):
            if number:
                await pilot.press("j")
                await pilot.pause()
            assert table.current is obs
            # The line under the table, on screen (not scrolled out of the pane), in full.
            line = app.screen.query_one("#detail-figure")
            pane = app.screen.query_one("#detail")
            assert pane.region.contains_region(line.region.intersection(pane.region))
            assert line.region.height > 0 and line.region.y < 23
            text = flat(str(line.render()))
            name = bundled.figure_name(obs, "vi")
            assert flat(name) in text, f"{name!r} is not readable on screen"
            if obs.change is None and obs.basis == "period":
                # The line under the table: "name: value · 6 tháng đầu năm 2022".
                assert f"{flat(name)}:" in text and "· 6 tháng đầu năm 2022" in text
                seen_period = True
            elif obs.change is None and obs.basis == "cumulative":
                assert f"{flat(name)}:" in text and "lũy kế" in text
                seen_total = True
            if obs.compared_with is not None:
                assert f"so với {obs.compared_with.label.vi}" in text  # the baseline
            assert fmt.figure(obs, bundled.indicator[obs.indicator]).split()[-1] in text
        assert seen_period and seen_total


async def test_the_key_bar_says_what_f_does_now(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(200, 35)) as pilot:  # room for every key
        assert "f Full figures" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert "f Compact figures" in screen_text(app)
        assert "f Full figures" not in screen_text(app)


async def test_c_without_figures_says_why(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(120, 35)) as pilot:
        # The first event (a decree) reports no figures.
        assert not bundled.figures_for(bundled.events[0])
        await pilot.press("c")
        await pilot.pause()
        assert "this event reports no figures" in _toasts(app)


async def test_figures_tables_move_with_j_k_g_and_G(bundled: Timeline) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(120, 35)) as pilot:
        await _jump(pilot, "Portal: first half of 2022")
        await pilot.press("tab")
        table = app.screen.query_one("#figures", FiguresTable)
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_at_80x24_the_event_list_gives_titles_the_room(bundled: Timeline, lang: str) -> None:
    """The narrow list shows the platform once, by its chip's digit in its colour: a title
    does not spend its 16 cells repeating it, where every event of the Portal read
    "Cổng DVCQG: …", and three rows that read alike stay apart by their digits."""
    app = make_app(bundled, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = [line.split("││")[0] for line in screen_text(app).splitlines() if "││" in line]
        assert len(rows) > 10
        prefix = "Cổng DVCQG:" if lang == "vi" else "Portal:"
        assert not [row for row in rows if prefix in row]
        rest = "Số liệu đến" if lang == "vi" else "Figures to"
        date = "25/2/2020" if lang == "vi" else "25 Feb 2020"
        alike = [row.split(date)[1].strip() for row in rows if date in row and rest in row]
        # The Portal's, the Axis's and e-Cabinet's figures of 25/2: chips 3, 1 and 2.
        assert sorted(row[:1] for row in alike) == ["1", "2", "3"], alike

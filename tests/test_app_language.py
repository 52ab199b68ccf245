"""`l` switches the whole interface between English and Vietnamese at once."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import big_timeline, make_app, screen_text
from timeline.l10n import Formatter, translations
from timeline.model import Timeline
from tui.widgets.event_list import EventList
from tui.widgets.key_bar import KeyBar
from tui.widgets.platform_chips import PlatformChips


def _footer(app: object) -> list[str]:
    from textual.app import App

    assert isinstance(app, App)
    bar = app.screen.query_one(KeyBar)
    return [key.description for key in bar.shown(bar.size.width)]


async def test_l_switches_every_visible_string(small: Timeline) -> None:
    accounts = small.observation["plvn-accounts"]
    indicator = small.indicator["accounts"]
    english_value = Formatter("en").figure(accounts, indicator)
    vietnamese_value = Formatter("vi").figure(accounts, indicator)
    assert english_value != vietnamese_value
    app = make_app(small, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j")  # an event with figures
        await pilot.pause()
        english_footer = _footer(app)
        assert "Source" in english_footer and "Search" in english_footer
        before = screen_text(app)
        assert "Vietnam's e-government milestones" in before
        assert "11 events" in before
        assert "25 Feb 2020" in before  # a date
        assert english_value in before  # a number, with its qualifier
        assert " All " in before and "Portal" in before  # chips

        await pilot.press("l")
        await pilot.pause()
        after = screen_text(app)
        assert "Các cột mốc chính phủ điện tử của Việt Nam" in after
        assert "11 sự kiện" in after
        assert "25/2/2020" in after
        assert vietnamese_value in after
        assert "Tất cả" in after and "Cổng DVC" in after
        assert "Hơn 65.900 tài khoản trên Cổng Dịch vụ công" in after  # the title itself
        for english in ("Vietnam's e-government", "25 Feb 2020", english_value, "11 events"):
            assert english not in after

        # The key bar is relabelled: every description is now the catalog's Vietnamese.
        vi = translations("vi").gettext
        assert _footer(app) == [vi(text) for text in english_footer]
        assert "Nguồn" in _footer(app)

        await pilot.press("l")
        await pilot.pause()
        assert _footer(app) == english_footer
        assert "25 Feb 2020" in screen_text(app)


async def test_the_app_starts_in_the_language_asked_for(small: Timeline) -> None:
    app = make_app(small, lang="vi")
    async with app.run_test(size=(120, 40)):
        chips = app.screen.query_one(PlatformChips)
        assert chips.count_text() == "11 sự kiện"
        first = app.screen.query_one(EventList).render_line(0).text
        assert "23/4/2018" in first
        assert "Nghị định 61/2018/NĐ-CP" in first


async def test_help_speaks_the_current_language(small: Timeline) -> None:
    from tui.screens.help import HelpScreen

    app = make_app(small, lang="vi")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(
            str(app.screen.query_one(f"#help-{side}", Static).render())
            for side in ("left", "right")
        )
        vi = translations("vi").gettext
        for english in ("Quit", "Anywhere", "Previous event", "Platform"):
            assert vi(english) in text
        assert "Sự kiện trước" in text and "Previous event" not in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_language_switch_reaches_a_screen_underneath(small: Timeline) -> None:
    """Switching on the source view relabels the explorer beneath it too."""
    app = make_app(small, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # the source view
        await pilot.press("l")
        await pilot.pause()
        text = screen_text(app)
        assert "27/2/2020" in text and "27 Feb 2020" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert "11 sự kiện" in screen_text(app)
        assert "Nguồn" in _footer(app)


async def test_a_switch_leaves_the_list_where_it_was() -> None:
    app = make_app(big_timeline(300), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("pagedown", "pagedown", "k", "k")  # the cursor off the middle
        await pilot.pause()
        event_list = app.screen.query_one(EventList)
        where = (event_list.cursor, event_list.scroll_offset.y)
        assert where[0] - where[1] != event_list.size.height // 2
        await pilot.press("l")
        await pilot.pause()
        assert (event_list.cursor, event_list.scroll_offset.y) == where
        assert "Sự kiện số" in screen_text(app)

"""Every figure one keystroke from its source: the source view's content and its way back."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import make_app, screen_text
from timeline.model import Timeline
from tui.screens.explorer import ExplorerScreen
from tui.screens.source import SourceScreen
from tui.widgets.figures_table import FiguresTable


def _text(app: object, name: str) -> str:
    from textual.app import App

    assert isinstance(app, App)
    return str(app.screen.query_one(f"#{name}", Static).render())


async def test_enter_on_an_event_opens_its_source(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")  # axis-launch, from PLVN
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert _text(app, "source-outlet") == "Pháp luật Việt Nam (PLVN)"
        assert _text(app, "source-title").startswith("11.000 hồ sơ trực tuyến")
        meta = _text(app, "source-meta")
        assert "By Vân Anh" in meta
        assert "Published 27 Feb 2020" in meta
        assert "Quoted for the event: National Document Exchange Axis launched" in _text(
            app, "source-quote-heading"
        )
        assert (
            _text(app, "source-quote")
            == "“Trục liên thông văn bản quốc gia (khai trương ngày 12/3/2019)”"
        )
        # Every figure the article gave, not only the event's.
        table = app.screen.query_one(FiguresTable)
        assert table.row_count == len(small.observations_from("plvn-2020-02-27")) == 3
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)


async def test_s_on_a_figure_opens_its_source_with_its_quote(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j", "j", "j", "j")  # report-2021-06 (XHTT)
        await pilot.press("tab", "down", "s")  # the second figure: VND 81 billion
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert _text(app, "source-outlet") == "XHTT"
        assert "Amount paid" in _text(app, "source-quote-heading")
        assert _text(app, "source-quote") == "“với tổng số tiền trên 81 tỷ đồng”"
        table = app.screen.query_one(FiguresTable)
        assert table.current is not None and table.current.id == "xhtt-amount"
        # Enter on another figure of the article shows that figure's words.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert (
            _text(app, "source-quote")
            == "“số lượng tài khoản cá nhân đăng ký trên Cổng DVCQG là 239.000 tài khoản”"
        )


async def test_a_source_without_outlet_or_date_says_so(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G", "enter")  # the undated Kinh tế & Đô thị article
        await pilot.pause()
        meta = _text(app, "source-meta")
        assert "Publication date not given" in meta
        assert "The text gives no date." in meta
        await pilot.press("escape", "k", "k", "enter")  # report-2021-11: no outlet named
        await pilot.pause()
        assert _text(app, "source-outlet") == "outlet not named"
        assert "The text names no day" in _text(app, "source-meta")
        # The data-quality note about the report's missing day is shown here too.
        assert "no publication day" in _text(app, "source-warnings")


async def test_the_source_view_follows_language_and_figure_mode(small: Timeline) -> None:
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j", "enter")
        await pilot.pause()
        assert "over 17 million" in screen_text(app) or "17 million" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert "17,000,000" in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert "17.000.000" in screen_text(app)
        assert "27/2/2020" in screen_text(app)


async def test_an_event_with_several_sources_pages_through_them() -> None:
    from timeline.load import loads

    text = (
        (__import__("pathlib").Path(__file__).parent / "fixtures" / "small.toml")
        .read_text(encoding="utf-8")
        .replace('sources = ["vpcp-2021-11"]\n\n[[milestones]]\nid = "report-2021-11"',
                 'sources = ["vpcp-2021-11", "plvn-2020-02-27"]\n\n[[milestones]]\nid = "report-2021-11"')
    )  # fmt: skip
    timeline = loads(text, "two-sources.toml")
    assert timeline.milestone["decision-1498"].sources == ("vpcp-2021-11", "plvn-2020-02-27")
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "j", "enter")  # decision-1498
        await pilot.pause()
        assert _text(app, "source-outlet") == "outlet not named"
        assert "1 of 2" in _text(app, "source-header")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert _text(app, "source-outlet") == "Pháp luật Việt Nam (PLVN)"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert _text(app, "source-outlet") == "outlet not named"

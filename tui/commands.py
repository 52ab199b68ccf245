"""The command palette's provider: jump to any event, platform or indicator, in either language.

Matching folds both sides the way the search does ("dich vu cong" finds "Dịch vụ công"),
and every name is matched in Vietnamese and in English whatever the language shown. Data
is displayed as `Content` built from cleaned text; help lines, which the palette reads as
markup, are escaped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from timeline.queries import Queries
from timeline.search import fold
from tui.labels import kind_name, platform_label, shown, title_of
from tui.language import _, formatter, language, ngettext
from tui.series_text import indicator_name, value_of

if TYPE_CHECKING:
    from tui.screens.explorer import ExplorerScreen

YIELD_EVERY = 500
# What the explorer's commands score in the palette before anything is typed: above the
# system commands' 0 (see discover).
DISCOVERY_SCORE = 1.0


@dataclass(frozen=True)
class Candidate:
    texts: tuple[str, ...]  # what is matched (both languages)
    display: str  # what is shown (current language)
    help: str
    run: Callable[[], None]
    # Below 1: ranked after events and platforms unless the query names the kind ("chart").
    weight: float = 1.0


# Words that ask for a chart: "chart", "biểu đồ", "đồ thị" (folded).
CHART_WORDS = ("chart", "bieu do", "do thi")
CHART_WEIGHT = 0.5


class ExplorerCommands(Provider):
    """Events, platforms, indicators, and the app's own switches."""

    def _explorer(self) -> ExplorerScreen | None:
        from tui.screens.explorer import ExplorerScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, ExplorerScreen):
                return screen
        return None

    # ------------------------------------------------------------------ candidates

    def _switches(self) -> Iterator[Candidate]:
        app = self.app
        target = "vi" if language() == "en" else "en"
        switch = _("Switch to English") if target == "en" else _("Switch to Vietnamese")
        yield Candidate(
            (
                "Switch to Vietnamese",
                "Chuyển sang tiếng Việt",
                "Switch to English",
                "Chuyển sang tiếng Anh",
                "language ngôn ngữ",
            ),
            switch,
            _("Language of the whole interface (l)"),
            partial(self._on_app, "action_set_language", target),
        )
        settings = getattr(app, "settings", None)
        full = bool(getattr(settings, "full", False))
        yield Candidate(
            (
                "Show figures in full",
                "Show figures compact",
                "Hiện số đầy đủ",
                "Hiện số gọn",
                "figures số liệu",
            ),
            _("Show figures compact") if full else _("Show figures in full"),
            _("Every number with all its digits, or the short form (f)"),
            partial(self._on_app, "action_toggle_figures"),
        )
        if self._explorer() is not None:
            yield Candidate(
                ("Data-quality notes", "Ghi chú chất lượng dữ liệu", "warnings cảnh báo"),
                _("Data-quality notes"),
                _("Where the sources contradict themselves (w)"),
                partial(self._on_explorer, "action_warnings"),
            )
            yield Candidate(
                ("Search", "Tìm kiếm"),
                _("Search"),
                _("Filter the events as you type (/)"),
                partial(self._on_explorer, "action_search"),
            )
            yield Candidate(
                ("Compare platforms", "So sánh các nền tảng", "compare so sánh"),
                _("Compare platforms"),
                _("Each platform's indicators at their latest reading (v)"),
                partial(self._on_explorer, "action_compare"),
            )
            yield Candidate(
                ("Sources", "Nguồn", "Articles", "Bài báo", "sources nguồn tin"),
                _("Sources"),
                _("Every article the figures come from (S)"),
                partial(self._on_explorer, "action_sources"),
            )
            yield Candidate(
                ("Export", "Xuất", "Save to a file", "Lưu ra tệp", "csv json sqlite"),
                _("Export"),
                _("What the screen shows, to a file: CSV, TimelineJS, SQLite… (e)"),
                partial(self._on_explorer, "action_export"),
            )
            yield Candidate(
                ("Show every platform", "Hiện mọi nền tảng", "All platforms", "Tất cả"),
                _("Show every platform"),
                _("Clear the platform filter (0)"),
                partial(self._on_explorer, "set_platform", None),
            )
        yield Candidate(
            ("Help", "Trợ giúp", "Keys", "Phím"),
            _("Help"),
            _("Every key, in the current language (?)"),
            partial(self._on_app, "action_help"),
        )

    def _on_app(self, method: str, *args: object) -> None:
        getattr(self.app, method)(*args)

    def _on_explorer(self, method: str, *args: object) -> None:
        explorer = self._explorer()
        if explorer is not None:
            getattr(explorer, method)(*args)

    def _platforms(self, q: Queries) -> Iterator[Candidate]:
        t = q.timeline
        lang = language()
        for platform in t.platforms:
            top = t.counted_for(platform.id) or platform.id
            texts = (
                platform.name.vi,
                platform.name.en,
                platform.short.vi,
                platform.short.en,
                *platform.acronyms,
            )
            yield Candidate(
                texts,
                _("Platform: {name}").format(name=shown(platform.name.get(lang))),
                _("Show only {short}").format(short=platform_label(t, top)),
                partial(self._on_explorer, "set_platform", top),
            )

    def _indicators(self, q: Queries) -> Iterator[Candidate]:
        t = q.timeline
        lang = language()
        first: dict[str, int] = {}
        for obs in t.observations:
            index = q.first_event(obs)
            if index is not None and index < first.get(obs.indicator, len(q.events)):
                first[obs.indicator] = index
        for indicator in t.indicators:
            found = first.get(indicator.id)
            if found is None:
                continue
            yield Candidate(
                (indicator.name.vi, indicator.name.en),
                _("Indicator: {name}").format(name=shown(indicator.name.get(lang))),
                _("The first event with a figure of it: {title}").format(
                    title=title_of(t.events[found])
                ),
                partial(self._on_explorer, "jump_to", found),
            )

    def _charts(self, q: Queries) -> Iterator[Candidate]:
        """ "Chart: Axis · Documents" for every series, matched by "chart"/"biểu đồ" and names."""
        fmt = formatter()
        t = q.timeline
        for (platform, indicator), series in q.all_series().items():
            names = {
                lang: f"{platform_label(t, platform, lang)} {indicator_name(t, indicator, lang)}"
                for lang in ("vi", "en")
            }
            count = len(series.readings)
            latest = series.latest
            if latest is not None:
                help_text = ngettext(
                    "{count} reading; latest {value} ({when})",
                    "{count} readings; latest {value} ({when})",
                    count,
                ).format(
                    count=fmt.number(count),
                    value=value_of(fmt, t, latest),
                    when=fmt.when(latest),
                )
            else:
                help_text = ngettext("{count} reading", "{count} readings", count).format(
                    count=fmt.number(count)
                )
            yield Candidate(
                (f"Chart {names['en']}", f"Biểu đồ {names['vi']}"),
                _("Chart: {platform} · {indicator}").format(
                    platform=platform_label(t, platform),
                    indicator=indicator_name(t, indicator, language()),
                ),
                help_text,
                partial(self._on_app, "open_chart", platform, indicator),
                weight=CHART_WEIGHT,
            )

    def _events(self, q: Queries) -> Iterator[Candidate]:
        t = q.timeline
        fmt = formatter()
        for index, event in enumerate(t.events):
            yield Candidate(
                (event.title.vi, event.title.en),
                title_of(event),
                f"{fmt.date(event.date, event.date_precision)} · "
                f"{platform_label(t, event.platform)} · {kind_name(event.kind)}",
                partial(self._on_explorer, "jump_to", index),
            )

    def _candidates(self) -> Iterator[Candidate]:
        yield from self._switches()
        q = getattr(self.app, "queries", None)
        if isinstance(q, Queries) and self._explorer() is not None:
            yield from self._platforms(q)
            yield from self._indicators(q)
            yield from self._charts(q)
            yield from self._events(q)

    # ------------------------------------------------------------------ matching

    @staticmethod
    def _display(matcher: Matcher, display: str) -> Content:
        content = Content(display)
        folded = fold(display)
        if len(folded) != len(display):
            return content
        score, offsets = matcher.fuzzy_search.match(matcher.query, folded)
        if not score:
            return content
        for offset in offsets:
            if not display[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
        return content

    async def search(self, query: str) -> Hits:
        folded_query = fold(query)
        matcher = self.matcher(folded_query)
        asks_for_chart = any(word in folded_query for word in CHART_WORDS)
        for count, candidate in enumerate(self._candidates(), 1):
            score = max(matcher.match(fold(text)) for text in (candidate.display, *candidate.texts))
            if not asks_for_chart:
                score *= candidate.weight
            if score > 0:
                yield Hit(
                    score,
                    self._display(matcher, candidate.display),
                    candidate.run,
                    text=candidate.display,
                    help=escape(candidate.help),
                )
            if count % YIELD_EVERY == 0:
                await asyncio.sleep(0)

    async def discover(self) -> Hits:
        q = getattr(self.app, "queries", None)
        candidates = list(self._switches())
        if isinstance(q, Queries) and self._explorer() is not None:
            candidates += list(self._platforms(q))
        for candidate in candidates:
            # A Hit, not a DiscoveryHit: every discovery hit scores 0, and the palette lists
            # them as they arrive, from whichever provider's task ran first, so the
            # explorer's commands and Textual's system commands came in either order.
            # Scored above them, the explorer's come first, in the order given here.
            yield Hit(
                DISCOVERY_SCORE,
                Content(candidate.display),
                candidate.run,
                text=candidate.display,
                help=escape(candidate.help),
            )

"""The part of a timeline that list, export and the explorer's export work on."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.load import bundled_path, load
from timeline.model import Timeline
from timeline.search import SearchIndex
from timeline.selection import (
    NATIONAL,
    Selection,
    UnknownPlatform,
    chosen_events,
    date_bound,
    resolve_platform,
    subset,
)


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load(bundled_path())


@pytest.mark.parametrize(
    "given", ["portal", "PORTAL", "Portal", "dvcqg", "Cổng DVCQG", "cong dvcqg"]
)
def test_a_platform_answers_to_its_id_acronym_and_short_name_in_any_case(
    bundled: Timeline, given: str
) -> None:
    assert resolve_platform(bundled, given) == "portal"


def test_national_and_unknown_platforms(bundled: Timeline) -> None:
    assert resolve_platform(bundled, "National") == NATIONAL
    with pytest.raises(UnknownPlatform) as raised:
        resolve_platform(bundled, "nope")
    assert "portal" in raised.value.known and NATIONAL in raised.value.known


def test_a_platform_brings_its_components(bundled: Timeline) -> None:
    components = {p.id for p in bundled.platforms if p.part_of == "reporting"}
    assert components, "the bundled timeline has a component of the reporting system"
    part = subset(bundled, Selection(platform="reporting"))
    platforms = {o.platform for o in part.observations}
    assert platforms == {"reporting", *components} & {o.platform for o in bundled.observations}
    assert {m.platform for m in part.milestones} <= {"reporting", *components}


def test_national_chooses_what_has_no_platform(bundled: Timeline) -> None:
    part = subset(bundled, Selection(platform=NATIONAL))
    assert part.milestones and all(m.platform is None for m in part.milestones)
    assert part.observations and all(o.platform is None for o in part.observations)


def test_search_chooses_what_the_explorer_finds(bundled: Timeline) -> None:
    index = SearchIndex(bundled)
    expected = index.find("dich vu cong")
    assert 0 < len(expected) < len(bundled.events)
    assert chosen_events(bundled, Selection(search="dich vu cong")) == expected
    part = subset(bundled, Selection(search="dich vu cong"), index)
    figures = {o.id for i in expected for o in bundled.figures_for(bundled.events[i])}
    assert figures <= {o.id for o in part.observations}
    assert {m.id for m in part.milestones} == {bundled.events[i].id for i in expected}


def test_dates_bound_events_and_figures(bundled: Timeline) -> None:
    since, until = dt.date(2021, 1, 1), dt.date(2021, 6, 30)
    part = subset(bundled, Selection(since=since, until=until))
    assert part.milestones and all(since <= m.date <= until for m in part.milestones)
    assert part.observations and all(since <= o.as_of <= until for o in part.observations)
    assert len(part.milestones) < len(bundled.milestones)


def test_a_subset_refers_to_nothing_outside_itself(bundled: Timeline) -> None:
    for selection in (
        Selection(platform="portal"),
        Selection(platform=NATIONAL),
        Selection(search="truc lien thong"),
        Selection(since=dt.date(2022, 1, 1)),
    ):
        part = subset(bundled, selection)
        sources, platforms = {s.id for s in part.sources}, {p.id for p in part.platforms}
        observations = {o.id for o in part.observations}
        for m in part.milestones:
            assert set(m.sources) <= sources and (m.platform is None or m.platform in platforms)
        for o in part.observations:
            assert o.source in sources and o.indicator in {i.id for i in part.indicators}
            assert o.part_of is None or o.part_of in observations
        for p in part.platforms:
            assert p.part_of is None or p.part_of in platforms
        for note in part.quality_notes:
            assert set(note.observations) <= observations and set(note.sources) <= sources


def test_everything_is_the_timeline_itself(bundled: Timeline) -> None:
    assert subset(bundled, Selection()) is bundled


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2021", False, dt.date(2021, 1, 1)),
        ("2021", True, dt.date(2021, 12, 31)),
        ("2024-02", True, dt.date(2024, 2, 29)),
        ("2021-12", True, dt.date(2021, 12, 31)),
        ("2021-06-30", False, dt.date(2021, 6, 30)),
    ],
)
def test_date_bounds(text: str, end: bool, expected: dt.date) -> None:
    assert date_bound(text, end=end) == expected


@pytest.mark.parametrize("text", ["21", "2021-13", "30/6/2021", "2021-02-30", "", "2021-"])
def test_date_bounds_refuse_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        date_bound(text, end=False)

"""The explorer's filter and search, as plain state: no app, no Pilot."""

from __future__ import annotations

import pytest

from timeline.load import bundled_path, load
from timeline.queries import Queries
from timeline.search import SearchIndex
from tui.event_filter import EventFilter


@pytest.fixture(scope="module")
def queries() -> Queries:
    q = Queries(load(bundled_path()))
    q.complete()
    return q


def test_everything_shows_until_something_is_chosen(queries: Queries) -> None:
    shown = EventFilter(queries)
    assert list(shown.apply()) == list(range(len(queries.events)))
    assert not shown.can_step and not shown.waiting


def test_a_platform_keeps_its_family(queries: Queries) -> None:
    shown = EventFilter(queries)
    reporting = next(p.id for p in queries.timeline.platforms if p.part_of)  # a component's parent
    parent = queries.timeline.platform[reporting].part_of
    assert parent is not None
    assert shown.set_platform(parent) and not shown.set_platform(parent)
    rows = shown.apply()
    family = queries.timeline.family(parent)
    assert rows and all(queries.events[i].platform in family for i in rows)
    assert any(queries.events[i].platform == reporting for i in rows)  # the component too


def test_a_search_narrows_the_platform_and_typing_on_narrows_again(queries: Queries) -> None:
    shown = EventFilter(queries)
    index = SearchIndex(queries.timeline)
    shown.set_platform("portal")
    assert shown.set_query(" dich vu ")
    assert not shown.set_query("dich vu")  # the same search: spaces do not count
    first = list(shown.apply())
    portal = set(queries.platform_rows("portal"))
    assert first == [i for i in index.find("dich vu") if i in portal] and first
    assert shown.can_step
    shown.set_query("dich vu cong")
    narrower = list(shown.apply())
    assert narrower == [i for i in index.find("dich vu cong") if i in portal]
    assert set(narrower) <= set(first)
    shown.set_query("dich")  # shorter: searched afresh, not among the narrower rows
    assert list(shown.apply()) == [i for i in index.find("dich") if i in portal]


def test_nothing_found_offers_no_steps(queries: Queries) -> None:
    shown = EventFilter(queries)
    shown.set_query("xyzzy")
    assert list(shown.apply()) == [] and not shown.can_step
    shown.clear_search()
    assert len(shown.apply()) == len(queries.events)


def test_a_search_waits_for_the_index(queries: Queries) -> None:
    waiting = Queries(queries.timeline)  # its analysis (and search index) not there yet
    shown = EventFilter(waiting)
    shown.set_query("dich vu")
    assert list(shown.apply()) == list(range(len(waiting.events)))
    assert shown.waiting
    waiting.analysis = queries.analysis
    assert not shown.waiting
    assert list(shown.apply()) == SearchIndex(queries.timeline).find("dich vu")

"""The query index: every screen's answers, built in time linear in the figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from benchmarks.generate import generate
from timeline.load import bundled_path, load, loads
from timeline.model import Milestone, Observation, Timeline
from timeline.queries import Queries


def reported(t: Timeline, m: Milestone) -> tuple[Observation, ...]:
    """The definition, written as plainly as it reads: the figures of a milestone's sources
    dated its day, for its platform and the platform's components (any, if national)."""
    family = None if m.platform is None else t.family(m.platform)
    return tuple(
        o
        for o in t.observations
        if o.source in m.sources and o.as_of == m.date and (family is None or o.platform in family)
    )


def shared_sources(copies: int) -> Timeline:
    """The bundled timeline's milestones and figures repeated, all on the same sources and
    days: hundreds of milestones share one (source, day)."""
    t = load(bundled_path())
    milestones = [replace(m, id=f"{m.id}-{n}") for n in range(copies) for m in t.milestones]
    observations = [
        replace(o, id=f"{o.id}-{n}", part_of=None) for n in range(copies) for o in t.observations
    ]
    return replace(t, milestones=tuple(milestones), observations=tuple(observations))


@pytest.mark.parametrize(
    "make",
    [lambda: load(bundled_path()), lambda: loads(generate(40, 600)), lambda: shared_sources(5)],
    ids=["bundled", "generated", "shared"],
)
def test_an_events_figures_are_those_its_sources_report_that_day(
    make: Callable[[], Timeline],
) -> None:
    t = make()
    q = Queries(t)
    found = [q.figures(m) for m in t.milestones]
    assert found == [reported(t, m) for m in t.milestones]
    assert sum(map(len, found)) > 0
    assert [t.figures_for(m) for m in t.milestones] == found


def test_a_milestone_citing_one_source_twice_lists_each_figure_once() -> None:
    t = load(bundled_path())
    m = next(m for m in t.milestones if t.figures_for(m))
    twice = replace(m, sources=(*m.sources, *m.sources))
    assert Queries(t).figures(twice) == reported(t, m)


def test_a_components_figures_count_for_its_parent() -> None:
    t = load(bundled_path())
    component = next(p for p in t.platforms if p.part_of)
    assert t.counted_for(component.id) == component.part_of
    assert t.counted_for(component.part_of) == component.part_of
    assert t.counted_for(None) is None
    obs = next(o for o in t.observations if o.platform == component.id)
    q = Queries(t).complete()
    key = (component.part_of, obs.indicator)
    assert obs in q.series[key].readings


def test_each_note_leads_to_an_event_that_concerns_it() -> None:
    t = load(bundled_path())
    q = Queries(t)
    q.complete()
    for warning in q.warnings():
        number = q.event_of(warning)
        if number is None:
            continue
        event = q.events[number]
        figures = {o.id for o in q.figures(event)}
        sources = set(warning.sources) | {
            t.observation[o].source for o in warning.observations if o in t.observation
        }
        assert (
            event.id in warning.milestones
            or figures & set(warning.observations)
            or sources & set(event.sources)
        ), warning
    led = [q.event_of(w) for w in q.warnings()]
    assert sum(n is not None for n in led) >= len(led) // 2


def test_an_events_notes_are_those_naming_it_or_its_figures() -> None:
    t = load(bundled_path())
    q = Queries(t)
    q.complete()
    for m in t.events:
        figures = {o.id for o in q.figures(m)}
        expected = [w for w in t.warnings if w.concerns(figures, m.id)]
        assert q.warnings_for(m) == expected


def test_the_first_event_of_a_figure_is_the_earliest_that_reports_it() -> None:
    t = load(bundled_path())
    q = Queries(t)
    for obs in t.observations:
        expected = next((i for i, e in enumerate(q.events) if obs in q.figures(e)), None)
        assert q.first_event(obs) == expected


def test_the_analysis_is_absent_until_it_is_handed_over() -> None:
    t = load(bundled_path())
    q = Queries(t)
    assert q.analysis is None and q.search is None and q.warnings() == ()
    assert q.warnings_for(t.events[0]) == [] and q.series_for(t.observations[0]) is None
    analysis = q.analyse()
    assert q.analysis is None  # computed, not stored: the caller hands it over
    q.analysis = analysis
    assert q.warnings() == t.warnings and q.search is analysis.search


def test_the_search_index_can_wait_for_the_first_screen() -> None:
    """A small timeline's analysis comes without its index (the explorer builds it once
    its first screen is drawn); index() builds the same one, and only once."""
    t = load(bundled_path())
    q = Queries(t)
    analysis = q.complete(search=False)
    assert q.search is None and q.warnings() == t.warnings
    index = q.index()
    assert q.search is index and q.index() is index and q.complete().search is index
    assert q.analysis is not None and q.analysis.warnings is analysis.warnings
    whole = Queries(t).complete().search
    assert whole is not None
    for query in ("dich vu cong", "dvcqg", "ho so", "2019"):
        assert index.find(query) == whole.find(query), query
        assert index.find(query), query


def test_platform_rows_are_a_familys_events_in_date_order() -> None:
    t = load(bundled_path())
    q = Queries(t)
    assert list(q.platform_rows(None)) == list(range(len(t.events)))
    for p in t.top_platforms():
        rows = q.platform_rows(p.id)
        assert list(rows) == [i for i, e in enumerate(t.events) if e.platform in t.family(p.id)]
        assert rows  # every bundled platform has events


def test_shared_sources_and_days_cost_what_the_figures_cost() -> None:
    """A hundred copies of every milestone on the same sources and days: the index holds
    groups, not a list per milestone, and answers each milestone from them."""
    t = shared_sources(100)
    q = Queries(t)
    groups = sum(len(v) for by in q.figure_index._groups.values() for v in by.values())
    assert groups == len(t.observations)  # each figure stored once
    first = t.milestones[0]
    assert q.figures(first) == reported(t, first)
    assert len(q.figures(first)) == 100 * len(reported(load(bundled_path()), t.milestones[0]))


def test_dates_keep_the_order_of_the_file() -> None:
    t = load(bundled_path())
    assert all(a.date <= b.date for a, b in zip(t.events, t.events[1:], strict=False))
    assert isinstance(t.events[0].date, dt.date)

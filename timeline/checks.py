"""What a careful reader checks: references that fail a file, and findings that do not.

Two kinds of check, both reporting facts and never sentences (the words are chosen when
shown, in the reader's language and figure mode: timeline.l10n.findings and
timeline.l10n.problems):

* References (`reference_problems`): an unknown or duplicate id, a value no source can
  report. These make the file invalid; load() raises them, each at its key path.
* Consistency (`consistency_warnings`): the sources contradict themselves in places and
  the timeline keeps what each says. These checks find the contradictions that
  arithmetic can see (a cumulative figure that goes down, parts that do not sum to their
  whole, a figure dated before its platform existed, a figure no milestone reaches) and
  put them beside the curated quality notes, so that the explorer shows both.

Every check is one pass, or a sort, over the arrays: a file of 100,000 observations
where hundreds of milestones share one source and one day costs what any other does.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from timeline.collector import held_off
from timeline.model import Indicator, Observation, Platform, Text, Timeline
from timeline.problems import KeyProblem, Loc, ProblemKind, closest
from timeline.slices import ARRAYS

# Two figures within this share of each other are the same figure rounded differently.
TOLERANCE = 0.005


@dataclass(frozen=True)
class Warning:  # the domain's word; used as checks.Warning, so the builtin is not missed
    """A data-quality finding: its kind, the ids it concerns, and the facts its words need.

    `code` is a check's kind ("cumulative-decrease", "cumulative-disagree", "parts-sum",
    "before-launch", "unreachable") or "note:<kind>" for a curated quality note, which
    brings its own words in both languages (`text`). A check's finding has no text: it
    names the figures it is about, in the order its words cite them, and what they count.
    """

    code: str
    text: Text | None = None  # a curated note's words; None for a check's finding
    note: str | None = None  # the quality note's id, for a curated note
    observations: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    figures: tuple[Observation, ...] = ()  # the figures the finding cites, in order
    indicator: Indicator | None = None  # what they count
    platform: Platform | None = None  # whose figures they are; None: nationwide
    launched: dt.date | None = None  # for "before-launch": the platform's launch

    def concerns(self, observation_ids: set[str], milestone_id: str) -> bool:
        return milestone_id in self.milestones or not observation_ids.isdisjoint(self.observations)


@held_off()
def consistency_warnings(t: Timeline) -> tuple[Warning, ...]:
    """Curated notes first, then what the checks find that no note already explains."""
    curated = [
        Warning(
            code=f"note:{n.kind}",
            text=n.text,
            note=n.id,
            observations=n.observations,
            milestones=n.milestones,
            sources=n.sources,
        )
        for n in t.quality_notes
        if n.kind != "verified"
    ]
    # A finding is explained by a note that names all of its figures; the notes that
    # could are found through the finding's first figure, not by trying every note.
    explaining: dict[str, list[set[str]]] = defaultdict(list)
    for w in curated:
        covered = set(w.observations)
        for observation in covered:
            explaining[observation].append(covered)
    found = list(curated)
    for check in CHECKS:
        found.extend(
            w
            for w in check(t)
            if not any(
                covered.issuperset(w.observations)
                for covered in explaining.get(w.observations[0] if w.observations else "", ())
            )
        )
    return tuple(found)


def _about(t: Timeline, code: str, *figures: Observation, **facts: Any) -> Warning:
    """A check's finding on `figures` (all of one indicator and platform)."""
    first = figures[0]
    return Warning(
        code=code,
        observations=tuple(o.id for o in figures),
        sources=tuple(dict.fromkeys(o.source for o in figures)),
        figures=figures,
        indicator=t.indicator.get(first.indicator),
        platform=t.platform.get(first.platform or ""),
        **facts,
    )


def cumulative_decreases(t: Timeline) -> list[Warning]:
    """A running total since launch cannot fall; two sources for one day should agree."""
    series: dict[tuple[str | None, str], list[Observation]] = defaultdict(list)
    for o in t.observations:
        if o.basis == "cumulative" and o.change is None and o.part_of is None:
            series[(o.platform, o.indicator)].append(o)
    found: list[Warning] = []
    for readings in series.values():
        readings.sort(key=lambda o: o.as_of)
        for earlier, later in itertools.pairwise(readings):
            if later.value >= earlier.value * (1 - TOLERANCE):
                continue
            same_day = later.as_of == earlier.as_of
            code = "cumulative-disagree" if same_day else "cumulative-decrease"
            found.append(_about(t, code, earlier, later))
    return found


def part_sums(t: Timeline) -> list[Warning]:
    """Parts that a source lists under a whole should add up to it."""
    parts: dict[str, list[Observation]] = defaultdict(list)
    for o in t.observations:
        if o.part_of is not None and o.part_of in t.observation:
            parts[o.part_of].append(o)
    found: list[Warning] = []
    for whole_id, members in parts.items():
        whole = t.observation[whole_id]
        total = sum(p.value for p in members)
        if abs(total - whole.value) <= abs(whole.value) * TOLERANCE:
            continue
        found.append(_about(t, "parts-sum", whole, *members))
    return found


def before_launch(t: Timeline) -> list[Warning]:
    """A figure of a platform dated before the platform was launched."""
    launched = {p.id: p.launched for p in t.platforms if p.launched is not None}
    return [
        _about(t, "before-launch", o, launched=launched[o.platform])
        for o in t.observations
        if o.platform in launched and o.as_of < launched[o.platform]
    ]


def unreachable(t: Timeline) -> list[Warning]:
    """A figure no milestone reports cannot be reached from the timeline.

    A milestone reports the figures of its sources dated its day, for its platform and
    its components (any platform, for a national milestone). So the (source, day) pairs
    national milestones cover and the (source, day, platform) triples the others cover
    are collected once, and each figure is looked up in them: linear in the file, where
    pairing every milestone with every figure of its day is not.
    """
    anywhere: set[tuple[str, dt.date]] = set()
    # No platform here is None: a nationwide figure is reached only through `anywhere`.
    covered: set[tuple[str, dt.date, str | None]] = set()
    for m in t.milestones:
        if m.platform is None:
            anywhere.update((source, m.date) for source in m.sources)
            continue
        family = t.family(m.platform)
        for source in m.sources:
            covered.update((source, m.date, member) for member in family)
    return [
        _about(t, "unreachable", o)
        for o in t.observations
        if (o.source, o.as_of) not in anywhere and (o.source, o.as_of, o.platform) not in covered
    ]


CHECKS: tuple[Callable[[Timeline], list[Warning]], ...] = (
    cumulative_decreases,
    part_sums,
    before_launch,
    unreachable,
)


# ---------------------------------------------------------------- references


@held_off()
def reference_problems(t: Timeline) -> list[KeyProblem]:
    """Unknown and duplicate ids, and impossible values, each at its key path."""
    problems: list[KeyProblem] = []

    def unknown(loc: Loc, kind: ProblemKind, ref: str, known: Iterable[str]) -> None:
        problems.append(KeyProblem(loc, kind, {"id": ref}, closest(ref, known)))

    for array in ARRAYS:
        items = getattr(t, array)
        if len({item.id for item in items}) == len(items):
            continue  # the usual case, and a set is quicker than the walk below
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first:
                facts = {"id": item.id, "first": f"{array}[{first[item.id]}]"}
                problems.append(KeyProblem((array, index, "id"), "duplicate-id", facts))
            else:
                first[item.id] = index

    platforms, sources, indicators = t.platform, t.source, t.indicator
    for i, p in enumerate(t.platforms):
        if p.part_of is not None:
            parent = platforms.get(p.part_of)
            if parent is None:
                unknown(("platforms", i, "part_of"), "unknown-platform", p.part_of, platforms)
            elif p.part_of == p.id or parent.part_of is not None:
                problems.append(KeyProblem(("platforms", i, "part_of"), "parent-not-top-level"))
    for i, m in enumerate(t.milestones):
        if m.platform is not None and m.platform not in platforms:
            unknown(("milestones", i, "platform"), "unknown-platform", m.platform, platforms)
        for j, s in enumerate(m.sources):
            if s not in sources:
                unknown(("milestones", i, "sources", j), "unknown-source", s, sources)
    observations = t.observation
    units = {i.id: i.unit for i in t.indicators}
    for i, o in enumerate(t.observations):
        if o.platform is not None and o.platform not in platforms:
            unknown(("observations", i, "platform"), "unknown-platform", o.platform, platforms)
        if o.source not in sources:
            unknown(("observations", i, "source"), "unknown-source", o.source, sources)
        if o.part_of is not None and (o.part_of not in observations or o.part_of == o.id):
            unknown(("observations", i, "part_of"), "unknown-observation", o.part_of, observations)
        unit = units.get(o.indicator)
        if unit is None:
            unknown(("observations", i, "indicator"), "unknown-indicator", o.indicator, indicators)
        elif o.value <= 0 or o.total is not None or unit == "part_of_whole":  # else all is well
            problems.extend(
                KeyProblem(("observations", i, key), kind, params)
                for key, kind, params in _value_problems(o, unit)
            )
    tables: tuple[tuple[str, ProblemKind, Mapping[str, object]], ...] = (
        ("observations", "unknown-observation", observations),
        ("milestones", "unknown-milestone", t.milestone),
        ("sources", "unknown-source", sources),
    )
    for i, n in enumerate(t.quality_notes):
        for key, kind, table in tables:
            for j, ref in enumerate(getattr(n, key)):
                if ref not in table:
                    unknown(("quality_notes", i, key, j), kind, ref, table)
    return problems


def _value_problems(o: Observation, unit: str) -> list[tuple[str, ProblemKind, dict[str, Any]]]:
    """Values no source can report: a negative count, a part larger than its whole.

    Values are kept as the file wrote them (str): they are shown, not counted."""
    if o.change == "times":
        return [] if o.value > 0 else [("value", "times-not-positive", {"value": str(o.value)})]
    if o.change == "percent":
        return []
    found: list[tuple[str, ProblemKind, dict[str, Any]]] = []
    if o.value < 0:
        found.append(("value", "negative", {"unit": unit, "value": str(o.value)}))
    if unit == "part_of_whole":
        if o.total is None:
            found.append(("total", "part-needs-total", {}))
        elif o.total <= 0 or o.value > o.total:
            found.append(("total", "total-too-small", {"total": str(o.total)}))
    elif o.total is not None:
        found.append(("total", "total-not-allowed", {"unit": unit}))
    return found

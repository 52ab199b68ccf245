"""Consistency checks: what a careful reader notices, reported as warnings, never failures.

The sources contradict themselves in places; the timeline keeps what each says. These
checks find the contradictions that arithmetic can see (a cumulative figure that goes
down, parts that do not sum to their whole, a figure dated before its platform existed)
and put them beside the curated quality notes, so that the explorer shows both.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from timeline.model import Observation, Text, Timeline

# Two figures within this share of each other are the same figure rounded differently.
TOLERANCE = 0.005


@dataclass(frozen=True)
class Warning:  # the domain's word; used as checks.Warning, so the builtin is not missed
    """A data-quality finding, in both languages, with the ids it concerns."""

    code: str
    text: Text
    note: str | None = None  # the quality note's id, for a curated note
    observations: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def concerns(self, observation_ids: set[str], milestone_id: str) -> bool:
        return milestone_id in self.milestones or not observation_ids.isdisjoint(self.observations)


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
    explained = [set(w.observations) for w in curated if w.observations]
    found = list(curated)
    for check in CHECKS:
        found.extend(
            w
            for w in check(t)
            if not any(covered.issuperset(w.observations) for covered in explained)
        )
    return tuple(found)


def _bilingual(make: Callable[[str], str]) -> Text:
    return Text(vi=make("vi"), en=make("en"))


def _value(o: Observation, t: Timeline, lang: str) -> str:
    from timeline.l10n import Formatter  # formatting is only needed when a warning exists

    return Formatter(lang).figure(o, t.indicator[o.indicator])


def _date(d: dt.date, lang: str) -> str:
    from timeline.l10n import Formatter

    return Formatter(lang).date(d)


def _name(t: Timeline, o: Observation, lang: str) -> str:
    indicator = t.indicator[o.indicator].name.get(lang)
    platform = t.platform.get(o.platform or "")
    return f"{platform.short.get(lang)}: {indicator}" if platform else indicator


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
            found.append(
                Warning(
                    code="cumulative-disagree" if same_day else "cumulative-decrease",
                    text=_bilingual(
                        partial(_disagree if same_day else _decrease, t, earlier, later)
                    ),
                    observations=(earlier.id, later.id),
                    sources=tuple(dict.fromkeys((earlier.source, later.source))),
                )
            )
    return found


def _decrease(t: Timeline, a: Observation, b: Observation, lang: str) -> str:
    if lang == "vi":
        return (
            f"{_name(t, b, lang)}: số lũy kế giảm từ {_value(a, t, lang)} "
            f"({_date(a.as_of, lang)}) xuống {_value(b, t, lang)} ({_date(b.as_of, lang)})."
        )
    return (
        f"{_name(t, b, lang)}: the running total falls from {_value(a, t, lang)} "
        f"({_date(a.as_of, lang)}) to {_value(b, t, lang)} ({_date(b.as_of, lang)})."
    )


def _disagree(t: Timeline, a: Observation, b: Observation, lang: str) -> str:
    if lang == "vi":
        return (
            f"{_name(t, b, lang)}: hai con số khác nhau cho cùng ngày {_date(a.as_of, lang)}: "
            f"{_value(a, t, lang)} và {_value(b, t, lang)}."
        )
    return (
        f"{_name(t, b, lang)}: two different figures for {_date(a.as_of, lang)}: "
        f"{_value(a, t, lang)} and {_value(b, t, lang)}."
    )


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
        found.append(
            Warning(
                code="parts-sum",
                text=_bilingual(partial(_parts_text, t, whole, members)),
                observations=(whole.id, *(p.id for p in members)),
                sources=tuple(dict.fromkeys(o.source for o in (whole, *members))),
            )
        )
    return found


def _parts_text(t: Timeline, whole: Observation, members: list[Observation], lang: str) -> str:
    listed = " + ".join(_value(p, t, lang) for p in members)
    if lang == "vi":
        return f"{_name(t, whole, lang)}: {listed} không cộng lại bằng {_value(whole, t, lang)}."
    return f"{_name(t, whole, lang)}: the parts {listed} do not add up to {_value(whole, t, lang)}."


def before_launch(t: Timeline) -> list[Warning]:
    """A figure of a platform dated before the platform was launched."""
    found: list[Warning] = []
    for o in t.observations:
        platform = t.platform.get(o.platform or "")
        if platform and platform.launched and o.as_of < platform.launched:
            found.append(
                Warning(
                    code="before-launch",
                    text=_bilingual(partial(_early_text, t, o, platform.launched)),
                    observations=(o.id,),
                    sources=(o.source,),
                )
            )
    return found


def _early_text(t: Timeline, o: Observation, launched: dt.date, lang: str) -> str:
    if lang == "vi":
        return (
            f"{_name(t, o, lang)}: số liệu ngày {_date(o.as_of, lang)} có trước ngày khai "
            f"trương {_date(launched, lang)}."
        )
    return (
        f"{_name(t, o, lang)}: a figure dated {_date(o.as_of, lang)} comes before the launch "
        f"on {_date(launched, lang)}."
    )


def unreachable(t: Timeline) -> list[Warning]:
    """A figure no milestone reports cannot be reached from the timeline."""
    shown = {o.id for m in t.milestones for o in t.figures_for(m)}
    return [
        Warning(
            code="unreachable",
            text=_bilingual(partial(_unreachable_text, o)),
            observations=(o.id,),
            sources=(o.source,),
        )
        for o in t.observations
        if o.id not in shown
    ]


def _unreachable_text(o: Observation, lang: str) -> str:
    if lang == "vi":
        return (
            f"{o.id}: không mốc nào dẫn tới số liệu này (cần một mốc cùng nguồn, cùng ngày "
            f"{_date(o.as_of, lang)})."
        )
    return (
        f"{o.id}: no milestone reports this figure (it needs one with the same source and "
        f"date, {_date(o.as_of, lang)})."
    )


CHECKS: tuple[Callable[[Timeline], list[Warning]], ...] = (
    cumulative_decreases,
    part_sums,
    before_launch,
    unreachable,
)

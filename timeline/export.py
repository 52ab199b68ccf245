"""JSON and CSV renderings of a timeline (timeline.output writes them to a file)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from timeline.jsontext import escape_controls
from timeline.model import Timeline

CSV_COLUMNS = (
    "id",
    "platform",
    "platform_vi",
    "platform_en",
    "indicator",
    "indicator_vi",
    "indicator_en",
    "unit",
    "value",
    "total",
    "qualifier",
    "basis",
    "period_start",
    "period_end",
    "change",
    "compared_with_vi",
    "compared_with_en",
    "as_of",
    "as_of_precision",
    "as_of_note_vi",
    "as_of_note_en",
    "source",
    "source_outlet",
    "source_title",
    "quote",
    "part_of",
    "notes_vi",
    "notes_en",
)


def to_json(t: Timeline) -> str:
    """One object with the five arrays (and the quality notes), keys as in the TOML."""
    document: dict[str, Any] = t.model_dump(mode="json", exclude_none=True)
    return escape_controls(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def to_csv(t: Timeline) -> str:
    """One row per observation, with platform and indicator names in both languages."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for o in t.observations:
        platform = t.platform.get(o.platform or "")
        indicator = t.indicator[o.indicator]
        source = t.source[o.source]
        comparison = o.compared_with.label if o.compared_with else None
        writer.writerow(
            {
                "id": o.id,
                "platform": o.platform or "",
                "platform_vi": platform.name.vi if platform else "",
                "platform_en": platform.name.en if platform else "",
                "indicator": o.indicator,
                "indicator_vi": indicator.name.vi,
                "indicator_en": indicator.name.en,
                "unit": indicator.unit,
                "value": o.value,
                "total": "" if o.total is None else o.total,
                "qualifier": o.qualifier,
                "basis": o.basis,
                "period_start": o.period_start.isoformat() if o.period_start else "",
                "period_end": o.period_end.isoformat() if o.period_end else "",
                "change": o.change or "",
                "compared_with_vi": comparison.vi if comparison else "",
                "compared_with_en": comparison.en if comparison else "",
                "as_of": o.as_of.isoformat(),
                "as_of_precision": o.as_of_precision,
                "as_of_note_vi": o.as_of_note.vi if o.as_of_note else "",
                "as_of_note_en": o.as_of_note.en if o.as_of_note else "",
                "source": o.source,
                "source_outlet": source.outlet or "",
                "source_title": source.title,
                "quote": o.quote,
                "part_of": o.part_of or "",
                "notes_vi": o.notes.vi if o.notes else "",
                "notes_en": o.notes.en if o.notes else "",
            }
        )
    return out.getvalue()

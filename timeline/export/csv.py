"""One row per figure, for spreadsheets: names in both languages, the source by label.

Rows are in the order of the dates the figures are reported as of (file order within a
day), so that a sheet reads as a timeline without sorting. `bom=True` starts the text with
a UTF-8 byte-order mark: without it, some spreadsheet programs read the Vietnamese as
mojibake ("CÃ´ng" for "Công").
"""

from __future__ import annotations

import csv
import io

from timeline.citation import source_label
from timeline.model import Timeline

BOM = "\ufeff"

COLUMNS = (
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
    "source_label_vi",
    "source_label_en",
    "source_outlet",
    "source_title",
    "source_published",
    "source_published_precision",
    "quote",
    "part_of",
    "notes_vi",
    "notes_en",
)


def to_csv(t: Timeline, *, bom: bool = False) -> str:
    """The figures of `t` as CSV text, a header row first."""
    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    labels = {s.id: (source_label(s, "vi"), source_label(s, "en")) for s in t.sources}
    for o in sorted(t.observations, key=lambda o: o.as_of):
        platform = t.platform.get(o.platform or "")
        indicator = t.indicator[o.indicator]
        source = t.source[o.source]
        comparison = o.compared_with.label if o.compared_with else None
        label_vi, label_en = labels[o.source]
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
                "source_label_vi": label_vi,
                "source_label_en": label_en,
                "source_outlet": source.outlet or "",
                "source_title": source.title,
                "source_published": source.published.isoformat() if source.published else "",
                "source_published_precision": source.published_precision
                if source.published
                else "",
                "quote": o.quote,
                "part_of": o.part_of or "",
                "notes_vi": o.notes.vi if o.notes else "",
                "notes_en": o.notes.en if o.notes else "",
            }
        )
    return out.getvalue()

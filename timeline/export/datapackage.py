"""The timeline as a Frictionless Data Package: a CSV per table and `datapackage.json`.

The descriptor gives each table's schema (field types, required fields), its primary key
and its foreign keys, so that `frictionless validate` checks every reference; and it
names every article the figures are quoted from. The package is a folder, or one zip
file holding the same files.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from timeline.citation import source_label
from timeline.export.tables import Table, tables
from timeline.model import Timeline

DESCRIPTOR = "datapackage.json"


def _schema(table: Table) -> dict[str, Any]:
    fields = []
    for column in table.columns:
        entry: dict[str, Any] = {"name": column.name, "type": column.kind}
        if column.kind == "date":
            entry["format"] = "%Y-%m-%d"
        if column.required:
            entry["constraints"] = {"required": True}
        fields.append(entry)
    schema: dict[str, Any] = {
        "fields": fields,
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    keys = [
        {
            "fields": column.name,
            # An empty resource name is the table itself (a component's parent platform).
            "reference": {
                "resource": "" if column.references == table.name else column.references,
                "fields": "id",
            },
        }
        for column in table.columns
        if column.references
    ]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def descriptor(t: Timeline, described: list[Table]) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "vn-egov",
        "title": "Vietnam's e-government milestones",
        "description": (
            "Milestones of Vietnam's national e-government systems and the figures the press "
            "reported about them, each figure with the article's exact words. The quotations "
            "remain their publishers'; they are reproduced as citations, with the article "
            "named in `sources`."
        ),
        "licenses": [
            {
                "name": "MIT",
                "path": "https://opensource.org/licenses/MIT",
                "title": "MIT License (the compilation; quoted text belongs to its publishers)",
            }
        ],
        "sources": [
            {"title": f"{source_label(s, 'en')}: {s.title}"}
            if s.outlet
            else {"title": source_label(s, "en")}
            for s in t.sources
        ],
        "resources": [
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(table),
            }
            for table in described
        ],
    }


def _csv(table: Table) -> Iterator[str]:
    """The table as CSV text, a few thousand rows at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for number, row in enumerate(table.rows, 1):
        writer.writerow(["" if value is None else value for value in row])
        if number % 4096 == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _files(t: Timeline) -> Iterator[tuple[str, Iterator[str]]]:
    described = tables(t)
    text = json.dumps(descriptor(t, described), ensure_ascii=False, indent=2) + "\n"
    yield DESCRIPTOR, iter((text,))
    for table in tables(t):  # afresh: the rows of `described` went into nothing yet
        yield f"{table.name}.csv", _csv(table)


def write_folder(t: Timeline, folder: Path) -> None:
    """The package's files in a new folder at `folder`."""
    folder.mkdir()
    for name, chunks in _files(t):
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)


def write_zip(t: Timeline, path: Path) -> None:
    """The package's files in one zip at `path`, a new file of the writer's."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in _files(t):
            with archive.open(name, "w") as entry:
                for chunk in chunks:
                    entry.write(chunk.encode("utf-8"))

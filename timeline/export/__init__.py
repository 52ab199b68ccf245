"""Every way a timeline leaves vn-egov: JSON, CSV, TimelineJS, SQLite, a Data Package.

Text formats (json, csv, timelinejs) are one string, written as one file through
`files.write_atomically` or to standard output. The others are a database file, a folder
or a zip, built whole beside their target (`whole.publish`), or as bytes for standard
output and the browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when used: the command line reads FORMATS at every start
    from timeline.l10n import Formatter
    from timeline.model import Timeline
    from timeline.selection import Selection

TEXT_FORMATS = ("json", "csv", "timelinejs")
BINARY_FORMATS = ("sqlite", "datapackage")
FORMATS = TEXT_FORMATS + BINARY_FORMATS

# What a file of each format is called, for a name made from a view.
SUFFIXES = {
    "json": ".json",
    "csv": ".csv",
    "timelinejs": ".timeline.json",
    "sqlite": ".db",
    "datapackage": ".zip",
}


def file_name(selection: Selection, fmt: str) -> str:
    """A name that says which part of the timeline a file holds: vn-egov-portal-dich-vu.csv."""
    from timeline.search import fold

    parts = ["vn-egov"]
    if selection.platform:
        parts.append(selection.platform)
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in fold(selection.search))
    if words.split():
        parts.append("-".join(words.split())[:40].strip("-"))
    if selection.since:
        parts.append(f"from-{selection.since.isoformat()}")
    if selection.until:
        parts.append(f"to-{selection.until.isoformat()}")
    return "-".join(parts) + SUFFIXES[fmt]


def to_text(t: Timeline, fmt: str, formatter: Formatter, *, bom: bool = False) -> str:
    """A text format's whole output."""
    if fmt == "json":
        from timeline.export.json import to_json

        return to_json(t)
    if fmt == "csv":
        from timeline.export.csv import to_csv

        return to_csv(t, bom=bom)
    if fmt == "timelinejs":
        from timeline.export.timelinejs import to_timelinejs

        return to_timelinejs(t, formatter)
    raise ValueError(f"not a text format: {fmt}")


def build(t: Timeline, fmt: str, path: Path) -> None:
    """Create a database, a folder or a zip (`path` ending in .zip) at the new `path`."""
    if fmt == "sqlite":
        from timeline.export.sqlite import write_sqlite

        write_sqlite(t, path)
    elif fmt == "datapackage":
        from timeline.export.datapackage import write_folder, write_zip

        (write_zip if path.suffix.lower() == ".zip" else write_folder)(t, path)
    else:
        raise ValueError(f"not a database or package format: {fmt}")


def to_bytes(t: Timeline, fmt: str) -> bytes:
    """A database, or a Data Package as one zip, as bytes (standard output, a browser)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="vn-egov-") as scratch:
        path = Path(scratch) / ("export.zip" if fmt == "datapackage" else "export.db")
        build(t, fmt, path)
        return path.read_bytes()

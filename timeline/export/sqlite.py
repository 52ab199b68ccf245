"""The timeline as one SQLite database, for Datasette and sqlite-utils.

The tables of `timeline.export.tables`, with primary keys and a foreign key for every
reference (`PRAGMA foreign_key_check` finds nothing). FTS5 indexes, named and built the
way Datasette and sqlite-utils look for them (`<table>_fts`, content="<table>"), cover
titles, quotes and notes; `remove_diacritics 2` lets "dich vu cong" find "Dịch vụ công".

To SQLite "đ" is a letter of its own, not a "d" with a mark, so "dang ky" would not find
"đăng ký". A text with a "đ" is therefore indexed twice, as written and folded as the
explorer's search folds it ("dang ky"): the index is built from the values inserted into
it, while Datasette shows the rows of the table, as written. Either spelling finds it.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from timeline.export.tables import Column, Table, tables
from timeline.model import Timeline
from timeline.search import fold

# The searchable text of each table: titles, quotes and notes.
FTS = {
    "sources": ("title", "outlet", "notes_vi", "notes_en"),
    "milestones": ("title_vi", "title_en", "summary_vi", "summary_en", "quote"),
    "observations": ("quote", "notes_vi", "notes_en"),
    "quality_notes": ("text_vi", "text_en"),
}
TOKENIZER = "unicode61 remove_diacritics 2"

_TYPES = {"string": "TEXT", "number": "NUMERIC", "integer": "INTEGER", "date": "TEXT"}
# Columns looked up often enough in Datasette's facets to be worth an index.
_INDEXED = ("platform", "indicator", "source", "as_of", "date", "observation")


def _column(column: Column) -> str:
    sql = f"{column.name} {_TYPES[column.kind]}"
    if column.required:
        sql += " NOT NULL"
    if column.references:
        sql += f" REFERENCES {column.references}(id)"
    return sql


def create_table(table: Table) -> str:
    columns = [_column(c) for c in table.columns]
    columns.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    return f"CREATE TABLE {table.name} (\n    " + ",\n    ".join(columns) + "\n)"


def _searchable(text: str | None) -> str | None:
    """What the index holds of a text: the text, and its folded form after it when it
    has a "đ" (see the module's docstring)."""
    if text is None or "đ" not in text.lower():
        return text
    return f"{text}\n{fold(text)}"


def write_sqlite(t: Timeline, path: Path) -> None:
    """Create the database at `path`, which must not exist yet (a file of the writer's).

    SQLite's own errors (a full disk) come out as OSError, like every other writer's.
    """
    try:
        _write(t, path)
    except sqlite3.Error as exc:
        raise OSError(errno.EIO, str(exc), str(path)) from exc


def _write(t: Timeline, path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # A new file that nobody reads until it is complete and renamed: no journal, and
        # one transaction, so that 100,000 rows cost one write of the file.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("BEGIN")
        for table in tables(t):
            connection.execute(create_table(table))
            names = [c.name for c in table.columns]
            marks = ", ".join("?" * len(names))
            connection.executemany(
                f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", table.rows
            )
            for name in names:
                if name in _INDEXED and (name,) != table.primary_key[:1]:
                    connection.execute(f"CREATE INDEX {table.name}_{name} ON {table.name}({name})")
        for name, columns in FTS.items():
            listed = ", ".join(columns)
            connection.execute(
                f"CREATE VIRTUAL TABLE {name}_fts USING fts5"
                f"({listed}, content=\"{name}\", tokenize='{TOKENIZER}')"
            )
            rows = connection.execute(f"SELECT rowid, {listed} FROM {name}")
            connection.executemany(
                f"INSERT INTO {name}_fts (rowid, {listed}) VALUES (?{', ?' * len(columns)})",
                ((row[0], *map(_searchable, row[1:])) for row in rows.fetchall()),
            )
        connection.execute("COMMIT")
    finally:
        connection.close()

"""What `vn-egov export` writes, format by format, and how it writes it."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.samples import MINI
from timeline.export import build, to_text
from timeline.export.csv import BOM
from timeline.export.files import OutputExists
from timeline.export.whole import publish
from timeline.l10n import Formatter
from timeline.load import bundled_path, load, loads
from timeline.model import Timeline


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load(bundled_path())


def run(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environment.pop("VN_EGOV_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


# ------------------------------------------------------------------------------ CSV


def test_csv_rows_are_in_date_order_with_the_source_by_label(bundled: Timeline) -> None:
    rows = list(csv.DictReader(io.StringIO(to_text(bundled, "csv", Formatter("en")))))
    assert len(rows) == len(bundled.observations)
    dates = [row["as_of"] for row in rows]
    assert dates == sorted(dates)
    by_id = {row["id"]: row for row in rows}
    undated = next(r for r in rows if r["source"] == "src-003")
    assert undated["source_label_vi"] == "Kinh tế & Đô thị, không rõ ngày"
    assert undated["source_published"] == "" and undated["source_published_precision"] == ""
    dated = next(r for r in rows if r["source"] == "src-004")
    assert dated["source_label_en"] == "XHTT, 17 Jul 2021"
    assert dated["source_published"] == "2021-07-17"
    assert by_id["portal-accounts-2022-h1"]["quote"].endswith("167.000 tài khoản đăng ký")


def test_csv_with_a_bom_reads_as_utf_8_in_a_spreadsheet(tmp_path: Path) -> None:
    out = tmp_path / "egov.csv"
    assert run("export", "--format", "csv", "--bom", "-o", str(out)).returncode == 0
    data = out.read_bytes()
    assert data.startswith(BOM.encode("utf-8"))  # EF BB BF, what Excel looks for
    # A spreadsheet decodes "utf-8-sig": the mark goes, the first header is "id".
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert next(iter(rows[0])) == "id"
    assert any(r["platform_vi"] == "Cổng Dịch vụ công quốc gia" for r in rows)
    assert not run("export", "--format", "csv").stdout.startswith(BOM)


def test_csv_of_one_platform_holds_its_rows_only() -> None:
    result = run("export", "--format", "csv", "--platform", "portal")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["platform"] for r in rows} == {"portal"}
    everything = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert len(rows) == sum(r["platform"] == "portal" for r in everything)


def test_bom_is_for_csv_only() -> None:
    result = run("export", "--format", "json", "--bom")
    assert result.returncode == 2 and "--bom" in result.stderr


# ------------------------------------------------------------------------------ selection


def test_export_and_list_choose_the_same_events(tmp_path: Path) -> None:
    options = ["--platform", "Reporting", "--since", "2021", "--until", "2021-12"]
    listed = run("list", "--lang", "en", *options)
    assert listed.returncode == 0, listed.stderr
    exported = json.loads(run("export", "--format", "json", *options).stdout)
    titles = [m["title"]["en"] for m in exported["milestones"]]
    assert titles and all(title in listed.stdout for title in titles)
    assert f"{len(titles)} events" in listed.stdout
    assert all("2021-01-01" <= m["date"] <= "2021-12-31" for m in exported["milestones"])


def test_search_and_dates_are_checked() -> None:
    bad = run("export", "--format", "json", "--since", "30/6/2021")
    assert bad.returncode == 2 and "30/6/2021" in bad.stderr and "YYYY-MM-DD" in bad.stderr
    unknown = run("export", "--format", "csv", "--platform", "nope")
    assert unknown.returncode == 2 and "national" in unknown.stderr
    found = json.loads(run("export", "--format", "json", "--search", "truc lien thong").stdout)
    assert found["milestones"] and len(found["milestones"]) < 29


# ------------------------------------------------------------------------------ TimelineJS


def test_timelinejs_has_a_slide_per_milestone_in_the_chosen_language(bundled: Timeline) -> None:
    document = json.loads(to_text(bundled, "timelinejs", Formatter("vi")))
    events = document["events"]
    assert [e["unique_id"] for e in events] == [m.id for m in bundled.events]
    launch = next(e for e in events if e["unique_id"] == "launch-portal")
    assert launch["start_date"] == {
        "year": 2019,
        "month": 12,
        "day": 9,
        "display_date": "9/12/2019",
    }
    assert launch["text"]["headline"] == "Khai trương Cổng Dịch vụ công quốc gia"
    assert launch["group"] == "Cổng DVCQG"
    assert "Kinh tế &amp; Đô thị, không rõ ngày" in launch["media"]["credit"]
    report = next(e for e in events if e["unique_id"] == "report-002-portal")
    assert "hơn 167.000" in report["text"]["text"]  # a figure, as the explorer shows it
    assert "tài khoản đăng ký”" in report["text"]["text"]  # with its quote


def test_timelinejs_dates_follow_their_precision(bundled: Timeline) -> None:
    events = json.loads(to_text(bundled, "timelinejs", Formatter("en")))["events"]
    for event, milestone in zip(events, bundled.events, strict=True):
        parts = set(event["start_date"])
        if milestone.date_precision in ("day", "day_month", "estimate"):
            assert parts == {"year", "month", "day", "display_date"}
        elif milestone.date_precision == "year":
            assert parts == {"year", "display_date"}
        else:
            assert parts == {"year", "month", "display_date"}
        if milestone.date_precision == "estimate":
            assert event["start_date"]["display_date"].startswith("~")
        if milestone.date_precision == "day_month":
            assert event["start_date"]["display_date"].endswith(f"[{milestone.date.year}]")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.add(tag)


def test_timelinejs_escapes_every_piece_of_data() -> None:
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    timeline = loads(
        MINI.replace('title = "Bài báo A"', f'title = "{evil}"')
        .replace('outlet = "Báo A"', f'outlet = "{evil}"')
        .replace("Cổng DVCQG: số liệu", evil)
        .replace('quote = "hơn 1,2 triệu tài khoản đăng ký"', f'quote = "{evil}"')
    )
    document = json.loads(to_text(timeline, "timelinejs", Formatter("vi")))
    report = next(e for e in document["events"] if e["unique_id"] == "portal-report")
    assert report["text"]["headline"] == escape(evil)
    parser = _Tags()
    for event in document["events"]:
        parser.feed(event["text"]["headline"] + event["text"]["text"] + event["group"])
        parser.feed(event.get("media", {}).get("credit", ""))
    assert parser.tags <= {"p", "ul", "li", "strong", "br", "em"}
    # The quote is shown as a block quote: that tag is ours, its content is escaped.
    assert report["media"]["url"] == f"<blockquote>{escape(evil)}</blockquote>"


# ------------------------------------------------------------------------------ SQLite


def test_sqlite_holds_every_table_with_keys_that_resolve(bundled: Timeline, tmp_path: Path) -> None:
    path = tmp_path / "egov.db"
    build(bundled, "sqlite", path)
    db = sqlite3.connect(path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sources", "platforms", "milestones", "indicators", "observations"} <= tables
    assert {"quality_notes", "milestone_sources", "milestone_figures"} <= tables
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    count = db.execute("SELECT count(*) FROM observations").fetchone()[0]
    assert count == len(bundled.observations)
    # Every reference is declared, so Datasette links it and the check above means something.
    keys = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(observations)")}
    assert keys == {
        ("platforms", "platform"),
        ("indicators", "indicator"),
        ("sources", "source"),
        ("observations", "part_of"),
    }
    row = db.execute(
        "SELECT title_vi, title_en FROM milestones WHERE id = 'launch-portal'"
    ).fetchone()
    assert row == (
        "Khai trương Cổng Dịch vụ công quốc gia",
        "National Public Service Portal launched",
    )


def test_sqlite_search_ignores_accents(bundled: Timeline, tmp_path: Path) -> None:
    path = tmp_path / "egov.db"
    build(bundled, "sqlite", path)
    db = sqlite3.connect(path)
    found = db.execute(
        "SELECT count(*) FROM milestones WHERE rowid IN "
        "(SELECT rowid FROM milestones_fts WHERE milestones_fts MATCH 'dich vu cong')"
    ).fetchone()[0]
    accented = db.execute(
        "SELECT count(*) FROM milestones WHERE rowid IN "
        "(SELECT rowid FROM milestones_fts WHERE milestones_fts MATCH 'Dịch vụ công')"
    ).fetchone()[0]
    assert found == accented > 0
    # "đ" is a letter of its own to SQLite: "dieu" finds "điều" all the same.
    for query in ("dieu", "điều", "Điều"):
        titles = [
            row[0]
            for row in db.execute(
                "SELECT title_vi FROM milestones WHERE rowid IN (SELECT rowid FROM "
                f"milestones_fts WHERE milestones_fts MATCH 'title_vi: {query}')"
            )
        ]
        assert len(titles) == 4 and all("điều" in t.lower() for t in titles), (query, titles)
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'observations_fts'").fetchone()[0]
    assert 'content="observations"' in sql and "remove_diacritics 2" in sql


def test_sqlite_of_a_part_still_resolves_every_key(tmp_path: Path) -> None:
    out = tmp_path / "portal.db"
    result = run("export", "--format", "sqlite", "--platform", "portal", "-o", str(out))
    assert result.returncode == 0, result.stderr
    db = sqlite3.connect(out)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    platforms = {r[0] for r in db.execute("SELECT DISTINCT platform FROM observations")}
    assert platforms == {"portal"}


# ------------------------------------------------------------------------------ Data Package


def test_datapackage_describes_keys_and_names_its_sources(
    bundled: Timeline, tmp_path: Path
) -> None:
    build(bundled, "datapackage", tmp_path / "pkg")
    descriptor = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) >= {"sources", "platforms", "milestones", "observations"}
    for resource in resources.values():
        assert (tmp_path / "pkg" / resource["path"]).is_file()
    observations = resources["observations"]["schema"]
    assert observations["primaryKey"] == ["id"]
    assert {"fields": "part_of", "reference": {"resource": "", "fields": "id"}} in observations[
        "foreignKeys"
    ]
    assert descriptor["licenses"] and len(descriptor["sources"]) == len(bundled.sources)
    assert any("XHTT, 17 Jul 2021" in s["title"] for s in descriptor["sources"])


def test_datapackage_zip_holds_the_same_files(bundled: Timeline, tmp_path: Path) -> None:
    build(bundled, "datapackage", tmp_path / "pkg")
    build(bundled, "datapackage", tmp_path / "pkg.zip")
    with zipfile.ZipFile(tmp_path / "pkg.zip") as archive:
        names = sorted(archive.namelist())
        assert names == sorted(p.name for p in (tmp_path / "pkg").iterdir())
        zipped = archive.read("observations.csv")
    assert zipped == (tmp_path / "pkg" / "observations.csv").read_bytes()


# ------------------------------------------------------------------------------ whole or nothing


def test_a_failed_build_leaves_nothing_behind(tmp_path: Path) -> None:
    def half(path: Path) -> None:
        path.mkdir()
        (path / "one.csv").write_text("id\n", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        publish(tmp_path / "pkg", half, force=False)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_build_keeps_the_old_folder_whole(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    target.mkdir()
    (target / "old.csv").write_text("old\n", encoding="utf-8")

    def interrupted(path: Path) -> None:
        path.mkdir()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        publish(target, interrupted, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]
    assert [p.name for p in target.iterdir()] == ["old.csv"]


def test_existing_targets_need_force(bundled: Timeline, tmp_path: Path) -> None:
    def package(path: Path) -> None:
        build(bundled, "datapackage", path)

    target = tmp_path / "pkg"
    target.mkdir()
    (target / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputExists):
        publish(target, package, force=False)
    assert [p.name for p in target.iterdir()] == ["mine.txt"]
    publish(target, package, force=True)
    assert (target / "datapackage.json").is_file() and not (target / "mine.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]


def test_cli_refuses_to_replace_a_database_without_force(tmp_path: Path) -> None:
    out = tmp_path / "egov.db"
    out.write_bytes(b"precious")
    refused = run("export", "--format", "sqlite", "-o", str(out))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert out.read_bytes() == b"precious"
    assert run("export", "--format", "sqlite", "-o", str(out), "--force").returncode == 0
    assert sqlite3.connect(out).execute("SELECT count(*) FROM sources").fetchone()[0] == 5
    assert [p.name for p in tmp_path.iterdir()] == ["egov.db"]


def test_a_folder_and_a_file_never_replace_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "egov.db"
    folder.mkdir()
    result = run("export", "--format", "sqlite", "-o", str(folder), "--force")
    assert result.returncode == 1 and "cannot write" in result.stderr
    assert folder.is_dir() and "Traceback" not in result.stderr


# ------------------------------------------------------------------------------ standard output


def test_dash_is_standard_output_for_every_format(tmp_path: Path) -> None:
    text = run("export", "--format", "timelinejs", "-o", "-")
    assert text.returncode == 0 and json.loads(text.stdout)["events"]
    binary = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "sqlite", "-o", "-"],
        capture_output=True,
        timeout=120,
    )
    assert binary.returncode == 0, binary.stderr
    (tmp_path / "piped.db").write_bytes(binary.stdout)
    db = sqlite3.connect(tmp_path / "piped.db")
    assert db.execute("SELECT count(*) FROM observations").fetchone()[0] > 100
    package = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--format", "datapackage", "-o", "-"],
        capture_output=True,
        timeout=120,
    )
    with zipfile.ZipFile(io.BytesIO(package.stdout)) as archive:
        assert "datapackage.json" in archive.namelist()


def test_binary_formats_need_somewhere_to_go() -> None:
    result = run("export", "--format", "sqlite")
    assert result.returncode == 2 and "-o" in result.stderr


def test_a_closed_pipe_ends_quietly() -> None:
    # `vn-egov export … | head -1`: the reader leaves after one line of a long output.
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert error == b""

"""Each published format opened by the program its users open it with.

TimelineJS3 JSON in TimelineJS3 itself (its dist/ files, fetched once from the npm
registry into build/) in a headless Chromium; the SQLite database served by Datasette;
the Data Package checked by Frictionless. Without Chromium or npm the browser tests are
skipped with a line saying what to install.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.load import bundled_path, load

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TIMELINEJS = "@knight-lab/timelinejs@3.9.11"
CACHE = ROOT / "build" / "timelinejs-3.9.11"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def vn_egov(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result


# ------------------------------------------------------------------------------ TimelineJS


@pytest.fixture(scope="session")
def timelinejs_dist() -> Path:
    """TimelineJS3's dist/ folder, from the npm registry the first time, then from build/."""
    dist = CACHE / "package" / "dist"
    if (dist / "js" / "timeline.js").is_file():
        return dist
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("TimelineJS3 comes from the npm registry: install npm (apt-get install npm)")
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE.parent) as scratch:
        packed = subprocess.run(
            [npm, "pack", TIMELINEJS, "--pack-destination", scratch],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=scratch,
        )
        assert packed.returncode == 0, f"npm pack {TIMELINEJS} failed:\n{packed.stderr}"
        [tarball] = Path(scratch).glob("*.tgz")
        unpacked = Path(scratch) / "unpacked"
        with tarfile.open(tarball) as archive:
            archive.extractall(unpacked, filter="data")
        if not CACHE.exists():
            os.rename(unpacked, CACHE)  # whole, so a run cut short leaves no half cache
    return dist


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # For this module only: Playwright's sync API runs an event loop in this thread while
    # it is open, and the Pilot tests after it start loops of their own.
    if not CHROMIUM.is_file():
        pytest.skip("the TimelineJS test needs Debian's Chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="dist/css/timeline.css">
<script src="dist/js/timeline.js"></script>
</head><body style="margin:0">
<div id="timeline" style="width:100%;height:640px"></div>
<script>
window.alert = () => {{ window.alerted = true; }};
fetch("data.json").then(r => r.json()).then(data => {{
  const options = {{
    language: "{lang}",
    font: null,  // the default font comes from Google: none offline
    script_path: new URL("dist/js/", location.href).href,
  }};
  window.tl = new TL.Timeline("timeline", data, options);
  window.tl.on("loaded", () => {{ window.tlLoaded = true; }});
}});
</script></body></html>
"""


class _Served:
    """A folder served on 127.0.0.1 for as long as the `with` lasts."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _site(folder: Path, dist: Path, data: str, lang: str) -> None:
    """A page in `folder` that shows `data` (TimelineJS3 JSON) with TimelineJS3."""
    (folder / "dist").symlink_to(dist)
    (folder / "data.json").write_text(data, encoding="utf-8")
    (folder / "index.html").write_text(PAGE.format(lang=lang), encoding="utf-8")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_timelinejs_shows_a_slide_per_milestone(
    lang: str, timelinejs_dist: Path, browser: object, tmp_path: Path
) -> None:
    timeline = load(bundled_path())
    data = vn_egov("export", "--format", "timelinejs", "--lang", lang).stdout
    _site(tmp_path, timelinejs_dist, data, lang)
    problems: list[str] = []
    with _Served(tmp_path) as url:
        page = browser.new_page(viewport={"width": 1200, "height": 700})  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda m: (
                problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
        page.goto(url + "index.html")
        page.wait_for_function("window.tlLoaded === true", timeout=30_000)
        slide_ids = page.evaluate("[...document.querySelectorAll('.tl-slide')].map(s => s.id)")
        # A title slide, then one slide per milestone, each with its id (in the order
        # TimelineJS gives dates known to the month only: the first of that month).
        assert len(slide_ids) == len(timeline.milestones) + 1
        assert sorted(slide_ids[1:]) == sorted(m.id for m in timeline.milestones)
        headline = page.locator("#launch-portal .tl-headline").inner_text()
        expected = timeline.milestone["launch-portal"].title.get(lang)
        assert " ".join(headline.split()) == expected
        page.evaluate("window.tl.goToId('report-002-portal')")
        page.wait_for_timeout(1500)
        shot = ROOT / "build" / f"timelinejs-{lang}.png"
        page.screenshot(path=str(shot))
        page.close()
    assert problems == []


def test_timelinejs_shows_hostile_text_as_text(
    timelinejs_dist: Path, browser: object, tmp_path: Path
) -> None:
    from tests.samples import MINI

    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    toml = tmp_path / "evil.toml"
    toml.write_text(
        MINI.replace("Cổng DVCQG: số liệu", evil).replace(
            'quote = "hơn 1,2 triệu tài khoản đăng ký"', f'quote = "{evil}"'
        ),
        encoding="utf-8",
    )
    data = vn_egov("export", "--format", "timelinejs", "--lang", "vi", "--data", str(toml)).stdout
    site = tmp_path / "site"
    site.mkdir()
    _site(site, timelinejs_dist, data, "vi")
    with _Served(site) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "index.html")
        page.wait_for_function("window.tlLoaded === true", timeout=30_000)
        page.evaluate("window.tl.goToId('portal-report')")
        page.wait_for_timeout(1000)
        assert page.locator("#portal-report .tl-headline").inner_text().strip() == evil
        assert page.evaluate("window.alerted === undefined")
        assert page.locator("#portal-report img[src=x]").count() == 0
        page.close()


# ------------------------------------------------------------------------------ Datasette


def test_datasette_serves_every_observation(tmp_path: Path) -> None:
    db = tmp_path / "egov.db"
    vn_egov("export", "--format", "sqlite", "-o", str(db))
    served = subprocess.run(
        [
            str(BIN / "datasette"),
            str(db),
            "--get",
            "/egov/observations.json?_shape=array&_size=max",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert served.returncode == 0, served.stderr
    rows = json.loads(served.stdout)
    timeline = load(bundled_path())
    assert {r["id"]: r["quote"] for r in rows} == {o.id: o.quote for o in timeline.observations}
    assert {r["id"]: r["value"] for r in rows} == {o.id: o.value for o in timeline.observations}
    searched = subprocess.run(
        [
            str(BIN / "datasette"),
            str(db),
            "--get",
            "/egov/milestones.json?_search=dich+vu+cong&_shape=array&_col=title_vi",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = json.loads(searched.stdout)
    assert found and all("id" in r for r in found)
    assert any("Dịch vụ công" in r["title_vi"] or "DVCQG" in r["title_vi"] for r in found)


# ------------------------------------------------------------------------------ Frictionless


def _frictionless(target: Path) -> dict[str, object]:
    result = subprocess.run(
        [str(BIN / "frictionless"), "validate", "--json", str(target)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    report: dict[str, object] = json.loads(result.stdout)
    assert (result.returncode == 0) == bool(report["valid"]), result.stderr
    return report


def test_frictionless_finds_the_package_valid_as_a_folder_and_as_a_zip(tmp_path: Path) -> None:
    vn_egov("export", "--format", "datapackage", "-o", str(tmp_path / "egov"))
    vn_egov("export", "--format", "datapackage", "-o", str(tmp_path / "egov.zip"))
    for target in (tmp_path / "egov" / "datapackage.json", tmp_path / "egov.zip"):
        report = _frictionless(target)
        assert report["valid"] is True, json.dumps(report, ensure_ascii=False)[:2000]
        tasks = report["tasks"]
        assert isinstance(tasks, list) and len(tasks) >= 11


def test_frictionless_would_catch_a_broken_reference(tmp_path: Path) -> None:
    vn_egov("export", "--format", "datapackage", "-o", str(tmp_path / "egov"))
    observations = tmp_path / "egov" / "observations.csv"
    text = observations.read_text(encoding="utf-8")
    observations.write_text(text.replace(",portal,", ",no-such-platform,", 1), encoding="utf-8")
    report = _frictionless(tmp_path / "egov" / "datapackage.json")
    assert report["valid"] is False
    assert "no-such-platform" in json.dumps(report)

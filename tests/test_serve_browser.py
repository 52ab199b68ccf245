"""`vn-egov serve` in a real browser: Debian's Chromium, driven by Playwright.

The terminal is a canvas, so the checks are pictures of it: the explorer draws, `l` and a
search change what is drawn, and `l` twice draws the very same pixels again. Screenshots
of every step are saved in the test's directory, and in $VN_EGOV_SCREENSHOTS if it is set
(docs/serve.png comes from there).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests import serving

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium: apt-get install -y chromium"
)

# Headless, as root, on a machine with no network beyond its own loopback.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORT = {"width": 1200, "height": 700}
SETTLE = 0.3  # seconds between two pictures that must agree for the screen to count as drawn
TIMEOUT = 40.0

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Download, Page


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives the browser a fresh profile of its own and removes it after.
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def terminal(page: Page) -> bytes:
    return page.locator("#terminal").screenshot()


def drawn(page: Page, unlike: bytes | None = None) -> bytes:
    """The terminal once it has stopped changing (and differs from `unlike`)."""
    deadline = time.monotonic() + TIMEOUT
    last = terminal(page)
    while time.monotonic() < deadline:
        page.wait_for_timeout(SETTLE * 1000)
        now = terminal(page)
        if now == last and now != unlike:
            return now
        last = now
    raise AssertionError("the terminal never settled on a new picture")


def changed(page: Page, before: bytes, wait: float = 1.5) -> bytes:
    """The terminal after a change that may keep a cursor blinking (the search box)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        page.wait_for_timeout(wait * 1000)
        now = terminal(page)
        if now != before:
            return now
    raise AssertionError("the keys changed nothing on the screen")


def keep(picture: bytes, name: str, where: Path) -> None:
    (where / name).write_bytes(picture)
    if os.environ.get("VN_EGOV_SCREENSHOTS"):
        shutil.copy(where / name, Path(os.environ["VN_EGOV_SCREENSHOTS"]) / name)


def open_explorer(browser: Browser, url: str) -> Page:
    page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
    page.goto(url)
    page.wait_for_selector("body.-first-byte", timeout=TIMEOUT * 1000)
    # Keys go to xterm.js's hidden text box; focusing it is what a click does, without
    # the click reaching the explorer as a mouse event.
    page.focus(".xterm-helper-textarea")
    return page


def test_the_explorer_reacts_to_keys_in_both_languages(browser: Browser, tmp_path: Path) -> None:
    served = serving.start("--lang", "vi")
    try:
        page = open_explorer(browser, served.url)
        assert page.title() == "vn-egov"
        vi = drawn(page)
        keep(vi, "serve-vi.png", tmp_path)
        assert len(set(vi)) > 200, "a blank terminal"

        page.keyboard.press("l")
        en = drawn(page, unlike=vi)
        keep(en, "serve-en.png", tmp_path)
        for _ in range(6):  # down to the portal's figures of 25 Feb 2020
            page.keyboard.press("j")
        portal = drawn(page, unlike=en)
        keep(portal, "serve-event-en.png", tmp_path)
        for _ in range(6):
            page.keyboard.press("k")
        assert drawn(page, unlike=portal) == en
        page.keyboard.press("l")
        assert drawn(page, unlike=en) == vi  # back in Vietnamese: the very same pixels
        page.keyboard.press("l")
        assert drawn(page, unlike=vi) == en

        page.keyboard.press("/")
        page.keyboard.type("dich vu cong")
        search_en = changed(page, en)
        keep(search_en, "serve-search-en.png", tmp_path)

        page.keyboard.press("Escape")
        # A key right after Escape would reach the app as Alt+key, as in any terminal.
        page.wait_for_timeout(500)
        assert drawn(page, unlike=search_en) == en  # the search cleared: the whole list again
        page.keyboard.press("l")
        assert drawn(page, unlike=en) == vi
        page.keyboard.press("/")
        page.keyboard.type("dich vu cong")
        search_vi = changed(page, vi)
        keep(search_vi, "serve-search-vi.png", tmp_path)
        assert search_vi != search_en

        (explorer,) = serving.children(served.pid)
        page.close()  # the visitor closes the tab: their explorer ends
        serving.wait_for(lambda: serving.gone([explorer]), 2.0)
    finally:
        elapsed = served.stop()
    assert elapsed < 2.0


def test_a_screenshot_from_the_palette_arrives_as_a_download(
    browser: Browser, tmp_path: Path
) -> None:
    served = serving.start("--lang", "en")
    try:
        page = open_explorer(browser, served.url)
        before = drawn(page)
        page.keyboard.press("Control+p")
        page.keyboard.type("Screenshot")
        page.wait_for_timeout(1000)
        # The page opens the download's address in a new tab, which downloads and closes;
        # Chromium may tell either tab.
        downloads: list[Download] = []
        page.on("download", lambda d: downloads.append(d))
        page.context.on("page", lambda tab: tab.on("download", lambda d: downloads.append(d)))
        page.keyboard.press("Enter")
        deadline = time.monotonic() + TIMEOUT
        while not downloads and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert downloads, "no download"
        download = downloads[0]
        assert {d.url for d in downloads} == {download.url}  # one file
        assert download.suggested_filename.startswith("vn-egov")
        assert download.suggested_filename.endswith(".svg")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        svg = saved.read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "e-government" in svg
        assert list(Path.cwd().glob("vn-egov*.svg")) == []  # nothing written by the server
        notice = drawn(page, unlike=before)  # the palette gone, the notice shown
        keep(notice, "serve-screenshot-notice.png", tmp_path)
        after = drawn(page, unlike=notice)  # and gone after its few seconds
        # Compared as a flag: pytest's diff of two PNGs' bytes takes minutes.
        same = after == before
        if not same:
            keep(before, "serve-screenshot-before.png", tmp_path)
            keep(after, "serve-screenshot-after.png", tmp_path)
        assert same, f"the explorer differs from before the palette: see {tmp_path}"
    finally:
        served.stop()


OPENER = """\
import os
from textual.app import App

class Opener(App[None]):
    BINDINGS = [("o", "open", "Open")]

    def action_open(self) -> None:
        self.open_url(os.environ["OPEN_THIS"])

Opener().run()
"""


def test_a_link_opened_by_the_app_opens_a_browser_tab(browser: Browser, tmp_path: Path) -> None:
    """App.open_url in a served app: textual-serve passes it to the page, which opens a tab."""
    import subprocess
    import sys

    script = tmp_path / "opener.py"
    script.write_text(OPENER, encoding="utf-8")
    port = serving.free_port()
    target = f"http://127.0.0.1:{port}/static/css/xterm.css"
    code = (
        "import sys\n"
        "from tui.serve.listen import listen\n"
        "from tui.serve.server import serve\n"
        f"sys.exit(serve(listen('127.0.0.1', {port}), [sys.executable, {str(script)!r}], lang='en'))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        env=serving.environment(OPEN_THIS=target),
    )
    try:
        assert process.stdout is not None
        assert f":{port}/" in process.stdout.readline()
        page = open_explorer(browser, f"http://127.0.0.1:{port}/")
        drawn(page)
        with page.expect_popup(timeout=TIMEOUT * 1000) as popup:
            page.keyboard.press("o")
        tab = popup.value
        tab.wait_for_load_state()
        assert tab.url == target
        assert "xterm" in tab.content()
    finally:
        process.terminate()
        process.wait(timeout=10)

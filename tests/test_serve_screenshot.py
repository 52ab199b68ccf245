"""The explorer's screenshot outside a browser: still a file, its notice in the app's
language (in a browser it is a download: tests/test_serve_browser.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import make_app, screen_text
from timeline.model import Timeline


async def test_a_screenshot_in_a_terminal_is_saved_and_said_so_in_vietnamese(
    small: Timeline, tmp_path: Path
) -> None:
    app = make_app(small, lang="vi")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        assert not app.is_web
        app.deliver_screenshot(path=str(tmp_path))
        for _ in range(50):
            if list(tmp_path.glob("*.svg")):
                break
            await asyncio.sleep(0.05)
        await pilot.pause(0.2)
        (saved,) = tmp_path.glob("vn-egov_*.svg")
        assert saved.read_text(encoding="utf-8").startswith("<svg")
        shown = " ".join(screen_text(app).split())  # the toast wraps the long path
        assert "Ảnh chụp màn hình" in shown and "Đã lưu ảnh chụp màn hình vào" in shown

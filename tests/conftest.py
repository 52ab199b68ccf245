"""Shared fixtures: the test timelines, and an app that renders the same every time."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from timeline.load import load
from timeline.model import Timeline
from timeline.validation import validated

if TYPE_CHECKING:
    from tui.app import VnEgovApp

try:  # pytest-textual-snapshot 1.0 sets `_file_extension`, syrupy 7 reads `file_extension`:
    import pytest_textual_snapshot  # without this, snapshots are saved as .raw, not .svg

    pytest_textual_snapshot.SVGImageExtension.file_extension = "svg"
except ImportError:  # pragma: no cover - the plugin is a dev dependency
    pass

FIXTURES = Path(__file__).parent / "fixtures"
HEADLESS = "textual.drivers.headless_driver:HeadlessDriver"


def pytest_configure(config: pytest.Config) -> None:
    """Explorers started by the tests (in subprocesses too) keep their cache of validated
    timelines in a directory of the run's own, never in the user's ~/.cache, read and
    write their remembered settings in another, never the user's ~/.config (always: a
    config the user set up must not change what the tests see), and run headless."""
    if "VN_EGOV_CACHE" not in os.environ:
        os.environ["VN_EGOV_CACHE"] = tempfile.mkdtemp(prefix="vn-egov-cache-")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="vn-egov-config-")
    # The explorer refuses to start without a terminal unless a driver is named; tests
    # that need a real terminal give their child one (a pty) and drop this.
    os.environ.setdefault("TEXTUAL_DRIVER", HEADLESS)


@pytest.fixture(scope="session")
def small() -> Timeline:
    return load(FIXTURES / "small.toml")


@pytest.fixture(scope="session")
def hostile() -> Timeline:
    return load(FIXTURES / "hostile.toml")


def make_app(timeline: Timeline, lang: str = "en") -> VnEgovApp:
    """The app as the CLI makes it, with animations off so that every run renders alike."""
    from tui.app import VnEgovApp

    app = VnEgovApp(timeline, lang=lang)
    app.animation_level = "none"
    return app


def run_cli(*argv: str) -> tuple[int, str, str]:
    """`vn-egov argv…` in this process: its exit code, standard output and error."""
    import contextlib

    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def screen_text(app: object) -> str:
    """The current screen as plain text, one line per terminal row."""
    from rich.console import Console
    from textual.app import App

    from tui.compat import screen_strips

    assert isinstance(app, App)
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(screen_strips(app))
    return console.export_text(styles=False)


def flat(text: str) -> str:
    """Words with line breaks and box edges gone: a name wrapped over two lines reads whole."""
    return " ".join(
        word for line in text.splitlines() for word in line.strip("│ ").split() if word != "│"
    )


def big_timeline(count: int) -> Timeline:
    """A synthetic timeline of `count` events over six years, for paging and speed."""
    import datetime as dt

    platforms = [
        {
            "id": pid,
            "name": {"vi": f"Nền tảng {pid}", "en": f"Platform {pid}"},
            "short": {"vi": pid.title(), "en": pid.title()},
            "description": {"vi": "Mô tả.", "en": "Description."},
            **({"part_of": "reporting"} if pid == "command-centre" else {}),
        }
        for pid in ("axis", "ecabinet", "portal", "reporting", "command-centre")
    ]
    cycle = ["axis", "ecabinet", "portal", "reporting", "command-centre", None]
    start = dt.date(2018, 1, 1)
    milestones = []
    for i in range(count):
        platform = cycle[i % len(cycle)]
        milestones.append(
            {
                "id": f"m{i}",
                "date": start + dt.timedelta(days=i * 2190 // max(count, 1)),
                **({"platform": platform} if platform else {}),
                "kind": "report",
                "title": {
                    "vi": f"Sự kiện số {i}: Cổng Dịch vụ công",
                    "en": f"Event number {i}: public services",
                },
                "summary": {"vi": "Tóm tắt.", "en": "Summary."},
                "sources": ["s"],
            }
        )
    return validated(
        Timeline,
        {
            "sources": [{"id": "s", "title": "Nguồn", "outlet": "Báo", "published": start}],
            "platforms": platforms,
            "milestones": milestones,
        },
    )

"""tui/serve/compat.py against the pinned textual-serve: what it overrides still runs.

AppProcess replaces AppService's private `_open_app_process`; if textual-serve stopped
calling it from `start()`, or renamed `_build_environment`, `_process` or `_stdin`,
these fail before any browser is involved.
"""

from __future__ import annotations

import asyncio
import sys
from importlib.metadata import version

from textual_serve.download_manager import DownloadManager

from tests import serving
from tui.serve.compat import AppProcess

# Reads nothing and ignores textual-serve's "quit": only a kill ends it.
STUBBORN = [
    sys.executable,
    "-c",
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)",
]


def test_the_pinned_version() -> None:
    assert version("textual-serve") == "1.1.3"  # re-read compat.py before changing the pin


async def nothing(*_args: object) -> None:
    return None


async def test_an_app_process_runs_its_argv_in_a_session_of_its_own_with_the_web_driver() -> None:
    app = AppProcess(
        STUBBORN,
        write_bytes=nothing,
        write_str=nothing,
        close=nothing,
        download_manager=DownloadManager(),
    )
    await app.start(123, 45)
    pid = app.pid
    assert pid is not None and app.running
    environ = serving.environ_of(pid)
    assert environ["TEXTUAL_DRIVER"] == "textual.drivers.web_driver:WebDriver"
    assert (environ["COLUMNS"], environ["ROWS"]) == ("123", "45")
    assert serving.session_of(pid) == pid
    assert serving.children(pid) == set()  # the argv itself, not a shell around it

    begun = asyncio.get_running_loop().time()
    await app.end(0.2)  # asked, does not quit, is killed
    assert asyncio.get_running_loop().time() - begun < 1.5
    assert not app.running and not serving.alive(pid)

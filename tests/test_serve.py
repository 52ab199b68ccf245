"""`vn-egov serve` as a user runs it: errors before serving, what it listens on, who it
answers, and how visitors' explorers end (tab closed, Ctrl+C, SIGTERM). Visitors here are
websocket clients; tests/test_serve_browser.py drives a real browser."""

from __future__ import annotations

import asyncio
import http.client
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import aiohttp
import pytest

from tests import serving
from tests.samples import MINI
from timeline.cache import KEY, SUFFIX
from timeline.l10n import translations
from tui.serve.server import PAGE_TITLE

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def run_serve(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """`vn-egov serve` expected to fail at once (it would otherwise run until stopped)."""
    return subprocess.run(
        [sys.executable, "-m", "tui", "serve", "--lang", lang, *args],
        capture_output=True,
        text=True,
        env=serving.environment(),
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def get(port: int, path: str = "/", **headers: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


# ---------------------------------------------------------------------- errors at start


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_port_in_use_is_one_line_and_exit_1(lang: str) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run_serve("--port", str(port), lang=lang)
    expected = (
        translations(lang)
        .gettext("vn-egov: port {port} is already in use on {host}")
        .format(port=port, host="127.0.0.1")
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [expected]
    assert result.stdout == ""  # no address printed: nothing was served


def test_a_host_that_is_not_this_machine_is_one_line_and_exit_1() -> None:
    port = serving.free_port()
    result = run_serve("--host", "192.0.2.1", "--port", str(port))  # TEST-NET-1: no one's
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"vn-egov: cannot listen on 192.0.2.1:{port}: ")
    assert result.stdout == ""


def test_invalid_data_is_reported_with_its_place_before_anything_is_served(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(MINI.replace("as_of = 2021-11-23", 'as_of = "23/11/2021"'), encoding="utf-8")
    port = serving.free_port()
    result = run_serve("--data", str(bad), "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:60: observations[0].as_of: expected a TOML date such as 2021-11-23 (got '23/11/2021')"
    ]
    assert result.stdout == ""
    with socket.create_server(("127.0.0.1", port)):  # the port was never taken
        pass


def test_a_port_out_of_range_is_a_usage_error() -> None:
    result = run_serve("--port", "70000")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "vn-egov serve: error: argument --port: a port is a number from 0 to 65535 (got '70000')"
    )


# ---------------------------------------------------------------------- listening


def test_by_default_it_answers_on_127_0_0_1_only() -> None:
    served = serving.start("--lang", "vi")
    try:
        assert served.url == f"http://127.0.0.1:{served.port}/"
        assert serving.listening_addresses(served.port) == {"127.0.0.1"}
        with pytest.raises(ConnectionRefusedError):  # another loopback address: nobody there
            socket.create_connection(("127.0.0.2", served.port), timeout=5).close()
        status, page = get(served.port)
        assert status == 200
        assert f"<title>{PAGE_TITLE}</title>" in page and '<html lang="vi">' in page
        assert "Phiên làm việc đã kết thúc." in page  # the page speaks the language asked for
        assert "googleapis" not in page  # nothing fetched from elsewhere
    finally:
        assert served.stop() < 2.0
    assert served.process.returncode == 0


def test_another_host_warns_that_anyone_who_reaches_the_port_can_use_it() -> None:
    served = serving.start("--host", "0.0.0.0")
    elapsed = served.stop()
    _out, err = served.process.communicate(timeout=10)
    assert err.splitlines() == [
        f"vn-egov: warning: anyone who can reach port {served.port} on 0.0.0.0 can use it"
    ]
    assert served.url == f"http://{socket.gethostname()}:{served.port}/"
    assert elapsed < 2.0


def test_the_page_title_is_the_apps() -> None:
    from tui.app import VnEgovApp

    assert PAGE_TITLE == VnEgovApp.TITLE


def test_serving_never_imports_textual() -> None:
    """The server only starts explorers; Textual is imported in their processes alone."""
    code = (
        "import sys, tui.cli, tui.serve.listen, tui.serve.server\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_other_sites_pages_and_rebound_names_are_refused() -> None:
    served = serving.start()
    try:
        assert get(served.port, Host="attacker.example")[0] == 403
        status, _page = get(served.port, Host=f"localhost:{served.port}")
        assert status == 200
        assert get(served.port, "/static/")[0] in {403, 404}  # no listing of files

        async def connect(origin: str) -> int:
            async with aiohttp.ClientSession() as session:
                try:
                    async with session.ws_connect(f"{served.url}ws", origin=origin):
                        return 101
                except aiohttp.WSServerHandshakeError as error:
                    return error.status

        assert asyncio.run(connect("http://attacker.example")) == 403
        assert serving.children(served.pid) == set()  # no explorer was started for it
    finally:
        served.stop()


# ---------------------------------------------------------------------- visitors


class Visitor:
    """A browser tab, as far as the server can tell: the terminal's websocket."""

    def __init__(self, session: aiohttp.ClientSession, socket: aiohttp.ClientWebSocketResponse):
        self.session, self.socket = session, socket

    @classmethod
    async def arrive(cls, url: str) -> Visitor:
        session = aiohttp.ClientSession()
        websocket = await session.ws_connect(f"{url}ws?width=100&height=30")
        return cls(session, websocket)

    async def explorer_drawn(self, timeout: float = 30.0) -> int:
        """Bytes of screen received once the explorer has drawn its first frame."""
        received = 0
        async with asyncio.timeout(timeout):
            while received < 2000:
                message = await self.socket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += len(message.data)
                else:
                    assert message.type == aiohttp.WSMsgType.TEXT, message
        return received

    async def leave(self) -> None:
        await self.socket.close()
        await self.session.close()


async def test_a_visitor_closing_the_tab_ends_their_explorer() -> None:
    served = serving.start()
    try:
        visitor = await Visitor.arrive(served.url)
        await visitor.explorer_drawn()
        (explorer,) = serving.children(served.pid)
        stayer = await Visitor.arrive(served.url)
        await stayer.explorer_drawn()
        await visitor.leave()
        await asyncio.to_thread(serving.wait_for, lambda: serving.gone([explorer]), 2.0)
        assert len(serving.children(served.pid)) == 1  # the other visitor's goes on
        await stayer.leave()
    finally:
        served.stop()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl+C"])
async def test_stopping_ends_every_explorer_within_two_seconds(signum: int, tmp_path: Path) -> None:
    temporary, cache, mark = tmp_path / "tmp", tmp_path / "cache", uuid.uuid4().hex
    temporary.mkdir()
    served = serving.start(
        env=serving.environment(
            TMPDIR=str(temporary), VN_EGOV_CACHE=str(cache), VN_EGOV_TEST_MARK=mark
        )
    )
    visitors = []
    try:
        for _ in range(3):
            visitors.append(await Visitor.arrive(served.url))
        await asyncio.gather(*(visitor.explorer_drawn() for visitor in visitors))
        explorers = serving.children(served.pid)
        assert len(explorers) == 3
        for pid in explorers:
            assert serving.environ_of(pid)["TEXTUAL_DRIVER"] == WEB_DRIVER
            assert serving.session_of(pid) == pid  # Ctrl+C in the terminal reaches the server only
        elapsed = await asyncio.to_thread(served.stop, signum)
        assert elapsed < 2.0
        assert serving.gone(explorers)
        assert serving.carrying("VN_EGOV_TEST_MARK", mark) == set()
        assert served.process.returncode == 0
        assert list(temporary.iterdir()) == []
        # Entries and the key that signs them; no temporary file of a killed writer.
        assert {p.name for p in cache.iterdir() if not p.name.endswith(SUFFIX)} == {KEY}
    finally:
        served.kill()
        for visitor in visitors:
            await visitor.session.close()


async def test_stopping_while_explorers_still_start_is_quiet_and_quick() -> None:
    """Visitors who just arrived: their explorers have not drawn yet, nor read any input."""
    for delay in (0.0, 0.05, 0.2, 0.5):
        mark = uuid.uuid4().hex
        served = serving.start(env=serving.environment(VN_EGOV_TEST_MARK=mark))
        visitors = [await Visitor.arrive(served.url) for _ in range(2)]
        try:
            await asyncio.sleep(delay)
            explorers = serving.children(served.pid)
            elapsed = await asyncio.to_thread(served.stop)
            _out, err = served.process.communicate(timeout=10)
            assert (err, served.process.returncode) == ("", 0), delay
            assert elapsed < 2.0 and serving.gone(explorers), delay
            assert serving.carrying("VN_EGOV_TEST_MARK", mark) == set(), delay  # none started late
        finally:
            served.kill()
            for visitor in visitors:
                await visitor.session.close()


async def test_explorers_die_with_a_server_that_is_killed() -> None:
    """SIGKILL leaves the server no time to end anything: the explorers go with it."""
    mark = uuid.uuid4().hex
    served = serving.start(env=serving.environment(VN_EGOV_TEST_MARK=mark))
    visitors = [await Visitor.arrive(served.url) for _ in range(2)]
    try:
        await asyncio.gather(*(visitor.explorer_drawn() for visitor in visitors))
        assert len(serving.children(served.pid)) == 2
        served.stop(signal.SIGKILL)
        await asyncio.to_thread(
            serving.wait_for, lambda: not serving.carrying("VN_EGOV_TEST_MARK", mark), 2.0
        )
    finally:
        served.kill()
        for visitor in visitors:
            await visitor.session.close()

"""textual-serve behind the sockets listen.py bound: one explorer process per visitor.

textual-serve's `Server.serve()` binds its own port, prints its own banner, waits up to a
minute for open sessions on Ctrl+C and leaves the apps to end by themselves. Here the
sockets come ready-bound, the page is our own (the app's title, the visitor's language,
no font fetched from elsewhere), and stopping is bounded: every app is asked to quit,
killed if it has not within QUIT_WAIT, and the server is gone within two seconds.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.server import Server

from timeline.l10n import _
from tui.serve.compat import AppProcess
from tui.serve.listen import Listening, ip_of

# VnEgovApp.TITLE, which the page shows; importing the app here would import Textual
# into the server (tests/test_serve.py keeps the two equal).
PAGE_TITLE = "vn-egov"

QUIT_WAIT = 1.0  # seconds an app has to end when asked, before its session is killed
CLOSE_WAIT = 0.3  # seconds for a browser to answer the closing of its connection
HANDLERS_WAIT = 0.3  # seconds for requests still open after that, before they are cut

# Bounds on the terminal size a page may ask for: a wider one costs the app memory, and
# any one below is a real window.
MAX_CELLS = 1000
FONT_SIZES = range(8, 41)

log = logging.getLogger("vn-egov.serve")


class ExplorerServer(Server):
    """The page, the terminal's websocket, downloads, and the visitors' app processes."""

    def __init__(self, argv: Sequence[str], *, lang: str, loopback: bool) -> None:
        super().__init__(" ".join(argv), title=PAGE_TITLE)
        self.argv = tuple(argv)
        self.lang = lang
        self.loopback = loopback
        self.visitors: dict[AppProcess, web.WebSocketResponse] = {}
        self.stopping = False
        templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True
        )
        self.page = templates.get_template("index.html")

    def make_application(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.handle_page, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    # ------------------------------------------------------------------ who may connect

    def _check(self, request: web.Request) -> None:
        """Refuse a request from another web site's page, or through a rebound name.

        A page on any site the visitor opens may ask their browser to connect here; the
        browser then says where it comes from (Origin), which must be this server. A
        server on loopback answers only to loopback names, so that a name an attacker
        points at 127.0.0.1 later (DNS rebinding) does not make their page ours.
        """
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1].rstrip("/") != request.host:
            raise web.HTTPForbidden(text="cross-origin request refused")
        if self.loopback and not _is_loopback_name(request.url.host or ""):
            raise web.HTTPForbidden(text="this server answers on loopback names only")

    # ------------------------------------------------------------------ the page

    async def handle_page(self, request: web.Request) -> web.Response:
        self._check(request)
        font_size = _int(request.query.get("fontsize"), 16)
        html = self.page.render(
            lang=self.lang,
            title=self.title,
            font_size=font_size if font_size in FONT_SIZES else 16,
            starting=_("Starting the explorer…"),
            start=_("Start"),
            ended=_("Session ended."),
            restart=_("Restart"),
        )
        return web.Response(text=html, content_type="text/html")

    # ------------------------------------------------------------------ a visitor

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self._check(request)
        width = min(max(_int(request.query.get("width"), 80), 1), MAX_CELLS)
        height = min(max(_int(request.query.get("height"), 24), 1), MAX_CELLS)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)

        async def close() -> None:  # the app has quit: the page shows "Session ended"
            await websocket.close()

        visitor = AppProcess(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
        )
        self.visitors[visitor] = websocket
        try:
            if not self.stopping:
                await visitor.start(width, height)
                await self._relay(websocket, visitor)
        except ConnectionResetError:
            pass  # the page went away while it was being answered
        except OSError as exc:  # the explorer could not be started at all
            log.error("%s", exc)
        finally:
            # The visitor closed the tab, the app quit, or the server is stopping.
            await visitor.end(QUIT_WAIT)
            self.visitors.pop(visitor, None)
            with suppress(Exception):
                await websocket.close()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, visitor: AppProcess) -> None:
        """Keys, size and focus from the page to the app; anything malformed is dropped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await visitor.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width = min(max(_int(data.get("width"), 80), 1), MAX_CELLS)
                height = min(max(_int(data.get("height"), 24), 1), MAX_CELLS)
                await visitor.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await visitor.blur()
            elif kind == "focus":
                await visitor.focus()

    # ------------------------------------------------------------------ stopping

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: the server's one line is printed by `serve` (no banner)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Every app asked to quit at once, killed after QUIT_WAIT; every page told."""
        self.stopping = True  # a tab that connects from now on gets no app
        visitors = list(self.visitors.items())
        await asyncio.gather(
            *(visitor.end(QUIT_WAIT) for visitor, _socket in visitors), return_exceptions=True
        )
        await asyncio.gather(
            *(
                asyncio.wait_for(socket.close(code=WSCloseCode.GOING_AWAY), CLOSE_WAIT)
                for _visitor, socket in visitors
            ),
            return_exceptions=True,
        )


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def _is_loopback_name(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_of(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(listening: Listening, argv: Sequence[str], *, lang: str) -> int:
    """Serve the explorer until SIGINT, SIGTERM or SIGHUP; 0 once everything has ended."""
    logging.basicConfig(format="vn-egov: %(message)s", level=logging.WARNING)
    logging.getLogger("aiohttp.access").disabled = True
    server = ExplorerServer(argv, lang=lang, loopback=listening.loopback)
    logging.getLogger("textual-serve").addFilter(_QuietWhileStopping(server))
    asyncio.run(_serve(server, listening))
    return 0


async def _serve(server: ExplorerServer, listening: Listening) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(
        server.make_application(), access_log=None, shutdown_timeout=HANDLERS_WAIT
    )
    await runner.setup()
    for sock in listening.sockets:
        await web.SockSite(runner, sock).start()
    print(
        _("vn-egov: the explorer is at {url} (Ctrl+C stops it)").format(url=listening.url),
        flush=True,
    )
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        # Whatever outlived the cleanup (nothing should) goes with the server.
        await asyncio.gather(*(visitor.kill() for visitor in server.visitors))
        sys.stdout.flush()


class _QuietWhileStopping(logging.Filter):
    """textual-serve reports an app that ends before it has drawn as failing to start;
    when the server stopped it, that is not news."""

    def __init__(self, server: ExplorerServer) -> None:
        super().__init__()
        self.server = server

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.server.stopping and record.getMessage() == "Application failed to start")

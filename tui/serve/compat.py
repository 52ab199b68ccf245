"""The private textual-serve names `vn-egov serve` relies on, each with its reason.

Checked against the pinned textual-serve (1.1.3) by tests/test_serve_compat.py.

textual-serve's AppService starts each visitor's app with `create_subprocess_shell`, in
the server's own process group, and keeps the process to itself. We need two things it
does not give: the explorer's argv run without a shell (a data path is never parsed as
shell words), and each app in a session of its own, so that Ctrl+C in the server's
terminal reaches the server alone (which then ends every app within its deadline)
instead of interrupting every visitor's app mid-start-up, and so that an app that does
not end when asked can be killed with whatever it started.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from typing import Any

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from tui.serve.lifeline import die_with_the_server


class AppProcess(AppService):
    """One visitor's app: textual-serve's AppService, run from an argv in its own session."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
        download_manager: DownloadManager,
    ) -> None:
        super().__init__(
            " ".join(argv),
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=download_manager,
        )
        self.argv = tuple(argv)
        self._starting: asyncio.Future[None] | None = None
        self._ending: asyncio.Future[None] | None = None
        # Set by end() and kill(): an app asked to end before it started never starts.
        # (An explorer left without its server does not end by itself.)
        self._closed = False

    async def start(self, width: int, height: int) -> None:
        """Start the app, unless it was ended first (the server stopping as a tab opens)."""
        if not self._closed and self._starting is None:
            self._starting = asyncio.ensure_future(super().start(width, height))
        if self._starting is not None:
            await asyncio.shield(self._starting)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        # Private in textual-serve: `start()` calls it, and the rest of AppService reads
        # `_process` and `_stdin`, which it must set. `_build_environment` sets
        # TEXTUAL_DRIVER (the web driver), the colours and the first size.
        environment = self._build_environment(width=width, height=height)
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
            preexec_fn=die_with_the_server(os.getpid()),
        )
        self._process = process
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        process = self._process
        return None if process is None else process.pid

    @property
    def running(self) -> bool:
        process = self._process
        return process is not None and process.returncode is None

    async def end(self, grace: float) -> None:
        """Ask the app to quit; kill its session if it has not within `grace` seconds.

        The tab closing and the server stopping may both end an app at once; they share
        one ending (AppService.stop run twice at once awaits a task the other has
        dropped), and neither being cancelled cuts it short.
        """
        self._closed = True
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end(grace))
        await asyncio.shield(self._ending)

    async def _end(self, grace: float) -> None:
        await self._started()
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            await self.send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(process.wait(), grace)
            except TimeoutError:
                await self.kill()
        # The app has ended: stop() cancels its downloads and reads its output to the end.
        await self.stop()

    async def _started(self) -> None:
        """Once an app being started runs (so that it can be ended)."""
        if self._starting is not None:
            with suppress(Exception):
                await asyncio.shield(self._starting)

    async def kill(self) -> None:
        """End the app's whole session at once and reap it."""
        self._closed = True
        await self._started()
        process = self._process
        if process is None or process.returncode is not None:
            return
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()

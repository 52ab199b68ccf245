"""`vn-egov` in a real terminal (a pseudo-terminal), for what only a terminal shows:
the escape sequences it is left with, and keys and signals as a user sends them."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What Textual writes to give the terminal back: the normal screen, the cursor, no mouse.
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"
MOUSE_OFF = b"\x1b[?1000l"


class Terminal:
    """A child process whose standard input, output and error are one pseudo-terminal."""

    def __init__(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        size: tuple[int, int] = (100, 30),
        cwd: Path = ROOT,
    ) -> None:
        environment = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
        environment.update({"TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"})
        environment.update(env or {})
        self.master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=environment,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, wanted: bytes, timeout: float = 30.0) -> bool:
        """Read what the child writes until `wanted` has appeared (True) or time is up."""
        deadline = time.monotonic() + timeout
        while wanted not in self.output:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                return wanted in self.output
        return True

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], min(timeout, 0.2))
        if not ready:
            return self.process.poll() is None
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the child has closed its side
            return False
        self.output += data
        return bool(data)

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def signal(self, number: signal.Signals) -> None:
        self.process.send_signal(number)

    def wait(self, timeout: float = 30.0) -> int:
        """The child's exit code, having read all it wrote."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        while self._read(0.05):
            pass
        code = self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        os.close(self.master)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)

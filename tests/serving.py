"""`vn-egov serve` in a subprocess, as a user starts it, and its processes seen in /proc."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT = 30.0


def environment(**extra: str) -> dict[str, str]:
    """The test run's environment without the language settings of whoever runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.pop("VN_EGOV_LANG", None)
    env.update(extra)
    return env


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    port: int
    started: float  # seconds from the command's start to its URL line

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self, signum: int = signal.SIGTERM) -> float:
        """Send `signum` as a terminal would (to the server's process group); seconds to exit."""
        begun = time.monotonic()
        os.killpg(self.process.pid, signum)
        self.process.wait(timeout=10)
        return time.monotonic() - begun

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def start(*args: str, env: dict[str, str] | None = None) -> Served:
    """`vn-egov serve --port 0 ARGS`, once it has printed the address to open."""
    begun = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", "0", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or environment(),
        start_new_session=True,  # its own process group, like a command run in a terminal
    )
    assert process.stdout is not None
    ready, _w, _x = select.select([process.stdout], [], [], START_TIMEOUT)
    line = process.stdout.readline() if ready else ""
    found = re.search(r"http://(\S+):(\d+)/", line)
    if found is None:
        process.kill()
        _out, err = process.communicate(timeout=10)
        raise AssertionError(f"no address printed: {line!r}; stderr: {err!r}")
    return Served(process, found.group(0), int(found.group(2)), time.monotonic() - begun)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------- /proc


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # after "pid (comm) ": state, ppid, ...


def alive(pid: int) -> bool:
    """Running, or ended but not yet reaped by its parent (a zombie counts as left behind)."""
    return _stat(pid) is not None


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and fields[1] == str(pid):
                found.add(int(entry.name))
    return found


def session_of(pid: int) -> int | None:
    fields = _stat(pid)
    return None if fields is None else int(fields[3])


def carrying(name: str, value: str) -> set[int]:
    """Processes whose environment has name=value: a server's and whatever it started,
    even after the server is gone and its children have been handed to init."""
    needle = f"{name}={value}".encode()
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if needle in (entry / "environ").read_bytes().split(b"\0"):
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def environ_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {k.decode(): v.decode(errors="replace") for k, v in pairs}


def wait_for(predicate: object, timeout: float, step: float = 0.05) -> float:
    """Seconds until `predicate()` is true; AssertionError after `timeout`."""
    assert callable(predicate)
    begun = time.monotonic()
    while not predicate():
        if time.monotonic() - begun > timeout:
            raise AssertionError(f"still not true after {timeout} s")
        time.sleep(step)
    return time.monotonic() - begun


def gone(pids: Iterable[int]) -> bool:
    return not any(alive(pid) for pid in pids)


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on `port` (IPv4 and IPv6)."""
    found = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            packed = bytes.fromhex(address)
            if sys.byteorder == "little":  # /proc writes each 32-bit word in host order
                packed = b"".join(packed[i : i + 4][::-1] for i in range(0, len(packed), 4))
            found.add(socket.inet_ntop(family, packed))
    return found

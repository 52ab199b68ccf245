"""The sockets of `vn-egov serve`, bound before anything is served.

Binding first turns a port in use or a host that is not this machine's into one line
and exit code 1 at start, instead of an error deep inside the web server once it runs.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from dataclasses import dataclass

from timeline.l10n import _

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class ListenError(Exception):
    """The address cannot be listened on; the message is the one line to print."""


@dataclass(frozen=True)
class Listening:
    """Bound, listening sockets: one for each address the host name stands for."""

    sockets: tuple[socket.socket, ...]
    host: str
    port: int
    addresses: tuple[str, ...]

    @property
    def loopback(self) -> bool:
        """Only this machine can connect (127.0.0.0/8, ::1)."""
        return all(ip_of(address).is_loopback for address in self.addresses)

    @property
    def url(self) -> str:
        """The address a browser opens; a wildcard host is shown as this machine's name."""
        host = self.host
        if not host or all(ip_of(address).is_unspecified for address in self.addresses):
            host = socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    def close(self) -> None:
        for sock in self.sockets:
            sock.close()


def ip_of(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(address.split("%", 1)[0])  # fe80::1%eth0: the zone is no part


def listen(host: str, port: int) -> Listening:
    """Listen on every address of `host` at `port` (0: a free port), or raise ListenError."""
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        found = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise ListenError(
            _("vn-egov: cannot listen on {address}: {reason}").format(address=shown, reason=reason)
        ) from None
    addresses: list[tuple[socket.AddressFamily, str]] = []
    for info in found:
        family, address = socket.AddressFamily(info[0]), str(info[4][0])
        if (family, address) not in addresses:
            addresses.append((family, address))
    sockets: list[socket.socket] = []
    try:
        for family, address in addresses:
            sock = socket.create_server((address, port), family=family)
            sockets.append(sock)
            # Port 0 asks for a free port: every address then listens on the first one's.
            port = port or int(sock.getsockname()[1])
    except OSError as exc:
        for sock in sockets:
            sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ListenError(
                _("vn-egov: port {port} is already in use on {host}").format(
                    port=port, host=host or "*"
                )
            ) from None
        reason = exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc))
        raise ListenError(
            _("vn-egov: cannot listen on {address}: {reason}").format(address=shown, reason=reason)
        ) from None
    return Listening(tuple(sockets), host, port, tuple(address for _f, address in addresses))

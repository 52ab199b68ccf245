"""An app process that dies with the server that started it (Linux).

An explorer whose server was killed (SIGKILL, a crash) does not end by itself: its web
driver keeps waiting on a closed pipe. Linux can send it SIGKILL when its parent goes.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable
from typing import cast

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _libc_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return cast("Callable[..., int]", ctypes.CDLL(None, use_errno=True).prctl)
    except (OSError, AttributeError):
        return None


_PRCTL = _libc_prctl()


def die_with_the_server(server: int) -> Callable[[], None] | None:
    """What the app's process runs before exec (None where Linux's prctl is missing).

    The server may have gone already, before the request took effect: then at once.
    """
    prctl = _PRCTL
    if prctl is None:
        return None

    def arrange() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != server:
            os._exit(1)

    return arrange

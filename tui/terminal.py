"""Whether the explorer has a terminal to run in.

Textual reads keys from standard input and draws on standard error. Without a terminal
there (cron, CI, `vn-egov </dev/null`) it would wait at full speed for keys that never
come, and `q` would never reach it; the explorer says so in one line and exits 2
instead. TEXTUAL_DRIVER names a driver explicitly, as the tests, the benchmark and
`vn-egov serve` do to run without a terminal; a value that names no driver is a one-line
error too, not a traceback from deep inside Textual.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping

from timeline.l10n import _


def terminal_problem(env: Mapping[str, str]) -> str | None:
    """Why the explorer cannot start here, as a line for the user; None when it can."""
    driver = env.get("TEXTUAL_DRIVER", "")
    if driver:
        return _driver_problem(driver)
    if not (_is_terminal(0) and _is_terminal(2)):
        return _(
            "vn-egov: the explorer needs a terminal (standard input and error are not one); "
            "in scripts, use validate, list or export"
        )
    return None


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def _driver_problem(driver: str) -> str | None:
    module, _colon, name = driver.partition(":")
    try:
        found = getattr(importlib.import_module(module), name) if name else None
    except Exception:  # a missing module or one that fails to import
        found = None
    if isinstance(found, type):
        return None
    return _("vn-egov: TEXTUAL_DRIVER={value} names no driver (expected module:Class)").format(
        value=driver
    )

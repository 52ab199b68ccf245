"""The `vn-egov` command's first step: the cyclic collector held off until it is under way.

Starting the explorer builds a few hundred thousand objects that live as long as the
process (Textual's classes and styles, the timeline and its index, and for a file
pydantic's validators), and none of them is garbage. Left on, the collector walked them
all about 180 times before the first frame: 60 to 75 ms of a 400 ms start. Reference
counting still frees everything meanwhile; only cycles wait, and start-up makes few.

The collector runs again once the command is under way (`started`): a command other than
the explorer as soon as its arguments are read, the explorer once its first screen is
drawn. What exists then is frozen, so that no later collection walks it again either.
"""

from __future__ import annotations

import gc
from typing import NoReturn


def hold() -> None:
    """No cyclic collection until `started()`: the first thing the command does."""
    gc.disable()


def started() -> None:
    """The command is under way: collect again, leaving what start-up built out of sight.

    Does nothing when the collector was not held (tests calling `tui.cli.main`)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run() -> NoReturn:
    """The `vn-egov` command."""
    hold()
    from tui.cli import main
    from tui.process import finish

    finish(main())

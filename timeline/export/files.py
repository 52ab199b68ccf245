"""One file written whole: through a temporary file beside it, never over another unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputExists(Exception):
    """The output file is there already and overwriting was not asked for."""


def write_atomically(path: Path, text: str, *, force: bool) -> None:
    """Write to a temporary file beside `path`, then move it into place in one step.

    A reader never sees half a file, and an interrupted export leaves the old one whole.
    Without `force`, the final step is a hard link, which fails if `path` exists even when
    another process created it a moment ago.
    """
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputExists(str(path)) from None
            except OSError:  # a file system without hard links: check, then move
                if path.exists():
                    raise OutputExists(str(path)) from None
                os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)

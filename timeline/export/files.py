"""One file written whole: the text formats go through timeline.output, which replaces
only a regular file (keeping its mode), writes into a device, FIFO or standard output,
follows a link to its target, and never overwrites a file unasked."""

from __future__ import annotations

from pathlib import Path

from timeline.output import OutputExists, Refused, write_output

__all__ = ["OutputExists", "Refused", "write_atomically"]


def write_atomically(path: Path, text: str, *, force: bool) -> None:
    """`text` to `path` as timeline.output writes a file (the explorer's export)."""
    write_output(path, text, force=force)

"""A database, a folder or a zip that appears complete or not at all.

It is built inside a private directory beside its target (same file system, so the last
step is a rename), under the target's own name so that it gets the modes any new file or
folder of that name would; then renamed into place. Nothing is left behind by a failure,
a full disk or Ctrl+C: the private directory goes, and an existing target is untouched.
Without `force` an existing target is never replaced; with it, a file replaces a file in
one step, and a folder replaces a folder (the old one set aside first, then removed).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from timeline.export.files import OutputExists


def publish(target: Path, build: Callable[[Path], None], *, force: bool) -> None:
    """`build(path)` creates a file or a folder at `path`; it then becomes `target`."""
    directory = target.parent if str(target.parent) else Path(".")
    private = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory))
    try:
        if not force and os.path.lexists(target):  # before the work, not only after it
            raise OutputExists(str(target))
        built = private / target.name
        build(built)
        _sync(built)
        if built.is_dir():
            _place_folder(built, target, private, force=force)
        else:
            _place_file(built, target, force=force)
    finally:
        shutil.rmtree(private, ignore_errors=True)


def _sync(path: Path) -> None:
    """On disk before it is visible: a rename must never publish a file half written."""
    paths = [*path.iterdir(), path] if path.is_dir() else [path]
    for item in paths:
        fd = os.open(item, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _place_file(built: Path, target: Path, *, force: bool) -> None:
    if force:
        os.replace(built, target)
        return
    try:
        os.link(built, target)  # fails if the target appeared meanwhile
    except FileExistsError:
        raise OutputExists(str(target)) from None
    except OSError:  # a file system without hard links: check, then move
        if os.path.lexists(target):
            raise OutputExists(str(target)) from None
        os.replace(built, target)


def _place_folder(built: Path, target: Path, private: Path, *, force: bool) -> None:
    if os.path.lexists(target):
        if not force:
            raise OutputExists(str(target))
        if not target.is_dir() or target.is_symlink():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target))
        aside = private / ".replaced"
        os.rename(target, aside)
        try:
            os.rename(built, target)
        except OSError:
            os.rename(aside, target)
            raise
        return
    try:
        os.rename(built, target)  # fails if a folder with files in it appeared meanwhile
    except OSError as exc:
        if os.path.lexists(target):
            raise OutputExists(str(target)) from exc
        raise

"""Where the package's own files are: its folder on disk, beside its modules.

The package is installed as files: its bundled timeline is opened by path, and the cache
key reads its modules. `importlib.resources` finds the same folder through its readers,
for some 2 ms of every start.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent

"""An installed package offering a pydantic plugin runs nothing inside vn-egov."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from timeline.load import bundled_path


def _planted_plugin(root: Path, marker: Path) -> None:
    """A package on the path whose pydantic plugin, once loaded, writes `marker`."""
    (root / "planted.py").write_text(
        "from pathlib import Path\n"
        f"Path({str(marker)!r}).write_text('ran')\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n",
        encoding="utf-8",
    )
    info = root / "planted-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: planted\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nplanted = planted:plugin\n")


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> None:
    environment = {**os.environ, "PYTHONPATH": str(root)}
    environment.pop("PYDANTIC_DISABLE_PLUGINS", None)
    environment.update(env or {})
    subprocess.run(
        [sys.executable, *args], env=environment, check=True, capture_output=True, timeout=60
    )


def test_a_planted_pydantic_plugin_runs_nothing_in_validate(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    _planted_plugin(tmp_path, marker)
    # The plant works: a program that builds a pydantic model without vn-egov loads it.
    _run(tmp_path, "-c", "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)")
    assert marker.exists()
    marker.unlink()
    _run(tmp_path, "-m", "tui", "validate", str(bundled_path()))
    assert not marker.exists()


def test_a_planted_pydantic_plugin_runs_nothing_whatever_the_environment_says(
    tmp_path: Path,
) -> None:
    """PYDANTIC_DISABLE_PLUGINS set empty would let pydantic load every plugin it finds."""
    marker = tmp_path / "ran"
    _planted_plugin(tmp_path, marker)
    for value in ("", "other-plugin"):
        _run(
            tmp_path,
            "-m",
            "tui",
            "validate",
            str(bundled_path()),
            env={"PYDANTIC_DISABLE_PLUGINS": value},
        )
        assert not marker.exists(), value

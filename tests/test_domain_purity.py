"""The domain (timeline/) imports nothing from Textual or Rich, so scripts stay fast and
the model can be used without a terminal."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[1] / "timeline"


def test_importing_every_domain_module_loads_no_ui_library() -> None:
    modules = sorted(
        ".".join(("timeline", *p.relative_to(DOMAIN).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for p in DOMAIN.rglob("*.py")
    )
    assert "timeline.model" in modules and "timeline.export.sqlite" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_no_domain_source_names_textual() -> None:
    for path in DOMAIN.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"textual", "rich", "tui"}, f"{path}: {name}"


def test_pydantic_is_imported_by_the_validation_alone() -> None:
    """The records and the cache import no pydantic (a warm start never loads it); only
    timeline.validation does, and the constraints' hooks that pydantic itself calls."""
    importers = set()
    for path in DOMAIN.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            if any(name.split(".")[0] in {"pydantic", "pydantic_core"} for name in names):
                importers.add(path.relative_to(DOMAIN).as_posix())
    assert importers == {"validation.py", "constraints.py"}

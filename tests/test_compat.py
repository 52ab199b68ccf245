"""Private framework names live in the compat modules only, checked against the pins."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pydantic
import textual.app
import textual.cache
import textual.scroll_view
import textual.widget
import textual.widgets

from timeline import compat as timeline_compat
from tui import compat

ROOT = Path(__file__).resolve().parent.parent
# tui/serve has its own: the server never imports Textual, which tui/compat.py does.
COMPAT = {
    ROOT / "tui" / "compat.py",
    ROOT / "timeline" / "compat.py",
    ROOT / "tui" / "serve" / "compat.py",
}

# Every private Textual, textual-serve or pydantic name the project has needed, and any
# import of a private module of theirs.
PRIVATE = re.compile(
    r"\._(size_updated|scroll_update|screen_stacks|merged_bindings|bindings|watch_value"
    r"|compositor|background_screens|open_app_process|build_environment|notifications)\b"
    r"|\b(app|App|VnEgovApp)\._(display|driver|exit)\b"
    r"|__pydantic_fields_set__|\bactive_app\b|\bplugin\._loader\b"
    r"|from (textual|textual_serve|pydantic|pydantic_core)\._|import (textual|pydantic)\._"
)


def _code() -> list[Path]:
    files = [
        p
        for folder in ("tui", "timeline", "tests", "benchmarks")
        for p in (ROOT / folder).rglob("*.py")
    ]
    return [p for p in files if p not in COMPAT and p != Path(__file__).resolve()]


def test_no_private_framework_name_outside_the_compat_modules() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _code()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_compat_names_were_checked_against_the_installed_textual() -> None:
    """When the pin moves, look at every name in tui/compat.py again, then update this."""
    assert importlib.metadata.version("textual") == compat.TEXTUAL_CHECKED


def test_the_private_names_still_exist() -> None:
    assert callable(textual.widget.Widget._size_updated)
    assert callable(textual.scroll_view.ScrollView._scroll_update)
    assert callable(textual.widgets.Input._watch_value)
    assert hasattr(textual.app.App, "_background_screens")
    assert compat.running_app() is None  # outside an app
    # frames_without_cycles empties the links of an LRUCache's ring before clearing it.
    ring = textual.cache.LRUCache[str, int](2)
    ring["a"] = 1
    assert ring._cache["a"][3] == 1 and ring._head is ring._cache["a"]
    assert {"_cache", "_head", "_full"} <= set(textual.cache.LRUCache.__slots__)


def test_the_pydantic_plugin_loader_is_still_where_it_is_replaced() -> None:
    """timeline.compat stands in for this module; pydantic must still import it by name
    when it builds a validator, and look for plugins nowhere else."""
    package = Path(pydantic.__file__).parent / "plugin"
    assert "def get_plugins(" in (package / "_loader.py").read_text(encoding="utf-8")
    importers = [
        path.relative_to(package.parent)
        for path in package.parent.rglob("*.py")
        if "_loader import" in path.read_text(encoding="utf-8")
    ]
    assert importers == [Path("plugin/_schema_validator.py")]
    assert timeline_compat.PLUGIN_LOADER == "pydantic.plugin._loader"


def test_pyproject_caps_textual_at_the_tested_minor() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    major, minor, _patch = compat.TEXTUAL_CHECKED.split(".")
    assert f'"textual>={compat.TEXTUAL_CHECKED},<{major}.{int(minor) + 1}"' in text
    assert re.search(r'"textual-plotext>=[\d.]+,<[\d.]+"', text)

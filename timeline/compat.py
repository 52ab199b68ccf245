"""The private pydantic name the domain relies on, with the public API it lacks.

This module is imported before pydantic, and often without it (timeline.cache).
"""

from __future__ import annotations

import sys
import types

# pydantic's plugin loader: the module that looks for plugins when a validator is built.
PLUGIN_LOADER = "pydantic.plugin._loader"


def validate_with_pydantic_alone() -> None:
    """Build vn-egov's validators without looking for pydantic plugins (see timeline).

    Missing: a public way to turn plugins off for good. PYDANTIC_DISABLE_PLUGINS can be
    unset or narrowed by whoever runs the program, and even when it skips the plugins,
    the loader still imports importlib.metadata (5 ms). This stands in for the loader
    module, which pydantic imports only when it builds its first validator; it is put
    in place before pydantic is imported, by the `timeline` package itself.
    """
    if PLUGIN_LOADER in sys.modules:  # a program that imports vn-egov loaded it first
        return
    loader = types.ModuleType(PLUGIN_LOADER, "No pydantic plugins: see timeline.compat.")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[PLUGIN_LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()

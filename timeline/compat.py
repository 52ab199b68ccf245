"""The private pydantic names the domain relies on, each with the public API it lacks."""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # at run time this module comes before pydantic: see the end
    from pydantic import BaseModel

# pydantic's plugin loader: the module that looks for plugins when a validator is built.
PLUGIN_LOADER = "pydantic.plugin._loader"


def fields_set(model: BaseModel) -> set[str]:
    """The fields a file set on a model. Public: `model.model_fields_set`; it is the same
    set, read here beside its writer below."""
    return model.model_fields_set


def share_fields_set(model: BaseModel, shared: set[str]) -> None:
    """Give a frozen model an equal, shared set of the fields the file set.

    Missing: a public way to set `__pydantic_fields_set__` on a frozen model; pydantic
    gives every model its own copy (75 MiB of identical sets at 100,000 figures).
    """
    object.__setattr__(model, "__pydantic_fields_set__", shared)


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

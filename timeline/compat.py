"""The private pydantic names the domain relies on, each with the public API it lacks."""

from __future__ import annotations

from pydantic import BaseModel


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

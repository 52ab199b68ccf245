"""Share what a hundred thousand validated figures have in common.

A TOML parser returns a new string for every occurrence of "src-132" or "axis", and a
new date for every "2021-10-26"; pydantic gives every model its own set of the fields
the file set. At 100,000 observations those copies are a third of the timeline's memory
(about 75 MiB of identical sets alone). The models are frozen, so one shared copy of
each is indistinguishable from many.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

# Ids and short codes repeat across the file; quotes, titles and notes do not, and
# looking them up would cost time for nothing.
_SHORT = 120


class Sharer:
    """Replaces equal values by one copy, model by model, as they are validated."""

    def __init__(self) -> None:
        self._field_sets: dict[frozenset[str], set[str]] = {}
        self._values: dict[Any, Any] = {}

    def share(self, model: BaseModel) -> None:
        fields = model.__pydantic_fields_set__
        shared = self._field_sets.setdefault(frozenset(fields), fields)
        if shared is not fields:
            object.__setattr__(model, "__pydantic_fields_set__", shared)
        attributes = model.__dict__
        values = self._values
        for key, value in attributes.items():
            kind = type(value)
            if (kind is str and len(value) <= _SHORT) or kind is dt.date:
                # Only a value is replaced, never a key: iterating stays valid.
                attributes[key] = values.setdefault(value, value)
            elif isinstance(value, BaseModel):
                self.share(value)
            elif kind is tuple and value:
                if isinstance(value[0], BaseModel):
                    for item in value:
                        self.share(item)
                elif type(value[0]) is str:
                    attributes[key] = tuple(values.setdefault(v, v) for v in value)

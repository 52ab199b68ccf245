"""Share what a hundred thousand validated figures have in common.

A TOML parser returns a new string for every occurrence of "src-132" or "axis", and a
new date for every "2021-10-26"; pydantic gives every model its own set of the fields
the file set. At 100,000 observations those copies are a third of the timeline's memory
(about 75 MiB of identical sets alone). The models are frozen, so one shared copy of
each is indistinguishable from many.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from timeline.compat import fields_set, share_fields_set

# The fields whose values repeat across a file: references to other entries and dates.
# Quotes, titles and notes do not repeat, and looking them up would cost time for
# nothing; naming the fields keeps the pass to a few dictionary lookups per model.
REPEATING: dict[str, tuple[str, ...]] = {
    "Observation": (
        "platform",
        "indicator",
        "source",
        "part_of",
        "as_of",
        "period_start",
        "period_end",
    ),
    "Milestone": ("date", "platform"),
    "Platform": ("part_of", "launched"),
    "Source": ("published",),
}
# Fields holding further models, shared in their turn.
NESTED: dict[str, tuple[str, ...]] = {
    "Observation": ("label", "compared_with", "as_of_note", "notes"),
    "Milestone": ("title", "summary", "date_note"),
    "Comparison": ("label",),
}


class Sharer:
    """Replaces equal values by one copy, model by model, as they are validated."""

    def __init__(self) -> None:
        self._field_sets: dict[int, list[set[str]]] = {}
        self._values: dict[Any, Any] = {}

    def share(self, model: BaseModel) -> None:
        fields = fields_set(model)
        # Compared, not hashed: no frozenset is built per model.
        same_size = self._field_sets.setdefault(len(fields), [])
        for known in same_size:
            if known == fields:
                if known is not fields:
                    share_fields_set(model, known)
                break
        else:
            same_size.append(fields)
        kind = type(model).__name__
        attributes = model.__dict__
        values = self._values
        for name in REPEATING.get(kind, ()):
            value = attributes[name]
            if value is not None:
                attributes[name] = values.setdefault(value, value)
        for name in NESTED.get(kind, ()):
            value = attributes[name]
            if value is not None:
                self.share(value)

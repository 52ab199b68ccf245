"""Share what a hundred thousand validated figures have in common.

A TOML parser returns a new string for every occurrence of "src-132" or "axis", and a
new date for every "2021-10-26"; at 100,000 observations those copies are a large part
of the timeline's memory. The records are frozen, so one shared copy of each is
indistinguishable from many.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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
    """Replaces equal values by one copy, record by record, as they are built."""

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}
        self._dates: dict[str, dt.date] = {}

    def arguments(self, kind: str, data: dict[str, Any]) -> None:
        """The same for a record not built yet, in the arguments it is to be built from
        (timeline.records)."""
        values = self._values
        for name in REPEATING.get(kind, ()):
            value = data.get(name)
            if value is not None:
                data[name] = values.setdefault(value, value)

    def date(self, text: str) -> dt.date:
        """The date an ISO text names, parsed once however often it is read."""
        found = self._dates.get(text)
        if found is None:
            found = self._dates[text] = dt.date.fromisoformat(text)
        return found

    def share(self, record: Any) -> None:
        kind = type(record).__name__
        values = self._values
        for name in REPEATING.get(kind, ()):
            value = getattr(record, name)
            if value is not None:
                shared = values.setdefault(value, value)
                if shared is not value:
                    # A frozen record is written once more, with an equal value: what
                    # its own __init__ does to set it.
                    object.__setattr__(record, name, shared)
        for name in NESTED.get(kind, ()):
            value = getattr(record, name)
            if value is not None:
                self.share(value)

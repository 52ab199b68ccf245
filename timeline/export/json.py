"""The whole timeline as one JSON object, keys and values as the TOML has them."""

from __future__ import annotations

import json
from typing import Any

from timeline.jsontext import escape_controls
from timeline.model import Timeline
from timeline.records import as_data


def to_json(t: Timeline) -> str:
    """One object with the five arrays (and the quality notes), dates as ISO strings."""
    document: dict[str, Any] = as_data(t)
    return escape_controls(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"

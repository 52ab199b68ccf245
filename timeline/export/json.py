"""The whole timeline as one JSON object, keys and values as the TOML has them."""

from __future__ import annotations

import json
from typing import Any

from timeline.model import Timeline


def to_json(t: Timeline) -> str:
    """One object with the five arrays (and the quality notes), dates as ISO strings."""
    document: dict[str, Any] = t.model_dump(mode="json", exclude_none=True)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

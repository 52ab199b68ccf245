"""The JSON Schema of the TOML format, derived from the models so it cannot drift.

A copy ships beside the bundled timeline (data/timeline.schema.json) for editors that
validate TOML as you type; a test keeps that copy equal to what this module produces.
"""

from __future__ import annotations

from typing import Any

from timeline.model import Timeline
from timeline.validation import adapter

SCHEMA_ID = "https://vn-egov.invalid/timeline.schema.json"


def json_schema() -> dict[str, Any]:
    schema = adapter(Timeline).json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "vn-egov timeline",
        **{k: v for k, v in schema.items() if k != "title"},
    }

"""Records as JSON's data and back (timeline.records): the JSON export and the cache."""

from __future__ import annotations

import dataclasses
import json

import pytest

from benchmarks.generate import generate
from timeline.interning import Sharer
from timeline.load import bundled_path, load, loads
from timeline.model import Observation, Text, Timeline
from timeline.records import as_data, from_data


@pytest.mark.parametrize(
    "make",
    [lambda: load(bundled_path()), lambda: loads(generate(30, 400))],
    ids=["bundled", "generated"],
)
def test_a_timeline_made_data_and_back_is_the_same(make: object) -> None:
    timeline = make()  # type: ignore[operator]
    data = json.loads(json.dumps(as_data(timeline)))
    again = from_data(Timeline, data)
    assert again == timeline
    assert again.events == timeline.events and again.warnings == timeline.warnings


def test_data_holds_what_the_toml_table_holds() -> None:
    observation = load(bundled_path()).observations[0]
    data = as_data(observation)
    assert None not in data.values()
    assert data["as_of"] == observation.as_of.isoformat()
    fields = [field.name for field in dataclasses.fields(Observation)]
    assert list(data) == [name for name in fields if name in data]  # in the fields' order
    assert isinstance(data.get("quote"), str)


def test_data_that_is_not_a_record_is_refused() -> None:
    text = {"vi": "một", "en": "one"}
    assert from_data(Text, text) == Text(vi="một", en="one")
    with pytest.raises(TypeError):
        from_data(Text, text | {"fr": "un"})  # a key with no field
    with pytest.raises(TypeError):
        from_data(Text, {"vi": "một"})  # a field missing
    with pytest.raises(TypeError):
        from_data(Text, ["một", "one"])
    base = as_data(load(bundled_path()).observations[0])
    with pytest.raises(ValueError):
        from_data(Observation, base | {"as_of": "[b]x[/b]"})
    with pytest.raises(ValueError, match="after"):  # the record's own check runs again
        from_data(Observation, base | {"period_start": "2030-01-01", "period_end": "2020-01-01"})


def test_repeated_ids_and_dates_read_are_shared() -> None:
    sharer = Sharer()
    line = json.dumps(as_data(load(bundled_path()).observations[0]))
    # Each from its own parse of the text, as the cache's lines are: equal, not the same.
    first, second = (from_data(Observation, json.loads(line), sharer) for _ in range(2))
    assert first == second
    assert first.as_of is second.as_of
    assert first.source is second.source and first.indicator is second.indicator
    assert first.quote is not second.quote  # unique text is not looked up

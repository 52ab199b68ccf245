"""Records as JSON's data and back: what the JSON export writes and the cache reads.

`as_data` gives a record's fields in their order, leaving out those that are None,
dates as ISO strings and tuples as lists: the keys and values a TOML table has. `from_data`
builds the record again from such data, without pydantic: each key must be a field (the
record's own `__init__` refuses any other, and any missing), a nested table becomes its
record, a date is parsed, and each record's own checks (`__post_init__`) run again. The
scalars are taken as they are: this reads what `as_data` wrote (the cache checks that an
entry is its own before reading it), not a person's file, which timeline.validation checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from timeline.interning import Sharer
from timeline.model import Record

R = TypeVar("R", bound=Record)
# How one field's data becomes its value, sharing what repeats.
Convert = Callable[[Any, Sharer], Any]


def as_data(record: Record) -> dict[str, Any]:
    """The record's fields that are set, as JSON's types."""
    data: dict[str, Any] = {}
    for name in _names(type(record)):
        value = getattr(record, name)
        if value is not None:
            data[name] = _plain(value)
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return as_data(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def from_data(kind: type[R], data: Any, sharer: Sharer | None = None) -> R:
    """The record `data` holds (a dict, which becomes its arguments: it is not to be used
    again); TypeError or ValueError if it is not one.

    `sharer`: one copy of each value that repeats across the records it has seen (ids
    that refer to other records, and dates): at 100,000 observations, a few hundred
    distinct days among some 200,000 dates."""
    if not isinstance(data, dict):
        raise TypeError(f"a {kind.__name__} is a table, not {type(data).__name__}")
    known = sharer if sharer is not None else Sharer()
    for name, convert in _converters(kind):
        value = data.get(name)
        if value is not None:
            data[name] = convert(value, known)
    known.arguments(kind.__name__, data)
    return kind(**data)


# Per record type, found once: its fields' names, and those whose data needs converting.
_NAMES: dict[type[Any], tuple[str, ...]] = {}
_CONVERTERS: dict[type[Any], tuple[tuple[str, Convert], ...]] = {}


def _names(kind: type[Any]) -> tuple[str, ...]:
    found = _NAMES.get(kind)
    if found is None:
        found = _NAMES[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return found


def _converters(kind: type[Any]) -> tuple[tuple[str, Convert], ...]:
    """The fields of `kind` whose data is not their value, each with its conversion."""
    found = _CONVERTERS.get(kind)
    if found is None:
        hints = typing.get_type_hints(kind)
        converts = ((name, _converter(hints[name])) for name in _names(kind))
        found = _CONVERTERS[kind] = tuple((n, c) for n, c in converts if c is not None)
    return found


def _converter(hint: Any) -> Convert | None:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        # An optional field: None never reaches a conversion.
        converts = [_converter(arg) for arg in typing.get_args(hint) if arg is not type(None)]
        return converts[0] if len(converts) == 1 else None
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        if item is None:
            return _tuple
        return lambda data, sharer: tuple(item(each, sharer) for each in _list(data))
    if hint is dt.date:
        return _date
    if isinstance(hint, type) and issubclass(hint, Record):
        return lambda data, sharer: from_data(hint, data, sharer)
    return None


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError(f"expected an array, not {type(data).__name__}")
    return data


def _tuple(data: Any, _sharer: Sharer) -> tuple[Any, ...]:
    return tuple(_list(data))


def _date(data: Any, sharer: Sharer) -> dt.date:
    if not isinstance(data, str):
        raise TypeError(f"expected a date, not {type(data).__name__}")
    return sharer.date(data)

"""A file's tables checked against the model by pydantic: the one module that imports it.

pydantic builds each record from its table (timeline.model, with the constraints of
timeline.constraints) and reports every problem at once, which timeline.schema_errors
turns into placed problems. A timeline read back from the cache never comes here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from timeline.collector import held_off
from timeline.interning import Sharer
from timeline.model import Timeline
from timeline.problems import KeyProblem
from timeline.schema_errors import schema_problems
from timeline.slices import ARRAYS

T = TypeVar("T")

__all__ = ["Invalid", "adapter", "validate_tables", "validated"]


_adapters: dict[type[Any], TypeAdapter[Any]] = {}


def adapter(kind: type[T]) -> TypeAdapter[T]:
    """The validator of one record type, built once, on first use."""
    found = _adapters.get(kind)
    if found is None:
        found = _adapters[kind] = TypeAdapter(kind)
    return found


def validated(kind: type[T], data: Any) -> T:
    """One record built from its table; ValidationError lists everything wrong with it."""
    return adapter(kind).validate_python(data)


class Invalid(Exception):
    """The tables do not fit the model: every problem, by key path, in the file's order."""

    def __init__(self, problems: list[KeyProblem]) -> None:
        super().__init__(problems)
        self.problems = problems


@held_off()
def validate_tables(
    tables: Iterable[tuple[str, Any]], total: int, progress: Callable[[str, int, int], None]
) -> Timeline:
    """The timeline of a file's tables, given as (array, a chunk of its tables) with "" for
    the keys beside the arrays; Invalid if any of them is wrong."""
    errors: dict[str, list[Any]] = {}
    arrays: dict[str, list[Any]] = {}
    starts: dict[str, int] = {}
    sharer = Sharer()
    finished = 0
    progress("validating", finished, total)
    for key, items in tables:
        if not key or not isinstance(items, list):
            # The keys beside the arrays (an unknown one is an error with a hint), or
            # an "array" that is not one.
            try:
                validated(Timeline, items if not key else {key: items})
            except ValidationError as exc:
                errors.setdefault(key, []).extend(exc.errors(include_url=False))
            continue
        start = starts.get(key, 0)
        try:
            records = getattr(validated(Timeline, {key: items}), key)
        except ValidationError as exc:
            errors.setdefault(key, []).extend(_shifted(exc, start))
        else:
            for record in records:
                sharer.share(record)
            arrays.setdefault(key, []).extend(records)
        starts[key] = start + len(items)
        finished += len(items)
        progress("validating", finished, total)
        del items
    if errors:
        # In the order of the file's layout: its other keys, then array after array.
        ordered = [e for key in ("", *ARRAYS) for e in errors.get(key, [])]
        raise Invalid(schema_problems(ordered))
    # Every part is validated; the whole is only put together.
    return Timeline(**{k: tuple(v) for k, v in arrays.items()})


def _shifted(exc: ValidationError, start: int) -> list[Any]:
    """A chunk's errors, with their array index counted from the start of the file."""
    errors = exc.errors(include_url=False)
    for error in errors:
        loc = error["loc"]
        if start and len(loc) > 1 and isinstance(loc[1], int):
            error["loc"] = (loc[0], loc[1] + start, *loc[2:])
    return errors

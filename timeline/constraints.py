"""What a value in a timeline file must be, written beside the model without pydantic.

The model (timeline.model) is plain frozen dataclasses, so that a timeline read back from
the cache is built without importing pydantic: its import and its validators were most
of what reading the bundled timeline added to the explorer's start. pydantic reads these
constraints only when it builds a validator for a file (timeline.validation), through its
public hook for annotated metadata, `__get_pydantic_core_schema__`: each one becomes, at
that moment, the pydantic.Field and validators it stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class Constraint:
    """pydantic.Field's options (strict, pattern, lengths, bounds, description), and a
    function to run before or after the type's own check."""

    __slots__ = ("after", "before", "input_type", "options")

    def __init__(
        self,
        *,
        after: Callable[[Any], Any] | None = None,
        before: Callable[[Any], Any] | None = None,
        input_type: Any = None,
        **options: Any,
    ) -> None:
        self.after = after
        self.before = before
        self.input_type = input_type  # what the JSON Schema says `before` accepts
        self.options = options

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import AfterValidator, BeforeValidator, Field

        metadata: list[Any] = [Field(**self.options)]
        if self.after is not None:
            metadata.append(AfterValidator(self.after))
        if self.before is not None:
            metadata.append(BeforeValidator(self.before, json_schema_input_type=self.input_type))
        # Through the handler, not generated afresh: the constraints before this one on the
        # same type (`Annotated[NonEmpty, about(...)]`) apply as well.
        return handler(Annotated[(source, *metadata)])


def about(description: str) -> Constraint:
    """A field's description in the JSON Schema, for editors that show it as you type."""
    return Constraint(description=description)

"""A sparkline in one line of text: ▁▂▃▄▅▆▇█, one block per reading.

Small enough for a table cell. Blocks are scaled from zero to the largest reading, not
from the smallest: a running total that grew by a tenth looks like it, rather than like a
jump from nothing. One reading can be picked out (the figure the row is about). A series
longer than the room for it is drawn a block per stretch of readings, the largest of each.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

BLOCKS = "▁▂▃▄▅▆▇█"
CELLS = 16  # blocks at most in a table cell: the indicator's name needs the room
LINE_CELLS = 40  # and in a line of its own


def resample(
    values: Sequence[float], width: int = CELLS, mark: int | None = None
) -> tuple[Sequence[float], int | None]:
    """At most `width` values, each the largest of its stretch of readings, and where the
    marked reading went. A line of thousands of readings would otherwise fill a table
    cell with its first few dozen (the marked one out of sight) or wrap over many lines."""
    count = len(values)
    if count <= width or width <= 0:
        return values, mark
    stretches = [(i * count // width, (i + 1) * count // width) for i in range(width)]
    resampled = [max(values[start:end]) for start, end in stretches]
    if mark is not None and 0 <= mark < count:
        mark = next(i for i, (start, end) in enumerate(stretches) if start <= mark < end)
    return resampled, mark


def spark(values: Sequence[float]) -> str:
    """ "▁▄▅█" for 1.3, 5.6, 7.8, 12.8; "" for no values."""
    if not values:
        return ""
    top = max(max(values), 0.0)
    bottom = min(min(values), 0.0)
    span = top - bottom
    if span <= 0:
        return BLOCKS[0] * len(values)
    last = len(BLOCKS) - 1
    return "".join(BLOCKS[max(0, min(last, round((v - bottom) / span * last)))] for v in values)


def spark_text(
    values: Sequence[float], *, mark: int | None = None, style: str = "", mark_style: str = ""
) -> Text:
    """The sparkline as a `Text`, the block at position `mark` in `mark_style`."""
    values, mark = resample(values, CELLS, mark)
    text = Text(spark(values), style=style, no_wrap=True, overflow="crop")
    if mark is not None and 0 <= mark < len(values):
        text.stylize(mark_style, mark, mark + 1)
    return text

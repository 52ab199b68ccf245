"""Reading a file a slice at a time gives exactly what parsing it whole gives.

Every file is loaded both ways (slices of a few tables, and whole) and the outcomes
compared: the same Timeline, or the same problems at the same places. The traps are
lines that look like `[[array]]` headers but are not.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import timeline.load
from benchmarks.generate import generate
from tests.samples import MINI
from timeline.l10n import Formatter
from timeline.l10n.problems import problem_text
from timeline.load import TimelineError, load, loads
from timeline.model import Timeline
from timeline.slices import split


def _outcome(data: bytes) -> Timeline | list[str]:
    try:
        return loads(data, "t.toml")
    except TimelineError as exc:
        return [problem_text(p, Formatter("en")) for p in exc.problems]


def both_ways(data: bytes, chunk: int = 3) -> tuple[Timeline | list[str], Timeline | list[str]]:
    """(in slices of `chunk` tables, whole)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timeline.load, "CHUNK", chunk)
        sliced = _outcome(data)
        patch.setattr(timeline.load, "split", lambda data, size: None)
        whole = _outcome(data)
    return sliced, whole


@pytest.fixture
def sliced_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many slices were parsed, to tell the sliced path from the fallback."""
    import timeline.slices

    calls: list[int] = []
    real = timeline.slices.Slices.tables

    def counting(self: timeline.slices.Slices) -> Iterator[tuple[str, list[object]]]:
        for item in real(self):
            calls.append(len(item[1]))
            yield item

    monkeypatch.setattr(timeline.slices.Slices, "tables", counting)
    yield calls


def test_a_generated_timeline_reads_the_same_in_slices(sliced_calls: list[int]) -> None:
    data = generate(30, 400).encode()
    sliced, whole = both_ways(data, chunk=7)
    assert isinstance(sliced, Timeline)
    assert sliced == whole
    assert len(sliced.observations) == 400
    slices = split(data, 7)
    assert slices is not None
    assert max(sliced_calls) == 7 and sum(sliced_calls) == slices.count


def test_the_small_sample_reads_the_same_in_slices(sliced_calls: list[int]) -> None:
    sliced, whole = both_ways(MINI.encode(), chunk=1)
    assert isinstance(sliced, Timeline) and sliced == whole
    assert sliced_calls and set(sliced_calls) == {1}


@pytest.mark.parametrize("quotes", ['"""', "'''"])
def test_a_header_line_inside_a_multiline_string_is_text(quotes: str) -> None:
    trap = f'quote = {quotes}hơn 1 triệu\n[[observations]]\nid = "fake"\n{quotes}\n'
    data = MINI.replace('quote = "hơn', 'notes = "x"\nquote = "hơn', 1)
    data = data.replace('notes = "x"\nquote = "hơn', trap + "#", 1)
    sliced, whole = both_ways(data.encode(), chunk=1)
    assert isinstance(sliced, Timeline), sliced
    assert sliced == whole
    assert any("[[observations]]\nid = " in o.quote for o in sliced.observations)
    assert all(o.id != "fake" for o in sliced.observations)


def test_interleaved_arrays_keep_their_order() -> None:
    """`[[observations]]`, then `[[sources]]`, then `[[observations]]` again."""
    source = MINI[: MINI.index("[[platforms]]")]
    figure = MINI[MINI.index("[[observations]]") :]
    more = source.replace('id = "', 'id = "second-', 1) + figure.replace('id = "', 'id = "b-', 1)
    data = (MINI + "\n" + more).encode()
    sliced, whole = both_ways(data, chunk=1)
    assert isinstance(sliced, Timeline) and sliced == whole
    assert [s.id for s in sliced.sources][-1].startswith("second-")
    assert [o.id for o in sliced.observations][-1].startswith("b-")


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("\n", "\r\n"),  # Windows line ends
        lambda t: t.replace("[[observations]]", "  [[ observations ]]  # a figure"),
        lambda t: t.replace("[[milestones]]", "[[milestones]]\t"),
    ],
)
def test_header_lines_as_people_write_them(change: object) -> None:
    data = change(MINI).encode()  # type: ignore[operator]
    sliced, whole = both_ways(data, chunk=1)
    assert isinstance(sliced, Timeline) and sliced == whole


@pytest.mark.parametrize(
    "broken",
    [
        # An inline array and then tables of the same array: TOML forbids it.
        lambda t: "observations = []\n" + t,
        # A table after the arrays, defined twice.
        lambda t: t + "\n[extra]\na = 1\n[extra]\nb = 2\n",
        # An array header inside a multi-line array.
        lambda t: t.replace("[[indicators]]", "x = [\n[[indicators]]\n]\n[[indicators]]", 1),
        # A syntax error in a later slice, and one in the file's head.
        lambda t: t + "\n[[observations]]\nid = \n",
        lambda t: "title = \n" + t,
        # Not UTF-8 in a later slice.
        lambda t: t + '\n[[observations]]\nid = "\udcff"\n',
    ],
)
def test_broken_files_are_reported_alike(broken: object) -> None:
    data = broken(MINI).encode("utf-8", "surrogateescape")  # type: ignore[operator]
    sliced, whole = both_ways(data, chunk=1)
    assert isinstance(whole, list), whole
    assert sliced == whole


def test_schema_errors_in_slices_keep_their_index_and_line() -> None:
    data = generate(10, 60).replace('id = "o-41"', 'id = "O 41"').encode()
    sliced, whole = both_ways(data, chunk=4)
    assert isinstance(sliced, list) and sliced == whole
    assert any("observations[41].id" in problem for problem in sliced)


def test_slices_hold_less_memory_than_the_whole_parse(tmp_path: Path) -> None:
    """The point of slicing: the parsed tables are never all held at once."""
    path = tmp_path / "t.toml"
    path.write_text(generate(50, 3000), encoding="utf-8")

    def transient(whole: bool) -> int:
        """Memory allocated during the load beyond what its result keeps."""
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(timeline.load, "CHUNK", 200)
            if whole:
                patch.setattr(timeline.load, "split", lambda data, size: None)
            tracemalloc.start()
            try:
                kept = load(path)
                current, peak = tracemalloc.get_traced_memory()
                assert len(kept.observations) == 3000
                return peak - current
            finally:
                tracemalloc.stop()

    # What remains is mostly the file's bytes, held until the last slice is read.
    assert transient(whole=False) < 0.6 * transient(whole=True)

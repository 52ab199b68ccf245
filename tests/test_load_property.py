"""Property tests: arbitrary bytes and mutated copies of the bundled file never escape as
anything but a Timeline or a TimelineError."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_slices import both_ways
from timeline.l10n import Formatter
from timeline.l10n.problems import problem_text
from timeline.load import TimelineError, bundled_path, loads
from timeline.model import Timeline

BUNDLED = bundled_path().read_bytes()


def _load_or_error(data: bytes) -> None:
    try:
        result = loads(data, "fuzz.toml")
    except TimelineError as exc:
        assert exc.problems
        english = Formatter("en")
        assert all(problem_text(p, english).startswith("fuzz.toml") for p in exc.problems)
    else:
        assert isinstance(result, Timeline)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    _load_or_error(data)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=500))
def test_arbitrary_text(text: str) -> None:
    _load_or_error(text.encode("utf-8", "surrogatepass"))


def _mutate(seed: int, edits: int) -> bytes:
    """Copy the bundled file with a few bytes deleted, duplicated, flipped or inserted."""
    rng = random.Random(seed)
    data = bytearray(BUNDLED)
    for _ in range(edits):
        at = rng.randrange(len(data))
        action = rng.randrange(4)
        if action == 0:
            del data[at : at + rng.randint(1, 40)]
        elif action == 1:
            data[at:at] = data[at : at + rng.randint(1, 40)]
        elif action == 2:
            data[at] = rng.randrange(256)
        else:
            data[at:at] = rng.choice(
                [
                    *(b"=", b"[", b"]]", b'"', b"\n", b"-1", b"nan", b"\x00", b"\xff"),
                    # lines that read like headers, and strings that may swallow them
                    *(b"\n[[observations]]\n", b"\n[[milestones]]", b'"""', b"\n'''"),
                ]
            )
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=8))
def test_mutated_bundled_file(seed: int, edits: int) -> None:
    _load_or_error(_mutate(seed, edits))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32))
def test_mutated_lines_are_reported_with_their_place(seed: int) -> None:
    """Swap two whole lines: the result loads, or every problem says where it is."""
    rng = random.Random(seed)
    lines = BUNDLED.split(b"\n")
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    _load_or_error(b"\n".join(lines))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=1, max_value=8))
def test_mutated_files_read_alike_in_slices_and_whole(seed: int, edits: int) -> None:
    """Header lines that are not headers (in strings, in arrays, misplaced) included."""
    sliced, whole = both_ways(_mutate(seed, edits), chunk=2)
    assert sliced == whole

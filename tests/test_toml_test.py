"""The public toml-test suite: every document, valid TOML or not, is refused cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.l10n import Formatter
from timeline.l10n.problems import problem_text
from timeline.load import TimelineError, loads

SUITE = Path(__file__).parent / "toml-test"
DOCUMENTS = sorted(SUITE.rglob("*.toml"))


def test_the_suite_is_there() -> None:
    assert len(DOCUMENTS) > 700
    assert any("/valid/" in str(p) for p in DOCUMENTS)
    assert any("/invalid/" in str(p) for p in DOCUMENTS)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(SUITE)))
def test_document_ends_in_a_timeline_error(path: Path) -> None:
    name = str(path.relative_to(SUITE))
    with pytest.raises(TimelineError) as caught:
        loads(path.read_bytes(), name)
    assert caught.value.problems
    for problem in (problem_text(p, Formatter("en")) for p in caught.value.problems):
        assert problem.startswith(name + ":"), problem
        assert "Traceback" not in problem

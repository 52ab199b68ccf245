"""Search folds case and diacritics (đ = d), matches every word, and finds acronyms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.samples import MINI
from timeline.load import loads
from timeline.search import SearchIndex, fold, spans, terms


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cổng Dịch vụ công quốc gia", "cong dich vu cong quoc gia"),
        ("ĐƯỜNG đi", "duong di"),
        ("Trục liên thông", "truc lien thong"),
        ("e-Cabinet", "e-cabinet"),
        ("Ưu tiên ở mức độ 3", "uu tien o muc do 3"),
        ("Cô\u0309ng", "cong"),  # decomposed input folds the same
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_terms_split_and_fold() -> None:
    assert terms("  Dịch  VỤ ") == ("dich", "vu")
    assert terms("   ") == ()


def test_spans_point_into_the_original_text() -> None:
    text = "Cổng Dịch vụ công quốc gia"
    found = spans(text, "dich cong")
    assert [text[a:b] for a, b in found] == ["Cổng", "Dịch", "công"]
    assert spans(text, "") == []
    assert spans("Đà Nẵng", "da nang") == [(0, 2), (3, 7)]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(loads(MINI))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dich vu cong", ["portal-launch", "portal-report"]),  # the platform name counts
        ("DỊCH VỤ CÔNG khai", ["portal-launch"]),
        ("dvcqg", ["portal-launch", "portal-report"]),  # the platform's acronym
        ("portal", ["portal-launch", "portal-report"]),
        ("registered accounts", ["portal-report"]),  # an indicator name of a figure
        ("1,2 trieu tai khoan", ["portal-report"]),  # a figure's quote
        ("launched opens", ["portal-launch"]),  # every word, in any field
        ("launched figures", []),
        ("", ["portal-launch", "portal-report"]),
    ],
)
def test_find(index: SearchIndex, query: str, expected: list[str]) -> None:
    events = index.timeline.events
    assert [events[i].id for i in index.find(query)] == expected


def test_find_among_keeps_a_filter(index: SearchIndex) -> None:
    assert index.find("portal", among=[1]) == [1]
    assert index.find("portal", among=[]) == []


@given(st.text(max_size=200))
def test_fold_is_folding_each_character(text: str) -> None:
    """`spans` maps folded offsets back character by character; fold must agree with it."""
    assert fold(text) == "".join(fold(ch) for ch in text)


@given(
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặ ĐÂ", max_size=60),
    st.text(alphabet="adeou ", min_size=1, max_size=5),
)
def test_spans_cover_text_whose_fold_contains_the_word(text: str, word: str) -> None:
    for start, end in spans(text, word):
        assert 0 <= start < end <= len(text)
        assert any(w in fold(text[start:end]) for w in terms(word))

"""Search folds case and diacritics (đ = d), matches every word, and finds acronyms."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import big_timeline
from tests.samples import MINI
from timeline import search
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


def test_spans_map_back_through_text_that_folds_to_more_or_fewer_characters() -> None:
    decomposed = unicodedata.normalize("NFD", "Dịch vụ công")  # accents as separate marks
    assert [decomposed[a:b] for a, b in spans(decomposed, "dich cong")] == [
        unicodedata.normalize("NFD", "Dịch"),
        unicodedata.normalize("NFD", "công"),
    ]
    ligature = "Bộ Tài chính ﬁnance"  # "ﬁ" folds to two letters
    assert [ligature[a:b] for a, b in spans(ligature, "finance")] == ["ﬁnance"]
    assert spans("ĐÀ NẴNG", "da nang") == [(0, 2), (3, 7)]  # upper case folds too


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


def test_find_among_looks_again_only_at_new_words(index: SearchIndex) -> None:
    everything = range(len(index.timeline.events))
    # Typing on: the rows of "registered" all contain it, so only "accounts" is looked for.
    registered = index.find("registered")
    assert index.find("registered accounts", among=registered, known=terms("registered")) == (
        index.find("registered accounts")
    )
    # The caller vouches for the known words: they are not checked again.
    assert index.find("registered", among=everything, known=("registered",)) == list(everything)
    assert index.find("registered", among=everything) == registered


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


@pytest.fixture(scope="module")
def numbered() -> Iterator[SearchIndex]:
    """Texts joined 7 events to a piece, so that events sit on every side of a boundary."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PIECE", 7)
        index = SearchIndex(big_timeline(300))
    assert len(index._pieces) == 43
    yield index


def _plain_find(index: SearchIndex, query: str) -> list[int]:
    """The definition: events whose folded text holds every word of the query."""
    texts = [index.text(i) for i in range(len(index.timeline.events))]
    return [i for i, text in enumerate(texts) if all(w in text for w in terms(query))]


@given(
    st.lists(
        st.sampled_from(["1", "12", "123", "29", "so", "su kien", "event", "number 2", "vu"])
        | st.text(alphabet="0123456789 aeimnoprstuvb", max_size=6),
        min_size=1,
        max_size=3,
    )
)
def test_find_agrees_with_a_plain_scan(numbered: SearchIndex, parts: list[str]) -> None:
    """Rare words (from the word index) and common ones (scanned for) alike."""
    query = " ".join(parts)
    assert numbered.find(query) == _plain_find(numbered, query)
    # Typing on from a shorter query narrows its rows to the same answer.
    shorter = " ".join(parts[:-1])
    rows = numbered.find(shorter)
    assert numbered.find(query, among=rows, known=terms(shorter)) == _plain_find(numbered, query)


def test_common_words_are_scanned_and_rare_ones_looked_up(numbered: SearchIndex) -> None:
    assert numbered._holders("e") is None  # in every event, in many words: scanned for
    assert numbered.find("e") == list(range(300))  # through every piece, to its last event
    assert numbered.find("e 1") == _plain_find(numbered, "e 1")
    assert numbered._holders("123") == {123}
    assert numbered._holders("zzz") == set()

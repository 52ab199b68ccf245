"""Sources by label, and citations of figures and events as text, Markdown and CSL-JSON."""

from __future__ import annotations

import json

import pytest

from timeline.citation import (
    UnknownId,
    as_csl_json,
    as_markdown,
    as_text,
    cite,
    find,
    shorten,
    source_label,
)
from timeline.l10n import Formatter
from timeline.load import bundled_path, load
from timeline.model import Timeline


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load(bundled_path())


def test_a_named_outlet_labels_its_article_with_the_date(bundled: Timeline) -> None:
    assert source_label(bundled.source["src-004"], "vi") == "XHTT, 17/7/2021"
    assert source_label(bundled.source["src-004"], "en") == "XHTT, 17 Jul 2021"


def test_a_day_without_its_year_marks_the_year_supplied(bundled: Timeline) -> None:
    # "Sáng nay - 27/2": the day is the article's, the year 2020 is inferred.
    assert source_label(bundled.source["src-001"], "vi") == "Pháp luật Việt Nam (PLVN), 27/2/[2020]"
    assert (
        source_label(bundled.source["src-001"], "en") == "Pháp luật Việt Nam (PLVN), 27 Feb [2020]"
    )


def test_an_undated_article_says_so_in_each_language(bundled: Timeline) -> None:
    assert source_label(bundled.source["src-003"], "vi") == "Kinh tế & Đô thị, không rõ ngày"
    assert source_label(bundled.source["src-003"], "en") == "Kinh tế & Đô thị, undated"


def test_without_an_outlet_the_headline_shortened_names_the_article(bundled: Timeline) -> None:
    label = source_label(bundled.source["src-002"], "en")
    assert label == "“Cơ quan nhà nước đã gửi, nhận hơn 12,8 triệu…”, Jul 2022"
    # A title in brackets (no headline in the text) is shown without them.
    assert source_label(bundled.source["src-000"], "vi").startswith(
        "“Số liệu của Văn phòng Chính phủ đến 23/11/2021"
    )


def test_every_bundled_source_has_a_distinct_label(bundled: Timeline) -> None:
    labels = {source_label(s, "vi") for s in bundled.sources}
    assert len(labels) == len(bundled.sources)
    assert not any("src-" in label for label in labels)


def test_shorten_cuts_at_a_word_and_marks_the_cut() -> None:
    assert shorten("short one") == "short one"
    cut = shorten("một hai ba bốn năm sáu bảy tám chín mười", limit=20)
    assert cut == "một hai ba bốn năm…" and len(cut) <= 20


def test_a_figure_cited_as_text(bundled: Timeline) -> None:
    obs = bundled.observation["portal-accounts-2022-h1"]
    text = as_text(cite(bundled, obs, Formatter("vi")))
    assert text.splitlines() == [
        "Tài khoản đăng ký: hơn 167.000",
        "Cổng Dịch vụ công quốc gia · 6 tháng đầu năm 2022",
        f"“{obs.quote}”",
        "Nguồn: “Cơ quan nhà nước đã gửi, nhận hơn 12,8 triệu…”, 7/2022",
    ]
    english = as_text(cite(bundled, obs, Formatter("en", full=True)))
    assert english.startswith("Registered accounts: over 167,000\nNational Public Service Portal")
    assert "Source: " in english and "H1 2022" in english


def test_a_growth_figure_keeps_its_baseline(bundled: Timeline) -> None:
    growth = next(o for o in bundled.observations if o.compared_with is not None)
    text = as_text(cite(bundled, growth, Formatter("en")))
    assert growth.compared_with is not None
    assert f"vs {growth.compared_with.label.en}" in text.splitlines()[0]


def test_an_event_cited_names_each_of_its_sources(bundled: Timeline) -> None:
    event = bundled.milestone["launch-portal"]
    text = as_text(cite(bundled, event, Formatter("en")))
    lines = text.splitlines()
    assert lines[0] == event.title.en
    assert lines[1] == "National Public Service Portal · 9 Dec 2019"
    assert sum(line.startswith("Source: ") for line in lines) == len(event.sources)
    assert "Kinh tế & Đô thị, undated — “Hiệu quả từ Cổng dịch vụ công quốc gia”" in text


def test_markdown_puts_the_quote_in_a_block_quote(bundled: Timeline) -> None:
    obs = bundled.observation["portal-accounts-2022-h1"]
    md = as_markdown(cite(bundled, obs, Formatter("en")))
    assert md.startswith("**Registered accounts: over 167,000** (")
    assert f"\n\n> {obs.quote}\n\n" in md
    assert "*“Cơ quan nhà nước đã gửi, nhận hơn 12,8 triệu…”, Jul 2022*" in md


def test_markdown_shows_data_literally(hostile: Timeline) -> None:
    md = as_markdown(cite(hostile, hostile.milestone["markup"], Formatter("en")))
    assert "**\\[@click=app.quit\\]Click here\\[/\\]**" in md
    assert "*\\[b\\]Bold Outlet\\[/b\\]" in md  # the outlet in italics, its brackets not links
    plain = cite(hostile, hostile.milestone["markup"], Formatter("en"))
    assert as_markdown(plain).count("**") == 2  # the bold is ours alone


def test_csl_json_is_a_newspaper_article_with_the_quote_as_note(bundled: Timeline) -> None:
    obs = bundled.observation["national-online-services-share-2021-06-20"]
    [item] = json.loads(as_csl_json(bundled, obs))
    assert item == {
        "id": obs.id,
        "type": "article-newspaper",
        "title": "Hơn 81 tỷ đồng thanh toán trực tuyến trên Cổng dịch vụ công quốc gia",
        "container-title": "XHTT",
        "issued": {"date-parts": [[2021, 7, 17]]},
        "language": "vi",
        "note": obs.quote,
    }


def test_csl_dates_carry_only_what_is_known(bundled: Timeline) -> None:
    [month] = json.loads(as_csl_json(bundled, bundled.observation["portal-accounts-2022-h1"]))
    assert month["issued"] == {"date-parts": [[2022, 7]]}
    assert "container-title" not in month  # the article names no outlet
    assert month["author"] == [{"literal": "Vân Anh"}]
    [estimate] = json.loads(as_csl_json(bundled, bundled.milestone["workshop-2020-02-27"]))
    assert estimate["issued"] == {"date-parts": [[2020, 2, 27]], "circa": True}
    undated = json.loads(as_csl_json(bundled, bundled.milestone["launch-portal"]))
    assert len(undated) == 4 and all(i["id"].startswith("launch-portal-src-") for i in undated)
    assert "issued" not in next(
        i for i in undated if i.get("container-title") == "Kinh tế & Đô thị"
    )


def test_an_unknown_id_names_the_nearest(bundled: Timeline) -> None:
    with pytest.raises(UnknownId) as raised:
        find(bundled, "portal-acounts-2022-h1")
    assert raised.value.nearest[0] == "portal-accounts-2022-h1"
    with pytest.raises(UnknownId) as anything:
        find(bundled, "zzz")
    assert len(anything.value.nearest) == 3

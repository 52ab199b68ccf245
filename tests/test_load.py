"""Every class of bad input ends in one TimelineError naming its place; good input loads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import FrozenInstanceError, replace
from pathlib import Path
from typing import Any

import pytest

from tests.samples import MINI
from timeline.l10n import Formatter
from timeline.l10n.problems import problem_text
from timeline.load import TimelineError, bundled_path, load, loads


def problems(data: str | bytes, name: str = "t.toml") -> list[str]:
    with pytest.raises(TimelineError) as caught:
        loads(data, name)
    assert caught.value.problems, "a TimelineError must list at least one problem"
    return [problem_text(p, Formatter("en")) for p in caught.value.problems]


def test_mini_loads_and_is_immutable() -> None:
    t = loads(MINI)
    assert [m.id for m in t.events] == ["portal-launch", "portal-report"]
    assert t.family("reporting") == {"reporting", "command-centre"}
    assert [o.id for o in t.figures_for(t.milestone["portal-report"])] == ["portal-accounts-2021"]
    with pytest.raises(FrozenInstanceError):
        t.observations[0].value = 3  # type: ignore[misc]


def test_syntax_error_has_line_and_column() -> None:
    [line] = problems(MINI + "\nbroken = = 1\n")
    assert line.startswith(f"t.toml:{MINI.count(chr(10)) + 2}:")
    assert line.split(":")[2].isdigit()


def test_schema_error_names_key_path_line_and_value() -> None:
    text = MINI.replace("as_of = 2021-11-23", 'as_of = "23/11/2021"')
    [line] = problems(text)
    expected_line = text.splitlines().index('as_of = "23/11/2021"') + 1
    assert line == (
        f"t.toml:{expected_line}: observations[0].as_of: "
        "expected a TOML date such as 2021-11-23 (got '23/11/2021')"
    )


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = MINI.replace('unit = "count"', 'unit = "counts"').replace(
        "value = 1_200_000", 'value = "1,2 triệu"'
    )
    found = problems(text)
    assert len(found) == 2
    assert any("indicators[0].unit: expected one of" in p for p in found)
    assert any("observations[0].value: expected a number (got '1,2 triệu')" in p for p in found)


def test_misspelt_key_suggests_the_right_one() -> None:
    [line] = problems(MINI.replace("qualifier =", "qualifer ="))
    assert "observations[0].qualifer: unknown key; did you mean 'qualifier'?" in line


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'platform = "portal"\nindicator',
            'platform = "portl"\nindicator',
            "unknown platform 'portl'; did you mean 'portal'?",
        ),
        ('indicator = "accounts"', 'indicator = "acounts"', "unknown indicator 'acounts'"),
        ('source = "src-a"', 'source = "src-b"', "unknown source 'src-b'"),
        (
            'sources = ["src-a"]\n\n[[indicators]]',
            'sources = ["nowhere"]\n\n[[indicators]]',
            "unknown source 'nowhere'",
        ),
        ('part_of = "reporting"', 'part_of = "nowhere"', "unknown platform 'nowhere'"),
        (
            'id = "portal-report"',
            'id = "portal-launch"',
            "duplicate id 'portal-launch' (first at milestones[0])",
        ),
    ],
)
def test_cross_references(old: str, new: str, expected: str) -> None:
    assert old in MINI
    found = problems(MINI.replace(old, new, 1))
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("nan", "must be a finite number"),
        ("inf", "must be a finite number"),
        ("-inf", "must be a finite number"),
        ("-5", "cannot be negative"),
        ("true", "expected a number"),
        ("[1, 2]", "expected a number"),
    ],
)
def test_impossible_values(value: str, expected: str) -> None:
    found = problems(MINI.replace("value = 1_200_000", f"value = {value}"))
    assert any(expected in p for p in found), found


def test_part_of_whole_needs_a_total_at_least_the_part() -> None:
    text = MINI.replace('unit = "count"', 'unit = "part_of_whole"').replace(
        "value = 1_200_000", "value = 15\ntotal = 10"
    )
    assert any("total: the whole must be positive" in p for p in problems(text))


def test_datetime_is_not_a_date() -> None:
    found = problems(MINI.replace("as_of = 2021-11-23", "as_of = 2021-11-23T10:00:00"))
    assert any("as_of: expected a TOML date" in p for p in found)


def test_estimate_needs_a_reason() -> None:
    found = problems(
        MINI.replace("as_of = 2021-11-23", 'as_of = 2021-11-23\nas_of_precision = "estimate"')
    )
    assert any("an inferred 'as_of' needs 'as_of_note'" in p for p in found)


def test_a_day_without_its_year_needs_a_reason() -> None:
    text = MINI.replace(
        "published = 2021-11-23", 'published = 2021-11-23\npublished_precision = "day_month"'
    )
    found = problems(text)
    assert any("an inferred 'published' needs 'published_note'" in p for p in found)
    noted = text.replace(
        'published_precision = "day_month"',
        'published_precision = "day_month"\npublished_note = "the year is inferred"',
    )
    assert loads(noted).source["src-a"].published_precision == "day_month"


def test_a_source_url_is_an_http_address() -> None:
    with_url = MINI.replace(
        'outlet = "Báo A"', 'outlet = "Báo A"\nurl = "https://bao-a.vn/bai-a.html"'
    )
    assert loads(with_url).source["src-a"].url == "https://bao-a.vn/bai-a.html"
    assert loads(MINI).source["src-a"].url is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://bao-a.vn/a", "expected an http(s) address"),
        ("bao-a.vn/a", "expected an http(s) address"),
        ("https://", "expected an http(s) address"),
        ("https://bao-a.vn/a b", "may not contain spaces or control characters"),
        ("https://bao-a.vn/\\u001b[31m", "may not contain spaces or control characters"),
    ],
)
def test_a_bad_source_url_is_one_line_with_its_place(url: str, message: str) -> None:
    text = MINI.replace('outlet = "Báo A"', f'outlet = "Báo A"\nurl = "{url}"')
    [line] = problems(text)
    expected_line = text.splitlines().index(f'url = "{url}"') + 1
    assert line.startswith(f"t.toml:{expected_line}: sources[0].url: ")
    assert message in line and "\n" not in line and "\x1b" not in line


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n# only a comment\n", "not a timeline"),
        (b"# comment\ntitle = 'x'\n", "not a timeline"),
        (b"\xef\xbb\xbf" + MINI.encode(), ":1:1: the file starts with a byte-order mark"),
        (b"\xff\xfe" + MINI.encode("utf-16-le"), ":1:1: the file is UTF-16"),
        (MINI.encode().replace("Báo A".encode(), b"B\xe1o A"), "not valid UTF-8"),
        (MINI.encode().replace('"Báo A"'.encode(), b'"B\x00"'), "NUL byte"),
        (b"a = " + b"[" * 100_000 + b"]" * 100_000, "t.toml"),
        (b"sources = " + b"[" * 100_000 + b"]" * 100_000, "t.toml"),
        (b"[[sources]]\n" + b"x = {y = " * 3000 + b"1" + b"}" * 3000, "t.toml"),
    ],
)
def test_hostile_bytes(data: bytes, expected: str) -> None:
    found = problems(data)
    assert any(expected in p for p in found), found
    assert all(p.startswith("t.toml") for p in found)


def test_invalid_utf8_place() -> None:
    data = b'[[sources]]\nid = "a"\ntitle = "ok \xc3\x28"\n'
    assert problems(data) == ["t.toml:3:13: not valid UTF-8 (byte c3); TOML files are UTF-8"]


def test_files_that_are_not_files(tmp_path: Path) -> None:
    for target, expected in [
        (tmp_path, "is a directory"),
        (tmp_path / "missing.toml", "no such file"),
    ]:
        with pytest.raises(TimelineError, match=expected):
            load(target)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests often run as root, who can read any file, so the refusal is simulated.
    path = tmp_path / "secret.toml"
    path.write_text(MINI)

    real_open = os.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(TimelineError, match="permission denied"):
        load(path)


def test_bundled_file_loads() -> None:
    t = load(bundled_path())
    assert t.platform["portal"].launched == dt.date(2019, 12, 9)


def test_a_figure_label_names_the_part() -> None:
    t = loads(
        MINI.replace(
            'indicator = "accounts"',
            'indicator = "accounts"\nlabel = { vi = "cá nhân", en = "personal" }',
        )
    )
    obs = t.observations[0]
    assert t.figure_name(obs, "vi") == "Tài khoản đăng ký (cá nhân)"
    assert t.figure_name(obs, "en") == "Registered accounts (personal)"
    assert loads(MINI).figure_name(obs, "en") == "Registered accounts (personal)"
    assert loads(MINI).figure_name(loads(MINI).observations[0], "en") == "Registered accounts"


def test_a_plain_string_note_is_shown_in_both_languages() -> None:
    t = loads(MINI.replace('quote = "hơn', 'notes = "Ghi chú"\nquote = "hơn'))
    note = t.observations[0].notes
    assert note is not None and (note.vi, note.en) == ("Ghi chú", "Ghi chú")


def _many_observations(n: int) -> str:
    """MINI with n observations, so that validation runs over several chunks."""
    block = MINI[MINI.index("[[observations]]") :].split("\n\n[[", 1)[0]
    extra = "\n\n".join(
        block.replace('id = "portal-accounts-2021"', f'id = "obs-{i}"') for i in range(n)
    )
    return MINI + "\n\n" + extra + "\n"


def test_an_error_deep_in_a_large_array_names_its_own_index_and_line() -> None:
    from timeline.load import CHUNK

    count = CHUNK * 2 + 10  # the broken figure sits in the third chunk
    text = _many_observations(count)
    lines = text.splitlines()
    broken_id = f'id = "obs-{CHUNK * 2 + 3}"'
    where = lines.index(broken_id)
    as_of = next(i for i in range(where, len(lines)) if lines[i].startswith("as_of ="))
    lines[as_of] = 'as_of = "23/11/2021"'
    [line] = problems("\n".join(lines) + "\n")
    # observations[0] is MINI's own; obs-k is observations[k + 1].
    assert line == (
        f"t.toml:{as_of + 1}: observations[{CHUNK * 2 + 4}].as_of: "
        "expected a TOML date such as 2021-11-23 (got '23/11/2021')"
    )


def test_errors_in_several_chunks_and_arrays_are_all_reported() -> None:
    from timeline.load import CHUNK

    text = _many_observations(CHUNK + 5)
    text = text.replace('id = "obs-3"', 'id = "OBS 3"').replace(
        f'id = "obs-{CHUNK + 2}"', f'id = "Obs {CHUNK + 2}"'
    )
    text = text.replace('unit = "count"', 'unit = "counts"')
    found = problems(text)
    assert [p.split(": ")[1] for p in found] == [
        "indicators[0].unit",
        "observations[4].id",
        f"observations[{CHUNK + 3}].id",
    ]


def test_an_array_that_is_not_an_array_and_an_unknown_top_level_key() -> None:
    found = problems("observationz = 1\n" + MINI)
    assert any("observationz: unknown key; did you mean 'observations'?" in p for p in found)
    rest = MINI[MINI.index("[[platforms]]") :].replace("value = 1_200_000", 'value = "x"')
    found = problems('sources = "none"\n' + rest)
    # The arrays after the broken one are still checked.
    assert [p.split(": ", 2)[1:] for p in found] == [
        ["sources", "expected an array (got 'none')"],
        ["observations[0].value", "expected a number (got 'x')"],
    ]


def test_a_large_timeline_shares_its_repeated_values() -> None:
    t = loads(_many_observations(50))
    observations = t.observations
    assert len(observations) == 51
    # One copy of each id and date, however many figures repeat it.
    assert len({id(o.source) for o in observations}) == 1
    assert len({id(o.as_of) for o in observations}) == 1
    # Sharing changes nothing anyone can see.
    first, last = observations[0], observations[-1]
    assert replace(first, id=last.id) == last
    with pytest.raises(FrozenInstanceError):
        last.source = "other"  # type: ignore[misc]
    assert first.source == "src-a"


def test_load_and_loads_agree_and_load_places_reference_errors(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text(MINI, encoding="utf-8")
    assert load(path) == loads(MINI)
    broken = MINI.replace('source = "src-a"', 'source = "src-b"')
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(TimelineError) as caught:
        load(path)
    line = broken.splitlines().index('source = "src-b"') + 1
    assert str(caught.value).splitlines() == [
        f"{path}:{line}: observations[0].source: unknown source 'src-b'; did you mean 'src-a'?"
    ]


def test_the_shared_fields_are_fields_of_their_models() -> None:
    import timeline.model as model
    from timeline.interning import NESTED, REPEATING

    for table in (REPEATING, NESTED):
        for name, fields in table.items():
            cls = getattr(model, name)
            assert set(fields) <= {field.name for field in dataclasses.fields(cls)}, (name, fields)

"""Findings and problems are facts; their words are chosen when shown, in any language.

A data note follows the language and the figure mode it is shown in; a file's problems
are printed in the user's language with their places unchanged; and a language added
with a catalog and number rules alone speaks both, with nothing changed in the checks.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from tests.samples import MINI
from tests.test_checks import timeline_with
from timeline import l10n
from timeline.checks import Warning
from timeline.l10n import RULES, Formatter, _, current_language, set_language, translations
from timeline.l10n.findings import WORDS as FINDING_WORDS
from timeline.l10n.findings import describe
from timeline.l10n.problems import WORDS as PROBLEM_WORDS
from timeline.l10n.problems import problem_text
from timeline.load import TimelineError, loads
from timeline.model import Text, Timeline
from timeline.problems import Place, Problem, ProblemKind
from timeline.toml_errors import toml_problem

ROOT = Path(__file__).resolve().parents[1]
NOV_23, JUN_30 = dt.date(2021, 11, 23), dt.date(2022, 6, 30)
EN, VI, EN_FULL, VI_FULL = (Formatter(lang, full=f) for f in (False, True) for lang in ("en", "vi"))


def findings() -> Timeline:
    """One finding of every kind a check makes."""
    return loads(
        timeline_with(
            ("later", 900_000, "cumulative", "2022-06-30", ""),
            ("same-day", 1_000_000, "cumulative", "2021-11-23", ""),
            ("part", 1_696, "level", "2021-11-23", 'part_of = "portal-accounts-2021"'),
            ("early", 5, "level", "2019-01-01", ""),
        )
        + MINI[MINI.index("[[observations]]") :]
        .replace('id = "portal-accounts-2021"', 'id = "lost"')
        .replace("as_of = 2021-11-23", "as_of = 2020-01-01")
    )


def by_code(t: Timeline) -> dict[str, Warning]:
    return {w.code: w for w in t.warnings}


# ------------------------------------------------------------------------------ findings


def test_every_kind_of_finding_is_made_and_has_words() -> None:
    found = by_code(findings())
    assert set(found) == set(FINDING_WORDS)
    for finding in found.values():
        assert finding.text is None and finding.figures
        for fmt in (EN, VI, EN_FULL, VI_FULL):
            said = describe(finding, fmt)
            assert said and "{" not in said and finding.code not in said


def test_a_finding_follows_the_figure_mode() -> None:
    found = by_code(findings())
    fall = found["cumulative-decrease"]
    assert describe(fall, EN) == (
        "Portal: Registered accounts: the running total falls from 1 million (23 Nov 2021) "
        "to 900,000 (30 Jun 2022)."
    )
    assert describe(fall, EN_FULL) == (
        "Portal: Registered accounts: the running total falls from 1,000,000 (23 Nov 2021) "
        "to 900,000 (30 Jun 2022)."
    )
    assert describe(fall, VI) == (
        "Cổng DVCQG: Tài khoản đăng ký: số lũy kế giảm từ 1 triệu (23/11/2021) "
        "xuống 900.000 (30/6/2022)."
    )
    assert describe(fall, VI_FULL) == (
        "Cổng DVCQG: Tài khoản đăng ký: số lũy kế giảm từ 1.000.000 (23/11/2021) "
        "xuống 900.000 (30/6/2022)."
    )
    parts = found["parts-sum"]
    assert describe(parts, VI) == (
        "Cổng DVCQG: Tài khoản đăng ký: 1.696 không cộng lại bằng hơn 1,2 triệu."
    )
    assert describe(parts, EN_FULL).endswith("the parts 1,696 do not add up to over 1,200,000.")


def test_findings_in_both_languages() -> None:
    found = by_code(findings())
    assert describe(found["cumulative-disagree"], VI) == (
        "Cổng DVCQG: Tài khoản đăng ký: hai con số khác nhau cho cùng ngày 23/11/2021: "
        "hơn 1,2 triệu và 1 triệu."
    )
    assert describe(found["before-launch"], EN) == (
        "Portal: Registered accounts: a figure dated 1 Jan 2019 comes before the launch "
        "on 9 Dec 2019."
    )
    assert describe(found["unreachable"], VI) == (
        "lost: không mốc nào dẫn tới số liệu này (cần một mốc cùng nguồn, cùng ngày 1/1/2020)."
    )


def test_a_curated_note_keeps_its_own_words_in_every_mode() -> None:
    note = Warning(code="note:typo", text=Text(vi="Lỗi gõ.", en="A typo."), note="n")
    assert [describe(note, f) for f in (VI, VI_FULL, EN, EN_FULL)] == [
        "Lỗi gõ.",
        "Lỗi gõ.",
        "A typo.",
        "A typo.",
    ]


def test_a_finding_of_a_kind_without_words_shows_its_kind() -> None:
    finding = dataclasses.replace(by_code(findings())["unreachable"], code="from-the-future")
    assert describe(finding, VI) == "from-the-future"


# ------------------------------------------------------------------------------ problems


def problems(text: str) -> list[Problem]:
    with pytest.raises(TimelineError) as caught:
        loads(text, "t.toml")
    return caught.value.problems


def test_every_kind_of_problem_has_words() -> None:
    assert set(PROBLEM_WORDS) == set(typing.get_args(ProblemKind))


def test_a_problem_is_placed_and_worded_when_printed() -> None:
    [misspelt] = problems(MINI.replace("qualifier =", "qualifer ="))
    assert misspelt.kind == "schema-unknown-key" and misspelt.suggestion == "qualifier"
    line = MINI.splitlines().index('qualifier = "more_than"') + 1
    assert misspelt.place == Place("t.toml", line, key=("observations", 0, "qualifer"))
    assert problem_text(misspelt, EN) == (
        f"t.toml:{line}: observations[0].qualifer: unknown key; did you mean 'qualifier'?"
    )
    assert problem_text(misspelt, VI) == (
        f"t.toml:{line}: observations[0].qualifer: khóa không xác định; "
        "có phải ý bạn là 'qualifier'?"
    )


@pytest.mark.parametrize(
    ("broken", "en", "vi"),
    [
        ("\nbroken = = 1\n", "invalid value", "giá trị không hợp lệ"),
        ("\n[[sources]\n", "expected ']]' at the end of an array declaration", "thiếu ']]'"),
        ('\nx = """open\n', "unterminated string", "chuỗi chưa được đóng"),
        ("\nx = [1, 2\n", "unclosed array", "mảng chưa được đóng"),
        ("\nx = 1\nx = 2\n", "cannot overwrite a value", "không thể ghi đè"),
    ],
)
def test_toml_syntax_errors_keep_line_and_column_in_every_language(
    broken: str, en: str, vi: str
) -> None:
    [problem] = problems(MINI + broken)
    said_en, said_vi = problem_text(problem, EN), problem_text(problem, VI)
    place = f"t.toml:{problem.place.line}:{problem.place.column}: "
    assert problem.place.line and problem.place.column
    assert said_en.startswith(place) and said_vi.startswith(place)
    assert en in said_en and vi in said_vi


def test_every_message_tomli_can_give_is_recognised() -> None:
    """tomli's own source lists what it can say; each must map to a kind of ours."""
    source = Path(tomli.__file__).with_name("_parser.py").read_text(encoding="utf-8")
    said = {
        ast.literal_eval(f'"{m}"') for m in re.findall(r'TOMLDecodeError\(\s*f?"([^"]+)"', source)
    }
    assert len(said) > 15
    for message in said:
        sample = re.sub(r"\{[^}]*\}", "'x'", message)
        error = tomli.TOMLDecodeError(sample, "x", 0)
        kind, _facts = toml_problem(error)
        assert kind != "toml-other", message


def test_a_models_own_check_is_translated() -> None:
    [problem] = problems(
        MINI.replace("as_of = 2021-11-23", 'as_of = 2021-11-23\nas_of_precision = "estimate"')
    )
    assert problem.kind == "schema-inconsistent"
    english, vietnamese = problem_text(problem, EN), problem_text(problem, VI)
    message = problem.params["message"]  # the model's own English, a catalog entry
    assert english.endswith(f"observations[0]: {message}")
    assert vietnamese.endswith(": " + translations("vi").gettext(message))
    assert vietnamese != english and "'as_of_note'" in vietnamese


def test_counts_in_problems_are_numbers_of_the_language() -> None:
    big = Problem(Place("t.toml"), "too-large", {"size": 600_000_000, "limit": 536_870_912})
    assert (
        problem_text(big, EN) == "t.toml: 600,000,000 bytes is larger than the 536,870,912 allowed"
    )
    assert problem_text(big, VI).startswith("t.toml: 600.000.000 byte")


def test_the_english_text_of_an_error_is_its_str() -> None:
    with pytest.raises(TimelineError, match=r"^t\.toml:\d+: observations\[0\]\.source: unknown"):
        loads(MINI.replace('source = "src-a"', 'source = "nowhere"'), "t.toml")


# ------------------------------------------------------------------------ a new language


@pytest.fixture
def french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """French added as the README says: a catalog with every entry of the template
    translated (here: marked, «…»), and number rules. Nothing else is touched."""
    lang = "fr"
    with (ROOT / "locales" / "messages.pot").open("rb") as fp:
        template = read_po(fp)
    catalog = Catalog(locale=lang, fuzzy=False)
    for message in template:
        if message.id and isinstance(message.id, str):
            catalog.add(message.id, "«" + message.id + "»")
    (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / lang / "LC_MESSAGES" / "messages.mo").open("wb") as fp:
        write_mo(fp, catalog)
    monkeypatch.setattr(l10n.catalogs, "catalog_root", lambda: tmp_path)
    l10n.translations.cache_clear()
    units = ((10**6, "million"), (10**9, "milliard"), (10**12, "billion"))
    monkeypatch.setitem(RULES, lang, dataclasses.replace(RULES["en"], units=units))
    before = current_language()
    yield lang
    set_language(before)  # the process-wide language, set by the test, put back
    l10n.translations.cache_clear()


def test_a_language_added_with_a_catalog_and_rules_speaks_findings_and_problems(
    french: str,
) -> None:
    fmt = Formatter(french)
    fall = by_code(findings())["cumulative-decrease"]
    subject = "«Portal: Registered accounts»"
    earlier, later = (format_date(d, "d MMM y", locale="fr") for d in (NOV_23, JUN_30))
    assert describe(fall, fmt) == (
        f"«{subject}: the running total falls from 1 million ({earlier}) "
        f"to {format_decimal(900_000, locale='fr')} ({later}).»"
    )
    [misspelt] = problems(MINI.replace("qualifier =", "qualifer ="))
    assert problem_text(misspelt, fmt).endswith("«unknown key»«; did you mean 'qualifier'?»")
    set_language(french)
    assert _("Data notes") == "«Data notes»"

"""The gettext catalogs are complete, current, compiled, and shipped in the wheel.

These compare parsed messages, never modification times (meaningless on a fresh clone).
When one fails, `make locales` and a translator's pass over locales/vi fix it.
"""

from __future__ import annotations

import io
import os
import string
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
TEMPLATE = LOCALES / "messages.pot"
LANGS = ("vi", "en")
PLURAL_FORMS = {"vi": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
PIP = (sys.executable, "-m", "pip", "--quiet")
FIX = "run `make locales`, then translate the new entries in locales/vi/LC_MESSAGES/messages.po"

MessageId = str | tuple[str, ...]
Key = tuple[MessageId, str | None]


def texts(value: object) -> tuple[str, ...]:
    """A msgid or msgstr as a tuple: one string, or a plural's forms (tuple or list)."""
    if isinstance(value, str):
        return (value,)
    assert isinstance(value, tuple | list), value
    return tuple(str(v) for v in value)


def frozen(value: object) -> MessageId:
    """A msgid or msgstr, hashable: read_mo gives a plural's ids and strings as lists."""
    forms = texts(value)
    return forms[0] if isinstance(value, str) else forms


def po(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "messages.po"


def mo(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "messages.mo"


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=locale)


def keys(catalog: Catalog) -> set[Key]:
    """Every entry but the header, as (msgid, context); a plural's msgid is the pair."""
    return {(frozen(m.id), m.context) for m in catalog if m.id}


def extracted() -> Catalog:
    """What `pybabel extract -F babel.cfg .` finds now, built as pybabel builds it."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp, "babel.cfg")  # type: ignore[no-untyped-call]
    catalog = Catalog(fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT, method_map, options_map
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_babel_cfg_covers_the_domain_and_the_ui() -> None:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fp:
        method_map, _ = parse_mapping_cfg(fp, "babel.cfg")  # type: ignore[no-untyped-call]
    assert ("timeline/**.py", "python") in method_map
    assert ("tui/**.py", "python") in method_map


def test_template_is_up_to_date_with_the_code() -> None:
    in_code, in_template = keys(extracted()), keys(read_catalog(TEMPLATE))
    assert in_code, "no translatable strings found: is babel.cfg right?"
    assert sorted(in_code - in_template, key=str) == [], f"not in the template: {FIX}"
    assert sorted(in_template - in_code, key=str) == [], f"gone from the code: {FIX}"


@pytest.mark.parametrize("lang", LANGS)
def test_po_files_match_the_template(lang: str) -> None:
    catalog = read_catalog(po(lang), lang)
    template = keys(read_catalog(TEMPLATE))
    assert sorted(keys(catalog) - template, key=str) == [], f"not in the template: {FIX}"
    assert sorted(template - keys(catalog), key=str) == [], f"missing: {FIX}"
    assert not catalog.obsolete, f"obsolete entries: {FIX}"


@pytest.mark.parametrize("lang", LANGS)
def test_po_headers_name_the_language_and_its_plural_forms(lang: str) -> None:
    catalog = read_catalog(po(lang), lang)
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == lang
    assert headers["Plural-Forms"] == PLURAL_FORMS[lang]
    # A catalog without a header reads as fuzzy, and `pybabel compile` skips it.
    assert not catalog.fuzzy


def untranslated(message: Message) -> bool:
    return not all(s.strip() for s in texts(message.string or ""))


def test_every_message_has_a_vietnamese_translation() -> None:
    catalog = read_catalog(po("vi"), "vi")
    assert catalog.num_plurals == 1
    missing = [m.id for m in catalog if m.id and untranslated(m)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == [], f"untranslated in vi: {FIX}"
    assert fuzzy == [], "fuzzy in vi: check each and remove its '#, fuzzy' line"
    wrong_count = [
        m.id
        for m in catalog
        if m.pluralizable and isinstance(m.string, tuple) and len(m.string) != 1
    ]
    assert wrong_count == [], "a vi plural entry has exactly one msgstr[0]"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_their_placeholders(lang: str) -> None:
    catalog = read_catalog(po(lang), lang)
    problems = [f"{m.id!r}: {errors}" for m, errors in catalog.check()]
    for message in catalog:
        if not message.id or untranslated(message):
            continue
        expected = set().union(*(placeholders(i) for i in texts(message.id)))
        for text in texts(message.string):
            if placeholders(text) - expected or (
                not message.pluralizable and placeholders(text) != expected
            ):
                problems.append(f"{message.id!r} -> {text!r}: placeholders differ")
    assert problems == []


def compiled(catalog: Catalog) -> dict[Key, MessageId]:
    return {(frozen(m.id), m.context): frozen(m.string) for m in catalog if m.id}


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_is_up_to_date(lang: str) -> None:
    """The committed .mo holds what compiling the committed .po gives now."""
    assert mo(lang).is_file(), f"no {mo(lang).relative_to(ROOT)}: {FIX}"
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(po(lang), lang))  # as `pybabel compile` (fuzzy left out)
    buffer.seek(0)
    fresh = read_mo(buffer)
    with mo(lang).open("rb") as fp:
        committed = read_mo(fp)
    assert compiled(committed) == compiled(fresh), f"stale {mo(lang).name}: {FIX}"
    assert committed.plural_forms == fresh.plural_forms == PLURAL_FORMS[lang]


def test_wheel_ships_the_catalogs_and_uses_them(tmp_path: Path) -> None:
    """Build the wheel, install it alone in a fresh venv, and speak Vietnamese from it."""
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    env.pop("PYTHONPATH", None)
    dist = tmp_path / "dist"
    subprocess.run(
        [
            *PIP,
            "wheel",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    (wheel,) = dist.glob("vn_egov-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for lang in LANGS:
        assert f"timeline/locales/{lang}/LC_MESSAGES/messages.mo" in names

    venv = tmp_path / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [*PIP, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
        env=env,
        capture_output=True,
    )
    msgid = "unknown language {value} for --lang; choose one of: {choices}"
    code = (
        "import timeline.l10n as l; l.set_language('vi');"
        f"print(l.__file__); print(l.catalog_root()); print(l._({msgid!r}))"
    )
    # Babel and pydantic from this venv's site-packages, but not the checkout: PYTHONPATH
    # does not run the editable install's .pth file, and cwd is elsewhere.
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]
    out = subprocess.run(
        [str(python), "-P", "-c", code],
        check=True,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    module_file, root, said = out[0], out[1], "\n".join(out[2:])
    assert Path(module_file).is_relative_to(venv), module_file
    assert Path(root).is_relative_to(venv), root
    expected = read_catalog(po("vi"), "vi")[msgid]
    assert expected is not None and expected.string
    assert said == expected.string != msgid

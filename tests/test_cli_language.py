"""The command line speaks the chosen language all the way: argparse's own words too."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.english import english_words
from timeline.l10n import current_language
from tui.argparse_text import STRINGS

COMMANDS = ["validate", "export", "cite", "list", "schema"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_in_vietnamese_holds_no_english(command: str | None) -> None:
    argv = ["--lang", "vi", *([command] if command else []), "--help"]
    code, out, _err = run_cli(*argv)
    assert code == 0
    assert out.startswith("cách dùng: vn-egov")
    assert "tùy chọn:" in out and "hiện trợ giúp này rồi thoát" in out
    assert english_words(out) == [], out


def test_help_in_english_is_argparse_s_english() -> None:
    code, out, _err = run_cli("--lang", "en", "--help")
    assert code == 0
    assert out.startswith("usage: vn-egov") and "options:" in out
    assert "show this help message and exit" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],  # an unknown command
        ["list", "--frobnicate"],  # an unknown option
        ["export"],  # a required option missing
        ["export", "--format", "xml"],  # a choice not offered
        ["list", "--since", "yesterday"],  # a value of the wrong form
        ["cite"],  # a required argument missing
        ["list", "--data"],  # an option without its value
    ],
)
def test_usage_errors_in_vietnamese_hold_no_english(argv: list[str]) -> None:
    code, out, err = run_cli("--lang", "vi", *argv)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith("cách dùng: vn-egov")
    assert lines[-1].startswith("vn-egov") and ": lỗi: " in lines[-1]
    assert english_words(err) == [], err


def test_argparse_is_given_back_its_own_words_afterwards() -> None:
    run_cli("--lang", "vi", "--help")
    parser = argparse.ArgumentParser(prog="x")
    assert parser.format_usage().startswith("usage: x")
    assert current_language() == "en"


def test_every_argparse_string_is_listed() -> None:
    """Each string this Python's argparse translates is ours to translate (or is an error
    in a program's own use of argparse, never a user's)."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r"\b_\('((?:[^'\\]|\\.)*)'\)", source))
    used |= set(re.findall(r'\b_\("((?:[^"\\]|\\.)*)"\)', source))
    programmer_errors = {
        ".__call__() not defined",
        "conflicting subparser: %s",
        "conflicting subparser alias: %s",
        "cannot merge actions - two groups are named %r",
        "'required' is an invalid argument for positionals",
        "dest= is required for options like %r",
        "invalid conflict_resolution value: %r",
        "mutually exclusive arguments must be optional",
        "cannot have multiple subparser arguments",
        "%r is not callable",
        'argument "-" with mode %r',
    }
    listed = {s.encode().decode("unicode_escape") for s in STRINGS} | set(STRINGS)
    missing = {
        s
        for s in used
        if s.encode().decode("unicode_escape") not in listed
        and s not in programmer_errors
        and not s.startswith("invalid option string")
    }
    assert not missing

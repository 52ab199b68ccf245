"""argparse's own words ("usage:", "options:", its errors) in the command's language.

argparse translates its strings with gettext, through the names `_` and `ngettext` it
imports into its module, and so in the process-wide gettext domain and the language
of the environment. `vn-egov --lang vi` must speak Vietnamese whatever the locale, so
`speaking()` points those two names at our catalogs (timeline.l10n, which holds
argparse's English strings below as its own entries) while the parser is built and
used, and puts them back after. Missing: a public way to give argparse a translation
(its HelpFormatter and error() receive the strings already worded).

The strings are those of Python 3.11's argparse.py; another version's new strings stay
English until they are added here (tests/test_cli_language.py reads argparse's source
for them).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from timeline import l10n
from timeline.l10n import N_, translations

# Every string argparse passes to gettext that a user can meet (the rest are errors in
# a program's own use of argparse). Listed so that extraction puts them in the catalog.
STRINGS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural_marked() -> str:  # never called: puts argparse's one plural in the catalog
    return l10n.ngettext("expected %s argument", "expected %s arguments", 2)


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse speaks `lang` inside the block."""
    catalog = translations(lang)

    def gettext(message: str | None) -> str | None:
        # argparse also passes a group's title and description through `_`, None included.
        return catalog.gettext(message) if message else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return catalog.ngettext(singular, plural, n)

    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]

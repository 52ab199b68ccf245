"""gettext: the UI's English source strings in the language chosen.

``_``/``ngettext`` translate with the process-wide catalog that ``set_language`` chooses;
``translations(lang)`` is one language's catalog, for words chosen in a language given
explicitly (findings and problems follow their Formatter's language, not the process's).
Catalogs are the compiled ``messages.mo`` files under ``locales/`` (in the wheel:
``timeline/locales``); a missing or unreadable catalog means English, never a crash.
"""

from __future__ import annotations

import gettext
import struct
from functools import cache
from pathlib import Path
from typing import Final

from timeline.l10n.rules import RULES, LanguageError
from timeline.package import FOLDER

DOMAIN: Final = "messages"


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_``."""
    return message


def catalog_root() -> Path:
    """Where the compiled catalogs are: inside the installed package, else the repo's."""
    packaged = FOLDER / "locales"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "locales"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for ``lang``; English identity when it is missing or unreadable."""
    mo = catalog_root() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with mo.open("rb") as fp:
            return gettext.GNUTranslations(fp)
    except (OSError, ValueError, LookupError, struct.error):
        return gettext.NullTranslations()


_current: list[str] = ["en"]  # one slot, so set_language needs no ``global``


def set_language(lang: str) -> None:
    """Switch the process-wide catalog that ``_`` and ``ngettext`` use."""
    if lang not in RULES:
        raise LanguageError(f"unknown language {lang!r}; choose one of: {', '.join(RULES)}")
    _current[0] = lang


def current_language() -> str:
    return _current[0]


def _(message: str) -> str:
    """Translate an English source string into the current language."""
    return translations(_current[0]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form the current language uses for ``n``."""
    return translations(_current[0]).ngettext(singular, plural, n)

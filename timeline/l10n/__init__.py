"""Languages: gettext catalogs, figures and dates in house style, and the words of findings.

Halves that do not depend on each other, each in its module:

* ``catalogs``: gettext. ``_``/``ngettext``/``N_`` translate the UI's English source
  strings; ``translations(lang)`` is one language's catalog.
* ``rules`` and ``numbers``: each language's number and date grammar as data, and the
  ``Formatter`` that applies it to figures and dates, for one language given explicitly.
* ``choice``: which language to speak, from the flag and the environment.
* ``findings`` and ``problems``: the words of the data-quality findings and of a file's
  problems, chosen when they are shown, in a Formatter's language and figure mode.

Adding a language is a catalog in ``locales/`` and an entry in ``rules.RULES``; see the
README. No Textual import here, ever.
"""

from timeline.l10n.catalogs import (
    DOMAIN,
    N_,
    _,
    catalog_root,
    current_language,
    ngettext,
    set_language,
    translations,
)
from timeline.l10n.choice import ENV_VAR, choose_language
from timeline.l10n.numbers import Formatter
from timeline.l10n.rules import LANGUAGES, RULES, LanguageError, Rules

__all__ = [
    "DOMAIN",
    "ENV_VAR",
    "LANGUAGES",
    "N_",
    "RULES",
    "Formatter",
    "LanguageError",
    "Rules",
    "_",
    "catalog_root",
    "choose_language",
    "current_language",
    "ngettext",
    "set_language",
    "translations",
]

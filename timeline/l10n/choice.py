"""Which language to speak: ``--lang``, then VN_EGOV_LANG, then the locale, else English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from timeline.l10n.catalogs import N_, translations
from timeline.l10n.rules import LANGUAGES, LanguageError

ENV_VAR: Final = "VN_EGOV_LANG"


def _language_of(value: str) -> str:
    """ "vi_VN.UTF-8" -> "vi", "en-US" -> "en", "C" / "POSIX" -> "en", "" -> ""."""
    base = value.strip().split(".", 1)[0].split("@", 1)[0]
    lang = base.replace("-", "_").split("_", 1)[0].lower()
    return "en" if lang in ("c", "posix") else lang


def _shown(value: str) -> str:
    """A user's value quoted on one line: control characters escaped, long values cut."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


def choose_language(
    flag: str | None, environ: Mapping[str, str], remembered: str | None = None
) -> tuple[str, list[str]]:
    """The language to speak: ``--lang``, then VN_EGOV_LANG, then the one the reader last
    chose in the explorer (``remembered``), then the locale, else English.

    The locale is the first non-empty of LC_ALL, LC_MESSAGES and LANG, as POSIX reads it
    ("vi_VN.UTF-8" -> vi; "C", "POSIX", "en_US" and languages we do not speak -> en).
    An unknown VN_EGOV_LANG is reported in the returned warnings (in the language chosen)
    and skipped; an unknown ``--lang`` raises LanguageError, a one-line message in the
    language the environment would have chosen.
    """
    choices = ", ".join(LANGUAGES)
    requested = environ.get(ENV_VAR, "")  # empty means unset, as for the locale variables
    lang = _language_of(requested)
    unknown_request = bool(requested.strip()) and lang not in LANGUAGES
    if lang not in LANGUAGES and remembered is not None and remembered in LANGUAGES:
        lang = remembered
    elif lang not in LANGUAGES:
        lang = "en"
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            if environ.get(name, "").strip():
                found = _language_of(environ[name])
                lang = found if found in LANGUAGES else "en"
                break
    speak = translations(lang).gettext
    if flag is not None:
        if _language_of(flag) not in LANGUAGES:
            message = N_("unknown language {value} for --lang; choose one of: {choices}")
            raise LanguageError(speak(message).format(value=_shown(flag), choices=choices))
        return _language_of(flag), []
    warnings = []
    if unknown_request:
        warning = N_("ignoring {variable}={value}: unknown language; choose one of: {choices}")
        warnings.append(
            speak(warning).format(variable=ENV_VAR, value=_shown(requested), choices=choices)
        )
    return lang, warnings

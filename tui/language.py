"""The explorer's words, in the language of the app that is drawing them.

`_` and `ngettext` here ask the running app's `Settings` for the language (through
Textual's active-app context, the same one `self.app` uses), so the explorer never sets
the process-wide language of `timeline.l10n`: two apps, or an app and the CLI, can
speak different languages, and tests need not put anything back.
"""

from __future__ import annotations

from timeline.l10n import N_, Formatter, current_language, translations
from tui.compat import running_app
from tui.settings import Settings

__all__ = ["N_", "_", "formatter", "language", "ngettext"]


def settings() -> Settings | None:
    found = getattr(running_app(), "settings", None)
    return found if isinstance(found, Settings) else None


def language() -> str:
    """The running app's language; outside an app, the process's (the CLI's)."""
    found = settings()
    return found.lang if found is not None else current_language()


def formatter() -> Formatter:
    """Numbers and dates in the running app's language and figure mode."""
    found = settings()
    return found.formatter if found is not None else Formatter(current_language())


def _(message: str) -> str:
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language()).ngettext(singular, plural, n)

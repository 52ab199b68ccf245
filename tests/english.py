"""Finding English in what a Vietnamese reader is shown.

The English words are those of every English text the reader could meet: our catalog's
msgids (the source strings), argparse's and Textual's own. A Vietnamese text holds none
of them, except names: commands, flags, formats, programs, themes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from tui.argparse_text import STRINGS

TEMPLATE = Path(__file__).resolve().parent.parent / "locales" / "messages.pot"

# Textual's own words for the palette and the theme picker (textual/app.py, command.py).
TEXTUAL = (
    "Theme",
    "Change the current theme",
    "Quit",
    "Quit the application as soon as possible",
    "Keys",
    "Hide the keys and widget help panel",
    "Show help for the focused widget and a summary of available keys",
    "Minimize",
    "Minimize the widget and restore to normal size",
    "Maximize",
    "Maximize the focused widget",
    "Screenshot",
    "Save an SVG 'screenshot' of the current screen",
    "Search for themes…",
    "Search for commands…",
    "No matches found",
    "show program's version number and exit",
    "expected %s arguments",
)

# Names a Vietnamese text may hold: the program, its commands, flags' words, formats,
# programs named in the help, the words of theme names, keys.
NAMES = frozenset(
    [
        "vn-egov",
        "egov",
        "validate",
        "export",
        "cite",
        "list",
        "schema",
        "serve",
        "host",
        "port",
        "help",
        "version",
        "data",
        "lang",
        "cache",
        "force",
        "bom",
        "full",
        "platform",
        "search",
        "since",
        "until",
        "series",
        "format",
        "output",
        "json",
        "csv",
        "timelinejs",
        "sqlite",
        "datapackage",
        "text",
        "markdown",
        "csl-json",
        "csl",
        "datasette",
        "frictionless",
        "zotero",
        "pandoc",
        "mendeley",
        "toml",
        "svg",
        "utf",
        "yyyy",
        "national",
        "package",
        "byte",
        "bom",
        "zip",
        "textual",
        "dark",
        "light",
        "nord",
        "gruvbox",
        "catppuccin",
        "mocha",
        "latte",
        "dracula",
        "tokyo",
        "night",
        "monokai",
        "flexoki",
        "solarized",
        "rose",
        "pine",
        "ansi",
        # keys, by the names printed on them
        "enter",
        "esc",
    ]
)

WORD = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]")


@cache
def vocabulary() -> frozenset[str]:
    with TEMPLATE.open("rb") as fp:
        catalog = read_po(fp)
    texts: list[str] = [*STRINGS, *TEXTUAL]
    for message in catalog:
        if message.id:
            texts.extend([message.id] if isinstance(message.id, str) else message.id)
    words = {word.lower() for text in texts for word in WORD.findall(text)}
    return frozenset(word for word in words if len(word) >= 3 and word not in NAMES)


def english_words(text: str) -> list[str]:
    """The English words in `text`, in order (names and placeholders excepted)."""
    text = re.sub(r"--?[a-z][a-z-]*", " ", text)  # flags
    return [word for word in WORD.findall(text) if word.lower() in vocabulary()]

"""Display sanitising: what a timeline file says is shown, never obeyed.

Markup is the widgets' business (they build `Content`/`Text` objects, never markup strings
with data in them); this module deals with what markup escaping cannot: control
characters. ESC, BEL, the C1 controls and their friends pass through Textual to the real
terminal, where ``ESC [2J`` clears the screen, ``ESC ] 52`` writes the clipboard and
``ESC ] 8`` makes a hyperlink. Every string from the data goes through `clean` (one line)
or `clean_block` (text that may have line breaks) before it is displayed.
"""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"  # "�"

# C0 controls become their Unicode control pictures (U+2400 block): ESC shows as "␛",
# BEL as "␇", a line feed in a title as "␊". DEL is "␡". C1 controls (0x80-0x9F, among
# them the one-byte CSI and OSC introducers) and the invisible bidirectional overrides and
# isolates, which can reorder what follows them, become "�". Line and paragraph
# separators would break a line where a row has none, so they too are made visible.
_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
_TABLE.update(
    {
        code: REPLACEMENT
        for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    }
)
_TABLE[0x2028] = "\u2424"  # ␤ (line separator)
_TABLE[0x2029] = "\u00b6"  # ¶ (paragraph separator)

# In a block, a line break is a line break and a tab is white space.
_BLOCK_TABLE = dict(_TABLE)
_BLOCK_TABLE[0x0A] = "\n"
_BLOCK_TABLE[0x09] = " "


def clean(text: str) -> str:
    """One line of data, safe for the terminal: NFC, every control character made visible."""
    return unicodedata.normalize("NFC", text).translate(_TABLE)


def clean_block(text: str) -> str:
    """Like `clean`, but line breaks stay line breaks (CR LF and CR count as one)."""
    normalised = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return normalised.translate(_BLOCK_TABLE)


def is_blank(text: str) -> bool:
    """True when a string shows nothing: only white space, format characters, controls."""
    return all(ch.isspace() or unicodedata.category(ch) in {"Cf", "Cc", "Zl", "Zp"} for ch in text)

"""JSON in which no control character stands raw.

`json.dumps` escapes the C0 controls but, with `ensure_ascii=False` (kept so that
Vietnamese stays readable), passes DEL, the C1 controls (among them one-byte CSI and
OSC, which some terminals obey) and the invisible bidirectional controls such as U+202E,
which reorder the text around them in an editor or a terminal. Escaped as `\\uXXXX`
they mean exactly the same to every JSON reader and show as what they are.
"""

from __future__ import annotations

_ESCAPED: dict[int, str] = {
    code: f"\\u{code:04x}"
    for code in (
        *range(0x7F, 0xA0),  # DEL and the C1 controls
        0x061C,  # Arabic letter mark
        0x200E,  # left-to-right and right-to-left marks
        0x200F,
        *range(0x202A, 0x202F),  # embeddings and overrides (U+202E)
        *range(0x2066, 0x206A),  # isolates
        0x2028,  # line and paragraph separators, which break lines in editors
        0x2029,
    )
}


def escape_controls(document: str) -> str:
    """`document` (JSON text) with every such character written as an escape. Outside
    strings JSON has none of them, so only strings change, and only in how they are
    written."""
    return document.translate(_ESCAPED)

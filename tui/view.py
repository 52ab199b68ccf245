"""What the widgets share: platform colours, localized words, bindings that follow the language.

Nothing here formats numbers or dates (that is `timeline.l10n.Formatter`) or touches the
TOML; it turns a `Timeline` into the few view facts several widgets need alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingsMap

from timeline.l10n import N_, Formatter, _, current_language
from timeline.model import Milestone, Timeline
from tui.safe import clean, is_blank

if TYPE_CHECKING:
    from textual.dom import DOMNode

# Milestones and observations together. Above this a timeline is "large": its search
# index, data notes and series are computed in a thread after the first screen, and it is
# kept out of the cyclic garbage collector (tui.app._settle).
LARGE = 20_000


def is_large(timeline: Timeline) -> bool:
    return len(timeline.milestones) + len(timeline.observations) > LARGE


# How many platform colours the stylesheet defines (`.slot-1` … `.slot-6`); slot 0 is the
# neutral colour of national events. More top platforms than colours share them in turn.
SLOTS = 6

KINDS: dict[str, str] = {
    "launch": N_("launch"),
    "decision": N_("decision"),
    "decree": N_("decree"),
    "event": N_("event"),
    "report": N_("report"),
    "plan": N_("plan"),
}


def kind_name(kind: str) -> str:
    return _(KINDS.get(kind, kind))


def slots(timeline: Timeline) -> dict[str, int]:
    """Platform id -> colour slot: top platforms in file order, components share their parent's."""
    found: dict[str, int] = {}
    for index, top in enumerate(timeline.top_platforms()):
        slot = index % SLOTS + 1
        for member in timeline.family(top.id):
            found[member] = slot
    for platform in timeline.platforms:  # a component whose parent is unknown: its own slot
        found.setdefault(platform.id, 0)
    return found


def platform_label(timeline: Timeline, platform_id: str | None, lang: str | None = None) -> str:
    """The short name a row or chip shows; national events say so."""
    if platform_id is None:
        return _("National")
    platform = timeline.platform.get(platform_id)
    if platform is None:
        return clean(platform_id)
    return shown(platform.short.get(lang or current_language()))


def shown(text: str, empty: str | None = None) -> str:
    """A data string for one line: cleaned, and never an invisible nothing."""
    if is_blank(text):
        return empty if empty is not None else _("(blank)")
    return clean(text)


def title_of(milestone: Milestone, lang: str | None = None) -> str:
    return shown(milestone.title.get(lang or current_language()), _("(untitled)"))


def formatter(full: bool = False) -> Formatter:
    return Formatter(current_language(), full=full)


def translate_bindings(bindings: Iterable[tuple[str, list[Binding]]]) -> BindingsMap:
    """The same bindings with descriptions, tooltips and groups in the current language."""

    def translated(binding: Binding) -> Binding:
        group = binding.group
        if group is not None and group.description:
            group = Binding.Group(_(group.description), compact=group.compact)
        return dataclasses.replace(
            binding,
            description=_(binding.description) if binding.description else "",
            tooltip=_(binding.tooltip) if binding.tooltip else "",
            group=group,
        )

    return BindingsMap.from_keys(
        {key: [translated(b) for b in key_bindings] for key, key_bindings in bindings}
    )


def relabel(node: DOMNode) -> None:
    """Rebuild a node's bindings from its class's English ones in the current language.

    Textual keeps each node's bindings in `_bindings`, a copy of the class's merged
    `BINDINGS` made when the node is created; the key bar reads the descriptions from there.
    Replacing that copy and calling `refresh_bindings()` relabels the key bar at once.
    """
    merged = type(node)._merged_bindings
    if merged is None:
        return
    node._bindings = translate_bindings(merged.key_to_bindings.items())

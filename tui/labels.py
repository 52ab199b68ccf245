"""What the widgets share: platform colours and the words for platforms, kinds and titles.

Nothing here formats numbers or dates (that is `timeline.l10n.Formatter`, through
`tui.language.formatter`) or touches the TOML; it turns a `Timeline` into the few view
facts several widgets need alike.
"""

from __future__ import annotations

from timeline.model import Milestone, Timeline
from tui.language import N_, _, language
from tui.safe import clean, is_blank

# How many platform colours there are (`$slot-1` … `$slot-6`, tui.platform_colours); slot 0
# is the neutral colour of national events. More top platforms than colours share them in turn.
SLOTS = 6

# How many top platforms get a digit key (1-9) in the chips above the list.
MAX_KEYS = 9

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


def chip_keys(timeline: Timeline) -> dict[str, str]:
    """Platform id -> the digit of its chip ("3" for the Portal), components their parent's."""
    found: dict[str, str] = {}
    for number, top in enumerate(timeline.top_platforms()[:MAX_KEYS], 1):
        for member in timeline.family(top.id):
            found[member] = str(number)
    return found


def platform_label(timeline: Timeline, platform_id: str | None, lang: str | None = None) -> str:
    """The short name a row or chip shows; national events say so."""
    if platform_id is None:
        return _("National")
    platform = timeline.platform.get(platform_id)
    if platform is None:
        return clean(platform_id)
    return shown(platform.short.get(lang or language()))


def shown(text: str, empty: str | None = None) -> str:
    """A data string for one line: cleaned, and never an invisible nothing."""
    if is_blank(text):
        return empty if empty is not None else _("(blank)")
    return clean(text)


def title_of(milestone: Milestone, lang: str | None = None) -> str:
    return shown(milestone.title.get(lang or language()), _("(untitled)"))


def source_label(timeline: Timeline, source_id: str, lang: str | None = None) -> str:
    """A source as every screen names it: "PLVN, ~27/2/2020", "“Hiệu quả từ…”, undated"."""
    from timeline.citation import source_label as label

    source = timeline.source.get(source_id)
    if source is None:
        return _("unknown source")
    return clean(label(source, lang or language()))


def source_url(source: object) -> str | None:
    """The article's web address, where the timeline gives one and it is a web address:
    only http(s) is opened, so that a file cannot ask the browser to run something."""
    url = getattr(source, "url", None)
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if url.lower().startswith(("https://", "http://")) and not is_blank(url) else None

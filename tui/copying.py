"""`y` and `Y`: the selected figure or event into the clipboard, with its citation.

The same words as `vn-egov cite` (timeline.citation), in the language and figure mode
on screen: `y` as plain text, `Y` as Markdown with the quote as a block quote. Textual's
`copy_to_clipboard` writes OSC 52, which works in tmux (`set-clipboard on`), over SSH
and in the browser. The text is cleaned of control characters first: pasted into a
terminal, an ESC from the data would act there.
"""

from __future__ import annotations

from textual.app import App

from timeline.citation import as_markdown, as_text, cite, shorten
from timeline.model import Milestone, Observation, Timeline
from tui.language import _
from tui.safe import clean, clean_block
from tui.settings import Settings


def citation(
    timeline: Timeline, item: Observation | Milestone, *, markdown: bool, settings: Settings
) -> str:
    """The text `y` (or, with `markdown`, `Y`) copies, in `settings`' language and mode."""
    cited = cite(timeline, item, settings.formatter)
    return clean_block(as_markdown(cited) if markdown else as_text(cited))


def copy_citation(
    app: App[object],
    timeline: Timeline,
    item: Observation | Milestone,
    *,
    markdown: bool,
    settings: Settings,
) -> None:
    """Copy `item` with its citation, and say in a toast what went into the clipboard."""
    app.copy_to_clipboard(citation(timeline, item, markdown=markdown, settings=settings))
    headline = cite(timeline, item, settings.formatter).headline
    if isinstance(item, Milestone) and not item.quote:
        how = _("As Markdown, with its sources.") if markdown else _("As text, with its sources.")
    elif markdown:
        how = _("As Markdown, with its quote and source.")
    else:
        how = _("As text, with its quote and source.")
    app.notify(
        f"{clean(shorten(headline, 60))}\n{how}",
        title=_("Copied to the clipboard"),
        markup=False,
        timeout=4,
    )

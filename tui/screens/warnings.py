"""The data-quality notes: where the sources contradict themselves, kept and explained."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline.checks import Warning
from timeline.l10n import N_, _, current_language, ngettext
from timeline.l10n.findings import describe
from timeline.model import Timeline
from tui.safe import clean, clean_block
from tui.view import formatter, relabel, shown, title_of
from tui.widgets.key_bar import KeyBar


def event_for(timeline: Timeline, warning: Warning) -> int | None:
    """The event a note leads to: its milestone, else the event of its first figure or source."""
    events = timeline.events
    position = {m.id: i for i, m in enumerate(events)}
    for milestone in warning.milestones:
        if milestone in position:
            return position[milestone]
    wanted = set(warning.observations)
    if wanted:
        for i, event in enumerate(events):
            if any(o.id in wanted for o in timeline.figures_for(event)):
                return i
    sources = set(warning.sources)
    for observation in warning.observations:
        obs = timeline.observation.get(observation)
        if obs is not None:
            sources.add(obs.source)
    for i, event in enumerate(events):
        if sources.intersection(event.sources):
            return i
    return None


class WarningsScreen(Screen[int | None]):
    """Every note; Enter goes to the event it concerns, Escape back."""

    DEFAULT_CSS = """
    WarningsScreen {
        & > #warnings-header { height: 1; background: $panel; padding: 0 1; text-style: bold; }
        & > OptionList { height: 1fr; border: none; padding: 0 1; }
        & > OptionList:focus { border: none; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="warnings.back"),
    ]

    def __init__(self, timeline: Timeline, *, full: bool = False) -> None:
        super().__init__()
        relabel(self)
        self.timeline = timeline
        self.full = full
        self.targets: list[int | None] = []

    def compose(self) -> ComposeResult:
        yield Static(id="warnings-header", markup=False)
        yield OptionList(id="warnings-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.targets = [event_for(self.timeline, w) for w in self.timeline.warnings]
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        t = self.timeline
        lang = current_language()
        fmt = formatter(self.full)
        count = len(t.warnings)
        self.query_one("#warnings-header", Static).update(
            Content(
                ngettext(
                    "⚠ {count} data-quality note — Enter goes to the event it concerns",
                    "⚠ {count} data-quality notes — Enter goes to the event each concerns",
                    count,
                ).format(count=formatter().number(count))
            )
        )
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not t.warnings:
            options.add_option(Option(Content(_("No data-quality notes.")), disabled=True))
            return
        for warning, target in zip(t.warnings, self.targets, strict=True):
            lines = [
                Content.assemble(("⚠ ", "bold $text-warning"), clean_block(describe(warning, fmt)))
            ]
            events = [
                title_of(m) if (m := t.milestone.get(mid)) else clean(mid)
                for mid in warning.milestones
            ]
            figures = []
            for observation in warning.observations:
                obs = t.observation.get(observation)
                indicator = t.indicator.get(obs.indicator) if obs else None
                if obs is None or indicator is None:
                    figures.append(clean(observation))
                else:
                    name = shown(t.figure_name(obs, lang))
                    figures.append(f"{name} ({fmt.figure(obs, indicator)}, {fmt.when(obs)})")
            sources = []
            for source_id in warning.sources:
                source = t.source.get(source_id)
                if source is None:
                    sources.append(clean(source_id))
                    continue
                outlet = shown(source.outlet) if source.outlet else _("outlet not named")
                if source.published is not None:
                    outlet += ", " + fmt.date(source.published, source.published_precision)
                sources.append(outlet)
            for label, names in (
                (_("Events: "), events),
                (_("Figures: "), figures),
                (_("Sources: "), sources),
            ):
                if names:
                    lines.append(
                        Content.assemble(
                            ("   " + label, "$text-muted"),
                            ("; ".join(dict.fromkeys(names)), "$text-muted italic"),
                        )
                    )
            if target is None:
                lines.append(Content.styled("   " + _("(no event to go to)"), "$text-muted"))
            if options.option_count:
                options.add_option(None)
            options.add_option(Option(Content("\n").join(lines)))
        options.highlighted = 0 if highlighted is None else highlighted

    @on(OptionList.OptionSelected)
    def _selected(self, message: OptionList.OptionSelected) -> None:
        target = self.targets[message.option_index] if self.targets else None
        if target is None:
            self.notify(_("This note concerns no event."), severity="warning")
            return
        self.dismiss(target)

    def action_close(self) -> None:
        self.dismiss(None)

    def relocalize(self) -> None:
        relabel(self)
        self._fill()
        self.refresh_bindings()

    def set_full(self, full: bool) -> None:
        self.full = full
        self._fill()

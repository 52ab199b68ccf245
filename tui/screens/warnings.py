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

from timeline.l10n.findings import describe
from timeline.queries import Queries
from tui.labels import shown, source_label, title_of
from tui.language import N_, _, ngettext
from tui.safe import clean, clean_block
from tui.settings import FollowsSettings, Settings
from tui.widgets.choice_list import ChoiceList
from tui.widgets.key_bar import KeyBar


class WarningsScreen(FollowsSettings, Screen[int | None]):
    """Every note; Enter goes to the event it concerns, Escape back."""

    CSS_PATH = "warnings.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="warnings.back"),
    ]

    def __init__(self, queries: Queries) -> None:
        super().__init__()
        self.queries = queries
        self.timeline = queries.timeline
        self.targets: list[int | None] = []

    def compose(self) -> ComposeResult:
        yield Static(id="warnings-header", markup=False)
        yield ChoiceList(id="warnings-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.targets = [self.queries.event_of(w) for w in self.queries.warnings()]
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        t, warnings = self.timeline, self.queries.warnings()
        lang, fmt = self.settings.lang, self.settings.formatter
        count = len(warnings)
        self.query_one("#warnings-header", Static).update(
            Content(
                ngettext(
                    "⚠ {count} data-quality note — Enter goes to the event it concerns",
                    "⚠ {count} data-quality notes — Enter goes to the event each concerns",
                    count,
                ).format(count=fmt.number(count))
            )
        )
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not warnings:
            options.add_option(Option(Content(_("No data-quality notes.")), disabled=True))
            return
        for warning, target in zip(warnings, self.targets, strict=True):
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
            sources = [source_label(t, source_id) for source_id in warning.sources]
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

    def settings_changed(self, settings: Settings) -> None:
        self._fill()

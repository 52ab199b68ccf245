"""The words of a data-quality finding, chosen when it is shown.

A check (timeline.checks) reports facts: a kind, the figures, what they count. Here they
become a sentence in a Formatter's language and figure mode, through that language's
catalog: "Portal: Registered accounts: the running total falls from over 1.2 million
(23 Nov 2021) to 900,000 (30 Jun 2022)." in compact English, "… từ hơn 1.200.000 …" in
full Vietnamese. A curated quality note brings its own words, in both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from timeline.l10n.catalogs import N_, translations
from timeline.l10n.numbers import Formatter

if TYPE_CHECKING:
    from timeline.checks import Warning
    from timeline.model import Observation

# One sentence per kind of finding; {subject} is what the figures count.
WORDS: Final[dict[str, str]] = {
    "cumulative-decrease": N_(
        "{subject}: the running total falls from {earlier} ({earlier_date}) "
        "to {later} ({later_date})."
    ),
    "cumulative-disagree": N_("{subject}: two different figures for {date}: {first} and {second}."),
    "parts-sum": N_("{subject}: the parts {parts} do not add up to {whole}."),
    "before-launch": N_("{subject}: a figure dated {date} comes before the launch on {launched}."),
    "unreachable": N_(
        "{id}: no milestone reports this figure (it needs one with the same source and "
        "date, {date})."
    ),
}
# A platform's figures are named with the platform first: "Portal: Registered accounts".
SUBJECT: Final = N_("{platform}: {indicator}")


def describe(finding: Warning, fmt: Formatter) -> str:
    """What a finding says, in `fmt`'s language, its figures in `fmt`'s mode."""
    if finding.text is not None:
        return finding.text.get(fmt.lang)
    gettext = translations(fmt.lang).gettext
    template = WORDS.get(finding.code)
    if template is None or not finding.figures:  # a kind this version does not know
        return finding.code
    return gettext(template).format(**_facts(finding, fmt, gettext))


def _facts(finding: Warning, fmt: Formatter, gettext: Callable[[str], str]) -> dict[str, str]:
    figures = finding.figures
    first, last = figures[0], figures[-1]

    def value(o: Observation) -> str:
        if finding.indicator is None:
            return fmt.number(o.value)
        return fmt.figure(o, finding.indicator)

    indicator = finding.indicator.name.get(fmt.lang) if finding.indicator else first.indicator
    subject = indicator
    if finding.platform is not None:
        subject = gettext(SUBJECT).format(
            platform=finding.platform.short.get(fmt.lang), indicator=indicator
        )
    facts = {"subject": subject, "id": first.id, "date": fmt.date(first.as_of)}
    match finding.code:
        case "cumulative-decrease":
            facts |= {
                "earlier": value(first),
                "earlier_date": fmt.date(first.as_of),
                "later": value(last),
                "later_date": fmt.date(last.as_of),
            }
        case "cumulative-disagree":
            facts |= {"first": value(first), "second": value(last)}
        case "parts-sum":
            facts |= {"parts": " + ".join(value(p) for p in figures[1:]), "whole": value(first)}
        case "before-launch":
            facts["launched"] = fmt.date(finding.launched) if finding.launched else "?"
    return facts

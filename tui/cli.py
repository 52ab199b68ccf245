"""The `vn-egov` command: the explorer, and validate/export/list/schema for scripts.

validate, export, list and schema never import Textual: they run in pipes and CI, where
start-up time matters and no terminal UI is wanted. Only the explorer imports tui.app.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from timeline.export import FORMATS
from timeline.l10n import (
    LANGUAGES,
    Formatter,
    LanguageError,
    _,
    choose_language,
    current_language,
    ngettext,
    set_language,
)
from timeline.load import TimelineError, bundled_path, load
from timeline.model import Timeline
from tui.argparse_text import speaking
from tui.process import finish
from tui.safe import clean, clean_block

if TYPE_CHECKING:
    from timeline.selection import Selection
    from tui.settings import Settings

# Files larger than this open the explorer at once and load behind a progress indicator.
LOAD_IN_BACKGROUND_BYTES = 2 * 1024 * 1024


def run() -> NoReturn:
    """The `vn-egov` command."""
    finish(main())


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    from tui import config  # the reader's remembered settings (no Textual in it)

    remembered, config_problem = config.read(config.config_path())
    try:
        lang, notices = choose_language(_early_lang(args_list), os.environ, remembered.lang)
    except LanguageError as exc:
        print(f"vn-egov: {exc}", file=sys.stderr)
        return 2
    # The command's language, for argparse and the CLI's own lines (the explorer carries
    # its own in its Settings); put back afterwards, for callers that run several.
    before = current_language()
    set_language(lang)
    try:
        for notice in notices:
            print(f"vn-egov: {clean(notice)}", file=sys.stderr)
        if config_problem is not None:
            print(clean(config_problem()), file=sys.stderr)
        with speaking(lang):  # argparse's own words ("usage:", its errors) too
            args = _parser().parse_args(args_list)
        args.remembered = remembered
        try:
            return int(args.run(args, lang))
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            # `vn-egov list | head`: the reader left; say nothing more.
            sys.stderr.close()
            return 0
    finally:
        set_language(before)


def _early_lang(argv: list[str]) -> str | None:
    """--lang must be known before the parser is built, since its help is translated."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(argv)
    value: str | None = known.lang
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vn-egov",
        description=_("Explore Vietnam's e-government milestones, every figure with its source."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version="vn-egov 0.1.0",
        help=_("show the version of vn-egov and exit"),
    )
    _add_data(parser)
    _add_lang(parser)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=_("read the file afresh, without the cache of validated timelines"),
    )
    parser.set_defaults(run=_explore)
    commands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))

    validate = commands.add_parser(
        "validate", help=_("check timeline files and report every problem")
    )
    validate.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar=_("FILE"),
        help=_("files to check (default: bundled)"),
    )
    _add_lang(validate)
    validate.set_defaults(run=_validate)

    export = commands.add_parser(
        "export",
        help=_("write the timeline, or the part chosen, in a format for other programs"),
        description=_(
            "json and csv: one file; timelinejs: a TimelineJS3 timeline in the chosen "
            "language; sqlite: a database for Datasette; datapackage: a Frictionless Data "
            "Package, a folder (or a zip when OUT ends in .zip)."
        ),
    )
    _add_data(export)
    export.add_argument("--format", required=True, choices=FORMATS, help=_("output format"))
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_("OUT"),
        help=_("file or folder to write; - for standard output (default for text formats)"),
    )
    export.add_argument("--force", action="store_true", help=_("replace OUT if it exists"))
    export.add_argument(
        "--bom",
        action="store_true",
        help=_("start CSV with a byte-order mark, for spreadsheets that need one"),
    )
    export.add_argument(
        "--full", action="store_true", help=_("write every figure in full (timelinejs)")
    )
    _add_selection(export)
    _add_lang(export)
    export.set_defaults(run=_export)

    cite = commands.add_parser(
        "cite", help=_("print a figure or an event with its quote and source, for citing")
    )
    cite.add_argument("id", metavar=_("ID"), help=_("an observation's or a milestone's id"))
    _add_data(cite)
    cite.add_argument(
        "--format",
        choices=("text", "markdown", "csl-json"),
        default="text",
        help=_("text, Markdown, or CSL-JSON for Zotero, Pandoc and Mendeley (default: text)"),
    )
    cite.add_argument("--full", action="store_true", help=_("show every figure in full"))
    _add_lang(cite)
    cite.set_defaults(run=_cite)

    listing = commands.add_parser("list", help=_("print the timeline as plain text"))
    _add_data(listing)
    _add_lang(listing)
    _add_selection(listing)
    listing.add_argument("--full", action="store_true", help=_("show every figure in full"))
    listing.add_argument(
        "--series",
        action="store_true",
        help=_("print each indicator's readings over time, with growth and conflicts"),
    )
    listing.set_defaults(run=_list)

    schema = commands.add_parser("schema", help=_("print the JSON Schema of the TOML format"))
    _add_lang(schema)
    schema.set_defaults(run=_schema)
    return parser


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, metavar=_("FILE"), help=_("timeline file (default: the bundled one)")
    )


def _add_selection(parser: argparse.ArgumentParser) -> None:
    """The options that choose a part of the timeline, the same for list and export."""
    parser.add_argument(
        "--platform",
        metavar=_("NAME"),
        help=_("only this platform and its components (id or short name; national: none)"),
    )
    parser.add_argument(
        "--search",
        metavar=_("TEXT"),
        default="",
        help=_("only events matching TEXT, as in the explorer"),
    )
    parser.add_argument(
        "--since",
        metavar=_("DATE"),
        type=_date_arg(end=False),
        help=_("only from DATE on (YYYY-MM-DD, YYYY-MM or YYYY)"),
    )
    parser.add_argument(
        "--until",
        metavar=_("DATE"),
        type=_date_arg(end=True),
        help=_("only up to DATE (YYYY-MM-DD, YYYY-MM or YYYY)"),
    )


def _date_arg(*, end: bool) -> Callable[[str], dt.date]:
    def parse(text: str) -> dt.date:
        from timeline.selection import date_bound

        try:
            return date_bound(text, end=end)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("not a date: {value} (use YYYY-MM-DD, YYYY-MM or YYYY)").format(value=repr(text))
            ) from None

    return parse


def _selection(args: argparse.Namespace, timeline: Timeline) -> Selection | None:
    """The part of the timeline the options choose; None (said why) for an unknown platform."""
    from timeline.selection import Selection, UnknownPlatform, resolve_platform

    platform = None
    if args.platform is not None:
        try:
            platform = resolve_platform(timeline, args.platform)
        except UnknownPlatform as exc:
            _say(
                _("vn-egov: unknown platform '{id}' (known: {known})").format(
                    id=exc.given, known=", ".join(exc.known)
                )
            )
            return None
    return Selection(platform=platform, search=args.search, since=args.since, until=args.until)


def _say(message: str) -> None:
    print(clean(message), file=sys.stderr)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language of the output (default: from the environment)"),
    )


def _open(path: Path | None) -> Timeline | None:
    """Load a timeline, printing its problems; None when it has any."""
    try:
        return load(path or bundled_path())
    except TimelineError as exc:
        _print_problems(exc)
        return None


def _print_problems(exc: TimelineError, out: TextIO | None = None) -> None:
    for problem in exc.problems:
        print(clean(problem), file=out or sys.stderr)


# ---------------------------------------------------------------- commands


def _explore(args: argparse.Namespace, lang: str) -> int:
    from timeline.cache import TimelineCache

    path: Path = args.data or bundled_path()
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # load() reports the problem precisely
    cache = None if args.no_cache else TimelineCache.from_environment(os.environ)
    read = load if cache is None else cache.load
    from tui import config
    from tui.app import VnEgovApp  # the only place Textual is imported

    remembered: config.Remembered = args.remembered
    settings_path = config.config_path()

    def remember(settings: Settings) -> None:
        config.write(settings_path, config.render(settings.lang, settings.full, settings.theme))

    make = partial(
        VnEgovApp, lang=lang, full=bool(remembered.full), theme=remembered.theme, remember=remember
    )
    if size > LOAD_IN_BACKGROUND_BYTES:
        app = make(None, load=lambda progress: read(path, progress))
    else:
        try:
            timeline = read(path)
        except TimelineError as exc:
            _print_problems(exc)
            return 1
        app = make(timeline)
    if remembered.theme is not None and remembered.theme not in app.available_themes:
        _say(
            config.warning(
                settings_path, _("unknown theme {name}").format(name=repr(remembered.theme))
            )
        )
    app.run()
    error = getattr(app, "load_error", None)
    if isinstance(error, TimelineError):
        _print_problems(error)
        return 1
    return app.return_code or 0


def _validate(args: argparse.Namespace, lang: str) -> int:
    paths: list[Path] = args.files or [bundled_path()]
    failed = 0
    for path in paths:
        try:
            timeline = load(path)
        except TimelineError as exc:
            failed += 1
            _print_problems(exc)
            continue
        print(clean(_summary(path, timeline)))
        for warning in timeline.warnings:
            print(clean(f"  ⚠ {warning.text.get(lang)}"))
    return 1 if failed else 0


def _summary(path: Path, t: Timeline) -> str:
    n_src, n_plat, n_mil = len(t.sources), len(t.platforms), len(t.milestones)
    n_ind, n_obs, n_warn = len(t.indicators), len(t.observations), len(t.warnings)
    counts = ", ".join(
        (
            ngettext("{n} source", "{n} sources", n_src).format(n=n_src),
            ngettext("{n} platform", "{n} platforms", n_plat).format(n=n_plat),
            ngettext("{n} milestone", "{n} milestones", n_mil).format(n=n_mil),
            ngettext("{n} indicator", "{n} indicators", n_ind).format(n=n_ind),
            ngettext("{n} observation", "{n} observations", n_obs).format(n=n_obs),
        )
    )
    warnings = ngettext("{n} data-quality warning", "{n} data-quality warnings", n_warn).format(
        n=n_warn
    )
    return _("{path}: valid: {counts}; {warnings}").format(
        path=path, counts=counts, warnings=warnings
    )


def _export(args: argparse.Namespace, lang: str) -> int:
    from timeline.export import TEXT_FORMATS, to_text
    from timeline.export.files import OutputExists, write_atomically
    from timeline.selection import subset

    if args.bom and args.format != "csv":
        _say(_("vn-egov: --bom is for --format csv"))
        return 2
    to_stdout = args.output is None or str(args.output) == "-"
    if args.format not in TEXT_FORMATS and args.output is None:
        _say(
            _("vn-egov: --format {format} writes a file: add -o OUT (or -o - for stdout)").format(
                format=args.format
            )
        )
        return 2
    timeline = _open(args.data)
    if timeline is None:
        return 1
    selection = _selection(args, timeline)
    if selection is None:
        return 2
    part = subset(timeline, selection)
    try:
        if args.format in TEXT_FORMATS:
            text = to_text(part, args.format, Formatter(lang, full=args.full), bom=args.bom)
            if to_stdout:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                write_atomically(args.output, text, force=args.force)
        elif to_stdout:
            return _export_binary_to_stdout(part, args.format)
        else:
            from timeline.export import build
            from timeline.export.whole import publish

            publish(args.output, lambda path: build(part, args.format, path), force=args.force)
    except OutputExists:
        _say(_("vn-egov: {path} exists; add --force to overwrite it").format(path=args.output))
        return 1
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        _say(
            _("vn-egov: cannot write {path}: {reason}").format(
                path=args.output or "-", reason=exc.strerror or exc
            )
        )
        return 1
    return 0


def _export_binary_to_stdout(part: Timeline, format: str) -> int:
    from timeline.export import to_bytes

    if sys.stdout.isatty():
        _say(
            _(
                "vn-egov: standard output is a terminal; write {format} to a file with -o OUT"
            ).format(format=format)
        )
        return 2
    data = to_bytes(part, format)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def _cite(args: argparse.Namespace, lang: str) -> int:
    from timeline.citation import UnknownId, as_csl_json, as_markdown, as_text, cite, find

    timeline = _open(args.data)
    if timeline is None:
        return 1
    try:
        item = find(timeline, args.id)
    except UnknownId as exc:
        if exc.nearest:
            message = _("vn-egov: no figure or event has the id '{id}'; nearest: {ids}")
        else:
            message = _("vn-egov: no figure or event has the id '{id}'")
        _say(message.format(id=exc.given, ids=", ".join(exc.nearest)))
        return 1
    if args.format == "csl-json":
        sys.stdout.write(as_csl_json(timeline, item))  # JSON escapes every control character
        return 0
    cited = cite(timeline, item, Formatter(lang, full=args.full))
    text = as_markdown(cited) if args.format == "markdown" else as_text(cited)
    sys.stdout.write(clean_block(text))
    return 0


def _list(args: argparse.Namespace, lang: str) -> int:
    from timeline.listing import render_listing, render_series
    from timeline.selection import Selection, chosen_events, subset

    timeline = _open(args.data)
    if timeline is None:
        return 1
    selection = _selection(args, timeline)
    if selection is None:
        return 2
    fmt = Formatter(lang, full=args.full)
    if args.series:
        bounds = Selection(selection.platform, since=selection.since, until=selection.until)
        lines = render_series(subset(timeline, bounds), fmt, query=selection.search)
    else:
        lines = render_listing(timeline, fmt, chosen_events(timeline, selection))
    for line in lines:
        print(clean(line))
    return 0


def _schema(args: argparse.Namespace, lang: str) -> int:
    from timeline.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

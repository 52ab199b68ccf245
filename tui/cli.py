"""The `vn-egov` command: the explorer, and validate/export/list/schema for scripts.

validate, export, list and schema never import Textual: they run in pipes and CI, where
start-up time matters and no terminal UI is wanted. Only the explorer imports tui.app.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from timeline.export import FORMATS
from timeline.l10n import (
    LANGUAGES,
    N_,
    Formatter,
    LanguageError,
    _,
    choose_language,
    current_language,
    ngettext,
    set_language,
)
from timeline.l10n.findings import describe
from timeline.l10n.problems import problem_text
from timeline.load import TimelineError, bundled_path, load
from timeline.model import Timeline
from timeline.output import Interrupted
from tui import streams
from tui.argparse_text import speaking
from tui.process import Ended, ended_by_signals
from tui.safe import clean, clean_block
from tui.start import started

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from timeline.selection import Selection

# Files larger than this open the explorer at once and load behind a progress indicator.
LOAD_IN_BACKGROUND_BYTES = 2 * 1024 * 1024


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            code = _main(argv)
        except SystemExit as exc:  # argparse: --help, --version and usage errors
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
        streams.flush()  # a full disk is known at the last write, or at this one
        return code
    except KeyboardInterrupt:
        return 130
    except (Interrupted, Ended) as exc:
        return 128 + exc.signum
    except BrokenPipeError:
        # `vn-egov list | head`: the reader left; say nothing more.
        sys.stderr.close()
        return 0
    except streams.WriteError as exc:
        streams.say(_("vn-egov: write error: {reason}").format(reason=exc.reason))
        return 1
    except streams.EncodingError as exc:
        message = N_(
            "vn-egov: the output's encoding ({encoding}) cannot hold this text; "
            "use UTF-8, for example PYTHONIOENCODING=utf-8"
        )
        # In English if standard error cannot hold the translation either.
        streams.say(
            _(message).format(encoding=exc.encoding), plain=message.format(encoding=exc.encoding)
        )
        return 1


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    from tui import config  # the reader's remembered settings (no Textual in it)

    remembered, config_problem = config.read(config.config_path())
    try:
        lang, notices = choose_language(_early_lang(args_list), os.environ, remembered.lang)
    except LanguageError as exc:
        streams.say(f"vn-egov: {exc}")
        return 2
    # The command's language, for argparse and the CLI's own lines (the explorer carries
    # its own in its Settings); put back afterwards, for callers that run several.
    before = current_language()
    set_language(lang)
    try:
        for notice in notices:
            streams.say(f"vn-egov: {clean(notice)}")
        if config_problem is not None:
            streams.say(clean(config_problem()))
        with speaking(lang):  # argparse's own words ("usage:", its errors) too
            args = _parser().parse_args(args_list)
        args.remembered = remembered
        if args.run is not _explore:
            started()  # the explorer says so itself, once its first screen is drawn
        return int(args.run(args, lang))
    finally:
        set_language(before)


def _early_lang(argv: list[str]) -> str | None:
    """--lang must be known before the parser is built, since its help is translated."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(argv)
    value: str | None = known.lang
    return value


class _Parser(argparse.ArgumentParser):
    """argparse's parser, its help written as the commands write: argparse itself drops
    a failed write silently, so `vn-egov --help > /dev/full` would exit 0, having said
    nothing anywhere."""

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        streams.write(self.format_help(), cast("TextIO | None", file))


class _Version(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        streams.write("vn-egov 0.1.0\n")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="vn-egov",
        description=_("Explore Vietnam's e-government milestones, every figure with its source."),
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help=_("show the version of vn-egov and exit")
    )
    _add_data(parser)
    _add_lang(parser)
    _add_no_cache(parser)
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

    serve = commands.add_parser("serve", help=_("serve the explorer to web browsers"))
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help=_("address to listen on (default: 127.0.0.1, this machine only)"),
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help=_("port to listen on (default: 8000)")
    )
    _add_data(serve)
    _add_lang(serve)
    _add_no_cache(serve)
    serve.set_defaults(run=_serve)
    return parser


def _port(text: str) -> int:
    if text.isdigit() and int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(
        _("a port is a number from 0 to 65535 (got '{value}')").format(value=text)
    )


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
    streams.say(clean(message))


def _add_no_cache(parser: argparse.ArgumentParser) -> None:
    """The explorer's and the server's: each visitor's explorer gets the same."""
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=_("read the file afresh, without the cache of validated timelines"),
    )


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
    """Every problem of a file, one a line, in the language chosen."""
    fmt = Formatter(current_language())
    for problem in exc.problems:
        streams.write(clean(problem_text(problem, fmt)) + "\n", out or sys.stderr)


# ---------------------------------------------------------------- commands


def _explore(args: argparse.Namespace, lang: str) -> int:
    from timeline.cache import TimelineCache
    from tui.terminal import terminal_problem

    problem = terminal_problem(os.environ)
    if problem is not None:
        streams.say(problem)
        return 2
    path: Path = args.data or bundled_path()
    try:
        info = path.stat()
        # A pipe or a device (`--data <(cat f)`) has no size to judge by: read it behind
        # the loading screen too.
        background = info.st_size > LOAD_IN_BACKGROUND_BYTES or not stat.S_ISREG(info.st_mode)
    except OSError:
        background = False  # load() reports the problem precisely
    cache = None if args.no_cache else TimelineCache.from_environment(os.environ)
    if cache is not None and (refusal := cache.refusal()) is not None:
        streams.say(
            _("vn-egov: not using the cache {directory}: {reason}").format(
                directory=cache.directory, reason=_CACHE_REFUSALS[refusal]()
            )
        )
        cache = None
    read = load if cache is None else cache.load
    from tui import config
    from tui.app import VnEgovApp  # the only place Textual is imported

    remembered: config.Remembered = args.remembered
    settings_path = config.config_path()
    make = partial(
        VnEgovApp,
        lang=lang,
        full=bool(remembered.full),
        theme=remembered.theme,
        remember=config.saver(settings_path),
    )
    if background:
        app = make(None, load=lambda progress: read(path, progress))
    else:
        try:
            timeline = read(path)
        except TimelineError as exc:
            _print_problems(exc)
            return 1
        app = make(timeline)
    if remembered.theme is not None and remembered.theme not in app.available_themes:
        streams.say(
            config.warning(
                settings_path, _("unknown theme {name}").format(name=repr(remembered.theme))
            )
        )
    with ended_by_signals(app):
        app.run()
    error = getattr(app, "load_error", None)
    if isinstance(error, TimelineError):
        _print_problems(error)
        return 1
    return app.return_code or 0


def _serve(args: argparse.Namespace, lang: str) -> int:
    """The explorer in browsers: the data checked once here, then one explorer per visitor."""
    from timeline.cache import TimelineCache

    path: Path = args.data or bundled_path()
    cache = None if args.no_cache else TimelineCache.from_environment(os.environ)
    try:
        (load if cache is None else cache.load)(path)
    except TimelineError as exc:
        _print_problems(exc)
        return 1
    from tui.serve.listen import ListenError, listen

    try:
        listening = listen(args.host, args.port)
    except ListenError as exc:
        print(clean(str(exc)), file=sys.stderr)
        return 1
    if not listening.loopback:
        warning = _("vn-egov: warning: anyone who can reach port {port} on {host} can use it")
        print(clean(warning.format(port=listening.port, host=args.host)), file=sys.stderr)
    # Each visitor's explorer: the same file, language and cache setting as this command.
    explorer = [sys.executable, "-m", "tui", "--lang", lang]
    if args.data is not None:
        explorer += ["--data", str(path.resolve())]
    if args.no_cache:
        explorer.append("--no-cache")
    from tui.serve.server import serve  # aiohttp and textual-serve; never Textual itself

    try:
        return serve(listening, explorer, lang=lang)
    finally:
        listening.close()


# Why the cache directory is not used, in the words of `ls -ld` and of tmux's own refusal.
_CACHE_REFUSALS = {
    "link": lambda: _("it is a symbolic link"),
    "kind": lambda: _("it is not a directory"),
    "owner": lambda: _("it belongs to another user"),
    "mode": lambda: _("others can write to it"),
}


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
        streams.write(clean(_summary(path, timeline)) + "\n")
        fmt = Formatter(lang)
        for warning in timeline.warnings:
            streams.write(clean(f"  ⚠ {describe(warning, fmt)}") + "\n")
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
    from timeline.output import OutputExists, Refused, write_output
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
                # On a terminal control characters are shown, not obeyed; a pipe gets
                # the data exactly. A failed write is the command's write error.
                streams.write(text, shown=clean_block)
                return 0
            write_output(args.output, text, force=args.force, for_terminal=clean_block)
        elif to_stdout:
            return _export_binary_to_stdout(part, args.format)
        else:
            from timeline.export import build
            from timeline.export.whole import publish

            publish(args.output, lambda path: build(part, args.format, path), force=args.force)
    except OutputExists:
        _say(_("vn-egov: {path} exists; add --force to overwrite it").format(path=args.output))
        return 1
    except Refused as exc:
        reason = (
            _("it is a directory")
            if exc.kind == "directory"
            else _("it is a symbolic link to {target}, which does not exist").format(
                target=exc.target
            )
        )
        _say(_("vn-egov: cannot write {path}: {reason}").format(path=args.output, reason=reason))
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
    streams.flush()
    streams.write_bytes(data)
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
        streams.write(as_csl_json(timeline, item))  # JSON escapes every control character
        return 0
    cited = cite(timeline, item, Formatter(lang, full=args.full))
    text = as_markdown(cited) if args.format == "markdown" else as_text(cited)
    streams.write(clean_block(text))
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
    # On a terminal control characters are shown, not obeyed; a pipe gets the data.
    shown = clean if streams.is_terminal(sys.stdout) else str
    for line in lines:
        streams.write(shown(line) + "\n")
    return 0


def _schema(args: argparse.Namespace, lang: str) -> int:
    from timeline.schema import json_schema

    streams.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

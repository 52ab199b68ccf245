"""The `vn-egov` command: the explorer, and validate/export/list/schema for scripts.

validate, export, list and schema never import Textual: they run in pipes and CI, where
start-up time matters and no terminal UI is wanted. Only the explorer imports tui.app.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

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
from timeline.l10n.findings import describe
from timeline.l10n.problems import problem_text
from timeline.load import TimelineError, bundled_path, load
from timeline.model import Timeline
from tui.process import finish
from tui.safe import clean

# Files larger than this open the explorer at once and load behind a progress indicator.
LOAD_IN_BACKGROUND_BYTES = 2 * 1024 * 1024


def run() -> NoReturn:
    """The `vn-egov` command."""
    finish(main())


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        lang, notices = choose_language(_early_lang(args_list), os.environ)
    except LanguageError as exc:
        print(f"vn-egov: {exc}", file=sys.stderr)
        return 2
    set_language(lang)
    for notice in notices:
        print(f"vn-egov: {clean(notice)}", file=sys.stderr)
    args = _parser().parse_args(args_list)
    try:
        return int(args.run(args, lang))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `vn-egov list | head`: the reader left; say nothing more.
        sys.stderr.close()
        return 0


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
    parser.add_argument("--version", action="version", version="vn-egov 0.1.0")
    _add_data(parser)
    _add_lang(parser)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help=_("read the file afresh, without the cache of validated timelines"),
    )
    parser.set_defaults(run=_explore)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help=_("check timeline files and report every problem")
    )
    validate.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help=_("files to check (default: bundled)")
    )
    _add_lang(validate)
    validate.set_defaults(run=_validate)

    export = commands.add_parser("export", help=_("write the timeline as JSON or CSV"))
    _add_data(export)
    export.add_argument("--format", required=True, choices=("json", "csv"), help=_("output format"))
    export.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help=_("file to write (default: stdout)")
    )
    export.add_argument("--force", action="store_true", help=_("overwrite OUT if it exists"))
    _add_lang(export)
    export.set_defaults(run=_export)

    listing = commands.add_parser("list", help=_("print the timeline as plain text"))
    _add_data(listing)
    _add_lang(listing)
    listing.add_argument("--platform", metavar="ID", help=_("only this platform (an id)"))
    listing.add_argument("--search", metavar="TEXT", help=_("only events matching TEXT"))
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
        "--data", type=Path, metavar="FILE", help=_("timeline file (default: the bundled one)")
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
        print(clean(problem_text(problem, fmt)), file=out or sys.stderr)


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
    from tui.app import VnEgovApp  # the only place Textual is imported

    if size > LOAD_IN_BACKGROUND_BYTES:
        app = VnEgovApp(None, lang=lang, load=lambda progress: read(path, progress))
    else:
        try:
            timeline = read(path)
        except TimelineError as exc:
            _print_problems(exc)
            return 1
        app = VnEgovApp(timeline, lang=lang)
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
        fmt = Formatter(lang)
        for warning in timeline.warnings:
            print(clean(f"  ⚠ {describe(warning, fmt)}"))
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
    from timeline.export import OutputExists, to_csv, to_json, write_atomically

    timeline = _open(args.data)
    if timeline is None:
        return 1
    text = to_json(timeline) if args.format == "json" else to_csv(timeline)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(args.output, text, force=args.force)
    except OutputExists:
        print(
            clean(
                _("vn-egov: {path} exists; add --force to overwrite it").format(path=args.output)
            ),
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(
            clean(
                _("vn-egov: cannot write {path}: {reason}").format(
                    path=args.output, reason=exc.strerror or exc
                )
            ),
            file=sys.stderr,
        )
        return 1
    return 0


def _list(args: argparse.Namespace, lang: str) -> int:
    from timeline.listing import render_listing, render_series

    timeline = _open(args.data)
    if timeline is None:
        return 1
    if args.platform and args.platform not in timeline.platform:
        known = ", ".join(p.id for p in timeline.platforms)
        print(
            clean(
                _("vn-egov: unknown platform '{id}' (known: {known})").format(
                    id=args.platform, known=known
                )
            ),
            file=sys.stderr,
        )
        return 2
    render = render_series if args.series else render_listing
    lines = render(
        timeline, Formatter(lang, full=args.full), platform=args.platform, query=args.search
    )
    for line in lines:
        print(clean(line))
    return 0


def _schema(args: argparse.Namespace, lang: str) -> int:
    from timeline.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

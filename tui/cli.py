"""The `vn-egov` command: the explorer, and validate/export/list/schema for scripts.

validate, export, list and schema never import Textual: they run in pipes and CI, where
start-up time matters and no terminal UI is wanted. Only the explorer imports tui.app.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from timeline.l10n import (
    LANGUAGES,
    N_,
    Formatter,
    LanguageError,
    _,
    choose_language,
    ngettext,
    set_language,
)
from timeline.load import TimelineError, bundled_path, load
from timeline.model import Timeline
from timeline.output import Interrupted
from tui import streams
from tui.process import Ended, ended_by_signals, finish
from tui.safe import clean, clean_block

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

# Files larger than this open the explorer at once and load behind a progress indicator.
LOAD_IN_BACKGROUND_BYTES = 2 * 1024 * 1024


def run() -> NoReturn:
    """The `vn-egov` command."""
    finish(main())


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
    try:
        lang, notices = choose_language(_early_lang(args_list), os.environ)
    except LanguageError as exc:
        streams.say(f"vn-egov: {exc}")
        return 2
    set_language(lang)
    for notice in notices:
        streams.say(f"vn-egov: {clean(notice)}")
    args = _parser().parse_args(args_list)
    return int(args.run(args, lang))


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
    parser.add_argument("--version", action=_Version, nargs=0, help=_("show the version and exit"))
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
    for problem in exc.problems:
        streams.write(clean(problem) + "\n", out or sys.stderr)


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
    from tui.app import VnEgovApp  # the only place Textual is imported

    if background:
        app = VnEgovApp(None, lang=lang, load=lambda progress: read(path, progress))
    else:
        try:
            timeline = read(path)
        except TimelineError as exc:
            _print_problems(exc)
            return 1
        app = VnEgovApp(timeline, lang=lang)
    with ended_by_signals(app):
        app.run()
    error = getattr(app, "load_error", None)
    if isinstance(error, TimelineError):
        _print_problems(error)
        return 1
    return app.return_code or 0


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
        for warning in timeline.warnings:
            streams.write(clean(f"  ⚠ {warning.text.get(lang)}") + "\n")
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
    from timeline.export import to_csv, to_json
    from timeline.output import OutputExists, Refused, write_output

    timeline = _open(args.data)
    if timeline is None:
        return 1
    text = to_json(timeline) if args.format == "json" else to_csv(timeline)
    if args.output is None:
        streams.write(text, shown=clean_block)
        return 0
    try:
        write_output(args.output, text, force=args.force, for_terminal=clean_block)
    except OutputExists:
        streams.say(
            clean(_("vn-egov: {path} exists; add --force to overwrite it").format(path=args.output))
        )
        return 1
    except Refused as exc:
        reason = (
            _("it is a directory")
            if exc.kind == "directory"
            else _("it is a symbolic link to {target}, which does not exist").format(
                target=exc.target
            )
        )
        streams.say(
            clean(
                _("vn-egov: cannot write {path}: {reason}").format(path=args.output, reason=reason)
            )
        )
        return 1
    except OSError as exc:
        streams.say(
            clean(
                _("vn-egov: cannot write {path}: {reason}").format(
                    path=args.output, reason=exc.strerror or exc
                )
            )
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

"""`literacy-app`: the command-line front door. Imports no Qt unless a window is opened.

Start-up matters (`literacy-app` alone opens the desktop app), so importing this module and
building the parser load only argparse and light modules: each command imports what it uses
when it runs (tests/core/test_cli_imports.py keeps it so).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from literacy_app import __version__
from literacy_app.commands.common import (
    UsageError,
    add_class_options,
    lesson_named,
    report,
    require_display,
)
from literacy_app.core.errors import FormatError
from literacy_app.i18n import N_, _, ngettext, set_language
from literacy_app.resources import find_lesson

if TYPE_CHECKING:
    from literacy_app.core.taxonomy import Taxonomy


def _write(text: str, destination: str | None) -> None:
    """stdout, or a file written whole or not at all (formats/atomic.py). Any failure (a
    read-only folder, a full disk, a name that is a folder) is one line naming the file:
    the clean-up of the half-written sibling is atomic_write's, and never fails in turn."""
    if destination is None or destination == "-":
        sys.stdout.write(text)
        return
    from literacy_app.formats.atomic import atomic_write

    try:
        atomic_write(Path(destination), text)
    except OSError as err:
        raise UsageError(
            _("{file}: cannot write: {reason}").format(file=destination, reason=err.strerror or err)
        ) from None


# --- commands ---------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from literacy_app.authoring.checking import check
    from literacy_app.formats.io import kind_of

    lesson = lesson_named(args.lesson) if args.lesson else None
    failed = False
    for name in args.paths:
        path = (
            find_lesson(name)
            if kind_of(Path(name)) == "lesson" or not Path(name).exists()
            else Path(name)
        )
        problems = check(path, lesson)
        report(problems)
        errors = [p for p in problems if p.severity == "error"]
        failed = failed or bool(errors)
        if not errors and not args.quiet:
            print(f"{path}: {_verdict(kind_of(path), len(problems))}")
    return 1 if failed else 0


def _verdict(kind: str, warnings: int) -> str:
    """The line `check` prints for a file without errors. A lesson with warnings is not "ok":
    they are what is left unfinished, and `package` refuses it until they are dealt with."""
    if not warnings:
        return _("ok")
    if kind == "lesson":
        return ngettext(
            "not ready to teach: {count} warning (package it with --draft until they are fixed)",
            "not ready to teach: {count} warnings (package it with --draft until they are fixed)",
            warnings,
        ).format(count=warnings)
    return ngettext("ok, with {count} warning", "ok, with {count} warnings", warnings).format(
        count=warnings
    )


def cmd_grade(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from literacy_app.batch import Reported, Unreadable, report_files, sort_out
    from literacy_app.reports import grade as reports
    from literacy_app.reports.cells import scrub
    from literacy_app.reports.emit import Spool, emit, emit_parts
    from literacy_app.reports.progress import Bar

    if args.excel and args.format != "csv":
        raise UsageError(_("--excel is for --format csv"))
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(_("--jobs must be at least 1"))
    lesson = lesson_named(args.lesson)
    bar = Bar() if args.progress else None
    # JSON entries are large (every item and mark): parked on disk until the report is written,
    # so a district's grades are never all in memory; table and CSV rows are small.
    with Spool() as spool:
        results: list[Reported | Unreadable] = []
        for result in report_files(
            lesson,
            [Path(p) for p in args.submissions],
            reports.RENDERERS[args.format],
            args.metric,
            workers=args.jobs,
            progress=bar,
        ):
            if args.format == "json" and isinstance(result, Reported):
                result = replace(result, piece=spool.put(result.piece))
            results.append(result)
        if bar is not None:
            bar.clear()
        batch = sort_out(lesson, results)
        for problem in batch.messages:
            print(scrub(str(problem)), file=sys.stderr)
        try:
            if args.format == "json":
                pieces = reports.to_json(lesson, batch, args.metric, lambda r: spool.get(r.piece))
                emit_parts(pieces, args.output)
            elif args.format == "csv":
                emit(reports.to_csv(batch, args.metric, bom=args.excel), args.output, binary=True)
            else:
                emit(reports.to_table(batch, args.metric), args.output)
        except OSError as err:
            raise UsageError(
                _("{file}: cannot write: {reason}").format(
                    file=args.output, reason=err.strerror or err
                )
            ) from None
    if not results:
        print(_("no submission files found"), file=sys.stderr)
        return 1
    return 1 if batch.rejected else 0


def _taxonomy_table(taxonomy: Taxonomy, palette: Taxonomy) -> str:
    lines = []
    for group in ("framing", "claim"):
        members = [c for c in taxonomy if c.group.value == group]
        lines.append(f"{members[0].group.display_label if members else group}:")
        for c in members:
            flag = "" if c.id in palette else _("  (not in this lesson's palette)")
            key = f"[{c.shortcut}] " if c.shortcut else "    "
            lines.append(f"  {key}{c.id:<28} {c.display_name}{flag}")
            lines.append(f"        {c.display_definition}")
            if c.aliases:
                aliases = _("aliases: {aliases}").format(aliases=", ".join(c.aliases))
                lines.append(f"        {aliases}")
        lines.append("")
    return "\n".join(lines)


def cmd_taxonomy(args: argparse.Namespace) -> int:
    from literacy_app.formats import native

    if args.lesson:
        lesson = lesson_named(args.lesson, with_key=False)
        taxonomy, palette = lesson.taxonomy, lesson.palette
    else:
        taxonomy = palette = native.default_taxonomy()
    if args.format == "json":
        data = native.taxonomy_to_dict(taxonomy)
        data["palette"] = list(palette.ids)
        _write(native.dumps(data), args.output)
    else:
        _write(_taxonomy_table(taxonomy, palette), args.output)
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    require_display(bool(args.screenshot))
    try:
        from literacy_app.gui.app import run
    except ImportError as err:
        raise UsageError(_("the desktop app cannot start: {error}").format(error=err)) from None
    return run(args)


# --- parser -----------------------------------------------------------------------------------

#: argparse's own words, which every --help and every usage error shows around ours: Python
#: looks them up in a catalogue of its own (domain "messages") that no system ships in Spanish,
#: so a Spanish help page would say "usage:" and "options". They are listed here for our
#: catalogue (%-placeholders as argparse fills them) and argparse is pointed at it
#: (`speak_argparse`). Python 3.11 to 3.13 use these texts; one a later Python changes stays
#: English, no worse than before.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def speak_argparse() -> None:
    """argparse's texts from our catalogue, in the language chosen (`ARGPARSE_TEXTS`). Its
    `_` and `ngettext` are looked up when a help page or an error is written, so this holds
    for every parser of the process; a text we do not list comes back as it was."""
    setattr(argparse, "_", _)  # noqa: B010 - argparse's stub does not declare its `_`
    setattr(argparse, "ngettext", ngettext)  # noqa: B010



def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser a command line needs. Starting the app (no arguments, or `open ...`) gets
    the `open` command alone: building all sixteen subcommands, with their modules, is ~5 ms
    of every start (argparse looks up translations for each parser). Anything else, and any
    call for help, gets the whole parser."""
    first = argv[0] if argv else "open"
    asks_help = any(arg in ("-h", "--help") for arg in argv)
    return build_parser(only_open=first == "open" and not asks_help)


def build_parser(only_open: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="literacy-app",
        description=_(
            "Media Literacy Lab: mark framing devices and unsupported claims in an "
            "article, then compare your marks with an instructor's key."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "open",
        help=_("open a lesson (or a submission) in the app"),
        description=_(
            "Start the desktop app on a lesson folder, a bundled lesson id, a "
            "shared lesson package (.zip), or a submission file (which brings its lesson)."
        ),
    )
    p.add_argument("target", nargs="?", metavar="LESSON_OR_SUBMISSION")
    p.add_argument("--lesson", help=_("the lesson of a submission given as TARGET"))
    p.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help=_("render the window to FILE.png once the lesson is loaded, then exit"),
    )
    p.add_argument(
        "--review",
        action="store_true",
        help=_("with a submission: show the checked (review) view"),
    )
    p.add_argument("--size", default="1400x900", help=_("window size for --screenshot (WxH)"))
    p.set_defaults(func=cmd_open)
    if only_open:
        return parser

    p = commands.add_parser(
        "check",
        help=_("validate lessons, keys, submissions, taxonomies"),
        description=_(
            "Exit 0 when every PATH is valid; otherwise print "
            "FILE:LINE:COL: message per problem on stderr and exit 1."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--lesson", help=_("check submissions and keys against this lesson"))
    p.add_argument("-q", "--quiet", action="store_true", help=_("print nothing for valid files"))
    p.set_defaults(func=cmd_check)

    p = commands.add_parser(
        "grade",
        help=_("grade submissions against a lesson's key"),
        description=_(
            "Grade every submission (native or W3C Web Annotation; "
            "folders are searched for *.json). Bad files, and files written for another "
            "lesson, are reported on stderr and left out, the rest are graded, and the exit "
            "status is 1. A student who handed in more than once is graded once, on the "
            "latest submission."
        ),
    )
    p.add_argument("--lesson", required=True, help=_("lesson folder or bundled lesson id"))
    p.add_argument("submissions", nargs="+", metavar="SUBMISSION_OR_FOLDER")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument(
        "--metric",
        choices=("classroom", "semeval"),
        default="classroom",
        help=_("classroom: the app's credit rules; semeval: SemEval-2020 Task 11 spans"),
    )
    p.add_argument("-o", "--output", metavar="FILE", help=_("write here instead of stdout"))
    add_class_options(p)
    p.set_defaults(func=cmd_grade)

    p = commands.add_parser(
        "taxonomy",
        help=_("list the categories in force"),
        description=_("The bundled default taxonomy, or a lesson's."),
    )
    p.add_argument("--lesson", help=_("lesson folder or bundled lesson id"))
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_taxonomy)

    from literacy_app.commands import (
        author,
        desktop,
        interop,
        lesson_tools,
        report,
        review,
        suggest,
    )

    for module in (suggest, review, lesson_tools, author, interop, report, desktop):
        module.register(commands)
    return parser


def prepared_parser(arguments: Sequence[str]) -> argparse.ArgumentParser:
    """The language chosen, then the parser this command line needs (`parser_for`): what every
    start does before it runs a command (the start-up benchmark's probe does the same)."""
    set_language()  # before the parser: its help is translated as it is built
    speak_argparse()
    return parser_for(arguments)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = prepared_parser(arguments)
    args = parser.parse_args(arguments)
    if args.command is None:
        args = parser.parse_args(["open", *arguments])
    try:
        result: int = args.func(args)
        return result
    except FormatError as err:
        report(err.problems)
        return 1
    except UsageError as err:
        print(f"literacy-app: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

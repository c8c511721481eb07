"""`literacy-app import` and `export`: other tools' formats in and out (issue #17).

Each format is one entry of FORMATS: how to tell its files (`claims`), how to read one into
articles with marks (`read`, standoff.Standoff), how to write a key's or a submission's marks
(`write`). W3C Web Annotation carries no text of its own and is read by formats/io.py, which
keeps all a key says; `native` is the app's own format, written only. Nothing here is imported
when the parser is built: each function imports what it uses.

A bad file is FILE:LINE:COL: message on stderr and exit status 1 (a FormatError, reported by
`cli.main`); a wrong call is one line and exit status 2 (UsageError).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from literacy_app.commands.common import UsageError, lesson_named, report
from literacy_app.formats.interchange import (
    FORMATS,
    Exporting,
    ReadOptions,
    format_of,
    to_stderr,
    write_text,
)
from literacy_app.i18n import _
from literacy_app.resources import find_lesson

if TYPE_CHECKING:
    from literacy_app.core.errors import Problem
    from literacy_app.core.key import AnswerKey
    from literacy_app.core.lesson import Lesson
    from literacy_app.formats.standoff import Standoff

KINDS = ("lesson", "key", "submission")


def _write(text: str, destination: str | Path | None) -> None:
    try:
        write_text(text, destination)
    except OSError as err:
        raise UsageError(
            _("{file}: cannot write: {reason}").format(file=destination, reason=err.strerror or err)
        ) from None


def _sources(paths: Sequence[str], forced: str | None) -> list[tuple[str, Path]]:
    """(format, path) per source, a brat pair once however it was named (a.txt and a.ann)."""
    found: list[tuple[str, Path]] = []
    seen: set[Path] = set()
    for name in paths:
        path = Path(name)
        fmt = format_of(path, forced)
        if fmt == "brat":
            path = path.with_suffix(".ann") if path.suffix.lower() == ".txt" else path
        if path in seen:
            continue
        seen.add(path)
        found.append((fmt, path))
    return found


def cmd_import(args: argparse.Namespace) -> int:
    from literacy_app.formats.native import default_taxonomy

    if args.kind != "lesson" and not args.lesson:
        raise UsageError(
            _("--as {kind} needs --lesson LESSON (the lesson it is for)").format(kind=args.kind)
        )
    if args.kind == "lesson" and args.lesson:
        raise UsageError(
            _("--as lesson makes a new lesson: --lesson is for --as key or submission")
        )
    if args.annotation is not None and args.annotation < 0:
        raise UsageError(_("--annotation counts from 0"))
    lesson = lesson_named(args.lesson, with_key=False) if args.lesson else None
    taxonomy = lesson.taxonomy if lesson is not None else default_taxonomy()
    options = ReadOptions(taxonomy, lesson, args.annotation, args.predictions, args.text_key)
    sources = _sources(args.files, args.source_format)
    if any(fmt == "w3c" for fmt, _ in sources):
        if args.kind == "lesson":
            raise UsageError(
                _(
                    "W3C annotations carry no article: import them --as key or --as submission "
                    "with --lesson"
                )
            )
        return _import_w3c([p for _, p in sources], args, lesson)
    articles: list[Standoff] = []
    for fmt, path in sources:
        reader = FORMATS[fmt].read
        if reader is None:
            raise UsageError(
                _("--from {format}: import cannot read this format").format(format=fmt)
            )
        for article in reader(path, options):
            report(article.warnings)
            articles.append(article)
    if not articles:
        raise UsageError(_("no articles found in the files given"))
    if args.kind == "lesson":
        return _import_lessons(articles, args)
    assert lesson is not None
    return _import_onto(articles, lesson, args)


def _outputs(names: Sequence[str], output: str | None, suffix: str) -> list[Path | None]:
    """Where each of several results goes: one to -o (or stdout), several into the folder -o
    names, each by its source's name made safe (no path, only letters, digits, - and _)."""
    if len(names) == 1:
        return [Path(output) if output and output != "-" else None]
    if not output or output == "-":
        raise UsageError(
            _("{count} files to write: name a folder for them with -o").format(count=len(names))
        )
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            _("{folder}: {count} files to write, but this is not a folder").format(
                folder=folder, count=len(names)
            )
        )
    taken: set[str] = set()
    paths: list[Path | None] = []
    for number, name in enumerate(names, start=1):
        stem = _safe_name(name) or f"import-{number}"
        while stem in taken:
            stem = f"{stem}-{number}"
        taken.add(stem)
        paths.append(folder / f"{stem}{suffix}")
    return paths


def _safe_name(name: str) -> str:
    from literacy_app.commands.lesson_tools import slug

    return slug(Path(name).name)


def _import_onto(articles: list[Standoff], lesson: Lesson, args: argparse.Namespace) -> int:
    from literacy_app import __version__
    from literacy_app.core.errors import FormatError
    from literacy_app.core.submission import Student, Submission
    from literacy_app.formats import native
    from literacy_app.formats.standoff import key_of, place_on

    if args.kind == "key" and len(articles) != 1:
        raise UsageError(_("--as key takes one article, found {count}").format(count=len(articles)))
    outputs = _outputs([a.name for a in articles], args.output, f".{args.kind}.json")
    placed = [
        place_on(lesson.article.text, a, orphans_are_errors=args.kind == "key") for a in articles
    ]
    problems = [p for result in placed for p in result.problems]
    if any(p.severity == "error" for p in problems):
        raise FormatError(problems)
    report(problems)
    for article, result, output in zip(articles, placed, outputs, strict=True):
        if args.kind == "key":
            key = key_of(result.marks, lesson.id, lesson.article.sha256)
            _write(native.dumps(native.key_to_dict(key)), output)
            if any(not item.rationale.strip() for item in key.items):
                report([_empty_rationales(article.file, key)])
        else:
            submission = Submission(
                marks=result.marks,
                lesson=lesson.id,
                article_sha256=lesson.article.sha256,
                student=Student(article.student or article.name),
                app_version=__version__,
            )
            _write(native.dumps(native.submission_to_dict(submission)), output)
        if output is not None:
            count = len(result.marks)
            print(
                _("{file}: {count} marks imported from {source}").format(
                    file=output, count=count, source=article.file
                ),
                file=sys.stderr,
            )
    return 0


def _empty_rationales(file: str, key: AnswerKey) -> Problem:
    from literacy_app.core.errors import Problem

    missing = sum(1 for item in key.items if not item.rationale.strip())
    return Problem(
        file,
        _(
            "{missing} of {count} key items have no rationale: students see no "
            "explanation until you write them (instructor mode; `literacy-app check` lists them)"
        ).format(missing=missing, count=len(key.items)),
        severity="warning",
    )


def _import_lessons(articles: list[Standoff], args: argparse.Namespace) -> int:
    if args.id and len(articles) != 1:
        raise UsageError(_("--id names one lesson, but there are several articles"))
    created = []
    for number, article in enumerate(articles, start=1):
        if len(articles) == 1:  # as `new-lesson` names it: by the folder it makes, if named
            named = _safe_name(args.output) if args.output else ""
            lesson_id = args.id or named or _safe_name(article.name) or "lesson"
            folder = Path(args.output) if args.output else Path(lesson_id)
        else:
            lesson_id = _safe_name(article.name) or f"lesson-{number}"
            folder = Path(args.output or ".") / lesson_id
        created.append(_new_lesson(article, lesson_id, args.title, folder))
    for folder, lesson_id, items in created:
        print(
            _(
                "{folder}: created lesson {lesson} with {count} key items; write their "
                "rationales, the instructions, hints and debrief (`literacy-app check` lists "
                "what is left)"
            ).format(folder=folder, lesson=repr(lesson_id), count=items)
        )
    return 0


def _new_lesson(
    article: Standoff, lesson_id: str, title: str | None, folder: Path
) -> tuple[Path, str, int]:
    """A lesson folder with the article and its marks as the key; nothing is left behind
    when any step fails."""
    import contextlib
    import shutil

    from literacy_app.authoring.choices import ID_PATTERN
    from literacy_app.authoring.importing import ImportedArticle
    from literacy_app.authoring.writing import new_lesson, save_lesson
    from literacy_app.core.errors import FormatError
    from literacy_app.formats.lesson_package import load_lesson
    from literacy_app.formats.standoff import key_of, place_on

    if not ID_PATTERN.match(lesson_id):
        raise UsageError(
            _("--id {id}: expected letters, digits, '-' and '_'").format(id=repr(lesson_id))
        )
    existed = folder.exists()
    try:
        new_lesson(folder, ImportedArticle(article.text, article.title), lesson_id, title or "")
    except OSError as err:
        raise UsageError(
            _("{file}: {reason}").format(file=folder, reason=err.strerror or err)
        ) from None
    try:
        lesson = load_lesson(folder)
        placed = place_on(lesson.article.text, article, orphans_are_errors=True)
        if placed.errors:
            raise FormatError(placed.problems)
        key = key_of(placed.marks, lesson.id, lesson.article.sha256)
        save_lesson(lesson, key)
        load_lesson(folder)  # the key reads back before anyone is told it worked
    except BaseException:
        if existed:  # new_lesson took it empty: leave it empty
            for child in folder.iterdir():
                with contextlib.suppress(OSError):
                    child.unlink()
        else:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder, lesson_id, len(key.items)


def _import_w3c(paths: list[Path], args: argparse.Namespace, lesson: Lesson | None) -> int:
    """W3C Web Annotation into the native format: the readers of formats/io.py, which keep
    everything a key says (weights, alternatives, hints)."""
    from literacy_app.formats import native
    from literacy_app.formats.io import read_key, read_submission

    assert lesson is not None
    if args.kind == "key" and len(paths) != 1:
        raise UsageError(_("--as key takes one file, found {count}").format(count=len(paths)))
    outputs = _outputs([p.stem for p in paths], args.output, f".{args.kind}.json")
    for path, output in zip(paths, outputs, strict=True):
        if args.kind == "key":
            loaded_key = read_key(path, lesson)
            report(loaded_key.warnings)
            _write(native.dumps(native.key_to_dict(loaded_key.value)), output)
        else:
            loaded = read_submission(path, lesson)
            report(loaded.warnings)
            _write(native.dumps(native.submission_to_dict(loaded.value)), output)
    return 0


# --- export -----------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from literacy_app.formats.io import kind_of, lesson_id_of, read_key, read_submission
    from literacy_app.formats.standoff import key_marks

    path = Path(args.path) if Path(args.path).exists() else find_lesson(args.path)
    kind = kind_of(path)
    lesson = lesson_named(args.lesson) if args.lesson else None
    if kind == "lesson":
        lesson = lesson_named(str(path))
        if lesson.key is None:
            raise UsageError(_("{path}: the lesson has no key to export").format(path=path))
        item = Exporting(lesson.article.text, key_marks(lesson.key), lesson, key=lesson.key)
    else:
        if lesson is None:
            lesson = lesson_named(lesson_id_of(path))
        if kind == "key":
            key = read_key(path, lesson).value
            item = Exporting(lesson.article.text, key_marks(key), lesson, key=key)
        else:
            loaded = read_submission(path, lesson)
            report(loaded.warnings)
            submission = loaded.value
            item = Exporting(lesson.article.text, submission.marks, lesson, submission=submission)
    writer = FORMATS[args.to].write
    if writer is None:
        raise UsageError(_("--to {format}: export cannot write this format").format(format=args.to))
    if args.to in ("brat", "ptc") and (args.output is None or args.output == "-"):
        if args.to == "brat":
            needs = _("--to {format} needs -o FILE.ann (the .txt is written beside it)")
        else:
            needs = _("--to {format} needs -o FOLDER")
        raise UsageError(needs.format(format=args.to))
    try:
        writer(item, args.output, to_stderr)
    except ValueError as err:
        raise UsageError(f"--to {args.to}: {err}") from None
    except OSError as err:
        raise UsageError(
            _("{file}: cannot write: {reason}").format(file=args.output, reason=err.strerror or err)
        ) from None
    return 0


# --- parsers ----------------------------------------------------------------------------------


def register(commands: Any) -> None:
    readable = [name for name, entry in FORMATS.items() if entry.read is not None or name == "w3c"]
    p = commands.add_parser(
        "import",
        help=_(
            "bring in another tool's annotations (brat, Label Studio, W3C) as a lesson, "
            "a key or a submission"
        ),
        description=_(
            "Read FILEs made by another annotation tool. --as lesson makes a new "
            "lesson folder from each article (its marks become the key, rationales left empty "
            "for you to write); --as key and --as submission write the app's own key.json or "
            "submission for --lesson, to -o or stdout (several files: -o names a folder). The "
            "format is told from the file: a .ann with its .txt (brat), a Label Studio JSON "
            "export, W3C Web Annotation; --from names it. Bad input is reported as "
            "FILE:LINE:COL: message on stderr, exit status 1."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--as", dest="kind", choices=KINDS, required=True)
    p.add_argument("--lesson", help=_("with --as key or submission: the lesson it is for"))
    p.add_argument("--from", dest="source_format", choices=readable, help=_("the files' format"))
    p.add_argument("-o", "--output", metavar="OUT", help=_("file or folder to write"))
    p.add_argument(
        "--id", help=_("with --as lesson: the new lesson's id (default: the file's name)")
    )
    p.add_argument("--title", help=_("with --as lesson: its title (default: the first line)"))
    p.add_argument(
        "--annotation",
        type=int,
        metavar="N",
        help=_("Label Studio: which of a task's annotations to take, from 0 (default: the first)"),
    )
    p.add_argument(
        "--predictions", action="store_true", help=_("Label Studio: take predictions instead")
    )
    p.add_argument(
        "--text-key", metavar="KEY", help=_("Label Studio: the data field with the text")
    )
    p.set_defaults(func=cmd_import)

    p = commands.add_parser(
        "export",
        help=_("write a submission or key in another format"),
        description=_(
            "Convert a submission, a key or a lesson's key. --to brat writes a .ann "
            "(-o FILE.ann) and the article beside it as .txt; --to labelstudio writes one task "
            "with the marks as one annotation."
        ),
    )
    p.add_argument("path", metavar="PATH", help=_("submission, key, or lesson folder (its key)"))
    p.add_argument(
        "--to", choices=[n for n, f in FORMATS.items() if f.write is not None], required=True
    )
    p.add_argument("--lesson", help=_("the lesson the file belongs to (default: the one it names)"))
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_export)

"""`new-lesson`, `package`, `unpack`: the authoring core from the command line (no Qt).

Errors follow the CLI's rule: a bad file is FILE:LINE:COL: message (a FormatError, reported by
`cli.main`), anything else one line on stderr, exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from literacy_app.authoring.choices import DIFFICULTIES, ID_PATTERN
from literacy_app.i18n import _, ngettext
from literacy_app.resources import find_lesson


def _fail(message: str) -> int:
    print(f"literacy-app: {message}", file=sys.stderr)
    return 1


def _os_message(err: OSError) -> str:
    """FileExistsError and friends as one line: the path and what went wrong."""
    if err.filename and err.strerror:
        return f"{err.filename}: {err.strerror}"
    return str(err)


def slug(text: str) -> str:
    """A lesson id from a title or folder name: lower-case letters and digits joined by '-'."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return "-".join(words)[:60].strip("-")


def _read_stdin() -> str:
    from literacy_app.core.text import decode

    stream: Any = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return decode(stream.read(), "<stdin>")
    return sys.stdin.read()


def cmd_new_lesson(args: argparse.Namespace) -> int:
    from literacy_app.authoring.importing import import_article, import_text
    from literacy_app.authoring.writing import new_lesson

    article = (
        import_text(_read_stdin()) if args.source == "-" else import_article(Path(args.source))
    )
    if not article.text.strip():
        return _fail(_("the article is empty: no text to make a lesson from"))
    folder = Path(args.output)
    lesson_id = args.id or slug(folder.name) or slug(args.title or article.title) or "lesson"
    if not ID_PATTERN.match(lesson_id):
        return _fail(
            _("--id {id}: expected letters, digits, '-' and '_'").format(id=repr(lesson_id))
        )
    categories = (
        [c.strip() for c in args.categories.split(",") if c.strip()] if args.categories else None
    )
    try:
        created = new_lesson(
            folder,
            article,
            lesson_id,
            args.title or article.title or lesson_id,
            difficulty=args.difficulty,
            minutes=args.minutes,
            categories=categories,
        )
    except OSError as err:
        return _fail(_os_message(err))
    source = "<stdin>" if args.source == "-" else args.source
    for note in article.notes:  # what the author should check before adding key items
        print(_("{file}: warning: {note}").format(file=source, note=note), file=sys.stderr)
    print(
        _(
            "{folder}: created lesson {lesson}; write its instructions, hints and debrief in "
            "lesson.md, then add the key items in instructor mode"
        ).format(folder=created, lesson=repr(lesson_id))
    )
    return 0


def cmd_package(args: argparse.Namespace) -> int:
    """Share a lesson `check` finds nothing unfinished in; with --draft, any lesson that loads,
    saying what is unfinished (an instructor trying a lesson out with a colleague)."""
    from literacy_app.authoring.packaging import export_lesson
    from literacy_app.authoring.validate import lesson_problems
    from literacy_app.core.errors import FormatError

    lesson = find_lesson(args.lesson)
    problems = lesson_problems(lesson, handout=args.handout)
    if any(p.severity == "error" for p in problems):
        raise FormatError(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    if problems and not args.draft:
        return _fail(
            ngettext(
                "{lesson}: not ready to teach ({count} unfinished part, listed above): finish "
                "it, or package it as a draft with --draft",
                "{lesson}: not ready to teach ({count} unfinished parts, listed above): finish "
                "it, or package it as a draft with --draft",
                count,
            ).format(lesson=lesson, count=count)
        )
    try:
        exported = export_lesson(lesson, Path(args.output), handout=args.handout)
    except OSError as err:
        return _fail(_os_message(err))
    print(_packaged(args.handout, count).format(file=exported.destination, count=count))
    for left_out in exported.left_out:  # a teacher should know what students will not see
        print(f"  {left_out}")
    return 0


def _packaged(handout: bool, unfinished: int) -> str:
    """The line `package` ends with, whole sentences for the translator (not glued parts)."""
    if not unfinished:
        return _("{file}: handout (no key)") if handout else _("{file}: full package (with key)")
    if handout:
        return ngettext(
            "{file}: handout (no key), a draft with {count} unfinished part (listed above)",
            "{file}: handout (no key), a draft with {count} unfinished parts (listed above)",
            unfinished,
        )
    return ngettext(
        "{file}: full package (with key), a draft with {count} unfinished part (listed above)",
        "{file}: full package (with key), a draft with {count} unfinished parts (listed above)",
        unfinished,
    )


def cmd_unpack(args: argparse.Namespace) -> int:
    from literacy_app.authoring.packaging import import_package

    try:
        folder = import_package(Path(args.zip), Path(args.output))
    except OSError as err:
        return _fail(_os_message(err))
    print(_("{folder}: unpacked and checked").format(folder=folder))
    return 0


def _minutes(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a whole number, got {value}").format(value=repr(value))
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError(
            _("expected at least 1, got {number}").format(number=number)
        )
    return number


def register(commands: Any) -> None:
    """Add the authoring subcommands to the `literacy-app` parser's subcommands."""
    p = commands.add_parser(
        "new-lesson",
        help=_("start a lesson from an article (.txt, .md, .html)"),
        description=_(
            "Import an article and create a lesson folder: lesson.md with placeholder "
            "instructions, hints and debrief, article.txt (frozen from now on: the key is "
            "anchored to it) and an empty key.json. Web pages are reduced to the article's own "
            "text and its title, author, date and site."
        ),
    )
    p.add_argument(
        "source",
        metavar="SOURCE",
        help=_("article file (.txt, .md, .html, .htm), or - for stdin"),
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FOLDER",
        help=_("new lesson folder (must not exist, or be empty)"),
    )
    p.add_argument("--id", help=_("lesson id (default: from the folder name)"))
    p.add_argument("--title", help=_("lesson title (default: the article's headline)"))
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="intermediate")
    p.add_argument("--minutes", type=_minutes, default=20, help=_("estimated time (default 20)"))
    p.add_argument(
        "--categories",
        metavar="ID,ID,...",
        help=_("the palette students choose from (default: every category)"),
    )
    p.set_defaults(func=cmd_new_lesson)

    p = commands.add_parser(
        "package",
        help=_("export a lesson as a folder or .zip (full, or a handout without key)"),
        description=_(
            "Write the lesson package to DEST: a .zip file (one top folder named "
            "after the lesson id) or a new folder. --handout leaves the key out, so students "
            "get Submit instead of Check, and with it the Debrief, the Teacher notes and any "
            "hint that quotes a key item; Instructions that quote one are refused. A lesson "
            "that `check` warns about (something left unfinished) is refused unless --draft "
            "is given."
        ),
    )
    p.add_argument("lesson", metavar="LESSON", help=_("lesson folder or bundled lesson id"))
    p.add_argument(
        "-o", "--output", required=True, metavar="DEST", help=_("DEST.zip or new folder")
    )
    p.add_argument(
        "--handout", action="store_true", help=_("leave the answer key and every answer out")
    )
    p.add_argument(
        "--draft",
        action="store_true",
        help=_(
            "package a lesson that is not finished yet (placeholder text, no hints or "
            "debrief, an empty key...), listing what is left to do; without it such a lesson "
            "is refused"
        ),
    )
    p.set_defaults(func=cmd_package)

    p = commands.add_parser(
        "unpack",
        help=_("unpack a shared lesson .zip safely and check it"),
        description=_(
            "Unpack ZIP into FOLDER/<lesson folder>, refusing absolute paths, '..', "
            "links and oversized files, and check the lesson before it is kept."
        ),
    )
    p.add_argument("zip", metavar="ZIP")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FOLDER",
        help=_("where to put the lesson folder"),
    )
    p.set_defaults(func=cmd_unpack)

"""`literacy-app author`: instructor mode, a window for writing lessons and answer keys."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from literacy_app.i18n import _
from literacy_app.resources import find_lesson


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "author",
        help=_("instructor mode: write a lesson and its answer key"),
        description=_(
            "Open a lesson folder in instructor mode (mark the key, write rationales, "
            "edit the lesson text, suggestions, checks, export), or --new to import an article "
            "(.txt, .md, .html) into a new lesson."
        ),
    )
    parser.add_argument(
        "lesson", nargs="?", metavar="LESSON", help=_("lesson folder or bundled id")
    )
    parser.add_argument("--new", action="store_true", help=_("start by importing an article"))
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help=_("render the window once loaded, then exit")
    )
    parser.add_argument("--size", default="1460x900", help=_("window size for --screenshot"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from literacy_app.commands.common import require_display

    require_display(bool(args.screenshot))
    # Qt is imported only when a window opens: the rest of the CLI stays Qt-free.
    from PySide6.QtWidgets import QApplication

    from literacy_app.core.errors import FormatError
    from literacy_app.formats.lesson_package import load_lesson
    from literacy_app.gui import dialogs
    from literacy_app.gui.app import application, install_crash_handler
    from literacy_app.gui.author_recovery import offer_author_recovery
    from literacy_app.gui.author_window import AuthorWindow, new_lesson_dialog
    from literacy_app.gui.termination import flush_on_termination

    app = application()
    if args.new:
        folder = new_lesson_dialog(None)
        if folder is None:
            return 1
    elif args.lesson:
        folder = find_lesson(args.lesson)
    else:
        message = _("name a LESSON folder, or use --new")
        print(f"literacy-app author: {message}", file=sys.stderr)
        return 2
    try:
        lesson = load_lesson(Path(folder))
    except FormatError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        if not args.screenshot:
            dialogs.problems(None, _("Could not open {folder}").format(folder=folder), err.problems)
        return 1
    restored_from = None
    if not args.screenshot:
        lesson, restored_from = offer_author_recovery(lesson, None)
    window = AuthorWindow(lesson, restored_from)
    if args.screenshot:
        width, height = (int(v) for v in args.size.lower().split("x"))
        window.resize(width, height)
        window.show()
        if lesson.key and lesson.key.items:
            window.select_item(lesson.key.items[0].id)
        for _round in range(5):  # not `_`: that is the translation function
            QApplication.processEvents()
        image = window.grab()
        return 0 if image.save(args.screenshot) else 1
    install_crash_handler()
    flush_on_termination(app, window.autosave.write)
    window.show()
    return app.exec()

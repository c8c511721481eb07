"""What every command shares: the error for a wrong call, and the check that a window can be
opened at all. Below both `cli.py` and the command modules, so that every import points down
(the commands used to import these from `cli`, which imports the commands: a circle)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from literacy_app.i18n import _

__all__ = ["UsageError", "add_class_options", "lesson_named", "report", "require_display"]

if TYPE_CHECKING:
    from literacy_app.core.errors import Problem
    from literacy_app.core.lesson import Lesson


class UsageError(Exception):
    """A problem with how the command was called, reported as one line on stderr."""


def require_display(screenshot: bool) -> None:
    """Called before any window. A screenshot needs no display, so it is drawn offscreen; a
    window does, and without one Qt aborts with a core dump instead of a message."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    unix_desktop = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
    if unix_desktop and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise UsageError(
            _(
                "no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set): "
                "run it in a desktop session, or pass --screenshot FILE.png, which needs none"
            )
        )


def add_class_options(parser: argparse.ArgumentParser) -> None:
    """The options `grade` and `review` share for a class's files: the spreadsheet's byte-order
    mark, a progress bar, and how many processes read and grade."""
    parser.add_argument(
        "--excel",
        "--bom",
        dest="excel",
        action="store_true",
        help=_(
            "with --format csv: start the file with a UTF-8 byte-order mark, which Excel "
            "needs to read names with accents (LMS importers are better without it)"
        ),
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help=_("show a progress bar on stderr while reading and grading (when it is a terminal)"),
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help=_(
            "processes to read and grade with (default: one per core when there are many "
            "files, one for a handful)"
        ),
    )


def report(problems: Sequence[Problem]) -> None:
    """Problems on stderr, one `FILE:LINE:COL: message` line each."""
    for problem in problems:
        print(problem, file=sys.stderr)


def lesson_named(name: str | None, with_key: bool = True) -> Lesson:
    """The lesson a `--lesson` names (a folder or a bundled id); the first lesson without one."""
    from literacy_app.formats.lesson_package import load_lesson
    from literacy_app.resources import default_lesson, find_lesson

    path = find_lesson(name) if name else default_lesson()
    return load_lesson(path, with_key=with_key)

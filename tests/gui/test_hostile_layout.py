"""Issue #14: content cannot blow up the layout. Titles and attribution at the longest the
lesson schema allows, in one unbroken "word", still give a window that fits a 1024-pixel screen;
the lesson schema refuses anything longer (tests/formats/test_hostile_files.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.rich_text import breakable
from literacy_app.gui.settings import Settings
from tests.conftest import LESSON_MD


def test_unbroken_titles_and_names_at_the_schema_limit_fit_a_small_screen(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    title = "W" * 300
    lesson_md = LESSON_MD.replace("---\n", "---\n", 1)
    lines = lesson_md.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[index] = f"title: {title}"
    lines.insert(index + 1, f"attribution:\n  author: {'A' * 500}\n  original: {'O' * 500}")
    folder = make_lesson(lesson_md="\n".join(lines))
    lesson = load_lesson(folder)
    assert lesson.title == title
    window = MainWindow(Workspace(lesson), Settings())
    qtbot.addWidget(window)
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 700)
    window.show()
    window.grab()
    assert window.width() <= 1024
    assert window.lesson_view.title_label.toolTip()  # the whole title, for whoever wants it
    assert title in window.lesson_view.title_label.accessibleName()


def test_break_opportunities_are_invisible_and_only_where_needed() -> None:
    assert breakable("A short title") == "A short title"
    long = breakable("x" * 30 + " ok")
    assert long.replace("\u200b", "") == "x" * 30 + " ok"
    assert all(len(part) <= 12 for part in long.split(" ")[0].split("\u200b"))

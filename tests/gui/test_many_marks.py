"""Issue #15: thousands of marks on a long article. Highlights are built for the text in and
around the screen, so an edit costs the same with 5 marks or 5,000 (benchmarks/bench_editing.py
has the timings); these check that what the student sees is still right everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from benchmarks import synthetic
from literacy_app.core.marks import Mark, context_of
from literacy_app.core.submission import Submission
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.settings import Settings

LESSON_MD = """---
format: literacy-lesson
version: 1
id: long
title: A long article
article: article.txt
---

## Instructions
Mark what persuades.
"""


def _window(qtbot: QtBot, tmp_path: Path, marks: int) -> MainWindow:
    text = synthetic.article(20_000)  # ~120 KB
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "article.txt").write_text(text, encoding="utf-8")
    (folder / "lesson.md").write_text(LESSON_MD, encoding="utf-8")
    lesson = load_lesson(folder)
    text = lesson.article.text
    spans = synthetic._word_spans(text)
    step = len(spans) // marks
    made = tuple(
        Mark(f"m{n}", *spans[n * step], "loaded_language", **context_of(text, *spans[n * step]))
        for n in range(marks)
    )
    workspace = Workspace.from_submission(lesson, Submission(made, lesson="long"), None)
    window = MainWindow(workspace, Settings())
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # the layout settles, and the highlighted window with it
    return window


def test_highlights_follow_the_screen_over_a_long_article(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path, 2_000)
    article = window.article
    marks = list(window.workspace.marks)
    assert 0 < article.extra_selection_count() < len(marks) / 4  # not one per mark
    first, last = marks[0], marks[-1]
    assert article.format_at(first.start) is not None  # on screen: highlighted
    article.scroll_to(last.start, last.end)  # to the end, as a student scrolling down
    QApplication.processEvents()
    assert article.format_at(last.start) is not None
    bar = article.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # and a drag of the scroll bar to the middle
    QApplication.processEvents()
    middle = article.from_qt(article.cursorForPosition(article.rect().center()).position())
    near = min(marks, key=lambda m: abs(m.start - middle))
    assert article.format_at(near.start) is not None


def test_a_mark_added_off_screen_is_highlighted_when_scrolled_to(
    qtbot: QtBot, tmp_path: Path, make_lesson: Callable[..., Path]
) -> None:
    window = _window(qtbot, tmp_path, 500)
    article = window.article
    text = window.workspace.text
    far = len(text) - 200
    while not text[far].isalpha():
        far += 1
    article.select_span(far, far + 4)  # selected by keyboard, without scrolling
    made = window.mark_selection(window.workspace.lesson.palette.ids[1])
    assert made is not None
    article.scroll_to(made.start, made.end)
    QApplication.processEvents()
    highlight = article.format_at(made.start)
    assert highlight is not None
    window.undo_stack.undo()  # and undone: gone from the screen too
    QApplication.processEvents()
    assert article.format_at(made.start) is None or made.id not in window.workspace.marks
    assert made.id not in window.workspace.marks

"""Teacher notes are the teacher's: instructor mode shows and edits them, and the student's lesson
pane never has them in its document, before or after the check, hints and all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.author_window import AuthorWindow
from literacy_app.gui.lesson_view import LessonView
from literacy_app.resources import bundled_lessons
from tests.conftest import LESSON_MD
from tests.gui.helpers import shown_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SECRET = "Zanzibar-objective"  # a word no other part of the lesson holds
NOTES = (
    f"### Learning objectives\n- {SECRET}: students name the source of each figure.\n\n"
    "### Level and time\nGrades 9-10, one 45-minute class.\n"
)
LESSON_WITH_NOTES = LESSON_MD + f"\n## Teacher's notes\n{NOTES}\n## Glossary\nA word list.\n"


def _everything_shown(view: LessonView) -> str:
    return view.displayed_text() + view.browser.toHtml()


def test_the_student_pane_never_shows_the_teacher_notes(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    # The debrief opening at the first check (tests/gui/test_reveal.py covers the default).
    setting = "minutes: 5\nreveal: after_first_attempt\n"
    revealing = LESSON_WITH_NOTES.replace("minutes: 5\n", setting)
    lesson = load_lesson(make_lesson(lesson_md=revealing))
    assert SECRET in lesson.text.teacher_notes  # a near spelling of the heading counts too
    assert [heading for heading, _ in lesson.text.other] == ["Glossary"]
    window = shown_window(qtbot, Workspace(lesson))
    view = window.lesson_view
    assert "A word list." in view.displayed_text()  # further sections are for students
    assert SECRET not in _everything_shown(view)
    while view.reveal_next_hint():
        assert SECRET not in _everything_shown(view)
    window.check()
    assert view.debrief_visible()
    assert "Well done." in view.displayed_text()
    assert SECRET not in _everything_shown(view)
    assert "Learning objectives" not in view.displayed_text()
    assert "Teacher" not in view.displayed_text()


def _sentences(markdown: str) -> list[str]:
    """Plain runs of words from the notes, long enough to be the notes' own."""
    words = [
        run.strip()
        for line in markdown.split("\n")
        for run in line.replace("*", "|").replace("`", "|").replace("[", "|").split("|")
    ]
    return [run for run in words if len(run) > 40 and not run.startswith("#")]


@pytest.mark.parametrize("folder", bundled_lessons(), ids=lambda p: p.name)
def test_bundled_teacher_notes_stay_out_of_the_student_pane(qtbot: QtBot, folder: Path) -> None:
    lesson = load_lesson(folder)
    view = LessonView(lesson)
    qtbot.addWidget(view)
    while view.reveal_next_hint():
        pass
    view.set_checked(True)
    shown = " ".join(view.displayed_text().split())
    leaked = [s for s in _sentences(lesson.text.teacher_notes) if " ".join(s.split()) in shown]
    assert leaked == []
    assert "Learning objectives" not in shown


def test_instructor_mode_shows_and_edits_the_teacher_notes(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    folder = make_lesson(lesson_md=LESSON_WITH_NOTES)
    window = AuthorWindow(load_lesson(folder))
    qtbot.addWidget(window)
    editor = window.lesson_editor
    tabs = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert tabs[tabs.index("Debrief") + 1] == "Teacher notes"
    notes = editor.teacher_notes
    assert notes.text() == NOTES.strip()
    editor.tabs.setCurrentWidget(notes)
    qtbot.waitUntil(lambda: SECRET in notes.preview.toPlainText())  # the same Markdown preview

    notes.editor.setPlainText(NOTES.strip() + "\n\nAllow ten minutes for the lateral reading.")
    assert window.lesson_draft.teacher_notes.endswith("lateral reading.")
    window.undo_stack.undo()
    assert window.lesson_draft.teacher_notes == NOTES.strip()
    assert notes.text() == NOTES.strip()
    window.undo_stack.redo()
    assert window.save()

    saved = (folder / "lesson.md").read_text(encoding="utf-8")
    assert saved.index("## Debrief") < saved.index("## Teacher notes") < saved.index("## Glossary")
    reloaded = load_lesson(folder)
    assert reloaded.text.teacher_notes.endswith("Allow ten minutes for the lateral reading.")
    assert [heading for heading, _ in reloaded.text.other] == ["Glossary"]

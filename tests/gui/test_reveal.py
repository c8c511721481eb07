"""The first check is a reason to look again, not the answer sheet.

By default a check shows what was found (and mislabels and near misses, with their feedback)
and only counts what is missing, per paragraph; the missed passages, their explanations, their
outlines and the debrief come with the second attempt, or when the student asks (Lesson > Show
answers), which the submission records. The lesson's `reveal:` setting changes when. A mark the
key does not hold says, when clicked, what that means.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from literacy_app.authoring.writing import lesson_metadata, write_lesson_md
from literacy_app.core.errors import FormatError
from literacy_app.core.lesson import Reveal
from literacy_app.core.submission import AnswersShown, Student
from literacy_app.core.workspace import Workspace
from literacy_app.formats import native
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import dialogs
from literacy_app.gui.actions import ActionId
from literacy_app.gui.author_window import AuthorWindow
from literacy_app.gui.feedback import MissingGroup
from literacy_app.gui.lesson_view import LOCKED_NOTE
from literacy_app.gui.main_window import MainWindow
from tests.conftest import ARTICLE, KEY_ITEMS, LESSON_MD, span_of
from tests.gui.helpers import check_with_keys, click_at, mark_words, shown_window

CTRL = Qt.KeyboardModifier.ControlModifier
MISSED = ["Experts say", "so-called “reform”", "90% of residents", "only wants to win"]
SECOND_PARAGRAPH = (ARTICLE.index("Experts say"), len(ARTICLE.rstrip("\n")))


def lesson_md(reveal: str | None) -> str:
    return LESSON_MD.replace("minutes: 5\n", f"minutes: 5\nreveal: {reveal}\n" if reveal else "")


@pytest.fixture
def open_window(qtbot: QtBot, make_lesson: Callable[..., Path]) -> Callable[..., MainWindow]:
    def make(reveal: str | None = None, key: bool = True) -> MainWindow:
        lesson = load_lesson(make_lesson(lesson_md=lesson_md(reveal), key=key))
        return shown_window(qtbot, Workspace(lesson, student=Student("Ada", "a1")))

    return make


class ShowAnswersBox:
    """Answers "Show the answers?" for the student, in order, and records each question."""

    def __init__(self) -> None:
        self.replies: list[str] = []
        self.asked: list[str] = []

    def __call__(self, parent: object, missed: int, attempts: int) -> str:
        self.asked.append(f"{missed} after {attempts}")
        return self.replies.pop(0)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> ShowAnswersBox:
    box = ShowAnswersBox()
    monkeypatch.setattr(dialogs, "ask_show_answers", box)
    return box


def back(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.article, Qt.Key.Key_B, CTRL)


def everything_said(window: MainWindow) -> str:
    """Every word the review shows: table cells and tooltips, labels, the detail, the status
    bar, and the lesson panel."""
    panel = window.results_panel
    assert panel is not None
    model = panel.model
    words = [
        str(model.index(r, c).data(role) or "")
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    ]
    words += [panel.score_label.text(), panel.counts_label.text(), panel.hidden_label.text()]
    words += [panel.detail.toPlainText(), window.statusBar().currentMessage()]
    words.append(window.lesson_view.displayed_text())
    return "\n".join(words)


def group_row(window: MainWindow) -> int:
    panel = window.results_panel
    assert panel is not None
    model = panel.model
    return next(r for r in range(model.rowCount()) if isinstance(model.row_at(r), MissingGroup))


def red_outline_around(window: MainWindow, quote: str) -> bool:
    """Whether the article draws the "missed" outline (#c62828) around `quote`."""
    image = window.article.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    for rect in window.article.range_rects(*span_of(ARTICLE, quote)):
        box = rect.adjusted(-4, -1, 4, 1)
        for x in range(int(box.left() * ratio), int(box.right() * ratio)):
            for y in range(int(box.top() * ratio), int(box.bottom() * ratio)):
                if not (0 <= x < image.width() and 0 <= y < image.height()):
                    continue
                pixel = QColor(image.pixel(x, y))
                if pixel.red() > 150 and pixel.green() < 90 and pixel.blue() < 90:
                    return True
    return False


def test_the_first_check_counts_what_is_missing_and_quotes_none_of_it(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    mark_words(window, "reckless", "loaded_language")  # found
    mark_words(window, "ruin the city", "loaded_language")  # the right passage, another category
    check_with_keys(qtbot, window)
    said = everything_said(window)
    for quote in [*MISSED, "Buses will stop running"]:
        assert quote not in said
    assert "Rationale for" not in said
    panel = window.results_panel
    assert panel is not None
    assert panel.model.rowCount() == 3  # found, mislabeled, and one paragraph still to find
    row = group_row(window)
    expected = panel.model.index(row, panel.model.EXPECTED).data()
    assert expected == "Paragraph 2: 1 framing, 4 claims (1 bonus)"
    tip = panel.model.index(row, panel.model.RESULT).data(Qt.ItemDataRole.ToolTipRole)
    assert "Still to find in paragraph 2: 1 framing device, 4 unsupported claims" in tip
    assert "✗ Missed: <b>5</b>" in panel.counts_label.text().replace("&nbsp;", " ")
    assert panel.hidden_label.isVisible()
    assert "until your next attempt" in panel.hidden_label.text()

    panel.table.selectRow(row)  # where to look again, and what kind of thing
    detail = panel.detail.toPlainText()
    assert "Still to find in paragraph 2: 5 passages" in detail
    assert not any(quote in detail for quote in MISSED)
    assert window.article.flashing == SECOND_PARAGRAPH

    panel.select_item("k1")  # what was found keeps its feedback
    assert "Rationale for reckless" in panel.detail.toPlainText()
    panel.select_item("k2")
    assert "different category" in panel.detail.toPlainText()

    assert not window.lesson_view.debrief_visible()
    assert LOCKED_NOTE in window.lesson_view.displayed_text()
    assert "second attempt" in window.lesson_view.displayed_text()
    assert not red_outline_around(window, "90% of residents")
    show = window.registry[ActionId.SHOW_ANSWERS]
    lesson_menu = next(m for m in window.menuBar().actions() if m.text() == "&Lesson").menu()
    assert show in lesson_menu.actions()
    assert show.isVisible()
    assert show.isEnabled()


def test_a_second_attempt_reveals_the_answers_and_the_submission_says_so(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    mark_words(window, "reckless", "loaded_language")
    check_with_keys(qtbot, window)
    back(qtbot, window)
    check_with_keys(qtbot, window)  # the same marks: no new attempt, so nothing more to see
    assert "90% of residents" not in everything_said(window)
    assert not window.workspace.answers_revealed

    back(qtbot, window)
    mark_words(window, "Experts say", "vague_attribution")
    check_with_keys(qtbot, window)
    panel = window.results_panel
    assert panel is not None
    assert panel.model.rowCount() == len(KEY_ITEMS)
    assert "90% of residents" in everything_said(window)
    assert not panel.hidden_label.isVisible()
    assert window.lesson_view.debrief_visible()
    assert "Well done." in window.lesson_view.displayed_text()
    assert red_outline_around(window, "90% of residents")
    assert "answers are shown now" in window.statusBar().currentMessage()
    assert not window.registry[ActionId.SHOW_ANSWERS].isEnabled()
    saved = native.submission_to_dict(window.workspace.to_submission())
    assert saved["answers_shown"] == {"attempts": 2, "requested": False}

    back(qtbot, window)  # going back and checking again keeps them shown
    mark_words(window, "90% of residents", "unsourced_figure")
    check_with_keys(qtbot, window)
    assert panel.model.rowCount() == len(KEY_ITEMS)
    assert window.workspace.answers_shown == AnswersShown(2, requested=False)


def test_show_answers_asks_first_and_is_recorded(
    qtbot: QtBot, open_window: Callable[..., MainWindow], answers: ShowAnswersBox
) -> None:
    window = open_window()
    show = window.registry[ActionId.SHOW_ANSWERS]
    assert not show.isEnabled()  # nothing to reveal before a check
    mark_words(window, "reckless", "loaded_language")
    check_with_keys(qtbot, window)
    window.undo_stack.setClean()  # as if saved after the check

    answers.replies.append("cancel")
    show.trigger()
    assert answers.asked == ["6 after 1"]
    assert not window.workspace.answers_revealed
    assert "90% of residents" not in everything_said(window)
    assert not window.isWindowModified()

    answers.replies.append("show")
    show.trigger()
    assert window.workspace.answers_shown == AnswersShown(1, requested=True)
    assert "90% of residents" in everything_said(window)
    assert window.lesson_view.debrief_visible()
    assert red_outline_around(window, "90% of residents")
    assert not show.isEnabled()
    assert window.isWindowModified()  # part of the work: saved with it
    assert "saw them" in window.statusBar().currentMessage()
    saved = native.submission_to_dict(window.workspace.to_submission())
    assert saved["answers_shown"] == {"attempts": 1, "requested": True}


def test_on_request_keeps_the_answers_until_asked(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window("on_request")
    assert "when you choose Lesson › Show answers" in window.lesson_view.displayed_text()
    for quote, category in (("reckless", "loaded_language"), ("Experts say", "vague_attribution")):
        mark_words(window, quote, category)
        check_with_keys(qtbot, window)
        back(qtbot, window)
    check_with_keys(qtbot, window)
    assert window.workspace.attempts == 2
    assert "90% of residents" not in everything_said(window)
    panel = window.results_panel
    assert panel is not None
    assert "until you choose Lesson › Show answers" in panel.hidden_label.text()
    assert not window.lesson_view.debrief_visible()


def test_after_first_attempt_shows_everything_at_once(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window("after_first_attempt")
    mark_words(window, "reckless", "loaded_language")
    check_with_keys(qtbot, window)
    panel = window.results_panel
    assert panel is not None
    assert panel.model.rowCount() == len(KEY_ITEMS)
    assert window.lesson_view.debrief_visible()
    assert not window.registry[ActionId.SHOW_ANSWERS].isEnabled()
    assert window.workspace.answers_shown == AnswersShown(1, requested=False)


def test_finding_everything_opens_the_debrief_without_recording_answers(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window("on_request")
    for quote, category, _required, _also in KEY_ITEMS:
        mark_words(window, quote, category)
    check_with_keys(qtbot, window)
    assert window.lesson_view.debrief_visible()
    assert not window.registry[ActionId.SHOW_ANSWERS].isEnabled()
    assert window.workspace.answers_shown is None


def test_a_handout_keeps_its_submit_flow(open_window: Callable[..., MainWindow]) -> None:
    window = open_window(key=False)
    assert not window.registry[ActionId.SHOW_ANSWERS].isVisible()
    assert not window.registry[ActionId.CHECK].isVisible()
    submit = window.registry[ActionId.SUBMIT]
    assert submit.isVisible()
    assert submit.shortcut().toString() == "Ctrl+Return"


# --- a mark the key does not hold ------------------------------------------------------------


def test_clicking_a_second_mark_on_a_credited_passage_says_what_it_cost(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    mark_words(window, "reckless", "loaded_language")
    mark_words(window, "reckless plan", "exaggeration")  # the same device marked twice: a hedge
    check_with_keys(qtbot, window)
    click_at(window.article, span_of(ARTICLE, "plan")[0] + 1)
    panel = window.results_panel
    assert panel is not None
    detail = panel.detail.toPlainText()
    assert "Not in the key: “reckless plan”" in detail
    assert "It overlaps “reckless”" in detail
    assert "your mark “reckless”" in detail
    assert "cost 1 of an item" in detail
    assert "not in the key: it doubles a passage" in window.statusBar().currentMessage()
    assert panel.selected_item() is None

    click_at(window.article, span_of(ARTICLE, "reckless")[0] + 1)  # a mark the key holds
    assert panel.selected_item() == "k1"


def test_clicking_a_mark_far_from_the_key_suggests_asking_the_teacher(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    made = mark_words(window, "Officials", "vague_attribution")
    model = window.marks_model
    assert model.setData(model.index(model.row_of(made), model.NOTE), "which officials?")
    check_with_keys(qtbot, window)
    click_at(window.article, span_of(ARTICLE, "Officials")[0] + 2)
    panel = window.results_panel
    assert panel is not None
    detail = panel.detail.toPlainText()
    assert "touches nothing in the answer key" in detail
    assert "Ask your teacher" in detail
    assert "Your note: which officials?" in detail
    assert not any(quote in detail for quote in MISSED)  # no answer given away
    assert "perhaps a fair find" in window.statusBar().currentMessage()


# --- the lesson setting ----------------------------------------------------------------------


def test_the_reveal_setting_is_checked_where_it_is_written(
    make_lesson: Callable[..., Path],
) -> None:
    assert load_lesson(make_lesson("plain")).reveal is Reveal.AFTER_SECOND_ATTEMPT
    with pytest.raises(FormatError) as raised:
        load_lesson(make_lesson("typo", lesson_md=lesson_md("after_two_checks")))
    [problem] = raised.value.problems
    assert problem.line == LESSON_MD.split("\n").index("minutes: 5") + 2
    assert "reveal" in str(problem)


def test_the_reveal_setting_round_trips_through_writing(
    make_lesson: Callable[..., Path],
) -> None:
    lesson = load_lesson(make_lesson())
    assert "reveal" not in lesson_metadata(lesson, previous={})  # the default stays unwritten
    changed = replace(lesson, reveal=Reveal.ON_REQUEST)
    meta = lesson_metadata(changed, previous={"article": "article.txt"})
    assert meta["reveal"] == "on_request"
    (lesson.folder / "lesson.md").write_text(write_lesson_md(meta, lesson.text), encoding="utf-8")
    assert load_lesson(lesson.folder).reveal is Reveal.ON_REQUEST


def test_instructor_mode_sets_when_answers_show(qtbot: QtBot, authored: AuthorWindow) -> None:
    choice = authored.lesson_editor.reveal
    assert choice.currentData() == "after_second_attempt"
    choice.setCurrentIndex(choice.findData("on_request"))
    assert authored.lesson_draft.reveal is Reveal.ON_REQUEST
    authored.undo_stack.undo()
    assert authored.lesson_draft.reveal is Reveal.AFTER_SECOND_ATTEMPT
    assert choice.currentData() == "after_second_attempt"
    authored.undo_stack.redo()
    assert authored.save()
    assert load_lesson(authored.lesson.folder).reveal is Reveal.ON_REQUEST


def test_submissions_keep_the_last_checked_marks_and_the_answers_shown(
    qtbot: QtBot, open_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = open_window()
    mark_words(window, "reckless", "loaded_language")
    check_with_keys(qtbot, window)
    window.workspace.show_answers()
    target = tmp_path / "ada.submission.json"
    assert window.save_to(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["answers_shown"] == {"attempts": 1, "requested": True}
    assert len(data["checked_sha256"]) == 64
    lesson = window.workspace.lesson
    loaded = native.read_submission(target, lesson.taxonomy).value
    assert loaded.answers_shown == AnswersShown(1, requested=True)
    assert loaded.checked_sha256 == data["checked_sha256"]
    restored = Workspace.from_submission(lesson, loaded, target)
    assert restored.unchanged_since_last_attempt
    assert restored.answers_revealed

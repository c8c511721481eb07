"""The drill window driven as a learner drives it: keys 1-4 to answer, Enter to go on."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from literacy_app.core.drills import (
    NOT_A_DEVICE,
    DrillItem,
    DrillSession,
    category_names,
    drill_items,
)
from literacy_app.core.text import Utf16Index
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import default_taxonomy
from literacy_app.gui.drill_window import DrillWindow
from literacy_app.resources import bundled_lessons

KEYS = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]


@cache
def material() -> tuple[tuple[DrillItem, ...], dict[str, str]]:
    lessons = [load_lesson(folder) for folder in bundled_lessons()]
    return tuple(drill_items(lessons)), category_names(lessons)


def shown(qtbot: QtBot, session: DrillSession, size: tuple[int, int] = (1024, 768)) -> DrillWindow:
    window = DrillWindow(session, material()[1])
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def press(qtbot: QtBot, window: DrillWindow, key: Qt.Key) -> None:
    """A key press where a learner's keystroke goes: to whatever has the focus."""
    target = QApplication.focusWidget()
    qtbot.keyClick(target if isinstance(target, QWidget) else window, key)


def test_a_ten_question_drill_by_keyboard_only(qtbot: QtBot) -> None:
    items, names = material()
    window = shown(qtbot, DrillSession(items, {}, length=10, seed=21))
    answered: list[tuple[str, bool]] = []
    window.answered.connect(lambda category, right: answered.append((category, right)))
    expected: list[tuple[str, bool]] = []
    headers = []
    first_time_right = 0
    for _ in range(40):  # 10 questions and their repeats: never more than 30
        if window.pages.currentIndex() != 0:
            break
        question = window.session.current()
        assert question is not None
        headers.append(window.counter.text())
        answer = question.item.answer
        # Right on even questions, wrong on odd ones, as a learner would be now and then.
        pick = (
            question.choices.index(answer)
            if question.number % 2 == 0
            else next(i for i, c in enumerate(question.choices) if c != answer)
        )
        assert window.continue_button.isHidden()
        press(qtbot, window, KEYS[pick])
        right = question.choices[pick] == answer
        first_time_right += right and not question.repeat
        expected.append((answer, right))
        assert answered == expected
        verdict = window.verdict.text()
        assert window.verdict.isVisible()
        assert verdict.startswith("Right" if right else "Not quite")
        assert names[answer] in verdict or (answer == NOT_A_DEVICE and "not a device" in verdict)
        assert window.rationale.toPlainText().strip()
        assert window.continue_button.isVisible()
        press(qtbot, window, KEYS[(pick + 1) % 4])  # a second answer is ignored
        assert len(answered) == len(expected)
        press(qtbot, window, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == 1
    assert headers[0] == "Question 1 of 10"
    assert len(answered) > 10  # the misses came back
    assert sum(1 for _, right in answered if not right) >= 5
    assert len(answered) == window.session.summary().asked
    assert window.score.text().startswith(
        f"You answered {first_time_right} of 10 questions right the first time."
    )
    assert window.practise.text().startswith("Categories to practise:")
    assert window.again_button.isVisible()
    assert window.close_button.isVisible()


def test_practise_again_starts_a_new_drill_and_close_closes(qtbot: QtBot) -> None:
    items, _ = material()
    window = shown(qtbot, DrillSession(items, {}, length=2, seed=4))
    for _ in range(2):
        question = window.session.current()
        assert question is not None
        press(qtbot, window, KEYS[question.choices.index(question.item.answer)])
        press(qtbot, window, Qt.Key.Key_Enter)
    assert window.pages.currentIndex() == 1
    assert "every answer was right" in window.practise.text()
    assert "2 of 2" in window.score.text()
    press(qtbot, window, Qt.Key.Key_Return)  # the focus is on Practise again
    assert window.pages.currentIndex() == 0
    assert window.counter.text() == "Question 1 of 2"
    for _ in range(6):  # "not a device" every time: mostly wrong, so repeats come too
        if window.pages.currentIndex() == 1:
            break
        press(qtbot, window, Qt.Key.Key_4)
        press(qtbot, window, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == 1
    window.close_button.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    assert not window.isVisible()


def test_the_passage_is_highlighted_by_more_than_colour(qtbot: QtBot) -> None:
    items, _ = material()
    with_emoji = [i for i in items if any(ord(c) > 0xFFFF for c in i.context)]
    chosen = with_emoji or list(items)
    window = shown(qtbot, DrillSession(chosen, {}, length=1, seed=0))
    question = window.session.current()
    assert question is not None
    start, end = question.item.span
    utf16 = Utf16Index(question.item.context)
    cursor = QTextCursor(window.passage.document())
    cursor.setPosition(utf16.to_utf16(start) + 1)
    inside = cursor.charFormat()
    assert inside.fontWeight() >= 700
    assert inside.fontUnderline()
    assert inside.background().style() != Qt.BrushStyle.NoBrush
    outside = utf16.to_utf16(end) + 1 if end < len(question.item.context) else 1
    if outside != 1 or start > 0:
        cursor.setPosition(outside)
        assert not cursor.charFormat().fontUnderline()
    selected = window.passage.document().toPlainText()[utf16.to_utf16(start) : utf16.to_utf16(end)]
    assert selected == question.item.passage


def test_buttons_show_numbers_and_names_then_say_right_and_wrong(qtbot: QtBot) -> None:
    items, names = material()
    window = shown(qtbot, DrillSession(items, {}, length=1, seed=8))
    question = window.session.current()
    assert question is not None
    labels = [button.text() for button in window.buttons]
    assert labels == [f"{n + 1}  {names[c]}" for n, c in enumerate(question.choices)]
    assert labels[3] == "4  Not a device"
    wrong = next(i for i, c in enumerate(question.choices) if c != question.item.answer)
    qtbot.mouseClick(window.buttons[wrong], Qt.MouseButton.LeftButton)
    right = question.choices.index(question.item.answer)
    assert window.buttons[right].text().startswith("✓")
    assert window.buttons[wrong].text().startswith("✗")
    assert "(your choice)" in window.buttons[wrong].text()


def test_it_fits_a_small_laptop_screen(qtbot: QtBot) -> None:
    items, _ = material()
    longest = max(items, key=lambda i: len(i.rationale) + len(i.context))
    window = shown(qtbot, DrillSession([longest], {}, length=1, seed=0))
    assert window.minimumSizeHint().width() <= 1024
    assert window.minimumSizeHint().height() <= 700
    press(qtbot, window, Qt.Key.Key_1)
    qtbot.wait(10)
    bottom = window.continue_button.mapTo(window, window.continue_button.rect().bottomLeft())
    assert bottom.y() <= window.height()


def test_a_question_with_fewer_choices_hides_the_spare_button(qtbot: QtBot) -> None:
    items, _ = material()
    base = next(i for i in items if i.answer == "loaded_language")
    tiny = default_taxonomy().restricted(["loaded_language", "name_calling"])
    item = replace(base, palette=tiny.ids, also_accept=(), taxonomy=tiny)
    window = shown(qtbot, DrillSession([item], {}, length=1, seed=0))
    assert [b.isVisible() for b in window.buttons] == [True, True, True, False]
    answered: list[tuple[str, bool]] = []
    window.answered.connect(lambda category, right: answered.append((category, right)))
    press(qtbot, window, Qt.Key.Key_4)  # no fourth choice: nothing happens
    assert answered == []
    assert window.continue_button.isHidden()
    press(qtbot, window, Qt.Key.Key_3)  # "not a device", third here
    assert answered == [("loaded_language", False)]

"""The lesson library window, driven as a learner would: typing, keys, clicks, file dialogs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView
from pytestqt.qtbot import QtBot

from literacy_app.authoring.packaging import export_package
from literacy_app.core.library import ADDED, BUNDLED, MINE, LessonStatus
from literacy_app.gui import library_window
from literacy_app.gui.library_model import CATEGORIES, SOURCE, STATUS, TITLE
from literacy_app.gui.library_window import LibraryWindow
from literacy_app.resources import lessons_dir
from tests.core.test_library import lesson_md
from tests.gui.conftest import Dialogs

STATUSES = {
    "getting-started": LessonStatus("attempted", 2, 85.0),
    "school-budget-vote": LessonStatus("in progress"),
}


@pytest.fixture
def lessons_home(tmp_path: Path) -> Path:
    return tmp_path / "home" / "data" / "lessons"


@pytest.fixture
def open_library(qtbot: QtBot, lessons_home: Path) -> Callable[..., LibraryWindow]:
    def make(
        sources: list[tuple[Path, str]] | None = None,
        statuses: dict[str, LessonStatus] | None = None,
        size: QSize = QSize(1366, 768),  # noqa: B008 - a value, never changed
    ) -> LibraryWindow:
        known = STATUSES if statuses is None else statuses
        window = LibraryWindow(
            [(lessons_dir(), BUNDLED)] if sources is None else sources,
            lambda lesson_id: known.get(lesson_id, LessonStatus()),
            lessons_home,
        )
        qtbot.addWidget(window)
        window.resize(size)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


def shown_ids(window: LibraryWindow) -> list[str]:
    proxy = window.proxy
    return [
        window.model.entry(proxy.mapToSource(proxy.index(row, 0)).row()).id
        for row in range(proxy.rowCount())
    ]


def cell(window: LibraryWindow, lesson_id: str, column: int) -> str:
    row = shown_ids(window).index(lesson_id)
    return str(window.proxy.index(row, column).data())


def test_typing_in_the_search_field_narrows_the_list_and_says_when_nothing_matches(
    open_library: Callable[..., LibraryWindow],
) -> None:
    window = open_library()
    assert QApplication.focusWidget() is window.search  # focus on open
    assert len(shown_ids(window)) == 9
    QTest.keyClicks(QApplication.focusWidget(), "heated column")
    assert shown_ids(window) == ["transport-plan-column", "water-lease-column"]
    assert window.count_label.text() == "2 of 9"
    QTest.keyClicks(window.search, " zebra")
    assert shown_ids(window) == []
    assert window.stack.currentWidget() is window.empty_label
    assert "No lessons match “heated column zebra”" in window.empty_label.text()
    assert not window.start_button.isVisibleTo(window) or not window.start_button.isEnabled()
    QTest.keyClick(window.search, Qt.Key.Key_Escape)  # clears the search
    assert window.search.text() == ""
    assert len(shown_ids(window)) == 9
    assert window.stack.currentWidget() is window.table


def test_search_finds_sources_and_category_names(
    open_library: Callable[..., LibraryWindow],
) -> None:
    window = open_library()
    QTest.keyClicks(window.search, "korybko")
    assert shown_ids(window) == ["bakhmut-op-ed"]
    window.search.clear()
    QTest.keyClicks(window.search, "WHATABOUTISM")  # a category name, any case
    # lessons that name no categories are found by the category filter, not by the words
    assert shown_ids(window) == ["transport-plan-column", "water-lease-column"]


def test_filter_by_level_and_category_with_the_keyboard(
    open_library: Callable[..., LibraryWindow],
) -> None:
    window = open_library()
    window.level_box.setFocus()
    QTest.keyClick(window.level_box, Qt.Key.Key_Down)  # All levels -> Beginner
    assert window.level_box.currentText() == "Beginner"
    assert shown_ids(window) == ["getting-started", "school-budget-vote"]
    QTest.keyClick(window.level_box, Qt.Key.Key_Down)
    assert set(shown_ids(window)) == {
        "library-hours-report",
        "transport-plan-column",
        "water-lease-column",
        "miracle-supplement",
    }
    window.category_box.setCurrentIndex(window.category_box.findData("whataboutism"))
    assert shown_ids(window) == ["transport-plan-column", "water-lease-column"]
    QTest.keyClick(window.level_box, Qt.Key.Key_Down)  # Advanced: none of these practise it
    assert shown_ids(window) == ["product-launch-release", "viral-claim-thread"]
    assert window.count_label.text() == "2 of 9"
    QTest.keyClicks(window.search, "nothing like this")
    assert "at Advanced level practising Whataboutism" in window.empty_label.text()
    QTest.keyClick(window.search, Qt.Key.Key_Escape)  # the words go first
    assert window.search.text() == ""
    assert len(shown_ids(window)) == 2
    QTest.keyClick(window.search, Qt.Key.Key_Escape)  # then the level and category
    assert window.level_box.currentText() == "All levels"
    assert window.category_box.currentText() == "All categories"
    assert len(shown_ids(window)) == 9


def test_enter_on_a_lesson_chosen_with_the_keyboard_emits_its_folder(
    qtbot: QtBot, open_library: Callable[..., LibraryWindow]
) -> None:
    window = open_library()
    QTest.keyClicks(window.search, "budget")
    QTest.keyClick(window.search, Qt.Key.Key_Down)  # into the list
    assert QApplication.focusWidget() is window.table
    with qtbot.waitSignal(window.lesson_chosen, timeout=2000) as chosen:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert chosen.args == [lessons_dir() / "school-budget-vote"]

    window.search.clear()
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window.table, Qt.Key.Key_Down)
    assert window.current_entry() is not None
    second = window.current_entry()
    assert second is not None
    assert second.id == shown_ids(window)[1]
    with qtbot.waitSignal(window.lesson_chosen, timeout=2000) as chosen:
        QTest.keyClick(window.table, Qt.Key.Key_Enter)
    assert chosen.args == [second.folder]


def test_a_double_click_and_the_start_button_open_the_lesson(
    qtbot: QtBot, open_library: Callable[..., LibraryWindow]
) -> None:
    window = open_library()
    row = shown_ids(window).index("bakhmut-op-ed")
    rect = window.table.visualRect(window.proxy.index(row, TITLE))
    viewport = window.table.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.title_label.text().startswith("Reading an op-ed")
    assert window.start_button.text() == "Start"
    with qtbot.waitSignal(window.lesson_chosen, timeout=2000) as chosen:
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [lessons_dir() / "bakhmut-op-ed"]
    with qtbot.waitSignal(window.lesson_chosen, timeout=2000) as chosen:
        QTest.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    assert chosen.args == [lessons_dir() / "bakhmut-op-ed"]


def test_the_progress_column_and_button_show_what_status_of_says(
    open_library: Callable[..., LibraryWindow],
) -> None:
    window = open_library()
    assert cell(window, "getting-started", STATUS) == "Best 85% · 2 attempts"
    assert cell(window, "school-budget-vote", STATUS) == "In progress"
    assert cell(window, "bakhmut-op-ed", STATUS) == "Not started"
    # opened on the lesson in progress, ready to carry on
    entry = window.current_entry()
    assert entry is not None
    assert entry.id == "school-budget-vote"
    assert window.start_button.text() == "Continue"
    assert "In progress" in window.status_label.text()
    window.select_folder(lessons_dir() / "getting-started")
    assert window.start_button.text() == "Continue"
    assert "Best 85%" in window.status_label.text()


def test_with_nothing_in_progress_the_next_lesson_not_started_is_selected(
    open_library: Callable[..., LibraryWindow],
) -> None:
    window = open_library(statuses={"getting-started": LessonStatus("attempted", 1, 100.0)})
    entry = window.current_entry()
    assert entry is not None
    assert entry.id == "school-budget-vote"
    assert window.start_button.text() == "Start"


def test_refresh_asks_for_the_statuses_again(
    lessons_home: Path, open_library: Callable[..., LibraryWindow]
) -> None:
    statuses: dict[str, LessonStatus] = {}
    window = open_library(statuses=statuses)
    assert cell(window, "bakhmut-op-ed", STATUS) == "Not started"
    statuses["bakhmut-op-ed"] = LessonStatus("attempted", 1, 40.0)
    window.refresh()
    assert cell(window, "bakhmut-op-ed", STATUS) == "Best 40% · 1 attempt"


def test_import_a_zip_through_the_file_dialog_selects_the_new_lesson(
    tmp_path: Path,
    lessons_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
    open_library: Callable[..., LibraryWindow],
) -> None:
    package = export_package(lessons_dir() / "getting-started", tmp_path / "gs.zip", False)
    folder = tmp_path / "shared" / "renamed"
    folder.parent.mkdir()
    (folder.parent / "x.zip").write_bytes(package.read_bytes())
    source = _lesson_folder(tmp_path / "mine-to-share", "shared-lesson", "A shared lesson")
    answers = iter([str(source / "lesson.md"), str(package)])
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (next(answers), "Lesson packages")
    )
    window = open_library()
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # a folder
    assert (lessons_home / "shared-lesson" / "lesson.md").is_file()
    entry = window.current_entry()
    assert entry is not None
    assert entry.id == "shared-lesson"
    assert entry.origin == MINE
    assert "In your lessons" in window.origin_label.text()
    assert "Imported “A shared lesson”" in window.statusBar().currentMessage()
    assert window.count_label.text() == "10 lessons"

    # the bundled lesson's id, imported into the learner's lessons: listed twice, flagged
    window.import_action.trigger()
    assert scripted_dialogs.shown == []
    entry = window.current_entry()
    assert entry is not None
    assert entry.id == "getting-started"
    assert entry.origin == MINE
    assert entry.duplicate_of == lessons_dir() / "getting-started"
    assert "same id" in window.note_label.text()


def _lesson_folder(folder: Path, lesson_id: str, title: str) -> Path:
    from tests.conftest import ARTICLE

    folder.mkdir(parents=True)
    (folder / "lesson.md").write_text(lesson_md(lesson_id, title), encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_an_import_that_clashes_asks_and_keeps_by_default(
    tmp_path: Path,
    lessons_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
    open_library: Callable[..., LibraryWindow],
) -> None:
    mine = _lesson_folder(lessons_home / "bus", "bus", "My edited copy")
    newer = _lesson_folder(tmp_path / "newer", "bus", "The newer copy")
    asked: list[str] = []
    answer = [False]

    def ask(parent: object, err: library_window.LessonExistsError) -> bool:
        asked.append(err.lesson_id)
        return answer[0]

    monkeypatch.setattr(library_window, "ask_replace", ask)
    window = open_library(sources=[(lessons_home, MINE)])
    assert window.import_from(newer) is None
    assert asked == ["bus"]
    assert "My edited copy" in (mine / "lesson.md").read_text(encoding="utf-8")
    answer[0] = True
    assert window.import_from(newer) == lessons_home / "bus"
    assert "The newer copy" in (lessons_home / "bus" / "lesson.md").read_text(encoding="utf-8")
    assert window.title_label.text() == "The newer copy"
    assert scripted_dialogs.shown == []


def test_a_broken_package_is_reported_with_file_and_place(
    tmp_path: Path,
    lessons_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
    open_library: Callable[..., LibraryWindow],
) -> None:
    broken = _lesson_folder(tmp_path / "broken", "broken", "Broken")
    text = (broken / "lesson.md").read_text(encoding="utf-8")
    (broken / "lesson.md").write_text(text.replace("beginner", "expert"), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    window = open_library()
    window.import_action.trigger()
    [(kind, (title, lines, _warning))] = scripted_dialogs.shown
    assert kind == "problems"
    assert "could not be imported" in title
    assert any(
        line.startswith(f"{broken / 'lesson.md'}:") and "difficulty" in line for line in lines
    ), lines
    assert not lessons_home.exists() or list(lessons_home.iterdir()) == []
    assert window.count_label.text() == "9 lessons"


def test_a_lesson_that_cannot_be_read_is_greyed_and_says_why_when_opened(
    qtbot: QtBot,
    tmp_path: Path,
    scripted_dialogs: Dialogs,
    open_library: Callable[..., LibraryWindow],
) -> None:
    root = tmp_path / "added"
    (root / "broken").mkdir(parents=True)
    (root / "broken" / "lesson.md").write_text("no metadata here\n", encoding="utf-8")
    window = open_library(sources=[(lessons_dir(), BUNDLED), (root, ADDED)])
    assert shown_ids(window)[-1] == "broken"  # listed, last
    assert cell(window, "broken", SOURCE) == "Cannot be opened"
    window.select_folder(root / "broken")
    assert not window.start_button.isEnabled()
    assert "metadata block" in window.note_label.text()
    emitted: list[Path] = []
    window.lesson_chosen.connect(emitted.append)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Return)
    assert emitted == []
    [(kind, (_title, message))] = scripted_dialogs.shown
    assert kind == "error"
    assert str(root / "broken" / "lesson.md") in message


def test_add_and_remove_a_folder_of_lessons(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
    open_library: Callable[..., LibraryWindow],
) -> None:
    shelf = tmp_path / "shelf"
    _lesson_folder(shelf / "one", "one", "Lesson one")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(shelf))
    window = open_library()
    assert not window.remove_menu.isEnabled()
    with qtbot.waitSignal(window.folders_changed) as changed:
        window.add_folder_action.trigger()
    assert changed.args == [[shelf]]
    assert "one" in shown_ids(window)
    assert window.remove_menu.isEnabled()
    window.add_folder_action.trigger()  # the same again: not listed twice
    assert shown_ids(window).count("one") == 1
    window._fill_remove_menu()
    [remove] = window.remove_menu.actions()
    assert remove.text() == str(shelf)
    with qtbot.waitSignal(window.folders_changed) as changed:
        remove.trigger()
    assert changed.args == [[]]
    assert "one" not in shown_ids(window)
    assert (shelf / "one" / "lesson.md").is_file()  # nothing deleted

    empty = tmp_path / "empty"
    empty.mkdir()
    assert not window.add_folder_path(empty)
    assert not window.add_folder_path(shelf / "one")  # a lesson, not a folder of lessons
    assert [kind for kind, _ in scripted_dialogs.shown] == ["error", "error"]


def test_ctrl_f_returns_to_the_search_field(open_library: Callable[..., LibraryWindow]) -> None:
    window = open_library()
    QTest.keyClicks(window.search, "water")
    QTest.keyClick(window.search, Qt.Key.Key_Return)  # Enter moves into the list
    assert QApplication.focusWidget() is window.table
    QTest.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search
    assert window.search.selectedText() == "water"


def test_sorting_by_a_column_header(open_library: Callable[..., LibraryWindow]) -> None:
    window = open_library()
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(STATUS) + header.sectionSize(STATUS) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    ids = shown_ids(window)
    assert ids.index("school-budget-vote") < ids.index("getting-started")  # ascending
    assert ids[-1] == "getting-started"


@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(1366, 768)])
def test_the_library_fits_a_laptop_screen(
    qtbot: QtBot, size: QSize, open_library: Callable[..., LibraryWindow]
) -> None:
    window = open_library(size=size)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 - 16
    assert hint.height() <= 768 - 48
    qtbot.waitUntil(lambda: window.width() == size.width())
    header = window.table.horizontalHeader()
    assert header.sectionSize(TITLE) >= 140
    for column in (SOURCE, CATEGORIES):
        assert header.sectionSize(column) >= 90
    used = sum(header.sectionSize(c) for c in range(header.count()))
    assert used <= window.table.viewport().width()  # no sideways scrolling
    status_width = header.sectionSize(STATUS)
    assert header.sectionResizeMode(STATUS) == QHeaderView.ResizeMode.ResizeToContents
    assert status_width >= window.table.fontMetrics().horizontalAdvance("Best 85% · 2 attempts")
    button = window.start_button
    corner = button.mapTo(window, QPoint(button.width(), button.height()))
    assert button.isVisible()
    assert corner.x() <= window.width()
    assert corner.y() <= window.height()


def test_a_strangers_title_is_shown_as_text_on_one_line(
    tmp_path: Path, open_library: Callable[..., LibraryWindow]
) -> None:
    root = tmp_path / "added"
    folder = _lesson_folder(root / "odd", "odd", "<b>Bold</b> &amp;\nsecond line")
    window = open_library(sources=[(root, ADDED)])
    assert cell(window, "odd", TITLE) == "<b>Bold</b> &amp; second line"
    window.select_folder(folder)
    assert window.title_label.text() == "&lt;b&gt;Bold&lt;/b&gt; &amp;amp;\nsecond line"
    assert "No answer key" in window.note_label.text()  # a handout: saved, never checked
    assert window.start_button.isEnabled()

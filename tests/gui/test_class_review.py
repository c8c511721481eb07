"""The class review window on a generated class of 50: every number checked against the scorer;
promotions as undoable edits saved with Save; who counts (latest per student, this lesson only)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from literacy_app.batch import Graded, grade_files
from literacy_app.core.classstats import class_review
from literacy_app.core.lesson import Lesson
from literacy_app.core.scoring import Outcome, PreparedKey, grade
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import class_review_window
from literacy_app.gui.class_review_window import ClassReviewWindow
from tests.conftest import ARTICLE, KEY_ITEMS, submission_dict, write_json

NOISE = [
    ("Officials say", "vague_attribution"),
    ("the mayor", "name_calling"),
    ("rushed through", "loaded_language"),
]
OTHER = {
    "loaded_language": "exaggeration",
    "exaggeration": "loaded_language",
    "vague_attribution": "unsourced_figure",
    "scare_quotes": "loaded_language",
    "unsourced_figure": "vague_attribution",
    "unsupported_motive": "speculation_as_fact",
    "speculation_as_fact": "unsupported_motive",
}


class ClosePrompt:
    """Stands in for the close prompt: answers in order ("discard" once they run out) and
    records each time it was asked, so that no test blocks on a modal box."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.asked = 0

    def __call__(self, parent: object) -> str:
        self.asked += 1
        return self.answers.pop(0) if self.answers else "discard"


@pytest.fixture(autouse=True)
def close_prompt(monkeypatch: pytest.MonkeyPatch) -> ClosePrompt:
    prompt = ClosePrompt()
    monkeypatch.setattr(class_review_window, "ask_save_key", prompt)
    return prompt


@pytest.fixture
def class_folder(make_lesson: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    lesson = make_lesson()
    folder = tmp_path / "class"
    folder.mkdir()
    rng = random.Random(50)
    for student in range(50):
        marks = []
        for quote, category, _required, _also in KEY_ITEMS:
            roll = rng.random()
            if roll < 0.3:
                continue
            marks.append((quote, OTHER[category] if roll < 0.45 else category))
        marks.extend(m for m in NOISE if rng.random() < 0.5)
        data = submission_dict(marks, name=f"Student {student:02d}")
        data["attempts"] = rng.randint(1, 3)
        write_json(folder / f"s{student:02d}.json", data)
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    return lesson, folder


def test_gradebook_and_items_match_the_scorer(
    qtbot: QtBot, class_folder: tuple[Path, Path]
) -> None:
    lesson_path, folder = class_folder
    lesson = load_lesson(lesson_path)
    results = grade_files(lesson, [folder])
    window = ClassReviewWindow(lesson, results)
    qtbot.addWidget(window)
    assert lesson.key is not None
    prepared = PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text)
    graded = [r for r in results if isinstance(r, Graded)]
    assert len(graded) == 50
    assert window.unreadable_list.count() >= 1  # the broken file is listed, the rest graded

    model = window.gradebook
    assert model.rowCount() == 50
    by_name = {g.submission.student.name: g for g in graded}
    for row in range(model.rowCount()):
        cells = [model.data(model.index(row, c)) for c in range(model.columnCount())]
        expected = grade(prepared, by_name[cells[0]].submission.marks)
        counts = expected.counts()
        assert cells[2] == f"{expected.score:.1f}"
        assert cells[3:8] == [
            str(counts[k]) for k in ("found", "mislabeled", "imprecise", "missed", "not_in_key")
        ]
        assert cells[8] == f"{expected.spans.precision:.2f}"
        assert cells[9] == str(by_name[cells[0]].submission.attempts)

    items = window.items
    for row in range(items.rowCount()):
        item_id = items.data(items.index(row, 0))
        outcomes = [
            next(
                i for i in grade(prepared, g.submission.marks).items if i.item_id == item_id
            ).outcome
            for g in graded
        ]
        found = sum(1 for o in outcomes if o is Outcome.FOUND)
        missed = sum(1 for o in outcomes if o is Outcome.MISSED)
        assert items.data(items.index(row, 2)) == f"{100 * found / 50:.0f}%"
        assert items.data(items.index(row, 4)) == f"{100 * missed / 50:.0f}%"
        assert items.data(items.index(row, 3)) == f"{100 * (50 - missed) / 50:.0f}%"


def test_gradebook_csv_export(
    qtbot: QtBot, class_folder: tuple[Path, Path], tmp_path: Path
) -> None:
    lesson_path, folder = class_folder
    lesson = load_lesson(lesson_path)
    window = ClassReviewWindow(lesson, grade_files(lesson, [folder]))
    qtbot.addWidget(window)
    target = window.export_gradebook(tmp_path / "grades.csv")
    assert target is not None
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Student,ID,Score")
    assert len(lines) == 51


def test_sorting_by_score_and_heat_map(qtbot: QtBot, class_folder: tuple[Path, Path]) -> None:
    lesson_path, folder = class_folder
    lesson = load_lesson(lesson_path)
    window = ClassReviewWindow(lesson, grade_files(lesson, [folder]))
    qtbot.addWidget(window)
    window.gradebook_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    proxy = window.gradebook_proxy
    scores = [float(proxy.data(proxy.index(r, 2))) for r in range(proxy.rowCount())]
    assert scores == sorted(scores, reverse=True)
    assert window.article.extra_selection_count() > 0  # heat runs drawn
    # The agreement, the slowest figure, follows the first frame (issue #15).
    assert "agreement: computing…" in window.summary.text()
    qtbot.waitUntil(lambda: "α" in window.summary.text())
    key = lesson.key
    assert key is not None
    graded = [(str(g.file), g.submission, g.result) for g in window.graded]
    at_once = class_review(key, len(lesson.article.text), graded).agreement
    assert window.review.agreement == at_once  # the same figure as computed in one go


def _shown_class_window(
    qtbot: QtBot, class_folder: tuple[Path, Path]
) -> tuple[ClassReviewWindow, Lesson]:
    lesson_path, folder = class_folder
    lesson = load_lesson(lesson_path)
    window = ClassReviewWindow(lesson, grade_files(lesson, [folder]))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, lesson


def test_double_click_opens_the_students_review(
    qtbot: QtBot, class_folder: tuple[Path, Path]
) -> None:
    window, _lesson = _shown_class_window(qtbot, class_folder)
    student = window.open_student(window.gradebook_proxy.index(0, 0))
    assert student is not None
    qtbot.addWidget(student)
    assert student.workspace.reviewing
    window.gradebook_table.setFocus()
    window.gradebook_table.setCurrentIndex(window.gradebook_proxy.index(1, 0))
    qtbot.keyClick(window.gradebook_table, Qt.Key.Key_Return)  # Enter opens it too
    assert len(window.student_windows) == 2
    for opened in window.student_windows:
        qtbot.addWidget(opened)
    assert window.student_windows[1].workspace.path != student.workspace.path


def _hot_spot_window(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> tuple[ClassReviewWindow, Path]:
    lesson_path = make_lesson()
    folder = tmp_path / "hot"
    folder.mkdir()
    for n in range(6):
        write_json(
            folder / f"s{n}.json",
            submission_dict([("rushed through", "loaded_language")], name=f"S{n}"),
        )
    lesson = load_lesson(lesson_path)
    window = ClassReviewWindow(lesson, grade_files(lesson, [folder]))
    qtbot.addWidget(window)
    window.hot_list.setCurrentRow(0)
    return window, lesson_path


def test_promote_a_hot_spot_to_the_key(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    window, lesson_path = _hot_spot_window(qtbot, make_lesson, tmp_path)
    assert window.hot_list.count() == 1
    spot = window.current_hot_spot()
    assert spot is not None
    assert ARTICLE[spot.start : spot.end] == "rushed through"
    before = (lesson_path / "key.json").read_bytes()
    assert window.promote(spot, "loaded_language", "Rushed is loaded. It implies haste.")
    assert window.hot_list.count() == 0  # now in the key the class is graded against ...
    assert window.review.gradebook[0].found == 1
    assert (lesson_path / "key.json").read_bytes() == before  # ... but not saved yet
    assert window.isWindowModified()
    assert window.save_key()
    reloaded = load_lesson(lesson_path)
    assert reloaded.key is not None
    assert "rushed through" in [item.mark.quote for item in reloaded.key.items]
    assert reloaded.key.revision == 2
    assert not window.isWindowModified()


def test_promoting_asks_for_a_category_and_a_rationale(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from literacy_app.gui.quick_picker import QuickPicker

    window, lesson_path = _hot_spot_window(qtbot, make_lesson, tmp_path)
    before = (lesson_path / "key.json").read_bytes()
    monkeypatch.setattr(QuickPicker, "pick", staticmethod(lambda taxonomy, parent: ""))
    assert not window.promote_current()  # no category chosen: nothing changes
    monkeypatch.setattr(QuickPicker, "pick", staticmethod(lambda taxonomy, parent: "exaggeration"))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("  ", True))
    assert not window.promote_current()  # an empty rationale would teach nothing
    assert (lesson_path / "key.json").read_bytes() == before
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("Rushed implies haste.", True)
    )
    assert window.promote_current()
    assert window.save_key()
    key = load_lesson(lesson_path).key
    assert key is not None
    added = [i for i in key.items if i.mark.quote == "rushed through"]
    assert [(i.category, i.rationale) for i in added] == [("exaggeration", "Rushed implies haste.")]


def test_enter_on_an_item_shows_it_in_the_article(
    qtbot: QtBot, class_folder: tuple[Path, Path]
) -> None:
    window, lesson = _shown_class_window(qtbot, class_folder)
    index = window.items_proxy.index(0, 0)
    item_id = window.items.row_at(window.items_proxy.mapToSource(index).row()).item_id
    assert lesson.key is not None
    item = lesson.key.item(item_id)
    window.tabs.setCurrentWidget(window.items_table)
    window.items_table.setFocus()
    window.items_table.setCurrentIndex(index)
    qtbot.keyClick(window.items_table, Qt.Key.Key_Return)  # the keyboard's double-click
    assert window.article.flashing == (item.start, item.end)


# --- promotions are edits: undo, redo, save, close ------------------------------------------


def _key_on_disk(lesson_path: Path) -> tuple[int, list[str]]:
    key = load_lesson(lesson_path).key
    assert key is not None
    return key.revision, [item.mark.quote for item in key.items]


def test_promotion_is_undone_and_redone_with_the_keyboard_and_saved_with_ctrl_s(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    window, lesson_path = _hot_spot_window(qtbot, make_lesson, tmp_path)
    window.show()
    with qtbot.waitActive(window):  # the shortcuts belong to the active window
        window.activateWindow()
    before = (lesson_path / "key.json").read_bytes()
    spot = window.current_hot_spot()
    assert spot is not None
    window.promote(spot, "loaded_language", "Rushed implies haste.")
    window.tabs.setCurrentIndex(2)
    window.hot_list.setFocus()

    qtbot.keyClick(window.hot_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.hot_list.count() == 1  # the passage is a hot spot again
    assert window.review.gradebook[0].found == 0
    assert not window.isWindowModified()  # back where the key file is
    qtbot.keyClick(
        window.hot_list,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.hot_list.count() == 0
    assert window.review.gradebook[0].found == 1
    assert window.isWindowModified()
    assert (lesson_path / "key.json").read_bytes() == before  # nothing written by an edit

    qtbot.keyClick(window.hot_list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    revision, quotes = _key_on_disk(lesson_path)
    assert (revision, "rushed through" in quotes) == (2, True)
    assert not window.isWindowModified()
    assert not window.save_action.isEnabled()
    assert [p.name for p in lesson_path.iterdir() if p.name.startswith(".")] == []  # atomic

    # undoing a saved promotion is a change too, saved one revision further
    qtbot.keyClick(window.hot_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.isWindowModified()
    assert window.save_key()
    revision, quotes = _key_on_disk(lesson_path)
    assert (revision, "rushed through" in quotes) == (3, False)


def test_save_with_nothing_to_save_keeps_the_revision(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    window, lesson_path = _hot_spot_window(qtbot, make_lesson, tmp_path)
    before = (lesson_path / "key.json").read_bytes()
    assert window.save_key()
    assert (lesson_path / "key.json").read_bytes() == before


@pytest.mark.parametrize(
    ("answer", "closed", "saved"),
    [("cancel", False, False), ("discard", True, False), ("save", True, True)],
)
def test_closing_with_an_unsaved_promotion_asks(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    close_prompt: ClosePrompt,
    answer: str,
    closed: bool,
    saved: bool,
) -> None:
    window, lesson_path = _hot_spot_window(qtbot, make_lesson, tmp_path)
    window.show()
    spot = window.current_hot_spot()
    assert spot is not None
    window.promote(spot, "loaded_language", "Rushed implies haste.")
    close_prompt.answers.append(answer)
    assert window.close() is closed
    assert close_prompt.asked == 1
    assert ("rushed through" in _key_on_disk(lesson_path)[1]) is saved
    assert window.isVisible() is not closed


def test_closing_without_promotions_asks_nothing(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path, close_prompt: ClosePrompt
) -> None:
    window, _lesson_path = _hot_spot_window(qtbot, make_lesson, tmp_path)
    window.show()
    assert window.close()
    assert close_prompt.asked == 0


def test_a_key_changed_on_disk_is_not_overwritten_without_asking(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    scripted_dialogs: Any,
) -> None:
    window, lesson_path = _hot_spot_window(qtbot, make_lesson, tmp_path)
    spot = window.current_hot_spot()
    assert spot is not None
    window.promote(spot, "loaded_language", "Rushed implies haste.")
    key_file = lesson_path / "key.json"
    elsewhere = key_file.read_text(encoding="utf-8").replace('"revision": 1', '"revision": 7')
    assert elsewhere != key_file.read_text(encoding="utf-8")
    key_file.write_text(elsewhere, encoding="utf-8")  # instructor mode saved meanwhile
    scripted_dialogs.changed_answer = "cancel"
    assert not window.save_key()
    assert key_file.read_text(encoding="utf-8") == elsewhere
    assert window.isWindowModified()
    assert [kind for kind, _ in scripted_dialogs.shown] == ["ask_changed_on_disk"]


# --- opening a student's work -----------------------------------------------------------------


def _one_student_window(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path, attempts: int
) -> tuple[ClassReviewWindow, Path]:
    lesson = load_lesson(make_lesson())
    data = submission_dict([("reckless", "loaded_language")], name="Ada")
    data["attempts"] = attempts
    path = write_json(tmp_path / "ada.json", data)
    window = ClassReviewWindow(lesson, grade_files(lesson, [path]))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, path


def _double_click_first_student(qtbot: QtBot, window: ClassReviewWindow) -> Any:
    table = window.gradebook_table
    where = table.visualRect(window.gradebook_proxy.index(0, 0)).center()
    # as a mouse does it: a click, then the second press that makes it a double-click
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert len(window.student_windows) == 1
    student = window.student_windows[0]
    qtbot.addWidget(student)
    return student


def test_double_click_shows_the_attempts_the_submission_records(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    window, path = _one_student_window(qtbot, make_lesson, tmp_path, attempts=1)
    before = path.read_bytes()
    student = _double_click_first_student(qtbot, window)
    assert student.workspace.reviewing
    label = student.results_panel.score_label.text()
    assert "attempt 1" in label
    assert "attempt 2" not in label  # opening it is not an attempt of the student's
    assert student.workspace.attempts == 1
    assert student.undo_stack.isClean()  # nothing to save: the work is as handed in
    assert path.read_bytes() == before


def test_double_click_on_work_never_checked_says_so(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    window, _path = _one_student_window(qtbot, make_lesson, tmp_path, attempts=0)
    student = _double_click_first_student(qtbot, window)
    label = student.results_panel.score_label.text()
    assert "attempt 0" not in label
    assert "attempt 1" not in label
    assert "never checked" in label


# --- who counts -------------------------------------------------------------------------------


def test_a_student_who_handed_in_twice_counts_once_and_the_window_says_so(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    lesson = load_lesson(make_lesson())
    folder = tmp_path / "class"
    folder.mkdir()
    first = submission_dict([("Officials say", "vague_attribution")], name="Ada")
    second = submission_dict([("reckless", "loaded_language")], name="Ada")
    second["modified"] = "2026-11-26T09:00:00+00:00"  # later, though the file sorts first
    write_json(folder / "b-first.json", first)
    write_json(folder / "a-second.json", second)
    write_json(folder / "bo.json", submission_dict([("reckless", "loaded_language")], name="Bo"))
    write_json(
        folder / "eve.json",
        submission_dict([("reckless", "loaded_language")], name="Eve", lesson="elsewhere"),
    )
    window = ClassReviewWindow(lesson, grade_files(lesson, [folder]))
    qtbot.addWidget(window)
    assert window.gradebook.rowCount() == 2
    rows = [window.gradebook.row_at(r) for r in range(2)]
    assert [(r.student, Path(r.file).name) for r in rows] == [
        ("Ada", "a-second.json"),
        ("Bo", "bo.json"),
    ]
    assert window.review.agreement.students == 2  # agreement counts Ada once
    assert window.hot_list.count() == 0  # Ada's earlier "Officials say" is not a hot spot
    listed = window.unreadable_list
    left_out = [listed.item(i).text() for i in range(listed.count())]
    assert any("b-first.json" in line and "set aside" in line for line in left_out)
    assert any("eve.json" in line and "elsewhere" in line for line in left_out)
    assert "set aside" in window.summary.text()


def test_export_is_formula_safe(
    qtbot: QtBot, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    import csv

    lesson = load_lesson(make_lesson())
    path = write_json(
        tmp_path / "x.json", submission_dict([("reckless", "loaded_language")], name="=1+1")
    )
    window = ClassReviewWindow(lesson, grade_files(lesson, [path]))
    qtbot.addWidget(window)
    target = window.export_gradebook(tmp_path / "grades.csv", bom=True)
    assert target is not None
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfStudent,")
    [_header, row] = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert row[:2] == ["'=1+1", "'=1+1"]  # the id comes from the name: escaped as well


def test_the_class_report_is_saved_from_the_window(
    qtbot: QtBot,
    class_folder: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    window, _lesson = _shown_class_window(qtbot, class_folder)
    html = window.save_class_report(tmp_path / "class.html")
    assert html is not None
    page = html.read_text(encoding="utf-8")
    assert "Student 00" in page
    assert "Student 49" in page
    assert "broken.json" in page  # the file left out is named
    assert "computing" not in page  # the agreement was worked out first
    pdf = tmp_path / "class.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), "PDF (*.pdf)"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # File > Save…
    assert pdf.read_bytes().startswith(b"%PDF")

"""The class review window on a generated class of 50: every number checked against the scorer."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from literacy_app.batch import Graded, grade_files
from literacy_app.core.lesson import Lesson
from literacy_app.core.scoring import Outcome, PreparedKey, grade
from literacy_app.formats.lesson_package import load_lesson
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
    assert "α" in window.summary.text()


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
    assert window.promote(spot, "loaded_language", "Rushed is loaded. It implies haste.")
    reloaded = load_lesson(lesson_path)
    assert reloaded.key is not None
    assert "rushed through" in [item.mark.quote for item in reloaded.key.items]
    assert window.hot_list.count() == 0  # now in the key
    assert window.review.gradebook[0].found == 1


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

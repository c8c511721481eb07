"""Which lesson a bare `literacy-app` opens: Getting started on the first launch, then the easiest
lesson the student has not checked their work on, then the bundled first lesson when all are
done. Expectations come from the bundled lessons' metadata, never from a list written here, so
that adding a lesson does not break these tests."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from literacy_app.cli import build_parser
from literacy_app.formats.lesson_package import read_metadata
from literacy_app.gui import study
from literacy_app.gui.app import open_window, screenshot, start_lesson
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.palette import shortcut_digits
from literacy_app.gui.settings import Settings
from literacy_app.resources import bundled_lessons, default_lesson, order_lessons
from tests.gui.helpers import drag_select

LEVEL = {"beginner": 0, "intermediate": 1, "advanced": 2}


def expected_order() -> list[tuple[Path, str]]:
    """(folder, id) of the bundled lessons, easiest first, worked out here from the metadata:
    difficulty, then minutes, then title."""

    def rank(entry: tuple[Path, dict[str, Any]]) -> tuple[int, float, str]:
        meta = entry[1]
        return (
            LEVEL.get(meta.get("difficulty", ""), 3),
            meta.get("minutes", float("inf")),
            str(meta.get("title", "")).casefold(),
        )

    found = sorted(((f, read_metadata(f)) for f in bundled_lessons()), key=rank)
    return [(folder, meta["id"]) for folder, meta in found]


def first_launch_lesson() -> Path:
    [folder] = [f for f in bundled_lessons() if read_metadata(f).get("first_launch") is True]
    return folder


def bare_start() -> argparse.Namespace:
    return build_parser().parse_args(["open"])


def attempted(lesson_id: str, score: float) -> None:
    """The learner checked their work on the lesson (as the progress file records it)."""
    from literacy_app.core.progress import Attempt
    from literacy_app.formats.progress_file import update_progress

    attempt = Attempt(1, "2026-12-01T10:00:00+00:00", score, score, 60)
    update_progress(study.progress_path(), lambda p: p.with_attempt(lesson_id, lesson_id, attempt))


def returning() -> Settings:
    settings = Settings()
    settings.first_launch_done = True
    return settings


def open_bare(qtbot: QtBot) -> MainWindow:
    """What `literacy-app` with no argument opens for a returning student with no saved work:
    the library, on the lesson it suggests; Enter opens that lesson's window."""
    from literacy_app.gui import app
    from literacy_app.gui.library_window import LibraryWindow

    library = open_window(bare_start())
    assert isinstance(library, LibraryWindow)
    qtbot.addWidget(library)
    library.show()
    qtbot.waitExposed(library)
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    window = app._opened[-1]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    assert not library.isVisible()  # the start screen gave way to the lesson
    return window


def test_there_are_lessons_to_order() -> None:
    order = expected_order()
    assert len(order) >= 3
    assert [f for f, _ in order_lessons((f, read_metadata(f)) for f, _ in order)] == [
        f for f, _ in order
    ]


def test_first_launch_then_the_easiest_unfinished_lesson() -> None:
    assert start_lesson(Settings()) == first_launch_lesson()
    assert Settings().first_launch_done
    # Nothing checked yet: the easiest lesson, which is Getting started itself (beginner).
    assert start_lesson(Settings()) == expected_order()[0][0]
    assert start_lesson(Settings()) == first_launch_lesson()


def test_a_screenshot_and_a_named_lesson_open_as_before(qtbot: QtBot) -> None:
    assert start_lesson(Settings(), screenshot=True) == default_lesson()
    assert not Settings().first_launch_done  # a screenshot is not the student's first launch
    last_folder, last_id = expected_order()[-1]
    opened = open_window(build_parser().parse_args(["open", last_id]))
    assert not isinstance(opened, int)
    qtbot.addWidget(opened[0])
    assert opened[0].workspace.lesson.id == last_id
    assert opened[1] == last_folder


@pytest.mark.parametrize("with_marks", [False, True])
def test_checking_in_the_window_finishes_the_lesson(qtbot: QtBot, with_marks: bool) -> None:
    returning()
    order = expected_order()
    window = open_bare(qtbot)
    lesson = window.workspace.lesson
    assert lesson.id == order[0][1]
    assert study.current().reload().record(lesson.id) is None
    if with_marks:  # the first key item, marked exactly as the key has it
        assert lesson.key is not None
        item = lesson.key.items[0]
        drag_select(window.article, item.start, item.end)
        digit = next(d for d, c in shortcut_digits(lesson.palette).items() if c == item.category)
        qtbot.keyClick(window.article, digit)
        assert len(window.workspace.marks) == 1

    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert window.workspace.reviewing
    assert window.workspace.result is not None
    record = study.current().reload().record(lesson.id)
    assert record is not None
    assert record.best_score == pytest.approx(window.workspace.result.score, abs=0.05)
    assert (record.best_score or 0) > 0 if with_marks else record.best_score is not None
    assert start_lesson(Settings()) == order[1][0]


def test_a_screenshot_review_records_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    lesson_id = expected_order()[0][1]
    args = build_parser().parse_args(
        ["open", lesson_id, "--screenshot", str(tmp_path / "shot.png"), "--review"]
    )
    opened = open_window(args)
    assert not isinstance(opened, int)
    window = opened[0]
    qtbot.addWidget(window)
    assert screenshot(window, tmp_path / "shot.png", review=True, size="800x600") == 0
    assert window.workspace.reviewing
    assert study.current().reload().record(lesson_id) is None


def test_the_best_score_is_kept() -> None:
    for score in (40.0, 80.5, 10.0):
        attempted("some-lesson", score)
    current = study.current().reload()
    record = current.record("some-lesson")
    assert record is not None
    assert record.best_score == 80.5
    assert len(record.attempts) == 3
    assert current.record("another-lesson") is None


def test_each_start_moves_on_and_all_done_opens_the_first_lesson() -> None:
    returning()
    for folder, lesson_id in expected_order():
        assert start_lesson(Settings()) == folder
        attempted(lesson_id, 50.0)
    assert start_lesson(Settings()) == default_lesson()


def test_a_lesson_left_undone_is_offered_again() -> None:
    returning()
    order = expected_order()
    skipped = order[len(order) // 2]
    for _, lesson_id in order:
        if lesson_id != skipped[1]:
            attempted(lesson_id, 100.0)
    assert start_lesson(Settings()) == skipped[0]


def test_progress_kept_in_the_settings_is_carried_over_once(private_home: Path) -> None:
    """Versions before progress.json kept "checked" and the best score in the settings: they
    become one attempt each, damaged entries read as not done, and nothing is carried twice."""
    order = expected_order()
    first, second, third = order[0][1], order[1][1], order[2][1]
    private_home.mkdir(parents=True, exist_ok=True)
    (private_home / "settings.ini").write_text(
        "[app]\nfirst_launch_done=true\n\n[progress]\n"
        f"{first}\\checked=true\n"
        f"{first}\\best_score=62.5\n"
        f"{second}\\checked=banana\n"
        f"{second}\\best_score=@ByteArray(\\x1\\x2)\n"
        f"{third}\\checked=1, 2, 3\n"
        f"{third}\\best_score=nan\n"
        "odd\\checked=true\n"
        "odd\\best_score=1e999\n"
        "plain=7\n",
        encoding="utf-8",
    )
    current = study.current()
    carried = current.progress
    assert set(carried.lessons) == {first, "odd"}
    first_record = carried.record(first)
    assert first_record is not None
    assert first_record.best_score == 62.5
    odd = carried.record("odd")
    assert odd is not None
    assert odd.best_score == 0.0  # checked, but no readable score
    assert Settings().legacy_progress() == {}  # carried over: gone from the settings
    assert start_lesson(Settings()) == order[1][0]  # the damaged entries read as not done


def test_the_order_is_difficulty_then_minutes_then_title() -> None:
    """Odd or missing values sort last instead of failing; unreadable metadata is left out."""
    found: list[tuple[Path, dict[str, Any]]] = [
        (Path("hard"), {"id": "hard", "difficulty": "advanced", "minutes": 5, "title": "A"}),
        (Path("sloppy"), {"id": "sloppy", "difficulty": "expert", "minutes": "ten"}),
        (Path("long"), {"id": "long", "difficulty": "beginner", "minutes": 30, "title": "A"}),
        (Path("b"), {"id": "b", "difficulty": "beginner", "minutes": 10, "title": "Beta"}),
        (Path("a"), {"id": "a", "difficulty": "beginner", "minutes": 10, "title": "alpha"}),
        (Path("mid"), {"difficulty": "intermediate", "minutes": 1, "title": "Z"}),
        (Path("broken"), {}),
    ]
    assert order_lessons(found) == [
        (Path("a"), "a"),
        (Path("b"), "b"),
        (Path("long"), "long"),
        (Path("mid"), "mid"),  # no id: the folder's name
        (Path("hard"), "hard"),
        (Path("sloppy"), "sloppy"),
    ]


def test_a_handout_without_a_key_is_never_waited_for(
    make_lesson: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A handout's work cannot be checked, so the start goes past it rather than open it
    forever."""
    from literacy_app import resources
    from tests.conftest import LESSON_MD

    monkeypatch.setattr(resources, "lessons_dir", lambda: tmp_path)
    make_lesson("handout", lesson_md=LESSON_MD.replace("id: tiny", "id: handout"), key=None)
    graded = LESSON_MD.replace("id: tiny", "id: graded").replace("minutes: 5", "minutes: 9")
    make_lesson("graded", lesson_md=graded)
    assert [i for _, i in resources.bundled_lessons_in_order()] == ["handout", "graded"]
    assert start_lesson(returning()) == tmp_path / "graded"

"""docs/screenshots/{library,hints,drill}.png at 1366x768: the self-study windows as a learner
sees them, drawn offscreen in a throwaway home so that nothing of yours is read or changed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/study_screenshots.py [FOLDER]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LITERACY_APP_HOME", tempfile.mkdtemp(prefix="literacy-shot-"))

from PySide6.QtWidgets import QApplication, QWidget

from literacy_app.core.drills import DrillSession
from literacy_app.core.edits import AddMark
from literacy_app.core.progress import Attempt
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import study
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.settings import Settings
from literacy_app.gui.study_windows import make_drill, make_library
from literacy_app.resources import lessons_dir

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1366, 768)


def settle(widget: QWidget) -> None:
    widget.resize(*SIZE)
    widget.show()
    for _ in range(10):
        QApplication.processEvents()


def save(widget: QWidget, path: Path) -> None:
    settle(widget)
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> None:
    QApplication.instance() or QApplication([sys.argv[0], "-style", "Fusion"])
    settings = Settings()
    settings.first_launch_done = True
    progress = study.current()
    for lesson_id, title, scores in (
        ("getting-started", "Getting started", (70.0, 85.0)),
        ("library-hours-report", "A careful report", (60.0,)),
    ):
        for number, score in enumerate(scores, 1):
            attempt = Attempt(number, "2026-11-30T10:00:00+00:00", score, score, 300)
            progress._update(lambda p, a=attempt, i=lesson_id, t=title: p.with_attempt(i, t, a))
    progress._update(lambda p: p.with_work("school-budget-vote", "", str(out / "none.json")))

    library = make_library(settings)
    library.select_folder(lessons_dir() / "school-budget-vote")
    save(library, out / "library.png")

    lesson = load_lesson(lessons_dir() / "school-budget-vote")
    assert lesson.key is not None
    window = MainWindow(Workspace(lesson), settings)
    window.records_progress = False
    item = lesson.key.items[0]
    window.push(AddMark(window.workspace.new_mark(item.start, item.end, item.category)))
    settle(window)
    for _ in range(3):
        window.show_hint()
    window.lesson_view.browser.verticalScrollBar().setValue(
        window.lesson_view.browser.verticalScrollBar().maximum()
    )
    save(window, out / "hints.png")

    drill = make_drill(settings)
    assert not isinstance(drill, str)
    session: DrillSession = drill.session
    question = session.current()
    assert question is not None
    wrong = next(i for i, c in enumerate(question.choices) if c != question.item.answer)
    drill.choose(wrong)
    save(drill, out / "drill.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")

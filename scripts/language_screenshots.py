"""docs/screenshots/<lang>-*.png: the windows the lesson window's own `--screenshot` does not
draw, in the language the app is set to speak (LITERACY_APP_LANGUAGE), at 1366x768 (the smaller
laptop a school has, where a longer translation is first cut off): the lesson library start
screen, a drill answered wrong, the progress window, the class review window, instructor mode
and the first page of a student's printed feedback report. scripts/screenshots.sh runs it in a
throwaway settings home, after the lesson window and its results panel in the same language.

    LITERACY_APP_LANGUAGE=es .venv/bin/python scripts/language_screenshots.py docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LITERACY_APP_HOME", tempfile.mkdtemp(prefix="literacy-shot-"))

from PySide6.QtWidgets import QApplication, QWidget

from literacy_app import i18n
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.app import application
from literacy_app.gui.settings import Settings
from literacy_app.gui.study_windows import make_drill, make_library
from literacy_app.resources import find_lesson, lessons_dir

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1366, 768)
READINGS = ROOT / "tests" / "lessons" / "readings" / "bakhmut-op-ed"


def save(widget: QWidget, path: Path) -> bool:
    widget.resize(*SIZE)
    widget.show()
    for _round in range(10):  # not `_`: that is the translation function
        QApplication.processEvents()
    if not widget.grab().save(str(path)):
        print(f"{path}: cannot write the screenshot", file=sys.stderr)
        return False
    print(path)
    return True


def library(settings: Settings, path: Path) -> bool:
    window = make_library(settings)
    window.select_folder(lessons_dir() / "school-budget-vote")
    return save(window, path)


def drill(settings: Settings, path: Path) -> bool:
    window = make_drill(settings)
    if isinstance(window, str):
        print(f"{path}: {window}", file=sys.stderr)
        return False
    question = window.session.current()
    assert question is not None
    wrong = next(i for i, c in enumerate(question.choices) if c != question.item.answer)
    window.choose(wrong)
    return save(window, path)


def progress(path: Path) -> bool:
    sys.path.insert(0, str(ROOT / "scripts"))
    from progress_screenshot import sample_progress

    from literacy_app.formats.native import default_taxonomy
    from literacy_app.gui.progress_view import ProgressWindow

    names = {category.id: category.display_name for category in default_taxonomy()}
    window = ProgressWindow(sample_progress(), names)
    window.lessons.setCurrentIndex(window.lesson_index("bakhmut-op-ed"))
    return save(window, path)


def class_review(path: Path) -> bool:
    from literacy_app.gui.class_review_window import ClassReviewWindow, load_class

    lesson = load_lesson(find_lesson("bakhmut-op-ed"))
    results = load_class(lesson, sorted(READINGS.glob("*.json")))
    assert results
    window = ClassReviewWindow(lesson, results)
    window.tabs.setCurrentIndex(1)  # the key items: the category names and the chart
    window.items_table.selectRow(0)
    return save(window, path)


def instructor(path: Path) -> bool:
    from literacy_app.gui.author_window import AuthorWindow

    lesson = load_lesson(find_lesson("bakhmut-op-ed"))
    window = AuthorWindow(lesson, None)
    if lesson.key and lesson.key.items:
        window.select_item(lesson.key.items[0].id)
    return save(window, path)


def feedback_report(path: Path) -> bool:
    """The first page of a student's printed feedback report, as `report --to pdf` lays it out."""
    from literacy_app.core.scoring import PreparedKey, charged, grade
    from literacy_app.formats.io import read_submission
    from literacy_app.gui.report_pdf import render_pages_png
    from literacy_app.reports.feedback import feedback_html

    lesson = load_lesson(find_lesson("bakhmut-op-ed"))
    assert lesson.key is not None
    submission = read_submission(READINGS / "reader-phrase.json", lesson).value
    prepared = PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text)
    result = charged(grade(prepared, submission.marks), submission.hints_used, lesson.hint_penalty)
    with tempfile.TemporaryDirectory() as folder:
        [page] = render_pages_png(feedback_html(lesson, submission, result), Path(folder) / "p", 1)
        path.write_bytes(page.read_bytes())
    return path.exists()


def main(out: Path) -> int:
    application()  # applies the language, as a start does
    language = i18n.current_language()
    settings = Settings()
    settings.first_launch_done = True
    made = [
        library(settings, out / f"{language}-library.png"),
        drill(settings, out / f"{language}-drill.png"),
        progress(out / f"{language}-progress.png"),
        class_review(out / f"{language}-class-review.png"),
        instructor(out / f"{language}-author.png"),
        feedback_report(out / f"{language}-report.png"),
    ]
    return 0 if all(made) else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))

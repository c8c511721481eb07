"""docs/screenshots/report-feedback.png and report-handout.png: the first page of a student's
feedback (the first lesson, a careful reader's marks) and of the paper handout, laid out as
their PDFs are (gui/report_pdf.render_pages_png).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/report_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LITERACY_APP_HOME", tempfile.mkdtemp(prefix="literacy-shot-"))

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "tests/lessons/readings/bakhmut-op-ed/reader-phrase.json"


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    from literacy_app.batch import Graded, grade_files
    from literacy_app.formats.lesson_package import load_lesson
    from literacy_app.gui.report_pdf import render_pages_png
    from literacy_app.reports.feedback import feedback_html
    from literacy_app.reports.handout import handout_html
    from literacy_app.resources import default_lesson

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    _app = QGuiApplication.instance() or QGuiApplication([])
    lesson = load_lesson(default_lesson())
    [graded] = grade_files(lesson, [WORK])
    assert isinstance(graded, Graded)
    pages = {
        "report-feedback": feedback_html(lesson, graded.submission, graded.result),
        "report-handout": handout_html(lesson),
    }
    with tempfile.TemporaryDirectory() as folder:
        for name, html in pages.items():
            [first] = render_pages_png(html, Path(folder) / name, 1, lesson.title)
            shutil.move(first, out / f"{name}.png")
            print(out / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

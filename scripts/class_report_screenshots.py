"""Render the first pages of the class report to PNG for docs/screenshots (issue #17).

The class report of the first bundled lesson with a synthetic class of 30
(benchmarks.bench_review.class_submissions), laid out by gui/report_pdf.render_pages_png
exactly as `review --format pdf` prints it, so the pictures show a printed page.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/class_report_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_review import class_submissions, first_lesson, write_class  # noqa: E402
from literacy_app.batch import report_files, sort_out  # noqa: E402
from literacy_app.core.classstats import review_of  # noqa: E402
from literacy_app.reports import review as reports  # noqa: E402
from literacy_app.reports.class_report import class_report_html  # noqa: E402

PAGES = 2


def report_html() -> str:
    lesson = first_lesson()
    assert lesson.key is not None
    with tempfile.TemporaryDirectory(prefix="literacy-class-report-") as folder:
        write_class(Path(folder), class_submissions(lesson, 30))
        batch = sort_out(lesson, list(report_files(lesson, [Path(folder)], reports.render_summary)))
    summaries = [r.piece for r in batch.graded]
    review = review_of(lesson.key, len(lesson.article.text), summaries)
    return class_report_html(lesson, review, batch, today=date(2026, 11, 26))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    html = report_html()
    from PySide6.QtGui import QGuiApplication

    from literacy_app.gui.report_pdf import render_pages_png

    _app = QGuiApplication.instance() or QGuiApplication([])
    title = "Class report: " + first_lesson().title
    written = render_pages_png(html, out / "report-class", PAGES, title)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

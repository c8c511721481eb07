"""Reports on paper through Qt's own QTextDocument and QPdfWriter, and the results panel's
"Save feedback report…" button, pressed as a student presses it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from literacy_app.core.lesson import Lesson
from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.core.workspace import Workspace
from literacy_app.formats.io import read_submission
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.report_pdf import pdf_bytes, render_pages_png, write_pdf
from literacy_app.reports.feedback import feedback_html
from literacy_app.reports.handout import handout_html
from literacy_app.resources import find_lesson
from tests.gui.conftest import Dialogs
from tests.gui.helpers import check_with_keys, mark_words, shown_window

READING = Path(__file__).resolve().parents[1] / "lessons" / "readings" / "bakhmut-op-ed"


def _pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


@pytest.fixture(scope="module")
def bakhmut_html() -> tuple[Lesson, str]:
    lesson = load_lesson(find_lesson("bakhmut-op-ed"))
    submission = read_submission(READING / "reader-phrase.json", lesson).value
    assert lesson.key is not None
    result = grade(PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text), submission.marks)
    return lesson, feedback_html(lesson, submission, result)


def test_the_feedback_report_becomes_a_pdf_of_several_a4_pages(
    qapp: object, bakhmut_html: tuple[Lesson, str], tmp_path: Path
) -> None:
    lesson, page = bakhmut_html
    target = tmp_path / "out" / "ada.pdf"
    write_pdf(page, target, f"{lesson.title}: feedback")
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(data) > 20_000
    assert _pages(data) >= 3  # the article and some thirty key items do not fit on one page
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None
    assert (round(float(box.group(1))), round(float(box.group(2)))) == (595, 842)  # A4, points
    assert [p.name for p in target.parent.iterdir()] == ["ada.pdf"]  # no temporary left over


def test_a_short_page_is_one_page_and_a_failed_write_leaves_the_old_file(
    qapp: object, tmp_path: Path
) -> None:
    target = tmp_path / "short.pdf"
    target.write_bytes(b"previous")
    data = pdf_bytes("<html><body><p>One line.</p></body></html>", "Short")
    assert data.startswith(b"%PDF-")
    assert _pages(data) == 1
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    with pytest.raises(FileExistsError):
        write_pdf("<p>x</p>", blocked / "x.pdf", "x")
    write_pdf("<p>new</p>", target, "Short")
    assert target.read_bytes().startswith(b"%PDF-")


def test_first_pages_render_to_png_as_laid_out_for_print(
    qapp: object, bakhmut_html: tuple[Lesson, str], tmp_path: Path
) -> None:
    lesson, page = bakhmut_html
    written = render_pages_png(page, tmp_path / "feedback", pages=2, title="Feedback")
    assert [p.name for p in written] == ["feedback-1.png", "feedback-2.png"]
    image = QImage(str(written[0]))
    assert not image.isNull()
    assert abs(image.height() / image.width() - 297 / 210) < 0.01  # A4 portrait
    # something is drawn: many pixels are neither white nor the same grey
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20
    handout = render_pages_png(handout_html(lesson), tmp_path / "handout", pages=1)
    assert [p.name for p in handout] == ["handout-1.png"]
    short = render_pages_png("<p>one</p>", tmp_path / "short", pages=3)
    assert [p.name for p in short] == ["short-1.png"]


# --- the results panel's button ----------------------------------------------------------------


def _checked_window(qtbot: QtBot, workspace: Workspace) -> object:
    window = shown_window(qtbot, workspace)
    mark_words(window, "reckless", "loaded_language")
    mark_words(window, "Experts say", "vague_attribution")
    check_with_keys(qtbot, window)
    return window


def test_the_button_waits_for_the_answers_then_saves_html_and_pdf(
    qtbot: QtBot,
    tiny_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
) -> None:
    window = _checked_window(qtbot, tiny_workspace)
    panel = window.results_panel  # type: ignore[attr-defined]
    button = panel.report_button
    assert button.isVisible()
    assert not button.isEnabled()  # missed passages still hidden: the report would show them
    assert "Show answers" in button.toolTip()

    tiny_workspace.show_answers()
    window._show_review()  # type: ignore[attr-defined]
    assert button.isEnabled()
    chosen: list[str] = []

    def save_as(*args: object) -> tuple[str, str]:
        chosen.append(str(args[2]))
        return str(tmp_path / "ada-report"), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "ada-report.pdf"  # no suffix typed: the filter chosen gives it
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert chosen[0].endswith("tiny-feedback.html")

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "ada.html"), "PDF (*.pdf)")
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page = (tmp_path / "ada.html").read_text(encoding="utf-8")
    assert "A tiny lesson" in page
    assert "“reckless”" in page
    assert "Rationale for Buses will stop running" in page  # a missed item, now shown
    assert "at the student&#x27;s request" in page
    assert scripted_dialogs.shown == []

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # cancelled: nothing written, no error
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(blocked / "x.html"), ""))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _ in scripted_dialogs.shown] == ["error"]
    assert str(blocked / "x.html") in scripted_dialogs.shown[0][1][1]

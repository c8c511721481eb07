"""Every view of lesson-package Markdown treats it as untrusted, not only the lesson pane:
the instructor's rationale in the review and the author's live previews load images from the
lesson folder alone (never from wherever the app was started) and open links outside only when
clicked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import lesson_view
from literacy_app.gui.author_window import AuthorWindow
from literacy_app.gui.lesson_view import LessonBrowser
from tests.conftest import ARTICLE, key_dict
from tests.gui.helpers import shown_window

RATIONALE = "Judges before it informs. ![a picture](pic.png) See [the guide](https://example.org/)."


def _picture(path: Path) -> None:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xCC3300)
    assert image.save(str(path))


def _shows_picture(browser: LessonBrowser) -> bool:
    browser.grab()  # lays the document out, which is when images are fetched
    found = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("pic.png"))
    return found is not None and not found.isNull() and found.width() == 8  # the real picture


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app is started from a folder that holds a picture of the same name."""
    folder = tmp_path / "started-here"
    folder.mkdir()
    _picture(folder / "pic.png")
    monkeypatch.chdir(folder)
    return folder


def _lesson_with_a_picture_in_a_rationale(make_lesson: Callable[..., Path]) -> Path:
    key = key_dict(ARTICLE)
    key["items"][0]["rationale"] = RATIONALE
    from tests.conftest import LESSON_MD

    # Every rationale with the first results, missed items' included (tests/gui/test_reveal.py
    # covers the default, which keeps them for later).
    revealing = LESSON_MD.replace("minutes: 5\n", "minutes: 5\nreveal: after_first_attempt\n")
    return make_lesson(key=key, lesson_md=revealing)


def test_the_review_rationale_loads_pictures_from_the_lesson_folder_only(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(lesson_view, "open_url", lambda url: opened.append(url.toString()))
    folder = _lesson_with_a_picture_in_a_rationale(make_lesson)
    window = shown_window(qtbot, Workspace(load_lesson(folder)))
    window.check()
    panel = window.results_panel
    assert panel is not None
    panel.table.selectRow(0)
    assert "Judges before it informs" in panel.detail.toPlainText()
    assert not _shows_picture(panel.detail)  # pic.png beside the app is not the lesson's

    panel.detail.anchorClicked.emit(QUrl("https://example.org/"))
    assert opened == ["https://example.org/"]

    _picture(folder / "pic.png")
    window.back_to_marking()
    window.check()
    panel.table.selectRow(1)
    panel.table.selectRow(0)
    assert _shows_picture(panel.detail)


def test_the_author_previews_load_pictures_from_the_lesson_folder_only(
    qtbot: QtBot, make_lesson: Callable[..., Path], elsewhere: Path
) -> None:
    folder = make_lesson()
    window = AuthorWindow(load_lesson(folder))
    qtbot.addWidget(window)
    preview = window.lesson_editor.instructions
    preview.set_text(RATIONALE)
    assert not _shows_picture(preview.preview)
    _picture(folder / "pic.png")
    preview.set_text(RATIONALE + " ")
    assert _shows_picture(preview.preview)
    assert isinstance(window.item_editor.rationale.preview, LessonBrowser)


def test_the_lesson_pane_never_falls_back_to_the_current_folder(
    qtbot: QtBot, make_lesson: Callable[..., Path], elsewhere: Path
) -> None:
    """The lesson view refused such a picture, but Qt then read it itself: QTextDocument loads
    a resource its browser declines, relative to the current directory."""
    from tests.conftest import LESSON_MD

    folder = make_lesson(lesson_md=LESSON_MD.replace("Mark what persuades.", RATIONALE))
    view = lesson_view.LessonView(load_lesson(folder))
    qtbot.addWidget(view)
    view.resize(400, 600)
    view.show()
    assert "Judges before it informs" in view.browser.toPlainText()
    assert not _shows_picture(view.browser)


def test_article_and_lesson_text_is_never_taken_for_html(
    qtbot: QtBot, make_lesson: Callable[..., Path], elsewhere: Path
) -> None:
    """Qt guesses whether a tooltip or label is HTML: words from an article, a lesson title or
    a taxonomy must reach the screen as the words they are, never as tags that fetch files."""
    from PySide6.QtCore import Qt

    from literacy_app.gui.quick_picker import category_item
    from literacy_app.gui.rich_text import plain_tip
    from tests.conftest import LESSON_MD

    tag = f'<img src="{elsewhere / "pic.png"}">'
    article = ARTICLE.replace("Officials say", f"Officials {tag} say")
    folder = make_lesson(
        text=article,
        key=False,
        lesson_md=LESSON_MD.replace("title: A tiny lesson", "title: 'A <b>tiny</b> lesson'"),
    )
    lesson = load_lesson(folder)
    window = shown_window(qtbot, Workspace(lesson))
    start = article.index(tag)
    window.article.select_span(start, start + len(tag))
    window.mark_selection("loaded_language")
    tip = window.marks_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip
    assert "&lt;img src=" in tip

    author = AuthorWindow(lesson)
    qtbot.addWidget(author)
    from PySide6.QtWidgets import QLabel

    header = author.findChild(QLabel, "author_header")
    assert header is not None
    assert "A &lt;b&gt;tiny&lt;/b&gt; lesson" in header.text()
    assert author.item_editor.quote_label.textFormat() == Qt.TextFormat.PlainText

    category = lesson.taxonomy["loaded_language"]
    hostile = replace(category, definition=tag)
    assert category_item(hostile).toolTip() == plain_tip(tag)
    assert "<img" not in plain_tip(tag)

"""The lesson panel as a student meets it: hints one at a time, a locked debrief, links that open
only when clicked and only to the web, and images only from inside the lesson package."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import lesson_view
from literacy_app.gui.lesson_view import LOCKED_NOTE, LessonBrowser, LessonView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BUNDLED = Path(__file__).resolve().parents[2] / "lessons" / "bakhmut-op-ed"

RICH_LESSON_MD = """---
format: literacy-lesson
version: 1
id: rich
title: "A <b>rich</b> lesson"
article: article.txt
difficulty: beginner
minutes: 10
---

## Instructions
Read the **article**, then mark it. See [a site](https://example.com/page) or
[mail us](mailto:teacher@example.com). Never [evil](javascript:alert(1)) or
<a href="file:///etc/passwd">local file</a>. A claim with a note.[^1]

![A bar chart](assets/pic.png)

![stolen](../secret.png) ![tracker](http://example.com/x.png)
<img src="x" onerror="alert(1)">

| Device | Example |
|:--|:--|
| loaded language | *crushing blow* |

[^1]: The footnote text.

## Glossary
A glossary section the author added.

## Hints
### First
The first hint body.
### Second
The second hint body.
### Third
The third hint body.

## Debrief
Secret debrief words.
"""


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """Every URL the view hands to the desktop; no browser is ever started by a test."""
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(lesson_view, "open_url", record)
    return urls


@pytest.fixture
def bundled(qtbot: QtBot) -> LessonView:
    view = LessonView(load_lesson(BUNDLED))
    qtbot.addWidget(view)
    view.resize(480, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def write_png(path: Path, color: str = "#3366cc", size: tuple[int, int] = (40, 20)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "PNG")
    return path


@pytest.fixture
def rich_folder(make_lesson: Callable[..., Path], tmp_path: Path) -> Path:
    folder = make_lesson(name="rich", lesson_md=RICH_LESSON_MD, key=False)
    write_png(folder / "assets" / "pic.png")
    write_png(tmp_path / "secret.png", "#ff0000")
    return folder


@pytest.fixture
def rich(qtbot: QtBot, rich_folder: Path) -> LessonView:
    view = LessonView(load_lesson(rich_folder))
    qtbot.addWidget(view)
    view.resize(480, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def cursor_in(browser: LessonBrowser, text: str) -> QTextCursor:
    """A cursor in the middle of `text` in the document."""
    found = browser.document().find(text)
    assert not found.isNull(), f"{text!r} is not in the document"
    cursor = QTextCursor(browser.document())
    cursor.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    return cursor


def in_view(browser: LessonBrowser, text: str) -> bool:
    """Whether `text` is on screen now (without scrolling to it)."""
    return browser.viewport().rect().contains(browser.cursorRect(cursor_in(browser, text)))


def point_of(browser: LessonBrowser, text: str) -> QPoint:
    """The viewport point in the middle of `text`, scrolled into view."""
    cursor = cursor_in(browser, text)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    return browser.cursorRect(cursor).center()


def click_text(browser: LessonBrowser, text: str) -> None:
    QTest.mouseClick(
        browser.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        point_of(browser, text),
    )


# --- showing the lesson ------------------------------------------------------------------------
def test_bundled_lesson_shows_title_details_and_instructions(bundled: LessonView) -> None:
    assert bundled.title_label.text() == "Reading an op-ed: the battle of Bakhmut"
    assert bundled.meta_label.text() == "Advanced · about 35 minutes · 3 hints"
    shown = bundled.displayed_text()
    assert "Instructions" in shown
    assert "Read the whole article once" in shown
    # the sub-list under item 3 is a real list, not text run into the paragraph
    assert "- Framing devices" not in shown
    assert bundled.browser.isReadOnly()
    assert bundled.title_label.font().pointSizeF() > bundled.font().pointSizeF()


def test_untrusted_title_is_plain_text(rich: LessonView) -> None:
    assert rich.title_label.textFormat() == Qt.TextFormat.PlainText
    assert rich.title_label.text() == "A <b>rich</b> lesson"


def test_other_sections_follow_the_instructions(rich: LessonView) -> None:
    shown = rich.browser.toPlainText()
    assert shown.index("Instructions") < shown.index("Glossary") < shown.index("Hints")
    assert "A glossary section the author added." in shown
    assert "loaded language" in shown  # the table survived


def test_widgets_have_names_for_tests_and_assistive_technology(rich: LessonView) -> None:
    for widget in (rich, rich.title_label, rich.meta_label, rich.browser, rich.hint_button):
        assert widget.objectName()
        assert widget.accessibleName()


# --- hints -------------------------------------------------------------------------------------
def test_hints_are_revealed_one_at_a_time_by_the_button(qtbot: QtBot, bundled: LessonView) -> None:
    titles = [hint.title for hint in bundled.lesson.text.hints]
    button = bundled.hint_button
    assert bundled.hints_shown == 0
    assert button.text() == "Show a hint (1 of 3)"
    assert not any(title in bundled.displayed_text() for title in titles)

    expected_buttons = [
        "Show another hint (2 of 3)",
        "Show another hint (3 of 3)",
        "All hints shown (3 of 3)",
    ]
    for index, label in enumerate(expected_buttons):
        with qtbot.waitSignal(bundled.hint_revealed) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [index]
        assert bundled.hints_shown == index + 1
        shown = bundled.browser.toPlainText()
        assert all(title in shown for title in titles[: index + 1])
        assert not any(title in shown for title in titles[index + 1 :])
        assert button.text() == label
        assert button.accessibleName() == label

    shown = bundled.browser.toPlainText()
    assert shown.index(titles[0]) < shown.index(titles[1]) < shown.index(titles[2])
    assert "Which are named and which are not?" in shown  # a body, not only the title
    assert not button.isEnabled()
    with qtbot.assertNotEmitted(bundled.hint_revealed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert bundled.reveal_next_hint() is False
    assert bundled.hints_shown == 3


def test_revealing_a_hint_scrolls_to_it(bundled: LessonView) -> None:
    bundled.reveal_next_hint()
    scroll = bundled.browser.verticalScrollBar()
    assert scroll.value() > 0
    title = bundled.lesson.text.hints[0].title
    assert in_view(bundled.browser, title)


def test_a_lesson_without_hints_has_no_hint_button(
    qtbot: QtBot, make_lesson: Callable[..., Path]
) -> None:
    md = RICH_LESSON_MD.split("## Hints")[0] + "## Debrief\nDone.\n"
    view = LessonView(load_lesson(make_lesson(lesson_md=md, key=False)))
    qtbot.addWidget(view)
    assert view.hint_count == 0
    assert not view.hint_button.isVisibleTo(view)
    assert view.reveal_next_hint() is False
    assert "Hints" not in view.browser.toPlainText()


# --- debrief -----------------------------------------------------------------------------------
def test_debrief_is_locked_until_the_work_is_checked(rich: LessonView) -> None:
    assert not rich.debrief_visible()
    assert "Secret debrief words" not in rich.displayed_text()
    assert "Secret debrief words" not in rich.browser.toHtml()  # not hidden: absent
    assert LOCKED_NOTE in rich.displayed_text()

    rich.set_checked(True)
    assert rich.debrief_visible()
    assert "Secret debrief words" in rich.displayed_text()
    assert LOCKED_NOTE not in rich.displayed_text()

    rich.set_checked(False)  # stays open for the session
    assert rich.debrief_visible()
    assert "Secret debrief words" in rich.displayed_text()


def test_reset_locks_the_debrief_and_hides_the_hints(rich: LessonView) -> None:
    rich.reveal_next_hint()
    rich.set_checked(True)
    rich.reset()
    assert rich.hints_shown == 0
    assert not rich.debrief_visible()
    assert "Secret debrief words" not in rich.displayed_text()
    assert "The first hint body" not in rich.displayed_text()
    assert rich.hint_button.text() == "Show a hint (1 of 3)"
    assert rich.hint_button.isEnabled()


def test_unlocking_the_debrief_keeps_the_reading_position(rich: LessonView) -> None:
    scroll = rich.browser.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    position = scroll.value()
    rich.set_checked(True)
    assert scroll.value() == position


# --- links -------------------------------------------------------------------------------------
def test_clicking_a_https_link_requests_it(
    qtbot: QtBot, rich: LessonView, opened: list[QUrl]
) -> None:
    with qtbot.waitSignal(rich.link_requested) as blocker:
        click_text(rich.browser, "a site")
    assert blocker.args == [QUrl("https://example.com/page")]
    assert opened == [QUrl("https://example.com/page")]


def test_clicking_a_mailto_link_requests_it(
    qtbot: QtBot, rich: LessonView, opened: list[QUrl]
) -> None:
    with qtbot.waitSignal(rich.link_requested):
        click_text(rich.browser, "mail us")
    assert opened == [QUrl("mailto:teacher@example.com")]


def test_javascript_and_file_links_never_reach_the_desktop(
    qtbot: QtBot, rich: LessonView, opened: list[QUrl]
) -> None:
    html = rich.browser.toHtml()
    # the https and mailto links and the footnote's two in-document links, nothing else
    assert html.count("<a href=") == 4
    with qtbot.assertNotEmitted(rich.link_requested):
        click_text(rich.browser, "evil")
        click_text(rich.browser, "local file")
        # and if anything ever reached anchorClicked another way, the view checks again
        for url in (
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "vbscript:x",
            "relative.html",
            "http:no-host",
        ):
            rich.browser.anchorClicked.emit(QUrl(url))
    assert opened == []


def test_nothing_opens_without_a_click(rich: LessonView, opened: list[QUrl]) -> None:
    rich.reveal_next_hint()
    rich.set_checked(True)
    rich.reset()
    assert opened == []


def test_in_document_links_scroll_instead_of_opening(
    qtbot: QtBot, rich: LessonView, opened: list[QUrl]
) -> None:
    rich.resize(480, 300)
    scroll = rich.browser.verticalScrollBar()
    scroll.setValue(0)
    with qtbot.assertNotEmitted(rich.link_requested):
        rich.browser.anchorClicked.emit(QUrl("#fn:1"))
    assert scroll.value() > 0
    assert not in_view(rich.browser, "Read the")
    assert in_view(rich.browser, "The footnote text")
    assert opened == []


# --- images ------------------------------------------------------------------------------------
IMAGE = QTextDocument.ResourceType.ImageResource


def test_images_load_from_inside_the_lesson_folder(rich: LessonView, rich_folder: Path) -> None:
    browser = rich.browser
    image = browser.loadResource(IMAGE, QUrl("assets/pic.png"))
    assert isinstance(image, QImage)
    assert not image.isNull()
    assert image.size().width() == 40
    inside = browser.loadResource(IMAGE, QUrl.fromLocalFile(str(rich_folder / "assets/pic.png")))
    assert isinstance(inside, QImage)
    # and the picture in the Markdown really is in the document
    assert "assets/pic.png" in browser.toHtml()


def _refused(value: object) -> bool:
    """A refused image is one transparent pixel, never None: given None, QTextDocument would
    read the file itself, relative to the current directory."""
    return (
        isinstance(value, QImage)
        and value.size().width() == 1
        and value.size().height() == 1
        and value.pixelColor(0, 0).alpha() == 0
    )


@pytest.mark.parametrize(
    "name",
    [
        "../secret.png",
        "assets/../../secret.png",
        "%2e%2e/secret.png",
        "SECRET_ABSOLUTE",
        "PIC_ABSOLUTE",
        "SECRET_FILE_URL",
        "http://example.com/x.png",
        "https://example.com/x.png",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAH"
        "ggJ/PchI7wAAAABJRU5ErkJggg==",
        "assets/missing.png",
        "assets/link.png",
        "lesson.md",
        "",
    ],
)
def test_images_outside_the_folder_or_remote_are_refused(
    rich: LessonView, rich_folder: Path, tmp_path: Path, name: str
) -> None:
    secret = tmp_path / "secret.png"
    link = rich_folder / "assets" / "link.png"
    if hasattr(os, "symlink"):
        link.symlink_to(secret)  # inside the package, pointing out of it
    name = {
        "SECRET_ABSOLUTE": str(secret),
        "PIC_ABSOLUTE": str(rich_folder / "assets" / "pic.png"),  # absolute: refused anyway
        "SECRET_FILE_URL": QUrl.fromLocalFile(str(secret)).toString(),
    }.get(name, name)
    assert _refused(rich.browser.loadResource(IMAGE, QUrl(name)))
    assert _refused(rich.browser.loadResource(IMAGE, name))  # Qt may pass a string, too


def test_only_images_are_served(rich: LessonView) -> None:
    for kind in (
        QTextDocument.ResourceType.StyleSheetResource,
        QTextDocument.ResourceType.HtmlResource,
        QTextDocument.ResourceType.MarkdownResource,
    ):
        served = rich.browser.loadResource(kind, QUrl("assets/pic.png"))
        assert isinstance(served, QByteArray)
        assert served.isEmpty()


def test_hostile_images_never_reach_the_document(rich: LessonView) -> None:
    document = rich.browser.toHtml()
    for hostile in ("secret.png", "example.com/x.png", "onerror", "javascript", "file://"):
        assert hostile not in document
    assert "stolen" in rich.browser.toPlainText()  # the alt text is shown instead
    assert rich.browser.searchPaths() == []


# --- looks -------------------------------------------------------------------------------------
def test_renders_in_light_and_dark_palettes(qtbot: QtBot, rich: LessonView, tmp_path: Path) -> None:
    rich.reveal_next_hint()
    light = rich.grab()
    assert light.size().width() == 480
    assert light.save(str(tmp_path / "light.png"))
    light_base = rich.browser.palette().color(QPalette.ColorRole.Base)

    dark = QPalette(rich.palette())
    for role, color in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Link, "#0000ff"),
    ):  # a link colour unreadable on dark
        dark.setColor(role, QColor(color))
    rich.setPalette(dark)
    assert rich.browser.palette().color(QPalette.ColorRole.Base) != light_base
    style = rich.browser.document().defaultStyleSheet()
    assert "#0000ff" not in style  # made readable on the dark background
    assert "Secret debrief words" not in rich.displayed_text()  # still locked after re-render
    assert "The first hint body" in rich.displayed_text()
    assert rich.grab().save(str(tmp_path / "dark.png"))

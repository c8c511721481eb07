"""More of the student window: emoji offsets, keyless lessons, find, zoom, recent files,
the crash handler and the --screenshot command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import app as gui_app
from literacy_app.gui.actions import ActionId
from literacy_app.gui.settings import Settings
from literacy_app.resources import bundled_lessons
from tests.conftest import ARTICLE, span_of
from tests.gui.conftest import Dialogs
from tests.gui.helpers import crash, drag_select, shown_window

ROOT = Path(__file__).resolve().parents[2]


def test_offsets_after_an_emoji_are_code_points(qtbot: QtBot, tiny_workspace: Workspace) -> None:
    window = shown_window(qtbot, tiny_workspace)
    start, end = span_of(ARTICLE, "Buses will stop running")
    assert "🚌" in ARTICLE[:start]  # one code point, two UTF-16 units
    drag_select(window.article, start, end)
    mark = window.mark_selection("speculation_as_fact")
    assert mark is not None
    assert (mark.start, mark.end) == (start, end)
    assert mark.quote == "Buses will stop running"


def test_keyless_lesson_offers_submit_instead_of_check(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = shown_window(qtbot, Workspace(load_lesson(make_lesson(key=False))))
    assert not window.registry[ActionId.CHECK].isVisible()
    assert window.registry[ActionId.SUBMIT].isVisible()
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("loaded_language")
    target = tmp_path / "handed-in.json"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Grace", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()
    assert not window.workspace.reviewing


def test_find_in_article_selects_the_next_match(qtbot: QtBot, tiny_workspace: Workspace) -> None:
    window = shown_window(qtbot, tiny_workspace)
    qtbot.keyClick(window.article, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar, "the")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    first = window.article.selected_span()
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    second = window.article.selected_span()
    assert first is not None
    assert second is not None
    assert second[0] > first[0]
    assert ARTICLE[second[0] : second[1]].lower() == "the"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_zoom_is_remembered(qtbot: QtBot, tiny_workspace: Workspace) -> None:
    window = shown_window(qtbot, tiny_workspace)
    size = window.article.font().pointSizeF()
    window.registry[ActionId.ZOOM_IN].trigger()
    window.registry[ActionId.ZOOM_IN].trigger()
    assert window.article.font().pointSizeF() > size
    assert Settings().zoom == 2
    window.registry[ActionId.ZOOM_RESET].trigger()
    assert Settings().zoom == 0
    assert window.article.font().pointSizeF() == size


def test_zoom_stays_readable_whatever_the_settings_file_says(
    qtbot: QtBot, tiny_workspace: Workspace
) -> None:
    from literacy_app.gui.settings import ZOOM_RANGE

    Settings()._q.setValue("view/zoom", 5000)  # a damaged or hand-edited settings file
    window = shown_window(qtbot, tiny_workspace)
    low, high = ZOOM_RANGE
    assert Settings().zoom == high
    largest = window.article.font().pointSizeF()
    assert largest < 40
    window.registry[ActionId.ZOOM_IN].trigger()  # already at the top: nothing changes
    assert (Settings().zoom, window.article.font().pointSizeF()) == (high, largest)
    for _ in range(high - low + 5):
        window.registry[ActionId.ZOOM_OUT].trigger()
    assert Settings().zoom == low
    assert window.article.font().pointSizeF() >= 4
    window.registry[ActionId.ZOOM_RESET].trigger()
    assert Settings().zoom == 0


def test_open_recent_lists_saved_files(
    qtbot: QtBot, tiny_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(qtbot, tiny_workspace)
    window.workspace.student = window.workspace.student.__class__("Ada", "")
    target = tmp_path / "a.json"
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("loaded_language")
    assert window.save_to(target)
    window._fill_recent_menu()
    names = [a.text() for a in window.recent_menu.actions()]
    assert str(target.resolve()) in names
    target.unlink()  # the file is moved away: the entry stays visible but cannot be chosen
    window._fill_recent_menu()
    (gone,) = [a for a in window.recent_menu.actions() if str(target.resolve()) in a.text()]
    assert gone.text().endswith("(no longer there)")
    assert not gone.isEnabled()


def test_hint_action_reveals_hints_in_order(qtbot: QtBot, tiny_workspace: Workspace) -> None:
    window = shown_window(qtbot, tiny_workspace)
    action = window.registry[ActionId.SHOW_HINT]
    action.trigger()
    action.trigger()
    assert window.lesson_view.hints_shown == 2
    # The tiny lesson's author wrote two hints; a keyed lesson has a third level worked out
    # from the marks (one passage to find).
    assert action.isEnabled()
    action.trigger()
    assert window.lesson_view.hints_shown == 3
    assert "One passage to find" in window.lesson_view.displayed_text()
    assert not action.isEnabled()
    assert window.workspace.hints_used == 3


def _crash_through_the_handler() -> Path:
    """Install the crash handler, let a RuntimeError reach it, put things back, and return
    the log file the handler names (the dialog it showed is in `scripted_dialogs`)."""
    import logging

    logger = logging.getLogger("literacy_app")
    before = list(logger.handlers)
    try:
        log_file = gui_app.install_crash_handler()
        try:
            raise RuntimeError("boom")
        except RuntimeError as err:
            sys.excepthook(type(err), err, err.__traceback__)
    finally:
        sys.excepthook = sys.__excepthook__
        for handler in logger.handlers[len(before) :]:
            handler.close()
        logger.handlers[:] = before
    return log_file


def test_crash_handler_logs_and_reports(tmp_path: Path, scripted_dialogs: Dialogs) -> None:
    log_file = _crash_through_the_handler()
    assert "RuntimeError: boom" in log_file.read_text(encoding="utf-8")
    kind, (_title, message) = scripted_dialogs.shown[-1]
    assert kind == "error"
    assert "boom" in message


def test_an_unwritable_data_folder_does_not_stop_the_app(
    tmp_path: Path,
    scripted_dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A read-only or full home used to end the start with a traceback (the error log could
    not be created): now the details go to stderr and the dialog says where they are."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LITERACY_APP_HOME", str(blocker / "home"))  # mkdir fails, even as root
    log_file = _crash_through_the_handler()
    assert not log_file.exists()
    assert "RuntimeError: boom" in capsys.readouterr().err
    kind, (_title, message) = scripted_dialogs.shown[-1]
    assert kind == "error"
    assert f"Details could not be written to {log_file}" in message


def _screenshot(tmp_path: Path, *args: str) -> QImage:
    target = tmp_path / "shot.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "literacy_app", "open", *args, "--screenshot", str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert not image.isNull()
    return image


def test_screenshot_of_the_bundled_lesson(tmp_path: Path) -> None:
    image = _screenshot(tmp_path, "bakhmut-op-ed", "--size", "1200x800")
    assert (image.width(), image.height()) == (1200, 800)


def test_screenshot_of_a_submission_in_review(tmp_path: Path) -> None:
    sample = ROOT / "docs/examples/bakhmut-op-ed.sample.submission.json"
    image = _screenshot(tmp_path, str(sample), "--review")
    assert image.width() == 1400
    # the review draws coloured outlines: many distinct colours, not a blank window
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 900, 7)}
    assert len(colours) > 50


def test_a_shared_lesson_zip_opens_from_the_command_line(tmp_path: Path) -> None:
    from literacy_app.authoring.packaging import export_package

    package = export_package(
        ROOT / "lessons" / "getting-started", tmp_path / "gs.zip", handout=False
    )
    image = _screenshot(tmp_path, str(package), "--size", "900x600")
    assert (image.width(), image.height()) == (900, 600)


def test_bad_lesson_on_the_command_line_fails_cleanly(
    tmp_path: Path, make_lesson: Callable[..., Path]
) -> None:
    broken = make_lesson("broken", lesson_md="no metadata here\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "literacy_app",
            "open",
            str(broken),
            "--screenshot",
            str(tmp_path / "x.png"),
        ],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "LITERACY_APP_HOME": str(tmp_path / "home"),
        },
        check=False,
    )
    assert result.returncode == 1
    assert "lesson.md:1:1: expected a metadata block" in result.stderr
    assert "Traceback" not in result.stderr


def test_first_launch_opens_getting_started_until_it_is_checked() -> None:
    """The lessons after it: tests/gui/test_next_lesson.py."""
    settings = Settings()
    assert gui_app.start_lesson(settings).name == "getting-started"
    assert gui_app.start_lesson(settings).name == "getting-started"


def test_bundled_lessons_menu_lists_every_lesson(qtbot: QtBot, tiny_workspace: Workspace) -> None:
    window = shown_window(qtbot, tiny_workspace)
    window._fill_lessons_menu()
    labels = [a.text() for a in window.lessons_menu.actions()]
    assert len(labels) == len(bundled_lessons())
    assert labels[0].startswith("Getting started")
    window.lessons_menu.actions()[0].trigger()
    assert window.workspace.lesson.id == "getting-started"


def test_keyboard_only_every_action_is_in_a_menu_and_widgets_are_named(
    qtbot: QtBot, tiny_workspace: Workspace
) -> None:
    """Menus open with Alt+letter, so an action in a menu is reachable without the mouse."""
    window = shown_window(qtbot, tiny_workspace)
    in_menus = {
        action
        for menu in window.menuBar().findChildren(type(window.recent_menu))
        for action in menu.actions()
    }
    missing = [a.objectName() for a in window.registry.values() if a not in in_menus]
    assert missing == []
    for widget in (
        window.article,
        window.marks_table,
        window.lesson_view.browser,
        window.find_bar,
        window.article_header,
    ):
        assert widget.accessibleName(), widget.objectName()
    for button in window.palette_widget.buttons():
        assert button.accessibleName().startswith("Mark as ")


def test_article_header_links_to_the_source_and_the_terms_of_reuse(
    qtbot: QtBot, scripted_dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from literacy_app.gui import lesson_view
    from literacy_app.resources import default_lesson

    opened: list[str] = []
    monkeypatch.setattr(lesson_view, "open_url", lambda url: opened.append(url.toString()))
    window = shown_window(qtbot, Workspace(load_lesson(default_lesson())))
    attribution = window.workspace.lesson.article.attribution
    header = window.article_header
    assert "terms of reuse" in header.text()
    assert attribution.licence in header.toolTip()
    assert header.focusPolicy() == Qt.FocusPolicy.TabFocus  # a click keeps the article's focus

    header.linkActivated.emit(attribution.url)
    header.linkActivated.emit("javascript:alert(1)")  # never opened, whatever reaches here
    header.linkActivated.emit("#terms-of-reuse")
    assert opened == [attribution.url]
    (shown,) = [args for kind, args in scripted_dialogs.shown if kind == "show_text"]
    assert shown[0] == "About this article"
    assert attribution.licence in shown[1]
    assert "Andrew Korybko" in shown[1]


def test_export_as_w3c_then_open_it_from_the_file_menu(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """File > Export as W3C writes annotations another tool can read; File > Open brings them
    back as the same marks, with their lesson."""
    from literacy_app.formats import w3c

    folder = make_lesson()
    window = shown_window(qtbot, Workspace(load_lesson(folder)))
    for quote, category in (("reckless", "loaded_language"), ("Experts say", "vague_attribution")):
        window.article.select_span(*span_of(ARTICLE, quote))
        window.mark_selection(category)
    target = tmp_path / "marks.w3c.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.registry[ActionId.EXPORT_MARKS].trigger()
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert w3c.looks_like_w3c(exported)

    window.undo_stack.setClean()  # exported, so nothing to ask about before opening
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    window.registry[ActionId.OPEN].trigger()
    assert window.workspace.path == target
    assert window.workspace.lesson.folder == folder
    assert [(m.quote, m.category) for m in window.workspace.marks] == [
        ("reckless", "loaded_language"),
        ("Experts say", "vague_attribution"),
    ]


def test_recovery_for_a_lesson_that_moved_is_reported_and_kept(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    scripted_dialogs: Dialogs,
) -> None:
    import shutil

    from literacy_app.gui.recovery_offer import offer_recovery

    folder = make_lesson("moving")
    crashed = shown_window(qtbot, Workspace(load_lesson(folder)))
    crashed.article.select_span(*span_of(ARTICLE, "reckless"))
    crashed.mark_selection("loaded_language")
    qtbot.waitUntil(lambda: crashed.recovery_path is not None, timeout=2000)
    recovery = crash(crashed)
    saved = recovery.read_bytes()
    shutil.rmtree(folder)  # the lesson folder is gone before the next start

    other = shown_window(qtbot, Workspace(load_lesson(make_lesson("other"))))
    assert not offer_recovery(other)
    kinds = [kind for kind, _ in scripted_dialogs.shown]
    assert kinds == ["ask_restore", "problems"]
    assert scripted_dialogs.shown[1][1][0] == "Could not restore the unsaved work"
    assert recovery.read_bytes() == saved  # kept for later: the work is never thrown away
    assert other.workspace.lesson.folder.name == "other"
    assert len(other.workspace.marks) == 0


def test_a_shared_lesson_zip_opens_from_the_file_menu_and_again_later(
    qtbot: QtBot,
    tiny_workspace: Workspace,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
) -> None:
    """A student who gets the teacher's handout as a .zip opens it like any lesson: it is
    unpacked (and checked) once into the app's data folder, then found again."""
    from literacy_app.authoring.packaging import export_package

    handout = export_package(make_lesson("handout"), tmp_path / "handout.zip", handout=True)
    window = shown_window(qtbot, tiny_workspace)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(handout), ""))
    window.registry[ActionId.OPEN].trigger()
    first = window.workspace.lesson.folder
    assert window.workspace.lesson.key is None  # a handout: Submit, not Check
    assert window.registry[ActionId.SUBMIT].isVisible()
    assert not first.is_relative_to(tmp_path / "handout.zip")
    assert scripted_dialogs.shown == []  # no problem to report

    window.registry[ActionId.OPEN].trigger()  # the same file again: the same lesson folder
    assert window.workspace.lesson.folder == first
    assert len([p for p in first.parent.iterdir() if not p.name.startswith(".")]) == 1

    # The work saved for that lesson reopens later and finds the unpacked lesson by itself.
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("loaded_language")
    saved = tmp_path / "downloads" / "work" / "my-work.json"  # no lesson folder nearby
    saved.parent.mkdir(parents=True)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Grace", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    assert window.save()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    window.registry[ActionId.OPEN].trigger()
    assert window.workspace.path == saved
    assert window.workspace.lesson.folder == first
    assert [m.quote for m in window.workspace.marks] == ["reckless"]


def test_a_damaged_zip_is_reported_and_the_current_work_stays(
    qtbot: QtBot,
    tiny_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
) -> None:
    broken = tmp_path / "lesson.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    window = shown_window(qtbot, tiny_workspace)
    window.article.select_span(*span_of(ARTICLE, "reckless"))
    window.mark_selection("loaded_language")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    window.undo_stack.setClean()
    window.registry[ActionId.OPEN].trigger()
    kind, (title, problems, _warning) = scripted_dialogs.shown[-1]
    assert (kind, title) == ("problems", "Could not open lesson.zip")
    assert "not a zip file" in problems[0]
    assert len(window.workspace.marks) == 1


def _mnemonic(text: str) -> str | None:
    """The letter after a single '&' ("Save &As…" -> "a"), None when there is none."""
    plain = text.replace("&&", "")
    index = plain.find("&")
    return plain[index + 1].lower() if 0 <= index < len(plain) - 1 else None


def _clashing_alt_letters(window: QMainWindow) -> list[str]:
    """Alt letters used twice in the menu bar or within one menu (visible entries only)."""
    clashes = []
    bar = window.menuBar()
    for title, entries in [
        ("menu bar", bar.actions()),
        *[(a.menu().title(), a.menu().actions()) for a in bar.actions() if a.menu()],
    ]:
        seen = [_mnemonic(a.text()) for a in entries if a.isVisible() and a.text()]
        letters = [letter for letter in seen if letter]
        clashes += [f"{title}: {letter}" for letter in set(letters) if letters.count(letter) > 1]
    return sorted(clashes)


@pytest.mark.parametrize("keyless", [False, True])
def test_alt_letters_are_unique_in_the_menu_bar_and_in_every_menu(
    qtbot: QtBot, make_lesson: Callable[..., Path], keyless: bool
) -> None:
    """Two entries with one Alt letter make the key cycle between them instead of choosing:
    each letter must lead to exactly one place (with a key, and on a handout with Submit)."""
    folder = make_lesson(key=None) if keyless else make_lesson()
    window = shown_window(qtbot, Workspace(load_lesson(folder)))
    assert _clashing_alt_letters(window) == []


def test_alt_letters_are_unique_in_the_teacher_windows(
    qtbot: QtBot, authored: QMainWindow
) -> None:
    assert _clashing_alt_letters(authored) == []

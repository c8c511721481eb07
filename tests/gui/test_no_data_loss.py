"""The brief's promise that a student's marks survive a kill and a full disk, kept with a real
killed process and with the operating system refusing to write, not with flags set by hand."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.dialogs import ask_changed_on_disk as real_ask_changed  # before scripting
from literacy_app.gui.dialogs import ask_restore as real_ask_restore
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.palette import shortcut_digits
from literacy_app.gui.recovery_offer import offer_recovery
from literacy_app.gui.settings import data_dir
from tests.conftest import ARTICLE, span_of
from tests.gui.conftest import Dialogs
from tests.gui.helpers import crash, shown_window

QUOTES = ["reckless", "ruin the city", "Experts say"]

# A student's session in a real app process: one mark saved to a file, two more made after the
# save, then the process is killed with SIGKILL (no close event, no atexit, no flush) as soon as
# the autosave has caught up. Marks are made with the palette's digit keys, as a student would.
STUDENT_SESSION = textwrap.dedent(
    """
    import json, os, signal, sys, time
    from pathlib import Path
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from literacy_app.cli import build_parser
    from literacy_app.gui.app import open_window
    from literacy_app.gui.palette import shortcut_digits

    lesson, saved, quotes = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    window = open_window(build_parser().parse_args(["open", lesson]))[0]
    window.settings.student_name = "Ada"
    window.show()
    window.activateWindow()
    while not window.isActiveWindow():
        QApplication.processEvents()
    window.article.setFocus()  # as a click in the article would: the digit keys act there
    text = window.workspace.lesson.article.text
    digit = next(iter(shortcut_digits(window.workspace.lesson.palette)))

    def mark(quote):
        start = text.index(quote)
        window.article.select_span(start, start + len(quote))
        QTest.keyClick(window.article, digit)

    mark(quotes[0])
    assert window.save_to(saved)
    for quote in quotes[1:]:
        mark(quote)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        QApplication.processEvents()
        recovery = window.recovery_path
        written = json.loads(recovery.read_text()) if recovery and recovery.exists() else None
        if written and len(written["submission"]["marks"]) == len(quotes):
            print("autosaved", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.02)
    print("the autosave never caught up", flush=True)
    """
)


def _marks_in(path: Path) -> list[str]:
    """The quotes in a submission file, or in a recovery file's submission."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [mark["quote"] for mark in data.get("submission", data)["marks"]]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_killed_app_gives_every_mark_back_on_the_next_start(
    qtbot: QtBot,
    make_lesson: Callable[..., Path],
    scripted_dialogs: Dialogs,
    tmp_path: Path,
) -> None:
    from literacy_app.cli import build_parser
    from literacy_app.gui.app import open_window

    lesson = make_lesson()
    saved = tmp_path / "ada.submission.json"
    killed = subprocess.run(
        [sys.executable, "-c", STUDENT_SESSION, str(lesson), str(saved), json.dumps(QUOTES)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},  # same private home as this test
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    assert "autosaved" in killed.stdout
    assert _marks_in(saved) == QUOTES[:1]  # the kill never touches the saved file

    opened = open_window(build_parser().parse_args(["open", str(lesson)]))
    assert not isinstance(opened, int)
    window = opened[0]
    qtbot.addWidget(window)
    assert offer_recovery(window)
    kind, description = scripted_dialogs.shown[-1]
    assert kind == "ask_restore"
    assert description.startswith("3 marks on “A tiny lesson”, last changed ")
    assert [mark.quote for mark in window.workspace.marks] == QUOTES
    assert window.workspace.path == saved  # Save goes back to the student's own file
    assert window.isWindowModified()

    assert window.save()
    assert _marks_in(saved) == QUOTES
    assert not list((data_dir() / "recovery").glob("*.recovery.json"))


def _disk_full(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _press_digit(qtbot: QtBot, window: MainWindow, quote: str) -> None:
    window.activateWindow()  # as a click in the article would: the digit keys act there
    qtbot.waitUntil(window.isActiveWindow)
    window.article.setFocus()
    window.article.select_span(*span_of(ARTICLE, quote))
    qtbot.keyClick(window.article, next(iter(shortcut_digits(window.workspace.lesson.palette))))


@pytest.fixture
def saved_once(
    qtbot: QtBot, tiny_workspace: Workspace, tmp_path: Path
) -> tuple[MainWindow, Path]:
    """Ada's window with her first mark saved to a file: (the window, the file)."""
    window = shown_window(qtbot, tiny_workspace)
    window.settings.student_name = "Ada"
    saved = tmp_path / "ada.submission.json"
    _press_digit(qtbot, window, QUOTES[0])
    assert window.save_to(saved)
    return window, saved


def test_save_on_a_full_disk_keeps_the_old_file_and_every_mark(
    qtbot: QtBot,
    saved_once: tuple[MainWindow, Path],
    scripted_dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, saved = saved_once
    before = saved.read_bytes()
    for quote in QUOTES[1:]:
        _press_digit(qtbot, window, quote)

    with monkeypatch.context() as disk:
        disk.setattr(os, "fsync", _disk_full)  # the real atomic write, refused by the "disk"
        qtbot.keyClick(window.article, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        kind, (title, message) = scripted_dialogs.shown[-1]
        assert (kind, title) == ("error", "Could not save")
        assert str(saved) in message
        assert "No space left on device" in message
        assert saved.read_bytes() == before  # the previous save is untouched
        assert sorted(p.name for p in saved.parent.iterdir() if p.name.startswith(".")) == []
        assert [mark.quote for mark in window.workspace.marks] == QUOTES
        assert window.isWindowModified()

    qtbot.keyClick(window.article, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _marks_in(saved) == QUOTES
    assert not window.isWindowModified()


def test_autosave_on_a_full_disk_warns_and_catches_up_when_space_returns(
    qtbot: QtBot, tiny_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(qtbot, tiny_workspace)
    with monkeypatch.context() as disk:
        disk.setattr(os, "fsync", _disk_full)
        _press_digit(qtbot, window, QUOTES[0])
        qtbot.waitUntil(lambda: window.autosave_error is not None, timeout=3000)
        assert "No space left on device" in window.statusBar().currentMessage()
        assert window.recovery_path is not None
        assert not window.recovery_path.exists()
        assert [mark.quote for mark in window.workspace.marks] == QUOTES[:1]

    _press_digit(qtbot, window, QUOTES[1])
    recovery = window.recovery_path
    qtbot.waitUntil(recovery.exists, timeout=3000)
    assert window.autosave_error is None
    assert _marks_in(recovery) == QUOTES[:2]


def _bad_copies(good: Path) -> dict[str, tuple[bytes, str]]:
    """Damaged versions of a saved submission: (content, what the report must say)."""
    text = good.read_text(encoding="utf-8")
    return {
        "cut-short.json": (text[: len(text) // 2].encode(), "invalid JSON"),
        "unknown-category.json": (
            text.replace('"loaded_language"', '"loaded_langauge"').encode(),
            "unknown category 'loaded_langauge'",
        ),
        "not-a-submission.json": (b'{"hello": "world"}\n', "expected a lesson folder"),
        "a-picture.json": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "UTF-8"),
        "an-article.txt": (b"Council votes 5-2\n\nThe plan...", "New lesson from an article"),
    }


def test_a_bad_submission_is_reported_and_the_open_work_is_untouched(
    qtbot: QtBot,
    saved_once: tuple[MainWindow, Path],
    scripted_dialogs: Dialogs,
    tmp_path: Path,
) -> None:
    window, good = saved_once
    _press_digit(qtbot, window, QUOTES[1])  # unsaved work in progress
    qtbot.waitUntil(lambda: window.recovery_path is not None)
    recovery = window.recovery_path
    qtbot.waitUntil(lambda: recovery.exists() and _marks_in(recovery) == QUOTES[:2])
    undo_text = window.undo_stack.undoText()
    # A student who would answer "Discard" is never asked: the file is read first, and a
    # file that cannot be opened must not cost the marks their protection.
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Discard
    for name, (content, expected) in _bad_copies(good).items():
        bad = tmp_path / name
        bad.write_bytes(content)
        assert not window.open_path(bad), name
        kind, (title, lines, _warning) = scripted_dialogs.shown[-1]
        assert (kind, title) == ("problems", f"Could not open {name}")
        assert any(line.startswith(f"{bad}:") and expected in line for line in lines), lines
        assert [mark.quote for mark in window.workspace.marks] == QUOTES[:2], name
        assert window.workspace.path == good
        assert window.undo_stack.undoText() == undo_text
        assert window.isWindowModified()
        assert _marks_in(recovery) == QUOTES[:2]
    assert "ask_save" not in [kind for kind, _ in scripted_dialogs.shown]
    assert _marks_in(good) == QUOTES[:1]


def _crashed_session(qtbot: QtBot, workspace: Workspace) -> Path:
    """A session on `workspace` that marked every quote, autosaved, and died."""
    window = shown_window(qtbot, workspace)
    for quote in QUOTES:
        _press_digit(qtbot, window, quote)
    qtbot.waitUntil(lambda: window.recovery_path is not None and window.recovery_path.exists())
    qtbot.waitUntil(lambda: _marks_in(window.recovery_path) == QUOTES)  # type: ignore[arg-type]
    return crash(window)


@pytest.fixture
def left_behind(qtbot: QtBot, make_lesson: Callable[..., Path]) -> tuple[Path, Path]:
    """(lesson folder, the recovery file a crashed session on it left behind)."""
    folder = make_lesson()
    return folder, _crashed_session(qtbot, Workspace(load_lesson(folder)))


def _next_start(
    qtbot: QtBot, folder: Path, scripted_dialogs: Dialogs, answer: str
) -> tuple[MainWindow, bool]:
    """A new start on the lesson in `folder`, the student answering `answer` to the restore
    question: (the window, whether work was restored)."""
    scripted_dialogs.restore_answer = answer
    window = shown_window(qtbot, Workspace(load_lesson(folder)))
    return window, offer_recovery(window)


def test_work_kept_for_later_survives_a_new_session_on_the_same_lesson(
    qtbot: QtBot, left_behind: tuple[Path, Path], scripted_dialogs: Dialogs
) -> None:
    folder, kept = left_behind
    before = kept.read_bytes()

    second, restored = _next_start(qtbot, folder, scripted_dialogs, "later")  # "not now"
    assert not restored
    _press_digit(qtbot, second, QUOTES[0])
    qtbot.waitUntil(lambda: second.recovery_path is not None and second.recovery_path.exists())
    assert second.recovery_path != kept
    assert kept.read_bytes() == before  # the new work never writes over the kept work
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Discard
    assert second.close()  # quitting normally removes only the session's own file
    assert kept.read_bytes() == before

    third, restored = _next_start(qtbot, folder, scripted_dialogs, "restore")  # offered again
    assert restored
    assert [mark.quote for mark in third.workspace.marks] == QUOTES


def test_work_discarded_at_start_is_deleted_for_good(
    qtbot: QtBot, left_behind: tuple[Path, Path], scripted_dialogs: Dialogs
) -> None:
    folder, kept = left_behind
    fresh, restored = _next_start(qtbot, folder, scripted_dialogs, "discard")
    assert not restored
    assert not kept.exists()
    assert list(kept.parent.iterdir()) == []  # the lock file too
    assert len(fresh.workspace.marks) == 0


def _keys_to_the_box(qtbot: QtBot, key: Qt.Key, alt: bool = False) -> list[str]:
    """Once a modal box opens, bring it to the front and press `key` (with Alt for a
    mnemonic); the returned list fills with the box's title."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    pressed: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, press)
            return
        pressed.append(box.windowTitle())
        box.activateWindow()  # a mnemonic such as Alt+D acts in the active window
        qtbot.waitUntil(box.isActiveWindow)
        if alt:
            qtbot.keyClick(box, key, Qt.KeyboardModifier.AltModifier)
        else:
            qtbot.keyClick(box, key)

    def give_up() -> None:  # a key that went nowhere fails the test instead of hanging it
        box = QApplication.activeModalWidget()
        if box is not None:
            pressed.append("still open after 10 s")
            box.close()

    QTimer.singleShot(0, press)
    QTimer.singleShot(10_000, give_up)
    return pressed


@pytest.mark.parametrize(
    ("key", "alt", "answer"),
    [
        (Qt.Key.Key_Escape, False, "later"),
        (Qt.Key.Key_Return, False, "restore"),
        (Qt.Key.Key_D, True, "discard"),
    ],
)
def test_the_restore_question_answers_from_the_keyboard(
    qtbot: QtBot, key: Qt.Key, alt: bool, answer: str
) -> None:
    """Enter restores, Esc keeps the work for later (the answer that loses nothing), Alt+D
    discards: the real message box, driven by keys."""
    pressed = _keys_to_the_box(qtbot, key, alt)
    described = "3 marks on “A tiny lesson”, last changed 26 Nov 2026 at 09:15."
    assert real_ask_restore(None, described) == answer
    assert pressed == ["Restore unsaved work?"]


@pytest.mark.parametrize(
    ("key", "alt", "can_save_as", "answer"),
    [
        (Qt.Key.Key_Escape, False, True, "cancel"),
        (Qt.Key.Key_Return, False, True, "save_as"),
        (Qt.Key.Key_Return, False, False, "cancel"),
        (Qt.Key.Key_O, True, False, "overwrite"),
    ],
)
def test_the_changed_on_disk_question_answers_from_the_keyboard(
    qtbot: QtBot, tmp_path: Path, key: Qt.Key, alt: bool, can_save_as: bool, answer: str
) -> None:
    """Enter keeps both where it can (Save As) and otherwise saves nothing; Esc saves nothing;
    only Alt+O overwrites."""
    pressed = _keys_to_the_box(qtbot, key, alt)
    assert real_ask_changed(None, tmp_path / "x.json", can_save_as=can_save_as) == answer
    assert pressed == ["The file changed on disk"]


# The real `literacy-app open LESSON` event loop: a mark is made, and SIGTERM arrives at once,
# long before the 0.4 s autosave delay is over (as when `kill`, a logout or a shutdown ends
# the app). Python's default would end the process with the mark nowhere on disk.
TERMINATED_SESSION = textwrap.dedent(
    """
    import os, signal, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from literacy_app.cli import build_parser
    from literacy_app.gui.app import application, run
    from literacy_app.gui.main_window import MainWindow
    from literacy_app.gui.palette import shortcut_digits

    quote = sys.argv[2]

    def mark_then_get_killed():
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window.activateWindow()
        while not window.isActiveWindow():  # the digit keys act in the active window
            QApplication.processEvents()
        window.article.setFocus()
        start = window.workspace.lesson.article.text.index(quote)
        window.article.select_span(start, start + len(quote))
        QTest.keyClick(window.article, next(iter(shortcut_digits(window.workspace.lesson.palette))))
        assert len(window.workspace.marks) == 1
        print("marked", flush=True)
        os.kill(os.getpid(), signal.SIGTERM)

    application()  # timers need it; run() then uses the same one
    QTimer.singleShot(300, mark_then_get_killed)
    QTimer.singleShot(10_000, lambda: (print("still running", flush=True), os._exit(3)))
    sys.exit(run(build_parser().parse_args(["open", sys.argv[1]])))
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_writes_the_last_edit_before_the_app_ends(
    qtbot: QtBot, make_lesson: Callable[..., Path], scripted_dialogs: Dialogs
) -> None:
    from literacy_app.formats.recovery import pending_recoveries

    lesson = make_lesson()
    ended = subprocess.run(
        [sys.executable, "-c", TERMINATED_SESSION, str(lesson), QUOTES[0]],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ended.stdout.splitlines() == ["marked"], ended.stdout + ended.stderr
    assert ended.returncode == 128 + signal.SIGTERM
    [recovery] = pending_recoveries(data_dir() / "recovery")
    assert recovery.marks == 1
    fresh = shown_window(qtbot, Workspace(load_lesson(lesson)))
    assert offer_recovery(fresh)
    assert [mark.quote for mark in fresh.workspace.marks] == QUOTES[:1]


def test_undoing_back_to_the_saved_work_leaves_nothing_to_offer_back(
    qtbot: QtBot, tiny_workspace: Workspace
) -> None:
    window = shown_window(qtbot, tiny_workspace)
    _press_digit(qtbot, window, QUOTES[0])
    qtbot.waitUntil(lambda: window.recovery_path is not None and window.recovery_path.exists())
    recovery = window.recovery_path
    assert recovery is not None
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.isClean()
    qtbot.waitUntil(lambda: not recovery.exists())  # a crash now would offer nothing stale
    assert list(recovery.parent.iterdir()) == []


def test_work_kept_for_later_comes_back_from_the_file_menu(
    qtbot: QtBot, left_behind: tuple[Path, Path], scripted_dialogs: Dialogs
) -> None:
    from literacy_app.gui.actions import ActionId

    folder, kept = left_behind
    window, restored = _next_start(qtbot, folder, scripted_dialogs, "later")
    assert not restored
    _press_digit(qtbot, window, "Experts say")  # new work, unsaved
    qtbot.waitUntil(lambda: window.recovery_path is not None and window.recovery_path.exists())
    current = window.recovery_path
    assert current is not None

    scripted_dialogs.restore_answer = "restore"
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Cancel
    window.registry[ActionId.RECOVER].trigger()
    kinds = [kind for kind, _ in scripted_dialogs.shown]
    assert kinds[-2:] == ["ask_restore", "ask_save"]  # read first, then "replace your work?"
    assert [mark.quote for mark in window.workspace.marks] == ["Experts say"]  # Cancel: as was
    assert kept.exists()

    scripted_dialogs.save_answer = QMessageBox.StandardButton.Discard
    window.registry[ActionId.RECOVER].trigger()
    assert [mark.quote for mark in window.workspace.marks] == QUOTES
    assert window.recovery_path == kept
    assert window.isWindowModified()
    assert not current.exists()  # the work the student chose to discard


def test_recover_with_nothing_waiting_says_so(
    qtbot: QtBot, tiny_workspace: Workspace, scripted_dialogs: Dialogs
) -> None:
    from literacy_app.gui.actions import ActionId

    window = shown_window(qtbot, tiny_workspace)
    _press_digit(qtbot, window, QUOTES[0])
    qtbot.waitUntil(lambda: window.recovery_path is not None and window.recovery_path.exists())
    window.registry[ActionId.RECOVER].trigger()  # its own live file is not "waiting"
    kind, (title, text) = scripted_dialogs.shown[-1]
    assert (kind, title) == ("show_text", "Recover unsaved work")
    assert text == "No unsaved work is waiting to be restored."
    assert [mark.quote for mark in window.workspace.marks] == QUOTES[:1]


def _save_with_keys(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+S in `window`, brought to the front first as a click on it would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.article, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_file_saved_by_another_window_is_not_overwritten_without_asking(
    qtbot: QtBot,
    saved_once: tuple[MainWindow, Path],
    scripted_dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The app opened twice on one submission (a double double-click): each window saves its
    own marks, and the second Save must not silently wipe the first one's."""
    from PySide6.QtWidgets import QFileDialog

    from literacy_app.gui.loading import load_target

    first, shared = saved_once
    second = shown_window(qtbot, load_target(shared)[0])

    _press_digit(qtbot, first, QUOTES[1])
    _save_with_keys(qtbot, first)
    assert _marks_in(shared) == QUOTES[:2]  # nothing else had written it: no question
    assert "ask_changed_on_disk" not in [kind for kind, _ in scripted_dialogs.shown]

    _press_digit(qtbot, second, QUOTES[2])  # the other window, opened before that save
    scripted_dialogs.changed_answer = "cancel"
    _save_with_keys(qtbot, second)
    assert scripted_dialogs.shown[-1] == ("ask_changed_on_disk", shared)
    assert _marks_in(shared) == QUOTES[:2]
    assert second.isWindowModified()

    elsewhere = tmp_path / "ada-second-window.submission.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(elsewhere), ""))
    scripted_dialogs.changed_answer = "save_as"
    _save_with_keys(qtbot, second)
    assert _marks_in(shared) == QUOTES[:2]  # both kept
    assert _marks_in(elsewhere) == [QUOTES[0], QUOTES[2]]
    assert second.workspace.path == elsewhere

    _press_digit(qtbot, first, QUOTES[2])
    _save_with_keys(qtbot, first)
    assert _marks_in(shared) == QUOTES  # its own last save: no question
    shared.write_text(shared.read_text(encoding="utf-8").replace("Ada", "Ada L."), "utf-8")
    first.undo_stack.undo()
    scripted_dialogs.changed_answer = "overwrite"
    _save_with_keys(qtbot, first)
    assert scripted_dialogs.shown[-1] == ("ask_changed_on_disk", shared)
    assert _marks_in(shared) == QUOTES[:2]

"""Issue #12, the student's workspace between runs: a bare start carries on with the last saved
work (after any unsaved work a crash left), save dialogs start where students keep their
files, the first window fits the screen it opens on, and the keyboard is in the article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QMargins, QRect, QSettings, QSize, QStandardPaths, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLabel, QSplitter
from pytestqt.qtbot import QtBot

from literacy_app.cli import build_parser
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson, read_metadata
from literacy_app.gui.actions import ActionId
from literacy_app.gui.app import open_window, start_lesson
from literacy_app.gui.library_window import LibraryWindow
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.palette import shortcut_digits
from literacy_app.gui.recovery_offer import offer_recovery
from literacy_app.gui.settings import LastWork, Settings, WindowFrame, data_dir
from literacy_app.gui.window_fit import (
    DEFAULT_SIZE,
    PANE_MINIMUM_WIDTHS,
    default_geometry,
    fit,
    from_device,
    to_device,
)
from literacy_app.resources import bundled_lessons, default_lesson
from tests.conftest import ARTICLE, span_of
from tests.gui.conftest import Dialogs
from tests.gui.helpers import crash, drag_select, shown_start, shown_window

# --- helpers -----------------------------------------------------------------------------------


def returning() -> Settings:
    """A student who has started the app before (the first launch always opens Getting
    started)."""
    settings = Settings()
    settings.first_launch_done = True
    return settings


def start(qtbot: QtBot, *argv: str) -> MainWindow:
    """`literacy-app open ARGV...` up to the event loop, shown and active as a student sees it."""
    return shown_start(qtbot, open_window(build_parser().parse_args(["open", *argv])))


def mark(qtbot: QtBot, window: MainWindow, quote: str) -> None:
    """Drag over `quote` in the tiny lesson's article and press the first palette digit."""
    drag_select(window.article, *span_of(ARTICLE, quote))
    digit = next(iter(shortcut_digits(window.workspace.lesson.palette)))
    qtbot.keyClick(window.article, digit)


def answer_save_dialogs(monkeypatch: pytest.MonkeyPatch, *files: Path) -> list[str]:
    """The student's name and, in turn, the file chosen in each save dialog; returns the
    folders-and-names each dialog was opened with."""
    asked: list[str] = []
    answers = iter(files)

    def save_dialog(_parent: object, _title: str, suggested: str, *_rest: Any) -> tuple[str, str]:
        asked.append(suggested)
        return str(next(answers)), ""

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ada Lovelace", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    return asked


def saved_work(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, folder: Path, file: Path) -> Path:
    """A student who opened the lesson in `folder`, marked "reckless", saved to `file` and quit."""
    returning()
    window = start(qtbot, str(folder))
    mark(qtbot, window, "reckless")
    answer_save_dialogs(monkeypatch, file)
    qtbot.keyClick(window.article, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert file.exists()
    assert window.close()
    return file


def usual_choice() -> Path:
    """What a bare start opens when there is nothing to carry on with."""
    return start_lesson(returning())


# --- 1. carrying on ------------------------------------------------------------------------------


def test_a_bare_start_carries_on_with_the_last_saved_work(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    folder = make_lesson()
    saved = saved_work(qtbot, monkeypatch, folder, tmp_path / "work" / "mine.json")

    window = start(qtbot)  # `literacy-app`, nothing else

    assert window.workspace.lesson.folder == folder
    assert window.workspace.path == saved
    assert [m.quote for m in window.workspace.marks] == ["reckless"]
    assert not window.isWindowModified()
    assert window.statusBar().currentMessage() == ""
    assert usual_choice() != folder  # not what the start would have chosen anyway


def test_work_never_saved_leaves_the_usual_choice(
    qtbot: QtBot, make_lesson: Callable[..., Path], scripted_dialogs: Dialogs
) -> None:
    from PySide6.QtWidgets import QMessageBox

    returning()
    window = start(qtbot, str(make_lesson()))
    mark(qtbot, window, "reckless")
    scripted_dialogs.save_answer = QMessageBox.StandardButton.Discard
    assert window.close()

    library = open_window(build_parser().parse_args(["open"]))
    assert isinstance(library, LibraryWindow)  # nothing to carry on with: pick the next lesson
    qtbot.addWidget(library)
    assert library.statusBar().currentMessage() == ""  # nothing was lost: nothing to say
    entry = library.current_entry()
    assert entry is not None
    assert entry.folder == usual_choice()  # the easiest unfinished lesson, ready for Enter


@pytest.mark.parametrize("how", ["first launch", "screenshot", "named lesson"])
def test_only_a_bare_returning_start_carries_on(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    how: str,
) -> None:
    folder = make_lesson()
    saved_work(qtbot, monkeypatch, folder, tmp_path / "mine.json")
    named = bundled_lessons()[-1]
    if how == "first launch":
        Settings().first_launch_done = False
        window = start(qtbot)
        assert read_metadata(window.workspace.lesson.folder).get("first_launch") is True
    elif how == "screenshot":
        window = start(qtbot, "--screenshot", str(tmp_path / "shot.png"))
        assert window.workspace.lesson.folder == default_lesson()
    else:
        window = start(qtbot, str(named))
        assert window.workspace.lesson.folder == named
    assert window.workspace.path is None


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ("deleted", "is no longer in"),
        ("cut short", "could not be read"),
        ("not a submission", "could not be read"),
    ],
)
def test_a_last_file_gone_or_broken_falls_back_and_says_so(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    damage: str,
    said: str,
) -> None:
    saved = saved_work(qtbot, monkeypatch, make_lesson(), tmp_path / "mine.json")
    if damage == "deleted":
        saved.unlink()
    elif damage == "cut short":
        saved.write_text(saved.read_text(encoding="utf-8")[:40], encoding="utf-8")
    else:
        saved.write_text('{"hello": "world"}', encoding="utf-8")

    library = open_window(build_parser().parse_args(["open"]))

    assert isinstance(library, LibraryWindow)
    qtbot.addWidget(library)
    message = library.statusBar().currentMessage()
    assert message.startswith("Could not reopen your last work: mine.json"), message
    assert said in message
    assert "Pick a lesson to go on" in message


@pytest.mark.parametrize("answer", ["restore", "later"])
def test_unsaved_work_a_crash_left_comes_first(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_lesson: Callable[..., Path],
    tmp_path: Path,
    scripted_dialogs: Dialogs,
    answer: str,
) -> None:
    """Saved with one mark, then a second mark autosaved and the app killed: the next start
    offers the unsaved work, and once restored, nothing opens the saved file over it."""
    folder = make_lesson()
    returning()
    crashed = start(qtbot, str(folder))
    mark(qtbot, crashed, "reckless")
    answer_save_dialogs(monkeypatch, tmp_path / "mine.json")
    qtbot.keyClick(crashed.article, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    mark(qtbot, crashed, "Experts say")
    qtbot.waitUntil(lambda: crashed.recovery_path is not None and crashed.recovery_path.exists())
    crash(crashed)
    Settings().last_work = LastWork(folder, tmp_path / "mine.json")  # as at the last quit

    scripted_dialogs.restore_answer = answer
    window = start(qtbot)  # the saved file, then (as `run` does) the offer
    assert window.workspace.path == tmp_path / "mine.json"
    assert offer_recovery(window) == (answer == "restore")
    qtbot.wait(100)  # the event loop runs: nothing else is opened

    quotes = [m.quote for m in window.workspace.marks]
    if answer == "restore":
        assert quotes == ["reckless", "Experts say"]
        assert window.isWindowModified()
    else:
        assert quotes == ["reckless"]
        assert not window.isWindowModified()
    assert window.workspace.path == tmp_path / "mine.json"


# --- 2. where saving starts ----------------------------------------------------------------------


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's documents folder, as the system reports it."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    real = QStandardPaths.writableLocation
    wanted = QStandardPaths.StandardLocation.DocumentsLocation
    monkeypatch.setattr(
        QStandardPaths,
        "writableLocation",
        staticmethod(lambda where: str(folder) if where == wanted else real(where)),
    )
    return folder


def test_save_as_starts_in_documents_then_where_the_student_last_saved(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, documents: Path, tmp_path: Path
) -> None:
    window = shown_window(qtbot, Workspace(load_lesson(default_lesson())))
    assert window.open_path(bundled_lessons()[-1])  # points File > Open at the lesson folder
    lesson_id = window.workspace.lesson.id
    mine = tmp_path / "my work"
    mine.mkdir()
    asked = answer_save_dialogs(
        monkeypatch, mine / "first.json", mine / "second.json", mine / "marks.w3c.json"
    )

    window.registry[ActionId.SAVE_AS].trigger()
    window.registry[ActionId.SAVE_AS].trigger()
    window.registry[ActionId.EXPORT_MARKS].trigger()

    first, second, export = (Path(name) for name in asked)
    assert first == documents / f"{lesson_id}-ada-lovelace.submission.json"
    assert second == mine / f"{lesson_id}-ada-lovelace.submission.json"
    assert export == mine / f"{lesson_id}-ada-lovelace.w3c.json"
    assert Settings().save_folder == str(mine)


@pytest.mark.parametrize(
    "last", ["bundled lesson", "own lesson", "inside a lesson", "data folder", "gone"]
)
def test_a_lesson_or_the_apps_own_folder_is_never_suggested(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_lesson: Callable[..., Path],
    documents: Path,
    tmp_path: Path,
    last: str,
) -> None:
    own = make_lesson()
    (own / "pictures").mkdir()
    folders = {
        "bundled lesson": default_lesson(),
        "own lesson": own,
        "inside a lesson": own / "pictures",
        "data folder": data_dir() / "lessons",
        "gone": tmp_path / "removed",
    }
    folders["data folder"].mkdir(parents=True)
    Settings().save_folder = str(folders[last])  # e.g. the student once saved into a lesson
    window = shown_window(qtbot, Workspace(load_lesson(own)))
    asked = answer_save_dialogs(monkeypatch, tmp_path / "out.json", tmp_path / "out.w3c.json")

    window.registry[ActionId.SAVE_AS].trigger()
    window.registry[ActionId.EXPORT_MARKS].trigger()

    assert [Path(name).parent for name in asked] == [documents, tmp_path]


# --- 3. a window that fits -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "available", "frame", "expected"),
    [
        # fits already: untouched
        (QRect(100, 80, 800, 600), QRect(0, 0, 1366, 768), QMargins(), QRect(100, 80, 800, 600)),
        # too tall for a laptop: shrunk to the screen, title bar kept on it
        (
            QRect(0, 0, 1400, 900),
            QRect(0, 0, 1366, 740),
            QMargins(1, 30, 1, 1),
            QRect(1, 30, 1364, 709),
        ),
        # off the right and bottom edges (a screen that used to be bigger): moved back
        (
            QRect(900, 500, 600, 400),
            QRect(0, 0, 1024, 768),
            QMargins(),
            QRect(424, 368, 600, 400),
        ),
        # a second screen's available area, with a panel at its top
        (
            QRect(3000, -50, 500, 300),
            QRect(1920, 27, 1366, 741),
            QMargins(0, 20, 0, 0),
            QRect(2786, 47, 500, 300),
        ),
    ],
)
def test_fit_shrinks_then_moves_into_the_screen(
    wanted: QRect, available: QRect, frame: QMargins, expected: QRect
) -> None:
    fitted = fit(wanted, available, frame)
    assert fitted == expected
    assert available.contains(fitted.marginsAdded(frame))


@pytest.mark.parametrize(
    "screen", [QSize(1024, 768), QSize(1366, 768), QSize(1280, 800), QSize(2560, 1440)]
)
def test_the_default_window_fits_with_room_for_a_title_bar(screen: QSize) -> None:
    available = QRect(0, 0, screen.width(), screen.height())
    geometry = default_geometry(available)
    assert geometry.size() == DEFAULT_SIZE.boundedTo(screen - QSize(16, 48))
    assert geometry.top() >= 40
    assert available.contains(geometry.marginsAdded(QMargins(8, 40, 8, 8)))


def test_a_size_saved_at_150_percent_is_the_same_on_the_glass_at_100() -> None:
    laptop_scaled, laptop = QRect(0, 0, 911, 512), QRect(0, 0, 1366, 768)
    saved = to_device(QRect(8, 40, 895, 464), QMargins(2, 20, 2, 2), laptop_scaled, 1.5, "s", False)
    assert (saved.width, saved.height, saved.frame) == (1342, 696, (3, 30, 3, 3))
    assert from_device(saved, laptop, 1.0) == QRect(12, 60, 1342, 696)
    assert from_device(saved, laptop_scaled, 1.5) == QRect(8, 40, 895, 464)
    on_small = from_device(saved, QRect(0, 0, 1024, 768), 1.0)  # and a smaller screen
    assert on_small == QRect(3, 60, 1018, 696)


def test_a_damaged_window_frame_reads_as_none(private_home: Path) -> None:
    settings = Settings()
    assert settings.window_frame is None
    frame = WindowFrame("HDMI-1", 10, 20, 1000, 700, (1, 30, 1, 1), True)
    settings.window_frame = frame
    assert Settings().window_frame == frame
    by_hand = QSettings(str(private_home / "settings.ini"), QSettings.Format.IniFormat)
    for key, value in (("width", "lots"), ("top", -5), ("height", 0)):
        by_hand.setValue(f"window/frame/{key}", value)
        assert Settings().window_frame is None, key
        by_hand.setValue(f"window/frame/{key}", getattr(frame, key, 30))
        assert Settings().window_frame == frame


# A start of the real app on an offscreen screen of a given size (the offscreen platform takes
# its screens from a JSON file), closed as a student quits; the same process then starts again
# with a saved size far too big for that screen. Prints what a student would see of each.
FIT_PROBE = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtWidgets import QApplication
    from literacy_app.cli import build_parser
    from literacy_app.gui.app import open_window
    from literacy_app.gui.settings import Settings, WindowFrame

    def seen():
        window = open_window(build_parser().parse_args(["open", "getting-started"]))[0]
        window.show()
        window.activateWindow()
        for _ in range(20):
            QApplication.processEvents()
        def bottom(widget):
            if not widget.isVisible():
                return None
            return widget.mapToGlobal(widget.rect().bottomLeft()).y()
        available = window.screen().availableGeometry()
        frame = window.frameGeometry()
        shown = {
            "available": [available.x(), available.y(), available.width(), available.height()],
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "size": [window.width(), window.height()],
            "hint_bottom": bottom(window.lesson_view.hint_button),
            "status_bottom": bottom(window.statusBar()),
            "panes": window.splitter.sizes(),
            "focus": QApplication.focusWidget() is window.article,
        }
        window.close()
        return shown

    shots = [seen()]
    if sys.argv[1] == "huge":
        Settings().window_frame = WindowFrame("", 3000, 2000, 2500, 1600)
        shots.append(seen())
    else:
        shots.append(seen())  # what the first run saved
    print(json.dumps(shots))
    """
)


def run_fit_probe(home: Path, screen: QSize, then: str, scale: str = "1") -> list[dict[str, Any]]:
    config = home / f"screen-{screen.width()}x{screen.height()}.json"
    home.mkdir(parents=True, exist_ok=True)
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": screen.width(),
                        "height": screen.height(),
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "LITERACY_APP_HOME": str(home),
    }
    done = subprocess.run(
        [sys.executable, "-c", FIT_PROBE, then],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    shots: list[dict[str, Any]] = json.loads(done.stdout.splitlines()[-1])
    return shots


@pytest.mark.parametrize("screen", [QSize(1024, 768), QSize(1366, 768)])
def test_the_window_fits_a_laptop_screen_whatever_size_was_saved(
    tmp_path: Path, screen: QSize
) -> None:
    for shown in run_fit_probe(tmp_path / "home", screen, "huge"):
        assert shown["available"] == [0, 0, screen.width(), screen.height()]
        left, top, width, height = shown["frame"]  # title bar and borders included
        assert left >= 0, shown
        assert top >= 0, shown
        assert left + width <= screen.width(), shown
        assert top + height <= screen.height(), shown
        for part in ("hint_bottom", "status_bottom"):  # shown, and above the screen's bottom
            assert shown[part] is not None, shown
            assert shown[part] < screen.height(), shown
        assert all(
            size >= minimum
            for size, minimum in zip(shown["panes"], PANE_MINIMUM_WIDTHS, strict=True)
        ), shown
        assert shown["focus"], shown


def test_a_run_at_150_percent_does_not_shrink_the_next_normal_run(tmp_path: Path) -> None:
    home, laptop = tmp_path / "home", QSize(1366, 768)
    normal = run_fit_probe(home, laptop, "again")[0]["size"]
    scaled = run_fit_probe(home, laptop, "again", scale="1.5")  # saves its size on closing
    assert scaled[0]["size"][0] < normal[0] * 0.7  # the same window, in bigger pixels
    after = run_fit_probe(home, laptop, "again")
    assert [shot["size"] for shot in after] == [normal, normal]


def test_a_saved_splitter_state_never_hides_a_pane(qtbot: QtBot, tiny_workspace: Workspace) -> None:
    """A state saved with the lesson pane dragged shut (older versions let it collapse, and
    restoreState brings "collapsible" back with the sizes)."""
    old = QSplitter()
    for name in ("lesson", "article", "marks"):
        old.addWidget(QLabel(name))
    old.setChildrenCollapsible(True)
    old.resize(1000, 400)
    old.show()
    qtbot.waitExposed(old)
    old.setSizes([0, 700, 300])
    assert old.sizes()[0] == 0
    Settings().set_window_state("splitter", QByteArray(old.saveState()))
    old.close()

    window = shown_window(qtbot, tiny_workspace)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.splitter.width() > 900)
    sizes = window.splitter.sizes()
    assert all(s >= m for s, m in zip(sizes, PANE_MINIMUM_WIDTHS, strict=True)), sizes
    assert not window.splitter.childrenCollapsible()
    window.splitter.setSizes([0, 10_000, 0])  # and dragging cannot shut one either
    sizes = window.splitter.sizes()
    assert all(s >= m for s, m in zip(sizes, PANE_MINIMUM_WIDTHS, strict=True)), sizes


# --- 4. the keyboard starts in the article -------------------------------------------------------


def test_the_keyboard_starts_in_the_article(qtbot: QtBot, make_lesson: Callable[..., Path]) -> None:
    returning()
    window = start(qtbot, "getting-started")
    assert QApplication.focusWidget() is window.article
    for _ in range(5):
        QTest.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier
        )
    span = window.article.selected_span()
    assert span is not None
    assert span[1] - span[0] == 5

    assert window.open_path(make_lesson())  # another lesson, another article: same again
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.article)


def test_settings_round_trip_the_last_work_and_save_folder() -> None:
    settings = Settings()
    assert settings.last_work is None
    assert settings.save_folder == ""
    settings.last_work = LastWork(Path("/lessons/a"), Path("/work/a.json"))
    settings.save_folder = "/work"
    assert Settings().last_work == LastWork(Path("/lessons/a"), Path("/work/a.json"))
    settings.last_work = LastWork(Path("/lessons/b"))
    assert Settings().last_work == LastWork(Path("/lessons/b"), None)
    settings.last_work = None
    assert Settings().last_work is None
    assert Settings().save_folder == "/work"

"""The self-study windows, made in one place: the lesson library (the start screen, and Study >
Lesson library), the learner's progress and the technique drills. Each reads the learner's
progress through the process's one `Study`, and each stays current as it changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from literacy_app.core.library import ADDED, BUNDLED, MINE
from literacy_app.core.progress import Progress
from literacy_app.gui import study
from literacy_app.gui.settings import Settings, data_dir
from literacy_app.i18n import _
from literacy_app.resources import lessons_dir

if TYPE_CHECKING:  # each window is imported when it is first opened
    from literacy_app.gui.drill_window import DrillWindow
    from literacy_app.gui.library_window import LibraryWindow
    from literacy_app.gui.progress_view import ProgressWindow

MY_LESSONS = "my-lessons"  # under the data folder: where Import puts lessons


def lessons_home() -> Path:
    return data_dir() / MY_LESSONS


def library_sources(settings: Settings) -> list[tuple[Path, str]]:
    sources = [(lessons_dir(), BUNDLED), (lessons_home(), MINE)]
    sources += [(Path(folder), ADDED) for folder in settings.library_folders]
    return sources


def _follow(window: QWidget, listener: Callable[[Progress], None]) -> None:
    """Keep `window` current while it lives, and forget it when it is gone."""
    current = study.current()
    current.subscribe(listener)
    window.destroyed.connect(lambda *_: current.unsubscribe(listener))


def make_library(settings: Settings, parent: QWidget | None = None) -> LibraryWindow:
    from literacy_app.gui.library_window import LibraryWindow

    current = study.current()
    current.reload()  # what another window or run recorded since
    window = LibraryWindow(library_sources(settings), current.status_of, lessons_home(), parent)

    def keep(folders: list[Path]) -> None:
        settings.library_folders = [str(folder) for folder in folders]

    window.folders_changed.connect(keep)
    _follow(window, lambda _progress: window.refresh())
    _add_study_actions(window, settings)
    return window


def tell_progress_problems(parent: QWidget | None) -> bool:
    """Say, once, what was wrong with the progress file (set aside, written by a newer app);
    True when there was something to say."""
    problems = study.current().take_problems()
    if not problems:
        return False
    from literacy_app.gui.lazy import dialogs

    dialogs.problems(parent, _("About your progress file"), problems, warning=True)
    return True


def _add_study_actions(library: LibraryWindow, settings: Settings) -> None:
    """The start screen reaches the progress and the drills too, as a lesson window does."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QToolBar

    from literacy_app.gui.lazy import dialogs

    opened: dict[str, QWidget] = {}

    def progress() -> None:
        window = make_progress()
        opened["progress"] = window
        window.show()

    def drill() -> None:
        window = make_drill(settings)
        if isinstance(window, str):
            dialogs.error(library, _("Nothing to practise yet"), window)
            return
        opened["drill"] = window
        window.show()

    menu = library.menuBar().addMenu(_("&Study"))
    toolbar = library.findChild(QToolBar, "library_toolbar")
    for text, shortcut, handler in (
        (_("My &progress…"), "Ctrl+Shift+P", progress),
        (_("Practise &techniques…"), "Ctrl+Shift+D", drill),
    ):
        action = QAction(text, library)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(handler)
        menu.addAction(action)
        if toolbar is not None:
            toolbar.addAction(action)
    library.study_windows = opened  # type: ignore[attr-defined]  # kept while the library lives


def work_to_continue(folder: Path) -> Path | None:
    """The saved work on the lesson in `folder` that Continue opens, when there is some."""
    from literacy_app.core.errors import FormatError
    from literacy_app.formats.lesson_package import read_metadata

    try:
        lesson_id = read_metadata(folder).get("id")
    except (FormatError, OSError):  # reported when the lesson itself is opened
        return None
    return study.current().work_of(lesson_id) if isinstance(lesson_id, str) else None


def make_progress(parent: QWidget | None = None) -> ProgressWindow:
    from literacy_app.formats.lesson_library import category_names as names
    from literacy_app.gui.progress_view import ProgressWindow

    current = study.current()
    window = ProgressWindow(current.reload(), names(), parent)
    _follow(window, window.set_progress)
    return window


def make_drill(settings: Settings, parent: QWidget | None = None) -> DrillWindow | str:
    """A drill on every lesson the library lists; a sentence saying why not when no lesson
    has a key to ask about."""
    from literacy_app.core.drills import DrillSession, category_names, drill_items
    from literacy_app.core.errors import FormatError
    from literacy_app.formats.lesson_library import scan
    from literacy_app.formats.lesson_package import load_lesson
    from literacy_app.gui.drill_window import DrillWindow

    lessons = []
    for entry in scan(library_sources(settings)):
        if entry.usable and entry.has_key and entry.duplicate_of is None:
            try:
                lessons.append(load_lesson(entry.folder))
            except (FormatError, OSError):
                continue  # the library shows what is wrong with it
    items = drill_items(lessons)
    if not items:
        return _("No lesson in your library has an answer key to practise with.")
    current = study.current()
    session = DrillSession(items, current.progress.miss_rates())
    window = DrillWindow(session, category_names(lessons), parent)
    window.miss_rates_source = lambda: current.progress.miss_rates()
    window.answered.connect(current.record_drill_answer)
    return window

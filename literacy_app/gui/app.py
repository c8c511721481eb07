"""Starting the desktop app: the QApplication, crash handling, recovery, screenshots."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from literacy_app import __version__
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import LESSON_FILE, read_metadata
from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame
from literacy_app.gui.loading import load_target
from literacy_app.gui.main_window import MainWindow

if TYPE_CHECKING:
    from literacy_app.gui.library_window import LibraryWindow
from literacy_app.gui.settings import APPLICATION, ORGANIZATION, Settings, data_dir
from literacy_app.i18n import _
from literacy_app.resources import (
    assets_dir,
    bundled_lessons,
    bundled_lessons_in_order,
    default_lesson,
    find_lesson,
)

CONTINUE_MESSAGE_MS = 30_000  # long enough to be read once the window is up
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)  # assets/icons/literacy-app-N.png (512: menus only)


def app_icon() -> QIcon:
    """The app's icon from its PNGs, read when first drawn. Not the SVG: QtSvg and its plugin
    would then load at every start, for a picture shown at 16 to 64 px."""
    icon = QIcon()
    folder = assets_dir() / "icons"
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"literacy-app-{size}.png"), QSize(size, size))
    return icon


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    # Fusion: the same look on every platform, light or dark as the system says. Asked for on
    # the command line rather than with setStyle(), which wraps the QStyle it returns and so
    # builds QStyle's Python enums (~10 ms of start-up) for nothing.
    app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    app.setApplicationDisplayName("Media Literacy Lab")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("io.github.literacylab.LiteracyApp")  # Wayland: the icon, the entry
    # The language before any window is built: a window's texts are set as it is made.
    from literacy_app.gui.language import apply_preference

    apply_preference(Settings())
    return app


def install_crash_handler() -> Path:
    """Unexpected exceptions go to a log file and a dialog, never a bare traceback or a crash.

    A data folder that cannot be written (a read-only or full home) must not stop the app
    from starting: the details then go to stderr, and the dialog says so."""
    import logging  # with the crash handler, after the first frame: not needed to paint

    log = logging.getLogger("literacy_app")
    log_file = data_dir() / "errors.log"
    handler: logging.Handler
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
        details = _("Details were written to {file}.").format(file=log_file)
    except OSError as err:
        handler = logging.StreamHandler(sys.stderr)
        details = _(
            "Details could not be written to {file} ({reason}); they went to the error output."
        ).format(file=log_file, reason=err.strerror or err)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        dialogs.error(
            None,
            _("Something went wrong"),
            _("{error}: {message}\n\nYour marks are kept in the recovery file. {details}").format(
                error=kind.__name__, message=value, details=details
            ),
        )

    sys.excepthook = hook
    return log_file


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        return 1400, 900
    return width, height


def screenshot(window: MainWindow, path: Path, review: bool, size: str) -> int:
    window.complete()
    window.resize(*_size(size))
    window.show()
    window.records_progress = False  # a picture of a check is not the student's own
    if review:
        window.check()
        if window.results_panel is not None and window.results_panel.model.rowCount():
            window.results_panel.table.selectRow(0)
    for _round in range(5):
        QApplication.processEvents()
    image = window.grab()
    if not image.save(str(path)):
        message = _("{file}: cannot write the screenshot").format(file=path)
        print(f"literacy-app: {message}", file=sys.stderr)
        return 1
    print(f"{path}: {image.width()}x{image.height()}")
    return 0


def start_lesson(settings: Settings, screenshot: bool = False) -> Path:
    """The lesson a bare `literacy-app` opens: Getting started on the very first launch (it
    teaches the app itself); after that the easiest bundled lesson the student has not yet
    checked their work on, so that each start carries on where the course left off; the bundled
    first lesson once every lesson is done. A screenshot always shows the bundled first lesson,
    whatever this machine's student has done."""
    if screenshot:
        return default_lesson()
    if not settings.first_launch_done:
        settings.first_launch_done = True
        for folder in bundled_lessons():  # metadata only: no article, key or taxonomy read
            if read_metadata(folder).get("first_launch") is True:
                return folder
    from literacy_app.gui import study

    progress = study.current()
    progress.reload()  # another window, or another run, may have recorded since
    for folder, lesson_id in bundled_lessons_in_order(with_key=True):  # metadata, as above
        if not progress.status_of(lesson_id).attempts:
            return folder
    return default_lesson()


def last_work(settings: Settings) -> tuple[Workspace, Path, list[Problem]] | str | None:
    """The submission the student had on screen when they last quit, read back with its
    lesson, so that a bare start carries on where they stopped instead of showing a blank
    lesson. A sentence saying why not when that file is gone or no longer reads; None when
    there is nothing saved to carry on with (the work was never saved, or never quit)."""
    last = settings.last_work
    if last is None or last.submission is None:
        return None
    path = last.submission
    try:
        if not path.is_file():
            return _("{file} is no longer in {folder}").format(file=path.name, folder=path.parent)
        lesson = last.lesson if (last.lesson / LESSON_FILE).is_file() else None
        workspace, warnings = load_target(path, lesson)
    except FormatError as err:
        reason = err.problems[0].message
        return _("{file} could not be read ({reason})").format(file=path.name, reason=reason)
    except OSError as err:  # an unplugged drive, a folder no longer readable
        reason = str(err.strerror or err)
        return _("{file} could not be read ({reason})").format(file=path.name, reason=reason)
    return workspace, path, warnings


def open_window(
    args: argparse.Namespace, deferred: bool = False
) -> tuple[MainWindow, Path, list[Problem]] | LibraryWindow | int:
    """Everything `literacy-app open` does before the event loop: the window on the lesson, the
    warnings to show, or an exit status when the target cannot be opened. The start-up benchmark
    times exactly this path.

    A bare start after the first launch reopens the student's last saved work (`last_work`);
    without any, or when it no longer reads, it opens the lesson library, where the student
    picks the next lesson (the library says why when the last work could not be reopened).
    Unsaved work left by a crash is offered once a lesson window is open (`run`), and restoring
    it replaces what this opened: never the other way round.

    `deferred` is the app's own start (`run`): the window paints the lesson and the article
    first and builds the rest right after (see MainWindow). Anyone else gets the whole window,
    ready to be driven."""
    application()
    settings = Settings()
    if not args.target and not args.screenshot and settings.first_launch_done:
        resumed = last_work(settings)
        if isinstance(resumed, tuple):
            workspace, target, warnings = resumed
            return MainWindow(workspace, settings, deferred=deferred), target, warnings
        return start_screen(settings, resumed or "")
    target = (
        Path(find_lesson(args.target))
        if args.target
        else start_lesson(settings, screenshot=bool(args.screenshot))
    )
    lesson = find_lesson(args.lesson) if getattr(args, "lesson", None) else None
    try:
        workspace, warnings = load_target(target, lesson)
    except FormatError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        if not args.screenshot:
            dialogs.problems(
                None, _("Could not open {file}").format(file=target.name), err.problems
            )
        return 1
    window = MainWindow(workspace, settings, deferred=deferred and not args.screenshot)
    return window, target, warnings


def start_screen(settings: Settings, could_not_continue: str = "") -> LibraryWindow:
    """The lesson library as the start screen: the lesson chosen opens in a lesson window (its
    saved work when the learner has some), and the library closes."""
    from literacy_app.gui.study_windows import make_library

    library = make_library(settings)
    last = settings.last_work
    if last is not None:
        library.select_folder(last.lesson)
    if could_not_continue:
        library.statusBar().showMessage(
            _("Could not reopen your last work: {reason}. Pick a lesson to go on.").format(
                reason=could_not_continue
            ),
            CONTINUE_MESSAGE_MS,
        )
    library.lesson_chosen.connect(lambda folder: open_from_library(library, folder, settings))
    return library


def open_from_library(
    library: LibraryWindow, folder: Path, settings: Settings
) -> MainWindow | None:
    """The lesson window for the lesson picked on the start screen, shown; None (and the
    library stays, with the reason in a dialog) when it cannot be opened."""
    from literacy_app.gui.recovery_offer import offer_recovery
    from literacy_app.gui.study_windows import work_to_continue

    target = work_to_continue(folder) or folder
    window = open_lesson_window(target, settings, library, folder if target != folder else None)
    if window is not None:
        library.close()
        offer_recovery(window)
    return window


def open_lesson_window(
    target: Path, settings: Settings, parent: QWidget | None = None, lesson: Path | None = None
) -> MainWindow | None:
    """A lesson window on `target` (a lesson, a package or a submission), shown in front and
    kept open, with its warnings; None, with the reason in a dialog, when it cannot be opened.
    For a window opened while the app runs: from the start screen, or a file the system hands
    over (gui/file_open.py)."""
    try:
        workspace, warnings = load_target(target, lesson)
    except FormatError as err:
        dialogs.problems(parent, _("Could not open {file}").format(file=target.name), err.problems)
        return None
    window = MainWindow(workspace, settings)
    keep_open(window)
    window.show()
    window.raise_()
    window.activateWindow()
    if warnings:
        title = _("Opened {file} with warnings").format(file=target.name)
        dialogs.problems(window, title, warnings, warning=True)
    return window


_opened: list[MainWindow] = []  # lesson windows opened after the first: kept alive


def keep_open(window: MainWindow) -> None:
    """Keep a lesson window opened after start-up alive (from the start screen, or reopened in
    another language) until it is gone, and flushed at termination with the others."""
    _opened.append(window)
    window.destroyed.connect(lambda *_: _opened.remove(window) if window in _opened else None)


def flush_opened() -> None:
    """Unsaved work of every lesson window opened from the start screen, to recovery files."""
    for window in list(_opened):
        window.flush_autosaves()


def _handle_file_open() -> None:
    """Files the system hands over while the app runs (macOS: gui/file_open.py)."""
    from literacy_app.gui.file_open import handle_file_open

    handle_file_open(application(), Settings())


def run(args: argparse.Namespace) -> int:
    opened = open_window(args, deferred=True)
    if isinstance(opened, int):
        return opened
    if not isinstance(opened, tuple):  # the start screen: the library
        from literacy_app.gui.study_windows import tell_progress_problems
        from literacy_app.gui.termination import flush_on_termination

        install_crash_handler()
        flush_on_termination(application(), flush_opened)
        _handle_file_open()
        opened.show()
        tell_progress_problems(opened)
        return application().exec()
    window, target, warnings = opened
    if args.screenshot:
        return screenshot(window, Path(args.screenshot), args.review, args.size)
    install_crash_handler()
    window.show()
    from literacy_app.gui.termination import flush_on_termination  # not needed to paint

    # The window may be replaced (reopened in another language): every lesson window is kept
    # in one list, flushed together.
    keep_open(window)
    flush_on_termination(application(), flush_opened)
    _handle_file_open()
    if warnings:
        title = _("Opened {file} with warnings").format(file=target.name)
        dialogs.problems(window, title, warnings, warning=True)
    from literacy_app.gui.recovery_offer import offer_recovery

    window.when_complete(lambda: offer_recovery(window))
    if args.review and window.workspace.lesson.has_key:
        window.when_complete(window.check)
    app = application()
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    return app.exec()

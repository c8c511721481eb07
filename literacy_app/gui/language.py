"""The language the window speaks: chosen at start, before any window is built, and changed from
the Language menu.

The app's own strings come from the gettext catalogue (`literacy_app.i18n`); Qt's (the standard
buttons, the file dialog, a text field's context menu) from Qt's own `qtbase_<lang>.qm`, installed
here beside it; numbers and dates follow the same language through `QLocale.setDefault`.

A window's texts are set when it is built, so a new language shows in the windows built after
the change. Choosing one offers to rebuild the open lesson windows and the library at once
(`reopen_windows`): a lesson window's work moves to its new window as it is, unsaved work staying
unsaved and autosaved. Instructor and class review windows keep their language until closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from literacy_app import i18n
from literacy_app.gui.settings import Settings
from literacy_app.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

    from literacy_app.gui.library_window import LibraryWindow
    from literacy_app.gui.main_window import MainWindow

SYSTEM = ""  # the preference that follows the system's languages
QT_CATALOGUE = "qtbase"  # Qt's translations of its own widgets' texts

_installed: list[QTranslator] = []  # the Qt catalogue in use, kept alive while installed
_kept: list[QWidget] = []  # start-screen libraries rebuilt by `reopen_windows`


def system_languages() -> list[str]:
    """The system's UI languages, most preferred first, as Qt reads them on each platform
    (the environment on Linux, the user's list on Windows and macOS)."""
    return list(QLocale.system().uiLanguages())


def apply(preference: str | None = None) -> str:
    """Speak the preferred language ("" or None: the system's), or LITERACY_APP_LANGUAGE when
    that is set; return the language chosen. Cheap enough for every start: one .mo file and
    one .qm file are read, nothing is imported."""
    language = i18n.set_language(preference or None, system_languages())
    _install_qt_catalogue(language)
    _set_number_locale(language)
    if language != i18n.SOURCE_LANGUAGE:  # English keeps Python's figures whatever the system
        i18n.set_decimal_sign(QLocale().decimalPoint())
    return language


def apply_preference(settings: Settings) -> str:
    return apply(settings.language)


def _install_qt_catalogue(language: str) -> None:
    app = QCoreApplication.instance()
    if app is None:
        return
    while _installed:
        app.removeTranslator(_installed.pop())
    if language == i18n.SOURCE_LANGUAGE:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Missing in a stripped Qt: the window then shows Qt's own buttons in English, no more.
    if translator.load(f"{QT_CATALOGUE}_{language}", folder):
        app.installTranslator(translator)
        _installed.append(translator)


def _set_number_locale(language: str) -> None:
    """Numbers and dates in the window's language; the system's own variant of it when the
    system speaks it (es_MX keeps Mexico's formats), the language's default otherwise."""
    system = QLocale.system()
    if QLocale(language).language() == system.language():
        QLocale.setDefault(system)
    else:
        QLocale.setDefault(QLocale(language))


def local_decimal(number: str) -> str:
    """A number Python formatted ("3.125", "84.4") with the decimal sign of the window's
    language and the learner's variant of it ("3,125" in Spain, "3.125" in Mexico): in Spanish
    "3.125" reads as three thousand. English keeps Python's text exactly, whatever the system's
    locale (reports, tests and the English window read the same figures). Reports made while
    the window runs get the same sign (`apply` hands it to i18n.decimal)."""
    if i18n.current_language() == i18n.SOURCE_LANGUAGE:
        return number
    point = QLocale().decimalPoint()
    return number.replace(".", point) if point and point != "." else number


def qt_catalogue_installed() -> bool:
    """Whether Qt's own texts are translated now (tests, and a bundle missing its .qm)."""
    return bool(_installed)


# --- the Language menu ---------------------------------------------------------------------------
def language_menu(parent: QWidget, settings: Settings | None = None) -> QMenu:
    """Language: System default, then each language by its own name, the preference ticked.
    Choosing one saves it, switches, and offers to reopen the windows in it (`choose`)."""
    from PySide6.QtGui import QActionGroup
    from PySide6.QtWidgets import QMenu

    settings = settings or Settings()
    menu = QMenu(_("&Language"), parent)
    menu.setObjectName("language_menu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    entries = [(SYSTEM, _("System default")), *i18n.LANGUAGES.items()]
    current = settings.language
    for code, text in entries:
        action = menu.addAction(text)
        action.setObjectName(f"language_{code or 'system'}")
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: choose(c, parent, settings))
    if i18n.supported(_environment_language()):
        menu.setToolTipsVisible(True)
        menu.setToolTip(
            _("{variable} is set, so the app speaks {language} whatever is chosen here.").format(
                variable=i18n.ENVIRONMENT,
                language=i18n.LANGUAGES[i18n.current_language()],
            )
        )
    return menu


def _environment_language() -> str | None:
    import os

    return os.environ.get(i18n.ENVIRONMENT)


def choose(code: str, parent: QWidget | None, settings: Settings) -> str:
    """The learner chose `code` ("" for the system's): kept for the next start, in use from
    now on, and the open windows reopened in it if the learner wants. Returns the language
    now spoken."""
    settings.language = code
    settings.sync()
    before = i18n.current_language()
    after = apply(code)
    if after != before and ask_reopen(parent, after):
        reopen_windows(settings)
    return after


def ask_reopen(parent: QWidget | None, language: str) -> bool:
    """Reopen the windows in `language` now (True), or leave them for the next start."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Language"))
    box.setText(
        _("Reopen the windows in {language} now?").format(language=i18n.LANGUAGES[language])
    )
    box.setInformativeText(
        _(
            "Your work stays as it is, saved or not. Otherwise the new language shows in "
            "the windows you open from now on, and everywhere at the next start."
        )
    )
    reopen = box.addButton(_("&Reopen now"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reopen)
    box.exec()
    return box.clickedButton() is reopen


# --- reopening -----------------------------------------------------------------------------------
def reopen_windows(settings: Settings) -> list[QWidget]:
    """Rebuild every open lesson window and start-screen library in the current language, each
    in the place of the old one; the new windows, in the order found."""
    from PySide6.QtWidgets import QApplication

    from literacy_app.gui.library_window import LibraryWindow
    from literacy_app.gui.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    lesson_windows = [w for w in windows if isinstance(w, MainWindow)]
    owned = {id(study) for window in lesson_windows for study in window._study_windows.values()}
    reopened: list[QWidget] = []
    for window in windows:
        if isinstance(window, MainWindow):
            reopened.append(reopen_lesson_window(window, settings))
        elif isinstance(window, LibraryWindow) and id(window) not in owned:
            reopened.append(reopen_start_screen(window, settings))
    return reopened


def reopen_lesson_window(old: MainWindow, settings: Settings) -> MainWindow:
    """A new lesson window on `old`'s work, where `old` was; `old` closes. The work is read
    back from what a save would write (the marks, attempts, hints used, answers seen), so the
    new window shares nothing with the old one; unsaved work stays unsaved and is autosaved
    into a recovery file of the new window's own before the old one lets go of its file. The
    review of a check reopens too (the same marks: not a new attempt). The undo history does
    not carry over."""
    from literacy_app.core.workspace import Workspace
    from literacy_app.gui.app import keep_open
    from literacy_app.gui.main_window import MainWindow

    old.complete()
    work = old.workspace
    workspace = Workspace.from_submission(work.lesson, work.to_submission(), work.path)
    unsaved = not old.undo_stack.isClean()
    reviewing = work.reviewing
    new = MainWindow(workspace, settings)
    new.records_progress = old.records_progress
    new.splitter.restoreState(old.splitter.saveState())
    new.setGeometry(old.geometry())
    if unsaved:
        new.undo_stack.resetClean()  # never clean until saved: quitting asks, autosave keeps it
        new.setWindowModified(True)
        new.autosave.write()
    _hand_over_study_windows(old, new)
    keep_open(new)
    if old.isMaximized():
        new.showMaximized()
    else:
        new.show()
    if reviewing:
        new.check()
    new.statusBar().showMessage(
        _("Reopened in {language}.").format(language=i18n.LANGUAGES[i18n.current_language()]),
        5000,
    )
    # The old window lets go: its work is in the new one, so nothing is asked and its recovery
    # file (the new window has its own) is removed as after a save.
    old.undo_stack.setClean()
    old.close()
    old.deleteLater()
    new.raise_()
    new.activateWindow()
    return new


def _hand_over_study_windows(old: MainWindow, new: MainWindow) -> None:
    """The library and the progress, views of the learner's files, are rebuilt in the new
    language when they were open; a drill under way and the instructor windows (with their
    drafts and autosave) move to the new window as they are."""
    rebuilt = {"library": new.open_library, "progress": new.show_progress}
    views = []
    for name, opener in rebuilt.items():
        window = old._study_window(name)
        if window is None:
            continue
        views.append(window)
        if window.isVisible():
            window.close()
            opener()
        else:
            window.close()
    drill = old._study_window("drill")
    if drill is not None:
        new._study_windows["drill"] = drill
    new.tool_windows.extend(t for t in old.tool_windows if t not in views)
    old.tool_windows = []
    old._study_windows = {}
    for view in views:
        view.deleteLater()


def reopen_start_screen(old: LibraryWindow, settings: Settings) -> LibraryWindow:
    """The lesson library the app starts on, rebuilt on the same lesson, where it was."""
    from literacy_app.gui.app import start_screen

    entry = old.current_entry()
    new = start_screen(settings)
    if entry is not None:
        new.select_folder(entry.folder)
    new.setGeometry(old.geometry())
    _kept.append(new)
    new.destroyed.connect(lambda *_: _kept.remove(new) if new in _kept else None)
    new.show()
    old.close()
    if old in _kept:
        _kept.remove(old)
    new.raise_()
    new.activateWindow()
    return new

"""The window in Spanish: the preference chosen before start, Qt's own texts and numbers along
with ours, and the switch back to English from the Language menu, which reopens the window on
the same work in the new language."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from literacy_app import i18n
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import language
from literacy_app.gui.action_ids import MENUS, ActionId
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.settings import Settings
from literacy_app.resources import default_lesson
from tests.gui.helpers import mark_words

SPANISH_MO = Path(i18n.__file__).with_name("locale") / "es" / "LC_MESSAGES" / "literacy_app.mo"


@pytest.fixture(scope="module")
def catalogue() -> gettext.GNUTranslations:
    """What the shipped Spanish catalogue says: the window must show exactly that."""
    with SPANISH_MO.open("rb") as file:
        return gettext.GNUTranslations(file)


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The learner chose Spanish in a previous session; the start applies it, as
    `gui.app.application` does. LITERACY_APP_LANGUAGE (the suite's "en") would win over any
    preference, so it is removed; English is restored for the tests that follow."""
    monkeypatch.delenv(i18n.ENVIRONMENT)
    settings = Settings()
    settings.language = "es"
    assert language.apply_preference(settings) == "es"
    yield settings
    monkeypatch.undo()
    language.apply("en")
    QLocale.setDefault(QLocale.system())
    assert i18n.current_language() == "en"


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def lesson_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def open_bundled(qtbot: QtBot, settings: Settings) -> MainWindow:
    window = MainWindow(Workspace(load_lesson(default_lesson())), settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_speaks_spanish_when_the_learner_chose_it(
    qtbot: QtBot, spanish: Settings, catalogue: gettext.GNUTranslations, tmp_path: Path
) -> None:
    window = open_bundled(qtbot, spanish)
    english_titles = [title for title, _items in MENUS]
    expected = [catalogue.gettext(title) for title in english_titles]
    assert expected != english_titles, "the catalogue must hold the menu titles in Spanish"
    assert menu_titles(window) == expected
    assert "&Archivo" in menu_titles(window)
    for action_id, english in ((ActionId.SAVE, "&Save"), (ActionId.QUIT, "&Quit")):
        shown = window.registry[action_id].text()
        assert shown == catalogue.gettext(english) != english
    # Qt's own texts (a message box's buttons, a text field's menu) and numbers follow.
    assert language.qt_catalogue_installed()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
    assert QLocale().language() == QLocale.Language.Spanish
    assert QLocale().toString(1234.5, "f", 1) in ("1234,5", "1.234,5", "1 234,5")
    shot = tmp_path / "es-main.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 10_000  # a window drawn, not an empty surface


def test_the_language_menu_ticks_the_preference_and_names_languages_in_themselves(
    qtbot: QtBot, spanish: Settings
) -> None:
    window = open_bundled(qtbot, spanish)
    menu = language.language_menu(window, spanish)
    texts = [action.text() for action in menu.actions()]
    assert texts == [i18n._("System default"), "English", "Español"]
    assert [action.isChecked() for action in menu.actions()] == [False, False, True]
    assert menu.title() == i18n._("&Language") != "&Language"


def test_switching_to_english_reopens_the_window_in_english_with_the_unsaved_work(
    qtbot: QtBot,
    spanish: Settings,
    tiny_workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = MainWindow(tiny_workspace, spanish)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    mark_words(window, "reckless", "loaded_language")
    window.flush_autosaves()
    assert window.recovery_path is not None
    assert window.recovery_path.is_file()
    assert menu_titles(window)[0] == "&Archivo"
    asked: list[str] = []
    monkeypatch.setattr(language, "ask_reopen", lambda parent, lang: asked.append(lang) or True)
    # View > Language (gui/window_frame.py), the last entry of the View menu: English there.
    [view] = [a.menu() for a in window.menuBar().actions() if a.text() == i18n._("&View")]
    menu = view.actions()[-1].menu()
    assert menu is window.language_menu
    [english] = [a for a in menu.actions() if a.text() == "English"]
    english.trigger()

    assert asked == ["en"]
    assert Settings().language == "en"  # kept for the next start
    [reopened] = lesson_windows()
    qtbot.addWidget(reopened)
    assert reopened is not window
    assert menu_titles(reopened)[: len(MENUS)] == [title for title, _items in MENUS]
    assert reopened.registry[ActionId.SAVE].text() == "&Save"
    assert not language.qt_catalogue_installed()
    # The same work, still unsaved, autosaved by the new window; the old window's file gone.
    assert [m.quote for m in reopened.workspace.marks] == ["reckless"]
    assert reopened.isWindowModified()
    assert not reopened.undo_stack.isClean()
    qtbot.waitUntil(lambda: window.recovery_path is None or not window.recovery_path.exists())
    assert reopened.recovery_path is not None
    assert reopened.recovery_path.is_file()
    recovery_files = list(reopened.recovery_path.parent.glob("*.json"))
    assert recovery_files == [reopened.recovery_path]
    shot = tmp_path / "en-main.png"
    assert reopened.grab().save(str(shot))
    reopened.undo_stack.setClean()  # the test's own marks: closing must not ask to save them


def test_choosing_later_keeps_the_windows_and_the_new_language_waits_for_them(
    qtbot: QtBot, spanish: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_bundled(qtbot, spanish)
    monkeypatch.setattr(language, "ask_reopen", lambda parent, lang: False)
    assert language.choose("en", window, spanish) == "en"
    assert lesson_windows() == [window]
    assert menu_titles(window)[0] == "&Archivo"  # this window keeps its language
    assert Settings().language == "en"


def test_the_system_default_follows_qts_languages(
    qtbot: QtBot, spanish: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language, "system_languages", lambda: ["es-MX", "en-US"])
    monkeypatch.setattr(language, "ask_reopen", lambda parent, lang: False)
    assert language.choose("", None, spanish) == "es"
    assert Settings().language == ""
    monkeypatch.setattr(language, "system_languages", lambda: ["fr-FR"])
    assert language.choose("", None, spanish) == "en"


def test_the_environment_variable_wins_over_the_menu(
    qtbot: QtBot, spanish: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.ENVIRONMENT, "es")
    asked: list[str] = []
    monkeypatch.setattr(language, "ask_reopen", lambda parent, lang: asked.append(lang) or True)
    assert language.choose("en", None, spanish) == "es"
    assert asked == []  # nothing changed: nothing to reopen
    assert Settings().language == "en"  # but the choice is kept for when the variable goes
    menu = language.language_menu(QMenu(), spanish)
    assert i18n.ENVIRONMENT in menu.toolTip()


def test_a_language_setting_this_version_does_not_ship_reads_as_the_system(
    spanish: Settings,
) -> None:
    spanish.language = "tlh"
    assert Settings().language == ""

"""A Spanish-speaking learner at work: the categories are named in Spanish everywhere they are
read (palette, keys, marks list, status bar, undo, Ctrl+K, tooltips), the letter keys follow the
Spanish names without colliding, the language is reached from the menus, and what is saved still
holds the category ids every other program reads."""

from __future__ import annotations

import gettext
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from literacy_app import i18n
from literacy_app.core.library import LessonStatus
from literacy_app.core.submission import Student
from literacy_app.core.taxonomy import Group
from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import language
from literacy_app.gui.library_window import LibraryWindow
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.marks_model import MarksTableModel
from literacy_app.gui.palette import LETTERS, shortcut_keys
from literacy_app.gui.quick_picker import ID_ROLE, QuickPicker
from literacy_app.resources import find_lesson
from tests.conftest import ARTICLE, span_of
from tests.gui.helpers import drag_select, phrase_in, shown_window
from tests.gui.test_palette_keys import assert_no_key_bound_twice

SPANISH_MO = Path(i18n.__file__).with_name("locale") / "es" / "LC_MESSAGES" / "literacy_app.mo"


@pytest.fixture(scope="module")
def catalogue() -> gettext.GNUTranslations:
    """What the shipped Spanish catalogue says: the window must show exactly that."""
    with SPANISH_MO.open("rb") as file:
        return gettext.GNUTranslations(file)


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app in Spanish. The suite's LITERACY_APP_LANGUAGE=en would win over any choice, so
    it is removed for the test; English (and the number locale) is restored afterwards, so no
    other test sees Spanish."""
    monkeypatch.delenv(i18n.ENVIRONMENT)
    assert language.apply("es") == "es"
    yield
    monkeypatch.undo()
    language.apply("en")
    QLocale.setDefault(QLocale.system())
    assert i18n.current_language() == "en"


def key_press(qtbot: QtBot, window: MainWindow, key: str) -> None:
    qtbot.keyClick(window.article, QKeySequence(key)[0].key())


def shown_name(window: MainWindow, row: int) -> str:
    model = window.marks_model
    return str(model.index(row, MarksTableModel.CATEGORY).data())


@pytest.mark.usefixtures("spanish")
def test_a_learner_marks_with_the_keyboard_in_spanish_and_the_file_keeps_the_id(
    qtbot: QtBot, catalogue: gettext.GNUTranslations, tmp_path: Path
) -> None:
    loaded = catalogue.gettext("Loaded language")
    assert loaded == "Lenguaje cargado"
    window = shown_window(qtbot, Workspace(load_lesson(find_lesson("bakhmut-op-ed"))))
    button = window.palette_widget.button("loaded_language")
    assert button.text() == loaded
    assert loaded in button.toolTip()
    assert "Loaded language" not in button.toolTip()
    assert (
        catalogue.gettext("Framing devices")
        in window.palette_widget.sections[Group.FRAMING].accessibleName()
    )

    start, end, quote = phrase_in(window.workspace.text)
    drag_select(window.article, start, end)
    key_press(qtbot, window, button.digit)  # the key its key cap shows

    [mark] = list(window.workspace.marks)
    assert mark.category == "loaded_language"
    assert shown_name(window, 0) == loaded
    assert loaded in window.statusBar().currentMessage()
    tip = str(
        window.marks_model.index(0, MarksTableModel.CATEGORY).data(Qt.ItemDataRole.ToolTipRole)
    )
    assert loaded in tip

    # With the mark selected, another key recategorises it; the undo text names it in Spanish.
    doubt = window.palette_widget.button("doubt")
    key_press(qtbot, window, doubt.digit)
    assert window.workspace.marks.get(mark.id).category == "doubt"
    spanish_doubt = catalogue.gettext("Casting doubt")
    assert spanish_doubt != "Casting doubt"
    assert shown_name(window, 0) == spanish_doubt
    assert window.undo_stack.undoText() == catalogue.gettext("Change category to {name}").format(
        name=spanish_doubt
    )
    window.undo_stack.undo()
    assert shown_name(window, 0) == loaded

    window.workspace.student = Student("Ada")
    saved = tmp_path / "trabajo.json"
    assert window.save_to(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert [m["category"] for m in data["marks"]] == ["loaded_language"]
    assert quote in data["marks"][0]["quote"]
    assert loaded not in saved.read_text(encoding="utf-8")


@pytest.mark.usefixtures("spanish")
def test_every_letter_key_follows_the_spanish_name_and_none_collides(
    qtbot: QtBot, tiny_workspace: Workspace, catalogue: gettext.GNUTranslations
) -> None:
    """The tiny lesson's palette is the whole taxonomy (22): twelve categories get letters."""
    window = shown_window(qtbot, tiny_workspace)
    palette = window.workspace.lesson.palette
    keys = shortcut_keys(palette)
    letters = {key: category for key, category in keys.items() if key in LETTERS}
    assert len(letters) == 12
    assert len(set(keys)) == len(keys) == 22
    # Mnemonic in Spanish: "Sembrar dudas" (doubt) gets S; in English it was C ("Casting").
    assert catalogue.gettext("Casting doubt").startswith("S")
    assert keys["S"] == "doubt"
    for key, category in letters.items():
        button = window.palette_widget.button(category)
        assert button.digit == key  # the key cap
        assert catalogue.gettext("(key {key})").format(key=key) in button.toolTip()
        shown = button.text()
        assert shown == catalogue.gettext(palette[category].name)
        unaccented = shown.upper().translate(str.maketrans("ÁÉÍÓÚÜÑ", "AEIOUUN"))
        assert key in unaccented, (key, shown)
    assert_no_key_bound_twice(window)

    window.article.select_span(*span_of(ARTICLE, "reckless"))
    first, *others = letters.items()
    key_press(qtbot, window, first[0])
    [mark] = list(window.workspace.marks)
    assert mark.category == first[1]
    for key, category in others:  # each key, with the mark selected, recategorises it
        key_press(qtbot, window, key)
        assert window.workspace.marks.get(mark.id).category == category, key
        assert shown_name(window, 0) == catalogue.gettext(palette[category].name)


@pytest.mark.usefixtures("spanish")
def test_ctrl_k_finds_a_category_by_its_spanish_or_english_name_or_its_id(
    qtbot: QtBot, tiny_workspace: Workspace, catalogue: gettext.GNUTranslations
) -> None:
    taxonomy = tiny_workspace.lesson.taxonomy
    picker = QuickPicker(taxonomy)
    qtbot.addWidget(picker)

    def first_for(typed: str) -> str:
        picker.filter_edit.clear()
        qtbot.keyClicks(picker.filter_edit, typed)
        return str(picker.proxy_model.index(0, 0).data(ID_ROLE))

    assert first_for("lenguaje") == "loaded_language"
    assert first_for("loaded") == "loaded_language"
    assert first_for("loaded_lang") == "loaded_language"
    assert first_for("sembrar") == "doubt"
    assert first_for("casting") == "doubt"
    assert first_for("minimizacion") == "exaggeration"  # accents need not be typed
    shown = picker.proxy_model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert (
        shown == catalogue.gettext("Exaggeration / minimisation") != ("Exaggeration / minimisation")
    )


@pytest.mark.usefixtures("spanish")
def test_the_language_menu_is_at_the_end_of_the_view_menu(
    qtbot: QtBot, tiny_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown_window(qtbot, tiny_workspace)
    [view] = [
        action.menu()
        for action in window.menuBar().actions()
        if action.text() == i18n._("&View") != "&View"
    ]
    assert isinstance(view, QMenu)
    entries = view.actions()
    assert entries[-2].isSeparator()
    submenu = entries[-1].menu()
    assert submenu is window.language_menu
    assert submenu.objectName() == "language_menu"
    assert entries[-1].text() == i18n._("&Language") != "&Language"
    chosen: list[str] = []
    monkeypatch.setattr(language, "choose", lambda code, parent, settings: chosen.append(code))
    [english] = [a for a in submenu.actions() if a.text() == "English"]
    english.trigger()  # what the learner's click does
    assert chosen == ["en"]


@pytest.mark.usefixtures("spanish")
def test_the_library_offers_the_language_menu_and_shows_each_lessons_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    bundled = find_lesson("bakhmut-op-ed").parent
    library = LibraryWindow([(bundled, "bundled")], lambda _id: LessonStatus(), tmp_path / "mine")
    qtbot.addWidget(library)
    library.show()
    qtbot.waitExposed(library)
    entries = library.library_menu.actions()
    assert entries[-2].isSeparator()
    assert entries[-1].menu() is library.language_menu
    assert [a.text() for a in library.language_menu.actions()][1:] == ["English", "Español"]
    library.select_folder(find_lesson("bakhmut-op-ed"))
    entry = library.current_entry()
    assert entry is not None
    assert entry.language == "en"
    # The article is English even though the window speaks Spanish: it says so by name.
    assert library.facts_label.text().endswith("English")


@pytest.mark.parametrize(
    ("declared", "attribute"),
    [("en", 'lang="en"'), ("es-MX", 'lang="es-MX"'), ('x" onload="y', 'lang="x&quot; onload=')],
)
def test_the_lesson_view_declares_the_lessons_language_not_the_windows(
    qtbot: QtBot, tiny_workspace: Workspace, declared: str, attribute: str
) -> None:
    """A screen reader pronounces the lesson in the language it is written in; a hostile
    value cannot break out of the attribute."""
    from dataclasses import replace

    from literacy_app.gui.lesson_view import LessonView

    view = LessonView(replace(tiny_workspace.lesson, language=declared))
    qtbot.addWidget(view)
    html = view._document_html()
    assert html.startswith(f"<html {attribute}")
    assert html.endswith("</body></html>")


@pytest.mark.usefixtures("spanish")
def test_the_drills_not_a_device_is_named_in_spanish_in_the_progress_chart() -> None:
    from literacy_app.core.drills import NOT_A_DEVICE
    from literacy_app.gui.category_chart import display_name

    assert display_name(NOT_A_DEVICE, {}) == "No es un recurso"
    assert display_name("loaded_language", {"loaded_language": "Lenguaje cargado"}) == (
        "Lenguaje cargado"
    )
    assert display_name("own_category", {}) == "Own category"  # a lesson's own id, readable


@pytest.mark.usefixtures("spanish")
def test_decimals_in_the_window_use_the_languages_decimal_sign() -> None:
    """In Spanish "3.125" reads as three thousand: the window writes "3,125"."""
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
    assert language.local_decimal("3.125") == "3,125"
    assert language.local_decimal("0 / 1") == "0 / 1"
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
    assert language.local_decimal("3.125") == "3.125"  # Mexico writes a point


def test_english_decimals_stay_pythons_whatever_the_systems_locale() -> None:
    assert i18n.current_language() == "en"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        assert language.local_decimal("84.4") == "84.4"
    finally:
        QLocale.setDefault(QLocale.system())

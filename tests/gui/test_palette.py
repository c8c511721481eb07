"""The category palette, its digit shortcuts and the Ctrl+K picker, used as a student would."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.formats.native import default_taxonomy
from literacy_app.gui.palette import (
    HINT,
    UNDERLINE,
    CategoryPalette,
    category_icon,
    shortcut_digits,
    underline_style,
)
from literacy_app.gui.quick_picker import ID_ROLE, QuickPicker

SCREENSHOTS = Path("/tmp")

# The offscreen platform warns whenever a top-level widget's size constraints change (any
# shown window with a layout): harmless here, and not ours to fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return default_taxonomy()


@pytest.fixture
def palette(qtbot: QtBot, taxonomy: Taxonomy) -> CategoryPalette:
    widget = CategoryPalette(taxonomy)
    qtbot.addWidget(widget)
    widget.resize(300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def picker(qtbot: QtBot, taxonomy: Taxonomy) -> QuickPicker:
    dialog = QuickPicker(taxonomy)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def visible_ids(picker: QuickPicker) -> list[str]:
    model = picker.proxy_model
    return [str(model.index(row, 0).data(ID_ROLE)) for row in range(model.rowCount())]


# shortcut_digits ---------------------------------------------------------------------------


def test_default_taxonomy_digits_are_the_categories_own(taxonomy: Taxonomy) -> None:
    digits = shortcut_digits(taxonomy)
    assert list(digits) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
    assert digits == {c.shortcut: c.id for c in taxonomy if c.shortcut}
    assert digits["1"] == "loaded_language"
    assert digits["0"] == "unsupported_motive"


def test_restricted_palette_keeps_own_digits_and_fills_free_ones(taxonomy: Taxonomy) -> None:
    palette = taxonomy.restricted(
        ["vague_attribution", "doubt", "appeal_to_fear", "repetition", "missing_evidence"]
    )
    digits = shortcut_digits(palette)
    # Own digits win: appeal_to_fear keeps 5, vague_attribution keeps 7.
    assert digits["5"] == "appeal_to_fear"
    assert digits["7"] == "vague_attribution"
    # Free digits in key order go to the rest, framing devices first, in palette order.
    assert digits["1"] == "doubt"
    assert digits["2"] == "repetition"
    assert digits["3"] == "missing_evidence"
    assert len(digits) == 5
    assert shortcut_digits(palette) == digits  # deterministic
    assert list(digits) == ["1", "2", "3", "5", "7"]  # key order


def test_at_most_ten_digits_and_each_category_once(taxonomy: Taxonomy) -> None:
    digits = shortcut_digits(taxonomy)
    assert len(digits) == 10
    assert len(set(digits.values())) == 10
    no_own = Taxonomy(tuple(replace(c, shortcut="") for c in taxonomy))
    filled = shortcut_digits(no_own)
    framing = [c.id for c in no_own.in_group(Group.FRAMING)]
    assert list(filled.values()) == framing[:10]


def test_duplicate_own_digit_goes_to_the_earlier_category(taxonomy: Taxonomy) -> None:
    first = replace(taxonomy["doubt"], shortcut="4")
    second = replace(taxonomy["repetition"], shortcut="4")
    digits = shortcut_digits(Taxonomy((first, second)))
    assert digits == {"1": "repetition", "4": "doubt"}


# The palette -------------------------------------------------------------------------------


def test_both_sections_have_one_button_per_category(
    palette: CategoryPalette, taxonomy: Taxonomy
) -> None:
    for group in (Group.FRAMING, Group.CLAIM):
        section = palette.sections[group]
        assert section.isVisible()
        assert section.accessibleName() == group.label
        ids = [b.category.id for b in palette.buttons(group)]
        assert ids == [c.id for c in taxonomy.in_group(group)]
    assert len(palette.buttons(Group.FRAMING)) == 15
    assert len(palette.buttons(Group.CLAIM)) == 7


def test_clicking_a_button_emits_its_category(qtbot: QtBot, palette: CategoryPalette) -> None:
    button = palette.button("vague_attribution")
    palette.scroll_area.ensureWidgetVisible(button)
    with qtbot.waitSignal(palette.category_chosen, timeout=1000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["vague_attribution"]


@pytest.mark.parametrize("key", [Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_keyboard_activates_the_focused_button(
    qtbot: QtBot, palette: CategoryPalette, key: Qt.Key
) -> None:
    button = palette.button("flag_waving")
    button.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(palette.category_chosen, timeout=1000) as blocker:
        qtbot.keyClick(button, key)
    assert blocker.args == ["flag_waving"]


def test_arrow_keys_move_between_buttons(qtbot: QtBot, palette: CategoryPalette) -> None:
    buttons = palette.buttons()
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(buttons[0].hasFocus)
    qtbot.keyClick(buttons[0], Qt.Key.Key_Down)
    qtbot.waitUntil(buttons[1].hasFocus)
    qtbot.keyClick(buttons[1], Qt.Key.Key_End)
    qtbot.waitUntil(buttons[-1].hasFocus)
    qtbot.keyClick(buttons[-1], Qt.Key.Key_Up)
    qtbot.waitUntil(buttons[-2].hasFocus)


def test_a_mouse_click_does_not_take_focus_from_the_article(palette: CategoryPalette) -> None:
    assert palette.button("doubt").focusPolicy() == Qt.FocusPolicy.TabFocus


def test_disabled_buttons_emit_nothing_and_a_hint_shows(
    qtbot: QtBot, palette: CategoryPalette
) -> None:
    palette.set_marking_enabled(False)
    assert not palette.is_marking_enabled()
    assert palette.hint_label.isVisible()
    assert palette.hint_label.text() == HINT
    button = palette.button("loaded_language")
    assert not button.isEnabled()
    with qtbot.assertNotEmitted(palette.category_chosen):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(button, Qt.Key.Key_Space)
    palette.set_marking_enabled(True)
    assert button.isEnabled()
    assert palette.hint_label.text() != HINT
    with qtbot.waitSignal(palette.category_chosen, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_hint_does_not_move_the_buttons(palette: CategoryPalette) -> None:
    button = palette.button("doubt")
    before = button.mapTo(palette, button.rect().topLeft())
    palette.set_marking_enabled(False)
    QApplication.processEvents()
    assert button.mapTo(palette, button.rect().topLeft()) == before


def test_tooltips_and_accessible_text(palette: CategoryPalette, taxonomy: Taxonomy) -> None:
    for category in taxonomy:
        button = palette.button(category.id)
        tip = button.toolTip()
        assert QtGui.Qt.mightBeRichText(tip)
        assert category.definition.split()[0] in tip
        assert button.accessibleName() == f"Mark as {category.name}"
        assert button.accessibleDescription() == category.definition
    tip = palette.button("scare_quotes").toolTip()
    assert "Quotation marks or &quot;so-called&quot; used" in tip  # escaped, not broken HTML
    assert "<i>e.g. the so-called" in tip


def test_digits_shown_on_buttons(taxonomy: Taxonomy, qtbot: QtBot) -> None:
    widget = CategoryPalette(taxonomy.restricted(["doubt", "vague_attribution"]))
    qtbot.addWidget(widget)
    assert widget.button("doubt").digit == "1"
    assert widget.button("vague_attribution").digit == "7"


def test_a_palette_without_claims_hides_that_section(taxonomy: Taxonomy, qtbot: QtBot) -> None:
    widget = CategoryPalette(taxonomy.restricted(["loaded_language", "doubt"]))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.sections[Group.FRAMING].isVisible()
    assert not widget.sections[Group.CLAIM].isVisible()
    assert widget.buttons(Group.CLAIM) == []


def test_underline_styles_match_the_article(taxonomy: Taxonomy) -> None:
    assert UNDERLINE[Group.FRAMING] == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert UNDERLINE[Group.CLAIM] == QTextCharFormat.UnderlineStyle.DashUnderline
    assert underline_style(Group.FRAMING) == Qt.PenStyle.SolidLine
    assert underline_style(Group.CLAIM) == Qt.PenStyle.DashLine


def test_swatch_icons_differ_by_group_not_only_by_colour(taxonomy: Taxonomy) -> None:
    framing = replace(taxonomy["doubt"], color="#336699")
    claim = replace(taxonomy["vague_attribution"], color="#336699")
    framing_image = category_icon(framing, 14).pixmap(14, 14).toImage()
    claim_image = category_icon(claim, 14).pixmap(14, 14).toImage()
    assert not framing_image.isNull()
    assert framing_image != claim_image


def test_palette_screenshot(palette: CategoryPalette, taxonomy: Taxonomy, qtbot: QtBot) -> None:
    palette.set_marking_enabled(True)
    palette.button("loaded_language").setFocus(Qt.FocusReason.TabFocusReason)
    assert palette.grab().save(str(SCREENSHOTS / "palette.png"))
    palette.set_marking_enabled(False)
    assert palette.grab().save(str(SCREENSHOTS / "palette_disabled.png"))
    narrow = CategoryPalette(taxonomy)
    qtbot.addWidget(narrow)
    narrow.resize(260, 420)
    narrow.show()
    qtbot.waitExposed(narrow)
    assert narrow.grab().save(str(SCREENSHOTS / "palette_narrow.png"))


# The quick picker --------------------------------------------------------------------------


def type_filter(qtbot: QtBot, picker: QuickPicker, text: str) -> None:
    picker.filter_edit.clear()
    qtbot.keyClicks(picker.filter_edit, text)


def test_typing_filters_by_name(qtbot: QtBot, picker: QuickPicker) -> None:
    assert len(visible_ids(picker)) == 22
    type_filter(qtbot, picker, "fear")
    ids = visible_ids(picker)
    assert "appeal_to_fear" in ids
    assert "loaded_language" not in ids
    assert ids[0] == "appeal_to_fear"
    assert picker.current_id() == "appeal_to_fear"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("non sequitur", "causal_oversimplification"),
        ("Flag-Waving", "flag_waving"),
        ("WEASEL", "vague_attribution"),
        ("black_and_white", "black_and_white"),
        ("cliche", "thought_terminating_cliche"),
        ("experts say", "vague_attribution"),
    ],
)
def test_aliases_ids_and_examples_find_their_category(
    qtbot: QtBot, picker: QuickPicker, typed: str, expected: str
) -> None:
    type_filter(qtbot, picker, typed)
    assert expected in visible_ids(picker)
    assert picker.current_id() == visible_ids(picker)[0]


def test_names_rank_above_definitions(qtbot: QtBot, picker: QuickPicker) -> None:
    # "fact" is in the name of speculation_as_fact and only in presupposition's definition;
    # presupposition comes first in the taxonomy but the name match must be first here.
    type_filter(qtbot, picker, "fact")
    ids = visible_ids(picker)
    assert ids[0] == "speculation_as_fact"
    assert "presupposition" in ids
    assert picker.current_id() == "speculation_as_fact"


def test_no_match_keeps_the_dialog_open(qtbot: QtBot, picker: QuickPicker) -> None:
    type_filter(qtbot, picker, "zzzz")
    assert visible_ids(picker) == []
    assert picker.current_id() is None
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    assert picker.isVisible()
    assert picker.chosen() is None
    assert "No category matches" in picker.details_label.text()


def test_down_then_return_chooses_the_second_row(qtbot: QtBot, picker: QuickPicker) -> None:
    second = visible_ids(picker)[1]
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Down)
    assert picker.current_id() == second
    with qtbot.waitSignal(picker.accepted, timeout=1000):
        qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    assert picker.chosen() == second


def test_up_stops_at_the_first_row(qtbot: QtBot, picker: QuickPicker) -> None:
    first = visible_ids(picker)[0]
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Up)
    assert picker.current_id() == first


def test_filtered_down_then_enter(qtbot: QtBot, picker: QuickPicker) -> None:
    type_filter(qtbot, picker, "un")
    ids = visible_ids(picker)
    assert len(ids) > 2
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.accepted, timeout=1000):
        qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Enter)
    assert picker.chosen() == ids[1]


def test_escape_gives_none(qtbot: QtBot, picker: QuickPicker) -> None:
    type_filter(qtbot, picker, "fear")
    with qtbot.waitSignal(picker.rejected, timeout=1000):
        qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Escape)
    assert picker.chosen() is None


def test_double_click_accepts(qtbot: QtBot, picker: QuickPicker) -> None:
    type_filter(qtbot, picker, "slogan")
    view = picker.list_view
    index = picker.proxy_model.index(0, 0)
    point = view.visualRect(index).center()
    with qtbot.waitSignal(picker.accepted, timeout=1000):
        # What a real double click delivers: press, release, press, double-click. QTest's
        # mouseDClick alone skips the second press, which item views need to see first.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert picker.chosen() == "slogans"


def test_pick_runs_modally_and_returns_the_id(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QuickPicker)
        qtbot.keyClicks(dialog.filter_edit, "flag")
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    assert QuickPicker.pick(taxonomy) == "flag_waving"

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QuickPicker)
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    assert QuickPicker.pick(taxonomy) is None


def test_accessible_names(picker: QuickPicker) -> None:
    assert picker.filter_edit.accessibleName() == "Filter categories"
    assert picker.list_view.accessibleName() == "Categories"
    assert picker.filter_edit.placeholderText() == "Type to filter categories…"


def test_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, picker: QuickPicker
) -> None:
    qtmodeltester.check(picker.proxy_model)
    type_filter(qtbot, picker, "fear")
    qtmodeltester.check(picker.proxy_model)
    type_filter(qtbot, picker, "")
    qtmodeltester.check(picker.source_model)


def test_picker_screenshot(qtbot: QtBot, picker: QuickPicker) -> None:
    assert picker.grab().save(str(SCREENSHOTS / "picker_all.png"))
    type_filter(qtbot, picker, "un")
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Down)
    assert picker.grab().save(str(SCREENSHOTS / "picker.png"))
    assert picker.list_view.currentIndex() != QModelIndex()

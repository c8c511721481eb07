"""The category palette: the side-panel buttons a student uses to mark a selected passage.

Also the pieces other views share so a category looks the same everywhere: the swatch (colour
plus the group's underline, so colour-blind students can tell framing from claims), the icon
made from it, the underline styles the article view draws, and the category keys (digits,
then letters: `shortcut_keys`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QFont,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.taxonomy import Category, Group, Taxonomy
from literacy_app.gui.rich_text import escaped
from literacy_app.i18n import N_, _

DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")
#: Keys for the categories after the first ten. Plain letters: no QAction uses one (the
#: window's shortcuts all carry Ctrl or Alt, or are function keys; tests/gui/
#: test_palette_keys.py checks), they need no Shift (which moves digits about on many
#: layouts), and the read-only article has no use for them.
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: The palette's hint line, marked for the catalogue and translated where shown.
HINT = N_("Select words in the article, then choose a category.")
READY = N_("Mark the selection: click a category or press its key.")
CHANGE = N_("Change “{quote}”: click a category or press its key.")
#: What a category key or button does, for tooltips and the shortcut help.
KEY_USE = N_(
    "With words selected it marks them; with a mark selected (in the list or clicked in "
    "the article) it changes that mark's category."
)

# The article view draws marks with these; the swatches imitate them.
UNDERLINE: dict[Group, QTextCharFormat.UnderlineStyle] = {
    Group.FRAMING: QTextCharFormat.UnderlineStyle.SingleUnderline,
    Group.CLAIM: QTextCharFormat.UnderlineStyle.DashUnderline,
}
UNDERLINE_PEN: dict[Group, Qt.PenStyle] = {
    Group.FRAMING: Qt.PenStyle.SolidLine,
    Group.CLAIM: Qt.PenStyle.DashLine,
}
UNDERLINE_WORD: dict[Group, str] = {
    Group.FRAMING: N_("solid underline"),
    Group.CLAIM: N_("dashed underline"),
}


def underline_style(group: Group) -> Qt.PenStyle:
    """The pen style for a group's underline, for views that paint marks themselves."""
    return UNDERLINE_PEN[group]


def shortcut_digits(palette: Taxonomy) -> dict[str, str]:
    """Digit key -> category id for a lesson's palette, in key order "1".."9", "0".

    A category keeps its own `shortcut` digit when it is in the palette (so "1" means the same
    thing from lesson to lesson); the digits left over go to the other categories in palette
    order, framing devices first. A duplicate claim goes to the earlier category; at most ten.
    """
    ordered = palette.in_group(Group.FRAMING) + palette.in_group(Group.CLAIM)
    taken: dict[str, str] = {}
    for category in ordered:
        if category.shortcut in DIGITS and category.shortcut not in taken:
            taken[category.shortcut] = category.id
    assigned = set(taken.values())
    free = (digit for digit in DIGITS if digit not in taken)
    for category in ordered:
        if category.id in assigned:
            continue
        digit = next(free, None)
        if digit is None:
            break
        taken[digit] = category.id
    return {digit: taken[digit] for digit in DIGITS if digit in taken}


def shortcut_keys(palette: Taxonomy) -> dict[str, str]:
    """Key -> category id for every category of a lesson's palette (up to 36).

    The digits come first, as `shortcut_digits` gives them (so "1" keeps its meaning from
    lesson to lesson); each category left over gets a letter, in the same order: the first
    letter of a word of its name that is still free ("Casting doubt" -> C, else D), then any
    letter of its name, then the first free letter. Keys are listed digits first, then letters
    in the order given.

    The name is the one shown (`display_name`, in the window's language), so a letter is a
    mnemonic for what the learner reads on the button beside it ("Duda" -> D in Spanish); the
    key caps, tooltips and key actions all come from this one mapping, so they agree, and a
    letter is taken once, so no two categories share one. Accents are dropped ("Énfasis" -> E):
    the keys are the 26 letters of every keyboard.
    """
    keys = shortcut_digits(palette)
    assigned = set(keys.values())
    free = [letter for letter in LETTERS if letter not in keys]
    for category in palette.in_group(Group.FRAMING) + palette.in_group(Group.CLAIM):
        if category.id in assigned or not free:
            continue
        name = _unaccented(category.display_name)
        words = "".join(ch if ch.isalpha() else " " for ch in name).split()
        wanted = [w[0].upper() for w in words] + [ch.upper() for ch in name]
        letter = next((ch for ch in wanted if ch in free), free[0])
        free.remove(letter)
        keys[letter] = category.id
    return keys


def _unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def category_key_actions(
    keys: Mapping[str, str],
    taxonomy: Taxonomy,
    targets: Sequence[QWidget],
    choose: Callable[[str], object],
) -> list[QAction]:
    """Each category key (key -> category id) as an action on each of `targets`, active while
    the focus is inside that widget, calling `choose(category id)`: the keys the palette
    shows, made the same way in the student window and in instructor mode."""
    made = []
    for key, category_id in keys.items():
        for target in targets:
            name = taxonomy[category_id].display_name
            action = QAction(_("Mark as {category}").format(category=name), target)
            action.setObjectName(f"category_key_{category_id}")
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, c=category_id: choose(c))
            target.addAction(action)
            made.append(action)
    return made


def _ink_for(color: QColor) -> QColor:
    """Black or white, whichever reads better on `color` (relative luminance, sRGB)."""
    luminance = 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()
    return QColor(20, 20, 20) if luminance > 0.45 else QColor(250, 250, 250)


def paint_swatch(painter: QPainter, rect: QRectF, category: Category) -> None:
    """A rounded square in the category colour with the group's underline drawn across it.

    The underline repeats the cue the article highlights use (solid for framing devices,
    dashed for unsupported claims), so the groups differ by more than colour.
    """
    color = QColor(category.color)
    if not color.isValid():
        color = QColor("#999999")
    scale = rect.height() / 14.0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    border = QPen(color.darker(160), max(1.0, scale))
    border.setCosmetic(False)
    painter.setPen(border)
    painter.setBrush(color)
    inset = border.widthF() / 2
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), 3 * scale, 3 * scale)
    # Edge to edge and 2 px thick at 16 px, so solid and dashed read apart at a glance.
    pen = QPen(_ink_for(color), 1.8 * scale)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if category.group is Group.CLAIM:
        pen.setDashPattern([1.3, 0.9])  # in pen widths: three ~2.7 px dashes at 16 px
    y = rect.bottom() - 3.4 * scale
    painter.setPen(pen)
    left, right = rect.left() + 1.6 * scale, rect.right() - 1.6 * scale
    painter.drawLine(QPointF(left, y), QPointF(right, y))
    painter.restore()


def _swatch_pixmap(category: Category, size: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_swatch(painter, QRectF(0.5, 0.5, size - 1.0, size - 1.0), category)
    painter.end()
    return pixmap


def category_icon(category: Category, size: int = 14) -> QIcon:
    """The category's swatch as an icon for lists, combo boxes and menus (1x and 2x)."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        pixmap = _swatch_pixmap(category, size, ratio)
        icon.addPixmap(pixmap, QIcon.Mode.Normal)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)  # a selected row must not tint the colour
    return icon


def category_tooltip(category: Category, digit: str = "", use: str = "") -> str:
    """Rich-text tooltip: name, definition and example, so the palette doubles as a glossary,
    then `use`, what the button and its key do where the palette is shown (`KEY_USE` in the
    student window)."""
    parts = [f"<b>{escaped(category.display_name)}</b>"]
    if digit:
        key = _("(key {key})").format(key=escaped(digit))
        parts[0] += f" &nbsp;<span style='color:gray'>{key}</span>"
    parts.append(escaped(category.display_definition))
    if category.example:
        example = _("e.g. {example}").format(example=escaped(category.display_example))
        parts.append(f"<i>{example}</i>")
    parts.append(f"<span style='color:gray'>{escaped(category.group.display_label)}</span>")
    if use:
        how = escaped(_(use))
        parts.append(f"<span style='color:gray'>{how}</span>")
    return "<p style='white-space:pre-wrap'>" + "<br>".join(parts) + "</p>"


class CategoryButton(QAbstractButton):
    """One flat palette row: swatch, name (elided if need be) and its key in a key cap
    (`digit`: a digit, or a letter after the first ten categories).

    Signals:
        category_clicked(str): the category id, when clicked or activated with Space/Enter.
    """

    category_clicked = Signal(str)

    SWATCH = 16
    PAD = 6

    def __init__(self, category: Category, digit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self.digit = digit
        self.setObjectName(f"palette_{category.id}")
        self.setText(category.display_name)
        self.setToolTip(category_tooltip(category, digit))
        self.setAccessibleName(_("Mark as {category}").format(category=category.display_name))
        self.setAccessibleDescription(category.display_definition)
        # Tab reaches the buttons, but a mouse click leaves focus (and its digit shortcuts)
        # in the article where the selection is.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.clicked.connect(self.on_clicked)
        #: Set by the palette: moves focus for a navigation key, True if it did.
        self.navigate: Callable[[CategoryButton, int], bool] | None = None

    @Slot()
    def on_clicked(self) -> None:
        self.category_clicked.emit(self.category.id)

    def _key_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return font

    def _key_rect(self) -> QRect:
        """Where the digit's key cap goes (empty when the category has no digit)."""
        if not self.digit:
            return QRect()
        metrics = self.fontMetrics()
        height = metrics.height()
        width = max(height, metrics.horizontalAdvance(self.digit) + 8)
        rect = QRect(0, 0, width, height)
        rect.moveCenter(self.rect().center())
        rect.moveRight(self.rect().right() - self.PAD)
        return rect

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        height = max(self.SWATCH + 10, metrics.height() + 10)
        width = 3 * self.PAD + self.SWATCH + metrics.horizontalAdvance(self.text())
        if self.digit:
            width += metrics.height() + 2 * self.PAD
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space clicks (QAbstractButton); Enter and Return too, as in a list. Up, Down, Home
        and End move between the palette's buttons (see `CategoryPalette.step_focus`)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        if self.navigate is not None and self.navigate(self, event.key()):
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(self, 0, 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        palette = self.palette()
        enabled = self.isEnabled()
        frame = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        hovered = enabled and self.underMouse()
        if self.isDown() or hovered:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(70 if self.isDown() else 32)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(frame, 4, 4)
        if self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(frame.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

        # Disabled is the palette's resting state (no selection yet), so it stays a readable
        # legend: names faded, swatches nearly full strength (dark ones vanish on a dark theme
        # when faded further).
        painter.setOpacity(1.0 if enabled else 0.85)
        swatch = QRectF(self.PAD, (self.height() - self.SWATCH) / 2, self.SWATCH, self.SWATCH)
        paint_swatch(painter, swatch, self.category)
        painter.setOpacity(1.0 if enabled else 0.6)

        key = self._key_rect()
        text_left = int(swatch.right()) + self.PAD + 2
        text_right = (key.left() if self.digit else self.width()) - self.PAD
        text_rect = QRect(text_left, 0, max(0, text_right - text_left), self.height())
        painter.setPen(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText))
        name = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )

        if self.digit:
            muted = QColor(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
            muted.setAlphaF(0.6)
            painter.setPen(QPen(muted, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(key).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            painter.setFont(self._key_font())
            painter.drawText(key, Qt.AlignmentFlag.AlignCenter, self.digit)
        painter.end()


class CategoryPalette(QWidget):
    """The lesson's categories as two titled lists of flat buttons, framing devices first.

    Works on the selected words, or else on the selected mark (changing its category; see
    `set_selected_mark_source`). Disabled when it has neither, or in review mode; it then still
    works as a legend (tooltips give definitions and examples) and a hint says what to do.

    Signals:
        category_chosen(str): the id of the category a button was clicked or activated for.
    """

    category_chosen = Signal(str)

    def __init__(self, palette: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("category_palette")
        self.setAccessibleName(_("Categories"))
        self._enabled = True
        self._selection_ready = True  # as last told by set_marking_enabled
        self._hint = HINT
        self._selected_mark_quote: Callable[[], str | None] | None = None
        #: Every category's key: digits first, then letters (`shortcut_keys`).
        self.digits = shortcut_keys(palette)
        digit_of = {category_id: digit for digit, category_id in self.digits.items()}

        self.hint_label = QLabel(_(READY))
        self.hint_label.setObjectName("palette_hint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 6)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hint_label.setContentsMargins(4, 4, 4, 0)
        hint_font = QFont(self.hint_label.font())
        hint_font.setItalic(True)
        self.hint_label.setFont(hint_font)

        content = QWidget()
        content.setObjectName("palette_content")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(2, 0, 2, 4)
        content_layout.setSpacing(10)
        self.sections: dict[Group, QWidget] = {}
        self._buttons: dict[str, CategoryButton] = {}
        for group in (Group.FRAMING, Group.CLAIM):
            section = QWidget()
            section.setObjectName(f"palette_section_{group.value}")
            section.setAccessibleName(group.display_label)
            section_layout = QVBoxLayout(section)
            section_layout.setContentsMargins(0, 0, 0, 0)
            section_layout.setSpacing(0)
            underline = escaped(_(UNDERLINE_WORD[group]))
            heading = escaped(group.display_label)
            title = QLabel(f"<b>{heading}</b> <span style='color:gray'>· {underline}</span>")
            title.setObjectName(f"palette_title_{group.value}")
            title.setWordWrap(True)  # never wider than a narrow side panel
            title.setContentsMargins(4, 0, 4, 3)
            section_layout.addWidget(title)
            for category in palette.in_group(group):
                button = CategoryButton(category, digit_of.get(category.id, ""))
                button.category_clicked.connect(self.category_chosen)
                button.navigate = self.step_focus
                section_layout.addWidget(button)
                self._buttons[category.id] = button
            self.sections[group] = section
            content_layout.addWidget(section)
            # Only once it has a parent: a parentless widget shown is a window of its own,
            # which flashed up and took the focus from a window already on screen.
            section.setVisible(bool(palette.in_group(group)))
        content_layout.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("palette_scroll")
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.scroll_area, 1)

    def buttons(self, group: Group | None = None) -> list[CategoryButton]:
        """The buttons in display order, optionally only one group's."""
        return [b for b in self._buttons.values() if group is None or b.category.group is group]

    def button(self, category_id: str) -> CategoryButton:
        return self._buttons[category_id]

    def is_marking_enabled(self) -> bool:
        return self._enabled

    @Slot(bool)
    def set_marking_enabled(self, enabled: bool, hint: str = HINT) -> None:
        """Buttons work with a selection to mark, or else with a selected mark to change;
        otherwise they are off and the hint says how to get one.

        The hint line keeps its place either way so the buttons never jump under the mouse.
        `hint` is the English text, marked for the catalogue (`N_`): it is translated when
        shown.
        """
        self._selection_ready = enabled
        self._hint = hint
        self.refresh_target()

    def set_selected_mark_source(self, quote_of_selected: Callable[[], str | None]) -> None:
        """Let the buttons change the selected mark's category when no words are selected.

        `quote_of_selected` gives the quote of the mark a category would now recategorise, or
        None; the window calls `refresh_target` whenever that may have changed. The tooltips
        then say what a button (and its key) does in each case."""
        self._selected_mark_quote = quote_of_selected
        for button in self._buttons.values():
            button.setToolTip(category_tooltip(button.category, button.digit, KEY_USE))
        self.refresh_target()

    @Slot()
    def refresh_target(self) -> None:
        """Re-read what the buttons would act on: the selected words, else the selected mark."""
        quote = None
        if not self._selection_ready and self._selected_mark_quote is not None:
            quote = self._selected_mark_quote()
        enabled = self._selection_ready or quote is not None
        self._enabled = enabled
        for button in self._buttons.values():
            button.setEnabled(enabled)
        if self._selection_ready:
            self.hint_label.setText(_(READY))
        elif quote is not None:
            short = " ".join(quote.split())
            short = short if len(short) <= 20 else short[:19] + "…"  # two lines at most
            self.hint_label.setText(_(CHANGE).format(quote=short))
        else:
            self.hint_label.setText(_(self._hint))

    def step_focus(self, button: CategoryButton, key: int) -> bool:
        """Up/Down/Home/End move between buttons, so keyboard users need not Tab 20 times.

        Called from the button's own key handler: an event filter on every button would run
        Python for each of their events (paints, hovers), not only for these four keys."""
        order = self.buttons()
        index = order.index(button)
        target = {
            Qt.Key.Key_Up: index - 1,
            Qt.Key.Key_Down: index + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(order) - 1,
        }.get(Qt.Key(key))
        if target is None:
            return False
        order[max(0, min(target, len(order) - 1))].setFocus(Qt.FocusReason.TabFocusReason)
        return True

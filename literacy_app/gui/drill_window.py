"""The drill window: one passage in its sentence, four choices, then why.

Thin on purpose: core/drills.py decides the questions, their choices and what comes back;
this window shows them and takes the answers, from the keyboard (1-4, then Enter) as well as
the mouse. Right and wrong are said in words and marked with ✓ and ✗, never by colour alone.

Signals:
    answered(str, bool): the right answer's category id (or "not-a-device") and whether the
        learner chose it; the lead records it in the learner's progress.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from literacy_app.core.drills import (
    NOT_A_DEVICE,
    NOT_A_DEVICE_NAME,
    DrillSession,
    DrillSummary,
    Feedback,
    Question,
)
from literacy_app.core.text import Utf16Index
from literacy_app.gui.lesson_style import contrast, mix, scaled_font
from literacy_app.gui.rich_text import breakable
from literacy_app.i18n import _, ngettext
from literacy_app.render import render_markdown

_HIGHLIGHT = QColor("#f2c14e")  # amber, mixed into the view's own background
_NUMBER_KEYS = {
    Qt.Key.Key_1: 0,
    Qt.Key.Key_2: 1,
    Qt.Key.Key_3: 2,
    Qt.Key.Key_4: 3,
}
_CONTINUE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
READING_WIDTH = 960  # wider lines are hard to follow: the content stays centred within this


class FittedBrowser(QTextBrowser):
    """A read-only text view as tall as its text (between `low` and `high` pixels), so that a
    short passage leaves no empty box and a long one scrolls. Refitted whenever its width or
    its text changes."""

    def __init__(self, low: int, high: int) -> None:
        super().__init__()
        self.low, self.high = low, high
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().contentsChanged.connect(self.fit)

    def fit(self) -> None:
        document = self.document()
        document.setTextWidth(self.viewport().width())
        margins = self.contentsMargins()
        wanted = int(document.size().height()) + margins.top() + margins.bottom() + 2
        self.setFixedHeight(max(self.low, min(self.high, wanted)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()


class DrillWindow(QWidget):
    answered = Signal(str, bool)

    def __init__(
        self, session: DrillSession, names: Mapping[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.names = dict(names)
        #: Asked for the learner's miss rates when they practise again (the lead passes
        #: `lambda: progress.miss_rates()`); without it this session's answers are folded in.
        self.miss_rates_source: Callable[[], Mapping[str, float]] | None = None
        self.setWindowTitle(_("Technique drill"))
        self.setObjectName("drill_window")
        self.resize(900, 640)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._question_page())
        self.pages.addWidget(self._summary_page())
        self.pages.setMaximumWidth(READING_WIDTH)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(self.pages)
        self._show_question()

    # --- building -------------------------------------------------------------------------------

    def _question_page(self) -> QWidget:
        page = QWidget()
        self.counter = QLabel()
        self.counter.setObjectName("drill_counter")
        self.counter.setFont(scaled_font(self.font(), 1.25))
        bold = self.counter.font()
        bold.setBold(True)
        self.counter.setFont(bold)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.addWidget(self.counter)
        header.addWidget(self.source, 1)

        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)

        self.passage = FittedBrowser(60, 200)
        self.passage.setObjectName("drill_passage")
        self.passage.setAccessibleName(_("The passage in its context"))
        self.passage.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.passage.setFont(scaled_font(self.font(), 1.2, 11))
        self.passage.setFrameShape(QFrame.Shape.StyledPanel)

        self.buttons: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(8)
        for index in range(4):
            button = QPushButton()
            button.setObjectName(f"drill_choice_{index + 1}")
            button.setMinimumHeight(36)
            button.setStyleSheet("text-align: left; padding: 6px 12px;")
            button.clicked.connect(lambda _=False, i=index: self.choose(i))
            grid.addWidget(button, index // 2, index % 2)
            self.buttons.append(button)

        self.verdict = QLabel()
        self.verdict.setObjectName("drill_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        verdict_font = scaled_font(self.font(), 1.1)
        verdict_font.setBold(True)
        self.verdict.setFont(verdict_font)
        self.rationale = FittedBrowser(60, 300)
        self.rationale.setObjectName("drill_rationale")
        self.rationale.setAccessibleName(_("Why"))
        self.rationale.setFont(scaled_font(self.font(), 1.1))
        self.continue_button = QPushButton(_("Continue (Enter)"))
        self.continue_button.setObjectName("drill_continue")
        self.continue_button.clicked.connect(self.proceed)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.continue_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.prompt)
        layout.addWidget(self.passage)
        layout.addLayout(grid)
        layout.addWidget(self.verdict)
        layout.addWidget(self.rationale)
        layout.addLayout(footer)
        layout.addStretch(1)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(_("Drill complete"))
        title.setFont(scaled_font(self.font(), 1.4))
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        self.score = QLabel()
        self.score.setObjectName("drill_score")
        self.score.setWordWrap(True)
        self.score.setTextFormat(Qt.TextFormat.PlainText)
        self.score.setFont(scaled_font(self.font(), 1.15))
        self.practise = QLabel()
        self.practise.setObjectName("drill_practise")
        self.practise.setWordWrap(True)
        self.practise.setTextFormat(Qt.TextFormat.PlainText)
        self.practise.setFont(scaled_font(self.font(), 1.1))
        self.again_button = QPushButton(_("Practise again"))
        self.again_button.setObjectName("drill_again")
        self.again_button.clicked.connect(self.practise_again)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setObjectName("drill_close")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.score)
        layout.addWidget(self.practise)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    # --- showing --------------------------------------------------------------------------------

    def name(self, category: str) -> str:
        if category == NOT_A_DEVICE:
            return self.names.get(NOT_A_DEVICE, _(NOT_A_DEVICE_NAME))
        return self.names.get(category, category)

    def _show_question(self) -> None:
        question = self.session.current()
        if question is None:
            self._show_summary()
            return
        self.pages.setCurrentIndex(0)
        self.counter.setText(
            _("Question {number} of {total}").format(
                number=question.number, total=self.session.total
            )
        )
        self.source.setText(
            breakable(_("From “{lesson}”").format(lesson=question.item.lesson_title))
        )
        ask = _("Which technique is the highlighted passage? Press 1 to 4, or click.")
        self.prompt.setText(
            _("You missed this one earlier: try it again. {question}").format(question=ask)
            if question.repeat
            else ask
        )
        self._show_passage(question)
        for index, button in enumerate(self.buttons):
            button.setVisible(index < len(question.choices))  # a taxonomy too small for four
            if index >= len(question.choices):
                continue
            button.setText(f"{index + 1}  {self.name(question.choices[index])}")
            button.setEnabled(True)
            button.setAccessibleName(self.name(question.choices[index]))
            font = button.font()
            font.setBold(False)
            button.setFont(font)
        self.verdict.clear()
        self.verdict.hide()
        self.rationale.clear()
        self.rationale.hide()
        self.continue_button.hide()
        self.buttons[0].setFocus()

    def _show_passage(self, question: Question) -> None:
        item = question.item
        self.passage.setPlainText(item.context)
        utf16 = Utf16Index(item.context)
        cursor = QTextCursor(self.passage.document())
        cursor.setPosition(utf16.to_utf16(item.span[0]))
        cursor.setPosition(utf16.to_utf16(item.span[1]), QTextCursor.MoveMode.KeepAnchor)
        look = QTextCharFormat()
        look.setFontWeight(QFont.Weight.Bold)
        look.setFontUnderline(True)
        base = self.passage.palette().base().color()
        text = self.passage.palette().text().color()
        tint = mix(base, _HIGHLIGHT, 0.55)
        if contrast(tint, text) < 4.5:
            tint = mix(base, _HIGHLIGHT, 0.3)
        look.setBackground(tint)
        look.setForeground(text)
        cursor.mergeCharFormat(look)
        self.passage.setAccessibleDescription(
            _("Highlighted: {passage}").format(passage=item.passage)
        )

    def _show_feedback(self, question: Question, feedback: Feedback) -> None:
        right_name = self.name(feedback.answer)
        pairs = zip(self.buttons, question.choices, strict=False)
        for index, (button, choice) in enumerate(pairs):
            label = f"{index + 1}  {self.name(choice)}"
            if choice == feedback.answer:
                label = "✓ " + _("{choice} (the answer)").format(choice=label)
            elif choice == feedback.chosen:
                label = "✗ " + _("{choice} (your choice)").format(choice=label)
            button.setText(label)
            button.setEnabled(choice in (feedback.answer, feedback.chosen))  # choose() ignores
            font = button.font()
            font.setBold(choice == feedback.answer)
            button.setFont(font)
        chosen_name = self.name(feedback.chosen)
        if feedback.right:
            verdict = _("Right: this is {category}.").format(category=right_name)
        elif feedback.answer == NOT_A_DEVICE:
            verdict = _(
                "Not quite: you chose {chosen}, but the key marks nothing "
                "here. It is not a device."
            ).format(chosen=chosen_name)
        else:
            verdict = _("Not quite: you chose {chosen}. This is {category}.").format(
                chosen=chosen_name, category=right_name
            )
        self.verdict.setText(verdict)
        self.verdict.show()
        self.rationale.setHtml(render_markdown(_("**Why**") + "\n\n" + feedback.rationale))
        self.rationale.show()
        self.continue_button.show()
        self.continue_button.setFocus()

    def _show_summary(self) -> None:
        summary: DrillSummary = self.session.summary()
        self.pages.setCurrentIndex(1)
        lines = [
            ngettext(  # the same in English, as it always read
                "You answered {right} of {count} questions right the first time.",
                "You answered {right} of {count} questions right the first time.",
                summary.fresh,
            ).format(right=summary.first_time_right, count=summary.fresh)
        ]
        repeats = summary.asked - summary.fresh
        if repeats:
            again = summary.right - summary.first_time_right
            lines.append(
                _("Questions asked again: {right} of {count} right.").format(
                    right=again, count=repeats
                )
            )
        self.score.setText("\n".join(lines))
        if summary.to_practise:
            names = []
            for category in summary.to_practise:
                right, wrong = summary.per_category[category]
                names.append(
                    "• "
                    + _("{category}: {wrong} wrong, {right} right").format(
                        category=self.name(category), wrong=wrong, right=right
                    )
                )
            self.practise.setText(_("Categories to practise:") + "\n" + "\n".join(names))
        else:
            self.practise.setText(
                _("Nothing to practise from this drill: every answer was right.")
            )
        self.again_button.setFocus()

    # --- acting ---------------------------------------------------------------------------------

    def choose(self, index: int) -> None:
        """Answer the current question with choice `index` (0-3); ignored once answered."""
        question = self.session.current()
        if question is None or self.session.feedback is not None:
            return
        if index >= len(question.choices):
            return
        feedback = self.session.answer(question.choices[index])
        self._show_feedback(question, feedback)
        self.answered.emit(feedback.answer, feedback.right)

    def proceed(self) -> None:
        """Continue to the next question once this one is answered."""
        if self.session.current() is None or self.session.feedback is None:
            return
        self.session.advance()
        self._show_question()

    def practise_again(self) -> None:
        rates = self.miss_rates_source() if self.miss_rates_source else None
        self.session = self.session.again(rates)
        self._show_question()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier:
            on_question = self.pages.currentIndex() == 0
            if on_question and key in _NUMBER_KEYS:
                self.choose(_NUMBER_KEYS[Qt.Key(key)])
                return
            if on_question and key in _CONTINUE_KEYS:
                self.proceed()
                return
            focused = self.focusWidget()
            for button in (self.again_button, self.close_button):
                if key in _CONTINUE_KEYS and focused is button:
                    button.click()  # a plain window's buttons take only Space: Enter too here
                    return
        super().keyPressEvent(event)

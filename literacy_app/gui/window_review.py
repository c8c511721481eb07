"""Checking in the student window: the check itself (an attempt of changed work), the review
it shows, the answers it reveals by the lesson's rule, and leaving review. A part of
`MainWindow` (see gui/main_window.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from literacy_app.gui.article_view import Outline
from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame

if TYPE_CHECKING:
    pass
from literacy_app.gui.window_base import WindowBase
from literacy_app.i18n import N_, _

REPORT_HTML = N_("Web page (*.html)")
REPORT_PDF = "PDF (*.pdf)"  # a format name: the same in every language


class ReviewMixin(WindowBase):
    # --- checking ------------------------------------------------------------------------------
    def check(self) -> None:
        """Grade the marks and show the review. Only changed work is a new attempt, and a new
        attempt (or answers revealed by it) is unsaved work: the window asks before quitting,
        and autosave keeps it."""
        if not self.workspace.lesson.has_key or self.workspace.reviewing:
            return
        from literacy_app.gui.results_panel import ResultsPanel

        workspace = self.workspace
        revealed_before = workspace.answers_revealed
        result = workspace.check()
        score = result.final_score
        not_recorded = ""
        if self.records_progress and workspace.last_check_counted:
            not_recorded = self.study.record_attempt(workspace, result)
        key = workspace.lesson.key
        assert key is not None
        if self.results_panel is None:  # one panel per installed workspace and article
            lesson = workspace.lesson
            self.results_panel = ResultsPanel(key, lesson.taxonomy, lesson.folder)
            self.results_panel.item_selected.connect(self._on_result_selected)
            self.results_panel.paragraph_selected.connect(self._on_paragraph_selected)
            self.results_panel.report_requested.connect(self.save_feedback_report)
            self.side.addWidget(self.results_panel)
            self.article.mark_clicked.connect(self._on_review_mark_clicked)
            workspace.on_review_closed(self._on_review_closed)
        self._show_review()
        revealed_now = workspace.answers_revealed and not revealed_before
        if workspace.last_check_counted or revealed_now:
            self._attempt_changed()
        if revealed_now and self.records_progress:
            not_recorded = not_recorded or self.study.record_answers_revealed(workspace)
        percent = f"{score:.0f}"
        if workspace.last_check_counted:
            message = _("Checked (attempt {attempt}): {score}%.").format(
                attempt=workspace.attempts, score=percent
            )
        else:
            message = _(
                "Same marks as attempt {attempt}, so not a new attempt: {score}%. "
                "Change your marks to try again."
            ).format(attempt=workspace.attempts, score=percent)
        # Sentences of their own, each one whole, after the score.
        if revealed_now:
            message += " " + _("The answers are shown now, and the debrief is open.")
        elif self.results_panel.hidden_count:
            message += " " + _("Read the paragraphs still to find again, then check again.")
        else:
            message += " " + _("Select an item on the right to read why it matters.")
        if not_recorded:
            message += " " + _("({reason}.)").format(reason=not_recorded)
        self.statusBar().showMessage(message, 10000)
        if self.records_progress:
            from literacy_app.gui.study_windows import tell_progress_problems

            tell_progress_problems(self)

    def back_to_marking(self) -> None:
        if not self.workspace.reviewing:
            return
        self.workspace.back_to_marking()
        self.article.clear_review()
        self._update_mode()
        self.article.setFocus()

    @Slot(str)
    def _on_result_selected(self, item_id: str) -> None:
        assert self.workspace.lesson.key is not None
        item = self.workspace.lesson.key.item(item_id)
        self.article.scroll_to(item.start, item.end)
        self.article.flash(item.start, item.end)

    def show_answers(self) -> bool:
        """Lesson > Show answers: reveal the missed passages and the debrief, once the student
        confirms; recorded in their work. True when the answers were shown."""
        workspace = self.workspace
        panel = self.results_panel
        if not workspace.reviewing or workspace.answers_revealed or panel is None:
            return False
        if dialogs.ask_show_answers(self, panel.hidden_count, workspace.attempts) != "show":
            return False
        if not workspace.show_answers():  # the lesson asks for more attempts first
            return False
        self._show_review()
        self._attempt_changed()
        if self.records_progress:
            self.study.record_answers_revealed(workspace)
        self.statusBar().showMessage(
            _(
                "The answers are shown: every passage in the key, with why it matters, and the "
                "debrief in the lesson panel. Your work records that you saw them."
            ),
            10000,
        )
        return True

    def _show_review(self) -> None:
        """The last check, in the article (outlines) and the results panel, showing only what
        the workspace allows: missed items are counted per paragraph until the answers are
        revealed, and have no outline, so the article gives them away no more than the list."""
        from literacy_app.core.scoring import Outcome
        from literacy_app.gui.feedback import missing_groups
        from literacy_app.gui.review_style import OUTCOME_COLOR, OUTCOME_LINE

        workspace = self.workspace
        result, key, lesson = workspace.result, workspace.lesson.key, workspace.lesson
        assert result is not None
        assert key is not None
        assert self.results_panel is not None
        hidden = (
            []
            if workspace.answers_revealed
            else missing_groups(result, key, lesson.taxonomy, workspace.text, lesson.article.title)
        )
        concealed = {item_id for group in hidden for item_id in group.item_ids}
        outlines = []
        for item_result in result.items:
            if item_result.item_id in concealed:
                continue
            item = key.item(item_result.item_id)
            outlines.append(
                Outline(
                    item.start,
                    item.end,
                    OUTCOME_COLOR[item_result.outcome],
                    OUTCOME_LINE[item_result.outcome],
                    2.0 if item_result.outcome is not Outcome.MISSED else 1.6,
                )
            )
        neutral = {m.mark_id for m in result.marks if not m.in_key}
        self.article.set_review(outlines, neutral)
        self.results_panel.set_result(
            result,
            list(workspace.marks),
            workspace.attempts,
            hidden,
            lesson.reveal,
        )
        # The instructor's look at a student's work (records_progress off) hides nothing from
        # the instructor; a student gets the report once the answers are shown.
        self.results_panel.set_report_allowed(
            workspace.answers_revealed or not hidden or not self.records_progress
        )
        # The debrief discusses the key: it opens with the answers, or when nothing is missed.
        if workspace.answers_revealed or not result.count(Outcome.MISSED):
            self.lesson_view.set_checked(True)
        self._update_mode()

    def _attempt_changed(self) -> None:
        """A new attempt, or answers revealed: part of the work, unsaved until the student
        saves. Undoing back to the saved marks no longer makes the work clean (the file would
        still say fewer attempts), and autosave writes it for a crash to bring back."""
        self.undo_stack.resetClean()
        self.autosave.schedule()

    def _on_review_closed(self) -> None:
        """An edit (an undo or redo while reviewing) changed the checked marks: the review
        described marks that are gone, so it closes rather than show them."""
        self.article.clear_review()
        if self.results_panel is not None:
            self.results_panel.clear()
        self._update_mode()
        self.statusBar().showMessage(
            _(
                "Your marks changed, so the review closed: it described the marks you checked. "
                "Check again (Ctrl+Return) for a new score."
            ),
            8000,
        )

    @Slot(str)
    def _on_review_mark_clicked(self, mark_id: str) -> None:
        """A mark clicked in the article while reviewing: its item in the results, or, for a
        mark the key does not hold, what that means (a costly second mark, or perhaps a fair
        find the key does not list)."""
        if not self.workspace.reviewing or self.results_panel is None:
            return
        status = self.results_panel.show_mark(mark_id)
        if status:
            self.statusBar().showMessage(status, 10000)

    @Slot()
    def save_feedback_report(self, path: Path | None = None) -> Path | None:
        """The last check as a feedback report: PDF when the file chosen ends in .pdf, HTML
        otherwise (the same pages `literacy-app report` writes). The saved path, or None."""
        from literacy_app.reports.feedback import feedback_html

        workspace = self.workspace
        panel = self.results_panel
        if workspace.result is None or panel is None or not panel.report_button.isEnabled():
            return None
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            stem = workspace.path.stem if workspace.path else workspace.lesson.id
            folder = workspace.path.parent if workspace.path else Path.home()
            name, chosen = QFileDialog.getSaveFileName(
                self,
                _("Save feedback report"),
                str(folder / f"{stem}-feedback.html"),
                _(REPORT_HTML) + ";;" + REPORT_PDF,
            )
            if not name:
                return None
            path = Path(name)
            if path.suffix.lower() not in (".html", ".htm", ".pdf"):
                path = path.with_name(path.name + (".pdf" if chosen == REPORT_PDF else ".html"))
        lesson = workspace.lesson
        html = feedback_html(lesson, workspace.to_submission(), workspace.result)
        title = _("{lesson}: feedback for {student}").format(
            lesson=lesson.title, student=workspace.student.display()
        )
        try:
            if path.suffix.lower() == ".pdf":
                from literacy_app.gui.report_pdf import write_pdf

                write_pdf(html, path, title)
            else:
                from literacy_app.formats.atomic import atomic_write

                atomic_write(path, html)
        except OSError as err:
            dialogs.error(
                self,
                _("Could not save the report"),
                _("{file}: {reason}").format(file=path, reason=err.strerror or err),
            )
            return None
        self.statusBar().showMessage(_("Feedback report saved: {file}").format(file=path), 8000)
        return path

    @Slot(int, int)
    def _on_paragraph_selected(self, start: int, end: int) -> None:
        """A "still to find" row: bring its paragraph into view, without pointing at words."""
        self.article.scroll_to(start, end)
        self.article.flash(start, end)

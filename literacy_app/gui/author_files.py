"""Instructor mode's files: Save (never over a file changed on disk unasked), the draft as
the recovery file holds it, Check lesson and its Problems tab, and the exports for students.
A part of `AuthorWindow` (see gui/author_window.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from literacy_app.authoring.drafts import draft_problems
from literacy_app.authoring.packaging import export_package
from literacy_app.authoring.writing import lesson_files, write_lesson_files
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.lesson import Lesson
from literacy_app.formats.atomic import file_digest, text_digest
from literacy_app.formats.recovery import RecoveryFile, write_author_draft
from literacy_app.gui import dialogs
from literacy_app.gui.author_base import AuthorBase
from literacy_app.i18n import _, ngettext


class AuthorFilesMixin(AuthorBase):
    # --- recovery ------------------------------------------------------------------------------
    def _write_draft(self, recovery: RecoveryFile) -> None:
        """The draft as the files Save would write, so a restored draft is what Save writes."""
        lesson = self.current_lesson()
        write_author_draft(
            recovery, lesson.folder, lesson_files(lesson, lesson.key), len(self.draft.marks)
        )

    # --- saving, checking, exporting -----------------------------------------------------------
    def current_lesson(self) -> Lesson:
        return replace(self.lesson_draft.applied_to(self.lesson), key=self.draft.to_key())

    def _files_on_disk(self) -> dict[str, str | None]:
        """Digests of the files Save writes, as they are on disk now."""
        lesson = self.current_lesson()
        try:
            names = lesson_files(lesson, lesson.key)
        except FormatError:  # nothing Save could write: nothing to compare with
            return {}
        return {name: file_digest(lesson.folder / name) for name in names}

    def _changed_on_disk(self, files: dict[str, str]) -> Path | None:
        """The first of `files` that something else saved since this window read or wrote it
        (another instructor-mode window, an editor, a sync client)."""
        for name in files:
            now = file_digest(self.lesson.folder / name)
            if now is not None and now != self._on_disk.get(name, now):
                return self.lesson.folder / name
        return None

    def save(self) -> bool:
        lesson = self.current_lesson()
        try:
            files = lesson_files(lesson, lesson.key)  # rendered and checked once
        except FormatError as err:
            dialogs.problems(self, _("Could not save the lesson"), err.problems)
            return False
        changed = self._changed_on_disk(files)
        overwrite = changed is None or (
            dialogs.ask_changed_on_disk(self, changed, can_save_as=False) == "overwrite"
        )
        if not overwrite:
            return False
        try:
            write_lesson_files(lesson.folder, files)
        except OSError as err:
            dialogs.error(
                self,
                _("Could not save the lesson"),
                _("{folder}: {reason}. Nothing was changed on disk.").format(
                    folder=lesson.folder, reason=err.strerror or err
                ),
            )
            return False
        self.undo_stack.setClean()
        self._on_disk = {name: text_digest(text) for name, text in files.items()}
        self.autosave.discard()
        self.statusBar().showMessage(_("Saved {folder}").format(folder=lesson.folder), 4000)
        self.validate()
        return True

    def validate(self) -> list[Problem]:
        """What `literacy-app check` would say once the draft on screen is saved (unsaved items
        and text included), shown in the Problems tab: the same list, the same places."""
        lesson = self.current_lesson()
        try:
            problems = draft_problems(lesson.folder, lesson_files(lesson, lesson.key))
        except FormatError as err:  # the draft cannot even be written (a heading in a section)
            problems = err.problems
        self.problems.set_problems(problems)
        if problems:
            self.tabs.setCurrentWidget(self.problems)
        return problems

    def export(self, handout: bool) -> Path | None:
        if not self.undo_stack.isClean() and not self.save():
            return None
        unfinished = [p for p in self.validate() if p.severity == "warning"]
        if unfinished and not self._export_draft_anyway(handout, len(unfinished)):
            return None
        suggested = self.lesson.folder.parent / (
            f"{self.lesson.id}-{'handout' if handout else 'full'}.zip"
        )
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the handout (.zip, or a new folder name)")
            if handout
            else _("Export the full package (.zip, or a new folder name)"),
            str(suggested),
            _("Lesson package (*.zip);;Folder (*)"),
        )
        if not name:
            return None
        try:
            destination = export_package(self.lesson.folder, Path(name), handout=handout)
        except (OSError, FormatError, FileExistsError) as err:
            title = (
                _("Could not export the handout")
                if handout
                else _("Could not export the full package")
            )
            dialogs.error(self, title, str(err))
            return None
        done = (
            _("Exported the handout to {destination}")
            if handout
            else _("Exported the full package to {destination}")
        )
        self.statusBar().showMessage(done.format(destination=destination), 6000)
        return destination

    def _export_draft_anyway(self, handout: bool, count: int) -> bool:
        """`package` refuses an unfinished lesson unless it is a draft; so does Export, unless
        the instructor says it is one (to try it out with a colleague, say)."""
        if handout:
            question = ngettext(
                "The Problems tab lists {count} thing left to do. Export the handout as a "
                "draft anyway?",
                "The Problems tab lists {count} things left to do. Export the handout as a "
                "draft anyway?",
                count,
            )
        else:
            question = ngettext(
                "The Problems tab lists {count} thing left to do. Export the full package as a "
                "draft anyway?",
                "The Problems tab lists {count} things left to do. Export the full package as "
                "a draft anyway?",
                count,
            )
        answer = QMessageBox.question(
            self,
            _("The lesson is not finished"),
            question.format(count=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot(str)
    def _go_to_problem(self, json_path: str) -> None:
        if json_path.startswith("$.items["):
            index = int(json_path.split("[", 1)[1].split("]", 1)[0])
            key_items = self.draft.to_key().items
            if 0 <= index < len(key_items):
                self.select_item(key_items[index].id)
                self.tabs.setCurrentWidget(self.item_editor)

"""The student window's files: the student's name, save, save as, submit and W3C export
(never over a file changed on disk unasked), recovery files, and opening lessons and
submissions. A part of `MainWindow` (see gui/main_window.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import (
    QLineEdit,
)

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.submission import Student
from literacy_app.core.workspace import Workspace
from literacy_app.gui.lazy import dialogs  # imported at first use, after the first frame
from literacy_app.gui.window_base import WindowBase
from literacy_app.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from literacy_app.formats.recovery import RecoveryFile
    from literacy_app.gui.main_window import MainWindow

SUBMISSION_FILTER = N_("Submissions (*.json);;All files (*)")
#: Export marks: each filter of the save dialog and the format it writes. Format names, the
#: same in every language (the dialog hands the chosen one back: it picks the writer).
EXPORT_FILTERS = {
    "W3C Web Annotation (*.json)": "w3c",
    "brat standoff (*.ann)": "brat",
    "Label Studio JSON (*.json)": "labelstudio",
    "SemEval-2020 Task 11 / PTC (*.labels.tsv)": "ptc",
}
IMPORT_FILTER = N_(
    "Annotations (*.ann *.txt *.json *.tsv *.labels);;brat standoff (*.ann);;"
    "Label Studio or W3C JSON (*.json);;SemEval-2020 Task 11 / PTC (*.labels.tsv);;All files (*)"
)
#: The levels lesson.md names (ids, never translated), as the Bundled lessons menu shows them.
LEVELS = {
    "beginner": N_("beginner"),
    "intermediate": N_("intermediate"),
    "advanced": N_("advanced"),
}


def _format_by_name(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".ann"):
        return "brat"
    if name.endswith((".labels.tsv", ".labels")):
        return "ptc"
    return "w3c"


class FilesMixin(WindowBase):
    # --- saving --------------------------------------------------------------------------------
    def ask_student_name(self) -> bool:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            self,
            _("Your name"),
            _("Your name, saved with your work so your teacher knows whose it is:"),
            QLineEdit.EchoMode.Normal,
            self.workspace.student.name or self.settings.student_name,
        )
        if not ok or not name.strip():
            return False
        self.workspace.student = Student(
            name.strip(), self.workspace.student.id or self.settings.student_id
        )
        self.settings.student_name = name.strip()
        self._update_title()
        return True

    def _ensure_student(self) -> bool:
        if self.workspace.student.name or self.workspace.student.id:
            return True
        if self.settings.student_name:
            self.workspace.student = Student(self.settings.student_name, self.settings.student_id)
            self._update_title()
            return True
        return self.ask_student_name()

    def save(self) -> bool:
        if self.workspace.path is None:
            return self.save_as()
        return self.save_to(self.workspace.path)

    def save_as(self, title: str | None = None) -> bool:
        if not self._ensure_student():
            return False
        from PySide6.QtWidgets import QFileDialog

        suggested = self._suggested_name()
        name, _chosen = QFileDialog.getSaveFileName(
            self, title or _("Save your marks"), str(suggested), _(SUBMISSION_FILTER)
        )
        if not name:
            return False
        if not self.save_to(Path(name)):
            return False
        saved = self.workspace.path or Path(name)  # "changed on disk" may have moved it on
        self.settings.save_folder = str(saved.parent)
        return True

    def _suggested_name(self, ending: str = ".submission.json") -> Path:
        """Where the save or export dialog starts: the folder the student last saved in, else
        their documents folder (else home). Never a lesson's folder, bundled or not (the
        dialog would open on key.json, and work saved there is mixed up with the lesson), nor
        the app's data folder (recovery files, unpacked lesson packages)."""
        from PySide6.QtCore import QStandardPaths

        from literacy_app.gui.settings import data_dir
        from literacy_app.resources import lessons_dir

        student = self.workspace.student.name or "student"
        safe = "".join(ch if ch.isalnum() else "-" for ch in student).strip("-").lower()
        name = f"{self.workspace.lesson.id}-{safe}{ending}"
        documents = QStandardPaths.StandardLocation.DocumentsLocation
        app_folders = [lessons_dir().resolve(), data_dir().resolve()]
        for candidate in (
            self.settings.save_folder,
            QStandardPaths.writableLocation(documents),
            str(Path.home()),
        ):
            if not candidate:
                continue
            folder = Path(candidate).expanduser().resolve()
            if (
                folder.is_dir()
                and not any(folder.is_relative_to(app) for app in app_folders)
                and not any((inside / "lesson.md").exists() for inside in (folder, *folder.parents))
            ):
                return folder / name
        return Path(name)

    @staticmethod
    def _digest_of(path: Path | None) -> str | None:
        if path is None:
            return None
        from literacy_app.formats.atomic import file_digest

        return file_digest(path)

    def _written_elsewhere(self, path: Path) -> bool:
        """True when the file this work came from (or was last saved to) holds something else
        now: another window of the app, or another program, saved it meanwhile."""
        if path != self.workspace.path:
            return False
        now = self._digest_of(path)
        return now is not None and now != self._on_disk

    def save_to(self, path: Path) -> bool:
        """Write the submission atomically; on failure the previous file is untouched. A file
        that something else changed since it was opened is not overwritten without asking."""
        if not self._ensure_student():
            return False
        if self._written_elsewhere(path):
            answer = dialogs.ask_changed_on_disk(self, path)
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                return False
        from literacy_app.formats import native
        from literacy_app.formats.atomic import atomic_write

        submission = self.workspace.to_submission()
        try:
            atomic_write(path, native.dumps(native.submission_to_dict(submission)))
        except OSError as err:
            dialogs.error(
                self,
                _("Could not save"),
                _(
                    "{file}: {reason}. Your marks are still here and in the recovery file; "
                    "try another place."
                ).format(file=path, reason=err.strerror or err),
            )
            return False
        self.workspace.path = path
        self._on_disk = self._digest_of(path)
        self.undo_stack.setClean()
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent)
        self._discard_recovery()
        self._update_title()
        if self.records_progress:  # the library's Continue opens this file
            self.study.record_work(self.workspace)
        self.statusBar().showMessage(_("Saved to {file}").format(file=path), 5000)
        return True

    def submit(self) -> bool:
        """A keyless lesson (a classroom handout): save the submission where the student chooses."""
        return self.save_as(_("Submit your work: choose where to save the file for your teacher"))

    def export_marks(self) -> bool:
        """File > Export marks: the marks in the format of the filter chosen (W3C first), or
        told by the name's ending (.ann: brat, .labels.tsv: PTC, which writes its pair of
        files into that folder)."""
        from PySide6.QtWidgets import QFileDialog

        from literacy_app.formats.interchange import FORMATS, Exporting

        name, chosen = QFileDialog.getSaveFileName(
            self,
            _("Export marks"),
            str(self._suggested_name(".w3c.json")),
            ";;".join(EXPORT_FILTERS),
        )
        if not name:
            return False
        path = Path(name)
        fmt = EXPORT_FILTERS.get(chosen) or _format_by_name(path)
        submission = self.workspace.to_submission()
        lesson = self.workspace.lesson
        item = Exporting(lesson.article.text, submission.marks, lesson, submission=submission)
        warnings: list[Problem] = []
        writer = FORMATS[fmt].write
        assert writer is not None
        output = path.parent if fmt == "ptc" else path
        if fmt == "brat" and path.suffix.lower() != ".ann":
            output = path.with_suffix(".ann")
        try:
            writer(item, output, warnings.append)
        except (OSError, ValueError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else err
            dialogs.error(
                self,
                _("Could not export"),
                _("{file}: {reason}").format(file=output, reason=reason),
            )
            return False
        if warnings:
            dialogs.problems(
                self,
                _("Exported to {file}, with notes").format(file=output.name),
                warnings,
                warning=True,
            )
        self.settings.save_folder = str(path.parent)
        self.statusBar().showMessage(
            _("Marks exported ({format}) to {file}").format(format=fmt, file=output), 8000
        )
        return True

    def import_marks(self, path: Path | None = None) -> bool:
        """File > Import marks: marks made on this lesson's article with another tool become
        the work on screen (unsaved), placed by their quotes where the text differs."""
        from PySide6.QtWidgets import QFileDialog

        from literacy_app.core.submission import Submission
        from literacy_app.formats.interchange import FORMATS, ReadOptions, format_of
        from literacy_app.formats.standoff import place_on

        if path is None:
            name, _chosen = QFileDialog.getOpenFileName(
                self,
                _("Import marks"),
                self.settings.save_folder or str(Path.home()),
                _(IMPORT_FILTER),
            )
            if not name:
                return False
            path = Path(name)
        lesson = self.workspace.lesson
        try:
            fmt = format_of(path)
            if fmt == "w3c":  # a submission in its own right: opened as one
                return self.open_path(path, lesson.folder)
            reader = FORMATS[fmt].read
            if reader is None:
                raise FormatError.single(
                    path, _("{format} files cannot be imported").format(format=fmt)
                )
            articles = reader(path, ReadOptions(lesson.taxonomy, lesson))
        except FormatError as err:
            dialogs.problems(
                self, _("Could not import {file}").format(file=path.name), err.problems
            )
            return False
        except OSError as err:
            dialogs.error(
                self,
                _("Could not import"),
                _("{file}: {reason}").format(file=path, reason=err.strerror or err),
            )
            return False
        if not articles:
            dialogs.error(
                self,
                _("Nothing to import"),
                _("{file}: no article with marks was found").format(file=path),
            )
            return False
        text = lesson.article.text
        article = next((a for a in articles if a.text.rstrip("\n") == text.rstrip("\n")), None)
        placed = place_on(text, article or articles[0], orphans_are_errors=False)
        notes = [*(article or articles[0]).warnings, *placed.problems]
        if len(articles) > 1:
            notes.insert(
                0,
                Problem(
                    str(path),
                    _(
                        "{count} articles in the file: the one matching this lesson's article "
                        "was taken"
                    ).format(count=len(articles)),
                    severity="warning",
                ),
            )
        if not placed.marks:
            dialogs.problems(
                self, _("No marks from {file} fit this article").format(file=path.name), notes
            )
            return False
        if not self.maybe_save():
            return False
        submission = Submission(
            placed.marks,
            lesson=lesson.id,
            article_sha256=lesson.article.sha256,
            student=Student((article or articles[0]).student or self.settings.student_name),
        )
        self._discard_recovery()
        self.install(Workspace.from_submission(lesson, submission, None))
        self.undo_stack.resetClean()  # imported, not yet saved: the window asks before closing
        self._update_title()
        self.autosave.schedule()
        if notes:
            dialogs.problems(
                self, _("Imported {file}, with notes").format(file=path.name), notes, warning=True
            )
        count = len(placed.marks)
        self.statusBar().showMessage(
            ngettext(
                "{count} mark imported from {file} ({format}). Save to keep it.",
                "{count} marks imported from {file} ({format}). Save to keep them.",
                count,
            ).format(count=count, file=path.name, format=fmt),
            8000,
        )
        return True

    @property
    def recovery_path(self) -> Path | None:
        """This session's recovery file for the open work, once an edit has been autosaved."""
        return self.autosave.path

    @property
    def autosave_error(self) -> str | None:
        return self.autosave.error

    def _discard_recovery(self) -> None:
        self.autosave.discard()

    def install_restored(self, workspace: Workspace, recovery_file: Path) -> None:
        """Work brought back from a recovery file: unsaved until the student saves it, and
        autosaved into that same file, which this session now owns."""
        self._discard_recovery()
        self.install(workspace)
        self.autosave.adopt(recovery_file)
        self.undo_stack.resetClean()  # never clean until saved, so quitting asks first
        self.setWindowModified(True)

    def recover_unsaved(self) -> bool:
        """File > Recover unsaved work: what a crash left behind, or what the student kept
        for later, offered again without restarting. True when some was restored."""
        from literacy_app.formats.recovery import pending_recoveries
        from literacy_app.gui.recovery_offer import offer_recovery

        pending = pending_recoveries(self.recovery_folder)  # never this session's own file
        if not pending:
            dialogs.show_text(
                self,
                _("Recover unsaved work"),
                _("No unsaved work is waiting to be restored."),
            )
            return False
        return offer_recovery(cast("MainWindow", self), pending)

    def flush_autosaves(self) -> None:
        """Write every unsaved piece of work to its recovery file now, without waiting for the
        autosave delay: this window's marks and the drafts of its instructor-mode windows."""
        from literacy_app.gui.author_window import AuthorWindow

        if self.is_complete:  # before that there is nothing to write
            self.autosave.write()
        for tool in self.tool_windows:
            if isinstance(tool, AuthorWindow):
                tool.autosave.write()

    def _write_recovery(self, recovery: RecoveryFile) -> None:
        """The whole submission, with where it belongs (lesson folder, save path)."""
        recovery.write(
            self.workspace.lesson.folder, self.workspace.path, self.workspace.to_submission()
        )

    # --- opening -------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _chosen = QFileDialog.getOpenFileName(
            self,
            _("Open a lesson (its lesson.md) or a submission"),
            self.settings.last_folder,
            _("Lessons and submissions (lesson.md *.zip *.json);;All files (*)"),
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, lesson: Path | None = None) -> bool:
        """Open a lesson or submission; on a bad file, say why and keep the current work.

        The file is read before the student is asked to save or discard: a "Discard" given for
        a file that then fails to open would leave marks on screen that nothing protects any
        more (no unsaved marker, no recovery file)."""
        from literacy_app.gui.loading import load_target

        try:
            workspace, warnings = load_target(path, lesson if path != lesson else None)
        except FormatError as err:
            dialogs.problems(self, _("Could not open {file}").format(file=path.name), err.problems)
            return False
        if not self.maybe_save():
            return False
        self._discard_recovery()
        self.install(workspace)
        self.settings.add_recent(path)
        self.settings.last_folder = str(path.parent if path.is_file() else path)
        if warnings:
            dialogs.problems(
                self,
                _("Opened {file} with warnings").format(file=path.name),
                warnings,
                warning=True,
            )
        return True

    def _fill_lessons_menu(self) -> None:
        """Every lesson that ships with the app, easiest first."""
        from literacy_app.formats.lesson_package import load_lesson
        from literacy_app.resources import bundled_lessons

        self.lessons_menu.clear()
        order = {"beginner": 0, "intermediate": 1, "advanced": 2}
        found = []
        for folder in bundled_lessons():
            try:
                lesson = load_lesson(folder, with_key=False)
            except FormatError:
                continue
            found.append((order.get(lesson.difficulty, 3), lesson.title, lesson, folder))
        for _rank, title, lesson, folder in sorted(found, key=lambda entry: entry[:2]):
            label = _("{title} ({difficulty}, {minutes} min)").format(
                title=title,
                difficulty=_(LEVELS[lesson.difficulty])
                if lesson.difficulty in LEVELS
                else lesson.difficulty,
                minutes=lesson.minutes,
            )
            action = self.lessons_menu.addAction(label)
            action.triggered.connect(lambda _=False, f=folder: self.open_path(f))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.recent_files:
            if not Path(name).exists():  # moved or deleted since: say so rather than fail
                self.recent_menu.addAction(
                    _("{file} (no longer there)").format(file=name)
                ).setEnabled(False)
                continue
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))
        if not self.settings.recent_files:
            self.recent_menu.addAction(_("No recent files")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(_("Clear list")).triggered.connect(
                self.settings.clear_recent
            )

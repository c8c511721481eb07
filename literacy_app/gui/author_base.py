"""What the parts of the instructor-mode window (gui/author_*.py) may rely on from each other.

`AuthorWindow` is composed of parts, each a class of its own in a module of its own: its key
items, its lesson text, its files (see gui/author_window.py), as the student window is (see
gui/window_base.py). At run time a part is a plain class; for the type checker it is a
`QMainWindow` with the window's attributes and the methods other parts provide, declared here
once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QLabel, QMainWindow, QTableView, QTabWidget

    from literacy_app.core.key_draft import KeyDraft
    from literacy_app.core.lesson import Lesson
    from literacy_app.core.lesson_draft import LessonDraft
    from literacy_app.gui.article_view import ArticleView
    from literacy_app.gui.autosave import Autosave
    from literacy_app.gui.key_item_editor import KeyItemEditor
    from literacy_app.gui.lesson_editor import LessonEditor
    from literacy_app.gui.marks_model import MarksTableModel
    from literacy_app.gui.marks_panel import MarksPanel
    from literacy_app.gui.palette import CategoryPalette
    from literacy_app.gui.problems_panel import ProblemsPanel
    from literacy_app.gui.suggestions_panel import SuggestionsPanel

    class AuthorBase(QMainWindow):
        lesson: Lesson
        draft: KeyDraft
        lesson_draft: LessonDraft
        autosave: Autosave
        undo_stack: QUndoStack
        article: ArticleView
        model: MarksTableModel
        marks_panel: MarksPanel
        palette_widget: CategoryPalette
        table: QTableView
        item_editor: KeyItemEditor
        lesson_editor: LessonEditor
        suggestions: SuggestionsPanel
        problems: ProblemsPanel
        tabs: QTabWidget
        source_label: QLabel
        _on_disk: dict[str, str | None]

        def push(self, target: KeyDraft | LessonDraft, edit: object) -> None: ...
        def _update_title(self) -> None: ...
        def select_item(self, item_id: str) -> None: ...

else:
    AuthorBase = object

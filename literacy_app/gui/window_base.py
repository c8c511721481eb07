"""What the parts of the student window (gui/window_*.py) may rely on from each other.

`MainWindow` is composed of parts, each a class of its own in a module of its own: its frame,
marking, checking, files and teacher tools (see gui/main_window.py). At run time a part is a
plain class; for the type checker it is a `QMainWindow` with the window's attributes and the
methods other parts provide, declared here once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import (
        QLabel,
        QLineEdit,
        QMainWindow,
        QMenu,
        QSplitter,
        QStackedWidget,
        QTableView,
        QToolBar,
        QWidget,
    )

    from literacy_app.core.edits import Edit
    from literacy_app.core.marks import Mark
    from literacy_app.core.workspace import Workspace
    from literacy_app.formats.recovery import RecoveryFile
    from literacy_app.gui.action_ids import ActionId
    from literacy_app.gui.article_view import ArticleView
    from literacy_app.gui.autosave import Autosave
    from literacy_app.gui.lesson_view import LessonView
    from literacy_app.gui.marks_model import MarksTableModel
    from literacy_app.gui.marks_panel import MarksPanel
    from literacy_app.gui.palette import CategoryPalette
    from literacy_app.gui.results_panel import ResultsPanel
    from literacy_app.gui.settings import Settings
    from literacy_app.gui.study import Study

    class WindowBase(QMainWindow):
        settings: Settings
        recovery_folder: Path
        workspace: Workspace
        is_complete: bool
        records_progress: bool
        tool_windows: list[QWidget]
        _on_disk: str | None
        _digit_actions: list[QAction]
        _menus: list[QMenu]
        recent_menu: QMenu
        lessons_menu: QMenu
        _toolbar_placeholder: QAction
        lesson_view: LessonView
        article: ArticleView
        article_header: QLabel
        find_bar: QLineEdit
        find_escape: QAction
        find_previous_action: QAction
        side: QStackedWidget
        splitter: QSplitter
        toolbar: QToolBar
        autosave: Autosave
        undo_stack: QUndoStack
        registry: dict[ActionId, QAction]
        marks_model: MarksTableModel
        marks_panel: MarksPanel
        marks_table: QTableView
        palette_widget: CategoryPalette
        results_panel: ResultsPanel | None
        _hints_pointed: list[str]
        _study_windows: dict[str, QWidget]

        @property
        def study(self) -> Study: ...
        def complete(self) -> None: ...
        def install(self, workspace: Workspace) -> None: ...
        def _update_title(self) -> None: ...
        def _update_mode(self) -> None: ...
        def _update_hint_action(self) -> None: ...
        def _settle_panes(self) -> None: ...
        def maybe_save(self) -> bool: ...
        def push(self, edit: Edit) -> None: ...
        def current_mark(self) -> Mark | None: ...
        def select_mark(self, mark_id: str, scroll: bool = True) -> None: ...
        def mark_selection(self, category: str) -> Mark | None: ...
        def _request_edit(self, mark: Mark, field: str, value: str) -> None: ...
        def check(self) -> None: ...
        def back_to_marking(self) -> None: ...
        def save(self) -> bool: ...
        def open_path(self, path: Path, lesson: Path | None = None) -> bool: ...
        def _discard_recovery(self) -> None: ...
        def _write_recovery(self, recovery: RecoveryFile) -> None: ...
        def _digest_of(self, path: Path | None) -> str | None: ...
        def _show_tool(self, window: QWidget) -> QWidget: ...
        def when_complete(self, job: Callable[[], object]) -> None: ...
        def _connect_actions(self) -> None: ...
        def _fill_recent_menu(self) -> None: ...
        def _fill_lessons_menu(self) -> None: ...

else:
    WindowBase = object

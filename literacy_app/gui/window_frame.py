"""The student window's frame: the menu bar and toolbar (empty in a deferred start's first
frame, at full height), the actions behind them and their keys, the category keys, the undo
stack and autosave. A part of `MainWindow` (see gui/main_window.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from literacy_app.gui.action_ids import MENUS, ActionId
from literacy_app.i18n import _, pgettext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from literacy_app.formats.recovery import RecoveryFile
from literacy_app.gui.window_base import WindowBase


class FrameMixin(WindowBase):
    def _build_bars(self) -> None:
        """The menu bar's titles and the toolbar, empty: in the first frame already, at their
        full height, so that nothing below them moves when their actions arrive."""
        from PySide6.QtWidgets import QToolBar

        self._menus = [self.menuBar().addMenu(_(title)) for title, _items in MENUS]
        self.toolbar = QToolBar(pgettext("toolbar", "Main"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._toolbar_placeholder = self.toolbar.addAction(" ")  # a button's height, no more
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _build_frame(self) -> None:
        """The actions behind the menus and the toolbar, the undo stack and autosave."""
        from PySide6.QtGui import QUndoStack

        from literacy_app.gui.actions import build_actions
        from literacy_app.gui.autosave import Autosave

        # Made before the undo stack, so that it is gone (and its connections with it) before
        # the stack, whose destruction still emits indexChanged.
        self.autosave = Autosave(
            self,
            lambda: self.undo_stack.isClean(),
            self._write_recovery,
            lambda: _new_recovery_file(self.recovery_folder, self.workspace.lesson.id),
            self.statusBar().showMessage,
            _("Save your work elsewhere."),
        )
        self.undo_stack = QUndoStack(self)
        self.registry = build_actions(self)
        self._build_menus()
        self._build_toolbar()
        self._connect_actions()
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.undo_stack.indexChanged.connect(self._update_title)
        self.undo_stack.indexChanged.connect(self.autosave.schedule)

    def _install_digit_shortcuts(self) -> None:
        """Every palette category's key (digits, then letters: `shortcut_keys`) in the article
        and the marks list, and the palette told what it acts on: the selected words, else
        the selected mark (`mark_selection`)."""
        for action in self._digit_actions:
            action.setParent(None)
        self._digit_actions = []
        from literacy_app.gui.palette import category_key_actions, shortcut_keys

        palette = self.workspace.lesson.palette
        self._digit_actions = category_key_actions(
            shortcut_keys(palette), palette, (self.article, self.marks_table), self.mark_selection
        )

        def quote_of_selected() -> str | None:
            mark = None if self.workspace.reviewing else self.current_mark()
            return mark.quote if mark is not None else None

        refresh = self.palette_widget.refresh_target
        self.palette_widget.set_selected_mark_source(quote_of_selected)
        self.marks_table.selectionModel().selectionChanged.connect(lambda *_: refresh())
        for signal in (self.marks_model.rowsRemoved, self.marks_model.modelReset):
            signal.connect(lambda *_: refresh())

    def _build_menus(self) -> None:
        for menu, (_title, items) in zip(self._menus, MENUS, strict=True):
            for item in items:
                if item is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.registry[item])
                if item is ActionId.OPEN:
                    self._add_file_submenus(menu)
        self._add_language_menu()

    def _add_language_menu(self) -> None:
        """View > Language, last: where the README sends a learner to change the language."""
        from literacy_app.gui.language import language_menu

        view = self._menus[[title for title, _items in MENUS].index("&View")]
        view.addSeparator()
        self.language_menu = language_menu(self, self.settings)
        view.addMenu(self.language_menu)

    def _add_file_submenus(self, menu: QMenu) -> None:
        """Open Recent and Bundled lessons, filled afresh each time they are shown."""
        self.recent_menu = menu.addMenu(_("Open &Recent"))
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.lessons_menu = menu.addMenu(_("Bundled &lessons"))
        self.lessons_menu.setObjectName("lessons_menu")
        self.lessons_menu.aboutToShow.connect(self._fill_lessons_menu)

    def _build_toolbar(self) -> None:
        from literacy_app.gui.actions import fixed_text_twin

        toolbar = self.toolbar
        toolbar.removeAction(self._toolbar_placeholder)
        for action_id in (
            ActionId.SAVE,
            ActionId.UNDO,
            ActionId.REDO,
            ActionId.QUICK_PICK,
            ActionId.SHOW_HINT,
            ActionId.CHECK,
            ActionId.BACK_TO_MARKING,
            ActionId.SUBMIT,
        ):
            action = self.registry[action_id]
            if action_id in (ActionId.UNDO, ActionId.REDO):  # the menu names the command
                action = fixed_text_twin(action, action.text().replace("&", ""))
            toolbar.addAction(action)


def _new_recovery_file(folder: Path, lesson_id: str) -> RecoveryFile:
    from literacy_app.formats.recovery import RecoveryFile  # at the first autosave

    return RecoveryFile.new(folder, lesson_id)

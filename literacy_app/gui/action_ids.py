"""The main window's actions by name, and the menu bar's layout: plain data without Qt, so the
window's code can name an action (`ActionId.CHECK`) before the actions exist. A deferred start
builds them after its first frame (see MainWindow); `actions` holds their texts, shortcuts and
the code that makes the QActions."""

from __future__ import annotations

from enum import Enum, auto

from literacy_app.i18n import N_

__all__ = ["MENUS", "ActionId"]


class ActionId(Enum):
    OPEN = auto()
    SAVE = auto()
    SAVE_AS = auto()
    SUBMIT = auto()
    EXPORT_MARKS = auto()
    IMPORT_MARKS = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    DELETE_MARK = auto()
    EDIT_NOTE = auto()
    QUICK_PICK = auto()
    NEXT_MARK = auto()
    PREVIOUS_MARK = auto()
    FIND = auto()
    SNAP_TO_WORDS = auto()
    ZOOM_IN = auto()
    ZOOM_OUT = auto()
    ZOOM_RESET = auto()
    FOCUS_ARTICLE = auto()
    FOCUS_MARKS = auto()
    SHOW_HINT = auto()
    CHECK = auto()
    BACK_TO_MARKING = auto()
    SHOW_ANSWERS = auto()
    LIBRARY = auto()
    PROGRESS = auto()
    DRILL = auto()
    STUDENT_NAME = auto()
    RECOVER = auto()
    REVIEW_CLASS = auto()
    EDIT_LESSON = auto()
    NEW_LESSON = auto()
    SHORTCUTS = auto()
    ABOUT = auto()


#: The menu bar, in order: each menu's title (marked for the catalogue, translated where it is
#: shown) and its actions, None for a separator. The File menu's Open Recent and Bundled
#: lessons submenus are filled when shown, so the window adds them itself.
MENUS: tuple[tuple[str, tuple[ActionId | None, ...]], ...] = (
    (
        N_("&File"),
        (
            ActionId.OPEN,
            None,
            ActionId.SAVE,
            ActionId.SAVE_AS,
            ActionId.SUBMIT,
            ActionId.IMPORT_MARKS,
            ActionId.EXPORT_MARKS,
            None,
            ActionId.RECOVER,
            ActionId.STUDENT_NAME,
            None,
            ActionId.QUIT,
        ),
    ),
    (
        N_("&Edit"),
        (
            ActionId.UNDO,
            ActionId.REDO,
            None,
            ActionId.QUICK_PICK,
            ActionId.EDIT_NOTE,
            ActionId.DELETE_MARK,
            None,
            ActionId.NEXT_MARK,
            ActionId.PREVIOUS_MARK,
            ActionId.FIND,
            None,
            ActionId.SNAP_TO_WORDS,
        ),
    ),
    (
        N_("&View"),
        (
            ActionId.ZOOM_IN,
            ActionId.ZOOM_OUT,
            ActionId.ZOOM_RESET,
            None,
            ActionId.FOCUS_ARTICLE,
            ActionId.FOCUS_MARKS,
        ),
    ),
    (
        N_("&Lesson"),
        (ActionId.SHOW_HINT, ActionId.CHECK, ActionId.BACK_TO_MARKING, ActionId.SHOW_ANSWERS),
    ),
    (N_("&Study"), (ActionId.LIBRARY, ActionId.PROGRESS, ActionId.DRILL)),
    (N_("&Teacher"), (ActionId.REVIEW_CLASS, None, ActionId.EDIT_LESSON, ActionId.NEW_LESSON)),
    (N_("&Help"), (ActionId.SHORTCUTS, ActionId.ABOUT)),
)

"""Every main-window action in one table: id, text, shortcut, tip. Menus, toolbars, tests and
the shortcut help all read this table, so a shortcut is defined exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

StandardKey = QKeySequence.StandardKey


class ActionId(Enum):
    OPEN = auto()
    SAVE = auto()
    SAVE_AS = auto()
    SUBMIT = auto()
    EXPORT_W3C = auto()
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
    STUDENT_NAME = auto()
    RECOVER = auto()
    REVIEW_CLASS = auto()
    EDIT_LESSON = auto()
    NEW_LESSON = auto()
    SHORTCUTS = auto()
    ABOUT = auto()


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcuts: tuple[QKeySequence | StandardKey | str, ...] = ()
    tip: str = ""
    checkable: bool = False


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.OPEN: ActionSpec(
        "&Open…", (StandardKey.Open,), "Open a lesson folder or a submission"
    ),
    ActionId.SAVE: ActionSpec("&Save", (StandardKey.Save,), "Save your marks"),
    ActionId.SAVE_AS: ActionSpec(
        "Save &As…", (StandardKey.SaveAs,), "Save your marks to a new file"
    ),
    ActionId.SUBMIT: ActionSpec(
        "S&ubmit…", ("Ctrl+Return",), "Save your submission where your teacher asked"
    ),
    ActionId.EXPORT_W3C: ActionSpec(
        "&Export as W3C annotations…", (), "Write your marks as W3C Web Annotation JSON"
    ),
    ActionId.QUIT: ActionSpec("&Quit", (StandardKey.Quit, "Ctrl+Q"), "Quit the app"),
    ActionId.UNDO: ActionSpec("&Undo", (StandardKey.Undo,)),
    ActionId.REDO: ActionSpec("&Redo", (StandardKey.Redo, "Ctrl+Shift+Z")),
    ActionId.DELETE_MARK: ActionSpec(
        "&Delete mark", (StandardKey.Delete,), "Delete the selected mark"
    ),
    ActionId.EDIT_NOTE: ActionSpec("Edit &note…", ("F2",), "Write a note on the selected mark"),
    ActionId.QUICK_PICK: ActionSpec(
        "&Mark as…", ("Ctrl+K",), "Choose any category by typing its name"
    ),
    ActionId.NEXT_MARK: ActionSpec("Ne&xt mark", ("F8",), "Go to the next mark"),
    ActionId.PREVIOUS_MARK: ActionSpec("Pre&vious mark", ("Shift+F8",), "Go to the previous mark"),
    ActionId.FIND: ActionSpec("&Find in article…", (StandardKey.Find,)),
    ActionId.SNAP_TO_WORDS: ActionSpec("Snap selections to &whole words", (), checkable=True),
    ActionId.ZOOM_IN: ActionSpec("Zoom &in", (StandardKey.ZoomIn, "Ctrl+=")),
    ActionId.ZOOM_OUT: ActionSpec("Zoom &out", (StandardKey.ZoomOut,)),
    ActionId.ZOOM_RESET: ActionSpec("Actual si&ze", ("Ctrl+0",)),
    ActionId.FOCUS_ARTICLE: ActionSpec(
        "Go to &article", ("Alt+1",), "Move the keyboard to the article"
    ),
    ActionId.FOCUS_MARKS: ActionSpec(
        "Go to &marks list", ("Alt+2",), "Move the keyboard to the marks"
    ),
    ActionId.SHOW_HINT: ActionSpec("Show a &hint", ("Ctrl+H",), "Reveal the next hint"),
    ActionId.CHECK: ActionSpec(
        "&Check my work", ("Ctrl+Return",), "Compare your marks with the answer key"
    ),
    ActionId.BACK_TO_MARKING: ActionSpec(
        "&Back to marking", ("Ctrl+B",), "Leave the review and improve your marks"
    ),
    ActionId.STUDENT_NAME: ActionSpec("Your &name…", (), "The name saved with your work"),
    ActionId.RECOVER: ActionSpec(
        "Re&cover unsaved work…",
        (),
        "Work the app kept after a crash or kept for later: restore it or discard it",
    ),
    ActionId.REVIEW_CLASS: ActionSpec(
        "Review a &class's work…",
        (),
        "Grade a folder of submissions for this lesson: scores, missed items, disagreements",
    ),
    ActionId.EDIT_LESSON: ActionSpec(
        "&Edit this lesson (instructor mode)…", (), "Change the key, rationales and lesson text"
    ),
    ActionId.NEW_LESSON: ActionSpec(
        "&New lesson from an article…", (), "Import an article and write a key for it"
    ),
    ActionId.SHORTCUTS: ActionSpec("&Keyboard shortcuts", (StandardKey.HelpContents,)),
    ActionId.ABOUT: ActionSpec("&About Media Literacy Lab", ()),
}


#: The menu bar, in order: each menu's actions, None for a separator. The File menu's Open
#: Recent and Bundled lessons submenus are filled when shown, so the window adds them itself.
MENUS: tuple[tuple[str, tuple[ActionId | None, ...]], ...] = (
    (
        "&File",
        (
            ActionId.OPEN,
            None,
            ActionId.SAVE,
            ActionId.SAVE_AS,
            ActionId.SUBMIT,
            ActionId.EXPORT_W3C,
            None,
            ActionId.RECOVER,
            ActionId.STUDENT_NAME,
            None,
            ActionId.QUIT,
        ),
    ),
    (
        "&Edit",
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
        "&View",
        (
            ActionId.ZOOM_IN,
            ActionId.ZOOM_OUT,
            ActionId.ZOOM_RESET,
            None,
            ActionId.FOCUS_ARTICLE,
            ActionId.FOCUS_MARKS,
        ),
    ),
    ("&Lesson", (ActionId.SHOW_HINT, ActionId.CHECK, ActionId.BACK_TO_MARKING)),
    ("&Teacher", (ActionId.REVIEW_CLASS, None, ActionId.EDIT_LESSON, ActionId.NEW_LESSON)),
    ("&Help", (ActionId.SHORTCUTS, ActionId.ABOUT)),
)


def _sequences(spec: ActionSpec) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for shortcut in spec.shortcuts:
        if isinstance(shortcut, StandardKey):
            sequences.extend(QKeySequence.keyBindings(shortcut))
        else:
            sequences.append(QKeySequence(shortcut))
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique


def build_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions = {}
    for action_id, spec in SPECS.items():
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{action_id.name.lower()}")
        action.setShortcuts(_sequences(spec))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(
                f"{spec.tip} ({action.shortcut().toString()})"
                if not action.shortcut().isEmpty()
                else spec.tip
            )
        action.setCheckable(spec.checkable)
        parent.addAction(action)
        actions[action_id] = action
    return actions


def shortcut_rows() -> list[tuple[str, str]]:
    """(action, keys) for the shortcut help, in table order."""
    rows = []
    for spec in SPECS.values():
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in _sequences(spec)
        )
        if keys:
            rows.append((spec.text.replace("&", "").rstrip("…"), keys))
    return rows

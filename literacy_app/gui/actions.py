"""Every main-window action in one table: id, text, shortcut, tip. Menus, toolbars, tests and
the shortcut help all read this table, so a shortcut is defined exactly once. The ids and the
menu layout are plain data in `action_ids` (no Qt), so the window can name actions before it
builds them. Texts and tips are marked for the catalogue (`N_`) and translated when the actions
are built: the language may be chosen after this module is imported."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from literacy_app.gui.action_ids import MENUS, ActionId
from literacy_app.i18n import N_, _

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcuts: tuple[QKeySequence | StandardKey | str, ...] = ()
    tip: str = ""
    checkable: bool = False


SPECS: dict[ActionId, ActionSpec] = {
    ActionId.OPEN: ActionSpec(
        N_("&Open…"), (StandardKey.Open,), N_("Open a lesson folder or a submission")
    ),
    ActionId.SAVE: ActionSpec(N_("&Save"), (StandardKey.Save,), N_("Save your marks")),
    ActionId.SAVE_AS: ActionSpec(
        N_("Save &As…"), (StandardKey.SaveAs,), N_("Save your marks to a new file")
    ),
    ActionId.SUBMIT: ActionSpec(
        N_("S&ubmit…"), ("Ctrl+Return",), N_("Save your submission where your teacher asked")
    ),
    ActionId.EXPORT_MARKS: ActionSpec(
        N_("&Export marks…"),
        (),
        N_(
            "Write your marks for another annotation tool: W3C Web Annotation, brat, Label Studio "
            "or the SemEval-2020 Task 11 (PTC) layout"
        ),
    ),
    ActionId.IMPORT_MARKS: ActionSpec(
        N_("&Import marks…"),
        (),
        N_("Bring in marks made on this article with another tool (W3C, brat, Label Studio, PTC)"),
    ),
    ActionId.QUIT: ActionSpec(N_("&Quit"), (StandardKey.Quit, "Ctrl+Q"), N_("Quit the app")),
    ActionId.UNDO: ActionSpec(N_("&Undo"), (StandardKey.Undo,)),
    ActionId.REDO: ActionSpec(N_("&Redo"), (StandardKey.Redo, "Ctrl+Shift+Z")),
    ActionId.DELETE_MARK: ActionSpec(
        N_("&Delete mark"), (StandardKey.Delete,), N_("Delete the selected mark")
    ),
    ActionId.EDIT_NOTE: ActionSpec(
        N_("Edit &note…"), ("F2",), N_("Write a note on the selected mark")
    ),
    ActionId.QUICK_PICK: ActionSpec(
        N_("&Mark as…"),
        ("Ctrl+K",),
        N_(
            "Choose one of this lesson's categories by typing its name: for the selected words, "
            "or for the selected mark"
        ),
    ),
    ActionId.NEXT_MARK: ActionSpec(N_("Ne&xt mark"), ("F8",), N_("Go to the next mark")),
    ActionId.PREVIOUS_MARK: ActionSpec(
        N_("Pre&vious mark"), ("Shift+F8",), N_("Go to the previous mark")
    ),
    ActionId.FIND: ActionSpec(N_("&Find in article…"), (StandardKey.Find,)),
    ActionId.SNAP_TO_WORDS: ActionSpec(N_("Snap selections to &whole words"), (), checkable=True),
    ActionId.ZOOM_IN: ActionSpec(N_("Zoom &in"), (StandardKey.ZoomIn, "Ctrl+=")),
    ActionId.ZOOM_OUT: ActionSpec(N_("Zoom &out"), (StandardKey.ZoomOut,)),
    ActionId.ZOOM_RESET: ActionSpec(N_("Actual si&ze"), ("Ctrl+0",)),
    ActionId.FOCUS_ARTICLE: ActionSpec(
        N_("Go to &article"), ("Alt+1",), N_("Move the keyboard to the article")
    ),
    ActionId.FOCUS_MARKS: ActionSpec(
        N_("Go to &marks list"), ("Alt+2",), N_("Move the keyboard to the marks")
    ),
    ActionId.SHOW_HINT: ActionSpec(N_("Show a &hint"), ("Ctrl+H",), N_("Reveal the next hint")),
    ActionId.CHECK: ActionSpec(
        N_("&Check my work"), ("Ctrl+Return",), N_("Compare your marks with the answer key")
    ),
    ActionId.BACK_TO_MARKING: ActionSpec(
        N_("&Back to marking"), ("Ctrl+B",), N_("Leave the review and improve your marks")
    ),
    ActionId.SHOW_ANSWERS: ActionSpec(
        N_("Show &answers…"),
        (),
        N_("Reveal the passages you missed, with the teacher's explanations, and the debrief"),
    ),
    ActionId.LIBRARY: ActionSpec(
        N_("Lesson &library…"),
        ("Ctrl+L",),
        N_("Pick another lesson, or carry on with one you started"),
    ),
    ActionId.PROGRESS: ActionSpec(
        N_("My &progress…"),
        ("Ctrl+Shift+P",),
        N_("Your attempts on every lesson, and the techniques you find or miss most"),
    ),
    ActionId.DRILL: ActionSpec(
        N_("Practise &techniques…"),
        ("Ctrl+Shift+D",),
        N_("Quick questions on passages from every lesson: name the technique"),
    ),
    ActionId.STUDENT_NAME: ActionSpec(N_("Your &name…"), (), N_("The name saved with your work")),
    ActionId.RECOVER: ActionSpec(
        N_("Re&cover unsaved work…"),
        (),
        N_("Work the app kept after a crash or kept for later: restore it or discard it"),
    ),
    ActionId.REVIEW_CLASS: ActionSpec(
        N_("Review a &class's work…"),
        (),
        N_("Grade a folder of submissions for this lesson: scores, missed items, disagreements"),
    ),
    ActionId.EDIT_LESSON: ActionSpec(
        N_("&Edit this lesson (instructor mode)…"),
        (),
        N_("Change the key, rationales and lesson text"),
    ),
    ActionId.NEW_LESSON: ActionSpec(
        N_("&New lesson from an article…"), (), N_("Import an article and write a key for it")
    ),
    ActionId.SHORTCUTS: ActionSpec(N_("&Keyboard shortcuts"), (StandardKey.HelpContents,)),
    ActionId.ABOUT: ActionSpec(N_("&About Media Literacy Lab"), ()),
}


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
        action = QAction(_(spec.text), parent)
        action.setObjectName(f"action_{action_id.name.lower()}")
        action.setShortcuts(_sequences(spec))
        if spec.tip:
            tip = _(spec.tip)
            action.setStatusTip(tip)
            # The key as the learner's keyboard and language name it ("Supr", not "Del").
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.setCheckable(spec.checkable)
        parent.addAction(action)
        actions[action_id] = action
    return actions


def fixed_text_twin(action: QAction, text: str) -> QAction:
    """A toolbar stand-in for `action` whose label never changes.

    Undo and Redo carry the command's text in the Edit menu ("Undo Add mark “…”"); on the
    toolbar that text would resize the button on every edit and push the buttons after it
    (Check my work) around. The twin keeps `text`, triggers `action`, follows its enabled
    state, and says in its tooltip what will be undone. It has no shortcut of its own, so the
    keys stay with `action` alone. It is a child of `action`, so it lives exactly as long:
    `action` changes while the window is torn down (the undo stack going disables Undo), and
    a twin that went first with its toolbar would be updated after it was gone."""
    twin = QAction(text, action)
    twin.setObjectName(f"toolbar_{action.objectName().removeprefix('action_')}")
    twin.triggered.connect(action.trigger)

    def follow() -> None:
        from literacy_app.gui.rich_text import plain_tip

        twin.setEnabled(action.isEnabled())
        twin.setVisible(action.isVisible())
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        what = action.iconText()  # the text without its & mnemonics
        twin.setToolTip(plain_tip(f"{what} ({keys})" if keys else what))
        twin.setStatusTip(what)

    action.changed.connect(follow)
    follow()
    return twin


#: The shortcut help groups actions by what a student is doing: each menu's task, in menu order.
#: Keyed by the menus' untranslated titles (`MENUS`); the tasks are translated where shown.
SHORTCUT_GROUPS = {
    "&File": N_("Opening and saving"),
    "&Edit": N_("Marking"),
    "&View": N_("Reading"),
    "&Lesson": N_("Hints and checking"),
    "&Teacher": N_("Teacher tools"),
    "&Help": N_("Help"),
}


def _readable(sequence: QKeySequence) -> bool:
    """A key every keyboard has. Platforms bind standard keys to media keys too (Open, Save,
    Undo, Help) and to F13 and up on some Unix keyboards, which Qt names "Save" or "F14": a
    student cannot press those, so the help leaves them out (the action still accepts them)."""
    from PySide6.QtCore import Qt

    keys = [sequence[i].key() for i in range(sequence.count())]  # type: ignore[index]
    return bool(keys) and all(key.value < Qt.Key.Key_F13.value for key in keys)


def _help_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The keys the help names for an action: a standard key's main binding on this platform,
    plus the extra keys the table adds by name (Ctrl+Shift+Z for Redo)."""
    sequences: list[QKeySequence] = []
    for shortcut in spec.shortcuts:
        if isinstance(shortcut, StandardKey):
            candidates = [s for s in QKeySequence.keyBindings(shortcut) if _readable(s)][:1]
        else:
            candidates = [QKeySequence(shortcut)]
        sequences.extend(s for s in candidates if _readable(s) and s not in sequences)
    return sequences


def shortcut_groups(
    actions: Mapping[ActionId, QAction] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The shortcut help: (task, [(action, keys)]) in menu order, each action listed once with
    readable, platform-native key names ("Ctrl+Z", "⌘Z" on macOS).

    With the window's `actions`, only the keys those actions answer to now are listed, so a
    key given to one of two actions at a time (Ctrl+Return: Check with a key, Submit without)
    appears once, under the action it runs.

    The marking group also lists the category keys (`CATEGORY_KEYS_HELP`), just before Ctrl+K:
    they are how a student marks most of the time, yet they belong to no menu."""
    native = QKeySequence.SequenceFormat.NativeText
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for menu, items in MENUS:
        rows: list[tuple[str, str]] = []
        for action_id in items:
            if action_id is None:
                continue
            if action_id is ActionId.QUICK_PICK:
                rows.append((_(CATEGORY_KEYS_HELP[0]), _(CATEGORY_KEYS_HELP[1])))
            spec = SPECS[action_id]
            sequences = _help_sequences(spec)
            if actions is not None:
                live = actions[action_id].shortcuts()
                sequences = [s for s in sequences if s in live]
            if sequences:
                name = _(spec.text).replace("&", "").rstrip("…")
                rows.append((name, ", ".join(s.toString(native) for s in sequences)))
        if rows:
            task = SHORTCUT_GROUPS.get(menu, menu)
            groups.append((_(task).replace("&", ""), rows))
    return groups


#: The category keys: each lesson's palette gives its own (gui/palette.py `shortcut_keys`), so
#: they are QActions of the window, not rows of SPECS. This is their (what, keys) row for the
#: shortcut help, under marking. Short, as every row is: a row is never wrapped, so a long one
#: would widen the whole two-column box; the help's intro says the rest (`shortcuts_html`).
CATEGORY_KEYS_HELP = (
    N_("Mark as a category, or change it"),
    N_("1–9, 0, letters: see the palette"),
)

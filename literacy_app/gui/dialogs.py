"""Every modal question and message the app shows, in one place.

Tests replace these functions (monkeypatch) to answer as a user would; nothing else in the GUI
opens a modal box of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Literal, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from literacy_app import __version__
from literacy_app.core.errors import Problem
from literacy_app.gui.actions import SPECS, ActionId, shortcut_groups
from literacy_app.gui.rich_text import escaped
from literacy_app.i18n import N_, _, ngettext

MAX_LISTED = 12


def problems(
    parent: QWidget | None, title: str, found: Sequence[Problem], warning: bool = False
) -> None:
    """Problems with a file: the same `FILE:LINE:COL: message` lines as `literacy-app check`."""
    lines = [str(p) for p in found]
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote files: never render them
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    shown = "\n".join(lines[:MAX_LISTED])
    more = (
        "\n" + _("… and {count} more (see Details)").format(count=len(lines) - MAX_LISTED)
        if len(lines) > MAX_LISTED
        else ""
    )
    intro = "" if warning else _("Nothing was changed: your current work is still open.") + "\n\n"
    box.setText(f"{title}.")
    box.setInformativeText(intro + shown + more)
    box.setDetailedText("\n".join(lines))
    box.exec()


def error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # paths and system messages, shown as written
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(message)
    box.exec()


def ask_save(parent: QWidget | None) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel before closing. A window says what it holds unsaved with an
    `unsaved_noun` attribute (instructor mode: key items, not a student's marks), in English
    and marked for the catalogue: it is translated here."""
    default = N_("marks")
    noun = _(str(getattr(parent, "unsaved_noun", default)))
    return QMessageBox.question(
        parent,
        _("Unsaved {things}").format(things=noun),
        _("You have {things} that are not saved. Save them first?").format(things=noun),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )


RecoveryChoice = Literal["restore", "later", "discard"]
ChangedChoice = Literal["overwrite", "save_as", "cancel"]
Answer = TypeVar("Answer", bound=str)

ROLES = {
    "accept": QMessageBox.ButtonRole.AcceptRole,
    "reject": QMessageBox.ButtonRole.RejectRole,
    "destructive": QMessageBox.ButtonRole.DestructiveRole,
}


def _choose(
    parent: QWidget | None,
    title: str,
    text: str,
    more: str,
    buttons: Sequence[tuple[str, str, Answer]],
    escape: Answer,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> Answer:
    """A plain-text question with buttons (label, role, answer), the first one the default.
    Esc, or closing the box, gives `escape`: it must be the answer that loses nothing."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setInformativeText(more)
    made = [(box.addButton(label, ROLES[role]), answer) for label, role, answer in buttons]
    box.setDefaultButton(made[0][0])
    box.setEscapeButton(next(button for button, answer in made if answer == escape))
    box.exec()
    return next((answer for button, answer in made if button == box.clickedButton()), escape)


def ask_changed_on_disk(
    parent: QWidget | None, path: Path, can_save_as: bool = True
) -> ChangedChoice:
    """The file was saved by something else since it was opened: keep both (Save As, the
    default, where the work can go elsewhere), replace it, or stop (Esc)."""
    buttons: list[tuple[str, str, ChangedChoice]] = [
        (_("&Overwrite"), "destructive", "overwrite"),
        (_("Cancel"), "reject", "cancel"),
    ]
    if can_save_as:
        buttons.insert(0, (_("Save &As…"), "accept", "save_as"))
    else:
        buttons.reverse()  # Cancel first: the default when nothing can keep both
    return _choose(
        parent,
        _("The file changed on disk"),
        _(
            "{file}\n\nwas saved by another window or program after you opened it. Saving now "
            "would replace what it holds with your work."
        ).format(file=path),
        _("\"Save As\" keeps both; \"Overwrite\" replaces the file; \"Cancel\" saves nothing.")
        if can_save_as
        else _("\"Overwrite\" replaces the file; \"Cancel\" saves nothing."),
        buttons,
        escape="cancel",
        icon=QMessageBox.Icon.Warning,
    )


#: Month abbreviations in the current language (not the system locale's, which is not always
#: the app's language).
MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def moment_in_words(moment: datetime) -> str:
    """"26 Nov 2026 at 09:15": how the restore question says when the work last changed."""
    return _("{day} {month} {year} at {time}").format(
        day=moment.day, month=_(MONTHS[moment.month - 1]), year=moment.year, time=f"{moment:%H:%M}"
    )


def ask_restore(parent: QWidget | None, description: str) -> RecoveryChoice:
    """Restore, keep for later (Esc: the choice that loses nothing), or discard for good."""
    return _choose(
        parent,
        _("Restore unsaved work?"),
        _(
            "The app did not close normally last time. Unsaved work was kept:\n\n{description}"
        ).format(description=description),
        _(
            "Restore it now? \"Keep for later\" offers it again at the next start and in "
            "File > Recover unsaved work; \"Discard\" deletes it for good."
        ),
        [
            (_("&Restore"), "accept", "restore"),
            (_("&Keep for later"), "reject", "later"),
            (_("&Discard"), "destructive", "discard"),
        ],
        escape="later",
    )


def show_text(parent: QWidget | None, title: str, text: str) -> None:
    """A plain-text note, such as an article's terms of reuse (text only: never markup)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()


#: A cell never wrapped: a message box narrows its text to 500 pixels by wrapping it, which
#: would break "Previous mark" or "Ctrl++, Ctrl+=" over lines; unbreakable cells make it as
#: wide as the two columns need instead (Qt honours white-space on cells, not on spans).
CELL = "<td style='white-space:pre'>"


def shortcuts_html(actions: Mapping[ActionId, QAction] | None = None) -> str:
    """The F1 help: how to mark, then every shortcut once, grouped by task, the groups in two
    columns so that the box fits a 768-pixel-high screen."""
    groups = shortcut_groups(actions)
    lines = sum(len(entries) + 1 for _task, entries in groups)
    columns: list[list[str]] = [[], []]
    filled = 0
    for task, entries in groups:
        column = columns[0] if filled < lines / 2 else columns[1]
        filled += len(entries) + 1
        column.append(f"<tr><td colspan='2'><b>{escaped(task)}</b></td></tr>")
        column.extend(
            f"<tr>{CELL}{escaped(name)}</td>{CELL}<b>{escaped(keys)}</b></td></tr>"
            for name, keys in entries
        )
        column.append("<tr><td colspan='2'></td></tr>")  # a gap before the next group
    tables = "<td width='28'></td>".join(  # a gutter between the two columns
        f"<td valign='top'><table cellspacing='0' cellpadding='3'>{''.join(rows)}</table></td>"
        for rows in columns
        if rows
    )
    # The category keys are the lesson's, so the intro says where to read them; Ctrl+K is
    # named as this platform names it (⌘K on macOS).
    pick = QKeySequence(SPECS[ActionId.QUICK_PICK].shortcuts[0])
    pick_keys = escaped(pick.toString(QKeySequence.SequenceFormat.NativeText))
    intro = _(
        "Select text with Shift + arrow keys (Ctrl + Shift + arrows by word), then press a "
        "category's key (a digit or a letter, shown beside it in the palette) to mark the "
        "selected words. With a mark selected and no words selected, a category's key or "
        "{keys} changes that mark's category."
    ).format(keys=pick_keys)
    return (
        f"<p>{intro}</p>"
        f"<table cellspacing='0' cellpadding='0' style='margin-top:6px'><tr>{tables}</tr></table>"
    )


def show_shortcuts(parent: QWidget | None) -> None:
    """The window's keys as they are now (its `registry` of actions, when it has one)."""
    actions: Mapping[ActionId, QAction] | None = getattr(parent, "registry", None)
    QMessageBox.information(parent, _("Keyboard shortcuts"), shortcuts_html(actions))


#: As in LICENSE (tests/gui/test_about.py compares them): the about box must not disagree
#: with the licence it summarises.
LICENCE = "MIT"
COPYRIGHT = "© 2026 Media Literacy Lab contributors"


def article_credit() -> str:
    """Where the first lesson's article comes from, and on what terms it is reproduced, as its
    lesson.md says (so the credit follows the lesson when it changes); empty if it says none."""
    from literacy_app.formats.lesson_package import read_metadata
    from literacy_app.resources import default_lesson

    metadata = read_metadata(default_lesson())
    source = metadata.get("attribution")
    if not isinstance(source, dict):
        return ""
    title = metadata.get("article_title")
    parts = [f"“{title}”"] if title else []
    if source.get("author"):
        parts.append(_("by {author}").format(author=source["author"]))
    parts += [str(source[k]) for k in ("outlet", "date") if source.get(k)]
    terms = f" {source['licence']}" if source.get("licence") else ""
    credit = _("The article of the lesson “{lesson}” is {source}.").format(
        lesson=escaped(str(metadata.get("title", ""))), source=escaped(", ".join(parts))
    )
    return f"<p>{credit}{escaped(terms)}</p>"


def about_html() -> str:
    from literacy_app.gui.settings import data_dir

    purpose = _(
        "Learn to read the news critically: mark framing devices and unsupported claims, then "
        "compare your marks with an instructor's key."
    )
    licence = _("{licence} licence.").format(licence=LICENCE)
    privacy = _(
        "Your work stays on this computer: the app sends nothing anywhere. Your progress, "
        "unsaved work and error log are kept in {folder}."
    ).format(folder=escaped(str(data_dir())))
    return (
        f"<h3>Media Literacy Lab {__version__}</h3><p>{purpose}</p>"
        f"<p>{licence} {COPYRIGHT}.</p>{article_credit()}<p>{privacy}</p>"
    )


def show_about(parent: QWidget | None) -> None:
    """The box shows the app's icon: QMessageBox.about takes the window's, which is the app's
    (gui/app.py)."""
    QMessageBox.about(parent, _("About Media Literacy Lab"), about_html())


ShowAnswersChoice = Literal["show", "cancel"]


def ask_show_answers(parent: QWidget | None, missed: int, attempts: int) -> ShowAnswersChoice:
    """Lesson > Show answers: the key is revealed for good, and the submission says so. Going
    back to look again (Esc) is the default: it is what the hidden answers are for."""
    return _choose(
        parent,
        _("Show the answers?"),
        ngettext(
            "This shows the {count} passage you have not found yet, with the teacher's "
            "explanations, and opens the debrief.",
            "This shows the {count} passages you have not found yet, with the teacher's "
            "explanations, and opens the debrief.",
            missed,
        ).format(count=missed),
        ngettext(
            "Your work will record that you saw the answers after {count} attempt; checks "
            "after that are made knowing the key. You can also go back and look again first.",
            "Your work will record that you saw the answers after {count} attempts; checks "
            "after that are made knowing the key. You can also go back and look again first.",
            attempts,
        ).format(count=attempts),
        [(_("Look &again first"), "reject", "cancel"), (_("&Show answers"), "accept", "show")],
        "cancel",
    )

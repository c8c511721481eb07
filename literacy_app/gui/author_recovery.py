"""Instructor mode's protection against a crash: the draft lesson, autosaved by the window
(`gui.autosave`), offered back the next time the same lesson is opened in instructor mode.

An instructor's key can hold an afternoon of rationales; it deserves the same care as a
student's marks. The draft is kept as the files Save would write (`lesson_files`), in the same
per-session, locked recovery files as the student's work (`formats.recovery`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from literacy_app.core.lesson import Lesson
from literacy_app.formats.recovery import AuthorDraft, pending_author_drafts
from literacy_app.gui import dialogs
from literacy_app.gui.recovery_offer import offer_back
from literacy_app.gui.settings import recovery_dir
from literacy_app.i18n import ngettext


def describe(draft: AuthorDraft, title: str) -> str:
    when = dialogs.moment_in_words(datetime.fromtimestamp(draft.modified).astimezone())
    return ngettext(
        "Instructor mode: {count} key item on “{title}”, last changed {when}.",
        "Instructor mode: {count} key items on “{title}”, last changed {when}.",
        draft.items,
    ).format(count=draft.items, title=title, when=when)


def offer_author_recovery(lesson: Lesson, parent: QWidget | None) -> tuple[Lesson, Path | None]:
    """The lesson to edit: an unsaved draft of it when the instructor restores one (with the
    file it came from, see `offer_back`), otherwise the lesson as saved."""
    from literacy_app.authoring.drafts import lesson_from_draft

    restored = offer_back(
        parent,
        pending_author_drafts(recovery_dir(), lesson.folder),
        lambda draft: describe(draft, lesson.title),
        lambda draft: lesson_from_draft(lesson.folder, draft.files),
    )
    return restored if restored is not None else (lesson, None)

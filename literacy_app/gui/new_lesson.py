"""File › New lesson: an article imported (a file, or pasted text), its text corrected by the
author, and a new lesson folder made from it, to open in instructor mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from literacy_app.core.errors import FormatError
from literacy_app.gui import dialogs
from literacy_app.i18n import _


def new_lesson_dialog(parent: QWidget | None) -> Path | None:
    """Import an article (.txt, .md, .html) into a new lesson folder; None if cancelled."""
    from literacy_app.authoring.importing import import_article, import_text
    from literacy_app.authoring.writing import new_lesson

    pasted_text = _("Pasted text")
    how, ok = QInputDialog.getItem(
        parent,
        _("New lesson"),
        _("Start from:"),
        [_("An article file (.txt, .md, .html)"), pasted_text],
        0,
        False,
    )
    if not ok:
        return None
    if how == pasted_text:
        pasted, ok = QInputDialog.getMultiLineText(
            parent, _("Paste the article"), _("The article's headline, then its text:")
        )
        if not ok or not pasted.strip():
            return None
        article = import_text(pasted)
    else:
        source, _filter = QFileDialog.getOpenFileName(
            parent, _("Import an article"), "", _("Articles (*.txt *.md *.html *.htm)")
        )
        if not source:
            return None
        try:
            article = import_article(Path(source))
        except FormatError as err:
            dialogs.problems(parent, _("Could not import the article"), err.problems)
            return None
    from literacy_app.gui.article_text_dialog import ArticleTextDialog

    notes = tuple(getattr(article, "notes", ()))  # what the importer asks the author to check
    text = ArticleTextDialog.ask(article.text, notes, parent)
    if text is None or not text.strip():
        return None
    title, ok = QInputDialog.getText(
        parent, _("Lesson title"), _("Title of the lesson:"), text=article.title
    )
    if not ok:
        return None
    folder = QFileDialog.getExistingDirectory(parent, _("Where to create the lesson folder"))
    if not folder:
        return None
    lesson_id = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")[:40]
    try:
        return new_lesson(
            Path(folder) / lesson_id,
            article.with_text(text),
            lesson_id or "lesson",
            title or article.title or _("New lesson"),
        )
    except (FormatError, FileExistsError, OSError) as err:
        dialogs.error(parent, _("Could not create the lesson"), str(err))
        return None

"""A folder of Propaganda Techniques Corpus articles made into lessons with keys.

Each article becomes a lesson `article<ID>` (so `export --to ptc` writes it back under its own
name) whose key holds the corpus spans. The corpus gives no reasons, so every rationale is left
empty and `check` lists each one: the lesson is a draft until an instructor explains the items.
The article is taken as the corpus has it, not tidied, because tidying would move the offsets.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import default_taxonomy
from literacy_app.formats.ptc import PtcArticle, key_from_ptc, read_folder
from literacy_app.i18n import _

from .imported_article import TITLE_LIMIT, ImportedArticle
from .writing import new_lesson, save_lesson


def _title(article: PtcArticle) -> str:
    title = " ".join(article.title.split())
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1].rstrip() + "…"
    return title or _("Article {id}").format(id=article.article_id)


def _check_categories(articles: list[PtcArticle], si_category: str | None) -> None:
    """New lessons use the default taxonomy: a category a custom taxonomy gave a technique
    must be one of its, or the key would not load."""
    known = default_taxonomy()
    problems = [
        Problem(
            str(a.labels_file),
            _(
                "category {category} (for {technique}) is not in the default taxonomy that new "
                "lessons use"
            ).format(category=repr(span.category), technique=repr(span.technique)),
            span.line,
        )
        for a in articles
        for span in a.spans
        if span.category and span.category not in known
    ]
    if si_category is not None and si_category not in known:
        problems.append(
            Problem(
                "--category", _("unknown category {category}").format(category=repr(si_category))
            )
        )
    if problems:
        raise FormatError(problems)


def ptc_lessons(
    folder: Path,
    out_folder: Path,
    taxonomy: Taxonomy | None = None,
    *,
    labels_folder: Path | None = None,
    si_category: str | None = None,
    on_warning: Callable[[Problem], None] | None = None,
) -> list[Path]:
    """Make one lesson per article of `folder` in `out_folder`; returns the lesson folders.

    Every file is read and checked before anything is written, and a lesson folder that is
    already there is a problem, not overwritten: a FormatError lists all of them. SI labels
    (no technique) need `si_category`. Warnings (CRLF articles, duplicate lines) go to
    `on_warning`."""
    taxonomy = taxonomy or default_taxonomy()
    loaded = read_folder(folder, taxonomy, labels_folder)
    articles = loaded.value
    _check_categories(articles, si_category)
    taken = [
        Problem(str(out_folder / f"article{a.article_id}"), _("a lesson folder is already there"))
        for a in articles
        if (out_folder / f"article{a.article_id}").exists()
    ]
    if taken:
        raise FormatError(taken)
    missing_category = [a for a in articles if a.flavour == "si" and a.spans and not si_category]
    if missing_category:
        raise FormatError(
            Problem(
                str(a.labels_file),
                _("task SI labels (no technique): pass the category their spans are"),
            )
            for a in missing_category
        )
    made: list[Path] = []
    try:
        for article in articles:
            lesson_id = f"article{article.article_id}"
            destination = out_folder / lesson_id
            new_lesson(destination, ImportedArticle(article.text, _title(article)), lesson_id, "")
            made.append(destination)
            lesson = load_lesson(destination)
            key = key_from_ptc(article, lesson.article.text, lesson_id, si_category)
            save_lesson(lesson, key)
            load_lesson(destination)  # the key reads back against the article it was made on
    except BaseException:
        for destination in made:
            with contextlib.suppress(OSError):
                shutil.rmtree(destination)
        raise
    if on_warning is not None:
        for problem in loaded.warnings:
            on_warning(problem)
    return made

"""Writing lessons: a new lesson from an article, saving edits, and reading both back.

The helpers at the top are shared with the other authoring tests (they import them from here).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from literacy_app.authoring.checking import check
from literacy_app.authoring.importing import ImportedArticle, import_text
from literacy_app.authoring.writing import (
    PLACEHOLDER_DEBRIEF,
    PLACEHOLDER_HINT,
    PLACEHOLDER_INSTRUCTIONS,
    lesson_metadata,
    new_lesson,
    read_metadata,
    save_lesson,
    write_lesson_md,
)
from literacy_app.core.errors import FormatError
from literacy_app.core.key import AnswerKey, KeyItem
from literacy_app.core.lesson import Hint, LessonText
from literacy_app.core.marks import Mark, context_of
from literacy_app.core.text import sha256
from literacy_app.formats.lesson_package import load_lesson, split_front_matter

ARTICLE_TEXT = (
    "Council Backs Riverside Bus Lanes\n"
    "\n"
    "Experts say the reckless plan will ruin the town centre. "
    "Critics claim 90% of residents oppose it.\n"
    "\n"
    "The so-called “consultation” lasted eighteen months."
)
GOOD_RATIONALE = (
    "“Reckless” judges the plan instead of describing it. "
    "A neutral report would say what the plan does and let readers judge."
)


def imported(text: str = ARTICLE_TEXT) -> ImportedArticle:
    article = import_text(text)
    return replace(
        article,
        author="Priya Natarajan",
        date="2026-03-17",
        site="The Wrenfield Gazette",
        url="https://gazette.example.org/bus-lanes",
    )


def make_new_lesson(folder: Path, categories: list[str] | None = None) -> Path:
    return new_lesson(
        folder, imported(), "bus-lanes", "Reading: the bus lanes", categories=categories
    )


def item(
    text: str,
    item_id: str,
    quote: str,
    category: str,
    rationale: str = GOOD_RATIONALE,
    required: bool = True,
) -> KeyItem:
    """A key item on the first `quote` in `text`, its context captured as the app does."""
    start = text.index(quote)
    return span_item(text, item_id, start, start + len(quote), category, rationale, required)


def span_item(
    text: str,
    item_id: str,
    start: int,
    end: int,
    category: str,
    rationale: str = GOOD_RATIONALE,
    required: bool = True,
) -> KeyItem:
    mark = Mark(item_id, start, end, category, **context_of(text, start, end))
    return KeyItem(mark, rationale, required=required)


def edited_text() -> LessonText:
    return LessonText(
        instructions="Find the **framing devices**.\n\n1. Read once.\n2. Mark what persuades.",
        hints=(
            Hint("Start with the words", "Which adjective judges instead of describing?"),
            Hint("Who says so?", "Look for sources nobody can check:\n*experts*, *critics*."),
        ),
        debrief="The article leans on *vague attribution*.",
        other=(("Further reading", "A guide to bus lanes."),),
    )


# --- new lesson -------------------------------------------------------------------------------


def test_new_lesson_writes_a_package_that_loads_and_checks(tmp_path: Path) -> None:
    folder = make_new_lesson(tmp_path / "bus", categories=["loaded_language", "Vague_Attribution"])
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "key.json", "lesson.md"]

    lesson = load_lesson(folder)
    assert lesson.id == "bus-lanes"
    assert lesson.title == "Reading: the bus lanes"
    assert lesson.article.title == "Council Backs Riverside Bus Lanes"
    assert lesson.article.text == ARTICLE_TEXT + "\n"
    attribution = lesson.article.attribution
    assert (attribution.author, attribution.outlet, attribution.date, attribution.url) == (
        "Priya Natarajan",
        "The Wrenfield Gazette",
        "2026-03-17",
        "https://gazette.example.org/bus-lanes",
    )
    assert (lesson.difficulty, lesson.minutes, lesson.language) == ("intermediate", 20, "en")
    assert lesson.palette.ids == ("loaded_language", "vague_attribution")
    assert lesson.text.instructions == PLACEHOLDER_INSTRUCTIONS
    assert [h.body for h in lesson.text.hints] == [PLACEHOLDER_HINT]
    assert lesson.text.debrief == PLACEHOLDER_DEBRIEF
    assert lesson.key == AnswerKey(
        items=(), lesson="bus-lanes", article_sha256=sha256(ARTICLE_TEXT + "\n")
    )
    assert [p for p in check(folder) if p.severity == "error"] == []
    # An empty key is valid; `check` warns about what a new lesson leaves to be written.
    assert [p.message.split(":")[0] for p in check(folder)] == [
        "the instructions still hold the placeholder text of a new lesson",
        "hint 1 ('Start with the words') still holds the placeholder text",
        "the debrief still holds the placeholder text",
        "the key has no items yet",
    ]

    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    assert (key["format"], key["version"], key["lesson"], key["items"]) == (
        "literacy-key",
        1,
        "bus-lanes",
        [],
    )
    assert key["article_sha256"] == sha256((folder / "article.txt").read_text(encoding="utf-8"))
    assert (folder / "article.txt").read_bytes().endswith(b"months.\n")


def test_new_lesson_refuses_an_existing_lesson_and_bad_settings(tmp_path: Path) -> None:
    folder = make_new_lesson(tmp_path / "bus")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(FileExistsError):
        make_new_lesson(folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

    (tmp_path / "empty").mkdir()
    assert load_lesson(make_new_lesson(tmp_path / "empty")).id == "bus-lanes"

    with pytest.raises(FormatError, match="lesson id 'no spaces'"):
        new_lesson(tmp_path / "a", imported(), "no spaces", "T")
    with pytest.raises(FormatError, match="unknown categories: not_a_category"):
        new_lesson(tmp_path / "b", imported(), "b", "T", categories=["not_a_category"])
    with pytest.raises(FormatError, match="difficulty"):
        new_lesson(tmp_path / "c", imported(), "c", "T", difficulty="expert")
    with pytest.raises(FormatError, match="the article is empty"):
        new_lesson(tmp_path / "d", ImportedArticle("  \n"), "d", "T")
    assert not any((tmp_path / name).exists() for name in "abcd")


def test_titles_that_yaml_would_misread_survive(tmp_path: Path) -> None:
    awkward = [
        'Reading: "quotes", #hashes and a: colon',
        "yes",
        "2026-03-17",
        "- a dash",
        "'single' start",
        "Ünïcödé — and an emoji 🚌",
        "null",
        "@at % percent & amp * star ! bang | pipe > gt",
    ]
    for number, title in enumerate(awkward):
        article = replace(imported(), title=title, author=title, date=title)
        folder = new_lesson(tmp_path / f"l{number}", article, f"l{number}", title)
        lesson = load_lesson(folder)
        assert lesson.title == title
        assert lesson.article.title == title
        assert lesson.article.attribution.author == title
        assert lesson.article.attribution.date == title


# --- lesson.md --------------------------------------------------------------------------------


def test_write_lesson_md_layout() -> None:
    meta = {
        "format": "literacy-lesson",
        "version": 1,
        "id": "demo",
        "title": "Demo: a lesson",
        "article": "article.txt",
        "attribution": {"author": "A. Writer", "date": "2026-11-01"},
        "minutes": 5,
        "categories": ["loaded_language", "doubt"],
        "first_launch": True,
    }
    source = write_lesson_md(meta, edited_text())
    assert source.startswith("---\nformat: literacy-lesson\nversion: 1\nid: demo\n")
    assert 'title: "Demo: a lesson"\n' in source
    assert '  date: "2026-11-01"\n' in source
    assert "categories: [loaded_language, doubt]\n" in source
    assert "first_launch: true\n---\n\n## Instructions\n\nFind the **framing devices**." in source
    assert "## Hints\n\n### Start with the words\n\nWhich adjective" in source
    assert source.index("## Hints") < source.index("## Debrief") < source.index("## Further")
    assert source.endswith("## Further reading\n\nA guide to bus lanes.\n")
    yaml_source, _, _ = split_front_matter(source, "lesson.md")
    assert yaml.safe_load(yaml_source) == meta


def test_write_lesson_md_refuses_what_would_not_read_back() -> None:
    meta = {"format": "literacy-lesson", "version": 1, "id": "x", "title": "T", "article": "a"}
    with pytest.raises(FormatError, match="unknown field 'colour'"):
        write_lesson_md({**meta, "colour": "red"}, edited_text())
    with pytest.raises(FormatError, match="reads as a heading"):
        write_lesson_md(meta, LessonText(instructions="Read.\n\n## Surprise\n\nMore."))


# --- saving -----------------------------------------------------------------------------------


def test_save_lesson_round_trip_with_a_key_and_edited_sections(tmp_path: Path) -> None:
    folder = make_new_lesson(tmp_path / "bus")
    article_bytes = (folder / "article.txt").read_bytes()
    lesson = load_lesson(folder)
    text = lesson.article.text
    key = AnswerKey(
        items=(
            item(text, "k1", "reckless", "loaded_language"),
            item(text, "k2", "Experts say", "vague_attribution", "Who are they? Unnamed."),
        ),
        lesson=lesson.id,
        author="Ms Rivera",
        revision=2,
        article_sha256=lesson.article.sha256,
    )
    edited = replace(
        lesson,
        title="Bus lanes: who says so?",
        difficulty="beginner",
        minutes=15,
        text=edited_text(),
        palette=lesson.taxonomy.restricted(["vague_attribution", "loaded_language"]),
        key=key,
    )
    save_lesson(edited, key)

    assert (folder / "article.txt").read_bytes() == article_bytes  # frozen
    again = load_lesson(folder)
    assert again == edited
    assert again.key == key
    assert again.text == edited_text()
    assert again.article.title == "Council Backs Riverside Bus Lanes"  # not the new lesson title
    assert lesson_metadata(again) == read_metadata(folder)
    assert check(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "key.json", "lesson.md"]

    save_lesson(again, again.key)  # saving an unchanged lesson changes nothing on disk
    assert load_lesson(folder) == again


def test_save_lesson_keeps_file_names_and_optional_fields(make_lesson: Any) -> None:
    folder = make_lesson()  # the shared fixture: no categories, a date YAML reads as a date
    (folder / "key.json").rename(folder / "answers.json")
    lesson_md = (folder / "lesson.md").read_text(encoding="utf-8")
    (folder / "lesson.md").write_text(
        lesson_md.replace("article: article.txt\n", "article: article.txt\nkey: answers.json\n"),
        encoding="utf-8",
    )
    lesson = load_lesson(folder)
    before = read_metadata(folder)
    save_lesson(lesson, None)  # no key given: the key file is left alone
    assert read_metadata(folder) == before
    assert "categories" not in read_metadata(folder)
    assert not (folder / "key.json").exists()
    assert load_lesson(folder) == lesson

    save_lesson(lesson, lesson.key)
    assert not (folder / "key.json").exists()
    assert load_lesson(folder).key == lesson.key


def test_save_lesson_fills_in_a_new_keys_lesson_and_checksum(tmp_path: Path) -> None:
    folder = make_new_lesson(tmp_path / "bus")
    lesson = load_lesson(folder)
    key = AnswerKey(items=(item(lesson.article.text, "k1", "reckless", "loaded_language"),))
    save_lesson(lesson, key)
    data = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    assert data["lesson"] == "bus-lanes"
    assert data["article_sha256"] == lesson.article.sha256
    loaded = load_lesson(folder).key
    assert loaded is not None
    assert loaded.items == key.items


def test_hint_bodies_keep_their_blank_lines(tmp_path: Path) -> None:
    folder = make_new_lesson(tmp_path / "bus")
    lesson = load_lesson(folder)
    hint = Hint("Who says so?", "Look for sources nobody can check.\n\n- experts\n- critics")
    save_lesson(replace(lesson, text=replace(lesson.text, hints=(hint,))), None)
    assert load_lesson(folder).text.hints == (hint,)

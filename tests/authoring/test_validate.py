"""The validation panel's authoring checks: each kind of problem, placed in its file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from literacy_app.authoring.validate import authoring_problems, sentence_count
from literacy_app.authoring.writing import save_lesson
from literacy_app.core.errors import Problem
from literacy_app.core.key import AnswerKey, KeyItem
from literacy_app.core.lesson import Hint, Lesson, LessonText
from literacy_app.formats.lesson_package import load_lesson
from tests.authoring.test_writing import item, make_new_lesson, span_item

PALETTE = [
    "loaded_language",
    "vague_attribution",
    "exaggeration",
    "appeal_to_fear",
    "unsourced_figure",
]
GOOD_TEXT = LessonText(
    instructions="Find the framing devices and the claims nobody supports.",
    hints=(Hint("Words", "Which adjective judges the plan?"),),
    debrief="The article judges before it reports.",
)


def _lesson(tmp_path: Path, text: LessonText, items: list[KeyItem] | None) -> Lesson:
    """A saved and reloaded lesson, so that problems can point into its files."""
    folder = make_new_lesson(tmp_path / "bus", categories=PALETTE)
    lesson = load_lesson(folder)
    key = None
    if items is not None:
        key = AnswerKey(tuple(items), lesson.id, article_sha256=lesson.article.sha256)
    save_lesson(replace(lesson, text=text), key)
    return load_lesson(folder)


def _good_items(text: str) -> list[KeyItem]:
    return [
        item(text, "k1", "reckless", "loaded_language"),
        item(text, "k2", "Experts say", "vague_attribution"),
    ]


def _article(tmp_path: Path) -> str:
    return load_lesson(make_new_lesson(tmp_path / "probe")).article.text


def _messages(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems]


def test_a_finished_lesson_has_no_problems(tmp_path: Path) -> None:
    text = _article(tmp_path)
    assert authoring_problems(_lesson(tmp_path, GOOD_TEXT, _good_items(text))) == []


def test_a_new_lesson_lists_what_is_left_to_write(tmp_path: Path) -> None:
    lesson = load_lesson(make_new_lesson(tmp_path / "new"))
    problems = authoring_problems(lesson)
    lesson_md = str(lesson.folder / "lesson.md")
    key_json = str(lesson.folder / "key.json")
    by_message = {p.message.split(":")[0]: p for p in problems}
    instructions = by_message["the instructions still hold the placeholder text of a new lesson"]
    assert (instructions.file, instructions.severity) == (lesson_md, "error")
    assert instructions.line == _line_of(lesson.folder / "lesson.md", "## Instructions")
    hint = by_message["hint 1 ('Start with the words') still holds the placeholder text"]
    assert (hint.file, hint.severity) == (lesson_md, "warning")
    assert hint.line == _line_of(lesson.folder / "lesson.md", "## Hints")
    debrief = by_message["the debrief still holds the placeholder text"]
    assert debrief.line == _line_of(lesson.folder / "lesson.md", "## Debrief")
    empty_key = by_message["the key has no items yet"]
    assert (empty_key.file, empty_key.json_path, empty_key.severity) == (
        key_json,
        "$.items",
        "error",
    )
    assert len(problems) == 4


def test_missing_hints_debrief_and_empty_hint(tmp_path: Path) -> None:
    text = _article(tmp_path)
    no_hints = _lesson(tmp_path, replace(GOOD_TEXT, hints=(), debrief=""), _good_items(text))
    assert _messages(authoring_problems(no_hints)) == [
        "no hints: add a '## Hints' section with '### ' hints",
        "no debrief: add a '## Debrief' section for after the check",
    ]
    assert {p.severity for p in authoring_problems(no_hints)} == {"warning"}


def test_empty_hint_body(tmp_path: Path) -> None:
    text = _article(tmp_path)
    hints = (Hint("Words", "Look at adjectives."), Hint("Sources", ""))
    lesson = _lesson(tmp_path, replace(GOOD_TEXT, hints=hints), _good_items(text))
    assert _messages(authoring_problems(lesson)) == ["hint 2 ('Sources') is empty"]


def test_key_item_problems_point_at_the_item(tmp_path: Path) -> None:
    text = _article(tmp_path)
    figure = text.index("90% of residents")
    items = [
        item(text, "k1", "reckless", "loaded_language"),
        item(text, "k2", "Experts say", "vague_attribution", rationale="  "),
        item(text, "k3", "ruin the town centre", "exaggeration", rationale="It exaggerates."),
        item(text, "k4", "ruin the town centre", "appeal_to_fear"),  # same span as k3
        span_item(text, "k5", figure, figure + 16, "unsourced_figure"),
        span_item(text, "k6", figure, figure + 15, "unsourced_figure"),  # Jaccard 15/16
        span_item(text, "k7", figure, figure + 10, "unsourced_figure"),  # Jaccard 10/16: fine
        span_item(text, "k8", figure + 1, figure + 16, "loaded_language"),  # other category
        item(text, "k9", "so-called “consultation”", "scare_quotes"),  # outside the palette
    ]
    lesson = _lesson(tmp_path, GOOD_TEXT, items)
    problems = authoring_problems(lesson)
    found = {(p.json_path, p.message.split(":")[0].split(" (")[0]) for p in problems}
    assert found == {
        ("$.items[1].rationale", "item 'k2' has no rationale"),
        ("$.items[2].rationale", "item 'k3'"),
        ("$.items[3]", "item 'k4' marks the same span as item 'k3'"),
        ("$.items[5]", "item 'k6' almost duplicates item 'k5'"),
        ("$.items[8].category", "item 'k9'"),
        # Offsets that cut a word ("90% of resident", "0% of…") are half-word items.
        ("$.items[5]", "item 'k6'"),
        ("$.items[6]", "item 'k7'"),
        ("$.items[7]", "item 'k8'"),
    }
    key_file = lesson.folder / "key.json"
    for problem in problems:
        assert problem.file == str(key_file)
        assert problem.severity == "warning"
        assert problem.line > 1  # placed on the item in key.json, not at the top
    single = next(p for p in problems if p.json_path == "$.items[2].rationale")
    assert "single sentence" in single.message
    outside = next(p for p in problems if p.json_path == "$.items[8].category")
    assert "'scare_quotes' is not in the lesson's palette" in outside.message


def test_a_key_with_no_required_items_is_an_error(tmp_path: Path) -> None:
    text = _article(tmp_path)
    items = [
        item(text, "k1", "reckless", "loaded_language", required=False),
        item(text, "k2", "Experts say", "vague_attribution", required=False),
    ]
    problems = authoring_problems(_lesson(tmp_path, GOOD_TEXT, items))
    assert [(p.message, p.json_path, p.severity) for p in problems] == [
        ("the key has no required items: every student would score 100%", "$.items", "error")
    ]


def test_a_handout_has_no_key_problems(tmp_path: Path) -> None:
    lesson = _lesson(tmp_path, GOOD_TEXT, [])
    assert authoring_problems(replace(lesson, key=None)) == []


def test_sentence_count() -> None:
    assert sentence_count("") == 0
    assert sentence_count("It exaggerates.") == 1
    assert sentence_count("It exaggerates") == 1
    assert sentence_count("“Reckless” judges. A neutral word: “quick”.") == 2
    assert sentence_count('He said "no!" Then he left. Why?') == 3
    assert sentence_count("A **bold** claim. *No* source is given.") == 2


def _line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(needle)) + 1

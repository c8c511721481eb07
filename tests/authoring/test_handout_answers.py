"""A handout carries no answers: no key, no Debrief, no Teacher notes, no hint that quotes the key.

Every bundled lesson is exported as a handout and unpacked, and every file but the article is
searched for every quote of every key item (its own words and those of its core, alternatives and
parts). The search is written here again, on purpose apart from the exporter's own, so that a
mistake in one is not repeated in the other.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from literacy_app.authoring.packaging import export_lesson, export_package, import_package
from literacy_app.cli import main
from literacy_app.core.errors import FormatError
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import bundled_lessons
from tests.conftest import LESSON_MD, key_dict

LESSONS = bundled_lessons()
IDS = [p.name for p in LESSONS]
ANSWER_HEADING = re.compile(
    r"^#{1,6}[ \t]+(debrief|teacher[s'’]{0,2} notes|notes for teachers)\b",
    re.IGNORECASE | re.MULTILINE,
)
_QUOTES = str.maketrans("‘’‚‛“”„«»", '\'\'\'\'"""""')


def _normal(text: str) -> str:
    """Case, quotation-mark style, Markdown emphasis and line breaks hide no quote."""
    return " ".join(re.sub(r"[*_`\\]", "", text.translate(_QUOTES)).casefold().split())


def _key_quotes(folder: Path) -> list[tuple[str, str]]:
    """(item id, words) for every quote of every key item, read from key.json itself."""
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    article = load_lesson(folder).article.text
    quotes: list[tuple[str, str]] = []
    for item in key["items"]:
        spans: list[dict[str, Any]] = [item]
        if item.get("core"):
            spans.append(item["core"])
        spans += item.get("alternatives", []) + item.get("parts", [])
        for span in spans:
            for words in (span.get("quote", ""), article[span["start"] : span["end"]]):
                if words.strip():
                    quotes.append((item["id"], words))
    return quotes


def _quoted(text: str, quotes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    haystack = _normal(text)
    return [
        (item_id, words)
        for item_id, words in quotes
        if re.search(rf"(?<!\w){re.escape(_normal(words))}(?!\w)", haystack)
    ]


def _unzipped(archive_path: Path) -> dict[str, str]:
    """name inside the lesson folder -> text, for every text file in the package."""
    files = {}
    with zipfile.ZipFile(archive_path) as archive:
        for name in archive.namelist():
            try:
                files[name.split("/", 1)[1]] = archive.read(name).decode("utf-8")
            except UnicodeDecodeError:
                continue  # a picture in assets/
    return files


def _without_headline(lesson_md: str) -> str:
    """lesson.md without its `article_title` and `url` lines: the article's own headline, and
    the address that news sites make from it, which students read with the article anyway
    (and which may well hold a key item)."""
    return "\n".join(
        line
        for line in lesson_md.split("\n")
        if not line.lstrip().startswith(("article_title:", "url:"))
    )


@pytest.mark.parametrize("folder", LESSONS, ids=IDS)
def test_the_handout_quotes_no_key_item_and_has_no_answer_sections(
    folder: Path, tmp_path: Path
) -> None:
    lesson = load_lesson(folder)
    quotes = _key_quotes(folder)
    assert quotes
    files = _unzipped(export_package(folder, tmp_path / "handout.zip", handout=True))
    assert "key.json" not in files
    assert "lesson.md" in files
    leaks = {}
    for name, text in files.items():
        if name == "article.txt":
            continue
        if name == "lesson.md":
            text = _without_headline(text)
        found = _quoted(text, quotes)
        if found:
            leaks[name] = found
    assert leaks == {}, f"{lesson.id}: the handout quotes the key"
    assert ANSWER_HEADING.findall(files["lesson.md"]) == []
    handout = load_lesson(import_package(tmp_path / "handout.zip", tmp_path / "class"))
    assert handout.key is None
    assert handout.article == lesson.article
    assert handout.text.debrief == handout.text.teacher_notes == ""
    assert handout.text.instructions == lesson.text.instructions


@pytest.mark.parametrize("folder", LESSONS, ids=IDS)
def test_the_full_package_keeps_everything(folder: Path, tmp_path: Path) -> None:
    files = _unzipped(export_package(folder, tmp_path / "full.zip", handout=False))
    assert "key.json" in files
    assert files["lesson.md"] == (folder / "lesson.md").read_text(encoding="utf-8")
    lesson = load_lesson(folder)
    headings = {h.casefold() for h in ANSWER_HEADING.findall(files["lesson.md"])}
    assert "debrief" in headings
    assert lesson.text.debrief.strip()
    if lesson.text.teacher_notes.strip():
        assert "teacher notes" in headings


# --- hostile lessons ---------------------------------------------------------------------------

TEACHER_NOTES = "## Teacher notes\n### Learning objectives\nStudents spot the unsourced 90%.\n"


def _lesson_md(instructions: str, hints: str) -> str:
    head, _ = LESSON_MD.split("## Instructions")
    return (
        f"{head}## Instructions\n{instructions}\n\n## Hints\n{hints}\n\n"
        f"## Debrief\nThe key found *reckless* and the unnamed experts.\n\n{TEACHER_NOTES}"
    )


HOSTILE_HINTS = (
    "### Words\nLook at the adjectives, and at anything done recklessly.\n\n"
    "### Sources\nWho are the Experts\n   SAY people?\n\n"
    '### Quotes\nWhat does *so-called* do before "reform"?\n\n'
    "### Numbers\nWhere does the percentage come from?"
)


def _with_core_key() -> dict[str, Any]:
    """The tiny key, its scare quote given the core the item turns on."""
    key = key_dict()
    item = next(i for i in key["items"] if i["quote"].startswith("so-called"))
    item["core"] = {"start": item["start"], "end": item["start"] + 9, "quote": "so-called"}
    return key


def test_a_hint_quoting_a_key_item_is_left_out_and_reported(
    make_lesson: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_lesson(lesson_md=_lesson_md("Mark what persuades.", HOSTILE_HINTS), key=False)
    (folder / "key.json").write_text(json.dumps(_with_core_key()), encoding="utf-8")
    lesson = load_lesson(folder)
    assert lesson.text.teacher_notes.startswith("### Learning objectives")
    assert [title for title, _ in lesson.text.other] == []

    exported = export_lesson(folder, tmp_path / "handout.zip", handout=True)
    left_out = [str(part) for part in exported.left_out]
    assert left_out[:2] == [
        "left out the Debrief: it explains the key, so it arrives with the key",
        "left out the Teacher notes: they are for the teacher only",
    ]
    assert [line.split(":")[0] for line in left_out[2:]] == [
        "left out hint 2 ('Sources')",  # across a line break, in capitals
        "left out hint 3 ('Quotes')",  # the item's core, in Markdown emphasis
    ]
    assert "'k3' ('Experts say', line" in left_out[2]
    assert "'k4' ('so-called', line" in left_out[3]

    files = _unzipped(exported.destination)
    assert _quoted(files["lesson.md"], _key_quotes(folder)) == []
    assert ANSWER_HEADING.findall(files["lesson.md"]) == []
    handout = load_lesson(import_package(exported.destination, tmp_path / "class"))
    assert [hint.title for hint in handout.text.hints] == ["Words", "Numbers"]  # "recklessly"
    assert handout.text.instructions == "Mark what persuades."

    full = _unzipped(export_package(folder, tmp_path / "full.zip", handout=False))
    assert full["lesson.md"] == (folder / "lesson.md").read_text(encoding="utf-8")
    assert "Who are the Experts" in full["lesson.md"]
    assert "## Teacher notes" in full["lesson.md"]

    assert main(["package", str(folder), "-o", str(tmp_path / "cli.zip"), "--handout"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{tmp_path / 'cli.zip'}: handout (no key)"
    assert [line.strip() for line in out[1:]] == left_out


def test_instructions_quoting_a_key_item_refuse_the_handout(
    make_lesson: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instructions = (
        "Mark what persuades.\n\nFor example, select *ruin the\ncity* and choose a category."
    )
    folder = make_lesson(lesson_md=_lesson_md(instructions, "### Words\nLook at the adjectives."))
    destination = tmp_path / "handout.zip"
    with pytest.raises(FormatError) as raised:
        export_package(folder, destination, handout=True)
    [problem] = raised.value.problems
    assert problem.file == str(folder / "lesson.md")
    assert "the Instructions quote key item 'k2' ('ruin the city')" in problem.message
    lines = (folder / "lesson.md").read_text(encoding="utf-8").split("\n")
    assert "select *ruin the" in lines[problem.line - 1]  # the line to reword
    assert not destination.exists()

    assert main(["package", str(folder), "-o", str(destination), "--handout"]) == 1
    assert f"lesson.md:{problem.line}:1: the Instructions quote key item 'k2'" in (
        capsys.readouterr().err
    )
    assert export_package(folder, tmp_path / "full.zip", handout=False).exists()


def test_a_handout_of_a_handout_still_leaves_the_teacher_parts_out(
    make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    """Without a key nothing can be checked for quotes, but the Debrief and notes still go."""
    folder = make_lesson(lesson_md=_lesson_md("Mark.", "### Words\nAdjectives?"), key=False)
    exported = export_lesson(folder, tmp_path / "again.zip", handout=True)
    assert [part.part for part in exported.left_out] == ["the Debrief", "the Teacher notes"]
    files = _unzipped(exported.destination)
    assert ANSWER_HEADING.findall(files["lesson.md"]) == []
    assert "Adjectives?" in files["lesson.md"]


def test_a_lesson_with_nothing_to_leave_out_is_shared_byte_for_byte(
    make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    lesson_md = LESSON_MD.split("## Debrief")[0]
    folder = make_lesson(lesson_md=lesson_md)
    exported = export_lesson(folder, tmp_path / "handout.zip", handout=True)
    assert exported.left_out == ()
    assert _unzipped(exported.destination)["lesson.md"] == lesson_md

"""load_lesson: a good package, and every malformed one reported with its file, line and cause."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.lesson import Hint
from literacy_app.core.taxonomy import Group
from literacy_app.core.text import sha256
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import default_taxonomy
from tests.conftest import ARTICLE, KEY_ITEMS, LESSON_MD, key_dict, span_of, write_json
from tests.formats.positions import line_col

MakeLesson = Callable[..., Path]


def _problems(folder: Path) -> list[Problem]:
    with pytest.raises(FormatError) as caught:
        load_lesson(folder)
    return caught.value.problems


def _only_problem(folder: Path) -> Problem:
    [problem] = _problems(folder)
    return problem


def _with_meta(extra: str) -> str:
    """LESSON_MD with `extra` lines added to the end of the metadata block."""
    return LESSON_MD.replace("minutes: 5\n", f"minutes: 5\n{extra}\n", 1)


# --- a good lesson --------------------------------------------------------------------------


def test_good_lesson_sections_are_split(make_lesson: MakeLesson) -> None:
    lesson = load_lesson(make_lesson())
    assert lesson.id == "tiny"
    assert lesson.title == "A tiny lesson"
    assert lesson.text.instructions == "Mark what persuades."
    assert lesson.text.hints == (
        Hint("Words", "Look at adjectives."),
        Hint("Sources", "Who says so?"),
    )
    assert lesson.text.debrief == "Well done."
    assert lesson.difficulty == "beginner"
    assert lesson.minutes == 5
    assert lesson.warnings == ()


def test_good_lesson_article_and_attribution(make_lesson: MakeLesson) -> None:
    lesson = load_lesson(make_lesson())
    assert lesson.article.text == ARTICLE
    assert lesson.article.title == "The plan"
    assert lesson.article.attribution.author == "A. Writer"
    assert lesson.article.attribution.outlet == "The Test Gazette"
    assert lesson.article.attribution.date == "2026-11-01"  # an unquoted date stays a string


def test_good_lesson_key_items_match_the_article(make_lesson: MakeLesson) -> None:
    lesson = load_lesson(make_lesson())
    assert lesson.key is not None
    assert [item.mark.quote for item in lesson.key.items] == [q for q, *_ in KEY_ITEMS]
    for item in lesson.key.items:
        assert ARTICLE[item.start : item.end] == item.mark.quote
    assert lesson.key.article_sha256 == sha256(ARTICLE)


def test_with_key_false_leaves_the_key_out(make_lesson: MakeLesson) -> None:
    assert load_lesson(make_lesson(), with_key=False).key is None


def test_lesson_md_path_is_accepted_as_well_as_the_folder(make_lesson: MakeLesson) -> None:
    folder = make_lesson()
    assert load_lesson(folder / "lesson.md").folder == folder


def test_without_categories_the_palette_is_the_whole_taxonomy(make_lesson: MakeLesson) -> None:
    lesson = load_lesson(make_lesson())
    assert lesson.palette.ids == default_taxonomy().ids


def test_categories_restrict_the_palette_in_the_lessons_order(make_lesson: MakeLesson) -> None:
    md = _with_meta("categories: [vague_attribution, Loaded_Language, exaggeration]")
    lesson = load_lesson(make_lesson(lesson_md=md))
    assert lesson.palette.ids == ("vague_attribution", "loaded_language", "exaggeration")
    assert len(lesson.taxonomy) == len(default_taxonomy())  # the lesson still knows them all


def test_key_categories_outside_the_palette_give_a_warning(make_lesson: MakeLesson) -> None:
    md = _with_meta("categories: [loaded_language, exaggeration]")
    lesson = load_lesson(make_lesson(lesson_md=md))
    [warning] = lesson.warnings
    assert warning.severity == "warning"
    assert warning.file.endswith("key.json")
    for outside in ("vague_attribution", "scare_quotes", "unsourced_figure"):
        assert outside in warning.message
    assert "loaded_language" not in warning.message


def test_taxonomy_json_extending_default_adds_a_category(make_lesson: MakeLesson) -> None:
    md = _with_meta("categories: [loaded_language, cherry_picking]")
    folder = make_lesson(lesson_md=md)
    write_json(
        folder / "taxonomy.json",
        {
            "format": "literacy-taxonomy",
            "version": 1,
            "extends": "default",
            "categories": [
                {
                    "id": "cherry_picking",
                    "group": "claim",
                    "name": "Cherry-picking",
                    "definition": "Only the evidence that suits the argument.",
                    "aliases": ["selective evidence"],
                }
            ],
        },
    )
    lesson = load_lesson(folder, with_key=False)
    assert len(lesson.taxonomy) == len(default_taxonomy()) + 1
    assert lesson.taxonomy.ids[-1] == "cherry_picking"
    assert lesson.taxonomy.group_of("cherry_picking") is Group.CLAIM
    assert lesson.taxonomy.resolve("Selective Evidence") == "cherry_picking"
    assert lesson.palette.ids == ("loaded_language", "cherry_picking")


def test_taxonomy_json_entry_with_an_existing_id_replaces_it(make_lesson: MakeLesson) -> None:
    folder = make_lesson()
    write_json(
        folder / "taxonomy.json",
        {
            "format": "literacy-taxonomy",
            "version": 1,
            "extends": "default",
            "categories": [
                {
                    "id": "doubt",
                    "group": "claim",
                    "name": "Sowing doubt",
                    "definition": "Questioning credibility without grounds.",
                }
            ],
        },
    )
    lesson = load_lesson(folder, with_key=False)
    assert lesson.taxonomy.ids == default_taxonomy().ids  # same place, no duplicate
    assert lesson.taxonomy["doubt"].name == "Sowing doubt"
    assert lesson.taxonomy.group_of("doubt") is Group.CLAIM


# --- lesson.md problems ---------------------------------------------------------------------


def test_missing_opening_dashes(make_lesson: MakeLesson) -> None:
    folder = make_lesson(lesson_md=LESSON_MD.removeprefix("---\n"))
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert problem.line == 1
    assert "'---'" in problem.message
    assert "expected" in problem.message


def test_unclosed_metadata_block(make_lesson: MakeLesson) -> None:
    md = LESSON_MD.replace("minutes: 5\n---\n", "minutes: 5\n", 1)
    folder = make_lesson(lesson_md=md)
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert "not closed" in problem.message
    assert "'---'" in problem.message
    last_line = md.count("\n")
    assert problem.line in (last_line, last_line + 1)  # at the end of the file


def test_yaml_syntax_error_gives_the_line_of_the_error(make_lesson: MakeLesson) -> None:
    md = LESSON_MD.replace("title: A tiny lesson", "title: A tiny: lesson", 1)
    folder = make_lesson(lesson_md=md)
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert problem.message.startswith("invalid metadata")
    assert "mapping values are not allowed" in problem.message
    assert problem.line == line_col(md, "title:")[0]
    assert problem.column == line_col(md, ": lesson")[1]


def test_unknown_metadata_key_is_an_error_listing_the_allowed_keys(
    make_lesson: MakeLesson,
) -> None:
    folder = make_lesson(lesson_md=_with_meta("colour: red"))
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert "colour" in problem.message
    assert "allowed:" in problem.message
    assert "minutes" in problem.message
    assert "categories" in problem.message


def test_unknown_metadata_key_is_reported_at_its_line(make_lesson: MakeLesson) -> None:
    md = _with_meta("colour: red")
    problem = _only_problem(make_lesson(lesson_md=md))
    assert problem.line == line_col(md, "colour:")[0]


def test_wrong_type_names_the_expected_type_at_the_value(make_lesson: MakeLesson) -> None:
    md = LESSON_MD.replace("minutes: 5", 'minutes: "ten"', 1)
    folder = make_lesson(lesson_md=md)
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert problem.message == "expected a whole number"
    assert problem.json_path == "$.minutes"
    assert (problem.line, problem.column) == line_col(md, '"ten"')


def test_unknown_category_in_the_palette(make_lesson: MakeLesson) -> None:
    md = _with_meta("categories: [loaded_language, bogus_device]")
    folder = make_lesson(lesson_md=md)
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert "unknown category 'bogus_device'" in problem.message
    assert problem.json_path == "$.categories[1]"
    assert (problem.line, problem.column) == line_col(md, "bogus_device")


def test_article_path_outside_the_folder_is_refused(make_lesson: MakeLesson) -> None:
    md = LESSON_MD.replace("article: article.txt", "article: ../x.txt", 1)
    folder = make_lesson(lesson_md=md)
    (folder.parent / "x.txt").write_text(ARTICLE, encoding="utf-8")  # it exists, still refused
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert "'../x.txt'" in problem.message
    assert "outside the lesson folder" in problem.message


def test_article_path_outside_the_folder_is_reported_at_its_line(
    make_lesson: MakeLesson,
) -> None:
    md = LESSON_MD.replace("article: article.txt", "article: ../x.txt", 1)
    problem = _only_problem(make_lesson(lesson_md=md))
    assert problem.line == line_col(md, "article: ../x.txt")[0]


def test_missing_article(make_lesson: MakeLesson) -> None:
    md = LESSON_MD.replace("article: article.txt", "article: gone.txt", 1)
    folder = make_lesson(lesson_md=md)
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert (problem.line, problem.json_path) == (6, "$.article")
    assert "'gone.txt' not found" in problem.message


def test_article_not_utf8(make_lesson: MakeLesson) -> None:
    folder = make_lesson(key=False)
    (folder / "article.txt").write_bytes("Line one\nThe café plan.\n".encode("latin-1"))
    problem = _only_problem(folder)
    assert problem.file == str(folder / "article.txt")
    assert "not UTF-8" in problem.message
    assert "0xe9" in problem.message
    assert (problem.line, problem.column) == (2, 8)  # the é


def test_missing_instructions_section(make_lesson: MakeLesson) -> None:
    md = LESSON_MD.replace("## Instructions\nMark what persuades.\n\n", "", 1)
    folder = make_lesson(lesson_md=md)
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert "Instructions" in problem.message
    closing_line = md.split("\n").index("---", 1) + 1
    assert problem.line == closing_line + 1  # the first line of the body


def test_not_a_lesson_folder(tmp_path: Path) -> None:
    problem = _only_problem(tmp_path)
    assert "lesson.md" in problem.message


# --- key problems ---------------------------------------------------------------------------


def _key_with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    key = key_dict()
    change(key)
    return key


def _key_text(folder: Path) -> str:
    return (folder / "key.json").read_text(encoding="utf-8")


def test_key_quote_not_matching_the_article_names_both(make_lesson: MakeLesson) -> None:
    folder = make_lesson(key=_key_with(lambda k: k["items"][0].update(quote="careful")))
    problem = _only_problem(folder)
    assert problem.file == str(folder / "key.json")
    assert "'reckless'" in problem.message
    assert "'careful'" in problem.message
    assert problem.json_path == "$.items[0].quote"
    assert (problem.line, problem.column) == line_col(_key_text(folder), '"careful"')


def test_key_item_ending_beyond_the_article(make_lesson: MakeLesson) -> None:
    beyond = len(ARTICLE) + 5
    folder = make_lesson(key=_key_with(lambda k: k["items"][6].update(end=beyond)))
    problem = _only_problem(folder)
    assert problem.file == str(folder / "key.json")
    assert problem.json_path == "$.items[6].end"
    assert f"(0-{len(ARTICLE)})" in problem.message
    assert str(beyond) in problem.message
    assert (problem.line, problem.column) == line_col(_key_text(folder), str(beyond))


def test_duplicate_item_ids(make_lesson: MakeLesson) -> None:
    folder = make_lesson(key=_key_with(lambda k: k["items"][1].update(id="k1")))
    problem = _only_problem(folder)
    assert problem.file == str(folder / "key.json")
    assert "duplicate id 'k1'" in problem.message
    assert problem.json_path == "$.items[1].id"
    assert (problem.line, problem.column) == line_col(_key_text(folder), '"k1"', occurrence=1)


def test_unknown_category_in_a_key_item(make_lesson: MakeLesson) -> None:
    folder = make_lesson(key=_key_with(lambda k: k["items"][2].update(category="nonsense")))
    problem = _only_problem(folder)
    assert problem.file == str(folder / "key.json")
    assert "unknown category 'nonsense'" in problem.message
    assert problem.json_path == "$.items[2].category"
    assert (problem.line, problem.column) == line_col(_key_text(folder), '"nonsense"')


def test_aliases_in_a_key_are_resolved_to_ids(make_lesson: MakeLesson) -> None:
    def change(key: dict[str, Any]) -> None:
        key["items"][0]["also_accept"] = ["Flag-Waving"]
        key["items"][1]["category"] = "Exaggeration,Minimisation"

    lesson = load_lesson(make_lesson(key=_key_with(change)))
    assert lesson.key is not None
    assert lesson.key.items[0].also_accept == ("flag_waving",)
    assert lesson.key.items[1].category == "exaggeration"
    assert lesson.key.items[1].also_accept == ("appeal_to_fear",)


def test_crlf_and_bom_article_has_the_same_identity_as_lf(make_lesson: MakeLesson) -> None:
    folder = make_lesson()  # the key records the sha256 of the LF text
    windows = "\ufeff" + ARTICLE.replace("\n", "\r\n")
    (folder / "article.txt").write_bytes(windows.encode("utf-8"))
    lesson = load_lesson(folder)
    assert lesson.article.text == ARTICLE
    assert lesson.article.sha256 == sha256(ARTICLE)
    assert lesson.warnings == ()  # no re-anchoring was needed
    assert lesson.key is not None
    assert [i.start for i in lesson.key.items] == [span_of(ARTICLE, q)[0] for q, *_ in KEY_ITEMS]


def test_key_for_a_changed_article_is_reanchored_with_warnings(make_lesson: MakeLesson) -> None:
    added = "This opening sentence is new. "
    changed = added + ARTICLE
    folder = make_lesson(text=changed, key=key_dict(ARTICLE))
    lesson = load_lesson(folder)
    assert lesson.key is not None
    assert lesson.key.article_sha256 == sha256(changed)
    for item, (quote, *_) in zip(lesson.key.items, KEY_ITEMS, strict=True):
        assert (item.start, item.end) == tuple(x + len(added) for x in span_of(ARTICLE, quote))
        assert changed[item.start : item.end] == quote
    messages = [w.message for w in lesson.warnings]
    assert all(w.severity == "warning" and w.file.endswith("key.json") for w in lesson.warnings)
    assert sum("re-anchored (moved)" in m for m in messages) == len(KEY_ITEMS)
    assert any("different version of the article" in m for m in messages)


def test_key_item_whose_quote_is_gone_makes_the_key_fail_as_an_orphan(
    make_lesson: MakeLesson,
) -> None:
    changed = ARTICLE.replace("Experts say", "A report by the city audit office found")
    folder = make_lesson(text=changed, key=key_dict(ARTICLE))
    problems = _problems(folder)
    orphans = [p for p in problems if "orphan" in p.message]
    assert len(orphans) == 1
    [orphan] = orphans
    assert orphan.file == str(folder / "key.json")
    assert "'k3'" in orphan.message
    assert "Experts say" in orphan.message
    assert orphan.json_path == "$.items[2]"


def test_every_problem_of_a_key_is_reported_at_once(make_lesson: MakeLesson) -> None:
    def change(key: dict[str, Any]) -> None:
        key["items"][0]["category"] = "nonsense"
        key["items"][3]["id"] = "k1"

    problems = _problems(make_lesson(key=_key_with(change)))
    assert {p.json_path for p in problems} == {"$.items[0].category", "$.items[3].id"}


def test_an_unknown_category_is_reported_at_every_item_that_uses_it(
    make_lesson: MakeLesson,
) -> None:
    def two_bad(key: dict[str, Any]) -> None:
        key["items"][1].update(category="nonsense")
        key["items"][3].update(category="nonsense")

    folder = make_lesson(key=_key_with(two_bad))
    with pytest.raises(FormatError) as raised:
        load_lesson(folder)
    paths = [p.json_path for p in raised.value.problems if "nonsense" in p.message]
    assert paths == ["$.items[1].category", "$.items[3].category"]


@pytest.mark.parametrize("language", ["es", "es-MX", "pt_BR", "zh-Hant-TW"])
def test_a_lesson_declares_its_language(make_lesson: MakeLesson, language: str) -> None:
    lesson_md = LESSON_MD.replace("difficulty:", f"language: {language}\ndifficulty:", 1)
    assert load_lesson(make_lesson(lesson_md=lesson_md)).language == language


@pytest.mark.parametrize(
    "language",
    ['"<script>alert(1)</script>"', '"en; rm -rf"', "ab" + "-abcdefgh" * 4, '"e"', "12"],
)
def test_a_language_that_is_no_language_tag_is_refused_at_its_place(
    make_lesson: MakeLesson, language: str
) -> None:
    lesson_md = LESSON_MD.replace("difficulty:", f"language: {language}\ndifficulty:", 1)
    folder = make_lesson(lesson_md=lesson_md)
    problem = _only_problem(folder)
    assert problem.file == str(folder / "lesson.md")
    assert problem.json_path == "$.language"

"""Issue #14's corpus of hostile and broken inputs, built from small generators.

Each case writes one good lesson, one good submission, and then breaks exactly one thing: a
file, a field, a link or a zip member. The bytes are made here rather than stored, because a
FIFO, a link to /dev/zero or a 65 MiB zip bomb cannot live in a repository, and because a case
that says what it breaks ("the key's weight is NaN") reads better than a fixture file does.

A case names the file the message must name, a substring of the message, and (through its
`kind`) the commands it goes through: see `commands_for`.
"""

from __future__ import annotations

import json
import os
import stat
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from literacy_app.formats import native, w3c
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.native import ArticleRef
from literacy_app.gui.loading import NOT_OPENABLE
from tests.conftest import ARTICLE, LESSON_MD, key_dict, submission_dict, write_json

#: Commands a case can go through: the CLI's and the window's Qt-free open.
CHECK, GRADE, EXPORT, REVIEW, UNPACK, OPEN = "check", "grade", "export", "review", "unpack", "open"


@dataclass(frozen=True)
class Built:
    """What a case made: the broken thing, and the good things around it."""

    kind: str  # "lesson" (a folder), "submission" (a file) or "zip"
    target: Path  # what is given to the commands
    lesson: Path  # the lesson to grade against (the broken one for kind "lesson")
    submissions: Path  # a folder of submissions for grade and review
    zippable: bool = True  # a lesson folder that can be shipped as a .zip (no special files)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Built]
    expect: str  # a substring of the message
    names: str  # the file the message must name
    place: bool = False  # the message gives a line other than 1 (or a JSON path)
    hangs: bool = False  # run in a subprocess under a timeout: a regression would hang
    needs: str = ""  # "fifo", "devices", "symlinks": skipped where the OS cannot make them
    only: tuple[str, ...] = ()  # the commands it goes through, when not all of its kind's
    told: tuple[tuple[str, str], ...] = ()  # (command, substring) where a command says otherwise

    def expected(self, command: str) -> str:
        return dict(self.told).get(command, self.expect)

    @property
    def kind(self) -> str:
        """What is broken: a submission, a shared .zip, or a lesson (any file in its folder)."""
        if self.names == "ada.json":
            return "submission"
        return "zip" if self.names.startswith("shared.zip") else "lesson"

    @property
    def commands(self) -> tuple[str, ...]:
        if self.only:
            return self.only
        if self.kind == "lesson":
            return (CHECK, GRADE, EXPORT, REVIEW, OPEN, UNPACK)
        if self.kind == "submission":
            return (CHECK, GRADE, EXPORT, REVIEW, OPEN)
        return (UNPACK, OPEN)


CASES: list[Case] = []


def case(
    expect: str,
    names: str,
    *,
    place: bool = False,
    hangs: bool = False,
    needs: str = "",
    only: tuple[str, ...] = (),
    told: dict[str, str] | None = None,
) -> Callable[[Callable[[Path], Built]], Callable[[Path], Built]]:
    def register(build: Callable[[Path], Built]) -> Callable[[Path], Built]:
        told_pairs = tuple((told or {}).items())
        CASES.append(
            Case(build.__name__, build, expect, names, place, hangs, needs, only, told_pairs)
        )
        return build

    return register


# --- the good things a case starts from ----------------------------------------------------------


def good_lesson(root: Path, lesson_md: str = LESSON_MD) -> Path:
    folder = root / "tiny"
    folder.mkdir(parents=True)
    (folder / "lesson.md").write_text(lesson_md, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    write_json(folder / "key.json", key_dict())
    return folder


def good_submission() -> dict[str, Any]:
    return submission_dict([("reckless", "loaded_language"), ("Experts say", "vague_attribution")])


def submissions_folder(root: Path, data: dict[str, Any] | None = None) -> Path:
    folder = root / "handed-in"
    folder.mkdir(exist_ok=True)
    write_json(folder / "ada.json", data or good_submission())
    return folder


def broken_lesson(root: Path, change: Callable[[Path], Any], zippable: bool = True) -> Built:
    folder = good_lesson(root)
    change(folder)
    return Built("lesson", folder, folder, submissions_folder(root), zippable)


def with_metadata(root: Path, old: str, new: str, zippable: bool = True) -> Built:
    assert old in LESSON_MD
    return broken_lesson(
        root,
        lambda f: (f / "lesson.md").write_text(LESSON_MD.replace(old, new, 1), encoding="utf-8"),
        zippable,
    )


def with_file(root: Path, name: str, data: bytes | str) -> Built:
    def change(folder: Path) -> None:
        target = folder / name
        target.unlink(missing_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return broken_lesson(root, change)


def with_key(root: Path, edit: Callable[[dict[str, Any]], Any]) -> Built:
    key = key_dict()
    edit(key)
    return with_file(root, "key.json", json.dumps(key, indent=2))


def key_item(root: Path, **fields: Any) -> Built:
    return with_key(root, lambda key: key["items"][0].update(fields))


def broken_submission(root: Path, data: bytes | str | dict[str, Any] | list[Any]) -> Built:
    lesson = good_lesson(root)
    folder = root / "handed-in"
    folder.mkdir()
    path = folder / "ada.json"
    if isinstance(data, (dict, list)):
        data = json.dumps(data, indent=2, ensure_ascii=False)
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return Built("submission", path, lesson, folder)


def edited_submission(root: Path, edit: Callable[[dict[str, Any]], Any]) -> Built:
    data = good_submission()
    edit(data)
    return broken_submission(root, data)


def mark(root: Path, **fields: Any) -> Built:
    return edited_submission(root, lambda data: data["marks"][0].update(fields))


def special_submission(root: Path, make: Callable[[Path], Any]) -> Built:
    built = broken_submission(root, "{}")
    built.target.unlink()
    make(built.target)
    return built


def w3c_submission() -> dict[str, Any]:
    doc = JsonDocument.parse(json.dumps(good_submission()), "s.json")
    parsed = native.parse_submission(doc, native.default_taxonomy(), ArticleRef.of(ARTICLE))
    return w3c.submission_to_w3c(parsed.value)


def w3c_key() -> dict[str, Any]:
    doc = JsonDocument.parse(json.dumps(key_dict()), "key.json")
    parsed = native.parse_key(doc, native.default_taxonomy(), ArticleRef.of(ARTICLE))
    return w3c.key_to_w3c(parsed.value)


def first_annotation(data: dict[str, Any]) -> dict[str, Any]:
    items = data.get("first", {}).get("items") if "first" in data else data.get("items")
    assert isinstance(items, list)
    first: dict[str, Any] = items[0]
    return first


def position_selector(annotation: dict[str, Any]) -> dict[str, Any]:
    for selector in annotation["target"]["selector"]:
        if selector["type"] == "TextPositionSelector":
            found: dict[str, Any] = selector
            return found
    raise AssertionError("no TextPositionSelector")


def w3c_key_lesson(root: Path, edit: Callable[[dict[str, Any]], Any]) -> Built:
    data = w3c_key()
    edit(data)
    return with_file(root, "key.json", json.dumps(data, indent=2))


def w3c_submission_case(root: Path, edit: Callable[[dict[str, Any]], Any]) -> Built:
    data = w3c_submission()
    edit(data)
    return broken_submission(root, data)


def zip_of(root: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Built:
    lesson = good_lesson(root / "good")
    path = root / "shared.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data)
    return Built("zip", path, lesson, submissions_folder(root))


def lesson_members(top: str = "tiny/") -> list[tuple[zipfile.ZipInfo | str, bytes]]:
    return [
        (f"{top}lesson.md", LESSON_MD.encode()),
        (f"{top}article.txt", ARTICLE.encode()),
        (f"{top}key.json", json.dumps(key_dict()).encode()),
    ]


def special_zip(root: Path, make: Callable[[Path], Any]) -> Built:
    built = zip_of(root, lesson_members())
    built.target.unlink()
    make(built.target)
    return built


def deep_json(levels: int) -> str:
    return "[" * levels + "]" * levels


# --- lesson folder -----------------------------------------------------------------------------


@case(
    "not a lesson folder: expected a lesson.md",
    "tiny",
    told={"unpack": "not a lesson package: expected lesson.md"},
)
def lesson_without_lesson_md(root: Path) -> Built:
    return broken_lesson(root, lambda f: (f / "lesson.md").unlink())


@case("expected a file, found a folder", "lesson.md")
def lesson_md_is_a_folder(root: Path) -> Built:
    def change(folder: Path) -> None:
        (folder / "lesson.md").unlink()
        (folder / "lesson.md").mkdir()

    return broken_lesson(root, change, zippable=False)


@case("named pipe (FIFO), not an ordinary file", "lesson.md", hangs=True, needs="fifo")
def lesson_md_is_a_fifo(root: Path) -> Built:
    def change(folder: Path) -> None:
        (folder / "lesson.md").unlink()
        os.mkfifo(folder / "lesson.md")

    return broken_lesson(root, change, zippable=False)


@case("lesson.md points outside the lesson folder", "lesson.md", hangs=True, needs="devices")
def lesson_md_links_to_dev_zero(root: Path) -> Built:
    def change(folder: Path) -> None:
        (folder / "lesson.md").unlink()
        (folder / "lesson.md").symlink_to("/dev/zero")

    return broken_lesson(root, change, zippable=False)


@case("lesson.md points outside the lesson folder", "lesson.md", needs="symlinks")
def lesson_md_links_outside_the_folder(root: Path) -> Built:
    def change(folder: Path) -> None:
        elsewhere = root / "notes.md"
        (folder / "lesson.md").rename(elsewhere)
        (folder / "lesson.md").symlink_to(elsewhere)

    return broken_lesson(root, change, zippable=False)


@case("lesson.md is a link that leads nowhere", "lesson.md", needs="symlinks")
def lesson_md_is_a_link_to_itself(root: Path) -> Built:
    def change(folder: Path) -> None:
        (folder / "lesson.md").unlink()
        (folder / "lesson.md").symlink_to("lesson.md")

    return broken_lesson(root, change, zippable=False)


@case("article 'a\\x00b.txt' is not a usable file name", "lesson.md", place=True)
def article_name_with_a_nul(root: Path) -> Built:
    return with_metadata(root, "article: article.txt", 'article: "a\\0b.txt"')


@case("key", "lesson.md", place=True)
def key_name_with_a_lone_surrogate(root: Path) -> Built:
    return with_metadata(root, "minutes: 5\n", 'minutes: 5\nkey: "k\\ud800.json"\n')


@case("named pipe (FIFO), not an ordinary file", "article.txt", hangs=True, needs="fifo")
def article_is_a_fifo(root: Path) -> Built:
    def change(folder: Path) -> None:
        (folder / "article.txt").unlink()
        os.mkfifo(folder / "article.txt")

    return broken_lesson(root, change, zippable=False)


@case("points outside the lesson folder", "lesson.md", hangs=True, needs="devices")
def article_links_to_dev_urandom(root: Path) -> Built:
    def change(folder: Path) -> None:
        (folder / "article.txt").unlink()
        (folder / "article.txt").symlink_to("/dev/urandom")

    return broken_lesson(root, change, zippable=False)


@case("named pipe (FIFO), not an ordinary file", "key.json", hangs=True, needs="fifo")
def key_is_a_fifo(root: Path) -> Built:
    def change(folder: Path) -> None:
        (folder / "key.json").unlink()
        os.mkfifo(folder / "key.json")

    return broken_lesson(root, change, zippable=False)


@case("key 'key.json' points outside the lesson folder", "lesson.md", hangs=True, needs="devices")
def key_links_to_dev_zero(root: Path) -> Built:
    def change(folder: Path) -> None:
        (folder / "key.json").unlink()
        (folder / "key.json").symlink_to("/dev/zero")

    return broken_lesson(root, change, zippable=False)


@case("article '../../../etc/passwd' points outside the lesson folder", "lesson.md", place=True)
def article_path_climbs_out(root: Path) -> Built:
    return with_metadata(root, "article: article.txt", "article: ../../../etc/passwd")


@case("article '/etc/hostname' points outside the lesson folder", "lesson.md", place=True)
def article_path_is_absolute(root: Path) -> Built:
    return with_metadata(root, "article: article.txt", "article: /etc/hostname")


@case("article file 'missing.txt' not found in the lesson folder", "lesson.md", place=True)
def article_file_missing(root: Path) -> Built:
    return with_metadata(root, "article: article.txt", "article: missing.txt")


@case("too large to read", "article.txt")
def article_over_its_cap(root: Path) -> Built:
    def change(folder: Path) -> None:
        with (folder / "article.txt").open("r+b") as handle:  # sparse: no time, no disk
            handle.truncate(9 * 1024 * 1024)

    return broken_lesson(root, change, zippable=False)


# --- lesson.md: bytes and metadata ---------------------------------------------------------------


@case("expected a metadata block starting with '---' on line 1", "lesson.md")
def lesson_md_empty(root: Path) -> Built:
    return with_file(root, "lesson.md", b"")


@case("not UTF-8 text", "lesson.md")
def lesson_md_utf16(root: Path) -> Built:
    return with_file(root, "lesson.md", LESSON_MD.encode("utf-16"))


@case("not UTF-8 text (byte 0xff", "lesson.md", place=True)
def lesson_md_invalid_utf8(root: Path) -> Built:
    return with_file(
        root,
        "lesson.md",
        LESSON_MD.replace("A tiny", "A \udcff tiny").encode("utf-8", "surrogateescape"),
    )


@case("the metadata block is not closed", "lesson.md", place=True)
def lesson_md_metadata_not_closed(root: Path) -> Built:
    return with_file(root, "lesson.md", LESSON_MD.replace("minutes: 5\n---", "minutes: 5\n", 1))


@case("aliases (*name) are not allowed in lesson metadata", "lesson.md", place=True, hangs=True)
def lesson_md_billion_laughs(root: Path) -> Built:
    laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    laughs += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return with_metadata(root, "minutes: 5\n", "minutes: 5\n" + "\n".join(laughs) + "\n")


@case("nested", "lesson.md", hangs=True)
def lesson_md_yaml_nested_5000_deep(root: Path) -> Built:
    return with_metadata(root, "minutes: 5\n", "minutes: 5\nx: " + "[" * 5000 + "]" * 5000 + "\n")


@case("expected at most 300 characters", "lesson.md", place=True)
def lesson_md_title_of_20000_characters(root: Path) -> Built:
    return with_metadata(root, "title: A tiny lesson", "title: " + "W" * 20_000)


@case("invalid metadata: a whole number of 5000 digits", "lesson.md", place=True)
def lesson_md_minutes_of_5000_digits(root: Path) -> Built:
    return with_metadata(root, "minutes: 5", "minutes: " + "9" * 5000)


@case("minutes", "lesson.md", place=True)
def lesson_md_minutes_nan(root: Path) -> Built:
    return with_metadata(root, "minutes: 5", "minutes: .nan")


@case("minutes", "lesson.md", place=True)
def lesson_md_minutes_is_text(root: Path) -> Built:
    return with_metadata(root, "minutes: 5", "minutes: five")


@case("id", "lesson.md", place=True)
def lesson_md_id_with_a_trailing_newline(root: Path) -> Built:
    return with_metadata(root, "id: tiny", 'id: "tiny\\n"')


@case("id", "lesson.md", place=True)
def lesson_md_id_with_escape_and_nul(root: Path) -> Built:
    return with_metadata(root, "id: tiny", 'id: "ti\\e[2Jny\\0"')


@case("id", "lesson.md", place=True)
def lesson_md_id_is_a_path(root: Path) -> Built:
    return with_metadata(root, "id: tiny", "id: ../../etc")


@case("title", "lesson.md", place=True)
def lesson_md_title_is_a_list(root: Path) -> Built:
    return with_metadata(root, "title: A tiny lesson", "title: [1, 2]")


@case("unknown category 'astrology'", "lesson.md", place=True)
def lesson_md_unknown_category(root: Path) -> Built:
    return with_metadata(
        root, "minutes: 5\n", "minutes: 5\ncategories: [loaded_language, astrology]\n"
    )


@case("expected the metadata block to be 'key: value' lines", "lesson.md")
def lesson_md_metadata_is_a_list(root: Path) -> Built:
    return with_file(root, "lesson.md", "---\n- a\n- b\n---\n\n## Instructions\nx\n")


@case("invalid metadata", "lesson.md", place=True)
def lesson_md_metadata_not_yaml(root: Path) -> Built:
    return with_metadata(root, "minutes: 5\n", "minutes: 5\n\tbad: [\n")


@case("expected a '## Instructions' section", "lesson.md", place=True)
def lesson_md_without_instructions(root: Path) -> Built:
    return with_metadata(root, "## Instructions\nMark what persuades.\n", "## Instruktions\nx\n")


@case("reveal", "lesson.md", place=True)
def lesson_md_unknown_reveal(root: Path) -> Built:
    return with_metadata(root, "minutes: 5\n", "minutes: 5\nreveal: whenever\n")


@case("format", "lesson.md", place=True)
def lesson_md_unknown_field_and_format(root: Path) -> Built:
    return with_metadata(root, "format: literacy-lesson", "format: literacy-lesson-v9")


@case("taxonomy file 'mine.json' not found in the lesson folder", "lesson.md", place=True)
def lesson_md_taxonomy_missing(root: Path) -> Built:
    return with_metadata(root, "minutes: 5\n", "minutes: 5\ntaxonomy: mine.json\n")


# --- article -------------------------------------------------------------------------------------


@case("the article is empty", "article.txt")
def article_empty(root: Path) -> Built:
    return with_file(root, "article.txt", b"")


@case("not UTF-8 text", "article.txt")
def article_utf16(root: Path) -> Built:
    return with_file(root, "article.txt", ARTICLE.encode("utf-16"))


@case("not UTF-8 text (byte 0xc3", "article.txt", place=True)
def article_cut_inside_a_character(root: Path) -> Built:
    return with_file(root, "article.txt", ARTICLE.encode() + b"\n\xc3")


# --- key (native) --------------------------------------------------------------------------------


@case("invalid JSON", "key.json")
def key_empty(root: Path) -> Built:
    return with_file(root, "key.json", b"")


@case("invalid JSON", "key.json", place=True)
def key_truncated(root: Path) -> Built:
    return with_file(root, "key.json", json.dumps(key_dict(), indent=2)[:300])


@case("invalid JSON", "key.json")
def key_with_two_boms(root: Path) -> Built:
    return with_file(root, "key.json", "\ufeff\ufeff" + json.dumps(key_dict()))


@case("not UTF-8 text", "key.json")
def key_utf16(root: Path) -> Built:
    return with_file(root, "key.json", json.dumps(key_dict()).encode("utf-16"))


@case("NaN is not a number this app accepts", "key.json")
def key_weight_nan(root: Path) -> Built:
    return with_file(
        root, "key.json", json.dumps(key_dict()).replace('"weight": 1.0', '"weight": NaN', 1)
    )


@case("Infinity is not a number", "key.json")
def key_penalty_infinity(root: Path) -> Built:
    return with_file(
        root,
        "key.json",
        json.dumps(key_dict()).replace(
            '"scoring": {}', '"scoring": {"extra_mark_penalty": Infinity}'
        ),
    )


@case("1e999 is too large a number", "key.json")
def key_threshold_1e999(root: Path) -> Built:
    return with_file(
        root,
        "key.json",
        json.dumps(key_dict()).replace('"scoring": {}', '"scoring": {"match_threshold": 1e999}'),
    )


@case("a whole number of 5000 digits", "key.json")
def key_start_of_5000_digits(root: Path) -> Built:
    text = json.dumps(key_dict())
    start = key_dict()["items"][0]["start"]
    return with_file(
        root, "key.json", text.replace(f'"start": {start}', '"start": ' + "9" * 5000, 1)
    )


@case("nested too deeply", "key.json", hangs=True)
def key_nested_100000_deep(root: Path) -> Built:
    return with_file(
        root, "key.json", '{"format": "literacy-key", "items": ' + deep_json(100_000) + "}"
    )


@case("match_threshold", "key.json", place=True)
def key_threshold_out_of_range(root: Path) -> Built:
    return with_key(root, lambda key: key.update(scoring={"match_threshold": 5}))


@case("extra_mark_penalty", "key.json", place=True)
def key_negative_penalty(root: Path) -> Built:
    return with_key(root, lambda key: key.update(scoring={"extra_mark_penalty": -1}))


@case("start", "key.json", place=True)
def key_negative_offset(root: Path) -> Built:
    return key_item(root, start=-4)


@case("expected an offset within the article", "key.json", place=True)
def key_offset_past_the_end(root: Path) -> Built:
    return key_item(root, start=len(ARTICLE) + 10, end=len(ARTICLE) + 20, quote="")


@case("expected end > start", "key.json", place=True)
def key_start_after_end(root: Path) -> Built:
    return key_item(root, start=30, end=10)


@case("duplicate id 'k1'", "key.json", place=True)
def key_duplicate_ids(root: Path) -> Built:
    return with_key(root, lambda key: key["items"][1].update(id="k1"))


@case("unknown category 'astrology'", "key.json", place=True)
def key_unknown_category(root: Path) -> Built:
    return key_item(root, category="astrology")


@case("weight", "key.json", place=True)
def key_weight_is_text(root: Path) -> Built:
    return key_item(root, weight="heavy")


@case("items", "key.json", place=True)
def key_items_not_a_list(root: Path) -> Built:
    return with_key(root, lambda key: key.update(items={"k1": 1}))


@case("id", "key.json", place=True)
def key_item_id_is_a_number(root: Path) -> Built:
    return key_item(root, id=7)


@case("quote does not match the article", "key.json", place=True)
def key_quote_elsewhere(root: Path) -> Built:
    return key_item(root, quote="nothing like this")


@case("expected an object", "key.json")
def key_is_a_list(root: Path) -> Built:
    return with_file(root, "key.json", "[1, 2, 3]")


# --- key (W3C) -----------------------------------------------------------------------------------


@case("weight", "key.json", place=True)
def w3c_key_weight_heavy(root: Path) -> Built:
    return w3c_key_lesson(
        root, lambda data: first_annotation(data).update({w3c.NS + "weight": "heavy"})
    )


@case("unknown category 'astrology'", "key.json", place=True)
def w3c_key_unknown_category(root: Path) -> Built:
    def edit(data: dict[str, Any]) -> None:
        for body in first_annotation(data)["body"]:
            if body.get("purpose") == "classifying":
                body["value"] = "astrology"

    return w3c_key_lesson(root, edit)


@case("outside the article", "key.json", place=True)
def w3c_key_position_out_of_range(root: Path) -> Built:
    def edit(data: dict[str, Any]) -> None:
        annotation = first_annotation(data)
        position_selector(annotation).update(start=10**9, end=10**9 + 5)
        annotation["target"]["selector"] = [position_selector(annotation)]

    return w3c_key_lesson(root, edit)


@case("NaN is not a number", "key.json")
def w3c_key_threshold_nan(root: Path) -> Built:
    text = json.dumps(w3c_key())
    return with_file(
        root,
        "key.json",
        text.replace(
            '"type": "AnnotationCollection"', '"type": "AnnotationCollection", "x": NaN', 1
        ),
    )


# --- taxonomy ------------------------------------------------------------------------------------


TAXONOMY = {
    "format": "literacy-taxonomy",
    "version": 1,
    "extends": "default",
    "categories": [
        {"id": "rumour", "group": "claim", "name": "Rumour", "definition": "Said, not shown."}
    ],
}


def with_taxonomy(root: Path, edit: Callable[[dict[str, Any]], Any]) -> Built:
    data = json.loads(json.dumps(TAXONOMY))
    edit(data)
    return with_file(root, "taxonomy.json", json.dumps(data, indent=2))


@case("duplicate", "taxonomy.json", place=True)
def taxonomy_duplicate_ids(root: Path) -> Built:
    return with_taxonomy(root, lambda t: t["categories"].append(dict(t["categories"][0])))


@case("group", "taxonomy.json", place=True)
def taxonomy_unknown_group(root: Path) -> Built:
    return with_taxonomy(root, lambda t: t["categories"][0].update(group="gossip"))


@case("id", "taxonomy.json", place=True)
def taxonomy_id_with_a_newline(root: Path) -> Built:
    return with_taxonomy(root, lambda t: t["categories"][0].update(id="rumour\n"))


@case("categories", "taxonomy.json", place=True)
def taxonomy_categories_wrong_type(root: Path) -> Built:
    return with_taxonomy(root, lambda t: t.update(categories="rumour"))


@case("invalid JSON", "taxonomy.json", place=True)
def taxonomy_truncated(root: Path) -> Built:
    return with_file(root, "taxonomy.json", json.dumps(TAXONOMY, indent=2)[:80])


# --- submission (native) -------------------------------------------------------------------------


@case("invalid JSON", "ada.json")
def submission_empty(root: Path) -> Built:
    return broken_submission(root, b"")


@case("invalid JSON", "ada.json", place=True)
def submission_bom_and_truncated(root: Path) -> Built:
    return broken_submission(root, "\ufeff" + json.dumps(good_submission(), indent=2)[:200])


@case("not UTF-8 text", "ada.json")
def submission_utf16(root: Path) -> Built:
    return broken_submission(root, json.dumps(good_submission()).encode("utf-16"))


@case("not UTF-8 text (byte 0xe9", "ada.json", place=True)
def submission_latin1(root: Path) -> Built:
    data = good_submission()
    data["student"]["name"] = "Zoé"
    return broken_submission(
        root, json.dumps(data, indent=2, ensure_ascii=False).encode("latin-1", "replace")
    )


@case("NaN is not a number", "ada.json")
def submission_start_nan(root: Path) -> Built:
    text = json.dumps(good_submission())
    start = good_submission()["marks"][0]["start"]
    return broken_submission(root, text.replace(f'"start": {start}', '"start": NaN', 1))


@case("-Infinity is not a number", "ada.json")
def submission_attempts_minus_infinity(root: Path) -> Built:
    return broken_submission(
        root, json.dumps(good_submission()).replace('"attempts": 1', '"attempts": -Infinity')
    )


@case("a whole number of 5000 digits", "ada.json")
def submission_end_of_5000_digits(root: Path) -> Built:
    text = json.dumps(good_submission())
    end = good_submission()["marks"][0]["end"]
    return broken_submission(root, text.replace(f'"end": {end}', '"end": ' + "7" * 5000, 1))


@case("nested too deeply", "ada.json", hangs=True)
def submission_nested_100000_deep(root: Path) -> Built:
    return broken_submission(
        root, '{"format": "literacy-submission", "marks": ' + deep_json(100_000) + "}"
    )


@case("start", "ada.json", place=True)
def submission_negative_offset(root: Path) -> Built:
    return mark(root, start=-1)


@case("expected an offset within the article", "ada.json", place=True)
def submission_offset_past_the_end(root: Path) -> Built:
    return mark(root, start=10**12, end=10**12 + 3, quote="")


@case("expected end > start", "ada.json", place=True)
def submission_empty_span(root: Path) -> Built:
    return mark(root, end=good_submission()["marks"][0]["start"])


@case("duplicate id 'm1'", "ada.json", place=True)
def submission_duplicate_ids(root: Path) -> Built:
    return edited_submission(root, lambda data: data["marks"][1].update(id="m1"))


@case("unknown category 'astrology'", "ada.json", place=True)
def submission_unknown_category(root: Path) -> Built:
    return mark(root, category="astrology")


@case("unknown category", "ada.json", place=True)
def submission_category_with_control_characters(root: Path) -> Built:
    return mark(root, category="loaded\x1b[2J_language\n")


@case("marks", "ada.json", place=True)
def submission_marks_not_a_list(root: Path) -> Built:
    return edited_submission(root, lambda data: data.update(marks={"m1": {}}))


@case("student", "ada.json", place=True)
def submission_student_is_text(root: Path) -> Built:
    return edited_submission(root, lambda data: data.update(student="Ada"))


@case("start", "ada.json", place=True)
def submission_start_is_text(root: Path) -> Built:
    return mark(root, start="12")


@case("start", "ada.json", place=True)
def submission_start_is_true(root: Path) -> Built:
    return mark(root, start=True)


@case(
    "expected a 'literacy-submission' file",
    "ada.json",
    told={"check": 'expected a lesson folder or a JSON file with "format"', "open": NOT_OPENABLE},
)
def submission_of_another_format(root: Path) -> Built:
    return edited_submission(root, lambda data: data.update(format="literacy-essay"))


@case(
    "expected a 'literacy-submission' file",
    "ada.json",
    told={"check": 'expected a lesson folder or a JSON file with "format"', "open": NOT_OPENABLE},
)
def submission_is_a_number(root: Path) -> Built:
    return broken_submission(root, "42")


@case(
    "written for lesson",
    "ada.json",
    only=("grade", "review", "export-unnamed", "open"),
    told={"open": "not a lesson id", "export-unnamed": "not a lesson id"},
)
def submission_names_its_lesson_by_path(root: Path) -> Built:
    return edited_submission(root, lambda data: data.update(lesson=str(root / "tiny")))


@case("named pipe (FIFO), not an ordinary file", "ada.json", hangs=True, needs="fifo")
def submission_is_a_fifo(root: Path) -> Built:
    return special_submission(root, os.mkfifo)


@case("character device, not an ordinary file", "ada.json", hangs=True, needs="devices")
def submission_links_to_dev_urandom(root: Path) -> Built:
    return special_submission(root, lambda path: path.symlink_to("/dev/urandom"))


@case("too large to read", "ada.json")
def submission_over_its_cap(root: Path) -> Built:
    def make(path: Path) -> None:
        with path.open("wb") as handle:  # sparse: no time, no disk
            handle.truncate(49 * 1024 * 1024)

    return special_submission(root, make)


@case("not UTF-8 text (byte 0xed at offset 40)", "ada.json")
def submission_lone_surrogate_bytes(root: Path) -> Built:
    # CESU-style bytes for U+D800: not UTF-8 (a decoder must refuse them)
    return broken_submission(root, b'{"format": "literacy-submission", "x": "\xed\xa0\x80"}')


# --- submission (W3C) ----------------------------------------------------------------------------


@case("expected TextPositionSelector start < end", "ada.json", place=True)
def w3c_submission_start_is_text(root: Path) -> Built:
    return w3c_submission_case(
        root, lambda data: position_selector(first_annotation(data)).update(start="ten")
    )


@case("expected TextPositionSelector start < end", "ada.json", place=True)
def w3c_submission_start_is_true(root: Path) -> Built:
    return w3c_submission_case(
        root, lambda data: position_selector(first_annotation(data)).update(start=True, end=3)
    )


@case("expected a TextualBody with purpose 'classifying'", "ada.json", place=True)
def w3c_submission_without_category(root: Path) -> Built:
    return w3c_submission_case(root, lambda data: first_annotation(data).update(body=[]))


@case("expected a TextQuoteSelector or a TextPositionSelector", "ada.json", place=True)
def w3c_submission_without_target(root: Path) -> Built:
    return w3c_submission_case(root, lambda data: first_annotation(data).update(target="x"))


@case("a whole number of 40 digits", "ada.json")
def w3c_submission_huge_end(root: Path) -> Built:
    data = w3c_submission()
    position_selector(first_annotation(data)).update(end=123)
    return broken_submission(root, json.dumps(data).replace('"end": 123', '"end": ' + "1" * 40, 1))


# --- lesson package (.zip) -----------------------------------------------------------------------


@case("not a zip file", "shared.zip")
def zip_of_random_bytes(root: Path) -> Built:
    return special_zip(root, lambda path: path.write_bytes(os.urandom(4096)))


@case("not a zip file", "shared.zip")
def zip_empty_file(root: Path) -> Built:
    return special_zip(root, lambda path: path.write_bytes(b""))


@case("not a zip file", "shared.zip")
def zip_truncated(root: Path) -> Built:
    def make(path: Path) -> None:
        built = zip_of(root / "whole", lesson_members())
        path.write_bytes(built.target.read_bytes()[:-40])

    return special_zip(root, make)


@case("'..' in the path", "shared.zip")
def zip_member_climbs_out(root: Path) -> Built:
    return zip_of(root, [*lesson_members(), ("tiny/../../evil.txt", b"x")])


@case("absolute path", "shared.zip")
def zip_member_absolute(root: Path) -> Built:
    info = zipfile.ZipInfo("tiny/x")
    info.filename = "/tmp/evil.txt"  # ZipInfo strips a leading slash unless set afterwards
    return zip_of(root, [*lesson_members(), (info, b"x")])


@case("absolute path", "shared.zip")
def zip_member_windows_drive(root: Path) -> Built:
    return zip_of(root, [*lesson_members(), ("C:/evil.txt", b"x")])


@case("a symbolic link", "shared.zip")
def zip_member_symlink(root: Path) -> Built:
    info = zipfile.ZipInfo("tiny/assets/passwd")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return zip_of(root, [*lesson_members(), (info, b"/etc/passwd")])


@case("unsafe characters in the name", "shared.zip")
def zip_member_with_an_escape(root: Path) -> Built:
    return zip_of(root, [*lesson_members(), ("tiny/\x1b[2Jx.txt", b"x")])


@case("too large", "shared.zip", hangs=True)
def zip_bomb_one_member(root: Path) -> Built:
    info = zipfile.ZipInfo("tiny/assets/zeros.bin")
    info.compress_type = zipfile.ZIP_DEFLATED
    lesson = good_lesson(root / "good")
    path = root / "shared.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in lesson_members():
            archive.writestr(name, data)
        with archive.open(info, "w", force_zip64=True) as sink:
            block = bytes(1024 * 1024)
            for _ in range(65):
                sink.write(block)
    return Built("zip", path, lesson, submissions_folder(root))


@case("damaged", "shared.zip")
def zip_member_lies_about_its_size(root: Path) -> Built:
    built = zip_of(root, [*lesson_members(), ("tiny/assets/zeros.bin", bytes(200_000))])
    data = bytearray(built.target.read_bytes())
    # declare 100 bytes in the central directory entry of the last member
    entry = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, entry + 24, 100)
    built.target.write_bytes(bytes(data))
    return built


@case("damaged", "shared.zip")
def zip_directory_points_before_the_file(root: Path) -> Built:
    """The end record says the directory starts later than it does: every member's header is
    then looked for before the file's first byte (a seek the OS refuses, found by the fuzz)."""
    built = zip_of(root, lesson_members())
    data = bytearray(built.target.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, end + 16)
    struct.pack_into("<I", data, end + 16, offset + 1000)
    built.target.write_bytes(bytes(data))
    return built


@case("too many files in the package", "shared.zip")
def zip_with_too_many_members(root: Path) -> Built:
    return zip_of(root, [*lesson_members(), *((f"tiny/assets/{n}.txt", b"") for n in range(2001))])


@case("appears twice", "shared.zip")
def zip_member_twice(root: Path) -> Built:
    return zip_of(root, [*lesson_members(), ("tiny/Key.json", b"{}")])


@case("not a lesson package", "shared.zip")
def zip_without_lesson_md(root: Path) -> Built:
    return zip_of(root, [("tiny/article.txt", ARTICLE.encode())])


@case("encrypted", "shared.zip")
def zip_member_encrypted(root: Path) -> Built:
    built = zip_of(root, lesson_members())
    data = bytearray(built.target.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    built.target.write_bytes(bytes(data))
    return built


@case("expected an object", "shared.zip!")
def zip_with_a_broken_key(root: Path) -> Built:
    members = lesson_members()
    members[2] = ("tiny/key.json", b"[]")
    return zip_of(root, members)


@case(
    "named pipe (FIFO), not an ordinary file",
    "shared.zip",
    hangs=True,
    needs="fifo",
)
def zip_is_a_fifo(root: Path) -> Built:
    return special_zip(root, os.mkfifo)


@case(
    "character device, not an ordinary file",
    "shared.zip",
    hangs=True,
    needs="devices",
)
def zip_links_to_dev_zero(root: Path) -> Built:
    return special_zip(root, lambda path: path.symlink_to("/dev/zero"))


def available(need: str) -> bool:
    if need == "fifo":
        return hasattr(os, "mkfifo")
    if need == "devices":
        return Path("/dev/zero").exists() and Path("/dev/urandom").exists()
    if need == "symlinks":
        return os.name != "nt"
    return True

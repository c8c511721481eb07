"""Issue #14: a file from a stranger gets a clear answer, never a hang, a traceback or a silently
wrong grade. Special files, oversized files, YAML bombs, non-finite and endless numbers."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from literacy_app.core.errors import FormatError, Problem
from literacy_app.formats import limits
from literacy_app.formats.document import JsonDocument, read_bytes
from literacy_app.formats.json_source import parse
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import default_lesson
from tests.conftest import submission_dict, write_json

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    folder = tmp_path / "lesson"
    shutil.copytree(default_lesson(), folder)
    return folder


def message(folder: Path) -> str:
    started = time.monotonic()
    with pytest.raises(FormatError) as err:
        load_lesson(folder)
    assert time.monotonic() - started < 5  # an answer, not a hang
    return str(err.value.problems[0])


# --- special files ---------------------------------------------------------------------------


@needs_fifo
@pytest.mark.parametrize("name", ["key.json", "article.txt", "lesson.md"])
def test_a_fifo_in_a_lesson_is_refused_at_once(lesson: Path, name: str) -> None:
    (lesson / name).unlink()
    os.mkfifo(lesson / name)
    assert "named pipe (FIFO), not an ordinary file" in message(lesson)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_never_read(tmp_path: Path, device: str) -> None:
    with pytest.raises(FormatError, match="character device, not an ordinary file"):
        read_bytes(Path(device))
    link = tmp_path / "submission.json"
    link.symlink_to(device)  # a link to a device is the device
    with pytest.raises(FormatError, match="character device"):
        JsonDocument.read(link)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_lesson_md_linked_outside_its_folder_is_refused(lesson: Path) -> None:
    (lesson / "lesson.md").unlink()
    (lesson / "lesson.md").symlink_to("/dev/zero")
    assert "lesson.md points outside the lesson folder" in message(lesson)


def test_a_folder_where_a_file_should_be(lesson: Path) -> None:
    (lesson / "key.json").unlink()
    (lesson / "key.json").mkdir()
    assert "expected a file, found a folder" in message(lesson)


def test_files_over_their_cap_are_refused_with_the_limit(
    lesson: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ARTICLE_BYTES", 1000)
    with (lesson / "article.txt").open("a", encoding="utf-8") as article:
        article.write("x" * 2000)
    text = message(lesson)
    assert "article.txt" in text
    assert "too large to read" in text
    assert "docs/formats.md" in text


def test_a_file_that_grows_while_read_is_still_capped(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"1," * 600 + b"1]")
    with pytest.raises(FormatError, match="too large"):
        read_bytes(path, limit=100)


# --- JSON numbers and nesting -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"weight": NaN}', "NaN is not a number this app accepts"),
        ('{"weight": Infinity}', "Infinity is not a number"),
        ('{"weight": -Infinity}', "-Infinity is not a number"),
        ('{"weight": 1e999}', "1e999 is too large a number"),
        ('{"start": ' + "9" * 5000 + "}", "a whole number of 5000 digits"),
        ('{"start": -' + "9" * 40 + "}", "a whole number of 40 digits"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ],
)
def test_json_numbers_python_would_take_are_refused(text: str, said: str) -> None:
    with pytest.raises(FormatError) as err:
        parse(text, "key.json")
    assert said in err.value.problems[0].message


def test_ordinary_numbers_still_parse() -> None:
    assert parse('{"a": 1.5, "b": -3, "c": 1e3, "d": 12345678901234567890}', "f") == {
        "a": 1.5,
        "b": -3,
        "c": 1000.0,
        "d": 12345678901234567890,
    }


def test_a_non_finite_key_setting_never_reaches_grading(lesson: Path) -> None:
    key = lesson / "key.json"
    data = json.loads(key.read_text(encoding="utf-8"))
    data.setdefault("scoring", {})["extra_mark_penalty"] = 1
    key.write_text(json.dumps(data).replace('"extra_mark_penalty": 1', '"extra_mark_penalty": NaN'))
    assert "NaN is not a number" in message(lesson)
    data["scoring"]["extra_mark_penalty"] = 1e6  # finite, but no scoring setting is unbounded
    key.write_text(json.dumps(data), encoding="utf-8")
    assert "extra_mark_penalty" in message(lesson)


# --- YAML metadata -----------------------------------------------------------------------------


def _with_metadata(lesson: Path, extra: str) -> None:
    path = lesson / "lesson.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\n" + extra, 1), encoding="utf-8")


def test_a_billion_laughs_block_is_refused_at_once(lesson: Path) -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        laughs += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
    _with_metadata(lesson, laughs)
    assert "aliases (*name) are not allowed" in message(lesson)


@pytest.mark.parametrize("depth", [100, 5000])
def test_deep_yaml_nesting_is_refused(lesson: Path, depth: int) -> None:
    _with_metadata(lesson, "deep: " + "[" * depth + "]" * depth + "\n")
    assert "nested" in message(lesson)


def test_a_crlf_lesson_md_reads_like_any_other(lesson: Path) -> None:
    path = lesson / "lesson.md"
    expected = load_lesson(lesson)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    again = load_lesson(lesson)
    assert again.text == expected.text
    assert again.title == expected.title


def test_an_id_with_a_trailing_newline_is_refused(lesson: Path) -> None:
    path = lesson / "lesson.md"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("id:"))
    lines[index] = 'id: "getting-started\\n"'
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "$.id" in message(lesson)


def test_a_title_of_twenty_thousand_characters_is_refused(lesson: Path) -> None:
    path = lesson / "lesson.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[index] = "title: " + "W" * 20_000
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "$.title" in message(lesson)


# --- what a problem line can contain -------------------------------------------------------


def test_a_problem_is_always_one_printable_line() -> None:
    """File names, quotes and student names come from strangers: a newline would split a
    problem in two for every tool reading these lines, ESC or CR would rewrite the terminal,
    and a lone surrogate would stop the print."""
    problem = Problem("class/a\nb.json", "student \x1b[2J\rEve\u2028\ud800 wrote\ta note", 3, 4)
    line = str(problem)
    assert "\n" not in line
    assert "\x1b" not in line
    assert "\r" not in line
    assert "\t" not in line
    assert "\u2028" not in line
    assert "\ufffd" in line
    assert line.encode("utf-8")  # printable and writable
    assert line.startswith("class/a\\x0ab.json:3:4: student \\x1b[2J\\x0dEve")


# --- a submission names its lesson ---------------------------------------------------------------


@pytest.mark.parametrize("named", ["{folder}", "../lesson", "/etc", "tiny\n", "~/x", "a/b"])
def test_a_submission_names_its_lesson_by_id_never_by_path(
    tmp_path: Path, make_lesson: Callable[..., Path], named: str
) -> None:
    """`open submission.json` looks its lesson up by id among known lessons; a path written in
    a stranger's file must not make the app load whatever folder that is."""
    from literacy_app.gui.loading import load_target

    lesson = make_lesson()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    submission = write_json(
        elsewhere / "ada.json",
        submission_dict([("reckless", "loaded_language")], lesson=named.format(folder=lesson)),
    )
    with pytest.raises(FormatError, match="not a lesson id"):
        load_target(submission)


def test_lone_surrogates_in_a_file_become_replacement_characters() -> None:
    data = parse('{"student": {"name": "Eve\\ud800"}, "ok": "\\ud83d\\ude00"}', "ada.json")
    assert data == {"student": {"name": "Eve\ufffd"}, "ok": "\U0001f600"}
    assert json.dumps(data, ensure_ascii=False).encode("utf-8")


# --- placing marks on a changed article is bounded ----------------------------------------------


def test_marks_for_another_article_are_placed_or_orphaned_in_bounded_time() -> None:
    """100,000 marks with a wrong article hash took 54 s to grade; the fuzzy search is now
    capped per file (core/anchoring.py). 20,000 here, half of whose quotes are nowhere."""
    import random

    from literacy_app.core.anchoring import MAX_TEXT_SEARCHES, MAX_WINDOW_SEARCHES, reanchor
    from literacy_app.core.marks import Mark

    text = load_lesson(default_lesson()).article.text * 10
    words = text.split()
    rng = random.Random(7)
    marks = []
    for index in range(20_000):
        at = rng.randrange(len(words) - 3)
        quote = " ".join(words[at : at + 3])
        quote = quote[::-1] if index % 2 else quote
        start = rng.randrange(len(text) - 50)
        marks.append(Mark(f"m{index}", start, start + len(quote), "loaded_language", "", quote))
    started = time.monotonic()
    report = reanchor(text, marks)
    assert time.monotonic() - started < 10
    assert len(report.placed) + len(report.orphans) == len(marks)
    assert len(report.placed) >= 9_000  # the quotes that are there are still found
    assert len(report.orphans) > MAX_WINDOW_SEARCHES + MAX_TEXT_SEARCHES


def test_messages_quote_a_long_value_briefly_and_describe_forms_in_words(lesson: Path) -> None:
    """A 20,000-character id was quoted whole in its message, with the raw regex after it."""
    path = lesson / "lesson.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("id:"))
    lines[index] = "id: " + "x " * 10_000
    path.write_text("\n".join(lines), encoding="utf-8")
    text = message(lesson)
    assert len(text) < 400
    assert "is not an id (a letter or digit" in text
    assert "(?!" not in text

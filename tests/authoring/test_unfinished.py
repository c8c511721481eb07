"""`check` and `package` on lessons that are not finished: every unfinished part is a warning
with its file and place, listed once, the same list instructor mode shows; `package` refuses
such a lesson unless it is told it is a draft."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from literacy_app.authoring.drafts import draft_problems
from literacy_app.authoring.validate import lesson_problems
from literacy_app.authoring.writing import lesson_files, save_lesson
from literacy_app.cli import main
from literacy_app.core.key import AnswerKey
from literacy_app.core.lesson import Hint, LessonText
from literacy_app.formats.lesson_package import load_lesson
from tests.authoring.test_writing import item, make_new_lesson, span_item

PROBLEM = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): warning: (?P<message>.+?)"
    r"(?: \(at (?P<path>\$[^)]*)\))?$"
)
FINISHED = LessonText(
    instructions="Find the framing devices and the claims nobody supports.",
    hints=(Hint("Words", "Which adjective judges the plan?"),),
    debrief="The article judges before it reports.",
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _warnings(err: str) -> list[re.Match[str]]:
    found = [PROBLEM.match(line) for line in err.splitlines() if ": warning: " in line]
    assert all(found), err
    return [m for m in found if m]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").split("\n"), 1) if text in line)


@pytest.fixture
def new(tmp_path: Path) -> Path:
    """What `new-lesson` makes: placeholders, an empty key."""
    return make_new_lesson(tmp_path / "bus")


@pytest.fixture
def finished(tmp_path: Path) -> Path:
    folder = make_new_lesson(tmp_path / "done")
    lesson = load_lesson(folder)
    text = lesson.article.text
    key = AnswerKey(
        (item(text, "k1", "reckless", "loaded_language"),),
        lesson.id,
        article_sha256=lesson.article.sha256,
    )
    save_lesson(replace(lesson, text=FINISHED), key)
    return folder


def _unfinish(folder: Path, edit: Callable[[LessonText], LessonText], key_items: list) -> None:
    lesson = load_lesson(folder)
    key = AnswerKey(tuple(key_items), lesson.id, article_sha256=lesson.article.sha256)
    save_lesson(replace(lesson, text=edit(lesson.text)), key)


# --- check -----------------------------------------------------------------------------------


def test_check_lists_what_a_new_lesson_leaves_to_write(
    capsys: pytest.CaptureFixture[str], new: Path
) -> None:
    code, out, err = _run(capsys, "check", str(new))
    assert code == 0  # it loads: the warnings say what is left, the exit status that it works
    assert out == (
        f"{new}: not ready to teach: 4 warnings (package it with --draft until they are fixed)\n"
    )
    warnings = _warnings(err)
    lesson_md, key_json = new / "lesson.md", new / "key.json"
    where = [(w["file"], int(w["line"]), w["path"]) for w in warnings]
    assert where == [
        (str(lesson_md), _line_of(lesson_md, "## Instructions"), None),
        (str(lesson_md), _line_of(lesson_md, "## Hints"), None),
        (str(lesson_md), _line_of(lesson_md, "## Debrief"), None),
        (str(key_json), _line_of(key_json, '"items"'), "$.items"),
    ]
    assert "placeholder" in warnings[0]["message"]
    assert warnings[3]["message"].startswith("the key has no items yet")


def test_check_names_each_unfinished_part_in_its_place(
    capsys: pytest.CaptureFixture[str], finished: Path
) -> None:
    text = load_lesson(finished).article.text
    figure = text.index("90% of residents")
    _unfinish(
        finished,
        lambda t: replace(t, hints=(), debrief=""),
        [
            item(text, "k1", "reckless", "loaded_language", rationale=""),
            span_item(text, "k2", figure, figure + 15, "unsourced_figure"),  # "...resident"
        ],
    )
    code, out, err = _run(capsys, "check", str(finished))
    assert code == 0
    assert "not ready to teach: 4 warnings" in out
    by_message = {w["message"].split(":")[0].split(" (")[0]: w for w in _warnings(err)}
    assert set(by_message) == {
        "no hints",
        "no debrief",
        "item 'k1' has no rationale",
        "item 'k2'",
    }
    assert "starts or ends inside a word" in by_message["item 'k2'"]["message"]
    assert "'90% of residents'" in by_message["item 'k2'"]["message"]
    assert by_message["item 'k1' has no rationale"]["path"] == "$.items[0].rationale"
    assert by_message["item 'k2'"]["path"] == "$.items[1]"
    key_json = finished / "key.json"
    assert int(by_message["item 'k2'"]["line"]) > _line_of(key_json, '"k1"')


def test_each_problem_is_listed_once(capsys: pytest.CaptureFixture[str], finished: Path) -> None:
    """The key parser's "empty rationale" and "categories outside the palette" say what the
    authoring checks say per item: only the more precise one is listed."""
    text = load_lesson(finished).article.text
    lesson_md = finished / "lesson.md"
    source = lesson_md.read_text("utf-8")
    lesson_md.write_text(
        source.replace("language: en", "categories: [loaded_language]\nlanguage: en"), "utf-8"
    )
    _unfinish(
        finished,
        lambda t: t,
        [
            item(text, "k1", "reckless", "loaded_language", rationale=""),
            item(text, "k2", "Experts say", "vague_attribution"),
            item(text, "k3", "Experts say", "vague_attribution"),  # the same span again
            item(text, "k4", "Experts say", "vague_attribution"),  # and again
        ],
    )
    code, _, err = _run(capsys, "check", str(finished))
    assert code == 0
    messages = [w["message"] for w in _warnings(err)]
    assert len(messages) == len(set(messages))
    assert not [m for m in messages if m.startswith("empty rationale")]
    assert not [m for m in messages if m.startswith("key uses categories outside")]
    assert len([m for m in messages if "has no rationale" in m]) == 1
    assert len([m for m in messages if "'vague_attribution' is not in" in m]) == 3
    assert len([m for m in messages if "marks the same span" in m]) == 2  # k3 and k4, once each


def test_a_finished_lesson_is_ok(capsys: pytest.CaptureFixture[str], finished: Path) -> None:
    assert _run(capsys, "check", str(finished)) == (0, f"{finished}: ok\n", "")


def test_instructor_mode_lists_what_check_lists(new: Path) -> None:
    """One list: the draft check on unchanged files is `check`'s, word for word."""
    lesson = load_lesson(new)
    assert draft_problems(new, lesson_files(lesson, lesson.key)) == lesson_problems(new)


def test_a_draft_is_checked_without_touching_the_folder(new: Path) -> None:
    lesson = load_lesson(new)
    before = {p.name: p.read_bytes() for p in new.iterdir()}
    text = lesson.article.text
    key = AnswerKey((item(text, "k1", "reckless", "loaded_language"),), lesson.id)
    problems = draft_problems(new, lesson_files(replace(lesson, text=FINISHED), key))
    assert problems == []
    assert {p.name: p.read_bytes() for p in new.iterdir()} == before
    assert len(lesson_problems(new)) == 4  # the saved lesson is still unfinished


# --- package ---------------------------------------------------------------------------------


def test_package_refuses_an_unfinished_lesson(
    capsys: pytest.CaptureFixture[str], new: Path, tmp_path: Path
) -> None:
    for handout in ([], ["--handout"]):
        destination = tmp_path / f"out{len(handout)}.zip"
        code, out, err = _run(capsys, "package", str(new), "-o", str(destination), *handout)
        assert (code, out) == (1, "")
        assert len(_warnings(err)) == 4
        assert err.splitlines()[-1] == (
            f"literacy-app: {new}: not ready to teach (4 unfinished parts, listed above): "
            "finish it, or package it as a draft with --draft"
        )
        assert not destination.exists()
        assert list(tmp_path.glob(".out*")) == []  # no temporary file left behind


def test_package_draft_packages_and_says_what_is_unfinished(
    capsys: pytest.CaptureFixture[str], new: Path, tmp_path: Path
) -> None:
    destination = tmp_path / "draft.zip"
    code, out, err = _run(capsys, "package", str(new), "-o", str(destination), "--draft")
    assert code == 0
    kind = "full package (with key), a draft with 4 unfinished parts (listed above)"
    assert out == f"{destination}: {kind}\n"
    assert len(_warnings(err)) == 4
    with zipfile.ZipFile(destination) as archive:
        assert "bus-lanes/key.json" in archive.namelist()
        assert json.loads(archive.read("bus-lanes/key.json"))["items"] == []


def test_package_of_a_finished_lesson_needs_no_draft_flag(
    capsys: pytest.CaptureFixture[str], finished: Path, tmp_path: Path
) -> None:
    destination = tmp_path / "full.zip"
    code, out, err = _run(capsys, "package", str(finished), "-o", str(destination))
    assert (code, out, err) == (0, f"{destination}: full package (with key)\n", "")


def test_a_hint_that_quotes_the_key_blocks_the_full_package_not_the_handout(
    capsys: pytest.CaptureFixture[str], finished: Path, tmp_path: Path
) -> None:
    """The handout leaves such a hint out (and says so); the full package would give it to
    students as it is."""
    text = load_lesson(finished).article.text
    _unfinish(
        finished,
        lambda t: replace(t, hints=(*t.hints, Hint("Look", "The word reckless is a judgement."))),
        [item(text, "k1", "reckless", "loaded_language")],
    )
    code, _, err = _run(capsys, "package", str(finished), "-o", str(tmp_path / "full.zip"))
    assert code == 1
    assert "reckless" in err
    code, out, err = _run(
        capsys, "package", str(finished), "-o", str(tmp_path / "handout.zip"), "--handout"
    )
    assert (code, err) == (0, "")
    assert "left out hint 2" in out


def test_package_help_documents_draft(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["package", "--help"])
    assert "--draft" in capsys.readouterr().out

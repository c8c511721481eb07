"""`literacy-app import` and `export --to brat|labelstudio`, driven as a user types them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from literacy_app.cli import main
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.standoff import one_line
from literacy_app.resources import find_lesson
from tests.conftest import ARTICLE, KEY_ITEMS, span_of, submission_dict, write_json

MakeLesson = Callable[..., Path]
PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
BUNDLED = "bakhmut-op-ed"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _brat_pair(folder: Path, name: str = "plan", ann: str | None = None) -> Path:
    """ARTICLE as brat would have it, with three of the key's passages labelled."""
    lines = []
    for n, (quote, category) in enumerate(
        [
            ("reckless", "loaded_language"),
            ("90% of residents", "Unsourced_Figure"),
            ("Experts say", "weasel_words"),
        ],
        start=1,
    ):
        start, end = span_of(ARTICLE, quote)
        lines.append(f"T{n}\t{category} {start} {end}\t{quote}")
    (folder / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / f"{name}.ann").write_text(
        ann if ann is not None else "\n".join(lines) + "\n", encoding="utf-8"
    )
    return folder / f"{name}.ann"


def _items(key: dict[str, Any]) -> list[tuple[int, int, str]]:
    return [(i["start"], i["end"], i["category"]) for i in key["items"]]


# --- import -----------------------------------------------------------------------------------


def test_import_as_lesson_makes_a_lesson_whose_empty_rationales_check_warns_about(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ann = _brat_pair(tmp_path)
    folder = tmp_path / "plan-lesson"
    code, out, err = _run(capsys, "import", ann, "--as", "lesson", "-o", folder)
    assert code == 0, err
    assert "created lesson 'plan-lesson' with 3 key items" in out
    lesson = load_lesson(folder)
    assert lesson.article.text == ARTICLE
    assert lesson.key is not None
    assert [(i.mark.quote, i.category, i.rationale) for i in lesson.key.items] == [
        ("reckless", "loaded_language", ""),
        ("90% of residents", "unsourced_figure", ""),
        ("Experts say", "vague_attribution", ""),
    ]
    code, out, err = _run(capsys, "check", folder)
    assert code == 0
    assert "not ready to teach" in out
    assert err.count("has no rationale: students see no explanation") == 3


def test_import_as_submission_then_grade_scores_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_lesson: MakeLesson
) -> None:
    lesson = make_lesson()
    ann = _brat_pair(tmp_path, "ada")
    submission = tmp_path / "ada.submission.json"
    code, _, err = _run(
        capsys, "import", ann, "--as", "submission", "--lesson", lesson, "-o", submission
    )
    assert code == 0, err
    data = json.loads(submission.read_text(encoding="utf-8"))
    assert data["format"] == "literacy-submission"
    assert data["student"]["name"] == "ada"
    code, out, err = _run(capsys, "grade", "--lesson", lesson, "--format", "json", submission)
    assert code == 0, err
    (graded,) = json.loads(out)["submissions"]
    assert graded["counts"]["found"] == 3  # reckless, 90% of residents, Experts say: all in the key
    assert graded["score"] > 0


def test_a_copy_of_the_article_saved_on_windows_still_lands_on_the_same_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_lesson: MakeLesson
) -> None:
    lesson = make_lesson()
    raw = "\ufeff" + ARTICLE.replace("\n", "\r\n")
    (tmp_path / "w.txt").write_bytes(raw.encode("utf-8"))
    start = raw.index("reckless")
    (tmp_path / "w.ann").write_text(
        f"T1\tloaded_language {start} {start + 8}\treckless\n", encoding="utf-8"
    )
    code, out, err = _run(
        capsys, "import", tmp_path / "w.txt", "--as", "submission", "--lesson", lesson
    )
    assert code == 0, err
    (mark,) = json.loads(out)["marks"]
    assert (mark["start"], mark["end"]) == span_of(ARTICLE, "reckless")
    assert "Windows line ends (CRLF)" in err
    assert "byte-order mark" in err


def test_import_as_key_writes_a_key_for_the_lesson(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_lesson: MakeLesson
) -> None:
    lesson = make_lesson()
    ann = _brat_pair(tmp_path)
    code, out, err = _run(capsys, "import", ann, "--as", "key", "--lesson", lesson)
    assert code == 0, err
    key = json.loads(out)
    assert key["format"] == "literacy-key"
    assert key["lesson"] == "tiny"
    assert [i["quote"] for i in key["items"]] == ["reckless", "90% of residents", "Experts say"]
    assert "3 of 3 key items have no rationale" in err


def test_bad_brat_input_is_file_line_column_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ann = _brat_pair(tmp_path, ann="T1\tdoubt 0 5;6 11\tOffic cials\nT2\tNope 0 9\tOfficials\n")
    code, out, err = _run(capsys, "import", ann, "--as", "lesson", "-o", tmp_path / "l")
    assert code == 1
    assert out == ""
    lines = [PROBLEM_LINE.match(line) for line in err.strip().splitlines()]
    assert all(lines)
    assert [(m["line"], m["column"]) for m in lines if m] == [
        ("1", "10"),
        ("2", "4"),
    ]
    assert "discontinuous span" in err
    assert "unknown label 'Nope'" in err
    assert not (tmp_path / "l").exists()  # nothing half-made is left


def test_a_key_item_not_in_the_article_leaves_no_lesson_behind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_lesson: MakeLesson
) -> None:
    lesson = make_lesson()
    (tmp_path / "other.txt").write_text("A different article entirely.\n", encoding="utf-8")
    (tmp_path / "other.ann").write_text("T1\tdoubt 2 11\tdifferent\n", encoding="utf-8")
    code, _, err = _run(capsys, "import", tmp_path / "other.ann", "--as", "key", "--lesson", lesson)
    assert code == 1
    assert "other.ann:1:1: mark 'T1' ('different') not found in the article" in err


def test_import_into_a_folder_that_is_not_empty_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ann = _brat_pair(tmp_path)
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "import", ann, "--as", "lesson", "-o", taken)
    assert code == 2
    assert "already exists and is not empty" in err
    assert [p.name for p in taken.iterdir()] == ["notes.txt"]


def test_wrong_calls_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_lesson: MakeLesson
) -> None:
    ann = _brat_pair(tmp_path)
    code, _, err = _run(capsys, "import", ann, "--as", "submission")
    assert code == 2
    assert "needs --lesson" in err
    code, _, err = _run(capsys, "import", tmp_path / "plan.json", "--as", "lesson")
    assert code == 1
    assert "file not found" in err
    (tmp_path / "notes.md").write_text("# hi", encoding="utf-8")
    code, _, err = _run(capsys, "import", tmp_path / "notes.md", "--as", "lesson")
    assert code == 1
    assert "not a file import knows" in err
    assert "--from" in err


def test_label_studio_tasks_become_one_lesson_each_named_safely(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    start, end = span_of(ARTICLE, "reckless")
    region = {
        "id": "a",
        "type": "labels",
        "value": {"start": start, "end": end, "labels": ["loaded_language"]},
    }
    tasks = [
        {"id": "../../evil", "data": {"text": ARTICLE}, "annotations": [{"result": [region]}]},
        {"id": 2, "data": {"text": ARTICLE}, "annotations": [{"result": []}]},
    ]
    export = write_json(tmp_path / "export.json", tasks)
    out_folder = tmp_path / "lessons"
    code, _out, err = _run(capsys, "import", export, "--as", "lesson", "-o", out_folder)
    assert code == 0, err
    assert sorted(p.name for p in out_folder.iterdir()) == ["evil", "task-2"]
    assert not (tmp_path.parent / "evil").exists()
    assert len(load_lesson(out_folder / "evil").key.items) == 1  # type: ignore[union-attr]


def test_w3c_is_imported_as_a_submission_but_not_as_a_lesson(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_lesson: MakeLesson
) -> None:
    lesson = make_lesson()
    native = write_json(
        tmp_path / "bo.json", submission_dict([("reckless", "loaded_language")], name="Bo")
    )
    w3c = tmp_path / "bo.w3c.json"
    assert _run(capsys, "export", native, "--to", "w3c", "--lesson", lesson, "-o", w3c)[0] == 0
    code, out, _ = _run(capsys, "import", w3c, "--as", "submission", "--lesson", lesson)
    assert code == 0
    back = json.loads(out)
    assert back["student"]["name"] == "Bo"
    assert [m["quote"] for m in back["marks"]] == ["reckless"]
    code, _, err = _run(capsys, "import", w3c, "--as", "lesson")
    assert code == 2
    assert "W3C annotations carry no article" in err


# --- export -----------------------------------------------------------------------------------


def test_export_a_bundled_key_to_brat_and_back_gives_the_same_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ann = tmp_path / "key.ann"
    assert _run(capsys, "export", BUNDLED, "--to", "brat", "-o", ann)[0] == 0
    assert (tmp_path / "key.txt").read_text(encoding="utf-8") == load_lesson(
        find_lesson(BUNDLED)
    ).article.text
    code, out, err = _run(capsys, "import", ann, "--as", "key", "--lesson", BUNDLED)
    assert code == 0, err
    original = json.loads((find_lesson(BUNDLED) / "key.json").read_text(encoding="utf-8"))
    back = json.loads(out)
    assert _items(back) == _items(original)
    # brat holds a note on one line: the rationale comes back with its line breaks as spaces
    assert [i["rationale"] for i in back["items"]] == [
        one_line(i["rationale"]) for i in original["items"]
    ]


def test_export_a_bundled_key_to_label_studio_and_back_gives_the_same_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export = tmp_path / "key.ls.json"
    assert _run(capsys, "export", BUNDLED, "--to", "labelstudio", "-o", export)[0] == 0
    (task,) = json.loads(export.read_text(encoding="utf-8"))
    assert task["data"]["lesson"] == BUNDLED
    code, out, err = _run(capsys, "import", export, "--as", "key", "--lesson", BUNDLED)
    assert code == 0, err
    original = json.loads((find_lesson(BUNDLED) / "key.json").read_text(encoding="utf-8"))
    back = json.loads(out)
    assert _items(back) == _items(original)
    assert [i["rationale"] for i in back["items"]] == [i["rationale"] for i in original["items"]]
    assert [i["id"] for i in back["items"]] == [i["id"] for i in original["items"]]


def test_export_a_submission_to_label_studio_keeps_student_and_notes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_lesson: MakeLesson
) -> None:
    lesson = make_lesson()
    data = submission_dict([(q, c) for q, c, *_ in KEY_ITEMS[:3]], name="Cy")
    data["marks"][1]["note"] = "Is 'ruin' fair?\nMaybe not."
    native = write_json(tmp_path / "cy.json", data)
    export = tmp_path / "cy.ls.json"
    assert (
        _run(capsys, "export", native, "--to", "labelstudio", "--lesson", lesson, "-o", export)[0]
        == 0
    )
    code, out, err = _run(capsys, "import", export, "--as", "submission", "--lesson", lesson)
    assert code == 0, err
    back = json.loads(out)
    assert back["student"]["name"] == "Cy (cy)"
    assert [(m["start"], m["end"], m["category"], m.get("note", "")) for m in back["marks"]] == [
        (m["start"], m["end"], m["category"], m.get("note", "")) for m in data["marks"]
    ]


def test_brat_export_needs_an_ann_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "export", BUNDLED, "--to", "brat")
    assert code == 2
    assert "-o FILE.ann" in err
    code, _, err = _run(capsys, "export", BUNDLED, "--to", "brat", "-o", tmp_path / "k.json")
    assert code == 2
    assert not (tmp_path / "k.json").exists()


def test_export_and_import_list_their_formats_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("export", "import"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "brat" in out
        assert "labelstudio" in out

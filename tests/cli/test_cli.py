"""The `literacy-app` command line: check, grade, taxonomy, export, and the module entry point."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from literacy_app.cli import main
from literacy_app.core.text import sha256
from literacy_app.formats import native
from literacy_app.formats.document import JsonDocument
from tests.conftest import ARTICLE, KEY_ITEMS, LESSON_MD, key_dict, submission_dict, write_json

MakeLesson = Callable[..., Path]

REPOSITORY = Path(__file__).resolve().parents[2]
BUNDLED_LESSONS = sorted(p for p in (REPOSITORY / "lessons").iterdir() if p.is_dir())
PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")

ALL_MARKS = [(quote, category) for quote, category, *_ in KEY_ITEMS]
SOME_MARKS = [("reckless", "loaded_language"), ("Critics claim", "doubt")]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _problem_lines(stderr: str) -> list[re.Match[str]]:
    lines = stderr.strip().splitlines()
    assert lines, "expected problems on stderr"
    matches = [PROBLEM_LINE.match(line) for line in lines]
    assert all(matches), stderr
    return [m for m in matches if m]


def _bad_key() -> dict[str, Any]:
    key = key_dict()
    key["items"][0]["quote"] = "careful"
    return key


def _line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(needle)) + 1


@pytest.fixture
def subs(tmp_path: Path) -> Path:
    """A folder of two good submissions, beside (not inside) the lesson."""
    folder = tmp_path / "subs"
    folder.mkdir()
    write_json(folder / "ada.submission.json", submission_dict(ALL_MARKS, name="Ada"))
    write_json(folder / "bo.submission.json", submission_dict(SOME_MARKS, name="Bo"))
    return folder


def _grade_json(
    capsys: pytest.CaptureFixture[str], lesson: Path, *args: str
) -> tuple[int, dict[str, Any], str]:
    code, out, err = _run(capsys, "grade", "--lesson", str(lesson), "--format", "json", *args)
    return code, json.loads(out), err


# --- check ----------------------------------------------------------------------------------


def test_check_good_lesson(capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson) -> None:
    folder = make_lesson()
    code, out, err = _run(capsys, "check", str(folder))
    assert code == 0
    assert out.strip() == f"{folder}: ok"
    assert err == ""


def test_check_quiet_prints_nothing_for_a_good_lesson(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson
) -> None:
    assert _run(capsys, "check", "-q", str(make_lesson())) == (0, "", "")


def test_check_bad_key_reports_file_line_col(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson
) -> None:
    folder = make_lesson(key=_bad_key())
    code, out, err = _run(capsys, "check", str(folder))
    assert code == 1
    assert "ok" not in out
    assert "Traceback" not in err
    [problem] = _problem_lines(err)
    assert problem["file"] == str(folder / "key.json")
    assert int(problem["line"]) == _line_of(folder / "key.json", '"careful"')
    assert "'careful'" in problem["message"]
    assert "(at $.items[0].quote)" in problem["message"]


def test_check_a_key_file_directly_uses_the_lesson_beside_it(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson
) -> None:
    folder = make_lesson(key=_bad_key())
    code, _, err = _run(capsys, "check", str(folder / "key.json"))
    assert code == 1
    [problem] = _problem_lines(err)
    assert problem["file"] == str(folder / "key.json")
    assert "'reckless'" in problem["message"]  # checked against the article


def test_check_several_paths_fails_if_any_fails(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson
) -> None:
    good = make_lesson("good")
    bad = make_lesson("bad", key=_bad_key())
    code, out, err = _run(capsys, "check", str(good), str(bad))
    assert code == 1
    assert f"{good}: ok" in out
    assert str(bad / "key.json") in err


def test_check_bad_json_syntax_is_a_located_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.submission.json"
    path.write_text('{\n  "format": "literacy-submission",\n  "marks": [\n}\n', encoding="utf-8")
    code, _, err = _run(capsys, "check", str(path))
    assert code == 1
    [problem] = _problem_lines(err)
    assert (problem["file"], problem["line"]) == (str(path), "4")
    assert "invalid JSON" in problem["message"]


def test_check_fails_a_lesson_whose_key_has_an_orphan(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    changed = ARTICLE.replace("Experts say", "A report by the city audit office found")
    folder = make_lesson(text=changed, key=key_dict(ARTICLE))
    # grade cannot use this lesson ...
    sub = write_json(tmp_path / "s.json", submission_dict(SOME_MARKS, text=changed))
    assert _run(capsys, "grade", "--lesson", str(folder), str(sub))[0] == 1
    # ... so check must not call it ok
    code, out, _ = _run(capsys, "check", str(folder))
    assert code == 1
    assert "ok" not in out


@pytest.mark.parametrize("lesson", BUNDLED_LESSONS, ids=[p.name for p in BUNDLED_LESSONS])
def test_every_bundled_lesson_passes_check(
    capsys: pytest.CaptureFixture[str], lesson: Path
) -> None:
    code, out, err = _run(capsys, "check", str(lesson))
    assert code == 0, err
    assert out.startswith(f"{lesson}: ok")
    assert "warning" not in out
    assert err == ""


def test_there_are_bundled_lessons_with_keys() -> None:
    assert len(BUNDLED_LESSONS) >= 4
    for lesson in BUNDLED_LESSONS:
        assert (lesson / "lesson.md").is_file()
        assert (lesson / "key.json").is_file()


# --- the module entry point -----------------------------------------------------------------


def _module(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "literacy_app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        env=env,
    )


def test_python_m_check_good_lesson(make_lesson: MakeLesson) -> None:
    folder = make_lesson()
    done = _module("check", str(folder))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{folder}: ok"


def test_python_m_check_bad_key_exits_1_without_traceback(make_lesson: MakeLesson) -> None:
    folder = make_lesson(key=_bad_key())
    done = _module("check", str(folder))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [problem] = _problem_lines(done.stderr)
    assert problem["file"] == str(folder / "key.json")


# --- grade ----------------------------------------------------------------------------------


def test_grade_json_has_scores_and_items_per_submission(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, report, err = _grade_json(capsys, make_lesson(), str(subs))
    assert code == 0
    assert err == ""
    assert report["lesson"] == "tiny"
    assert report["errors"] == []
    by_name = {s["student"]["name"]: s for s in report["submissions"]}
    assert set(by_name) == {"Ada", "Bo"}

    ada = by_name["Ada"]
    assert (ada["score"], ada["precision"], ada["recall"], ada["f1"]) == (100.0, 1.0, 1.0, 1.0)
    assert [i["outcome"] for i in ada["items"]] == ["found"] * len(KEY_ITEMS)

    bo = by_name["Bo"]
    # 1 of 6 required items; the mark outside the key is within the free allowance (7 // 4)
    assert bo["score"] == pytest.approx(100 / 6, abs=0.01)
    assert bo["precision"] == 0.5  # one of two marks is in the key
    assert bo["recall"] == pytest.approx(1 / 7, abs=1e-5)
    assert bo["f1"] == pytest.approx(2 * 0.5 * (1 / 7) / (0.5 + 1 / 7), abs=1e-5)
    items = {i["id"]: i for i in bo["items"]}
    assert (items["k1"]["outcome"], items["k1"]["credit"], items["k1"]["mark_ids"]) == (
        "found",
        1.0,
        ["m1"],
    )
    assert (items["k2"]["outcome"], items["k2"]["credit"], items["k2"]["mark_ids"]) == (
        "missed",
        0.0,
        [],
    )


def test_grade_folder_with_a_bad_submission_grades_the_others(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    bad = submission_dict(SOME_MARKS, name="Cy")
    bad["marks"][0]["start"] = "18"
    bad_path = write_json(subs / "cy.submission.json", bad)
    code, report, err = _grade_json(capsys, make_lesson(), str(subs))
    assert code == 1
    assert "Traceback" not in err
    [problem] = _problem_lines(err)
    assert problem["file"] == str(bad_path)
    assert "expected a whole number" in problem["message"]
    assert sorted(s["student"]["name"] for s in report["submissions"]) == ["Ada", "Bo"]
    assert [e["file"] for e in report["errors"]] == [str(bad_path)]


def test_grade_csv_has_a_header_and_one_row_per_student(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, out, _ = _run(
        capsys, "grade", "--lesson", str(make_lesson()), "--format", "csv", str(subs)
    )
    assert code == 0
    header, *rows = list(csv.reader(io.StringIO(out)))
    # the gradebook's columns, as `review --format csv` names them (docs/formats.md)
    assert header[:3] == ["Student", "ID", "Score"]
    assert {"Precision", "Recall", "F1", "File"} <= set(header)
    assert len(rows) == 2
    table = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert table["Ada"]["Score"] == "100.0"
    assert table["Bo"]["Found"] == "1"
    assert table["Bo"]["Not in key"] == "1"
    assert table["Bo"]["Precision"] == "50.0"  # a percentage, like the score


def test_grade_semeval_gives_precision_recall_f1(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    # right spans, one wrong label: perfect unlabelled scores, lower labelled ones
    marks = [("reckless", "exaggeration"), ("ruin the city", "exaggeration")]
    path = write_json(tmp_path / "s.json", submission_dict(marks))
    code, report, _ = _grade_json(capsys, make_lesson(), "--metric", "semeval", str(path))
    assert code == 0
    assert report["metric"] == "semeval"
    [entry] = report["submissions"]
    assert entry["precision"] == entry["unlabelled"]["precision"] == 1.0
    assert entry["recall"] == pytest.approx(2 / 7, abs=1e-5)
    assert entry["f1"] == pytest.approx(2 * (2 / 7) / (1 + 2 / 7), abs=1e-5)
    assert entry["labelled"]["precision"] < entry["unlabelled"]["precision"]
    assert entry["unlabelled"]["gold_spans"] == len(KEY_ITEMS)


def test_grade_semeval_csv_columns(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, out, _ = _run(
        capsys,
        "grade",
        "--lesson",
        str(make_lesson()),
        "--metric",
        "semeval",
        "--format",
        "csv",
        str(subs),
    )
    assert code == 0
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert {"P", "R", "F1"} <= set(header)
    assert len(rows) == 2


def test_grade_output_file_and_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path, tmp_path: Path
) -> None:
    target = tmp_path / "grades.json"
    code, out, _ = _run(
        capsys,
        "grade",
        "--lesson",
        str(make_lesson()),
        "--format",
        "json",
        "-o",
        str(target),
        str(subs),
    )
    assert code == 0
    assert out == ""
    report = json.loads(target.read_text(encoding="utf-8"))
    assert len(report["submissions"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades.json", "subs", "tiny"]


def test_grade_reports_orphans_of_a_submission_for_another_article_version(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    older = ARTICLE + "Sources close to the mayor deny it.\n"
    marks = [("reckless", "loaded_language"), ("Sources close to the mayor", "vague_attribution")]
    path = write_json(tmp_path / "s.json", submission_dict(marks, text=older))
    code, report, err = _grade_json(capsys, make_lesson(), str(path))
    assert code == 0
    [entry] = report["submissions"]
    assert entry["orphans"] == [{"id": "m2", "quote": "Sources close to the mayor"}]
    assert any("orphan" in w for w in entry["warnings"])
    assert "orphan" in err


def test_grade_a_lesson_without_a_key_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, _, err = _run(capsys, "grade", "--lesson", str(make_lesson(key=False)), str(subs))
    assert code == 1
    assert "no answer key" in err
    assert "Traceback" not in err


# --- taxonomy -------------------------------------------------------------------------------

PTC_LABELS = {
    "Loaded_Language": "loaded_language",
    "Name_Calling,Labeling": "name_calling",
    "Repetition": "repetition",
    "Exaggeration,Minimisation": "exaggeration",
    "Doubt": "doubt",
    "Appeal_to_fear-prejudice": "appeal_to_fear",
    "Flag-Waving": "flag_waving",
    "Causal_Oversimplification": "causal_oversimplification",
    "Slogans": "slogans",
    "Appeal_to_Authority": "appeal_to_authority",
    "Black-and-White_Fallacy": "black_and_white",
    "Thought-terminating_Cliches": "thought_terminating_cliche",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon",
}


@pytest.fixture
def taxonomy_json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, _ = _run(capsys, "taxonomy", "--format", "json")
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    return data


def test_taxonomy_json_lists_22_categories_in_both_groups(taxonomy_json: dict[str, Any]) -> None:
    categories = taxonomy_json["categories"]
    assert len(categories) == 22
    groups = {c["id"]: c["group"] for c in categories}
    assert set(groups.values()) == {"framing", "claim"}
    assert groups["appeal_to_authority"] == "claim"
    assert groups["causal_oversimplification"] == "claim"
    assert groups["loaded_language"] == "framing"
    assert taxonomy_json["palette"] == [c["id"] for c in categories]


@pytest.mark.parametrize(("label", "expected"), sorted(PTC_LABELS.items()))
def test_taxonomy_json_resolves_every_ptc_label(
    taxonomy_json: dict[str, Any], label: str, expected: str
) -> None:
    printed = {k: v for k, v in taxonomy_json.items() if k != "palette"}
    taxonomy = native.parse_taxonomy(JsonDocument.parse(json.dumps(printed), "printed.json"))
    assert taxonomy.resolve(label) == expected


def test_taxonomy_json_non_sequitur_is_causal_oversimplification(
    taxonomy_json: dict[str, Any],
) -> None:
    [owner] = [c for c in taxonomy_json["categories"] if "non_sequitur" in c["aliases"]]
    assert owner["id"] == "causal_oversimplification"


def test_taxonomy_table_of_a_lesson_flags_categories_outside_its_palette(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson
) -> None:
    md = LESSON_MD.replace("minutes: 5\n", "minutes: 5\ncategories: [doubt]\n")
    code, out, _ = _run(capsys, "taxonomy", "--lesson", str(make_lesson(lesson_md=md)))
    assert code == 0

    def row(category: str) -> str:
        [line] = [x for x in out.splitlines() if re.match(rf"^  (\[\S+\] |    ){category} ", x)]
        return line

    assert "not in this lesson's palette" not in row("doubt")
    assert "not in this lesson's palette" in row("loaded_language")


# --- export ---------------------------------------------------------------------------------


def test_grade_json_says_whether_and_when_the_answers_were_shown(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    data = submission_dict(SOME_MARKS, name="Cy")
    data["attempts"] = 3
    data["answers_shown"] = {"attempts": 2, "requested": True}
    write_json(subs / "cy.submission.json", data)
    _, report, _ = _grade_json(capsys, make_lesson(), str(subs))
    by_name = {s["student"]["name"]: s for s in report["submissions"]}
    assert by_name["Cy"]["attempts"] == 3
    assert by_name["Cy"]["answers_shown"] == {"attempts": 2, "requested": True}
    assert by_name["Bo"]["answers_shown"] is None


def test_export_to_w3c_then_grade_gives_the_same_score(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path, tmp_path: Path
) -> None:
    lesson = make_lesson()
    original = subs / "bo.submission.json"
    exported = tmp_path / "bo.w3c.json"
    code, out, _ = _run(
        capsys, "export", str(original), "--to", "w3c", "--lesson", str(lesson), "-o", str(exported)
    )
    assert (code, out) == (0, "")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"

    _, before, _ = _grade_json(capsys, lesson, str(original))
    _, after, _ = _grade_json(capsys, lesson, str(exported))
    [b], [a] = before["submissions"], after["submissions"]
    assert a["score"] == b["score"] == pytest.approx(100 / 6, abs=0.01)
    assert (a["precision"], a["recall"], a["f1"]) == (b["precision"], b["recall"], b["f1"])
    assert a["items"] == b["items"]
    assert a["student"] == b["student"]


def test_export_lesson_key_to_w3c_on_stdout(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson
) -> None:
    code, out, _ = _run(capsys, "export", str(make_lesson()), "--to", "w3c")
    assert code == 0
    data = json.loads(out)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["total"] == len(KEY_ITEMS)
    assert data["first"]["items"][0]["target"]["source"] == f"urn:sha256:{sha256(ARTICLE)}"


def test_export_there_and_back_finds_a_bundled_lesson_by_itself(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """No --lesson either way: a native file names its lesson in `lesson`, a W3C export in the
    collection's lesson field, and both are found among the bundled lessons."""
    sample = (
        Path(__file__).resolve().parents[2] / "docs/examples/bakhmut-op-ed.sample.submission.json"
    )
    there, back = tmp_path / "marks.w3c.json", tmp_path / "marks.json"
    assert _run(capsys, "export", str(sample), "--to", "w3c", "-o", str(there))[0] == 0
    assert _run(capsys, "export", str(there), "--to", "native", "-o", str(back))[0] == 0

    def marks(path: Path) -> list[tuple[str, int, int, str, str]]:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            (m["id"], m["start"], m["end"], m["category"], m.get("note", "")) for m in data["marks"]
        ]

    assert marks(back) == marks(sample)
    assert json.loads(back.read_text(encoding="utf-8"))["lesson"] == "bakhmut-op-ed"


# --- help -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [[], ["open"], ["check"], ["grade"], ["taxonomy"], ["export"]],
    ids=["main", "open", "check", "grade", "taxonomy", "export"],
)
def test_help_works_for_every_command(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: literacy-app")
    if command:
        assert f"literacy-app {command[0]}" in out


# --- windows without a display ----------------------------------------------------------------


def _headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m literacy_app ARGS` where no display exists and no Qt platform is named."""
    import os

    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["LITERACY_APP_HOME"] = str(tmp_path / "home")
    return _module(*args, env=env)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland desktops")
@pytest.mark.parametrize("command", [["open"], ["author", "bakhmut-op-ed"]])
def test_a_window_without_a_display_is_a_message_not_a_core_dump(
    tmp_path: Path, command: list[str]
) -> None:
    done = _headless(tmp_path, *command)
    assert done.returncode == 2  # Qt itself would abort (SIGABRT, -6)
    assert "no display to open a window on" in done.stderr
    assert "--screenshot" in done.stderr


def test_a_screenshot_needs_no_display(tmp_path: Path, make_lesson: MakeLesson) -> None:
    picture = tmp_path / "window.png"
    done = _headless(tmp_path, "open", str(make_lesson()), "--screenshot", str(picture))
    assert done.returncode == 0, done.stderr
    assert picture.read_bytes().startswith(b"\x89PNG")

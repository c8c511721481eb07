"""`literacy-app review --format html|pdf` (the class report) and `--format csv --lms NAME`
(the gradebook for an LMS import), driven through the command line as a teacher runs them."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from literacy_app.cli import main
from tests.conftest import KEY_ITEMS, submission_dict, write_json

MakeLesson = Callable[..., Path]
ALL_MARKS = [(quote, category) for quote, category, *_ in KEY_ITEMS]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def subs(tmp_path: Path) -> Path:
    """Ada (id ada@school.org, every item), Bo (id "bo", one item), and a student with no id."""
    folder = tmp_path / "class"
    folder.mkdir()
    ada = submission_dict(ALL_MARKS, name="Ada Lovelace")
    ada["student"]["id"] = "ada@school.org"
    write_json(folder / "ada.json", ada)
    write_json(folder / "bo.json", submission_dict([("reckless", "loaded_language")], name="Bo"))
    anonymous = submission_dict([("Experts say", "vague_attribution")], name="<b>Nemo</b>")
    anonymous["student"]["id"] = ""
    write_json(folder / "nemo.json", anonymous)
    return folder


def test_html_report_to_stdout(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, out, err = _run(
        capsys, "review", "--lesson", str(make_lesson()), str(subs), "--format", "html"
    )
    assert code == 0
    assert err == ""
    assert out.startswith("<!DOCTYPE html>")
    assert "<title>Class report: A tiny lesson</title>" in out
    assert "3 students" in out
    for text in (
        "Ada Lovelace",
        "100.0",
        "Bo",
        "&lt;b&gt;Nemo&lt;/b&gt;",
        "Heat map of the article",
    ):
        assert text in out
    assert "<b>Nemo" not in out
    assert "<script" not in out.lower()


def test_html_report_to_a_file(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "class.html"
    target.parent.mkdir()
    code, out, err = _run(
        capsys,
        "review",
        "--lesson",
        str(make_lesson()),
        str(subs),
        "--format",
        "html",
        "-o",
        str(target),
    )
    assert (code, out, err) == (0, "", "")
    page = target.read_text(encoding="utf-8")
    assert "Ada Lovelace" in page
    assert "Key item detection rates" in page


def test_pdf_report_has_pages_for_each_section(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path, tmp_path: Path
) -> None:
    target = tmp_path / "class.pdf"
    code, out, err = _run(
        capsys,
        "review",
        "--lesson",
        str(make_lesson()),
        str(subs),
        "--format",
        "pdf",
        "-o",
        str(target),
    )
    assert (code, out, err) == (0, "", "")
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages >= 4  # the first page, then items, heat map and hot spots each start one
    assert not list(tmp_path.glob(".*"))  # no temporary sibling left behind


def test_pdf_needs_an_output_file(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    code, out, err = _run(
        capsys, "review", "--lesson", str(make_lesson()), str(subs), "--format", "pdf"
    )
    assert code == 2
    assert out == ""
    assert "-o FILE.pdf" in err


def test_pdf_into_a_missing_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    target = blocker / "class.pdf"
    code, _, err = _run(
        capsys,
        "review",
        "--lesson",
        str(make_lesson()),
        str(subs),
        "--format",
        "pdf",
        "-o",
        str(target),
    )
    assert code == 2
    assert f"{target}: cannot write" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--format", "html", "--view", "items"], "drop --view"),
        (["--format", "json", "--lms", "canvas"], "--lms is for the gradebook as CSV"),
        (["--format", "csv", "--view", "items", "--lms", "moodle"], "--lms is for the gradebook"),
        (["--format", "html", "--excel"], "--excel is for --format csv"),
    ],
)
def test_options_that_do_not_fit_together(
    capsys: pytest.CaptureFixture[str],
    make_lesson: MakeLesson,
    subs: Path,
    extra: list[str],
    message: str,
) -> None:
    code, out, err = _run(capsys, "review", "--lesson", str(make_lesson()), str(subs), *extra)
    assert code == 2
    assert out == ""
    assert message in err


def test_unknown_lms_is_refused_by_the_parser(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(
            ["review", "--lesson", str(make_lesson()), str(subs), "--format", "csv", "--lms", "bb"]
        )
    assert exit_info.value.code == 2
    assert "invalid choice: 'bb'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lms", "header", "nemo_identifier"),
    [
        ("canvas", ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "A tiny lesson"], 2),
        ("moodle", ["Full name", "ID number", "Email address", "A tiny lesson"], 1),
        ("google", ["Email address", "First name", "Last name", "A tiny lesson"], 0),
    ],
)
def test_lms_gradebook_csv(
    capsys: pytest.CaptureFixture[str],
    make_lesson: MakeLesson,
    subs: Path,
    lms: str,
    header: list[str],
    nemo_identifier: int,
) -> None:
    code, out, err = _run(
        capsys, "review", "--lesson", str(make_lesson()), str(subs), "--format", "csv", "--lms", lms
    )
    assert code == 0  # warnings do not fail the run
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == header
    students = rows[2:] if lms == "canvas" else rows[1:]
    assert len(students) == 3
    assert all(row[-1] for row in students)  # every student has a score
    ada = next(row for row in students if "Ada" in " ".join(row))
    assert ada[-1] == "100.0"
    nemo = next(row for row in students if "Nemo" in " ".join(row))
    assert nemo[nemo_identifier] == ""
    warned = [line for line in err.splitlines() if "warning:" in line]
    assert any(line.startswith(f"{subs / 'nemo.json'}:1:1: warning:") for line in warned)
    if lms == "google":
        assert len(warned) == 2  # Bo's id "bo" is not an email; Nemo has none
        assert ada[0] == "ada@school.org"
        assert ada[1:3] == ["Ada", "Lovelace"]
    else:
        assert len(warned) == 1


def test_lms_csv_to_a_file_with_a_byte_order_mark(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path, tmp_path: Path
) -> None:
    target = tmp_path / "grades.csv"
    code, out, _ = _run(
        capsys,
        "review",
        "--lesson",
        str(make_lesson()),
        str(subs),
        "--format",
        "csv",
        "--lms",
        "moodle",
        "--excel",
        "-o",
        str(target),
    )
    assert code == 0
    assert out == ""
    data = target.read_bytes()
    assert data.startswith("\ufeffFull name,ID number,Email address,".encode())
    assert b"\r\n" in data


def test_a_bad_file_is_reported_and_named_in_the_report(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, subs: Path
) -> None:
    (subs / "broken.json").write_text("{not json", encoding="utf-8")
    code, out, err = _run(
        capsys, "review", "--lesson", str(make_lesson()), str(subs), "--format", "html"
    )
    assert code == 1
    assert f"{subs / 'broken.json'}:" in err
    assert "1 file(s) could not be used" in out
    assert "broken.json" in out
    assert "3 students" in out

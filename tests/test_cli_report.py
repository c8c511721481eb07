"""`literacy-app report`: feedback reports and handouts from the command line, as HTML and PDF;
a bad file is named on stderr (FILE:LINE:COL) and the others are still written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from literacy_app.cli import main
from tests.conftest import submission_dict, write_json

READINGS = Path(__file__).resolve().parent / "lessons" / "readings" / "bakhmut-op-ed"


def test_html_reports_one_per_submission_named_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    files = [READINGS / "reader-phrase.json", READINGS / "reader-tight.json"]
    assert main(["report", "--lesson", "bakhmut-op-ed", *map(str, files), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert sorted(p.name for p in out.iterdir()) == ["reader-phrase.html", "reader-tight.html"]
    assert captured.out.split() == [str(out / "reader-phrase.html"), str(out / "reader-tight.html")]
    page = (out / "reader-phrase.html").read_text(encoding="utf-8")
    assert "Reading an op-ed: the battle of Bakhmut" in page
    assert "Feedback for Careful reader (phrase)" in page
    assert "headline decides for the reader" in page  # the student's note
    assert "<script" not in page.lower()


def test_pdf_reports_and_the_handout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):  # a server, no desktop
        monkeypatch.delenv(name, raising=False)
    out = tmp_path / "pdf"
    code = main(
        [
            "report",
            "--lesson",
            "bakhmut-op-ed",
            str(READINGS / "reader-phrase.json"),
            "--handout",
            "--to",
            "pdf",
            "-o",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert os.environ.get("QT_QPA_PLATFORM") == "offscreen"  # drawn without a display
    for name in ("reader-phrase.pdf", "bakhmut-op-ed-handout.pdf"):
        data = (out / name).read_bytes()
        assert data.startswith(b"%PDF-")
        assert len(data) > 5_000


def test_the_handout_as_html_has_no_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "h"
    assert main(["report", "--lesson", "bakhmut-op-ed", "--handout", "-o", str(out)]) == 0
    page = (out / "bakhmut-op-ed-handout.html").read_text(encoding="utf-8")
    assert "Categories to look for" in page
    assert "Why it matters" not in page
    assert "Debrief" not in page


def test_bad_files_are_named_and_the_rest_still_written(
    make_lesson: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_lesson()
    good = write_json(tmp_path / "ada.json", submission_dict([("reckless", "loaded_language")]))
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format": "literacy-submission",\n  "marks": [\n}', encoding="utf-8")
    other = write_json(
        tmp_path / "other.json", submission_dict([("reckless", "loaded_language")], lesson="else")
    )
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    same_name = tmp_path / "again"
    same_name.mkdir()
    write_json(same_name / "ada.json", submission_dict([], name="Ada2"))
    out = tmp_path / "out"
    paths = [good, broken, other, binary, same_name / "ada.json", tmp_path / "missing.json"]
    code = main(["report", "--lesson", str(folder), *map(str, paths), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["ada-2.html", "ada.html"]
    assert f"{broken}:4:1:" in err
    assert f"{other}:" in err
    assert "written for lesson 'else', not 'tiny': no report" in err
    assert f"{binary}:" in err
    assert f"{tmp_path / 'missing.json'}:" in err
    assert "Traceback" not in err
    assert "Ada2" in (out / "ada-2.html").read_text(encoding="utf-8")


def test_wrong_calls_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--lesson", "bakhmut-op-ed", "-o", str(tmp_path)]) == 2
    assert "--handout" in capsys.readouterr().err
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert main(["report", "--lesson", "bakhmut-op-ed", "--handout", "-o", str(a_file)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_a_handout_that_would_quote_the_key_is_refused_on_stderr(
    make_lesson: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import LESSON_MD

    folder = make_lesson(
        lesson_md=LESSON_MD.replace("Mark what persuades.", "Mark *ruin the city*.")
    )
    code = main(["report", "--lesson", str(folder), "--handout", "-o", str(tmp_path / "o")])
    assert code == 1
    err = capsys.readouterr().err
    assert "lesson.md:" in err
    assert "key item 'k2'" in err
    assert not (tmp_path / "o" / "tiny-handout.html").exists()

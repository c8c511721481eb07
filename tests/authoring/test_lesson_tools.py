"""`literacy-app new-lesson`, `package` and `unpack`, end to end through `cli.main`."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest

from literacy_app.authoring.checking import check
from literacy_app.cli import main
from literacy_app.formats.lesson_package import load_lesson

DATA = Path(__file__).parent / "data"
PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_lesson_package_unpack(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "bus-lanes"
    code, out, err = _run(
        capsys,
        "new-lesson",
        str(DATA / "news_page.html"),
        "-o",
        str(folder),
        "--difficulty",
        "beginner",
        "--minutes",
        "15",
        "--categories",
        "loaded_language, vague_attribution",
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"{folder}: created lesson 'bus-lanes'")
    lesson = load_lesson(folder)
    assert lesson.id == "bus-lanes"
    assert lesson.title == "Council Backs Riverside Bus Lanes After Heated Debate"
    assert lesson.article.attribution.author == "Priya Natarajan"
    assert (lesson.difficulty, lesson.minutes) == ("beginner", 15)
    assert lesson.palette.ids == ("loaded_language", "vague_attribution")
    assert "ADVERTISEMENT" not in lesson.article.text
    unfinished = check(folder)  # a new lesson loads, and says what is left to write
    assert unfinished
    assert {p.severity for p in unfinished} == {"warning"}

    handout = tmp_path / "handout.zip"
    code, out, err = _run(capsys, "package", str(folder), "-o", str(handout), "--handout")
    assert (code, out) == (1, "")  # refused until finished, or packaged as a draft
    assert not handout.exists()
    code, out, err = _run(
        capsys, "package", str(folder), "-o", str(handout), "--handout", "--draft"
    )
    assert code == 0
    assert err.count("warning: ") == len(unfinished)
    assert out == (  # what the handout's lesson.md left out is reported, one line each
        f"{handout}: handout (no key), a draft with {len(unfinished)} unfinished parts "
        "(listed above)\n"
        "  left out the Debrief: it explains the key, so it arrives with the key\n"
    )
    with zipfile.ZipFile(handout) as archive:
        assert "bus-lanes/key.json" not in archive.namelist()

    full = tmp_path / "full"
    code, out, _ = _run(capsys, "package", str(folder), "-o", str(full), "--draft")
    assert code == 0
    assert out.startswith(f"{full}: full package (with key), a draft with ")
    assert (full / "key.json").read_bytes() == (folder / "key.json").read_bytes()

    code, out, err = _run(capsys, "unpack", str(handout), "-o", str(tmp_path / "class"))
    assert (code, err) == (0, "")
    assert out == f"{tmp_path / 'class' / 'bus-lanes'}: unpacked and checked\n"
    assert load_lesson(tmp_path / "class" / "bus-lanes").key is None


def test_new_lesson_from_stdin_with_id_and_title(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pasted = "Town Bans Cars\r\n\r\nThe so-called experts were ignored.\r\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(pasted.encode("utf-8"))))
    folder = tmp_path / "Some Folder"
    code, _, err = _run(
        capsys, "new-lesson", "-", "-o", str(folder), "--id", "cars", "--title", "Cars: a lesson"
    )
    assert (code, err) == (0, "")
    lesson = load_lesson(folder)
    assert (lesson.id, lesson.title, lesson.article.title) == (
        "cars",
        "Cars: a lesson",
        "Town Bans Cars",
    )
    assert lesson.article.text == "Town Bans Cars\n\nThe so-called experts were ignored.\n"


def test_default_id_comes_from_the_folder_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = _run(
        capsys, "new-lesson", str(DATA / "opinion.md"), "-o", str(tmp_path / "My Op-Ed!")
    )
    assert code == 0
    assert load_lesson(tmp_path / "My Op-Ed!").id == "my-op-ed"


def test_errors_are_one_line_and_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Headline\nThe café.\n".encode("latin-1"))
    code, out, err = _run(capsys, "new-lesson", str(latin1), "-o", str(tmp_path / "x"))
    assert (code, out) == (1, "")
    match = PROBLEM_LINE.match(err.strip())
    assert match, err
    assert (match["file"], match["line"], match["column"]) == (str(latin1), "2", "8")
    assert not (tmp_path / "x").exists()

    folder = tmp_path / "bus"
    assert _run(capsys, "new-lesson", str(DATA / "opinion.md"), "-o", str(folder))[0] == 0
    code, _, err = _run(capsys, "new-lesson", str(DATA / "opinion.md"), "-o", str(folder))
    assert code == 1
    assert err == f"literacy-app: {folder}: already exists and is not empty; choose a new folder\n"

    code, _, err = _run(capsys, "package", str(folder), "-o", str(folder), "--draft")
    assert code == 1
    err = "".join(line for line in err.splitlines(True) if ": warning: " not in line)
    assert err.count("\n") == 1
    assert "already exists" in err

    code, _, err = _run(capsys, "package", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o.zip"))
    assert code == 1
    assert PROBLEM_LINE.match(err.strip())

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("bus/lesson.md", "---\n")
        archive.writestr("../escape.txt", "pwned")
    code, _, err = _run(capsys, "unpack", str(evil), "-o", str(tmp_path / "in"))
    assert code == 1
    match = PROBLEM_LINE.match(err.strip())
    assert match, err
    assert "'..' in the path" in match["message"]
    assert not (tmp_path / "escape.txt").exists()

    code, _, err = _run(
        capsys,
        "new-lesson",
        str(DATA / "opinion.md"),
        "-o",
        str(tmp_path / "y"),
        "--categories",
        "nonsense",
    )
    assert code == 1
    assert "unknown categories: nonsense" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["new-lesson", "package", "unpack"])
def test_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as raised:
        main([command, "--help"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: literacy-app {command}")
    assert "-o" in out


def test_bad_usage_is_argparse_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["new-lesson", "article.txt", "-o", "x", "--minutes", "0"])
    assert raised.value.code == 2
    assert "expected at least 1" in capsys.readouterr().err

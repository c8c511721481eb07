"""Issue #14, the output side: where the app writes (a read-only folder, a full disk) and what
it prints when names and ids from strangers hold control characters, newlines and lone
surrogates. These files are valid, so the commands succeed: the point is what reaches the
terminal and the disk."""

from __future__ import annotations

import errno
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from literacy_app.cli import main
from literacy_app.formats import atomic
from literacy_app.resources import default_lesson
from tests.bad_inputs.corpus import good_lesson, good_submission
from tests.conftest import write_json

#: Names as a stranger may write them: an ESC sequence that clears the screen, a NUL, a CR
#: that returns to the start of the line, a newline that starts a fake row, a lone surrogate.
HOSTILE_NAMES = ["Eve\x1b[2J", "Mal\x00lory", "Trudy\rAda 100.0", "Bob\nZed", "Ivan\ud800"]
_RAW = ("\x1b", "\x00", "\r", "\ud800")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def handed_in(tmp_path: Path) -> tuple[Path, Path]:
    """A lesson and a folder of submissions from students with hostile names."""
    lesson = good_lesson(tmp_path)
    folder = tmp_path / "handed-in"
    folder.mkdir()
    for number, name in enumerate(HOSTILE_NAMES):
        data = good_submission()
        data["student"] = {"name": name, "id": f"s{number}\x1b[1m"}
        text = json.dumps(data, indent=2)  # ensure_ascii: the surrogate stays an escape
        (folder / f"s{number}.json").write_text(text, encoding="utf-8")
    return lesson, folder


# --- control characters in tables ------------------------------------------------------------


@pytest.mark.parametrize("command", ["grade", "review"])
def test_hostile_names_reach_the_table_as_escapes(
    capsys: pytest.CaptureFixture[str], handed_in: tuple[Path, Path], command: str
) -> None:
    lesson, folder = handed_in
    code, out, err = _run(capsys, command, "--lesson", str(lesson), str(folder))
    assert code == 0, err
    for raw in _RAW:
        assert raw not in out
        assert raw not in err
    assert "Eve\\x1b[2J" in out
    assert "Mal\\x00lory" in out
    assert "Bob\\x0aZed" in out  # one row, not two
    assert "Ivan\ufffd" in out
    rows = [line for line in out.splitlines() if "\\x1b[1m" in line]
    assert len(rows) == len(HOSTILE_NAMES)  # one row each: no name split a row in two
    columns = {row.index(f"s{n}\\x1b[1m") for n, row in enumerate(sorted(rows, key=_number))}
    assert len(columns) == 1  # the id column starts at the same place in every row


def test_hostile_names_in_csv_keep_no_terminal_controls(
    capsys: pytest.CaptureFixture[str], handed_in: tuple[Path, Path]
) -> None:
    lesson, folder = handed_in
    code, out, err = _run(capsys, "grade", "--lesson", str(lesson), str(folder), "--format", "csv")
    assert code == 0, err
    assert "\x1b" not in out
    assert "\x00" not in out
    assert "Eve\\x1b[2J" in out
    assert '"Bob\nZed"' in out  # a newline is text a quoted CSV cell holds


def _number(row: str) -> int:
    return int(row.split("\\x1b[1m")[0].rsplit("s", 1)[1])


# --- where the app writes ------------------------------------------------------------------------


def test_output_into_a_missing_folder_under_a_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    code, _out, err = _run(capsys, "taxonomy", "-o", str(blocker / "taxonomy.txt"))
    assert code == 2
    assert err.count("\n") == 1
    assert f"{blocker / 'taxonomy.txt'}: cannot write:" in err


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes anywhere")
def test_output_into_a_read_only_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _out, err = _run(capsys, "taxonomy", "-o", str(folder / "t.txt"))
    finally:
        folder.chmod(0o755)
    assert code == 2
    assert err == f"literacy-app: {folder / 't.txt'}: cannot write: Permission denied\n"
    assert list(folder.iterdir()) == []


def test_a_failed_write_whose_clean_up_fails_too_is_still_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only folder of issue #14 as root sees it: the write fails, and so does removing
    the half-written file (a read-only file system refuses both)."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.os, "fsync", refuse)
    monkeypatch.setattr(atomic.os, "unlink", refuse)
    lesson = good_lesson(tmp_path)
    submission = write_json(tmp_path / "ada.json", good_submission())
    target = tmp_path / "out.json"
    argv = ["export", str(submission), "--to", "w3c", "--lesson", str(lesson), "-o", str(target)]
    code, _out, err = _run(capsys, *argv)
    assert code == 2
    assert err == f"literacy-app: {target}: cannot write: Read-only file system\n"
    assert not target.exists()


def test_package_on_a_full_disk_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    lesson = shutil.copytree(default_lesson(), tmp_path / "lesson")
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    target = tmp_path / "shared" / "lesson.zip"
    code, _out, err = _run(capsys, "package", str(lesson), "-o", str(target), "--draft")
    assert code == 1
    assert f"literacy-app: {target}: No space left on device\n" in err
    assert list(target.parent.iterdir()) == []  # no half-written sibling left behind


def test_unpack_on_a_full_disk_names_the_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = shutil.copytree(default_lesson(), tmp_path / "lesson")
    package = tmp_path / "lesson.zip"
    assert main(["package", str(lesson), "-o", str(package), "--draft"]) == 0
    capsys.readouterr()
    real_open = Path.open

    def full(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "xb":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", full)
    code, _out, err = _run(capsys, "unpack", str(package), "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.startswith(f"literacy-app: {tmp_path / 'out'}")
    assert "No space left" in err
    assert list((tmp_path / "out").iterdir()) == []

"""Files written by authoring get the permissions any program's new files get (the user's
umask), not the 0600 of a temporary file; a file that is saved over keeps the mode its owner
gave it. A lesson folder shared with colleagues must stay readable to them."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from literacy_app.authoring.packaging import export_package, import_package
from literacy_app.authoring.writing import save_lesson
from literacy_app.formats.atomic import atomic_write
from literacy_app.formats.lesson_package import load_lesson
from tests.authoring.test_writing import make_new_lesson

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture
def umask() -> Iterator[None]:
    """A umask of 0o022 for the test (a test may set another), the old one put back."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("mask", "file_mode", "folder_mode"),
    [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700), (0o002, 0o664, 0o775)],
)
def test_new_lesson_and_exports_follow_the_umask(
    tmp_path: Path, umask: None, mask: int, file_mode: int, folder_mode: int
) -> None:
    os.umask(mask)
    folder = make_new_lesson(tmp_path / "bus")
    assert {p.name: _mode(p) for p in folder.iterdir()} == {
        "article.txt": file_mode,
        "key.json": file_mode,
        "lesson.md": file_mode,
    }
    zipped = export_package(folder, tmp_path / "bus.zip", handout=False)
    assert _mode(zipped) == file_mode
    copied = export_package(folder, tmp_path / "copy", handout=False)
    assert _mode(copied) == folder_mode
    assert {_mode(p) for p in copied.iterdir()} == {file_mode}
    unpacked = import_package(zipped, tmp_path / "class")
    assert _mode(unpacked) == folder_mode


def test_saving_keeps_the_mode_a_file_was_given(tmp_path: Path, umask: None) -> None:
    folder = make_new_lesson(tmp_path / "bus")
    (folder / "lesson.md").chmod(0o640)
    (folder / "key.json").chmod(0o664)
    lesson = load_lesson(folder)
    save_lesson(replace(lesson, title="Renamed"), lesson.key)
    assert load_lesson(folder).title == "Renamed"
    assert (_mode(folder / "lesson.md"), _mode(folder / "key.json")) == (0o640, 0o664)
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "key.json", "lesson.md"]


def test_atomic_write_leaves_no_temporary_file_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "lesson.md"
    target.write_text("before", encoding="utf-8")

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, "after")
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.md"]
    assert target.read_text(encoding="utf-8") == "before"


def test_recovery_files_stay_private_whatever_the_umask(tmp_path: Path) -> None:
    """A student's unsaved work is theirs alone, even where lesson files follow the umask."""
    from literacy_app.formats.recovery import RecoveryFile

    old = os.umask(0o022)
    try:
        recovery = RecoveryFile.new(tmp_path / "recovery", "tiny")
        recovery.write_data({"submission": {"marks": []}})
    finally:
        os.umask(old)
    assert stat.S_IMODE(recovery.path.stat().st_mode) == 0o600
    recovery.discard()

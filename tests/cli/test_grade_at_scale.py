"""`grade` and `review` of a district: a pool of processes, reports streamed, a progress bar.

Whatever process graded a file, the report must be byte for byte the one a single process
writes: the same order, the same messages, the same exit status, bad files and resubmissions
included. The class here is just large enough to start a pool (batch.POOL_THRESHOLD).
"""

from __future__ import annotations

import io
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from literacy_app import batch
from literacy_app.cli import main
from literacy_app.reports.progress import Bar
from tests.conftest import KEY_ITEMS, submission_dict, write_json

MakeLesson = Callable[..., Path]
STUDENTS = batch.POOL_THRESHOLD + 16
CHOICES = [(quote, category) for quote, category, *_ in KEY_ITEMS] + [
    ("Officials say", "vague_attribution"),
    ("reckless", "name_calling"),
    ("Critics claim", "doubt"),
]


def _class(folder: Path) -> Path:
    """STUDENTS submissions, plus what a real folder holds: a file that is not JSON, a file
    for another lesson, and a student who handed in twice (the later file counts)."""
    rng = random.Random(15)
    folder.mkdir()
    for number in range(STUDENTS):
        marks = rng.sample(CHOICES, rng.randint(0, len(CHOICES)))
        write_json(folder / f"s{number:03d}.json", submission_dict(marks, name=f"Pupil {number}"))
    (folder / "s010-broken.json").write_text('{"format": "literacy-submission", ', "utf-8")
    write_json(folder / "s020-other.json", submission_dict(CHOICES[:2], name="Zed", lesson="x"))
    again = submission_dict(CHOICES[:1], name="Pupil 7")
    again["modified"] = "2026-11-26T09:00:00+00:00"
    write_json(folder / "s090-again.json", again)
    return folder


@pytest.fixture
def district(make_lesson: MakeLesson, tmp_path: Path) -> tuple[Path, Path]:
    return make_lesson(), _class(tmp_path / "class")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("metric", ["classroom", "semeval"])
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_a_pool_writes_the_report_one_process_writes(
    capsys: pytest.CaptureFixture[str], district: tuple[Path, Path], fmt: str, metric: str
) -> None:
    lesson, folder = district
    args = ["grade", "--lesson", str(lesson), str(folder), "--format", fmt, "--metric", metric]
    alone = _run(capsys, *args, "--jobs", "1")
    pooled = _run(capsys, *args, "--jobs", "2")
    default = _run(capsys, *args)
    assert alone == pooled == default
    code, out, err = alone
    assert code == 1  # the broken file and the other lesson's
    assert "s010-broken.json" in err
    assert "s020-other.json" in err
    assert "set aside" in err
    assert f"Pupil {STUDENTS - 1}" in out  # the last file is in the report


def test_the_streamed_json_is_what_one_json_dump_would_write(
    capsys: pytest.CaptureFixture[str], district: tuple[Path, Path]
) -> None:
    lesson, folder = district
    code, out, _ = _run(capsys, "grade", "--lesson", str(lesson), str(folder), "--format", "json")
    document = json.loads(out)
    assert out == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    files = [Path(entry["file"]).name for entry in document["submissions"]]
    assert files == sorted(files)  # the order the files were given
    assert len(files) == STUDENTS  # 80, less Pupil 7's first file, plus their second
    assert "s007.json" not in files
    assert "s090-again.json" in files
    assert [Path(e["file"]).name for e in document["set_aside"]] == ["s007.json"]
    assert code == 1


def test_a_json_report_with_nothing_graded_still_parses(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", "utf-8")
    code, out, _ = _run(
        capsys, "grade", "--lesson", str(make_lesson()), str(bad), "--format", "json"
    )
    assert code == 1
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
    assert json.loads(out)["submissions"] == []


def test_a_json_report_to_a_file_is_whole_and_leaves_no_temporary_file(
    capsys: pytest.CaptureFixture[str], district: tuple[Path, Path], tmp_path: Path
) -> None:
    lesson, folder = district
    target = tmp_path / "out" / "grades.json"
    target.parent.mkdir()
    target.write_text("the previous report", "utf-8")
    code, out, _ = _run(
        capsys, "grade", "--lesson", str(lesson), str(folder), "--format", "json", "-o", str(target)
    )
    assert code == 1
    assert out == ""
    assert len(json.loads(target.read_text("utf-8"))["submissions"]) == STUDENTS
    assert [p.name for p in target.parent.iterdir()] == ["grades.json"]


def test_a_report_that_cannot_be_written_keeps_the_old_one(
    capsys: pytest.CaptureFixture[str], district: tuple[Path, Path], tmp_path: Path
) -> None:
    lesson, folder = district
    target = tmp_path / "grades.json"
    target.mkdir()  # a folder where the file should go
    code, _, err = _run(
        capsys, "grade", "--lesson", str(lesson), str(folder), "--format", "json", "-o", str(target)
    )
    assert code == 2
    assert f"{target}: cannot write" in err
    assert target.is_dir()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_review_by_a_pool_is_the_review_of_one_process(
    capsys: pytest.CaptureFixture[str], district: tuple[Path, Path], fmt: str
) -> None:
    lesson, folder = district
    args = ["review", "--lesson", str(lesson), str(folder), "--format", fmt]
    if fmt == "csv":
        args += ["--view", "items"]
    alone = _run(capsys, *args, "--jobs", "1")
    pooled = _run(capsys, *args, "--jobs", "2")
    assert alone == pooled
    assert alone[0] == 1


@pytest.mark.parametrize("command", ["grade", "review"])
def test_jobs_below_one_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], district: tuple[Path, Path], command: str
) -> None:
    lesson, folder = district
    code, out, err = _run(capsys, command, "--lesson", str(lesson), str(folder), "--jobs", "0")
    assert code == 2
    assert out == ""
    assert "--jobs must be at least 1" in err


def test_progress_draws_nothing_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], district: tuple[Path, Path]
) -> None:
    lesson, folder = district
    code, _, err = _run(capsys, "grade", "--lesson", str(lesson), str(folder), "--progress")
    assert code == 1
    assert "\r" not in err
    assert "files" not in err.replace("no submission files", "")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_counts_to_the_end_and_wipes_itself() -> None:
    terminal = _Terminal()
    bar = Bar(stream=terminal)
    for done in range(1001):
        bar(done, 1000)
    drawn = terminal.getvalue()
    assert drawn.startswith("\rgrading [")
    assert drawn.endswith("1,000/1,000 files")  # the last state is always drawn
    assert drawn.count("\r") < 50  # redrawn at most every 0.1 s, not per file
    bar.clear()
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_a_bar_on_a_pipe_writes_nothing() -> None:
    pipe = io.StringIO()
    bar = Bar(stream=pipe)
    bar(5, 10)
    bar.clear()
    assert pipe.getvalue() == ""


def test_a_handful_of_files_stays_in_one_process() -> None:
    assert batch.default_workers(0) == 1
    assert batch.default_workers(batch.POOL_THRESHOLD - 1) == 1
    many = batch.default_workers(10_000)
    assert 1 <= many <= 64
    assert batch.default_workers(batch.POOL_THRESHOLD) <= batch.POOL_THRESHOLD // batch.CHUNK


def test_chunks_are_large_for_a_district_and_shrink_towards_the_end() -> None:
    for files in (64, 500, 1000, 5000, 10_000):
        for workers in (2, 4, 8):
            names = [Path(f"s{i}.json") for i in range(files)]
            cut = batch.chunks(names, workers)
            assert [name for chunk in cut for name in chunk] == names  # all, once, in order
            sizes = [len(chunk) for chunk in cut]
            assert all(size <= batch.MAX_CHUNK for size in sizes)
            assert all(size >= batch.CHUNK for size in sizes[:-1])
            assert sizes == sorted(sizes, reverse=True)[: len(sizes) - 1] + sizes[-1:]
            # the last chunks are small, so no worker is left waiting long for another
            assert max(sizes[-workers:]) <= max(batch.CHUNK, files // (workers * batch.TAPER))
    # a district's files go in large chunks: each chunk costs the parent process CPU
    assert len(batch.chunks([Path("f")] * 5000, 2)) < 5000 / 64


def test_folders_are_searched_as_rglob_searches_them(tmp_path: Path) -> None:
    """The quick walk finds what `rglob("*.json")` and `is_file()` found, in Path order: files
    in subfolders and hidden ones, links to files; not linked folders (a loop ends nowhere),
    not FIFOs, not other names."""
    root = tmp_path / "class"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a b").mkdir()
    for name in ("z.json", "a.json", "b/deep/x.json", ".hidden/h.json", "a b/s.json", "b.json"):
        (root / name).write_text("{}")
    (root / "notes.txt").write_text("")
    (root / "UPPER.JSON").write_text("{}")
    (root / "folder.json").mkdir()  # a folder named like a file
    os.mkfifo(root / "pipe.json")
    (root / "link.json").symlink_to(root / "a.json")
    (root / "dangling.json").symlink_to(root / "gone.json")
    (root / "loop").symlink_to(root)  # entering it would never end
    (root / "elsewhere").symlink_to(tmp_path)
    expected = sorted(p for p in root.rglob("*.json") if p.is_file())
    found = list(batch.submission_files([root]))
    assert found == expected
    assert root / "b" / "deep" / "x.json" in found
    assert root / "link.json" in found
    assert not any("loop" in p.parts or "elsewhere" in p.parts for p in found)

"""Issue #14: every case of the corpus (corpus.py) through every command it can reach.

A case passes a command when the command gives no traceback, exits non-zero (the window's
open raises the app's FormatError), names the broken file (and its place, where it has one)
with the expected message in printable lines, and answers within five seconds. Cases that a
regression would turn into a hang (FIFOs, devices, bombs, deep nesting) run in a subprocess
under a timeout; the rest run in-process through `literacy_app.cli.main`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from literacy_app.cli import main
from literacy_app.core.errors import FormatError
from literacy_app.gui.loading import load_target
from tests.bad_inputs.corpus import CASES, Built, Case, available

SECONDS = 5.0
#: A runner for the subprocess cases: the CLI, or the window's open, timed inside the process so
#: that the interpreter's start-up does not count against the case.
RUNNER = """
import sys, time
from pathlib import Path
started = time.monotonic()
if sys.argv[1] == "open":
    from literacy_app.core.errors import FormatError
    from literacy_app.gui.loading import load_target
    try:
        load_target(Path(sys.argv[2]))
        code = 0
    except FormatError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        code = 1
else:
    from literacy_app.cli import main
    code = main(sys.argv[1:])
print(f"@elapsed {time.monotonic() - started:.3f}", file=sys.stderr)
sys.exit(code)
"""
_ELAPSED = re.compile(r"^@elapsed ([0-9.]+)$", re.MULTILINE)
_PLACE = re.compile(r":(\d+):(\d+): ")


def _zip_folder(folder: Path, destination: Path) -> Path:
    with zipfile.ZipFile(destination, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return destination


def _argv(command: str, built: Built, work: Path) -> list[str]:
    target, lesson = str(built.target), str(built.lesson)
    submission = built.target if built.kind == "submission" else built.submissions
    if command == "check":
        return ["check", target] + (["--lesson", lesson] if built.kind == "submission" else [])
    if command == "grade":
        return ["grade", "--lesson", lesson, str(submission)]
    if command == "review":
        return [
            "review",
            "--lesson",
            lesson,
            str(submission.parent if submission.is_file() else submission),
        ]
    if command == "export":
        output = str(work / "exported.json")
        extra = ["--lesson", lesson] if built.kind == "submission" else []
        return ["export", target, "--to", "w3c", "-o", output, *extra]
    if command == "export-unnamed":
        return ["export", target, "--to", "w3c", "-o", str(work / "exported.json")]
    if command == "unpack":
        package = (
            built.target if built.kind == "zip" else _zip_folder(built.lesson, work / "tiny.zip")
        )
        return ["unpack", str(package), "-o", str(work / "unpacked")]
    assert command == "open"
    return ["open", target]


def _in_process(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        if argv[0] == "open":
            try:
                load_target(Path(argv[1]))
            except FormatError as err:
                return 1, "\n".join(str(p) for p in err.problems)
            return 0, ""
        code = main(argv)
    except BaseException as err:  # a traceback is the one answer a stranger's file must not get
        pytest.fail(f"{argv[0]} raised {type(err).__name__}: {err}")
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def _subprocess(argv: list[str]) -> tuple[int, str, float]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, *argv],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{argv[0]} hung: no answer within 30 s")
    found = _ELAPSED.search(done.stderr)
    assert found, f"{argv[0]} died without finishing: {done.stderr[-2000:]}"
    output = _ELAPSED.sub("", done.stderr) + done.stdout
    return done.returncode, output, float(found.group(1))


def _runs() -> list[object]:
    params = []
    for case in CASES:
        for command in case.commands:
            params.append(pytest.param(case, command, id=f"{case.name}-{command}"))
    return params


@pytest.mark.parametrize(("case", "command"), _runs())
def test_bad_input_gets_a_clear_answer(
    case: Case, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not available(case.needs):
        pytest.skip(f"this system cannot make {case.needs}")
    built = case.build(tmp_path / "case")
    assert built.kind == case.kind
    if command == "unpack" and not built.zippable:
        pytest.skip("a zip holds no special files: the member checks are cases of their own")
    argv = _argv(command, built, tmp_path)
    started = time.monotonic()
    if case.hangs:
        code, output, elapsed = _subprocess(argv)
    else:
        code, output = _in_process(argv, capsys)
        elapsed = time.monotonic() - started
    assert "Traceback" not in output, output
    assert code not in (0, None), f"{command} accepted it: {output}"
    assert elapsed < SECONDS, f"{command} took {elapsed:.1f} s"
    lines = [line for line in output.splitlines() if line.strip()]
    said = [line for line in lines if case.expected(command) in line]
    assert said, f"{command}: expected {case.expected(command)!r} in:\n{output}"
    assert any(case.names in line for line in said), f"{command} does not name {case.names}: {said}"
    assert all(line.isprintable() for line in lines), output
    if case.place:
        assert any(
            (m := _PLACE.search(line)) and (m.group(1) != "1" or "(at $" in line) for line in said
        ), f"{command} gives no place: {said}"


def test_the_corpus_is_as_large_as_promised() -> None:
    families = {case.names.split("!")[0] for case in CASES}
    assert len(CASES) >= 60
    assert {
        "lesson.md",
        "article.txt",
        "key.json",
        "taxonomy.json",
        "ada.json",
        "shared.zip",
    } <= families

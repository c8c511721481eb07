"""`literacy-app` alone opens the desktop app, so start-up pays for whatever the CLI imports
before a window opens: building the parser must load no format, grading or authoring code.
Each command imports what it needs when it runs."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import NOT_NEEDED_TO_START

# Heavy at start-up and needed by no part of building the parser or parsing `open`.
NOT_AT_START_UP = [
    *NOT_NEEDED_TO_START,
    "PySide6",
    "literacy_app.output",
    "literacy_app.formats.lesson_package",
]

PROBE = f"""
import sys
import literacy_app.cli
args = literacy_app.cli.build_parser().parse_args(["open"])
assert args.command == "open", args
loaded = sorted(set({NOT_AT_START_UP!r}) & set(sys.modules))
print("loaded:", loaded)
"""


def test_building_the_parser_and_parsing_open_imports_nothing_heavy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded: []", f"imported at start-up: {done.stdout.strip()}"


def test_the_commands_still_load_what_they_need_when_they_run() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "literacy_app", "taxonomy"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "loaded_language" in done.stdout
    assert "scare_quotes" in done.stdout


def test_starting_the_app_builds_only_the_open_command() -> None:
    """`literacy-app` and `literacy-app open X` are the app's start: the other fifteen
    subcommands (and their modules) are not built for it; every other command line, and any
    call for help, gets the whole parser."""
    from literacy_app.cli import parser_for

    def commands(argv: list[str]) -> set[str]:
        parser = parser_for(argv)
        (action,) = [a for a in parser._actions if a.dest == "command"]
        return set(action.choices)  # type: ignore[arg-type]

    assert commands([]) == {"open"}
    assert commands(["open", "bakhmut-op-ed"]) == {"open"}
    assert {"open", "grade", "review", "author"} <= commands(["grade", "--lesson", "x", "y"])
    assert "grade" in commands(["open", "--help"])
    assert "grade" in commands(["--help"])

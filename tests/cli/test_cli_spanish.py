"""The command line in Spanish reads in one language: argparse's own words ("usage:", "options",
its errors) come from our catalogue too, the taxonomy is listed with Spanish names, and the ids
a script reads stay as they are. English stays exactly as argparse writes it."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from literacy_app import cli, i18n


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """LITERACY_APP_LANGUAGE=es, as a Spanish classroom image sets it; English afterwards
    (argparse keeps asking our catalogue, which then answers in English)."""
    monkeypatch.setenv(i18n.ENVIRONMENT, "es")
    yield
    monkeypatch.undo()
    i18n.set_language()
    assert i18n.current_language() == "en"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(argv)
    except SystemExit as done:
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("spanish")
def test_the_help_page_is_spanish_around_our_texts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["author", "--help"], capsys)
    assert code == 0
    assert out.startswith("uso: literacy-app author")
    assert "\nargumentos posicionales:\n" in out
    assert "\nopciones:\n" in out
    assert "muestra este mensaje de ayuda y sale" in out
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in out
    assert "--screenshot" in out  # flags are never translated


@pytest.mark.usefixtures("spanish")
def test_a_usage_error_is_spanish_and_still_names_the_flags(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["grade"], capsys)
    assert code == 2
    assert out == ""
    assert "literacy-app grade: error: faltan estos argumentos obligatorios: --lesson" in err
    code, _out, err = run(["frob"], capsys)
    assert code == 2
    assert "valor no válido: 'frob' (elige entre 'open'" in err


@pytest.mark.usefixtures("spanish")
def test_the_taxonomy_lists_spanish_names_beside_the_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = run(["taxonomy"], capsys)
    assert code == 0
    assert "Recursos de encuadre:" in out
    assert "loaded_language" in out
    assert "Lenguaje cargado" in out
    assert "Loaded language" not in out


def test_english_help_and_errors_are_argparse_s_own(capsys: pytest.CaptureFixture[str]) -> None:
    assert i18n.current_language() == "en"
    code, out, _err = run(["author", "--help"], capsys)
    assert code == 0
    assert out.startswith("usage: literacy-app author")
    assert "\noptions:\n" in out
    assert "show this help message and exit" in out
    code, _out, err = run(["grade"], capsys)
    assert code == 2
    assert "error: the following arguments are required: --lesson" in err


def test_every_argparse_text_we_list_is_one_argparse_uses() -> None:
    """A text argparse no longer has would sit untranslatable in the catalogue: the list is
    checked against the argparse of the Python running the tests."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    missing = [
        text
        for text in cli.ARGPARSE_TEXTS
        if repr(text) not in source and f'"{text}"' not in source
    ]
    assert missing == []


@pytest.mark.usefixtures("spanish")
def test_tables_write_spanish_decimals_while_csv_keeps_pythons(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A person reads "84,4" in a Spanish table; a spreadsheet or LMS reads the CSV's "84.4"."""
    readings = Path(__file__).parents[1] / "lessons" / "readings" / "bakhmut-op-ed"
    files = sorted(readings.glob("*.json"))[:4]
    assert files
    code, table, _err = run(["grade", "--lesson", "bakhmut-op-ed", *map(str, files)], capsys)
    assert code == 0
    assert re.findall(r"\s\d+,\d{1,3}\s", table), table  # scores, precision, recall
    assert not re.findall(r"\s\d+\.\d{1,3}\s", table), table
    out = tmp_path / "grades.csv"
    code, _out, _err = run(
        ["grade", "--lesson", "bakhmut-op-ed", "--format", "csv", "-o", str(out), *map(str, files)],
        capsys,
    )
    assert code == 0
    assert "," not in out.read_text(encoding="utf-8").splitlines()[1].split(",")[2]


@pytest.mark.usefixtures("spanish")
def test_a_file_for_another_lesson_is_left_out_at_its_place_in_spanish(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The reader's warning is found by the place it names, not by its English words: in
    Spanish the error still points at the file's `lesson` field."""
    reading = Path(__file__).parents[1] / "lessons" / "readings" / "bakhmut-op-ed"
    text = (reading / "reader-tight.json").read_text(encoding="utf-8")
    assert '"lesson": "bakhmut-op-ed"' in text
    other = tmp_path / "other.json"
    other.write_text(text.replace('"lesson": "bakhmut-op-ed"', '"lesson": "school-budget-vote"'))
    line = next(n for n, row in enumerate(other.read_text().splitlines(), 1) if '"lesson"' in row)
    code, _out, err = run(["review", "--lesson", "bakhmut-op-ed", str(other)], capsys)
    assert code == 1
    assert f"{other}:{line}:" in err
    assert "escrita para la lección 'school-budget-vote', no para 'bakhmut-op-ed'" in err

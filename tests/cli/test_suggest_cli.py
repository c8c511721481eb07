"""`literacy-app suggest`: the table and W3C outputs, -o, bad input, and grading the W3C file."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from literacy_app.cli import main
from literacy_app.core.suggest import suggest
from literacy_app.core.text import normalize
from literacy_app.formats import w3c
from tests.conftest import ARTICLE, LESSON_MD, key_dict, write_json

MakeLesson = Callable[..., Path]

PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
TABLE_LINE = re.compile(r'^(?P<start>\d+)-(?P<end>\d+) +(?P<category>[a-z_]+) +(?P<rule>\S.*?) +"')
TEXT = (
    "Experts say the new depot will be finished soon. Their “experts” never visited.\n"
    "Nearly 80% of drivers oppose the reckless plan. 🚌 Critics claim it will certainly fail.\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "depot.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_help_describes_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["suggest", "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "ARTICLE_OR_LESSON" in out
    assert "--format {table,w3c}" in out
    assert "-o FILE" in out


def test_the_table_has_one_line_per_suggestion(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, out, err = _run(capsys, "suggest", str(article))
    assert code == 0, err
    lines = out.splitlines()
    expected = suggest(normalize(TEXT))
    assert len(lines) == len(expected) >= 5
    for line, suggestion in zip(lines, expected, strict=True):
        match = TABLE_LINE.match(line)
        assert match, line
        assert (int(match["start"]), int(match["end"])) == (suggestion.start, suggestion.end)
        assert match["category"] == suggestion.category
        assert match["rule"] == suggestion.rule
        assert line.endswith(json.dumps(suggestion.quote, ensure_ascii=False))
    assert any('"Experts say"' in line and "vague_attribution" in line for line in lines)
    assert any('"80% of drivers"' in line and "unsourced_figure" in line for line in lines)


def test_offsets_in_the_table_are_code_points(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    _, out, _ = _run(capsys, "suggest", str(article))
    line = next(line for line in out.splitlines() if '"Critics claim"' in line)
    match = TABLE_LINE.match(line)
    assert match
    start = TEXT.index("Critics claim")  # after the bus emoji: one code point, four bytes
    assert (int(match["start"]), int(match["end"])) == (start, start + len("Critics claim"))


def test_a_bundled_lesson_id_and_a_lesson_folder_are_accepted(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson
) -> None:
    code, out, _ = _run(capsys, "suggest", "getting-started")
    assert code == 0
    assert out.strip()
    folder = make_lesson()
    code, out, _ = _run(capsys, "suggest", str(folder))
    assert code == 0
    assert '"Experts say"' in out
    assert '"so-called “reform"' in out
    code, again, _ = _run(capsys, "suggest", str(folder / "lesson.md"))
    assert code == 0
    assert again == out


def _annotations(data: dict[str, Any]) -> list[dict[str, Any]]:
    items = data["first"]["items"]
    assert isinstance(items, list)
    return items


def test_w3c_output_is_an_annotation_collection(
    capsys: pytest.CaptureFixture[str], article: Path
) -> None:
    code, out, _ = _run(capsys, "suggest", str(article), "--format", "w3c")
    assert code == 0
    data = json.loads(out)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert w3c.looks_like_w3c(data)
    text = normalize(TEXT)
    expected = suggest(text)
    annotations = _annotations(data)
    assert data["total"] == len(annotations) == len(expected)
    for annotation, suggestion in zip(annotations, expected, strict=True):
        assert annotation["type"] == "Annotation"
        quote, position = annotation["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert quote["exact"] == suggestion.quote == text[suggestion.start : suggestion.end]
        assert text[: suggestion.start].endswith(quote["prefix"])
        assert text[suggestion.end :].startswith(quote["suffix"])
        assert position == {
            "type": "TextPositionSelector",
            "start": suggestion.start,
            "end": suggestion.end,
        }
        classifying, commenting = annotation["body"]
        assert classifying == {
            "type": "TextualBody",
            "purpose": "classifying",
            "value": suggestion.category,
        }
        assert commenting["purpose"] == "commenting"
        assert suggestion.rule in commenting["value"]
        assert suggestion.explanation in commenting["value"]


def test_output_file_is_written_whole_and_stdout_stays_empty(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "depot.w3c.json"
    code, out, err = _run(capsys, "suggest", str(article), "--format", "w3c", "-o", str(target))
    assert code == 0, err
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "AnnotationCollection"
    assert sorted(p.name for p in target.parent.iterdir()) == ["depot.w3c.json"]  # no temp file
    table = tmp_path / "depot.txt.suggestions"
    code, out, _ = _run(capsys, "suggest", str(article), "-o", str(table))
    assert code == 0
    assert out == ""
    assert "vague_attribution" in table.read_text(encoding="utf-8")


def test_an_unwritable_output_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, _, err = _run(capsys, "suggest", str(article), "-o", str(blocker / "x.json"))
    assert code == 2
    assert "cannot write" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_utf8_gives_file_line_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("First line\nCaf\u00e9 society".encode("latin-1"))
    code, out, err = _run(capsys, "suggest", str(bad))
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    match = PROBLEM_LINE.match(line)
    assert match, err
    assert match["file"] == str(bad)
    assert (match["line"], match["column"]) == ("2", "4")
    assert "UTF-8" in match["message"]


def test_a_missing_file_and_a_wrong_kind_of_file_are_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = _run(capsys, "suggest", str(tmp_path / "nowhere.txt"))
    assert code == 1
    assert PROBLEM_LINE.match(err.strip()), err
    data = tmp_path / "key.json"
    data.write_text("{}", encoding="utf-8")
    code, _, err = _run(capsys, "suggest", str(data))
    assert code == 2
    assert "expected a lesson folder" in err
    assert "Traceback" not in err


def test_a_broken_lesson_is_reported_with_its_place(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson
) -> None:
    folder = make_lesson(lesson_md=LESSON_MD.replace("difficulty: beginner", "difficulty: easy"))
    code, _, err = _run(capsys, "suggest", str(folder))
    assert code == 1
    assert all(PROBLEM_LINE.match(line) for line in err.strip().splitlines()), err


@pytest.mark.parametrize("lesson", ["tiny", "getting-started", "bakhmut-op-ed"])
def test_grade_reads_the_w3c_suggestions_back(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path, lesson: str
) -> None:
    target = make_lesson() if lesson == "tiny" else lesson
    output = tmp_path / "suggestions.w3c.json"
    code, _, err = _run(capsys, "suggest", str(target), "--format", "w3c", "-o", str(output))
    assert code == 0, err
    code, out, err = _run(capsys, "grade", "--lesson", str(target), str(output))
    assert code == 0, err
    assert "literacy-app suggest" in out  # the creator is shown as the "student"
    code, out, err = _run(capsys, "grade", "--lesson", str(target), str(output), "--format", "json")
    assert code == 0, err
    assert json.loads(out)


def test_suggestions_outside_a_lesson_taxonomy_are_left_out(
    capsys: pytest.CaptureFixture[str], make_lesson: MakeLesson, tmp_path: Path
) -> None:
    key = key_dict(
        ARTICLE,
        items=[
            ("reckless", "loaded_language", True, []),
            ("Experts say", "vague_attribution", True, []),
        ],
    )
    folder = make_lesson(key=key)
    taxonomy = json.loads(
        (Path(__file__).resolve().parents[2] / "literacy_app/core/default_taxonomy.json").read_text(
            encoding="utf-8"
        )
    )
    taxonomy["categories"] = [
        c for c in taxonomy["categories"] if c["id"] in ("loaded_language", "vague_attribution")
    ]
    write_json(folder / "taxonomy.json", taxonomy)
    output = tmp_path / "s.json"
    code, _, err = _run(capsys, "suggest", str(folder), "--format", "w3c", "-o", str(output))
    assert code == 0
    assert "left out" in err
    categories = {a["body"][0]["value"] for a in _annotations(json.loads(output.read_text()))}
    assert categories <= {"loaded_language", "vague_attribution"}
    assert _run(capsys, "grade", "--lesson", str(folder), str(output))[0] == 0


def test_a_rules_file_replaces_the_bundled_rules(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "rules.json"
    write_json(
        rules,
        {
            "format": "literacy-suggest-rules",
            "version": 1,
            "rules": [
                {
                    "id": "local.depot",
                    "category": "euphemism",
                    "explanation": "Our district calls a bus garage a depot.",
                    "pattern": "depot",
                }
            ],
        },
    )
    code, out, err = _run(capsys, "suggest", str(article), "--rules", str(rules))
    assert code == 0, err
    assert [line.split()[2] for line in out.splitlines()] == ["local.depot"]


def test_a_bad_rules_file_points_at_the_bad_value(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(
        '{\n  "format": "literacy-suggest-rules",\n  "version": 1,\n  "rules": [\n'
        '    {\n      "id": "local.bad",\n      "category": "euphemism",\n'
        '      "explanation": "Broken on purpose.",\n      "pattern": "depot("\n    }\n  ]\n}\n',
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "suggest", str(article), "--rules", str(rules))
    assert code == 1
    assert out == ""
    match = PROBLEM_LINE.match(err.strip())
    assert match, err
    assert match["line"] == "9"  # the "pattern" line
    assert "invalid regular expression" in match["message"]
    assert "$.rules[0].pattern" in match["message"]


# --- saved web pages --------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Gas plant | The Courier</title>
</head><body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Stop the gas plant</h1>
<p>Critics say the plant is a planet-cooking machine, and its owners want us to believe
otherwise.</p>
<p>The film “The Long Winter” opened on Friday. “It is a reckless scheme,” said Mayor Ana Ruiz.</p>
</article><footer>© The Courier</footer></body></html>
"""


def test_a_saved_page_is_read_as_new_lesson_reads_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from literacy_app.authoring.importing import import_article

    page = tmp_path / "plant.html"
    page.write_text(PAGE, encoding="utf-8")
    code, out, err = _run(capsys, "suggest", str(page))
    assert code == 0, err
    text = import_article(page).text
    expected = suggest(text)
    lines = out.splitlines()
    assert len(lines) == len(expected) >= 3
    for line, suggestion in zip(lines, expected, strict=True):
        match = TABLE_LINE.match(line)
        assert match, line
        start, end = int(match["start"]), int(match["end"])
        assert text[start:end] == suggestion.quote
    quotes = [s.quote for s in expected]
    assert "planet-cooking machine" in quotes
    # the film's title and the mayor's words are someone else's, not the writer's framing
    assert not any("Long Winter" in q or "reckless" in q for q in quotes), quotes
    assert "Home" not in out


def test_a_page_in_an_undeclared_encoding_gives_file_line_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "bad.htm"
    page.write_bytes(b"<p>caf\xe9 owners say it is fine</p>")
    code, out, err = _run(capsys, "suggest", str(page))
    assert code == 1
    assert out == ""
    match = PROBLEM_LINE.match(err.strip().splitlines()[0])
    assert match, err
    assert match["file"].endswith("bad.htm")
    assert "Traceback" not in err


def test_help_names_saved_pages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["suggest", "--help"])
    assert ".html" in capsys.readouterr().out

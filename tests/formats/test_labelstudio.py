"""Label Studio JSON in and out: golden file, round trips, choices and hostile exports."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.marks import Mark
from literacy_app.core.text import normalize
from literacy_app.formats import limits
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.labelstudio import (
    looks_like_labelstudio,
    parse_labelstudio,
    read_labelstudio,
    to_labelstudio,
)
from literacy_app.formats.native import default_taxonomy, dumps
from literacy_app.formats.standoff import Standoff

DATA = Path(__file__).parent / "data" / "interop"
TAXONOMY = default_taxonomy()
TEXT = "Officials say the reckless plan will ruin the city.\n\nCritics claim 90% of residents."


def _region(start: int, end: int, label: str, text: str | None = None, rid: str = "r1") -> Any:
    value: dict[str, Any] = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        value["text"] = text
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def _task(results: list[Any], text: str = TEXT, **extra: Any) -> dict[str, Any]:
    return {"id": 7, "data": {"text": text}, "annotations": [{"id": 1, "result": results}], **extra}


def _parse(data: Any, **options: Any) -> list[Standoff]:
    doc = JsonDocument.parse(json.dumps(data, indent=2, ensure_ascii=False), "ls.json")
    return parse_labelstudio(doc, TAXONOMY, **options)


def _problems(data: Any, **options: Any) -> list[Problem]:
    with pytest.raises(FormatError) as raised:
        _parse(data, **options)
    return raised.value.problems


def _spans(standoff: Standoff) -> list[tuple[int, int, str, str]]:
    return [(s.mark.start, s.mark.end, s.mark.category, s.mark.note) for s in standoff.marks]


# --- golden file ------------------------------------------------------------------------------


def test_the_golden_export_reads_as_its_marks_and_notes_and_is_written_byte_for_byte() -> None:
    (read,) = read_labelstudio(DATA / "small.labelstudio.json", TAXONOMY)
    assert _spans(read) == [
        (18, 26, "loaded_language", "An adjective that judges before it informs."),
        (37, 50, "exaggeration", ""),
        (67, 83, "unsourced_figure", "Which survey?"),
    ]
    assert read.title == "A small example"
    assert read.warnings == ()
    tasks = to_labelstudio(read.text, [s.mark for s in read.marks], "small", "A small example")
    assert dumps(tasks).encode("utf-8") == (DATA / "small.labelstudio.json").read_bytes()


def test_the_same_article_reads_the_same_from_brat_and_label_studio() -> None:
    from literacy_app.formats.brat import read_brat

    (ls,) = read_labelstudio(DATA / "small.labelstudio.json", TAXONOMY)
    assert _spans(ls) == _spans(read_brat(DATA / "small.ann", TAXONOMY))


# --- round trips ------------------------------------------------------------------------------

_CHARS = st.sampled_from([*list('ab cé\n\r—🚌ñ.,\t"\\'), "é"])
_NOTES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def _text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = normalize("".join(draw(st.lists(_CHARS, min_size=1, max_size=80))))
    marks = []
    for n in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        mark = Mark(f"m{n}", start, end, draw(st.sampled_from(TAXONOMY.ids)), draw(_NOTES))
        marks.append(mark.with_context(text))
    return ("x" + text if not text.strip() else text), marks


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text_and_marks())
def test_export_then_import_gives_the_same_marks_categories_and_notes(
    case: tuple[str, list[Mark]],
) -> None:
    """Notes come back whole here (line breaks included): Label Studio keeps them as JSON."""
    text, marks = case
    (read,) = _parse(to_labelstudio(text, marks, "tiny"))
    assert read.text == text
    assert [
        (s.mark.id, s.mark.start, s.mark.end, s.mark.category, s.mark.note) for s in read.marks
    ] == [(m.id, m.start, m.end, m.category, m.note) for m in marks]


def test_crlf_in_the_task_text_maps_onto_the_normalized_article() -> None:
    raw = TEXT.replace("\n", "\r\n")
    start = raw.index("Critics")
    (read,) = _parse([_task([_region(start, start + 7, "doubt", "Critics")], raw)])
    (mark,) = [s.mark for s in read.marks]
    assert read.text == TEXT
    assert TEXT[mark.start : mark.end] == "Critics"
    assert any("Windows line ends" in w.message for w in read.warnings)


def test_offsets_counted_in_utf16_units_by_older_versions_are_recognised() -> None:
    text = "🚌🚌 Buses will stop running."
    # Label Studio before 1.4 counted each emoji as two (JavaScript string length).
    (read,) = _parse([_task([_region(5, 10, "speculation_as_fact", "Buses")], text)])
    (mark,) = [s.mark for s in read.marks]
    assert text[mark.start : mark.end] == "Buses"
    assert "UTF-16" in read.warnings[0].message


def test_a_span_whose_offsets_are_off_is_placed_by_its_text_with_a_warning() -> None:
    (read,) = _parse([_task([_region(0, 8, "loaded_language", "reckless")])])
    assert _spans(read) == [(18, 26, "loaded_language", "")]
    assert "placed by that text instead" in read.warnings[0].message


# --- choices ----------------------------------------------------------------------------------


def _two_annotators() -> list[dict[str, Any]]:
    task = _task([_region(18, 26, "loaded_language", "reckless")])
    task["annotations"].append(
        {"id": 2, "result": [_region(0, 9, "vague_attribution", "Officials", "q")]}
    )
    task["predictions"] = [{"id": 9, "result": [_region(37, 50, "exaggeration", "ruin the city")]}]
    return [task]


def test_several_annotations_take_the_first_and_say_how_to_choose() -> None:
    (read,) = _parse(_two_annotators())
    assert [s.mark.quote for s in read.marks] == ["reckless"]
    assert "2 annotations: the first was imported" in read.warnings[0].message
    assert read.warnings[0].json_path == "$[0].annotations"


def test_annotation_and_predictions_options_choose_what_is_read() -> None:
    (second,) = _parse(_two_annotators(), annotation=1)
    assert [s.mark.quote for s in second.marks] == ["Officials"]
    assert second.warnings == ()
    (predicted,) = _parse(_two_annotators(), predictions=True)
    assert [s.mark.quote for s in predicted.marks] == ["ruin the city"]
    (problem,) = _problems(_two_annotators(), annotation=5)
    assert "the task has 2 annotations (0 to 1)" in problem.message


def test_a_task_with_only_predictions_imports_them_and_says_so() -> None:
    task = _two_annotators()[0]
    task["annotations"] = []
    (read,) = _parse([task])
    assert [s.mark.quote for s in read.marks] == ["ruin the city"]
    assert "first prediction was imported instead" in read.warnings[0].message


def test_the_text_field_is_found_named_or_asked_for() -> None:
    task = _task([_region(0, 9, "doubt", "Officials")])
    task["data"] = {"article": TEXT, "meta_id": 3}
    assert len(_parse([task])[0].marks) == 1  # the one text field there is
    task["data"]["source"] = "Gazette"
    (problem,) = _problems([task])
    assert "which field is the text?" in problem.message
    assert "article, meta_id, source" in problem.message
    assert len(_parse([task], text_key="article")[0].marks) == 1


def test_several_tasks_are_several_articles_with_their_own_warnings() -> None:
    first = _task([_region(0, 9, "doubt", "Officials")])
    second = copy.deepcopy(first)
    second["id"] = 8
    second["annotations"].append({"id": 3, "result": []})
    read = _parse([first, second])
    assert [r.name for r in read] == ["task-7", "task-8"]
    assert read[0].warnings == ()
    assert len(read[1].warnings) == 1


def test_notes_other_result_types_and_extra_labels() -> None:
    results = [
        _region(18, 26, "loaded_language", "reckless"),
        {"id": "r1", "type": "textarea", "value": {"text": ["judges", "early"]}},
        {"id": "c", "type": "choices", "value": {"choices": ["biased"]}},
        {
            "id": "r2",
            "type": "labels",
            "value": {
                "start": 0,
                "end": 9,
                "text": "Officials",
                "labels": ["doubt", "Name_Calling"],
            },
        },
    ]
    (read,) = _parse([_task(results)])
    assert _spans(read) == [(18, 26, "loaded_language", "judges\nearly"), (0, 9, "doubt", "")]
    messages = " | ".join(w.message for w in read.warnings)
    assert "1 of type 'choices'" in messages
    assert "2 labels on one span" in messages


# --- hostile input ----------------------------------------------------------------------------


def test_bad_regions_are_each_reported_with_json_path_line_and_column() -> None:
    results = [
        _region(0, 9, "Propaganda", "Officials"),
        {"id": "b", "type": "labels", "value": {"start": "0", "end": 9, "labels": ["doubt"]}},
        {"id": "c", "type": "labels", "value": {"start": 0, "end": 9999, "labels": ["doubt"]}},
        {
            "id": "d",
            "type": "labels",
            "value": {"start": 0, "end": 5, "labels": ["doubt"], "text": "nowhere"},
        },
        {"id": "e", "type": "labels", "value": {"start": 0, "end": 5, "labels": []}},
        {"id": "f", "type": "labels", "value": {"start": True, "end": 5, "labels": ["doubt"]}},
        "not an object",
    ]
    problems = _problems([_task(results)])
    assert problems[0].json_path == "$[0].annotations[0].result[6]"  # found while sorting
    problems = problems[1:]
    paths = [p.json_path for p in problems]
    assert paths == [
        "$[0].annotations[0].result[0].value.labels[0]",
        "$[0].annotations[0].result[1].value",
        "$[0].annotations[0].result[2].value",
        "$[0].annotations[0].result[3].value.text",
        "$[0].annotations[0].result[4].value.labels",
        "$[0].annotations[0].result[5].value",
    ]
    assert "unknown label 'Propaganda'; known labels: loaded_language" in problems[0].message
    assert "not within the text" in problems[2].message
    assert "'nowhere' not found" in problems[3].message
    assert all(p.line > 1 for p in problems)  # the place of each value in the file
    assert problems[0].line < problems[1].line < problems[2].line


@pytest.mark.parametrize(
    "data",
    [[], {}, [1, 2], [{"data": "text"}], [{"data": {"text": ""}, "annotations": []}], "x"],
    ids=["empty-list", "empty-object", "numbers", "data-not-object", "empty-text", "string"],
)
def test_what_is_no_export_is_an_error_not_a_traceback(data: Any) -> None:
    assert _problems(data)


def test_a_single_task_object_is_read_too() -> None:
    assert len(_parse(_task([_region(0, 9, "doubt", "Officials")]))[0].marks) == 1


def test_detection_wants_tasks_with_data_and_annotations() -> None:
    assert looks_like_labelstudio([_task([])])
    assert not looks_like_labelstudio([])
    assert not looks_like_labelstudio({"type": "AnnotationCollection", "items": []})
    assert not looks_like_labelstudio([{"data": {"text": "x"}}])


def test_invalid_json_is_reported_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "ls.json"
    path.write_text('[{"data": {"text": "x"},\n "annotations": [}]', encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        read_labelstudio(path, TAXONOMY)
    (problem,) = raised.value.problems
    assert problem.line == 2
    assert "invalid JSON" in problem.message


def test_a_huge_export_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ls.json"
    with path.open("wb") as handle:
        handle.truncate(limits.MAX_JSON_BYTES + 1)
    with pytest.raises(FormatError, match="too large to read"):
        read_labelstudio(path, TAXONOMY)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "ls.json")
    with pytest.raises(FormatError, match="named pipe"):
        read_labelstudio(tmp_path / "ls.json", TAXONOMY)


def test_binary_bytes_are_reported_as_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "ls.json").write_bytes(b"\xff\xfe[" + bytes(range(256)))
    with pytest.raises(FormatError, match="not UTF-8"):
        read_labelstudio(tmp_path / "ls.json", TAXONOMY)

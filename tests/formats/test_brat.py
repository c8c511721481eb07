"""brat standoff in and out: golden files, round trips, and what a stranger's .ann can hold."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.marks import Mark
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.formats import limits
from literacy_app.formats.brat import parse_brat, read_brat, to_brat
from literacy_app.formats.native import default_taxonomy
from literacy_app.formats.standoff import MAX_PROBLEMS, Standoff, place_on

DATA = Path(__file__).parent / "data" / "interop"
TAXONOMY = default_taxonomy()
TEXT = "Officials say the reckless plan will ruin the city.\n\nCritics claim 90% of residents."


def _parse(ann: str, text: str = TEXT, taxonomy: Taxonomy = TAXONOMY) -> Standoff:
    return parse_brat(ann, "x.ann", text, "x.txt", taxonomy)


def _problems(ann: str, text: str = TEXT) -> list[Problem]:
    with pytest.raises(FormatError) as raised:
        _parse(ann, text)
    return raised.value.problems


def _spans(standoff: Standoff) -> list[tuple[int, int, str, str]]:
    return [(s.mark.start, s.mark.end, s.mark.category, s.mark.note) for s in standoff.marks]


def _mark(text: str, quote: str, category: str, note: str = "", n: int = 1) -> Mark:
    start = text.index(quote)
    return Mark(f"m{n}", start, start + len(quote), category, note).with_context(text)


# --- golden files -----------------------------------------------------------------------------


def test_the_golden_pair_reads_as_its_marks_and_notes() -> None:
    read = read_brat(DATA / "small.ann", TAXONOMY)
    assert _spans(read) == [
        (18, 26, "loaded_language", "An adjective that judges before it informs."),
        (37, 50, "exaggeration", ""),
        (67, 83, "unsourced_figure", "Which survey?"),
    ]
    assert [s.mark.quote for s in read.marks] == ["reckless", "ruin the city", "90% of residents"]
    assert read.title == "Officials say the reckless plan will ruin the city."
    assert read.warnings == ()


def test_writing_those_marks_gives_the_golden_files_byte_for_byte() -> None:
    text = (DATA / "small.txt").read_text(encoding="utf-8")
    marks = [m.mark for m in read_brat(DATA / "small.ann", TAXONOMY).marks]
    txt, ann = to_brat(text, marks)
    assert txt.encode("utf-8") == (DATA / "small.txt").read_bytes()
    assert ann.encode("utf-8") == (DATA / "small.ann").read_bytes()


# --- round trips ------------------------------------------------------------------------------

_CHARS = st.sampled_from([*list("ab cé\n\r—🚌ñ.,\t"), "é"])  # decomposed é included
_NOTES = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30)


@st.composite
def _text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    from literacy_app.core.text import normalize

    text = normalize("".join(draw(st.lists(_CHARS, min_size=1, max_size=80))))
    if not text.strip():
        text = "x" + text
    marks = []
    for n in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        category = draw(st.sampled_from(TAXONOMY.ids))
        mark = Mark(f"m{n}", start, end, category, draw(_NOTES)).with_context(text)
        marks.append(mark)
    return text, marks


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text_and_marks())
def test_export_then_import_gives_the_same_marks_categories_and_notes(
    case: tuple[str, list[Mark]],
) -> None:
    text, marks = case
    txt, ann = to_brat(text, marks)
    read = parse_brat(ann, "x.ann", txt, "x.txt", TAXONOMY)
    assert read.text == text
    assert [(s.mark.start, s.mark.end, s.mark.category) for s in read.marks] == [
        (m.start, m.end, m.category) for m in marks
    ]
    assert [s.mark.note for s in read.marks] == [m.note for m in marks]
    assert [s.mark.quote for s in read.marks] == [text[m.start : m.end] for m in marks]


@settings(max_examples=100, deadline=None)
@given(_text_and_marks())
def test_a_crlf_copy_of_the_text_maps_every_offset_onto_the_normalized_article(
    case: tuple[str, list[Mark]],
) -> None:
    """brat counts CRLF as two characters and a BOM as one: a .txt saved on Windows has
    offsets the app's text does not, and each must land on the same words."""
    text, marks = case
    raw = "\ufeff" + text.replace("\n", "\r\n")
    lines = []
    for n, mark in enumerate(marks, start=1):
        prefix = 1  # the BOM
        before = text[: mark.start].count("\n")
        inside = text[mark.start : mark.end].count("\n")
        start = mark.start + before + prefix
        end = mark.end + before + inside + prefix
        said = raw[start:end].replace("\r\n", " ").replace("\t", " ")  # as one .ann line
        lines.append(f"T{n}\t{mark.category} {start} {end}\t{said}")
    read = parse_brat("\n".join(lines), "x.ann", raw, "x.txt", TAXONOMY)
    assert [(s.mark.start, s.mark.end) for s in read.marks] == [(m.start, m.end) for m in marks]
    assert "byte-order mark" in read.warnings[0].message
    assert ("Windows line ends (CRLF)" in read.warnings[0].message) == ("\n" in text)


def test_a_decomposed_accent_is_placed_by_its_quote_in_the_nfc_article() -> None:
    raw = "Cafe\u0301 owners say the reckless plan fails."
    start = raw.index("reckless")
    read = _parse(f"T1\tloaded_language {start} {start + 8}\treckless", raw)
    (mark,) = [s.mark for s in read.marks]
    assert read.text[mark.start : mark.end] == "reckless"
    assert mark.start == start - 1  # e + combining accent became one character
    assert "NFC" in read.warnings[0].message


def test_a_span_over_a_line_break_matches_its_text_written_with_a_space() -> None:
    start = TEXT.index("city.")
    end = TEXT.index("Critics") + len("Critics")
    read = _parse(f"T1\tdoubt {start} {end}\tcity.  Critics")
    assert _spans(read) == [(start, end, "doubt", "")]


def test_several_notes_on_one_annotation_are_kept_in_order() -> None:
    read = _parse(
        "T1\tdoubt 0 9\tOfficials\n#1\tAnnotatorNotes T1\tfirst\n#2\tAnnotatorNotes T1\tsecond"
    )
    assert read.marks[0].mark.note == "first\nsecond"


def test_a_multiline_note_is_written_on_one_line() -> None:
    mark = _mark(TEXT, "reckless", "loaded_language", "one\ntwo\tthree")
    _, ann = to_brat(TEXT, [mark])
    assert ann.splitlines()[1] == "#1\tAnnotatorNotes T1\tone two three"
    assert _parse(ann).marks[0].mark.note == "one two three"


def test_labels_resolve_through_aliases_ptc_names_and_display_names() -> None:
    ann = (
        "T1\tLoaded_Language 18 26\treckless\nT2\tExaggeration,Minimisation 37 50\truin the city\n"
    )
    ann += "T3\tUnsourced_figure 67 83\t90% of residents"
    text = TEXT
    assert [s.mark.category for s in _parse(ann, text).marks] == [
        "loaded_language",
        "exaggeration",
        "unsourced_figure",
    ]


# --- hostile input ----------------------------------------------------------------------------


def test_a_discontinuous_span_is_refused_at_its_line_and_column() -> None:
    (problem,) = _problems("T1\tdoubt 0 5;6 11\tHello world\n")
    assert (problem.line, problem.column) == (1, 10)
    assert "discontinuous span '0 5;6 11' (2 fragments)" in problem.message


def test_offsets_out_of_range_backwards_or_not_numbers_are_each_named() -> None:
    problems = _problems(
        "T1\tdoubt 0 999\tx\nT2\tdoubt 9 3\tx\nT3\tdoubt -1 4\tx\n"
        "T4\tdoubt 0 4 5\tx\nT5\tdoubt 4 4\t"
    )
    assert [p.line for p in problems] == [1, 2, 3, 4, 5]
    assert f"not within the text ({len(TEXT)} characters" in problems[0].message
    assert "expected START END as whole numbers" in problems[2].message


def test_text_that_does_not_match_the_txt_is_a_problem_quoting_both() -> None:
    (problem,) = _problems("T1\tdoubt 0 9\tOfficers")
    assert problem.column == len("T1\tdoubt 0 9\t") + 1
    assert "'Officers' does not match the .txt at 0-9, which has 'Officials'" in problem.message


def test_an_unknown_label_is_named_with_the_known_ones() -> None:
    (problem,) = _problems("T1\tPropaganda 0 9\tOfficials")
    assert (problem.line, problem.column) == (1, 4)
    assert "unknown label 'Propaganda'" in problem.message
    assert "loaded_language" in problem.message
    assert "causal_oversimplification" in problem.message


def test_relations_events_and_attributes_are_counted_and_left_with_one_warning() -> None:
    ann = (
        "T1\tdoubt 0 9\tOfficials\nR1\tCause Arg1:T1 Arg2:T1\nA1\tNegated T1\nA2\tNegated T1\n"
        "E1\tdoubt:T1\n"
    )
    read = _parse(ann)
    (warning,) = read.warnings
    assert warning.severity == "warning"
    assert warning.line == 2
    assert "ignored 4 annotations" in warning.message
    assert "2 attributes (A)" in warning.message
    assert "1 relations (R)" in warning.message
    assert len(read.marks) == 1


def test_duplicate_ids_and_lines_of_no_kind_are_errors() -> None:
    problems = _problems("T1\tdoubt 0 9\tOfficials\nT1\tdoubt 0 9\tOfficials\nhello\n")
    assert [(p.line, p.message[:12]) for p in problems] == [
        (2, "duplicate id"),
        (3, "not a brat a"),
    ]


def test_a_binary_ann_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "x.ann").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(FormatError) as raised:
        read_brat(tmp_path / "x.ann", TAXONOMY)
    (problem,) = raised.value.problems
    assert "not UTF-8 text" in problem.message
    assert problem.file.endswith("x.ann")


def test_a_decodable_binary_file_stops_after_a_bounded_number_of_problems(tmp_path: Path) -> None:
    problems = _problems("\x00\x01garbage\n" * 10_000)
    assert len(problems) == MAX_PROBLEMS + 1
    assert "stopped here" in problems[-1].message


def test_a_missing_txt_says_which_file_brat_needs(tmp_path: Path) -> None:
    (tmp_path / "x.ann").write_text("T1\tdoubt 0 9\tOfficials\n", encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        read_brat(tmp_path / "x.ann", TAXONOMY)
    assert "x.txt, which is missing" in raised.value.problems[0].message


def test_a_huge_txt_is_refused_before_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "x.ann").write_text("", encoding="utf-8")
    with (tmp_path / "x.txt").open("wb") as handle:
        handle.truncate(limits.MAX_ARTICLE_BYTES + 1)  # sparse: no real disk used
    with pytest.raises(FormatError) as raised:
        read_brat(tmp_path / "x.ann", TAXONOMY)
    assert "too large to read" in raised.value.problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_in_place_of_the_ann_is_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "x.ann")
    with pytest.raises(FormatError) as raised:
        read_brat(tmp_path / "x.ann", TAXONOMY)
    assert "named pipe" in raised.value.problems[0].message


def test_a_non_utf8_txt_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes("Caf\u00e9\nna\u00efve".encode("latin-1"))
    (tmp_path / "x.ann").write_text("", encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        read_brat(tmp_path / "x.ann", TAXONOMY)
    (problem,) = raised.value.problems
    assert problem.file.endswith("x.txt")
    assert (problem.line, problem.column) == (1, 4)


def test_an_empty_txt_is_refused() -> None:
    with pytest.raises(FormatError, match="the text is empty"):
        _parse("", " \n\n")


# --- onto a lesson ----------------------------------------------------------------------------


def test_marks_from_a_slightly_different_copy_are_placed_by_quote_with_a_warning() -> None:
    read = _parse("T1\tloaded_language 18 26\treckless")
    article = "UPDATED: " + TEXT
    placed = place_on(article, read, orphans_are_errors=True)
    (mark,) = placed.marks
    assert article[mark.start : mark.end] == "reckless"
    assert [p.severity for p in placed.problems] == ["warning", "warning"]
    assert "placed by its quote (moved)" in placed.problems[1].message
    assert placed.problems[1].line == 1


def test_a_mark_missing_from_the_article_is_an_error_for_a_key_a_warning_otherwise() -> None:
    read = _parse("T1\tloaded_language 18 26\treckless\nT2\tdoubt 0 9\tOfficials")
    article = TEXT.replace("reckless", "careful")
    as_key = place_on(article, read, orphans_are_errors=True)
    assert [p.line for p in as_key.errors] == [1]
    as_work = place_on(article, read, orphans_are_errors=False)
    assert not as_work.errors
    assert [m.quote for m in as_work.marks] == ["Officials"]
    everything_lost = place_on("An unrelated article.", read, orphans_are_errors=False)
    assert "is it the right lesson?" in everything_lost.errors[0].message

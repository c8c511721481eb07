"""PTC / SemEval-2020 Task 11 files: what we write is what the corpus and its scorers read,
what the corpus holds becomes lessons, and a broken file says where it is broken."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from literacy_app.authoring.checking import check
from literacy_app.authoring.ptc_import import ptc_lessons
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.submission import Student
from literacy_app.formats import limits, native, ptc
from literacy_app.formats.lesson_package import load_lesson
from tests.conftest import ARTICLE, span_of

TAXONOMY = native.default_taxonomy()

TEXT = (
    "Traitors sell out the nation\n"
    "\n"
    "The so-called experts betrayed our great country again and again.\n"
    "Only patriots can stop this disaster, and everyone knows it.\n"
)


def _at(quote: str, text: str = TEXT) -> tuple[int, int]:
    return span_of(text, quote)


def _pair(folder: Path, article_id: str, text: str, labels: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8", newline="")
    labels_path = folder / f"article{article_id}.labels.tsv"
    if isinstance(labels, bytes):
        labels_path.write_bytes(labels)
    else:
        labels_path.write_text(labels, encoding="utf-8", newline="")
    return labels_path


def _line(technique: str, quote: str, article_id: str = "42", text: str = TEXT) -> str:
    start, end = _at(quote, text)
    return f"{article_id}\t{technique}\t{start}\t{end}\n"


def _read(folder: Path, article_id: str = "42") -> ptc.PtcArticle:
    return ptc.read_article(
        folder / f"article{article_id}.txt", folder / f"article{article_id}.labels.tsv"
    ).value


def _problems(folder: Path, article_id: str = "42") -> list[Problem]:
    with pytest.raises(FormatError) as caught:
        _read(folder, article_id)
    return caught.value.problems


# --- the technique table ----------------------------------------------------------------------


def test_every_semeval_technique_is_a_category_of_the_default_taxonomy() -> None:
    assert len(ptc.SEMEVAL_TECHNIQUES) == 14
    for name, category in ptc.SEMEVAL_TECHNIQUES.items():
        assert TAXONOMY.resolve(name) == category, name
        assert ptc.technique_name(category) == name


def test_names_of_other_releases_map_through_the_table_and_the_rest_are_unknown() -> None:
    for name, category in ptc.EXTRA_NAMES.items():
        assert category in TAXONOMY
        assert ptc.technique_category(name, TAXONOMY) == category, name
    # the 18-technique corpus writes these with spaces
    assert ptc.technique_category("Exaggeration,Minimization", TAXONOMY) == "exaggeration"
    assert ptc.technique_category("Straw Men", TAXONOMY) == "whataboutism"
    assert ptc.technique_category("Reductio ad Hitlerum", TAXONOMY) == "bandwagon"
    for name in ("Obfuscation,Intentional_Vagueness,Confusion", "Appeal_to_Values", "", "?"):
        assert ptc.technique_category(name, TAXONOMY) is None, name


# --- round trips ------------------------------------------------------------------------------


def test_written_files_are_the_corpus_layout_byte_for_byte(tmp_path: Path) -> None:
    spans = [
        (*_at("betrayed"), "loaded_language"),
        (*_at("Traitors"), "name_calling"),
        (*_at("so-called experts"), "scare_quotes"),
        (*_at("Traitors"), "loaded_language"),
    ]
    warnings: list[Problem] = []
    text_path, labels_path = ptc.write_ptc(tmp_path, "42", TEXT, spans, on_warning=warnings.append)
    assert text_path.name == "article42.txt"
    assert labels_path.name == "article42.labels.tsv"
    assert text_path.read_bytes() == TEXT.encode("utf-8")
    assert labels_path.read_bytes() == (
        b"42\tLoaded_Language\t0\t8\n"
        b"42\tName_Calling,Labeling\t0\t8\n"
        b"42\tscare_quotes\t34\t51\n"
        b"42\tLoaded_Language\t52\t60\n"
    )
    # the category SemEval has no name for is written under its id, and said so
    assert [w.severity for w in warnings] == ["warning"]
    assert "scare_quotes" in warnings[0].message
    assert "TC scorer" in warnings[0].message


def test_si_files_have_three_fields_and_one_line_per_span(tmp_path: Path) -> None:
    spans = [(0, 8, "name_calling"), (0, 8, "loaded_language"), (53, 61, "loaded_language")]
    _, labels = ptc.write_ptc(tmp_path, "7", TEXT, spans, flavour=ptc.SI)
    assert labels.read_text(encoding="utf-8") == "7\t0\t8\n7\t53\t61\n"
    article = _read(tmp_path, "7")
    assert article.flavour == ptc.SI
    assert [(s.start, s.end, s.category) for s in article.spans] == [(0, 8, ""), (53, 61, "")]


def test_key_round_trip_keeps_spans_and_categories(make_lesson, tmp_path: Path) -> None:
    lesson = load_lesson(make_lesson())
    assert lesson.key is not None
    warnings: list[Problem] = []
    out = tmp_path / "out"
    ptc.write_ptc(
        out, "tiny", lesson.article.text, ptc.key_spans(lesson.key), "tc", warnings.append
    )
    back = ptc.key_from_ptc(_read(out, "tiny"), lesson.article.text, lesson.id)
    assert sorted((i.start, i.end, i.category) for i in back.items) == sorted(
        ptc.key_spans(lesson.key)
    )
    assert [i.mark.quote for i in back.items] == [
        lesson.article.text[i.start : i.end] for i in back.items
    ]
    assert all(i.rationale == "" for i in back.items)
    assert back.article_sha256 == lesson.article.sha256
    # vague_attribution, unsourced_figure, ... are no SemEval techniques
    assert {w.message.split("'")[1] for w in warnings} >= {"vague_attribution", "scare_quotes"}


@pytest.mark.parametrize("flavour", [ptc.TC, ptc.SI])
def test_submission_round_trip(flavour: str, tmp_path: Path) -> None:
    text = ARTICLE  # has an astral character (🚌): offsets are code points, not UTF-16 units
    spans = [
        (*span_of(text, "reckless"), "loaded_language"),
        (*span_of(text, "Buses will stop"), "speculation_as_fact"),
        (*span_of(text, "Buses"), "exaggeration"),
    ]
    ptc.write_ptc(tmp_path, "s1", text, spans, flavour)
    article = _read(tmp_path, "s1")
    submission = ptc.submission_from_ptc(
        article, text, "tiny", Student("Ada", "a1"), si_category="doubt"
    )
    got = sorted((m.start, m.end, m.category) for m in submission.marks)
    if flavour == ptc.TC:
        assert got == sorted(spans)
    else:
        assert got == sorted((s, e, "doubt") for s, e, _ in spans)
    assert [m.quote for m in submission.marks] == [text[m.start : m.end] for m in submission.marks]
    assert text[submission.marks[-1].start : submission.marks[-1].end] == "Buses will stop"


def test_si_labels_need_a_category_to_become_marks(tmp_path: Path) -> None:
    ptc.write_ptc(tmp_path, "s", TEXT, [(0, 8, "")], ptc.SI)
    with pytest.raises(FormatError, match="task SI labels"):
        ptc.submission_from_ptc(_read(tmp_path, "s"), TEXT)


def test_marks_refuse_another_article(tmp_path: Path) -> None:
    ptc.write_ptc(tmp_path, "1", TEXT, [(0, 8, "doubt")])
    with pytest.raises(FormatError, match="not the lesson's article"):
        ptc.key_from_ptc(_read(tmp_path, "1"), "Something else entirely.\n")


def test_writing_refuses_ids_that_are_paths_and_text_that_is_not_normalized(
    tmp_path: Path,
) -> None:
    for bad in ("../evil", "a/b", "", "x" * 101, "article\n1", "..", "a b"):
        with pytest.raises(FormatError, match="article id"):
            ptc.write_ptc(tmp_path / "out", bad, TEXT, [])
    assert not (tmp_path / "evil.labels.tsv").exists()
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="NFC, LF"):
        ptc.write_ptc(tmp_path, "1", "a\r\nb", [])
    with pytest.raises(ValueError, match="NFC, LF"):
        ptc.write_ptc(tmp_path, "1", "Cafe\u0301", [])
    with pytest.raises(ValueError, match="does not fit"):
        ptc.write_ptc(tmp_path, "1", TEXT, [(5, len(TEXT) + 1, "doubt")])


# --- folder import as lessons -----------------------------------------------------------------


def _corpus(folder: Path) -> None:
    _pair(
        folder,
        "111",
        TEXT,
        _line("Name_Calling,Labeling", "Traitors", "111")
        + _line("Flag-Waving", "Only patriots can stop", "111")
        + _line("Bandwagon,Reductio_ad_hitlerum", "everyone knows it", "111"),
    )
    other = "Headline\n\nA plain sentence with a slogan: Make it great.\n"
    _pair(folder, "222", other, _line("Slogans", "Make it great", "222", other))
    _pair(folder, "333", "Nothing to see\n\nNo technique here.\n", "")


def test_a_folder_becomes_lessons_with_keys_and_check_asks_for_rationales(
    tmp_path: Path,
) -> None:
    _corpus(tmp_path / "corpus")
    made = ptc_lessons(tmp_path / "corpus", tmp_path / "lessons", TAXONOMY)
    assert [p.name for p in made] == ["article111", "article222", "article333"]
    first = load_lesson(made[0])
    assert first.id == "article111"
    assert first.title == "Traitors sell out the nation"
    assert first.key is not None
    assert [(i.mark.quote, i.category, i.rationale) for i in first.key.items] == [
        ("Traitors", "name_calling", ""),
        ("Only patriots can stop", "flag_waving", ""),
        ("everyone knows it", "bandwagon", ""),
    ]
    assert first.article.text == TEXT
    empty = load_lesson(made[2])
    assert empty.key is not None
    assert empty.key.items == ()
    problems = check(made[0])
    assert not [p for p in problems if p.severity == "error"]
    rationale = [p for p in problems if "no rationale" in p.message]
    assert len(rationale) == 3
    assert {p.severity for p in rationale} == {"warning"}


def test_the_semeval_release_layout_with_labels_in_their_own_folder(tmp_path: Path) -> None:
    articles, labels = tmp_path / "train-articles", tmp_path / "train-labels-task-flc-tc"
    articles.mkdir()
    labels.mkdir()
    (articles / "article9.txt").write_text(TEXT, encoding="utf-8")
    (labels / "article9.task-flc-tc.labels").write_text(
        _line("Loaded_Language", "betrayed", "9"), encoding="utf-8"
    )
    made = ptc_lessons(articles, tmp_path / "lessons", labels_folder=labels)
    key = load_lesson(made[0]).key
    assert key is not None
    assert [i.mark.quote for i in key.items] == ["betrayed"]


def test_si_folder_import_takes_the_category_given(tmp_path: Path) -> None:
    start, end = _at("betrayed")
    _pair(tmp_path / "c", "5", TEXT, f"5\t{start}\t{end}\n")
    with pytest.raises(FormatError, match="task SI labels"):
        ptc_lessons(tmp_path / "c", tmp_path / "lessons")
    assert not (tmp_path / "lessons").exists()
    made = ptc_lessons(tmp_path / "c", tmp_path / "lessons", si_category="loaded_language")
    key = load_lesson(made[0]).key
    assert key is not None
    assert [(i.mark.quote, i.category) for i in key.items] == [("betrayed", "loaded_language")]


def test_folder_pairing_problems_are_all_reported_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    _corpus(corpus)
    (corpus / "article444.txt").write_text("Lonely article\n", encoding="utf-8")
    (corpus / "article555.labels.tsv").write_text("555\tDoubt\t0\t3\n", encoding="utf-8")
    (corpus / "article111.task-si.labels").write_text("111\t0\t8\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        ptc_lessons(corpus, tmp_path / "lessons")
    messages = {Path(p.file).name: p.message for p in caught.value.problems}
    assert "without labels" in messages["article444.txt"]
    assert "without an article" in messages["article555.labels.tsv"]
    assert "second labels file" in messages["article111.task-si.labels"]
    assert not (tmp_path / "lessons").exists()


def test_existing_lessons_are_not_overwritten(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    (tmp_path / "lessons" / "article222").mkdir(parents=True)
    (tmp_path / "lessons" / "article222" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FormatError, match="already there"):
        ptc_lessons(tmp_path / "corpus", tmp_path / "lessons")
    assert sorted(p.name for p in (tmp_path / "lessons").iterdir()) == ["article222"]
    assert (tmp_path / "lessons" / "article222" / "notes.txt").read_text() == "mine"


def test_an_empty_folder_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"no article<ID>\.txt"):
        ptc.read_folder(tmp_path)
    with pytest.raises(FormatError, match="expected a folder"):
        ptc.read_folder(tmp_path / "absent")


# --- hostile labels ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("42\tDoubt\t3\n", 1, "3 fields, where the lines before have 4"),
        ("42\tDoubt\t3\t5\t\n", 1, "found 5"),
        ("42\tDoubt\t3\t5\t9\n", 1, "found 5"),
        ("42 Doubt 3 5\n", 1, "found 1"),
        ("42\tDoubt\t1.5\t8\n", 10, "start: expected a whole number"),
        ("42\tDoubt\t+1\t8\n", 10, "start: expected a whole number"),
        ("42\tDoubt\t1_0\t18\n", 10, "start: expected a whole number"),
        ("42\tDoubt\t\u0661\t8\n", 10, "start: expected a whole number"),
        ("42\tDoubt\t-1\t8\n", 10, "start: expected a whole number"),
        ("42\tDoubt\t0\tend\n", 12, "end: expected a whole number"),
        ("42\tDoubt\t8\t8\n", 10, "expected start < end, got 8 and 8"),
        ("42\tDoubt\t9\t2\n", 10, "expected start < end"),
        ("42\tDoubt\t0\t9999\n", 12, "end 9999 is beyond the article (157 characters)"),
        ("42\tDoubt\t0\t99999999999999999999\n", 12, "end: expected a whole number"),
        ("43\tDoubt\t0\t8\n", 1, "names article '43', the file is article '42'"),
        ("42\t\t0\t8\n", 4, "empty technique"),
    ],
)
def test_a_bad_line_is_reported_with_its_place(
    tmp_path: Path, line: str, column: int, message: str
) -> None:
    _pair(tmp_path, "42", TEXT, _line("Doubt", "betrayed") + line)
    problems = [p for p in _problems(tmp_path) if p.severity == "error"]
    assert len(problems) == 1
    (problem,) = problems
    assert message in problem.message, problem
    assert Path(problem.file).name == "article42.labels.tsv"
    assert (problem.line, problem.column) == (2, column)


def test_unknown_techniques_are_listed_with_the_first_line_of_each(tmp_path: Path) -> None:
    labels = (
        _line("Doubt", "betrayed")
        + _line("Obfuscation,Intentional_Vagueness,Confusion", "Traitors")
        + _line("Appeal_to_Values", "our great country")
        + _line("Obfuscation,Intentional_Vagueness,Confusion", "disaster")
    )
    _pair(tmp_path, "42", TEXT, labels)
    problems = _problems(tmp_path)
    places = {(p.line, p.column) for p in problems if p.message.startswith("unknown technique ")}
    assert places == {(2, 4), (3, 4)}
    summary = [p for p in problems if p.message.startswith("2 unknown techniques")]
    assert len(summary) == 1
    assert "'Appeal_to_Values'" in summary[0].message
    assert "'Obfuscation,Intentional_Vagueness,Confusion'" in summary[0].message


def test_a_lesson_taxonomy_alias_maps_a_name_the_table_lacks(tmp_path: Path) -> None:
    from dataclasses import replace

    doubt = TAXONOMY["doubt"]
    extended = TAXONOMY.merged(
        [replace(doubt, aliases=(*doubt.aliases, "Obfuscation,Intentional_Vagueness,Confusion"))]
    )
    _pair(tmp_path, "42", TEXT, _line("Obfuscation,Intentional_Vagueness,Confusion", "betrayed"))
    article = ptc.read_article(
        tmp_path / "article42.txt", tmp_path / "article42.labels.tsv", extended
    ).value
    assert [s.category for s in article.spans] == ["doubt"]


def test_mixed_task_flavours_in_one_file_are_a_problem(tmp_path: Path) -> None:
    _pair(tmp_path, "42", TEXT, _line("Doubt", "betrayed") + "42\t0\t8\n")
    problems = _problems(tmp_path)
    assert problems[0].line == 2
    assert "one file holds one task's labels" in problems[0].message


def test_crlf_bom_and_blank_lines_in_labels_are_read(tmp_path: Path) -> None:
    labels = "\ufeff" + _line("Doubt", "betrayed").replace("\n", "\r\n") + "\r\n\r\n"
    labels += _line("Slogans", "Only patriots can stop this disaster").replace("\n", "\r\n")
    _pair(tmp_path, "42", TEXT, labels)
    article = _read(tmp_path)
    assert [TEXT[s.start : s.end] for s in article.spans] == [
        "betrayed",
        "Only patriots can stop this disaster",
    ]
    assert [s.line for s in article.spans] == [1, 4]


def test_the_official_files_spacing_around_fields_is_tolerated(tmp_path: Path) -> None:
    start, end = _at("betrayed")
    _pair(tmp_path, "42", TEXT, f"42\tLoaded_Language\t  {start}   \t{end}  \n")
    assert [(s.start, s.end) for s in _read(tmp_path).spans] == [(start, end)]


def test_crlf_article_offsets_count_a_line_break_once_and_say_so(tmp_path: Path) -> None:
    crlf = "\ufeff" + TEXT.replace("\n", "\r\n")
    # offsets as Python's text mode reads the file: one character per line break, no BOM
    _pair(tmp_path, "42", crlf, _line("Flag-Waving", "Only patriots"))
    loaded = ptc.read_article(tmp_path / "article42.txt", tmp_path / "article42.labels.tsv")
    article = loaded.value
    assert article.text == TEXT
    assert [TEXT[s.start : s.end] for s in article.spans] == ["Only patriots"]
    assert [w.severity for w in loaded.warnings] == ["warning"]
    assert "CRLF" in loaded.warnings[0].message
    assert Path(loaded.warnings[0].file).name == "article42.txt"


def test_decomposed_article_offsets_are_mapped_to_the_nfc_text(tmp_path: Path) -> None:
    nfd = unicodedata.normalize(
        "NFD", "Café owners\n\nThe naïve résumé was a scandal.\nPlain words follow.\n"
    )
    start = nfd.index("scandal")
    plain = nfd.index("Plain")
    _pair(
        tmp_path,
        "42",
        nfd,
        f"42\tLoaded_Language\t{start}\t{start + 7}\n42\tDoubt\t{plain}\t{plain + 5}\n",
    )
    article = _read(tmp_path)
    assert article.text == unicodedata.normalize("NFC", nfd)
    assert [article.text[s.start : s.end] for s in article.spans] == ["scandal", "Plain"]
    assert article.spans[0].start == start - 4  # é, ï, é, é: four marks folded away
    assert article.spans[1].start == plain - 4


def test_duplicate_lines_are_kept_once_with_a_warning(tmp_path: Path) -> None:
    line = _line("Doubt", "betrayed")
    _pair(tmp_path, "42", TEXT, line + _line("Loaded_Language", "betrayed") + line)
    loaded = ptc.read_article(tmp_path / "article42.txt", tmp_path / "article42.labels.tsv")
    assert [s.category for s in loaded.value.spans] == ["doubt", "loaded_language"]
    assert [(w.line, w.severity) for w in loaded.warnings] == [(3, "warning")]
    assert "same span as line 1" in loaded.warnings[0].message


def test_binary_non_utf8_and_empty_files(tmp_path: Path) -> None:
    _pair(tmp_path / "a", "42", TEXT, b"\x00\x01\x02binary\x00")
    assert "binary data" in _problems(tmp_path / "a")[0].message
    _pair(tmp_path / "b", "42", TEXT, b"42\tDoubt\t0\t8\n42\tD\xe9j\xe0\t0\t8\n")
    problem = _problems(tmp_path / "b")[0]
    assert "not UTF-8" in problem.message
    assert (problem.line, problem.column) == (2, 5)
    _pair(tmp_path / "c", "42", " \n\n", "")
    assert "article is empty" in _problems(tmp_path / "c")[0].message
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "article42.txt").write_bytes(b"Caf\xe9\n")
    (tmp_path / "d" / "article42.labels.tsv").write_text("")
    assert "not UTF-8" in _problems(tmp_path / "d")[0].message


def test_a_file_of_garbage_is_reported_briefly(tmp_path: Path) -> None:
    _pair(tmp_path, "42", TEXT, "x\n" * 10_000)
    problems = _problems(tmp_path)
    assert len(problems) == ptc.MAX_PROBLEMS + 1
    assert problems[-1].message == "... and 9950 more problems like these"


def test_a_huge_labels_file_is_refused_unread(tmp_path: Path) -> None:
    _pair(tmp_path, "42", TEXT, "")
    with open(tmp_path / "article42.labels.tsv", "wb") as handle:  # sparse: no disk used
        handle.truncate(limits.MAX_JSON_BYTES + 1)
    (problem,) = _problems(tmp_path)
    assert "too large to read" in problem.message


def test_a_huge_article_is_refused_unread(tmp_path: Path) -> None:
    _pair(tmp_path, "42", TEXT, "")
    with open(tmp_path / "article42.txt", "wb") as handle:
        handle.truncate(limits.MAX_ARTICLE_BYTES + 1)
    (problem,) = _problems(tmp_path)
    assert "too large to read" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_in_place_of_an_article_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "article42.txt")
    (tmp_path / "article42.labels.tsv").write_text("")
    (problem,) = _problems(tmp_path)
    assert "named pipe" in problem.message
    with pytest.raises(FormatError) as caught:
        ptc.read_folder(tmp_path)
    assert "named pipe" in caught.value.problems[0].message


def test_file_names_must_be_the_corpus_names(tmp_path: Path) -> None:
    _pair(tmp_path, "42", TEXT, "")
    with pytest.raises(FormatError, match=r"article<ID>\.txt"):
        ptc.read_article(tmp_path / "article42.labels.tsv", tmp_path / "article42.txt")
    with pytest.raises(FormatError, match="labels of article '42'"):
        ptc.read_article(tmp_path / "article42.txt", tmp_path / "article43.labels.tsv")
    assert ptc.article_id_of(Path("article12.task-si.labels")) == "12"
    assert ptc.article_id_of(Path("article../x.txt")) is None
    assert ptc.article_id_of(Path("notes.txt")) is None


# --- the command line -------------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from literacy_app import cli

    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_a_folder_export_it_and_grade_a_submission_in_ptc(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _corpus(tmp_path / "corpus")
    lessons = tmp_path / "lessons"
    code, out, err = _cli(
        capsys, "import", str(tmp_path / "corpus"), "--as", "lesson", "-o", str(lessons)
    )
    assert code == 0, err
    assert sorted(p.name for p in lessons.iterdir()) == ["article111", "article222", "article333"]
    assert "created lesson 'article111' with 3 key items" in out

    # the key goes back out under the corpus name, byte for byte what came in
    code, _, err = _cli(
        capsys, "export", str(lessons / "article111"), "--to", "ptc", "-o", str(tmp_path / "out")
    )
    assert code == 0, err
    assert (tmp_path / "out" / "article111.txt").read_text(encoding="utf-8") == TEXT
    written = (tmp_path / "out" / "article111.labels.tsv").read_text(encoding="utf-8")
    original = (tmp_path / "corpus" / "article111.labels.tsv").read_text(encoding="utf-8")
    assert sorted(written.splitlines()) == sorted(original.splitlines())

    # a student's labels (one line wrong in technique) as a submission, graded by SemEval
    student = tmp_path / "student"
    _pair(
        student,
        "111",
        TEXT,
        _line("Name_Calling,Labeling", "Traitors", "111")
        + _line("Doubt", "everyone knows it", "111"),
    )
    submission = tmp_path / "ada.json"
    code, _, err = _cli(
        capsys, "import", str(student / "article111.labels.tsv"), "--as", "submission",
        "--lesson", str(lessons / "article111"), "-o", str(submission),
    )  # fmt: skip
    assert code == 0, err
    code, out, err = _cli(
        capsys, "grade", "--lesson", str(lessons / "article111"), "--metric", "semeval",
        "--format", "json", str(submission),
    )  # fmt: skip
    assert code == 0, err
    (entry,) = json.loads(out)["submissions"]
    assert entry["unlabelled"]["precision"] == 1.0
    assert entry["unlabelled"]["recall"] == pytest.approx(2 / 3)
    assert entry["labelled"]["precision"] == 0.5
    assert entry["labelled"]["recall"] == pytest.approx(1 / 3)


def test_the_command_line_reports_bad_labels_with_their_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _pair(tmp_path / "c", "42", TEXT, _line("Doubt", "betrayed") + "42\tDoubt\t9\t2\n")
    code, _, err = _cli(
        capsys, "import", str(tmp_path / "c"), "--as", "lesson", "-o", str(tmp_path / "l")
    )
    assert code == 1
    assert f"{tmp_path / 'c' / 'article42.labels.tsv'}:2:10: expected start < end" in err
    assert not (tmp_path / "l").exists()
    # a single article named by its .txt, and SI labels, which name no technique
    _pair(tmp_path / "si", "7", TEXT, "7\t0\t8\n")
    code, _, err = _cli(
        capsys,
        "import",
        str(tmp_path / "si" / "article7.txt"),
        "--as",
        "lesson",
        "-o",
        str(tmp_path / "l"),
    )
    assert code == 1
    assert "task SI labels name no technique" in err


def test_export_needs_a_folder(capsys: pytest.CaptureFixture[str], make_lesson) -> None:
    code, out, err = _cli(capsys, "export", str(make_lesson()), "--to", "ptc")
    assert code == 2
    assert "--to ptc needs -o FOLDER" in err
    assert out == ""

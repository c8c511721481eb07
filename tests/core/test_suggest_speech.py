"""Whose words are these? Titles and attributed quotations (literacy_app.core.suggest_speech).

The false alarms seen on real pages, as shapes: film and song titles in quotation marks taken
for scare quotes, a named source's heated words taken for the writer's, figures a named person
gives taken for unsourced ones. And the other side: the writer's own scare quotes, and an
unnamed source, must still be flagged. None of these sentences is in the evaluation set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from literacy_app.core.suggest import suggest
from literacy_app.core.suggest_speech import NAMED, TITLE, UNNAMED, Speech
from literacy_app.core.suggest_text import Text

CORE = Path(__file__).resolve().parents[2] / "literacy_app" / "core"


def _kinds(text: str) -> list[tuple[str, str]]:
    speech = Speech(Text(text))
    return [(text[q.start + 1 : q.end - 1], q.kind) for q in speech.quotations()]


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.quote, s.category) for s in suggest(text)]


# --- titles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tonight the cinema shows “Harvest of Ashes”, a war drama.",
        'Her second book, "The Orchard Keeper", sold well.',
        "The band closed with the song “gone by morning”.",  # lower case, but after "song"
        "In the episode “Paper Boats” the sisters finally talk.",
        "The podcast “Small Print” has a new host.",
        "Read *The Salt Road* before the seminar.",
    ],
)
def test_quoted_titles_are_titles(text: str) -> None:
    assert [kind for _, kind in _kinds(text)] == [TITLE]


def test_a_title_is_not_a_scare_quote_but_a_lower_case_sneer_is() -> None:
    text = "After “The Worst Winter Ever” closed, the council's “improvements” began."
    assert _found(text) == [("improvements", "scare_quotes")]


def test_title_case_inside_a_title_case_headline_says_nothing() -> None:
    headline = "Council Unveils Its Bold “Clean Streets” Plan for Downtown"
    assert _kinds(headline) == [("Clean Streets", "free")]
    assert ("Clean Streets", "scare_quotes") in _found(headline)


def test_italics_markers_in_lower_case_are_not_titles() -> None:
    assert _kinds("It was *really* cold.") == [("really", "free")]


# --- quotations from a named source --------------------------------------------------------------


def test_a_named_sources_heated_words_are_not_the_writers() -> None:
    text = (
        "“This is a reckless, shameful scheme that nobody wanted,” said Councillor Mo Aziz. "
        "“It is the worst decision in the history of the town.”"
    )
    assert _kinds(text) == [
        ("This is a reckless, shameful scheme that nobody wanted,", NAMED),
        ("It is the worst decision in the history of the town.", NAMED),  # continues it
    ]
    assert suggest(text) == []


def test_the_same_words_in_the_writers_voice_are_flagged() -> None:
    text = "This is a reckless, shameful scheme that nobody wanted."
    categories = {category for _, category in _found(text)}
    assert {"loaded_language", "exaggeration"} <= categories


def test_words_quoted_after_a_reporting_verb_belong_to_the_speaker() -> None:
    text = "The landlord, Ken Ito, called the inspection “a witch hunt” and left."
    assert _kinds(text) == [("a witch hunt", NAMED)]
    assert suggest(text) == []


def test_a_figure_from_a_named_person_is_sourced() -> None:
    assert _found("Okafor said 40% of the stock was damaged.") == []
    assert _found("About 40% of the stock was damaged.") == [
        ("40% of the stock", "unsourced_figure")
    ]


def test_a_verb_with_an_object_does_not_attribute_the_writers_scare_quote() -> None:
    # "announced a “temporary” closure": the quotation marks are the writer's
    assert _found("The board announced a “temporary” closure.") == [("temporary", "scare_quotes")]


def test_a_scare_quoted_subject_before_a_verb_is_not_speech() -> None:
    text = "Their “safety review” claimed the bridge was sound."
    assert _kinds(text) == [("safety review", "free")]
    assert ("safety review", "scare_quotes") in _found(text)


def test_so_called_is_not_a_reporting_verb() -> None:
    assert _found("It was a so-called “upgrade”.") == [("so-called “upgrade", "scare_quotes")]


# --- unnamed sources -----------------------------------------------------------------------------


def test_an_unnamed_speaker_is_itself_flagged_and_their_figures_stay_unsourced() -> None:
    text = "“Half of the staff have already quit,” said one manager, who asked not to be named."
    assert _kinds(text)[0][1] == UNNAMED
    found = _found(text)
    assert ("Half of the staff", "unsourced_figure") in found
    assert any(c == "vague_attribution" for _, c in found), found


def test_an_unnamed_speakers_loaded_words_are_still_theirs() -> None:
    text = "“The whole place is a shambles,” said one resident."
    assert _found(text) == [("said one resident", "vague_attribution")]


def test_an_appositive_name_makes_a_source_named() -> None:
    text = "Dr. Ruth Obi, an economist at the bank, said the fall was “utterly predictable”."
    assert _kinds(text) == [("utterly predictable", NAMED)]


# --- the engine around it ------------------------------------------------------------------------


def test_a_rule_may_keep_its_matches_inside_quotations() -> None:
    text = "“We are rightsizing the team,” said the chief executive, Ana Lind."
    assert ("rightsizing", "euphemism") in _found(text)


def test_unpaired_quotation_marks_protect_nothing() -> None:
    text = "He wrote “ and then the reckless plan went ahead."
    assert ("reckless plan", "loaded_language") in _found(text)


def test_each_module_of_the_suggester_stays_under_500_lines() -> None:
    modules = sorted(CORE.glob("suggest*.py"))
    assert len(modules) >= 5
    for module in modules:
        lines = module.read_text(encoding="utf-8").count("\n")
        assert lines <= 500, f"{module.name}: {lines} lines"

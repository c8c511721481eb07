"""The rules added for real news (issue 13), each on fresh sentences: it fires on the device and
stays quiet on the fair sentence that looks like it. No sentence here is in the evaluation set
(benchmarks/suggest_eval), so these show that a rule generalises beyond the text it came from.
"""

from __future__ import annotations

import pytest

from literacy_app.core.suggest import suggest


def _found(text: str) -> set[tuple[str, str]]:
    return {(s.quote, s.category) for s in suggest(text)}


def _rules(text: str) -> set[str]:
    return {rule for s in suggest(text) for rule in s.rule.split(" + ")}


# (rule, sentence with the device, the span it should propose, a fair sentence)
CASES = [
    (
        "vague.unnamed-people-say",
        "Critics of the bypass claimed it would flood the valley.",
        "Critics of the bypass claimed",
        "Officials at the Highways Agency claimed the bypass was safe.",
    ),
    (
        "vague.unnamed-people-say",
        "Residents generally agree that the square is too dark at night.",
        "Residents generally agree",
        "About 70% of residents say the square is too dark at night.",  # the figure is the item
    ),
    (
        "vague.group-verdict",
        "Historians remain sharply divided over the letter.",
        "Historians remain sharply divided",
        "The library's historians are convinced the letter is a forgery.",
    ),
    (
        "vague.one-unnamed",
        "One engineer told investigators the valve had been jammed for weeks.",
        "One engineer told investigators",
        "One engineer, Sara Kowal, told investigators the valve was jammed.",
    ),
    (
        "vague.one-unnamed",
        "A tenant, who asked not to be identified, said the boiler leaks.",
        "A tenant, who asked not to be identified",
        "A tenant, Joe Barros, said the boiler leaks.",
    ),
    (
        "vague.anonymous-source",
        "People familiar with the talks said a deal was close.",
        "People familiar with the talks",
        "The mediator, Lena Ortiz, said a deal was close.",
    ),
    (
        "figure.proportion",
        "A third of commuters now cycle to work.",
        "A third of commuters",
        "A third of commuters now cycle to work, the city's travel survey found.",
    ),
    (
        "figure.change",
        "Parking fines have quadrupled since the cameras went up.",
        "Parking fines have quadrupled",
        "Parking fines have quadrupled, council records show.",
    ),
    (
        "figure.large-count",
        "The festival drew fifty thousand visitors.",
        "fifty thousand visitors",
        "The festival drew fifty thousand visitors, the organisers said.",
    ),
    (
        "figure.vague-multitude",
        "Storms leave thousands without power.",
        "thousands without power",
        "Storms left 4,100 homes without power, the grid operator said.",
    ),
    (
        "loaded.vivid-compound",
        "It is a wallet-draining scheme.",
        "wallet-draining scheme",
        "It is a wood-fired oven.",
    ),
    (
        "loaded.vivid-verb",
        "The chimney spewed soot across the estate.",
        "spewed",
        "The chimney released soot across the estate.",
    ),
    (
        "loaded.metaphor",
        "The league is a house of cards.",
        "house of cards",
        "The league has twelve clubs and a reserve fund.",
    ),
    (
        "motive.want-us-to-believe",
        "They want us to believe the river is clean.",
        "They want us to believe",
        "They say the river is clean.",
    ),
    (
        "bandwagon.everyone-who",
        "Anyone who values this park should sign the petition.",
        "Anyone who values this park should sign the petition",
        "Anyone who wants a permit can apply online.",
    ),
    (
        "either-or.false-choice",
        "The choice could not be clearer.",
        "The choice could not be clearer",
        "The choice of venue is up to the club.",
    ),
    (
        "fear.threat",
        "This vote is our last chance to save the pier.",
        "our last chance",
        "This is your last chance to book a seat.",
    ),
    (
        "cliche.thought-stopper",
        "He left by the back door, which tells you all you need to know.",
        "which tells you all you need to know",
        "He left by the back door, the guard said.",
    ),
]


@pytest.mark.parametrize(("rule", "device", "span", "fair"), CASES, ids=[c[0] for c in CASES])
def test_a_new_rule_fires_on_a_fresh_device_and_not_on_a_fair_sentence(
    rule: str, device: str, span: str, fair: str
) -> None:
    found = suggest(device)
    assert any(rule in s.rule.split(" + ") and s.quote == span for s in found), found
    assert rule not in _rules(fair), suggest(fair)


# --- the false alarms seen on real pages, as shapes ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Voters rejected Prop. 22 in 2020.",
        "Prop. 8 changed everything for the couple.",
        "Measure 12 failed; Route 40 buses will not run.",
        "Members of Local 1199 walked out.",
        "The bill amends Section 230 protections.",
    ],
)
def test_numbered_names_are_not_figures(text: str) -> None:
    assert not any(s.category == "unsourced_figure" for s in suggest(text)), suggest(text)


@pytest.mark.parametrize(
    "text",
    [
        "The audit explores records showing that 41% of invoices were late.",
        "Figures from the national statistics office put the rise at 7 percent.",
        "Okoro said 300 people had signed up.",
        "The museum says 12,000 people visited in May.",
        "Hospital records show that 30 percent of beds were empty.",
    ],
)
def test_sourced_figures_are_quiet(text: str) -> None:
    assert not any(s.category == "unsourced_figure" for s in suggest(text)), suggest(text)


@pytest.mark.parametrize(
    "text",
    [
        "The data show that 41% of invoices were late.",  # whose data?
        "Reports say 300 people had signed up.",
        "About 12,000 people visited in May.",
    ],
)
def test_unsourced_figures_still_fire(text: str) -> None:
    assert any(s.category == "unsourced_figure" for s in suggest(text)), text


def test_a_claim_reported_as_someone_elses_is_not_the_writers_studies_show() -> None:
    assert "vague.studies-show" not in _rules(
        "Studies show that naps boost memory, the mattress maker's adverts claim."
    )
    assert "vague.studies-show" in _rules("Studies show that naps boost memory.")


def test_an_alternation_never_stops_inside_a_longer_word() -> None:
    # "report|reports|reported" once matched "report" inside "reported" and then failed the
    # word-boundary check, so "Others reported" and "Critics claimed" were never suggested.
    assert ("Others reported", "vague_attribution") in _found("Others reported a bang.")
    assert ("Critics claimed", "vague_attribution") in _found("Critics claimed it was rigged.")
    assert ("Studies showed", "vague_attribution") in _found("Studies showed no effect.")

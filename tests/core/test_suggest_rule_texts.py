"""The suggestion rules' explanations reach the translation catalogue, and are shown translated."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from literacy_app import i18n
from literacy_app.core import suggest_rule_texts

RULES = Path(suggest_rule_texts.__file__).with_name("suggest_rules.json")
TEXTS_MODULE = Path(suggest_rule_texts.__file__)
SPANISH_MO = Path(i18n.__file__).with_name("locale") / "es" / "LC_MESSAGES" / "literacy_app.mo"


def _json_explanations() -> list[str]:
    """Each distinct explanation, stripped as the rule reader keeps it, in the file's order."""
    data = json.loads(RULES.read_text(encoding="utf-8"))
    return list(dict.fromkeys(rule["explanation"].strip() for rule in data["rules"]))


def test_the_module_lists_exactly_the_json_explanations_in_order() -> None:
    assert list(suggest_rule_texts.EXPLANATIONS) == _json_explanations()


def test_the_module_lists_each_explanation_once() -> None:
    assert len(set(suggest_rule_texts.EXPLANATIONS)) == len(suggest_rule_texts.EXPLANATIONS)


def test_the_extractor_sees_every_explanation_the_json_holds() -> None:
    """What pybabel finds is what matters: a text built at run time would pass the test above
    and never reach the catalogue."""
    found = {
        extracted[1]
        for extracted in extract_from_file("python", str(TEXTS_MODULE), keywords={"N_": None})
    }
    expected = set(_json_explanations())
    assert expected - found == set(), "explanations the catalogue would not get"
    assert found - expected == set(), "explanations the JSON no longer holds"


def test_the_shipped_spanish_catalogue_translates_every_explanation() -> None:
    with SPANISH_MO.open("rb") as file:
        spanish = gettext.GNUTranslations(file)
    untranslated = [e for e in _json_explanations() if spanish.gettext(e) == e]
    assert untranslated == []


class _Marked(gettext.NullTranslations):
    """A stand-in catalogue that knows only the rules' explanations."""

    def gettext(self, message: str) -> str:
        if message in suggest_rule_texts.EXPLANATIONS:
            return f"«{message}»"
        return "HEADER" if message == "" else message


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", _Marked())


@pytest.mark.usefixtures("marked")
def test_a_suggestion_of_two_rules_shows_each_explanation_translated() -> None:
    """Merged suggestions carry one explanation per line; a lesson's own rule (not in the
    catalogue) passes through, and a blank line does not turn into the catalogue header."""
    from literacy_app.gui.suggestions_panel import explanation_text

    first, second = suggest_rule_texts.EXPLANATIONS[:2]
    joined = "\n".join([first, "A rule of the lesson's own.", "", second])
    assert explanation_text(joined) == "\n".join(
        [f"«{first}»", "A rule of the lesson's own.", "", f"«{second}»"]
    )

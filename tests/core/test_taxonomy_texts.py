"""The default taxonomy's texts reach the translation catalogue, and are shown translated."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from literacy_app import i18n
from literacy_app.core import taxonomy_texts
from literacy_app.core.taxonomy import Category, Group
from literacy_app.formats.native import DEFAULT_TAXONOMY, default_taxonomy

TEXTS_MODULE = Path(taxonomy_texts.__file__)


def _json_texts() -> list[str]:
    data = json.loads(DEFAULT_TAXONOMY.read_text(encoding="utf-8"))
    return [c[field] for c in data["categories"] for field in ("name", "definition", "example")]


def test_the_module_lists_exactly_the_json_texts_in_order() -> None:
    assert list(taxonomy_texts.CATEGORIES) == _json_texts()


def test_the_extractor_sees_every_text_the_json_holds() -> None:
    """What matters is what pybabel finds, not what Python evaluates: a text built at run time
    (an f-string, a variable) would pass the test above and never reach the catalogue."""
    found = {
        extracted[1]
        for extracted in extract_from_file("python", str(TEXTS_MODULE), keywords={"N_": None})
    }
    expected = {*_json_texts(), *(group.label for group in Group)}
    assert expected - found == set(), "texts of the JSON the catalogue would not get"
    assert found - expected == set(), "texts the JSON no longer holds"


def test_group_names_are_listed() -> None:
    assert set(taxonomy_texts.GROUPS) == {group.label for group in Group}


class _Marked(gettext.NullTranslations):
    """A stand-in catalogue that knows only the default taxonomy's texts."""

    def gettext(self, message: str) -> str:
        known = {*taxonomy_texts.CATEGORIES, *taxonomy_texts.GROUPS}
        return f"«{message}»" if message in known else message


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_translation", _Marked())


@pytest.mark.usefixtures("marked")
def test_default_categories_are_shown_translated_and_files_keep_english() -> None:
    loaded = default_taxonomy()["loaded_language"]
    assert loaded.display_name == "«Loaded language»"
    assert loaded.display_definition == f"«{loaded.definition}»"
    assert loaded.display_example == f"«{loaded.example}»"
    assert loaded.name == "Loaded language"  # what files and other tools' labels hold
    assert Group.CLAIM.display_label == "«Unsupported claims»"
    assert Group.CLAIM.label == "Unsupported claims"


@pytest.mark.usefixtures("marked")
def test_a_lessons_own_category_passes_through_and_no_example_stays_empty() -> None:
    own = Category("own", Group.FRAMING, "Glittering generalities", "Vague virtue words.")
    assert own.display_name == "Glittering generalities"
    assert own.display_definition == "Vague virtue words."
    # gettext maps "" to the catalogue's header: an empty example must not show it.
    assert own.display_example == ""


def test_without_a_catalogue_the_display_texts_are_the_english_ones() -> None:
    for category in default_taxonomy():
        assert category.display_name == category.name
        assert category.display_definition == category.definition
        assert category.display_example == category.example

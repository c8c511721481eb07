"""The suggestion evaluation set (benchmarks/suggest_eval) and the script that scores it.

The set must stay what docs/suggestions.md says it is (at least eight news-style texts of
250-600 words, every reference span found in its text, only known categories), its loader must
name the file and the entry when a reference is wrong, and the rules must keep the precision
the issue asked for (>= 0.50 at recall >= 0.40) on it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import eval_suggestions as ev
from literacy_app.core.errors import FormatError
from literacy_app.core.suggest import default_category_ids


@pytest.fixture(scope="module")
def articles() -> list[ev.Article]:
    return ev.eval_set()


def test_the_set_has_at_least_eight_news_style_texts_of_250_to_600_words(
    articles: list[ev.Article],
) -> None:
    assert len(articles) >= 8
    for article in articles:
        words = len(article.text.split())
        assert 250 <= words <= 600, (article.name, words)
        assert article.items, article.name


def test_references_use_known_categories_and_match_their_quotes(
    articles: list[ev.Article],
) -> None:
    known = default_category_ids()
    for article in articles:
        for item in article.items:
            assert item.category in known, (article.name, item.category)
            assert item.accepted <= known, (article.name, item.accepted)
            assert article.text[item.start : item.end] == item.quote
            assert item.quote == item.quote.strip()


def test_the_set_covers_the_false_alarms_and_misses_seen_on_real_pages(
    articles: list[ev.Article],
) -> None:
    quotes = {item.quote for a in articles for item in a.items}
    quiet = {a.text[s:e] for a in articles for s, e, _ in a.quiet}
    for miss in ("planet-cooking machine", "belched", "death spiral", "Others reported"):
        assert miss in quotes
    assert "One academic told the authors" in quotes
    assert "13 proves" in quiet
    assert sum("title" in why for a in articles for _, _, why in a.quiet) >= 10


def test_the_rules_reach_the_target_on_the_set(articles: list[ev.Article]) -> None:
    total = ev.evaluate_all(articles).overall
    assert total.precision >= ev.TARGET_PRECISION, total
    assert total.recall >= ev.TARGET_RECALL, total


def test_the_held_out_texts_are_kept_apart_from_the_tuning_set() -> None:
    held_out = ev.eval_set(ev.HELD_OUT_FOLDER)
    assert len(held_out) >= 2
    assert not {a.name for a in held_out} & {a.name for a in ev.eval_set()}


# --- the loader, fed bad files -------------------------------------------------------------------


def _write(folder: Path, entry: dict[str, object], text: str = "Critics say it works.") -> Path:
    (folder / "a.txt").write_text(text, encoding="utf-8")
    data = {"format": ev.EVAL_FORMAT, "version": 1, "article": "a.txt", **entry}
    path = folder / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"items": [{"category": "doubt", "quote": "nowhere"}]}, "items[0]: 'nowhere'"),
        ({"items": [{"category": "doubt", "quote": "Critics", "occurrence": 2}]}, "occurrence 2"),
        ({"items": [{"category": "doubt", "quote": "Critics", "occurrence": 0}]}, ">= 1"),
        ({"items": [{"category": "doubt", "quote": ""}]}, "non-empty 'quote'"),
        ({"items": [{"quote": "Critics"}]}, "expected a 'category'"),
        ({"quiet": [{"quote": "works!"}]}, "quiet[0]"),
        ({"article": "missing.txt"}, "cannot read the article missing.txt"),
        ({"format": "something-else"}, "expected a JSON object with format"),
    ],
)
def test_a_bad_reference_names_the_file_and_the_entry(
    tmp_path: Path, entry: dict[str, object], message: str
) -> None:
    path = _write(tmp_path, entry)
    with pytest.raises(FormatError) as caught:
        ev.read_eval_file(path)
    problem = caught.value.problems[0]
    assert problem.file == str(path) or Path(problem.file) == path
    assert message in problem.message, problem.message


def test_a_file_that_is_not_json_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(FormatError, match="cannot read"):
        ev.read_eval_file(path)


def test_scores_count_matches_misses_and_quiet_spans(tmp_path: Path) -> None:
    text = "Critics say the “Harbour Lights” film is fine. About 80% agree."
    entry = {
        "items": [
            {"category": "vague_attribution", "quote": "Critics say"},
            {"category": "doubt", "quote": "is fine"},
        ],
        "quiet": [{"quote": "“Harbour Lights”", "why": "film title"}],
    }
    result = ev.evaluate(ev.read_eval_file(_write(tmp_path, entry, text)))
    t = result.overall
    assert (t.items, t.found, t.quiet, t.quiet_hit) == (2, 1, 1, 0)
    assert t.suggestions == 2  # "Critics say" and "80%"
    assert t.strict == 1
    assert [m.quote for m in result.missed] == ["is fine"]


def test_the_script_reports_every_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--no-speed"]) == 0
    out = capsys.readouterr().out
    for title in ("eval set: precision", "held-out: precision", "bundled lessons: precision"):
        assert title in out

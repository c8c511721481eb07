"""How good are the "Suggest" rules? Precision and recall on two sets of marked articles.

Run `python -m benchmarks.eval_suggestions` (add `--markdown` for tables to paste into
docs/suggestions.md, `--show` to list every false alarm and every missed item, `--set` to run
one set only, `--rules FILE` to measure a rules file of your own).

The two sets:

* **eval**: benchmarks/suggest_eval/, news-style texts written for this purpose (news, opinion,
  reviews with titles in quotes, reports quoting named sources, sourced and unsourced figures),
  each with the spans a careful instructor would mark and the "quiet" spans that look like a
  device but are not one (see that folder's README.md). This is the set the rules are tuned on
  and judged by; its precision target is >= 0.50 at recall >= 0.40.
* **held-out**: suggest_eval/held_out/, texts of the same kind written after the rules were
  frozen and never tuned on: the fairer estimate of how the rules do on text they have not met.
* **lessons**: the bundled lessons and their keys, kept apart as a second column, because the
  rules were never tuned to them on purpose and the grading-trust tests use them.

A suggestion *matches* a reference item when their spans, both trimmed as the grader trims them,
have a Jaccard overlap >= 0.5 (the classroom metric's default match threshold); the looser "any
overlap" variant counts a suggestion that shares at least one character with an item.

* precision = suggestions that match some item / suggestions
* recall    = items matched by some suggestion / items
* labelled  = the same, but the suggestion's category must also be one the item accepts
* quiet hit = "quiet" spans (titles, attributed quotes, sourced figures...) a suggestion overlaps

Keys are never complete, so precision here is a lower bound: a suggestion outside the key may
still be a fair find (that is what the instructor decides).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from literacy_app.core.errors import FormatError
from literacy_app.core.suggest import Rule, Suggestion, default_rules, suggest
from literacy_app.core.text import normalize, trim_span
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import bundled_lessons

THRESHOLD = 0.5
EVAL_FOLDER = Path(__file__).parent / "suggest_eval"
HELD_OUT_FOLDER = EVAL_FOLDER / "held_out"
EVAL_FORMAT = "literacy-suggest-eval"
TARGET_PRECISION = 0.5
TARGET_RECALL = 0.4


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    if shared <= 0:
        return 0.0
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


@dataclass(frozen=True)
class Reference:
    """One span a careful instructor would mark (a key item, or an item of the eval set)."""

    start: int
    end: int
    category: str
    accepted: frozenset[str]
    quote: str


@dataclass(frozen=True)
class Article:
    """A text with its reference items and the spans that must stay quiet."""

    name: str
    text: str
    items: tuple[Reference, ...]
    quiet: tuple[tuple[int, int, str], ...] = ()  # (start, end, why)


# --- loading the two sets -------------------------------------------------------------------------


def bundled_set() -> list[Article]:
    articles = []
    for path in bundled_lessons():
        lesson = load_lesson(path)
        if lesson.key is None:
            continue
        text = lesson.article.text
        items = tuple(
            Reference(
                item.start,
                item.end,
                item.category,
                frozenset(item.accepted_categories),
                text[item.start : item.end],
            )
            for item in lesson.key.items
        )
        articles.append(Article(lesson.id, text, items))
    return articles


def _locate(text: str, quote: Any, occurrence: Any, file: Path, where: str) -> tuple[int, int]:
    """The span of the n-th occurrence of `quote`; FormatError with the file and the entry."""
    if not isinstance(quote, str) or not quote.strip():
        raise FormatError.single(file, f"{where}: expected a non-empty 'quote'")
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise FormatError.single(file, f"{where}: 'occurrence' must be a whole number >= 1")
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            raise FormatError.single(
                file, f"{where}: {quote!r} (occurrence {occurrence}) is not in the article"
            )
    return start, start + len(quote)


def read_eval_file(file: Path) -> Article:
    """One article of the eval set: NAME.json naming NAME.txt (format in the folder's README)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FormatError.single(file, f"cannot read: {err}") from None
    if not isinstance(data, dict) or data.get("format") != EVAL_FORMAT:
        raise FormatError.single(file, f"expected a JSON object with format {EVAL_FORMAT!r}")
    article_file = file.with_name(str(data.get("article", "")))
    try:
        text = normalize(article_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        message = f"cannot read the article {article_file.name}: {err}"
        raise FormatError.single(file, message) from None
    items = []
    for number, entry in enumerate(data.get("items", [])):
        where = f"items[{number}]"
        start, end = _locate(text, entry.get("quote"), entry.get("occurrence", 1), file, where)
        category = entry.get("category")
        if not isinstance(category, str):
            raise FormatError.single(file, f"{where}: expected a 'category'")
        start, end = trim_span(text, start, end)
        accepted = frozenset([category, *entry.get("also", [])])
        items.append(Reference(start, end, category, accepted, text[start:end]))
    quiet = []
    for number, entry in enumerate(data.get("quiet", [])):
        where = f"quiet[{number}]"
        start, end = _locate(text, entry.get("quote"), entry.get("occurrence", 1), file, where)
        quiet.append((start, end, str(entry.get("why", ""))))
    return Article(file.stem, text, tuple(items), tuple(quiet))


def eval_set(folder: Path = EVAL_FOLDER) -> list[Article]:
    return [read_eval_file(file) for file in sorted(folder.glob("*.json"))]


# --- scoring ------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts behind one row of a table."""

    suggestions: int = 0
    strict: int = 0  # suggestions with a Jaccard >= 0.5 match
    loose: int = 0  # suggestions overlapping some item
    labelled: int = 0  # strict, and the category is accepted
    items: int = 0
    found: int = 0  # items matched (strict) by some suggestion
    touched: int = 0  # items overlapped by some suggestion
    found_labelled: int = 0
    quiet: int = 0
    quiet_hit: int = 0  # quiet spans some suggestion overlaps

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.strict / self.suggestions if self.suggestions else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.items if self.items else 0.0


def share(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "  - "


@dataclass
class Result:
    name: str
    overall: Tally = field(default_factory=Tally)
    by_family: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_rule: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    false_alarms: list[Suggestion] = field(default_factory=list)
    missed: list[Reference] = field(default_factory=list)
    quiet_hits: list[tuple[str, Suggestion]] = field(default_factory=list)

    def add(self, other: Result) -> None:
        self.overall.add(other.overall)
        for source, target in (
            (other.by_family, self.by_family),
            (other.by_rule, self.by_rule),
            (other.by_category, self.by_category),
        ):
            for name, tally in source.items():
                target[name].add(tally)


def evaluate(article: Article, rules: Sequence[Rule] | None = None) -> Result:
    result = Result(article.name)
    text, items = article.text, article.items
    spans = [(item.start, item.end) for item in items]
    suggestions = suggest(text, rules)
    item_hits = [[False, False, False] for _ in items]  # strict, loose, labelled
    for suggestion in suggestions:
        span = (suggestion.start, suggestion.end)
        scores = [jaccard(span, item_span) for item_span in spans]
        strict = [i for i, score in enumerate(scores) if score >= THRESHOLD]
        loose = [i for i, score in enumerate(scores) if score > 0]
        labelled = [i for i in strict if suggestion.category in items[i].accepted]
        for i in strict:
            item_hits[i][0] = True
        for i in loose:
            item_hits[i][1] = True
        for i in labelled:
            item_hits[i][2] = True
        tally = Tally(1, int(bool(strict)), int(bool(loose)), int(bool(labelled)))
        result.overall.add(tally)
        rule_ids = suggestion.rule.split(" + ")
        for family in {rule.split(".", 1)[0] for rule in rule_ids}:
            result.by_family[family].add(tally)
        for rule in rule_ids:
            result.by_rule[rule].add(tally)
        result.by_category[suggestion.category].add(tally)
        if not loose:
            result.false_alarms.append(suggestion)
    for item, (strict_hit, loose_hit, labelled_hit) in zip(items, item_hits, strict=True):
        tally = Tally(items=1, found=int(strict_hit), touched=int(loose_hit))
        tally.found_labelled = int(labelled_hit)
        result.overall.add(tally)
        result.by_category[item.category].add(tally)
        if not strict_hit:
            result.missed.append(item)
    for start, end, why in article.quiet:
        hits = [s for s in suggestions if jaccard((s.start, s.end), (start, end)) > 0]
        result.overall.add(Tally(quiet=1, quiet_hit=int(bool(hits))))
        result.quiet_hits.extend((why, s) for s in hits)
    return result


def evaluate_all(articles: Iterable[Article], rules: Sequence[Rule] | None = None) -> Result:
    total = Result("overall")
    results = []
    for article in articles:
        result = evaluate(article, rules)
        results.append(result)
        total.add(result)
    total.false_alarms = [s for r in results for s in r.false_alarms]
    total.missed = [m for r in results for m in r.missed]
    total.quiet_hits = [q for r in results for q in r.quiet_hits]
    setattr(total, "parts", results)  # noqa: B010 (kept off the dataclass on purpose)
    return total


# --- printing -----------------------------------------------------------------------------------

HEAD = (
    "suggestions",
    "P strict",
    "P any",
    "P labelled",
    "items",
    "R strict",
    "R any",
    "R labelled",
    "quiet hit",
)


def cells(t: Tally) -> list[str]:
    return [
        str(t.suggestions),
        share(t.strict, t.suggestions),
        share(t.loose, t.suggestions),
        share(t.labelled, t.suggestions),
        str(t.items),
        share(t.found, t.items),
        share(t.touched, t.items),
        share(t.found_labelled, t.items),
        f"{t.quiet_hit}/{t.quiet}" if t.quiet else "-",
    ]


def table(
    title: str,
    first: str,
    rows: Iterable[tuple[str, list[str]]],
    markdown: bool,
    head: Sequence[str] = HEAD,
) -> None:
    rows = list(rows)
    print()
    print(f"### {title}" if markdown else f"== {title} ==")
    if markdown:
        print()
        print("| " + " | ".join((first, *head)) + " |")
        print("|---|" + "---:|" * len(head))
        for name, values in rows:
            print("| " + " | ".join((name, *values)) + " |")
        return
    width = max(len(first), *(len(name) for name, _ in rows)) if rows else len(first)
    widths = [max(len(h), *(len(v[i]) for _, v in rows)) for i, h in enumerate(head)]
    print(f"{first:<{width}}  " + "  ".join(f"{h:>{w}}" for h, w in zip(head, widths, strict=True)))
    for name, values in rows:
        line = "  ".join(f"{v:>{w}}" for v, w in zip(values, widths, strict=True))
        print(f"{name:<{width}}  {line}")


def throughput() -> float:
    """Seconds for one megabyte of (repeated) bundled article text; best of three."""
    texts = [load_lesson(path, with_key=False).article.text for path in bundled_lessons()]
    sample = "\n\n".join(texts)
    big = (sample * (1_000_000 // len(sample) + 1))[:1_000_000]
    suggest("warm up")
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        suggest(big)
        best = min(best, time.perf_counter() - began)
    return best


def _read_rules(name: str) -> tuple[Rule, ...]:
    from literacy_app.core.suggest import parse_rules

    return parse_rules(json.loads(Path(name).read_text(encoding="utf-8")), name)


def report(title: str, total: Result, markdown: bool, show: bool) -> None:
    parts: list[Result] = getattr(total, "parts", [])
    overall = "**overall**" if markdown else "OVERALL"
    table(
        f"{title}: per article",
        "article",
        [(r.name, cells(r.overall)) for r in parts] + [(overall, cells(total.overall))],
        markdown,
    )
    table(
        f"{title}: per rule family",
        "family",
        [(name, cells(t)[:4]) for name, t in sorted(total.by_family.items())],
        markdown,
        HEAD[:4],
    )
    if not show:
        return
    table(
        f"{title}: per rule",
        "rule",
        [(name, cells(t)[:4]) for name, t in sorted(total.by_rule.items())],
        markdown,
        HEAD[:4],
    )
    for result in parts:
        print(f"\n--- {result.name}: false alarms (no overlap with any item)")
        for s in result.false_alarms:
            print(f"  {s.start:>5}-{s.end:<5} {s.category:<26} {s.rule:<34} {s.quote!r}")
        print(f"--- {result.name}: items no suggestion matches (Jaccard >= {THRESHOLD})")
        for item in result.missed:
            print(f"  {item.start:>5}-{item.end:<5} {item.category:<26} {item.quote!r}")
        for why, s in result.quiet_hits:
            print(f"  quiet span hit ({why}): {s.rule} {s.quote!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--show", action="store_true", help="list false alarms and misses")
    parser.add_argument("--set", choices=("eval", "held-out", "lessons", "all"), default="all")
    parser.add_argument("--rules", metavar="RULES.json", help="measure these rules instead")
    parser.add_argument("--no-speed", action="store_true", help="skip the 1 MB timing")
    args = parser.parse_args(argv)

    try:
        rules = _read_rules(args.rules) if args.rules else default_rules()
        sets = []
        if args.set in ("eval", "all"):
            sets.append(("eval set", evaluate_all(eval_set(), rules)))
        if args.set in ("held-out", "all"):
            sets.append(("held-out", evaluate_all(eval_set(HELD_OUT_FOLDER), rules)))
        if args.set in ("lessons", "all"):
            sets.append(("bundled lessons", evaluate_all(bundled_set(), rules)))
    except FormatError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    print(
        f"{len(rules)} rules in {len({r.family for r in rules})} families; "
        f"match = Jaccard >= {THRESHOLD} after trimming"
    )
    for title, total in sets:
        report(title, total, args.markdown, args.show)
    print()
    for title, total in sets:
        t = total.overall
        print(
            f"{title}: precision {t.precision:.2f}, recall {t.recall:.2f} "
            f"({t.strict}/{t.suggestions} suggestions, {t.found}/{t.items} items)"
            + (f", quiet spans hit {t.quiet_hit}/{t.quiet}" if t.quiet else "")
        )
    if not args.no_speed:
        print(f"speed: {throughput():.3f} s for 1 MB of article text (best of 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How good are the "Suggest" rules? Precision and recall against the bundled lessons' keys.

Run `python -m benchmarks.eval_suggestions` (add `--markdown` for tables to paste into
docs/suggestions.md, `--show` to list every false alarm and every missed key item).

A suggestion *matches* a key item when their spans, both trimmed as the grader trims them, have
a Jaccard overlap >= 0.5 (the classroom metric's default match threshold); the looser "any
overlap" variant counts a suggestion that shares at least one character with an item.

* precision = suggestions that match some key item / suggestions
* recall    = key items matched by some suggestion / key items
* labelled  = the same, but the suggestion's category must also be one the item accepts

Keys are never complete, so precision here is a lower bound: a suggestion outside the key may
still be a fair find (that is what the instructor decides).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from literacy_app.core.key import KeyItem
from literacy_app.core.suggest import Suggestion, default_rules, suggest
from literacy_app.core.text import trim_span
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import bundled_lessons

THRESHOLD = 0.5


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    if shared <= 0:
        return 0.0
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


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

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def share(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "  - "


@dataclass
class LessonResult:
    lesson: str
    overall: Tally = field(default_factory=Tally)
    by_family: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_rule: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    false_alarms: list[Suggestion] = field(default_factory=list)
    missed: list[KeyItem] = field(default_factory=list)


def evaluate(lesson_id: str, text: str, items: Sequence[KeyItem]) -> LessonResult:
    result = LessonResult(lesson_id)
    spans = [trim_span(text, item.start, item.end) for item in items]
    suggestions = suggest(text)
    item_hits = [[False, False, False] for _ in items]  # strict, loose, labelled
    for suggestion in suggestions:
        span = (suggestion.start, suggestion.end)
        scores = [jaccard(span, item_span) for item_span in spans]
        strict = [i for i, score in enumerate(scores) if score >= THRESHOLD]
        loose = [i for i, score in enumerate(scores) if score > 0]
        labelled = [i for i in strict if suggestion.category in items[i].accepted_categories]
        for i in strict:
            item_hits[i][0] = True
        for i in loose:
            item_hits[i][1] = True
        for i in labelled:
            item_hits[i][2] = True
        tally = Tally(1, int(bool(strict)), int(bool(loose)), int(bool(labelled)))
        result.overall.add(tally)
        rules = suggestion.rule.split(" + ")
        for family in {rule.split(".", 1)[0] for rule in rules}:
            result.by_family[family].add(tally)
        for rule in rules:
            result.by_rule[rule].add(tally)
        result.by_category[suggestion.category].add(tally)
        if not loose:
            result.false_alarms.append(suggestion)
    for item, (strict_hit, loose_hit, labelled_hit) in zip(items, item_hits, strict=True):
        tally = Tally(items=1, found=int(strict_hit), touched=int(loose_hit))
        tally.found_labelled = int(labelled_hit)
        result.overall.add(tally)
        result.by_category[item.category].add(tally)
        if not loose_hit:
            result.missed.append(item)
    return result


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
        print("|" + "---|" + "---:|" * len(head))
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


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--show", action="store_true", help="list false alarms and misses")
    args = parser.parse_args(argv)

    results = []
    for path in bundled_lessons():
        lesson = load_lesson(path)
        if lesson.key is None:
            continue
        results.append(evaluate(lesson.id, lesson.article.text, lesson.key.items))

    total = LessonResult("overall")
    for result in results:
        total.overall.add(result.overall)
        for source, target in (
            (result.by_family, total.by_family),
            (result.by_rule, total.by_rule),
            (result.by_category, total.by_category),
        ):
            for name, tally in source.items():
                target[name].add(tally)

    rules = default_rules()
    print(
        f"{len(rules)} rules in {len({r.family for r in rules})} families; "
        f"match = Jaccard >= {THRESHOLD} after trimming"
    )
    table(
        "Per lesson",
        "lesson",
        [(r.lesson, cells(r.overall)) for r in results]
        + [("**overall**" if args.markdown else "OVERALL", cells(total.overall))],
        args.markdown,
    )
    precision_head = ("suggestions", "P strict", "P any", "P labelled")
    table(
        "Per rule family (all lessons)",
        "family",
        [(name, cells(t)[:4]) for name, t in sorted(total.by_family.items())],
        args.markdown,
        precision_head,
    )
    table(
        "Per rule (all lessons)",
        "rule",
        [(name, cells(t)[:4]) for name, t in sorted(total.by_rule.items())],
        args.markdown,
        precision_head,
    )
    table(
        "Per category (suggestions labelled with it; key items of it)",
        "category",
        [(name, cells(t)) for name, t in sorted(total.by_category.items())],
        args.markdown,
    )
    silent = sorted({r.id for r in rules} - set(total.by_rule))
    print()
    print(f"rules that never fired on the bundled lessons ({len(silent)}): {', '.join(silent)}")
    print(f"speed: {throughput():.3f} s for 1 MB of article text (best of 3)")

    if args.show:
        for result in results:
            print(f"\n--- {result.lesson}: false alarms (no overlap with any key item)")
            for s in result.false_alarms:
                print(f"  {s.start:>5}-{s.end:<5} {s.category:<26} {s.rule:<34} {s.quote!r}")
            print(f"--- {result.lesson}: key items no suggestion touches")
            for item in result.missed:
                print(f"  {item.start:>5}-{item.end:<5} {item.category:<26} {item.mark.quote!r}")


if __name__ == "__main__":
    main()

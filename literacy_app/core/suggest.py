"""Candidate key items from transparent rules, for the instructor to accept or reject.

Writing an answer key is slow, and most framing devices are easy to overlook on a first read.
"Suggest" runs a small set of hand-written, documented rules over the article and proposes spans
(vague attribution, scare quotes, unsourced figures, loaded words...). Every suggestion names the
rule that produced it and carries a plain-language explanation, so the instructor can see *why*
it was proposed and decide; nothing enters a key without their acceptance.

The rules are data (`suggest_rules.json`, read by suggest_reader), not code, so that they can be
read, reviewed and extended without touching the engine; docs/suggestions.md describes them and
how well they do. The engine is split along its seams:

* suggest_model: what a rule and a suggestion are;
* suggest_reader: the rules file, validated with the place of every problem;
* suggest_text: the folded text patterns run on, and its sentences;
* suggest_plan: compiled rules, and the first-word index that keeps a megabyte under a second;
* suggest_speech: titles and attributed quotations (someone else's words, not the writer's);
* this module: finding matches, vetoing and widening them, and merging them into suggestions.

Two kinds of rule exist: **pattern** rules (a regular expression, matched against the folded,
lower-cased copy of the article, same length so offsets are unchanged) and **words** rules (a
lexicon of words and phrases). Any match must start and end on a word boundary (checked here, so
patterns need no leading `\\b`, which would also defeat the prefix scan). A rule may veto its own
matches with `unless_before` / `unless_after` (searched in the text just before / after the
match), `unless_match` (searched in the matched words themselves) and `unless_sentence` (in the
sentence around it), and may widen them with `extend_before` / `extend_after` (a loaded adjective
takes the noun it qualifies, a label the word qualifying it, as in the taxonomy's own examples "a
crushing blow", "Western patrons"). These run on the original text, case-insensitively, so they
can test for capitalised names with `(?-i:[A-Z])`. Finally a match inside someone else's words
(a title, a quotation from a named source) is dropped as the rule's `quoted` policy says.

This module imports no Qt: the GUI, the CLI and the tests all call `suggest()`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from literacy_app.core.suggest_model import Rule, Suggestion
from literacy_app.core.suggest_plan import (
    DIGITS,
    Compiled,
    Entry,
    Plan,
    compiled,
    first_words,
    plan_for,
)
from literacy_app.core.suggest_reader import (
    RULES_FORMAT,
    RULES_RESOURCE,
    RULES_VERSION,
    Locate,
    default_category_ids,
    default_rules,
    parse_rules,
)
from literacy_app.core.suggest_speech import Speech
from literacy_app.core.suggest_text import NEXT_TOKEN, Text, is_word
from literacy_app.core.text import trim_span

__all__ = [
    "DIGITS",
    "RULES_FORMAT",
    "RULES_RESOURCE",
    "RULES_VERSION",
    "Locate",
    "Rule",
    "Suggestion",
    "default_category_ids",
    "default_rules",
    "parse_rules",
    "suggest",
]

BEFORE_WINDOW = 80  # characters searched by `unless_before` and `extend_before`
AFTER_WINDOW = 300  # by `unless_after` and `extend_after` (room for "the following ...:" lists)

# The names the engine's own tests reach for, from before the split into modules.
_first_words = first_words
_Text = Text
_compiled = compiled
_plan = plan_for


@dataclass(frozen=True)
class _Candidate:
    """A suggestion before merging: remembers how specific its rule was."""

    start: int
    end: int
    category: str
    rules: tuple[str, ...]
    explanations: tuple[str, ...]
    specificity: int
    order: int = field(compare=False)

    def contains(self, other: _Candidate) -> bool:
        return self.start <= other.start and other.end <= self.end

    def jaccard(self, other: _Candidate) -> float:
        shared = min(self.end, other.end) - max(self.start, other.start)
        if shared <= 0:
            return 0.0
        return shared / (max(self.end, other.end) - min(self.start, other.start))


# --- matching ---------------------------------------------------------------------------------


def _vetoed(compiled: Compiled, doc: Text, start: int, end: int) -> bool:
    text = doc.text
    if compiled.unless_before and compiled.unless_before.search(
        text[max(0, start - BEFORE_WINDOW) : start]
    ):
        return True
    if compiled.unless_after and compiled.unless_after.search(text[end : end + AFTER_WINDOW]):
        return True
    if compiled.unless_match and compiled.unless_match.search(text, start, end):
        return True
    return bool(compiled.unless_sentence and doc.sentence_has(compiled.unless_sentence, start, end))


def _scan(pattern: re.Pattern[str], doc: Text) -> Iterable[tuple[int, int]]:
    """Every match of a pattern that could not be anchored on its first words."""
    shadow = doc.shadow
    position = 0
    while position <= len(shadow):
        match = pattern.search(shadow, position)
        if match is None:
            return
        start, end = match.span()
        if end == start or not doc.on_word_boundaries(start, end):
            position = start + 1
            continue
        yield start, end
        position = end


def _lexicon_end(entries: list[Entry], shadow: str, end: int) -> dict[int, int]:
    """Rule index -> end of its longest lexicon entry whose first word ends at `end`. Words of
    a phrase may be separated by spaces, or by one hyphen or apostrophe."""
    best: dict[int, int] = {}
    following: list[tuple[str, int]] = []  # the next words, read only as far as needed
    for positions, number in entries:
        position = end
        for k in range(1, len(positions)):
            if len(following) < k:
                match = NEXT_TOKEN.match(shadow, following[-1][1] if following else end)
                if match is None:
                    break
                following.append((match.group(1), match.end()))
            word, position = following[k - 1]
            if word not in positions[k]:
                break
        else:
            best[number] = max(best.get(number, 0), position)
    return best


def _token_matches(plan: Plan, doc: Text) -> Iterable[tuple[int, int, int]]:
    """Patterns tried where they can start, and lexicon entries, found in one pass of a trie
    regex over the words. Yields (start, end, rule index)."""
    if plan.finder is None:
        return
    shadow = doc.shadow
    resume = [0] * len(plan.patterns)  # as with re.finditer, one rule's matches never overlap
    gates, lexicon = plan.gates, plan.lexicon
    for token in plan.finder.finditer(shadow):
        start, end = token.span()
        word = token.group()
        gate = gates.get(DIGITS if word[0].isdigit() else word)
        tried = gate.regex.match(shadow, start) if gate is not None else None
        if gate is not None and tried is not None and tried.lastindex is not None:
            spans = tried.regs
            for number, group in gate.groups:
                match_end = spans[group][1]
                if (
                    match_end > start
                    and start >= resume[number]
                    and doc.on_word_boundaries(start, match_end)
                ):
                    resume[number] = match_end
                    yield start, match_end, number
        entries = lexicon.get(word)
        # "anti-corruption" is not "corruption": skip the second half of a hyphenated word.
        if not entries or (start >= 2 and shadow[start - 1] == "-" and is_word(shadow[start - 2])):
            continue
        for number, entry_end in _lexicon_end(entries, shadow, end).items():
            yield start, entry_end, number


def _extended(compiled: Compiled, text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match by the rule's `extend_before` (searched in the text just before the match;
    anchor it with `$`) and `extend_after` (matched at the start of the text just after it)."""
    if compiled.extend_before:
        window = text[max(0, start - BEFORE_WINDOW) : start]
        before = compiled.extend_before.search(window)
        if before is not None and before.end() == len(window):
            start -= len(window) - before.start()
    if compiled.extend_after:
        after = compiled.extend_after.match(text[end : end + AFTER_WINDOW])
        if after is not None:
            end += after.end()
    return start, end


def _candidates(text: str, rules: tuple[Rule, ...]) -> list[_Candidate]:
    doc = Text(text)
    plan = plan_for(rules)
    speech = Speech(doc)
    found: list[_Candidate] = []

    def add(rule: Rule, start: int, end: int) -> None:
        rule_regexes = compiled(rule)
        if _vetoed(rule_regexes, doc, start, end):
            return
        start, end = trim_span(text, *_extended(rule_regexes, text, start, end))
        if not any(ch.isalnum() for ch in text[start:end]):
            return
        if not speech.policy_allows(start, end, rule.quoted):
            return  # someone else's words (a title, a quoted source): not the writer's framing
        found.append(
            _Candidate(
                start,
                end,
                rule.category,
                (rule.id,),
                (rule.explanation,),
                rule.specificity,
                len(found),
            )
        )

    for number in plan.scanned:
        pattern = plan.patterns[number]
        if pattern is not None:
            for start, end in _scan(pattern, doc):
                add(rules[number], start, end)
    for start, end, number in _token_matches(plan, doc):
        add(rules[number], start, end)
    return found


# --- merging ----------------------------------------------------------------------------------


def _combined(outer: _Candidate, inner: _Candidate, start: int, end: int) -> _Candidate:
    rules = outer.rules + tuple(r for r in inner.rules if r not in outer.rules)
    explanations = outer.explanations + tuple(
        e for e in inner.explanations if e not in outer.explanations
    )
    return _Candidate(
        start,
        end,
        outer.category,
        rules,
        explanations,
        max(outer.specificity, inner.specificity),
        outer.order,
    )


def _merge_same_category(candidates: list[_Candidate]) -> list[_Candidate]:
    """Within one category, overlapping suggestions become one, because the instructor would
    mark them as one item. A span inside another keeps the outer extent; it is named with the
    outer rule only when that rule is at least as specific (the inner one adds nothing), else
    with both. Two spans that only partly overlap become their union, naming both rules."""
    result: list[_Candidate] = []
    current: _Candidate | None = None
    for candidate in sorted(candidates, key=lambda c: (c.start, -c.end, -c.specificity, c.order)):
        if current is None:
            current = candidate
        elif candidate.start >= current.end:
            result.append(current)
            current = candidate
        elif current.contains(candidate):
            if candidate.specificity > current.specificity:
                current = _combined(current, candidate, current.start, current.end)
        else:
            current = _combined(current, candidate, current.start, max(current.end, candidate.end))
    if current is not None:
        result.append(current)
    return result


def _drop_shadowed(candidates: list[_Candidate]) -> list[_Candidate]:
    """Across categories: drop a suggestion when a more specific rule proposed (nearly) the same
    span, i.e. one the grader would treat as the same item (Jaccard >= 0.5); 'everyone' as an
    absolute adds nothing next to 'everyone knows' as bandwagon. Spans that merely touch a
    longer suggestion are kept: they may be a second device inside it."""
    ordered = sorted(candidates, key=lambda c: (c.start, c.end))
    starts = [c.start for c in ordered]
    longest = max((c.end - c.start for c in ordered), default=0)
    kept = []
    for candidate in ordered:
        low = bisect.bisect_left(starts, candidate.start - longest)
        high = bisect.bisect_left(starts, candidate.end)
        shadowed = any(
            other.specificity > candidate.specificity
            and other.category != candidate.category
            and candidate.jaccard(other) >= 0.5
            for other in ordered[low:high]
        )
        if not shadowed:
            kept.append(candidate)
    return kept


def suggest(text: str, rules: Sequence[Rule] | None = None) -> list[Suggestion]:
    """Candidate key items for `text` (normalized article text), sorted by position.

    Offsets are code points, spans are trimmed of edge spaces and punctuation exactly as the
    app trims marks, and overlapping suggestions of one category are merged (see
    `_merge_same_category`), so each proposal is one decision for the instructor.
    """
    chosen = default_rules() if rules is None else tuple(rules)
    by_category: dict[str, list[_Candidate]] = {}
    for candidate in _candidates(text, chosen):
        by_category.setdefault(candidate.category, []).append(candidate)
    merged = [c for group in by_category.values() for c in _merge_same_category(group)]
    final = sorted(_drop_shadowed(merged), key=lambda c: (c.start, c.end, c.category))
    return [
        Suggestion(
            c.start,
            c.end,
            c.category,
            " + ".join(c.rules),
            "\n".join(c.explanations),
            text[c.start : c.end],
        )
        for c in final
    ]

"""Candidate key items from transparent rules, for the instructor to accept or reject.

Writing an answer key is slow, and most framing devices are easy to overlook on a first read.
"Suggest" runs a small set of hand-written, documented rules over the article and proposes spans
(vague attribution, scare quotes, unsourced figures, loaded words...). Every suggestion names the
rule that produced it and carries a plain-language explanation, so the instructor can see *why*
it was proposed and decide; nothing enters a key without their acceptance.

The rules are data (`suggest_rules.json`), not code, so that they can be read, reviewed and
extended without touching this module; docs/suggestions.md describes them and how well they do.

Two kinds of rule exist:

* **pattern** rules: a regular expression, matched against a lower-cased copy of the article
  (same length, so offsets are unchanged; curly apostrophes are folded to `'`).
* **words** rules: a lexicon of words and phrases (270 loaded words, 100 labels, ...).

Speed matters (a megabyte of text in well under a second) and Python's `re` tries a pattern at
every position of the text. So each pattern is tried only where one of the words it can start
with occurs (`_first_words` lists them from the parsed regex), and one trie-shaped regex finds
all such words, and every lexicon's first words, in a single pass. Patterns sharing a first word
are run together as one regex (`_Gate`). The rare pattern whose first words cannot be listed is
scanned in full; a test checks that both ways find the same matches.

Any match must start and end on a word boundary (checked here, so patterns need no leading
`\\b`, which would also defeat the prefix scan). A rule may veto its own matches with
`unless_before` / `unless_after` (searched in the text just before / after the match) and
`unless_sentence` (searched in the sentence around it), and may widen them with `extend_before`
/ `extend_after` (a loaded adjective takes the noun it qualifies, a label the word qualifying it,
as in the taxonomy's own examples "a crushing blow", "Western patrons"). These run on the
original text, case-insensitively, so they can test for capitalised names with `(?-i:[A-Z])`.

This module imports no Qt: the GUI, the CLI and the tests all call `suggest()`.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.text import trim_span

RULES_FORMAT = "literacy-suggest-rules"
RULES_VERSION = 1
RULES_RESOURCE = "suggest_rules.json"

BEFORE_WINDOW = 80  # characters searched by `unless_before` and `extend_before`
AFTER_WINDOW = 300  # by `unless_after` and `extend_after` (room for "the following ...:" lists)

Locate = Callable[[tuple[str | int, ...]], tuple[int, int]]
"""Maps a JSON path in a rules file to its (line, column), so errors can point at the value."""


@dataclass(frozen=True)
class Rule:
    """One transparent rule: what it looks for, what it proposes, and why.

    `pattern` is the fully expanded regular expression (lower case; see the module docstring);
    `words` is a lexicon instead of a pattern. `specificity` (1 = a single word out of a
    lexicon, 2 = a phrase, 3 = a construction that is rarely innocent) decides which of two
    overlapping suggestions is kept. `examples` and `counter_examples` are sentences the rule
    must and must not fire on; the tests check every one of them, so they document the rule
    and guard it against regressions at the same time.
    """

    id: str
    category: str
    explanation: str
    pattern: str = ""
    words: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ("",)
    specificity: int = 2
    unless_before: str = ""
    unless_after: str = ""
    unless_sentence: str = ""
    extend_before: str = ""
    extend_after: str = ""
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        """The part of the id before the dot: rules are reported and documented by family."""
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Suggestion:
    """A proposed key item: [start, end) in code points of the (normalized) article text."""

    start: int
    end: int
    category: str
    rule: str
    explanation: str
    quote: str


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


# --- the text as the rules see it -------------------------------------------------------------

# Folded before matching; every replacement is one character, so offsets stay valid. U+0130 is
# the only character whose lower case is longer than itself.
_FOLD = (("\u2019", "'"), ("\u02bc", "'"), ("\u0130", "I"))
_TOKEN = re.compile(r"[^\W_]+")
_NEXT_TOKEN = re.compile(r"(?:\s+|[-'])([^\W_]+)")


def _fold(text: str) -> str:
    """The text as patterns see it: lower case, curly apostrophes straight, same length."""
    for old, new in _FOLD:
        if old in text:
            text = text.replace(old, new)
    return text.lower()


# One leading character class lets the regex engine skip ahead quickly between candidates.
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"'”’)\]]*(?=\s|$))")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "eg",
        "ie",
        "no",
        "fig",
        "approx",
        "est",
        "dept",
        "univ",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "al",
    ]
)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class _Text:
    """The article plus what the rules need from it, each computed once and only if needed."""

    def __init__(self, text: str) -> None:
        self.text = text
        shadow = _fold(text)
        if len(shadow) != len(text):  # defensive: never let a folding shift an offset
            shadow = "".join(folded if len(folded := _fold(c)) == 1 else c for c in text)
        self.shadow = shadow
        self._sentence_ends: list[int] | None = None
        self._sentence_vetoes: dict[tuple[int, int], bool] = {}

    def on_word_boundaries(self, start: int, end: int) -> bool:
        text = self.shadow
        if start > 0 and _is_word(text[start]) and _is_word(text[start - 1]):
            return False
        return not (end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]))

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or line) around [start, end), as offsets."""
        if self._sentence_ends is None:
            self._sentence_ends = self._find_sentence_ends()
        ends = self._sentence_ends
        before = bisect.bisect_right(ends, start) - 1
        after = bisect.bisect_left(ends, end)
        first = ends[before] if before >= 0 else 0
        last = ends[after] if after < len(ends) else len(self.text)
        return first, last

    def sentence_has(self, pattern: re.Pattern[str], start: int, end: int) -> bool:
        """Whether the sentence around the span matches; remembered per sentence and pattern,
        as several figures in one sentence ask the same question."""
        first, last = self.sentence(start, end)
        key = (id(pattern), first)
        found = self._sentence_vetoes.get(key)
        if found is None:
            found = self._sentence_vetoes[key] = pattern.search(self.text, first, last) is not None
        return found

    def _find_sentence_ends(self) -> list[int]:
        """Offsets just after each sentence: '.', '!' or '?' before a space, or a line break.
        A full stop after a known abbreviation or a single letter (an initial) does not count."""
        text = self.text
        ends = []
        for match in _SENTENCE_END.finditer(text):
            stop = match.start()
            if text[stop] == ".":
                word_start = stop
                while word_start > 0 and text[word_start - 1].isalpha():
                    word_start -= 1
                word = text[word_start:stop].lower()
                if len(word) == 1 or word in _ABBREVIATIONS:
                    continue
            ends.append(match.end())
        return ends


# --- compiled rules ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    pattern: re.Pattern[str] | None
    unless_before: re.Pattern[str] | None
    unless_after: re.Pattern[str] | None
    unless_sentence: re.Pattern[str] | None
    extend_before: re.Pattern[str] | None
    extend_after: re.Pattern[str] | None


def _optional(source: str, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    return re.compile(source, flags) if source else None


@functools.cache
def _compiled(rule: Rule) -> _Compiled:
    """Compile each rule once per process (rules are immutable and hashable)."""
    return _Compiled(
        _optional(rule.pattern, 0),
        _optional(rule.unless_before),
        _optional(rule.unless_after),
        _optional(rule.unless_sentence),
        _optional(rule.extend_before),
        _optional(rule.extend_after),
    )


_Entry = tuple[tuple[frozenset[str], ...], int]  # (allowed tokens per position, rule index)
DIGITS = "#"  # stands for "any token that starts with a digit" among a pattern's first words
_MAX_FIRST_WORDS = 5000


def _entry_tokens(entry: str, suffixes: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """'out-of-touch' -> ({out}, {of}, {touch, touches, ...}): suffixes inflect the last word."""
    words = _TOKEN.findall(_fold(entry))
    if not words:
        return ()
    last = frozenset(words[-1] + suffix for suffix in suffixes)
    return (*(frozenset([w]) for w in words[:-1]), last)


class _UnanchoredError(Exception):
    """The first word of a pattern's matches cannot be listed; scan the whole text instead."""


def _first_words(pattern: str) -> frozenset[str] | None:
    """Every word a match of `pattern` can start with, or None if that cannot be listed.

    This is what makes many rules cheap: instead of asking the regex engine to try every
    position of a megabyte of text, the pattern is only tried where one of these words starts
    (one dictionary lookup per token, in the pass that also serves the lexicon rules). The
    analysis walks Python's own parse of the pattern and only ever over-approximates, so it can
    never lose a match; anything it does not understand falls back to a full scan.
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        c: Any = importlib.import_module("re._constants")
        parsed = list(parser.parse(pattern))
    except (ImportError, AttributeError, re.error):
        return None
    steps = 0
    digit_categories = {c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT}
    break_categories = {
        c.CATEGORY_SPACE,
        c.CATEGORY_UNI_SPACE,
        c.CATEGORY_NOT_WORD,
        c.CATEGORY_UNI_NOT_WORD,
        c.CATEGORY_LINEBREAK,
        c.CATEGORY_UNI_LINEBREAK,
    }

    def ended(prefix: str) -> set[str]:
        if not prefix:
            raise _UnanchoredError  # the match may start with a space, a quote, a symbol...
        return {prefix}

    def walk(items: list[Any], prefix: str) -> set[str]:
        nonlocal steps
        steps += 1
        if steps > 20000:
            raise _UnanchoredError
        if not items:
            return ended(prefix)
        op, av = items[0]
        rest = items[1:]
        if op is c.LITERAL:
            ch = chr(av)
            if ch.isdigit() and not prefix:
                return {DIGITS}
            return walk(rest, prefix + ch) if _is_word(ch) else ended(prefix)
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return walk(rest, prefix)  # zero-width: ignoring them only widens the set
        if op is c.SUBPATTERN:
            return walk(list(av[3]) + rest, prefix)
        if op is c.ATOMIC_GROUP:
            return walk(list(av) + rest, prefix)
        if op is c.BRANCH:
            found: set[str] = set()
            for alternative in av[1]:
                found |= walk(list(alternative) + rest, prefix)
            return found
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, item = av
            body = list(item)
            found = set()
            for count in range(low, min(high, low + 2) + 1):
                found |= walk(body * count + rest, prefix)
            if high > low + 2 and walk(body * (low + 3) + rest, prefix) != walk(
                body * (low + 2) + rest, prefix
            ):
                raise _UnanchoredError  # more copies would keep growing the first word
            return found
        if op is c.IN:
            return in_class(av, rest, prefix)
        raise _UnanchoredError  # ANY, NOT_LITERAL, back-references...

    def in_class(members: list[Any], rest: list[Any], prefix: str) -> set[str]:
        letters: set[str] = set()
        breaks = digits = False
        for op, av in members:
            if op is c.LITERAL:
                ch = chr(av)
                if ch.isdigit():
                    digits = True
                elif _is_word(ch):
                    letters.add(ch)
                else:
                    breaks = True
            elif op is c.CATEGORY and av in break_categories:
                breaks = True
            elif (op is c.CATEGORY and av in digit_categories) or (
                op is c.RANGE and "0" <= chr(av[0]) <= chr(av[1]) <= "9"
            ):
                digits = True
            else:
                raise _UnanchoredError  # [a-z], \w, negated classes: too many first words
        found: set[str] = set()
        if breaks:
            found |= ended(prefix)
        if digits:
            if prefix:
                raise _UnanchoredError
            found.add(DIGITS)
        for letter in letters:
            found |= walk(rest, prefix + letter)
        return found

    try:
        words = walk(parsed, "")
    except (_UnanchoredError, RecursionError):
        return None
    if len(words) > _MAX_FIRST_WORDS:
        return None
    return frozenset(words)


@dataclass(frozen=True)
class _Plan:
    """How one set of rules is run: which patterns are tried at which words, which are scanned
    in full, and the lexicon of the words rules."""

    patterns: tuple[re.Pattern[str] | None, ...]
    gates: dict[str, _Gate]  # first word -> the patterns that can start with it
    scanned: tuple[int, ...]  # patterns whose first words cannot be listed
    lexicon: dict[str, list[_Entry]]
    finder: re.Pattern[str] | None  # finds every token that is a key of `gates` or `lexicon`


@dataclass(frozen=True)
class _Gate:
    """All patterns that can start with one word, as a single regex of optional lookaheads
    (one named group per rule): one `match` call at the word tries every one of them."""

    regex: re.Pattern[str]
    groups: tuple[tuple[int, int], ...]  # (rule index, group number of its lookahead)

    @classmethod
    def of(cls, rules: list[int], patterns: tuple[re.Pattern[str] | None, ...]) -> _Gate:
        parts = []
        for number in rules:
            pattern = patterns[number]
            if pattern is not None:
                parts.append(f"(?:(?=(?P<r{number}>{pattern.pattern})))?")
        regex = re.compile("".join(parts))
        return cls(regex, tuple((n, regex.groupindex[f"r{n}"]) for n in rules if patterns[n]))


def _trie(words: Iterable[str]) -> str:
    """An alternation of words shaped as a trie ('re(?:ckless|gime)'): Python's regex engine
    tries alternatives one by one, so sharing prefixes is what keeps 1,000 words fast."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(root)


@functools.cache
def _plan(rules: tuple[Rule, ...]) -> _Plan:
    patterns = tuple(_compiled(rule).pattern for rule in rules)
    triggers: dict[str, list[int]] = {}
    digit_rules: list[int] = []
    scanned: list[int] = []
    lexicon: dict[str, list[_Entry]] = {}
    for number, rule in enumerate(rules):
        if rule.pattern:
            words = _first_words(rule.pattern)
            if words is None:
                scanned.append(number)
            else:
                for word in words:
                    if word == DIGITS:
                        digit_rules.append(number)
                    else:
                        triggers.setdefault(word, []).append(number)
        for entry in rule.words:
            tokens = _entry_tokens(entry, rule.suffixes)
            for first in tokens[0] if tokens else ():
                lexicon.setdefault(first, []).append((tokens, number))
    gates = {word: _Gate.of(numbers, patterns) for word, numbers in triggers.items()}
    if digit_rules:
        gates[DIGITS] = _Gate.of(digit_rules, patterns)
    starts = (set(triggers) | set(lexicon)) - {DIGITS}
    alternatives = [_trie(sorted(starts))] if starts else []
    if digit_rules:
        alternatives.append(r"\d")
    finder = (
        re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")[^\W_]*")
        if alternatives
        else None
    )
    return _Plan(patterns, gates, tuple(scanned), lexicon, finder)


# --- matching ---------------------------------------------------------------------------------


def _vetoed(compiled: _Compiled, doc: _Text, start: int, end: int) -> bool:
    text = doc.text
    if compiled.unless_before and compiled.unless_before.search(
        text[max(0, start - BEFORE_WINDOW) : start]
    ):
        return True
    if compiled.unless_after and compiled.unless_after.search(text[end : end + AFTER_WINDOW]):
        return True
    return bool(compiled.unless_sentence and doc.sentence_has(compiled.unless_sentence, start, end))


def _scan(pattern: re.Pattern[str], doc: _Text) -> Iterable[tuple[int, int]]:
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


def _lexicon_end(entries: list[_Entry], shadow: str, end: int) -> dict[int, int]:
    """Rule index -> end of its longest lexicon entry whose first word ends at `end`. Words of
    a phrase may be separated by spaces, or by one hyphen or apostrophe."""
    best: dict[int, int] = {}
    following: list[tuple[str, int]] = []  # the next words, read only as far as needed
    for positions, number in entries:
        position = end
        for k in range(1, len(positions)):
            if len(following) < k:
                match = _NEXT_TOKEN.match(shadow, following[-1][1] if following else end)
                if match is None:
                    break
                following.append((match.group(1), match.end()))
            word, position = following[k - 1]
            if word not in positions[k]:
                break
        else:
            best[number] = max(best.get(number, 0), position)
    return best


def _token_matches(plan: _Plan, doc: _Text) -> Iterable[tuple[int, int, int]]:
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
        if not entries or (start >= 2 and shadow[start - 1] == "-" and _is_word(shadow[start - 2])):
            continue
        for number, entry_end in _lexicon_end(entries, shadow, end).items():
            yield start, entry_end, number


def _extended(compiled: _Compiled, text: str, start: int, end: int) -> tuple[int, int]:
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
    doc = _Text(text)
    plan = _plan(rules)
    found: list[_Candidate] = []

    def add(rule: Rule, start: int, end: int) -> None:
        compiled = _compiled(rule)
        if _vetoed(compiled, doc, start, end):
            return
        start, end = trim_span(text, *_extended(compiled, text, start, end))
        if not any(ch.isalnum() for ch in text[start:end]):
            return
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


# --- loading rules ----------------------------------------------------------------------------

_RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\{\{([a-z_][a-z0-9_]*)\}\}")
_EXTRA_PATTERNS = (
    "unless_before",
    "unless_after",
    "unless_sentence",
    "extend_before",
    "extend_after",
)
_RULE_KEYS = frozenset(
    (
        "id",
        "category",
        "explanation",
        "pattern",
        "words",
        "suffixes",
        "specificity",
        *_EXTRA_PATTERNS,
        "examples",
        "counter_examples",
    )
)
_Path = tuple[str | int, ...]


def _json_path(path: _Path) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _pattern_problem(pattern: str) -> str | None:
    """Why a (valid) regex cannot be a rule pattern, or None.

    A capital letter outside an escape (\\S, \\W, \\b...) can never match the lower-cased
    text patterns see: better to say so than to keep a rule that silently never fires. Patterns
    starting with the same word are run together as one regex, so they may not carry named
    groups, back-references or flags of their own.
    """
    compiled = re.compile(pattern)
    if compiled.groupindex or re.search(r"\\[1-9]|\(\?P=", pattern):
        return "patterns may not use named groups or back-references"
    if any(c.isupper() for c in re.sub(r"\\.|\(\?P", "", pattern)):
        return "patterns are matched against lower-cased text: write them in lower case"
    if compiled.flags & ~re.UNICODE:
        return "patterns may not set flags; they are matched against lower-cased text"
    return None


class _RuleReader:
    """Validates a rules document, collecting every problem with its JSON path."""

    def __init__(self, data: Any, file: str, locate: Locate | None, categories: frozenset[str]):
        self.data = data
        self.file = file
        self.locate = locate
        self.categories = categories
        self.problems: list[Problem] = []
        self.defines: dict[str, str] = {}

    def error(self, path: _Path, message: str) -> None:
        line, column = self.locate(path) if self.locate else (1, 1)
        self.problems.append(Problem(self.file, message, line, column, _json_path(path)))

    def text(self, value: Any, path: _Path, what: str) -> str | None:
        """A string, or a list of strings joined (long regexes read better split in lines)."""
        if isinstance(value, str):
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "".join(value)
        self.error(path, f"expected {what} as a string or a list of strings")
        return None

    def strings(self, value: Any, path: _Path) -> tuple[str, ...]:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.error(path, "expected a list of strings")
        return ()

    def expand(self, source: str, path: _Path, depth: int = 0) -> str | None:
        missing = [n for n in _PLACEHOLDER.findall(source) if n not in self.defines]
        if missing:
            self.error(path, f"unknown definition {{{{{missing[0]}}}}}; add it to 'defines'")
            return None
        if depth > 10:
            self.error(path, "definitions refer to each other in a loop")
            return None
        expanded = _PLACEHOLDER.sub(lambda m: f"(?:{self.defines[m.group(1)]})", source)
        return expanded if expanded == source else self.expand(expanded, path, depth + 1)

    def regex(self, value: Any, path: _Path, flags: int) -> str:
        source = self.text(value, path, "a regular expression")
        if source is None:
            return ""
        expanded = self.expand(source, path)
        if expanded is None:
            return ""
        try:
            re.compile(expanded, flags)
        except re.error as err:
            self.error(path, f"invalid regular expression: {err}")
            return ""
        return expanded

    def read(self) -> tuple[Rule, ...]:
        data = self.data
        if not isinstance(data, dict):
            self.error((), "expected a JSON object with 'format', 'version' and 'rules'")
            return ()
        if data.get("format") != RULES_FORMAT:
            self.error(("format",), f"expected format {RULES_FORMAT!r}")
        if data.get("version") != RULES_VERSION:
            self.error(("version",), f"expected version {RULES_VERSION}")
        defines = data.get("defines", {})
        if not isinstance(defines, dict):
            self.error(("defines",), "expected an object of named regular expressions")
            defines = {}
        for name, value in defines.items():
            source = self.text(value, ("defines", name), "a definition")
            if source is not None:
                self.defines[name] = source
        rules = data.get("rules")
        if not isinstance(rules, list) or not rules:
            self.error(("rules",), "expected a non-empty list of rules")
            return ()
        result = []
        seen: set[str] = set()
        for number, entry in enumerate(rules):
            rule = self.rule(entry, ("rules", number), seen)
            if rule is not None:
                result.append(rule)
        return tuple(result)

    def rule(self, entry: Any, path: _Path, seen: set[str]) -> Rule | None:
        if not isinstance(entry, dict):
            self.error(path, "expected a rule object")
            return None
        before = len(self.problems)
        for key in sorted(set(entry) - _RULE_KEYS):
            self.error((*path, key), f"unknown field {key!r}")
        rule_id = entry.get("id")
        if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
            self.error((*path, "id"), "expected an id 'family.name' (lower case, digits, '-')")
        elif rule_id in seen:
            self.error((*path, "id"), f"duplicate rule id {rule_id!r}")
        else:
            seen.add(rule_id)
        category = entry.get("category")
        if category not in self.categories:
            self.error((*path, "category"), f"unknown category {category!r}")
        explanation = entry.get("explanation")
        if not isinstance(explanation, str) or not explanation.strip():
            self.error((*path, "explanation"), "expected a plain-language explanation")
        if ("pattern" in entry) == ("words" in entry):
            self.error(path, "expected exactly one of 'pattern' and 'words'")
        pattern = ""
        if "pattern" in entry:
            pattern = self.regex(entry["pattern"], (*path, "pattern"), 0)
            problem = _pattern_problem(pattern) if pattern else None
            if problem:
                self.error((*path, "pattern"), problem)
        words = self.strings(entry["words"], (*path, "words")) if "words" in entry else ()
        if "words" in entry and not all(w.strip() for w in words):
            self.error((*path, "words"), "expected non-empty words")
        suffixes = self.strings(entry.get("suffixes", [""]), (*path, "suffixes"))
        specificity = entry.get("specificity", 2)
        if (
            not isinstance(specificity, int)
            or isinstance(specificity, bool)
            or not (1 <= specificity <= 3)
        ):
            self.error((*path, "specificity"), "expected 1 (word), 2 (phrase) or 3 (construction)")
        extra = {
            key: self.regex(entry[key], (*path, key), re.IGNORECASE) if key in entry else ""
            for key in _EXTRA_PATTERNS
        }
        examples = self.strings(entry.get("examples", []), (*path, "examples"))
        counter = self.strings(entry.get("counter_examples", []), (*path, "counter_examples"))
        if len(self.problems) > before:
            return None
        return Rule(
            id=str(rule_id),
            category=str(category),
            explanation=str(explanation).strip(),
            pattern=pattern,
            words=tuple(w.strip().lower() for w in words),
            suffixes=suffixes or ("",),
            specificity=int(specificity),
            examples=examples,
            counter_examples=counter,
            **extra,
        )


def parse_rules(
    data: Any,
    file: str = "<rules>",
    locate: Locate | None = None,
    categories: Iterable[str] | None = None,
) -> tuple[Rule, ...]:
    """Rules from a parsed rules document; raises FormatError listing every problem found.

    `categories` are the ids a rule may propose (default: the bundled default taxonomy), so a
    rule can never produce a suggestion the app would refuse to read back.
    """
    known = frozenset(categories) if categories is not None else default_category_ids()
    reader = _RuleReader(data, file, locate, known)
    rules = reader.read()
    if reader.problems:
        raise FormatError(reader.problems)
    return rules


@functools.cache
def default_category_ids() -> frozenset[str]:
    """Ids of the bundled default taxonomy (read directly: the core does not depend on formats)."""
    source = resources.files("literacy_app.core").joinpath("default_taxonomy.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    return frozenset(c["id"] for c in data["categories"])


@functools.cache
def default_rules() -> tuple[Rule, ...]:
    """The bundled rules, loaded and checked once per process."""
    source = resources.files("literacy_app.core").joinpath(RULES_RESOURCE)
    return parse_rules(json.loads(source.read_text(encoding="utf-8")), RULES_RESOURCE)

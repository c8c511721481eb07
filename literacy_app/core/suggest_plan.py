"""How a set of rules is run fast: compiled patterns, the words each pattern can start with,
and one trie-shaped regex that finds all of those words (and every lexicon's) in a single pass.

Python's `re` tries a pattern at every position of the text. So each pattern is tried only where
one of the words it can start with occurs (`first_words` lists them from the parsed regex), and
patterns sharing a first word are run together as one regex (`Gate`). The rare pattern whose
first words cannot be listed is scanned in full; a test checks that both ways find the same
matches. Plans are cached per rule set: rules are immutable and hashable.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from literacy_app.core.suggest_model import Rule
from literacy_app.core.suggest_text import TOKEN, fold, is_word


@dataclass(frozen=True)
class Compiled:
    """A rule's regexes, compiled once: the pattern (on the folded text, case as written) and
    its vetoes and extensions (on the original text, ignoring case)."""

    pattern: re.Pattern[str] | None
    unless_before: re.Pattern[str] | None
    unless_after: re.Pattern[str] | None
    unless_sentence: re.Pattern[str] | None
    extend_before: re.Pattern[str] | None
    extend_after: re.Pattern[str] | None
    unless_match: re.Pattern[str] | None


def _optional(source: str, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    return re.compile(source, flags) if source else None


@functools.cache
def compiled(rule: Rule) -> Compiled:
    """Compile each rule once per process (rules are immutable and hashable)."""
    return Compiled(
        _optional(rule.pattern, 0),
        _optional(rule.unless_before),
        _optional(rule.unless_after),
        _optional(rule.unless_sentence),
        _optional(rule.extend_before),
        _optional(rule.extend_after),
        _optional(rule.unless_match),
    )


Entry = tuple[tuple[frozenset[str], ...], int]  # (allowed tokens per position, rule index)
DIGITS = "#"  # stands for "any token that starts with a digit" among a pattern's first words
_MAX_FIRST_WORDS = 5000


def _entry_tokens(entry: str, suffixes: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """'out-of-touch' -> ({out}, {of}, {touch, touches, ...}): suffixes inflect the last word."""
    words = TOKEN.findall(fold(entry))
    if not words:
        return ()
    last = frozenset(words[-1] + suffix for suffix in suffixes)
    return (*(frozenset([w]) for w in words[:-1]), last)


class _UnanchoredError(Exception):
    """The first word of a pattern's matches cannot be listed; scan the whole text instead."""


def first_words(pattern: str) -> frozenset[str] | None:
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
            return walk(rest, prefix + ch) if is_word(ch) else ended(prefix)
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
                elif is_word(ch):
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
class Plan:
    """How one set of rules is run: which patterns are tried at which words, which are scanned
    in full, and the lexicon of the words rules."""

    patterns: tuple[re.Pattern[str] | None, ...]
    gates: dict[str, Gate]  # first word -> the patterns that can start with it
    scanned: tuple[int, ...]  # patterns whose first words cannot be listed
    lexicon: dict[str, list[Entry]]
    finder: re.Pattern[str] | None  # finds every token that is a key of `gates` or `lexicon`


@dataclass(frozen=True)
class Gate:
    """All patterns that can start with one word, as a single regex of optional lookaheads
    (one named group per rule): one `match` call at the word tries every one of them."""

    regex: re.Pattern[str]
    groups: tuple[tuple[int, int], ...]  # (rule index, group number of its lookahead)

    @classmethod
    def of(cls, rules: list[int], patterns: tuple[re.Pattern[str] | None, ...]) -> Gate:
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
def plan_for(rules: tuple[Rule, ...]) -> Plan:
    patterns = tuple(compiled(rule).pattern for rule in rules)
    triggers: dict[str, list[int]] = {}
    digit_rules: list[int] = []
    scanned: list[int] = []
    lexicon: dict[str, list[Entry]] = {}
    for number, rule in enumerate(rules):
        if rule.pattern:
            words = first_words(rule.pattern)
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
    gates = {word: Gate.of(numbers, patterns) for word, numbers in triggers.items()}
    if digit_rules:
        gates[DIGITS] = Gate.of(digit_rules, patterns)
    starts = (set(triggers) | set(lexicon)) - {DIGITS}
    alternatives = [_trie(sorted(starts))] if starts else []
    if digit_rules:
        alternatives.append(r"\d")
    finder = (
        re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")[^\W_]*")
        if alternatives
        else None
    )
    return Plan(patterns, gates, tuple(scanned), lexicon, finder)

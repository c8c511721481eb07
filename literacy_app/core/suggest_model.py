"""What a suggestion rule is and what it proposes: the records shared by the rule reader, the
matcher and everything that shows suggestions (the app, the CLI, the benchmark).

Kept apart from the matcher so that code which only shows or stores suggestions never loads the
regex machinery, and so that the rule file's reader and the matcher depend on one small module
rather than on each other.
"""

from __future__ import annotations

from dataclasses import dataclass

QUOTED_POLICIES = ("drop", "unnamed", "keep")


@dataclass(frozen=True)
class Rule:
    """One transparent rule: what it looks for, what it proposes, and why.

    `pattern` is the fully expanded regular expression (lower case; see the module docstring);
    `words` is a lexicon instead of a pattern. `specificity` (1 = a single word out of a
    lexicon, 2 = a phrase, 3 = a construction that is rarely innocent) decides which of two
    overlapping suggestions is kept. `examples` and `counter_examples` are sentences the rule
    must and must not fire on; the tests check every one of them, so they document the rule
    and guard it against regressions at the same time. `quoted` says what happens to a match
    inside someone else's words (see suggest_speech): "drop" it inside titles and attributed
    quotations, keep it only inside quotations from an "unnamed" source, or "keep" it always.
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
    unless_match: str = ""
    quoted: str = "drop"
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

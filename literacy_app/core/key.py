"""The instructor's answer key: items to find, why they matter, and how credit is given."""

from __future__ import annotations

from dataclasses import dataclass, field

from literacy_app.core.marks import Mark


@dataclass(frozen=True)
class ScoringSettings:
    """Every number the classroom metric uses; a key may override any of them.

    A mark much longer than an item (a whole sentence for one word), or one that only grazes it,
    earns no near-miss credit: its Jaccard with the item must reach `near_miss_threshold`.
    A mark inside the item is on the device, so it is a near miss however short.

    The two penalties are what make guessing lose (docs/scoring.md has the table of strategies).
    Keys are never complete, so marks that touch no item are free up to `free_extra_marks` times
    the number of items; each one beyond costs `extra_mark_penalty` weight units. A further mark
    on a passage that already has its mark (a hedge: another category, another span) costs
    `hedge_penalty` times the weight of the item it overlaps, more than a hedge could ever win.
    """

    match_threshold: float = 0.5
    same_group_credit: float = 0.5
    other_group_credit: float = 0.25
    imprecise_multiplier: float = 0.5
    near_miss_threshold: float = 0.25
    free_extra_marks: float = 0.25
    extra_mark_penalty: float = 1.0
    hedge_penalty: float = 1.0


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article inside (or beside) a key item: its core, an alternative, a part.

    `quote` repeats the article's words so that a changed article can be checked and re-anchored.
    """

    start: int
    end: int
    quote: str = ""

    def within(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def shifted(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta, self.quote)


@dataclass(frozen=True)
class KeyItem:
    """One thing the student should find.

    Readers disagree about where a device starts and ends, so an item may say more than its span:
    `core` names the words that do the work (a mark on them, or on anything between them and the
    whole span, is a full find); `alternatives` are other spans a careful reader may fairly mark;
    `parts` split an item such as a repetition into fragments that together make one find.
    """

    mark: Mark
    rationale: str
    also_accept: tuple[str, ...] = ()
    required: bool = True
    weight: float = 1.0
    hint: str = ""
    core: Span | None = None
    alternatives: tuple[Span, ...] = ()
    parts: tuple[Span, ...] = ()

    @property
    def id(self) -> str:
        return self.mark.id

    @property
    def start(self) -> int:
        return self.mark.start

    @property
    def end(self) -> int:
        return self.mark.end

    @property
    def category(self) -> str:
        return self.mark.category

    @property
    def accepted_categories(self) -> frozenset[str]:
        return frozenset((self.mark.category, *self.also_accept))

    @property
    def spans(self) -> tuple[Span, ...]:
        """Every span the item names beyond its own: core, alternatives and parts."""
        return (*((self.core,) if self.core else ()), *self.alternatives, *self.parts)

    @property
    def quotes(self) -> tuple[str, ...]:
        """The item's words and every named span's words: what a handout must never show."""
        return tuple(q for q in (self.mark.quote, *(s.quote for s in self.spans)) if q)


@dataclass(frozen=True)
class AnswerKey:
    items: tuple[KeyItem, ...]
    lesson: str = ""
    author: str = ""
    revision: int = 1
    article_sha256: str = ""
    scoring: ScoringSettings = field(default_factory=ScoringSettings)

    def item(self, item_id: str) -> KeyItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

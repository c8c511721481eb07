"""The instructor's answer key: items to find, why they matter, and how credit is given."""

from __future__ import annotations

from dataclasses import dataclass, field

from literacy_app.core.marks import Mark


@dataclass(frozen=True)
class ScoringSettings:
    """Every number the classroom metric uses; a key may override any of them."""

    match_threshold: float = 0.5
    same_group_credit: float = 0.5
    other_group_credit: float = 0.25
    imprecise_multiplier: float = 0.5
    extra_mark_penalty: float = 0.0


@dataclass(frozen=True)
class KeyItem:
    mark: Mark
    rationale: str
    also_accept: tuple[str, ...] = ()
    required: bool = True
    weight: float = 1.0
    hint: str = ""

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

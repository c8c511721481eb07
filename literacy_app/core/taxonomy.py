"""Categories of framing devices and unsupported claims, and the lookups around them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from literacy_app.i18n import N_, _


class Group(StrEnum):
    """The two families every category belongs to; scoring gives partial credit within one."""

    FRAMING = "framing"
    CLAIM = "claim"

    @property
    def label(self) -> str:
        """The group's English name, as files and reports that are read as data hold it."""
        return "Framing devices" if self is Group.FRAMING else "Unsupported claims"

    @property
    def display_label(self) -> str:
        """The group's name in the current language, for people."""
        return _(N_("Framing devices") if self is Group.FRAMING else N_("Unsupported claims"))


ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Category:
    id: str
    group: Group
    name: str
    definition: str
    example: str = ""
    color: str = "#999999"
    shortcut: str = ""
    aliases: tuple[str, ...] = ()

    # `name`, `definition` and `example` stay as the file holds them (files are written from
    # them, and other tools' labels are matched against `name`); these are what people read.
    # The catalogue knows the default taxonomy's texts (core/taxonomy_texts.py); a lesson's own
    # categories pass through as their author wrote them.
    @property
    def display_name(self) -> str:
        """The category's name in the current language."""
        return _translated(self.name)

    @property
    def display_definition(self) -> str:
        """The category's definition in the current language."""
        return _translated(self.definition)

    @property
    def display_example(self) -> str:
        """The category's example in the current language ("" when it has none)."""
        return _translated(self.example)


def _translated(text: str) -> str:
    """`text` in the current language; "" stays "" (gettext maps it to the catalogue header)."""
    return _(text) if text else text


_SEPARATORS = re.compile(r"[\s_\-]+")


def alias_key(name: str) -> str:
    """Aliases match ignoring case, spaces, hyphens, underscores ("Flag-Waving" = flag_waving)."""
    return _SEPARATORS.sub("_", name.strip().casefold())


@dataclass(frozen=True)
class Taxonomy:
    """An ordered set of categories; resolves ids and aliases to categories."""

    categories: tuple[Category, ...]
    _by_key: dict[str, Category] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, Category] = {}
        for category in self.categories:
            for alias in category.aliases:
                by_key.setdefault(alias_key(alias), category)
        for category in self.categories:  # ids win over another category's alias
            by_key[alias_key(category.id)] = category
        object.__setattr__(self, "_by_key", by_key)

    def __iter__(self) -> Iterator[Category]:
        return iter(self.categories)

    def __len__(self) -> int:
        return len(self.categories)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def get(self, id_or_alias: str) -> Category | None:
        """By id first, as files almost always name a category: a key is its own alias key,
        so the exact lookup can only find what the normalised one would (grading 10,000
        files spent a tenth of its time normalising ids that were already ids)."""
        found = self._by_key.get(id_or_alias)
        return found if found is not None else self._by_key.get(alias_key(id_or_alias))

    def __getitem__(self, id_or_alias: str) -> Category:
        category = self.get(id_or_alias)
        if category is None:
            raise KeyError(id_or_alias)
        return category

    def resolve(self, id_or_alias: str) -> str | None:
        """Canonical id for an id or alias, or None when unknown."""
        category = self.get(id_or_alias)
        return category.id if category else None

    def group_of(self, id_or_alias: str) -> Group | None:
        category = self.get(id_or_alias)
        return category.group if category else None

    def in_group(self, group: Group) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if c.group is group)

    def restricted(self, ids: Sequence[str]) -> Taxonomy:
        """The palette a lesson allows, in the lesson's order."""
        return Taxonomy(tuple(self[i] for i in ids))

    def merged(self, extra: Iterable[Category]) -> Taxonomy:
        """This taxonomy with `extra` added; an extra with an existing id replaces it in place."""
        extra = list(extra)
        replacing = {c.id: c for c in extra}
        kept = [replacing.pop(c.id, c) for c in self.categories]
        return Taxonomy(tuple(kept) + tuple(c for c in extra if c.id in replacing))

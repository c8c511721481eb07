"""A page's JSON-LD: the objects in its ld+json scripts, which of them are articles, and
their properties with @id references followed.

JSON-LD is written by hand or by plug-ins and is often invalid, huge or deeply nested; it is
read defensively (size limits, no recursion, every value's type checked) and anything odd is
skipped, never raised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .page_values import author_name, clean, unique_names

MAX_JSON_LD_CHARS = 8_000_000  # one script; a whole article is rarely 100 kB
MAX_JSON_LD_TOTAL = 16_000_000  # all scripts of a page together
MAX_JSON_NODES = 20_000  # objects looked at in all the page's JSON-LD
MAX_JSON_DEPTH = 32  # articles sit at depth 0 to 3 (@graph, lists, mainEntity)

_ARTICLE_TYPES = frozenset({"blogposting", "liveblogposting", "report", "socialmediaposting"})


def json_ld_objects(scripts: Iterable[str]) -> list[dict[str, Any]]:
    """Every JSON object in the page's ld+json scripts, breadth first, within the limits.

    Invalid scripts are skipped (real pages have raw newlines in strings, which strict=False
    accepts, and trailing commas, which nothing should guess at); so is one nested too deep
    for the parser (RecursionError) or larger than MAX_JSON_LD_CHARS.
    """
    objects: list[dict[str, Any]] = []
    total = 0
    for script in scripts:
        total += len(script)
        if len(script) > MAX_JSON_LD_CHARS or total > MAX_JSON_LD_TOTAL:
            continue
        text = script.strip()
        for wrapper in ("<!--", "//<![CDATA[", "<![CDATA["):
            text = text.removeprefix(wrapper).strip()
        for wrapper in ("-->", "//]]>", "]]>"):
            text = text.removesuffix(wrapper).strip()
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):
            continue
        objects.extend(_objects(data, MAX_JSON_NODES - len(objects)))
        if len(objects) >= MAX_JSON_NODES:
            break
    return objects


def _objects(data: Any, limit: int) -> Iterator[dict[str, Any]]:
    """The objects in `data` without recursion, at most `limit`, none deeper than the cap."""
    queue: list[tuple[Any, int]] = [(data, 0)]
    index = 0
    found = 0
    while index < len(queue) and found < limit:
        value, depth = queue[index]
        index += 1
        if depth > MAX_JSON_DEPTH:
            continue
        if isinstance(value, dict):
            found += 1
            yield value
            children: Iterable[Any] = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        for child in children:
            if isinstance(child, dict | list) and len(queue) < 4 * MAX_JSON_NODES:
                queue.append((child, depth + 1))


def _types(node: dict[str, Any]) -> list[str]:
    """@type as lower-case local names: "schema:NewsArticle" and a schema.org URL count too."""
    value = node.get("@type")
    names = value if isinstance(value, list) else [value]
    return [re.split(r"[/:#]", n)[-1].casefold() for n in names if isinstance(n, str)]


def is_article(node: dict[str, Any]) -> bool:
    return any(t.endswith("article") or t in _ARTICLE_TYPES for t in _types(node))


class Graph:
    """The page's JSON-LD objects, with @id references resolved (author: {"@id": "#jane"})."""

    def __init__(self, objects: list[dict[str, Any]]) -> None:
        self.objects = objects
        self.by_id: dict[str, dict[str, Any]] = {}
        for node in objects:
            ident = node.get("@id")
            if isinstance(ident, str) and len(node) > 1:
                self.by_id.setdefault(ident, node)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            ident = value.get("@id")
            if isinstance(ident, str):
                return self.by_id.get(ident, value)
        return value

    def items(self, value: Any) -> list[Any]:
        values = value if isinstance(value, list) else [value]
        return [self.resolve(v) for v in values[:50]]

    def text(self, value: Any, *names: str) -> str:
        """A string property, or the first of `names` in the object it points to."""
        for item in self.items(value):
            if isinstance(item, str) and clean(item):
                return clean(item)
            if isinstance(item, dict):
                for name in names:
                    inner = item.get(name)
                    if isinstance(inner, str) and clean(inner):
                        return clean(inner)
        return ""

    def people(self, value: Any) -> tuple[list[str], list[str]]:
        """Names of the persons and of the organizations in an author property."""
        persons: list[str] = []
        organizations: list[str] = []
        for item in self.items(value):
            if isinstance(item, str):
                name = author_name(item)
                if name:
                    persons.append(name)
            elif isinstance(item, dict):
                raw = item.get("name")
                if isinstance(raw, list):
                    raw = " ".join(r for r in raw if isinstance(r, str))
                name = author_name(raw) if isinstance(raw, str) else ""
                if name:
                    is_org = any("organization" in t or t == "corporation" for t in _types(item))
                    (organizations if is_org else persons).append(name)
        return unique_names(persons), unique_names(organizations)

"""The author as a page's visible markup names them: a byline marked up as one (rel=author,
itemprop=author), else an element whose class says "byline" or "author", the weakest evidence
and read the most warily. (page_metadata.py prefers structured data, and compares.)

On real pages the layout heuristics took a navigation menu or a photographer's credit for the
author, so both readers skip menus, footers and sidebars, and credits never count as bylines.
"""

from __future__ import annotations

import re
from typing import Any

from .page_values import author_name, clean, join_names, unique_names

# A name in a byline's running text: capitalized words after "By", not after "Photo by".
_BYLINE_NAME = re.compile(
    r"(?<![A-Za-z])(?<![Pp]hoto )(?<![Pp]hotograph )(?<![Pp]hotos )(?<![Ii]mage )"
    r"(?<![Ii]llustration )(?<![Pp]ictures )(?<![Vv]ideo )(?<![Gg]raphic )[Bb]y\s+"
    r"((?:[A-Z][\w'’.-]*|de|van|von|der|da|del|la|le|bin|al)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|da|del|la|le|bin|al)){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}){0,3})"
)
_OUTSIDE_ARTICLE = ("nav", "footer", "aside", "menu")
_MENU_CLASS = re.compile(r"\b(?:nav|menu|footer|sidebar|related|promo)", re.IGNORECASE)


def _in_menu(element: Any) -> bool:
    """Inside site navigation, a footer or a sidebar: no author's byline is there."""
    for ancestor in element.iterancestors():
        if ancestor.tag in _OUTSIDE_ARTICLE or ancestor.get("role") == "navigation":
            return True
        if _MENU_CLASS.search(ancestor.get("class") or ""):
            return True
    return False


def _element_text(element: Any) -> str:
    try:
        return clean(element.text_content())
    except ValueError:
        return ""


def marked_up_byline(tree: Any) -> str:
    """An author marked up as one: rel=author links and itemprop=author outside any menu."""
    names: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "link"):
            continue
        rel = (element.get("rel") or "").casefold().split()
        if "author" in rel or (element.get("itemprop") or "").casefold() == "author":
            if _in_menu(element):
                continue
            inner = [e for e in element.iter() if (e.get("itemprop") or "") == "name"]
            name = author_name(_element_text(inner[0] if inner else element))
            if name:
                names.append(name)
        if len(names) >= 5:
            break
    return join_names(unique_names(names))


_BYLINE_CLASS = re.compile(
    r"\b(?:byline|by-line|author|authors|article-author|author-name|contributor|writer)\b",
    re.IGNORECASE,
)
_NOT_BYLINE_CLASS = re.compile(r"(?:bio|avatar|image|photo|credit|caption|comment)", re.I)


def byline_by_class(tree: Any) -> str:
    """A byline found only by its class name: the weakest evidence, so it must look like one
    (short, few links, "By ..." or a name) and not be a credit, a caption or a menu."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        classes = (element.get("class") or "") + " " + (element.get("id") or "")
        if not _BYLINE_CLASS.search(classes) or _NOT_BYLINE_CLASS.search(classes):
            continue
        if element.tag in ("meta", "link", "img", "figure", "figcaption") or _in_menu(element):
            continue
        if sum(1 for _ in element.iter("a")) >= 3:  # a list of links is a menu
            continue
        text = _element_text(element)
        if not text or len(text) > 300:
            continue
        match = _BYLINE_NAME.search(text)
        name = author_name(match.group(1)) if match else ""
        if not name and not re.search(r"\b(?:photo|image|picture)", text, re.I):
            name = author_name(text)
        if name:
            return name
    return ""

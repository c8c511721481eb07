"""Where a saved news page says it comes from: its structured data first, its markup second.

Sites describe their articles for search engines (JSON-LD, Open Graph and other <meta> tags),
and that description is far more reliable than guessing from the page's layout: on real pages
the layout heuristics took a navigation menu or a photographer's credit for the author. So the
order here is JSON-LD, then <meta> tags, then marked-up bylines (rel=author, itemprop=author),
and a byline found by its class name only last.

JSON-LD is written by hand or by plug-ins and is often invalid, huge or deeply nested; it is
read defensively (size limits, no recursion, every value's type checked) and anything odd is
skipped, never raised.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

MAX_JSON_LD_CHARS = 8_000_000  # one script; a whole article is rarely 100 kB
MAX_JSON_LD_TOTAL = 16_000_000  # all scripts of a page together
MAX_JSON_NODES = 20_000  # objects looked at in all the page's JSON-LD
MAX_JSON_DEPTH = 32  # articles sit at depth 0 to 3 (@graph, lists, mainEntity)
MAX_NAME_CHARS = 80

_ARTICLE_TYPES = frozenset({"blogposting", "liveblogposting", "report", "socialmediaposting"})
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_CC_URL = re.compile(
    r"creativecommons\.org/(?:licenses|licences)/([a-z-]+)/(\d+(?:\.\d+)?)", re.IGNORECASE
)
_CC_ZERO = re.compile(r"creativecommons\.org/publicdomain/zero/(\d+(?:\.\d+)?)", re.IGNORECASE)
_CC_TEXT = re.compile(
    r"\b(?:CC[ -]BY(?:[ -](?:NC|SA|ND)){0,2}(?:[ -]\d\.\d)?"
    r"|CC0(?: \d\.\d)?"
    r"|Creative Commons Attribution(?:[ -](?:NonCommercial|Non-Commercial|ShareAlike|"
    r"Share-Alike|NoDerivatives|NoDerivs|No-Derivatives)){0,2}(?: \d\.\d)?(?: International)?"
    r"(?: Licen[cs]e)?"
    r"|Creative Commons licen[cs]e)",
    re.IGNORECASE,
)
_BY = re.compile(r"^\s*(?:(?:written|words|reporting|story|text)\s+)?by\s*[:\-]?\s+", re.I)
_ROLE_PREFIX = re.compile(r"^\s*(?:author|authors|writer|reporter|byline)\s*:\s*", re.IGNORECASE)
# A name in a byline's running text: capitalized words after "By", not after "Photo by".
_BYLINE_NAME = re.compile(
    r"(?<![A-Za-z])(?<![Pp]hoto )(?<![Pp]hotograph )(?<![Pp]hotos )(?<![Ii]mage )"
    r"(?<![Ii]llustration )(?<![Pp]ictures )(?<![Vv]ideo )(?<![Gg]raphic )[Bb]y\s+"
    r"((?:[A-Z][\w'’.-]*|de|van|von|der|da|del|la|le|bin|al)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|da|del|la|le|bin|al)){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}){0,3})"
)
# What a photographer's, agency's or picture desk's credit says; never an author's byline.
_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photos|photograph|photographs|photographer|photography|image|images|"
    r"picture|pictures|pic|illustration|illustrated|graphic|video|credit|credits|getty|"
    r"shutterstock|alamy|istock|ap photo|afp|epa|reuters/|unsplash|courtesy)\b",
    re.IGNORECASE,
)
_MENU_WORDS = frozenset(
    {
        "home", "news", "sport", "sports", "opinion", "menu", "search", "subscribe", "log in",
        "login", "sign in", "sign up", "more", "contact", "about", "about us", "staff",
        "contributors", "authors", "all authors", "share", "follow",
    }
)  # fmt: skip
_NAME_SPLIT = re.compile(  # where a byline's name ends and a role or place begins
    r"\s+[|·•—–]\s+|\s*\n\s*|\s+in\s+(?=[A-Z])|,\s*(?=[a-z]|[^,]*(?i:\b(?:reporter|editor|correspondent|"
    r"writer|columnist|contributor|staff|journalist|producer|analyst|professor|lecturer|"
    r"director|chief|senior|desk|bureau|in [A-Z])\b))"
)
_DATE_TAIL = re.compile(
    r"[,|·•—–]?\s*(?:updated|published|posted)?\s*:?\s*(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d.*$"
    r"|[,|·•—–]?\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}.*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PageMetadata:
    """What the page's markup says about the article; empty strings where it says nothing."""

    title: str = ""
    author: str = ""
    site: str = ""
    date: str = ""
    url: str = ""
    licence: str = ""
    body: str = ""  # JSON-LD articleBody: the text when the page shows only a teaser
    author_conflict: tuple[str, str] = ("", "")  # (structured, byline) when they disagree


def clean(text: str) -> str:
    """One line of plain text: no control characters, lone surrogates or runs of spaces.

    JSON-LD escapes can produce lone surrogates ("\\ud83d"), which no UTF-8 file can hold.
    """
    text = _SURROGATES.sub("\ufffd", text)
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def clean_block(text: str) -> str:
    """Like `clean`, but keeping line breaks (an articleBody's paragraphs)."""
    text = _CONTROL.sub("", _SURROGATES.sub("\ufffd", text.replace("\r\n", "\n")))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# --- JSON-LD ----------------------------------------------------------------------------------


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


class _Graph:
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
        return _unique(persons), _unique(organizations)


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- values -----------------------------------------------------------------------------------


def author_name(text: str) -> str:
    """A person's name from a byline or author field, or "" when it is not one.

    "By Jane Doe, Local Reporter" gives "Jane Doe"; a URL (article:author is often a profile
    link), a photographer's credit, a menu label or a sentence gives "".
    """
    text = clean(text)
    if not text or len(text) > 4 * MAX_NAME_CHARS:
        return ""
    text = _ROLE_PREFIX.sub("", _BY.sub("", text))
    text = _NAME_SPLIT.split(text)[0]
    text = _DATE_TAIL.sub("", text).strip(" ,;:|·-–—")
    if not text or len(text) > MAX_NAME_CHARS or text.casefold() in _MENU_WORDS:
        return ""
    if "://" in text or text.startswith(("www.", "@", "/")) or "@" in text:
        return ""
    if _CREDIT_WORDS.search(text) or any(ch.isdigit() for ch in text):
        return ""
    words = text.replace(",", " ").split()
    if len(words) > 12 or not any(ch.isalpha() for ch in text):
        return ""
    if text.endswith((".", "!", "?")) and len(words) > 4:  # a sentence, not a name
        return ""
    return text


def iso_date(text: str) -> str:
    """The calendar date an ISO 8601 timestamp starts with ("2026-03-17T09:30" -> "2026-03-17")."""
    match = _ISO_DATE.match(text)
    if not match:
        return ""
    try:
        return datetime.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return ""


def licence_name(text: str) -> str:
    """A licence as people write it: "CC BY-ND 4.0" for its Creative Commons URL, else its text."""
    text = clean(text)
    match = _CC_URL.search(text)
    if match:
        return f"CC {match.group(1).upper()} {match.group(2)}"
    match = _CC_ZERO.search(text)
    if match:
        return f"CC0 {match.group(1)}"
    match = _CC_TEXT.search(text)
    if match:
        return _cc_text(match.group(0))
    if len(text) <= 200 and text:
        return text
    return ""


def _cc_text(found: str) -> str:
    """The licence named in running text, spelled the usual way ("CC BY-SA 4.0")."""
    words = clean(found)
    folded = words.casefold()
    if folded.startswith("creative commons licen"):
        return "Creative Commons"
    version = re.search(r"\d\.\d", words)
    tail = f" {version.group(0)}" if version else ""
    if folded.startswith("cc0"):
        return "CC0" + tail
    parts = ["BY"]
    for name, short in (
        ("noncommercial", "NC"), ("non-commercial", "NC"), ("-nc", "NC"), (" nc", "NC"),
        ("sharealike", "SA"), ("share-alike", "SA"), ("-sa", "SA"), (" sa", "SA"),
        ("noderiv", "ND"), ("no-deriv", "ND"), ("-nd", "ND"), (" nd", "ND"),
    ):  # fmt: skip
        if name in folded and short not in parts:
            parts.append(short)
    return "CC " + "-".join(parts) + tail


def _licence_link(href: str) -> str:
    """A rel=license link: a Creative Commons licence by name, any other by its address."""
    name = licence_name(href)
    return name if name.startswith("CC") else absolute_url(href)


def licence_in_text(text: str) -> str:
    """A Creative Commons licence named in a line of the page ("... under CC BY-ND 4.0")."""
    match = _CC_TEXT.search(text)
    return _cc_text(match.group(0)) if match else ""


def absolute_url(text: str) -> str:
    text = clean(text)
    return text if re.match(r"https?://[^\s/]+", text, re.IGNORECASE) else ""


# --- the page ---------------------------------------------------------------------------------


def read_page(tree: Any, scripts: list[str]) -> PageMetadata:
    """What the page's structured data and markup say; `tree` is the page parsed by lxml.html
    and `scripts` the text of its ld+json scripts (taken out before the tree was cleaned)."""
    graph = _Graph(json_ld_objects(scripts))
    articles = [node for node in graph.objects if is_article(node)]
    meta = _meta_tags(tree)
    links = _links(tree)

    persons: list[str] = []
    organizations: list[str] = []
    for node in articles:
        found, orgs = graph.people(node.get("author"))
        persons = persons or found
        organizations = organizations or orgs
        if not persons:
            found, orgs = graph.people(node.get("creator"))
            persons = persons or found
            organizations = organizations or orgs
    structured = join_names(persons)
    meta_author = ""
    for name in (
        "author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator",
        "dcterms.creator", "citation_author", "og:article:author",
    ):  # fmt: skip
        meta_author = author_name(meta.get(name, ""))
        if meta_author:
            break
    byline = _marked_up_byline(tree) or _byline_by_class(tree)
    author = structured or meta_author or byline or join_names(organizations)
    conflict = ("", "")
    trusted = structured or meta_author
    if trusted and byline and not _same_people(trusted, byline):
        conflict = (trusted, byline)

    def first(*values: str) -> str:
        return next((v for v in values if v), "")

    def from_articles(name: str, *inner: str) -> str:
        return first(*(graph.text(node.get(name), *inner) for node in articles))

    site = first(
        clean(meta.get("og:site_name", "")),
        from_articles("publisher", "name"),
        clean(meta.get("application-name", "")) if "og:type" in meta else "",
    )
    date = first(
        *(
            iso_date(meta.get(name, ""))
            for name in (
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publish-date",
                "publishdate",
                "dc.date.issued",
                "dc.date",
                "dcterms.date",
                "dcterms.created",
                "parsely-pub-date",
                "sailthru.date",
            )
        ),
        *(iso_date(from_articles(name)) for name in ("datePublished", "dateCreated")),
    )
    url = first(
        absolute_url(links.get("canonical", "")),
        absolute_url(meta.get("og:url", "")),
        absolute_url(from_articles("url")),
        absolute_url(from_articles("mainEntityOfPage", "@id", "url")),
    )
    licence = first(
        _licence_link(links.get("license", "")),
        licence_name(from_articles("license", "url", "name")),
        licence_name(meta.get("license", "")),
        licence_name(meta.get("dcterms.license", "")),
        licence_in_text(meta.get("dc.rights", "") + " " + meta.get("copyright", "")),
    )
    bodies = [
        clean_block(node["articleBody"])
        for node in articles
        if isinstance(node.get("articleBody"), str)
    ]
    title = first(from_articles("headline"), clean(meta.get("og:title", "")))
    return PageMetadata(
        title=title[:300],
        author=author,
        site=site[: MAX_NAME_CHARS * 2],
        date=date,
        url=url[:2000],
        licence=licence,
        body=max(bodies, key=len, default=""),
        author_conflict=conflict,
    )


def _same_people(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


def _meta_tags(tree: Any) -> dict[str, str]:
    """<meta> name/property/itemprop -> content, lower-case names, the first of each kept."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = element.get(attribute)
            if key:
                found.setdefault(key.strip().casefold(), content)
    return found


def _links(tree: Any) -> dict[str, str]:
    """rel token -> href of <link> and <a> elements (canonical, license), the first of each."""
    found: dict[str, str] = {}
    for tag in ("link", "a"):
        for element in tree.iter(tag):
            href = element.get("href")
            rel = element.get("rel")
            if href and rel:
                for token in rel.casefold().split():
                    found.setdefault(token, href)
    return found


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


def _marked_up_byline(tree: Any) -> str:
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
    return join_names(_unique(names))


_BYLINE_CLASS = re.compile(
    r"\b(?:byline|by-line|author|authors|article-author|author-name|contributor|writer)\b",
    re.IGNORECASE,
)
_NOT_BYLINE_CLASS = re.compile(r"(?:bio|avatar|image|photo|credit|caption|comment)", re.I)


def _byline_by_class(tree: Any) -> str:
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

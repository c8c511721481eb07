"""Where a saved news page says it comes from: its structured data first, its markup second.

Sites describe their articles for search engines (JSON-LD, Open Graph and other <meta> tags),
and that description is far more reliable than guessing from the page's layout: on real pages
the layout heuristics took a navigation menu or a photographer's credit for the author. So the
order here is JSON-LD, then <meta> tags, then marked-up bylines (rel=author, itemprop=author),
and a byline found by its class name only last.

This module weighs the evidence; reading it is done apart: the JSON-LD in json_ld.py (read
defensively: pages hold invalid, huge or deeply nested scripts), bylines in bylines.py, and
each value (a name, a date, a licence, an address) in page_values.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .bylines import byline_by_class, marked_up_byline
from .json_ld import Graph, is_article, json_ld_objects
from .page_values import (
    MAX_NAME_CHARS,
    absolute_url,
    author_name,
    clean,
    clean_block,
    iso_date,
    join_names,
    licence_in_text,
    licence_link,
    licence_name,
)

# The readers' names that callers (the importer, leftovers.py, tests) import from here.
__all__ = [
    "PageMetadata",
    "absolute_url",
    "author_name",
    "clean",
    "clean_block",
    "iso_date",
    "json_ld_objects",
    "licence_in_text",
    "licence_name",
    "read_page",
]


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


# --- the page ---------------------------------------------------------------------------------


def read_page(tree: Any, scripts: list[str]) -> PageMetadata:
    """What the page's structured data and markup say; `tree` is the page parsed by lxml.html
    and `scripts` the text of its ld+json scripts (taken out before the tree was cleaned)."""
    graph = Graph(json_ld_objects(scripts))
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
    byline = marked_up_byline(tree) or byline_by_class(tree)
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
        licence_link(links.get("license", "")),
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

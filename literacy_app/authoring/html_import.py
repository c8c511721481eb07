"""A saved web page as an article: the page decoded and parsed, its main text extracted
(trafilatura), its structured data's articleBody when the page shows only a teaser, its
attribution from the page's metadata (page_metadata.py), and notes on what the author should
check (text that may be missing, credit lines, an author the byline disputes).
"""

from __future__ import annotations

import codecs
import html as htmlmod
import re
from pathlib import Path
from typing import Any

from literacy_app.core.errors import FormatError
from literacy_app.core.text import decode
from literacy_app.i18n import _, ngettext

from .imported_article import (
    SPACES,
    TITLE_LIMIT,
    ImportedArticle,
    credit_notes,
    first_line,
    one_line,
    tidy,
)
from .leftovers import is_credit_line, line_notes, original_source, quote, sort_leftovers
from .page_metadata import read_page
from .page_values import absolute_url, author_name, clean_block, iso_date, licence_in_text

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
MIN_BODY_WORDS = 12  # fewer is a page of links and labels, not an article to teach with
MAX_PAGE_TEXT = 1_000_000  # characters a page shows: a novel's worth, far more than any article
MAX_BAD_CHARACTERS = 50  # more than this many unreadable bytes: the declared encoding is wrong
MAX_PAGE_DEPTH = 400  # elements inside elements; real pages stay under a hundred
SHORT_ARTICLE_WORDS = 100  # fewer is a teaser, a caption or a page that loads its text later
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_UNSEEN = ("script", "style", "template", "svg", "math", "canvas", "iframe", "object", "embed")
_NOT_PROSE = re.compile(
    r"comment|related|promo|newsletter|cookie|consent|banner|subscribe|paywall|teaser|footer|"
    r"\bnav|menu|sidebar|caption|advert|\bads?\b|\bad-|share|social|author-bio",
    re.IGNORECASE,
)
_OUTSIDE = frozenset({"nav", "footer", "aside", "form", "header", "menu", "figcaption"})
_LD_TAG = re.compile(r"<(?:p|br|div|h[1-6]|li|ul|ol|blockquote|strong|em|a|span)\b", re.I)


def decode_html(data: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    """UTF-8, or the charset the page itself declares: browsers save pages in the site's own
    encoding, and such a page is not a mistake of the author's the way a .txt file in Latin-1 is.

    A few bytes the declared encoding cannot read (a stray advert in another encoding) become
    U+FFFD and a note; many mean the declaration is wrong, and the page is refused.
    """
    try:
        return decode(data, path).removeprefix("\ufeff"), ()
    except FormatError:
        declared = _CHARSET.search(data[:4096])
        if declared is None:
            raise
        name = declared.group(1).decode("ascii")
        try:
            codecs.lookup(name)
            return data.decode(name).removeprefix("\ufeff"), ()
        except LookupError:
            raise FormatError.single(
                path,
                _("the page declares the encoding {encoding}, which is unknown").format(
                    encoding=repr(name)
                ),
            ) from None
        except UnicodeDecodeError as err:
            text = data.decode(name, errors="replace").removeprefix("\ufeff")
            bad = text.count("\ufffd")
            if bad > MAX_BAD_CHARACTERS:
                raise FormatError.single(
                    path,
                    _(
                        "the page declares the encoding {encoding} but cannot be read with it"
                    ).format(encoding=repr(name)),
                ) from None
            before = data[: err.start]
            line = before.count(b"\n") + 1
            column = err.start - (before.rfind(b"\n") + 1) + 1
            note = ngettext(
                "The page is not valid {encoding} in {count} place (the first at line {line}, "
                "column {column} of the file); those characters show as “{replacement}”: check "
                "the text there.",
                "The page is not valid {encoding} in {count} places (the first at line {line}, "
                "column {column} of the file); those characters show as “{replacement}”: check "
                "the text there.",
                bad,
            )
            return text, (
                note.format(
                    encoding=name, count=bad, line=line, column=column, replacement="\ufffd"
                ),
            )


def _parse_page(html: str, path: Path) -> tuple[Any, list[str]]:
    """The page as an lxml tree without what a reader never sees (scripts, styles, inline
    SVG), and the text of its ld+json scripts, taken out first.

    Parsed once here and handed to trafilatura as a tree: a 20 MB page is mostly inline
    scripts and images, and trafilatura would otherwise parse and search all of it twice.
    """
    import lxml.etree  # type: ignore[import-untyped]  # no stubs in the dev extras
    import lxml.html  # type: ignore[import-untyped]

    source = _XML_DECLARATION.sub("", html, count=1).replace("\x00", "")
    try:
        tree = lxml.html.document_fromstring(source, parser=_parser())
    except (lxml.etree.ParserError, ValueError):
        raise FormatError.single(path, _("the page is empty: no HTML to read")) from None
    if _depth(tree) > MAX_PAGE_DEPTH:  # the extractor's fallbacks slow down with the square
        raise FormatError.single(
            path,
            _(
                "the page's markup is nested more than {depth} levels deep, which no "
                "article page is: copy the article's text into a .txt file"
            ).format(depth=MAX_PAGE_DEPTH),
        )
    scripts: list[str] = []
    for element in list(tree.iter(*_UNSEEN)):
        kind = (element.get("type") or "").strip().casefold()
        if element.tag == "script" and kind == "application/ld+json":
            scripts.append(element.text or "")
        tail = element.tail
        parent = element.getparent()
        if parent is None:
            continue
        if tail:  # the text after a removed element stays where it was
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(element)
    for element in tree.iter("img", "source"):
        for attribute in ("src", "srcset"):  # inline images: megabytes of base64 nobody reads
            if (element.get(attribute) or "").startswith("data:"):
                del element.attrib[attribute]
    return tree, scripts


def _parser() -> Any:
    """lxml's HTML parser without libxml2's 10 MB limit on one text node: a page with a big
    inline script would otherwise silently end at that script, before the article."""
    import lxml.html

    return lxml.html.HTMLParser(huge_tree=True)


def _depth(tree: Any) -> int:
    import lxml.etree

    depth = deepest = 0
    for event, _element in lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _extract(tree: Any, favor_precision: bool) -> Any:
    # Imported here: trafilatura pulls in lxml, dateparser and more (about half a second), which
    # only the import of a web page needs, never the student's start-up.
    import trafilatura

    return trafilatura.bare_extraction(  # it works on a copy of the tree, which stays intact
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=favor_precision,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def import_html(html: str, path: Path, notes: tuple[str, ...] = ()) -> ImportedArticle:
    """The main article of a saved page, without menus, ads, comments or footer (trafilatura),
    with its attribution from the page's structured data (page_metadata) and notes for the
    author on anything to check."""
    tree, scripts = _parse_page(html, path)
    page = read_page(tree, scripts)
    shown = len(tree.text_content())
    if shown > MAX_PAGE_TEXT:
        raise FormatError.single(
            path,
            _(
                "the page shows about {words} words, far more than one article: save the "
                "article's own page, or copy its text into a .txt file"
            ).format(words=f"{shown // 6:,}"),
        )
    document = _extract(tree, favor_precision=True)
    paragraphs = _body_paragraphs(document)
    title = one_line(_attribute(document, "title")) or page.title
    if _words(paragraphs, title) < MIN_BODY_WORDS:  # some pages need the less strict mode
        document = _extract(tree, favor_precision=False)
        paragraphs = _body_paragraphs(document)
        title = one_line(_attribute(document, "title")) or page.title
    found_words = _words(paragraphs, title)
    structured = _structured_body(page.body, title)
    structured_words = _words(structured, title)
    if structured_words >= MIN_BODY_WORDS and (
        found_words < MIN_BODY_WORDS
        or (structured_words >= 2 * found_words and structured_words - found_words >= 30)
    ):
        note = ngettext(
            "The page shows only {found} word of the article; its text ({structured} words) was "
            "taken from the page's structured data (JSON-LD articleBody): check the paragraph "
            "breaks and that nothing is missing.",
            "The page shows only {found} words of the article; its text ({structured} words) "
            "was taken from the page's structured data (JSON-LD articleBody): check the "
            "paragraph breaks and that nothing is missing.",
            found_words,
        )
        notes += (note.format(found=found_words, structured=structured_words),)
        paragraphs = structured
    if _words(paragraphs, title) < MIN_BODY_WORDS:  # menus and link lists are not articles
        raise FormatError.single(
            path,
            _(
                "no article text found in the page: save the article's own page (not a front "
                "page or a search result), or copy its text into a .txt file"
            ),
        )
    found = sort_leftovers(paragraphs, remove=True)
    paragraphs = found.paragraphs or paragraphs
    if title and one_line(paragraphs[0]).casefold() != title.casefold():
        paragraphs.insert(0, title)
    text = tidy("\n\n".join(paragraphs))
    original, licence = found.original, page.licence or found.licence
    if not original or not licence:
        page_original, page_licence = _credits_on_page(tree)
        original, licence = original or page_original, licence or page_licence
    author = page.author or author_name(_attribute(document, "author"))

    notes += tuple(line_notes(text, found)) + credit_notes(found)
    if page.author_conflict[0]:
        trusted, byline = page.author_conflict
        notes += (
            _(
                "The page's metadata names the author “{trusted}” but its byline reads "
                "“{byline}”; the attribution says “{trusted}”: check which is right."
            ).format(trusted=trusted, byline=byline),
        )
    notes += _shortness_notes(tree, text, title)
    return ImportedArticle(
        text=text,
        title=(title or first_line(paragraphs[0]))[:TITLE_LIMIT],
        author=author,
        date=page.date or iso_date(_attribute(document, "date")),
        site=page.site or one_line(_attribute(document, "sitename")),
        url=page.url or absolute_url(_attribute(document, "url")),
        original=original,
        licence=licence,
        notes=notes,
    )


def _structured_body(body: str, title: str) -> list[str]:
    """An articleBody as paragraphs. Sites write it as plain text with blank lines or single
    newlines between paragraphs, as one run-on line, or as HTML (tags and entities)."""
    if not body.strip() or len(body) > MAX_PAGE_TEXT:  # no article is a novel long
        return []
    if _LD_TAG.search(body):
        import lxml.etree
        import lxml.html

        try:
            fragment = lxml.html.fragment_fromstring(body, create_parent="div")
        except (lxml.etree.LxmlError, ValueError):
            fragment = None
        if fragment is not None:
            for br in fragment.iter("br"):
                br.tail = "\n" + (br.tail or "")
            blocks = [
                e.text_content() for e in fragment.iter("p", "h2", "h3", "h4", "li", "blockquote")
            ]
            body = "\n\n".join(blocks) if blocks else fragment.text_content()
    elif "&" in body:
        body = htmlmod.unescape(body)
    body = clean_block(body)
    parts = re.split(r"\n\s*\n", body) if "\n\n" in body else body.split("\n")
    paragraphs = [one_line(part) for part in parts if one_line(part)]
    if paragraphs and title and one_line(paragraphs[0]).casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return paragraphs


def _credits_on_page(tree: Any) -> tuple[str, str]:
    """Where the article first appeared and its licence, from credit lines anywhere on the
    page: sites often print "This article originally appeared in ..." in a box of its own,
    which the extraction leaves out as furniture."""
    original = licence = ""
    looked = 0
    for element in tree.iter("p", "div", "span", "small", "em", "i", "li", "footer", "section"):
        if len(element) > 6:  # a container: its children are looked at one by one
            continue
        looked += 1
        if looked > 20_000:
            break
        text = one_line(element.text_content())
        if not text or len(text) > 600 or not is_credit_line(text):
            continue
        original = original or original_source(text)
        licence = licence or licence_in_text(text)
        if original and licence:
            break
    return original, licence


def _shortness_notes(tree: Any, text: str, title: str) -> tuple[str, ...]:
    """Warn when the article is short for what the page shows: prose paragraphs of the page
    that are not in the text may be the article's (one real page came out as a headline and a
    caption, the body being drawn by scripts from data the saved page still held)."""
    words = len(text.split()) - len(title.split())
    haystack = one_line(text).casefold()
    missing = 0
    example = ""
    for element in tree.iter("p", "blockquote"):
        prose = one_line(element.text_content())
        count = len(prose.split())
        if count < 15 or not re.search(r"[.!?]", prose) or _not_prose(element):
            continue
        if prose[:80].casefold() not in haystack:
            missing += count
            example = example or prose
    if missing >= max(100, words // 2):
        return (
            _(
                "The imported text has {words} words, but the page shows about {missing} more "
                "words of prose that are not in it (such as {example}): part of the "
                "article may be missing; compare with the page and add what belongs to it."
            ).format(words=words, missing=missing, example=quote(example)),
        )
    if words < SHORT_ARTICLE_WORDS:
        note = ngettext(
            "Only {words} word of article text were found: if the article is longer, the saved "
            "page may not hold it (some sites load it with scripts); copy its text into a .txt "
            "file instead.",
            "Only {words} words of article text were found: if the article is longer, the "
            "saved page may not hold it (some sites load it with scripts); copy its text into a "
            ".txt file instead.",
            words,
        )
        return (note.format(words=words),)
    return ()


def _not_prose(element: Any) -> bool:
    """Inside site furniture (menus, comments, related links, captions): not the article."""
    for node in (element, *element.iterancestors()):
        if node.tag in _OUTSIDE or node.get("role") in ("navigation", "complementary"):
            return True
        if _NOT_PROSE.search((node.get("class") or "") + " " + (node.get("id") or "")):
            return True
    return False


def _words(paragraphs: list[str], title: str) -> int:
    """Words of the body besides the headline."""
    title = title.casefold()
    return sum(len(p.split()) for p in paragraphs if one_line(p).casefold() != title)


def _attribute(document: Any, name: str) -> str:
    value = getattr(document, name, None) if document is not None else None
    return value if isinstance(value, str) else ""


def _body_paragraphs(document: Any) -> list[str]:
    """Paragraphs of trafilatura's XML body: one per block, list items and table rows on lines
    of their own (its plain-text output separates paragraphs by a single newline only)."""
    body = getattr(document, "body", None) if document is not None else None
    if body is None:
        return []
    paragraphs: list[str] = []
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "list":
            lines = [f"• {_inline(item)}" for item in element.iter("item")]
            block = "\n".join(line for line in lines if line.strip("• "))
        elif tag == "table":
            rows = [" | ".join(_inline(c) for c in row.iter("cell")) for row in element.iter("row")]
            block = "\n".join(row for row in rows if row.strip(" |"))
        elif tag in ("graphic", "comments"):
            continue
        else:
            block = _inline(element)
        if block.strip():
            paragraphs.append(block)
    return paragraphs


def _inline(element: Any) -> str:
    """Text of one block as a reader sees it: spaces collapsed, <lb/> kept as a line break."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)

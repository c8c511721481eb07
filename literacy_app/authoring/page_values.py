"""One value as a news page writes it, read into the form a lesson's attribution uses: a
person's name from a byline or author field, a calendar date, a licence, an address.

Pages write these every which way (a profile link for an author, "Photo by" credits next to
bylines, licences as URLs or in running text); each reader here returns "" for anything that
is not clearly the value asked for, so a wrong guess never reaches the attribution.
"""

from __future__ import annotations

import datetime
import re

MAX_NAME_CHARS = 80

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


def unique_names(names: list[str]) -> list[str]:
    """Each name once, as first spelled: pages list an author in several places."""
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


def licence_link(href: str) -> str:
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

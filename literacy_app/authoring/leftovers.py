"""Site text left in an imported article: removed when it is surely not the article, flagged
when it may not be, and credit lines read for the attribution.

The rule is never to cut a sentence of the article: only whole lines are judged, only short
ones, and only by how they begin ("Read more:", "Advertisement", "Photo: ...") or by a form no
prose has ("© 2023 The Gazette"). A sentence that merely mentions reading more or copyright
is prose. A line that only might be site text stays, with a note naming it, and the author
decides. Credit lines about the article itself ("This article originally appeared in ...")
are kept in the text (some licences require them) and their source goes to the attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from literacy_app.core.text import normalize
from literacy_app.i18n import _, ngettext

from .page_metadata import clean, licence_in_text

MAX_QUOTE = 70  # characters of a line quoted in a note
MAX_LINE_NOTES = 8  # doubtful lines named one by one; more are counted
MAX_LINE_CHARS = 600  # longer lines are paragraphs of prose, never judged as leftovers

_BULLET = re.compile(r"^(?:[•▪◦·*-]|\d+[.)])\s+")
_I = re.IGNORECASE

# (pattern, most words): a line matching one of these, no longer than that, is site text.
_BOILERPLATE: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, _I), words)
    for pattern, words in (
        # adverts and their signposts
        (r"^(?:advertisement|advertisements|advert|ad|sponsored(?: content)?|paid content|"
         r"promoted(?: content)?|story continues below(?: advertisement)?|article continues "
         r"(?:below|after (?:the )?advertisement)(?: advertisement)?|continue reading(?: below)?|"
         r"scroll (?:down )?to continue(?: (?:with|reading) (?:content|the article))?|"
         r"skip advert(?:isement)?|supported by)\W*$", 6),
        # links to other articles
        (r"^(?:read more|read next|read also|also read|more to read|related|related articles?|"
         r"related stories|related content|see also|more on this(?: story)?|recommended"
         r"(?: reading| for you)?|most read|most popular|you (?:might|may) also like|"
         r"don['’]t miss|trending|editor['’]s picks?|top stories|more from [^:]{1,40})"
         r"\s*(?:[:：|»>–—]|-\s)\s*\S.*$", 25),
        (r"^(?:read more|read next|read also|also read|related(?: articles| stories)?|"
         r"see also|more on this(?: story)?|recommended(?: reading)?|most read|most popular|"
         r"you (?:might|may) also like|read the full (?:story|article)|keep reading)\W*$", 6),
        # newsletters, letters, sharing, following
        (r"^(?:(?:sign|signing) up|subscribe|register|get|join|want)\b.*\bnewsletters?\b", 40),
        (r"^.*\bnewsletters?\b.*\b(?:sign up|subscribe|inbox)\b.*$", 30),
        (r"^(?:submit|send|write|email)\b.{0,80}\bletters?\b", 40),
        (r"^(?:do you want to|want to|would you like to|do you have|have) (?:submit |write |"
         r"send )?(?:a letter|an opinion|a view|your say|something to say)\b.*"
         r"\b(?:letters?|submit|write to us|email us|get in touch)\b", 40),
        (r"^(?:share|share this(?: article| story| page)?|share on [\w ]{1,20}|tweet(?: this)?|"
         r"email(?: this)?(?: story| article)?|copy link|link copied|print(?: this)?"
         r"(?: article| story)?|save(?: article| story| for later)?|gift (?:this )?article)"
         r"\W*$", 6),
        (r"^follow (?:us|@|[\w .]{1,40} on (?:twitter|x|facebook|instagram|tiktok|threads|"
         r"bluesky|linkedin|youtube))\b", 25),
        (r"^click here\b", 25),
        (r"^(?:listen to (?:this )?(?:article|story)|\d+\s*min(?:ute)?s? read)\b.{0,40}$", 10),
        (r"^(?:\d+\s+)?comments?\W*$", 3),
        (r"^(?:leave|post|add|view|show|read|join) (?:a |the |all )?(?:\d+ )?comments?\b", 10),
        (r"^(?:tags|topics|filed under|categories|more about)\s*:", 30),
        # photo credits and captions carrying one
        (r"^(?:main |top |lead |header |featured )?(?:photo|photograph|photos|image|picture|"
         r"pic|illustration|graphic|video|credit|image credit|photo credit|photo illustration)"
         r"s?\s*[:：|]\s*\S.*$", 20),
        (r"^(?:photo|photograph|image|illustration|pictures?)\s+(?:by|courtesy of)\s+\S.*$", 15),
        (r"^.{0,300}[(\[]\s*(?:photo(?:graph)?:?\s*)?(?:[\w .'’-]{1,40}/)?(?:getty images|"
         r"ap photo|ap|reuters|afp(?: via getty images)?|shutterstock|alamy|pa(?: media| wire)?|"
         r"epa(?:-efe)?|istock(?:photo)?|bloomberg|supplied|file photo|handout)"
         r"(?:/[\w .'’-]{1,40})?\s*[)\]]\.?$", 40),
        (r"^(?:getty images|ap photo|reuters|afp|shutterstock|alamy|pa media|istock)"
         r"(?:\s*/\s*[\w .'’-]{1,40})?\.?$", 8),
        # copyright lines
        (r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))", 30),
        (r"^.{0,120}\ball rights reserved\b.{0,60}$", 20),
    )
)  # fmt: skip

# Lines that may be site text: named in a note, left in the text.
_DOUBTFUL = re.compile(
    r"^(?:watch|listen|video|pictured|above|below|top|left|right|caption|editor['’]s note|"
    r"correction|update|updated|disclosure|read more|subscribe|sign up|support|donate|"
    r"become a (?:member|subscriber|supporter)|download|get the app|already a subscriber|"
    r"log ?in|sign in|more:)\b",
    _I,
)
_DOUBTFUL_ANYWHERE = re.compile(
    r"\b(?:read more|newsletter|subscribe|sign up|click here|follow us|our app|privacy policy|"
    r"terms (?:and|&) conditions|cookies?|advertisement|getty images|all rights reserved|"
    r"copyright|©)\b",
    _I,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")

_SOURCE_TAIL = re.compile(
    r"\s+(?:on|in)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\b.*$|\s+(?:on|in)\s+\d.*$|\s+under\b.*$|\s+and\s+(?:is|has been|was)\b.*$"
    r"|\s+(?:on|at)\s+(?:https?://|www\.).*$|,.*$|\s*[(;:].*$|\.\s.*$|[.!]$",
    _I,
)
_ORIGINAL = tuple(
    re.compile(pattern, _I)
    for pattern in (
        r"\b(?:originally|first)\s+(?:appeared|published|ran|posted|printed)(?:\s+online)?"
        r"\s+(?:on|in|at|by|with)\s+(?P<source>.+)",
        r"\b(?:appeared|was published|ran)\s+(?:originally|first)\s+(?:on|in|at|by)"
        r"\s+(?P<source>.+)",
        r"\brepublished\s+(?:here\s+)?(?:from|with permission (?:from|of))\s+(?P<source>.+)",
        r"\breprinted\s+(?:here\s+)?(?:from|with permission (?:from|of))\s+(?P<source>.+)",
        r"\bA version of this (?:article|story|piece|essay|column|post) (?:first |originally )?"
        r"(?:appeared|was published|ran) (?:on|in|at)\s+(?P<source>.+)",
    )
)
_CREDIT_START = re.compile(
    r"^(?:this|the|a version of this) (?:article|story|piece|essay|column|post|interview|"
    r"report)\b|^(?:originally|first) (?:published|appeared)|^republished|^reprinted|"
    r"^(?:this work|this article|text) is licen[cs]ed|^licen[cs]ed under",
    _I,
)


@dataclass
class Sorted:
    """An article's paragraphs after the leftovers were taken out, and what was found."""

    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    doubtful: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # lines kept in the text, read for credit
    original: str = ""
    licence: str = ""


def _words(line: str) -> int:
    return len(line.split())


def is_boilerplate(line: str) -> bool:
    """Whether a whole line is surely site text (an advert label, a link, a credit, ©...)."""
    if len(line) > MAX_LINE_CHARS:
        return False
    text = _BULLET.sub("", clean(line))
    if not text or is_credit_line(text):
        return False
    words = _words(text)
    return any(words <= most and pattern.match(text) for pattern, most in _BOILERPLATE)


def is_doubtful(line: str) -> bool:
    """Whether a line may be site text: it begins like it, or names site furniture and is no
    sentence (a sentence mentioning a newsletter or copyright is the article's)."""
    if len(line) > MAX_LINE_CHARS:
        return False
    text = _BULLET.sub("", clean(line))
    if not text or _words(text) > 40 or is_credit_line(text):
        return False
    if _DOUBTFUL.match(text):
        return True
    return bool(_DOUBTFUL_ANYWHERE.search(text)) and not _SENTENCE_END.search(text)


def original_source(line: str) -> str:
    """The publication a credit line names: "This article originally appeared in Grist." ->
    "Grist"; "" when the line names none."""
    if len(line) > MAX_LINE_CHARS:
        return ""
    text = clean(line)
    for pattern in _ORIGINAL:
        match = pattern.search(text)
        if match:
            source = _SOURCE_TAIL.sub("", match.group("source")).strip(" \"'“”‘’.,")
            source = re.sub(r"^(?:the website|the site|the magazine|the newspaper)\s+", "", source)
            if source and len(source) <= 80 and _words(source) <= 10:
                return source
    return ""


def is_credit_line(line: str) -> bool:
    """A short line crediting the article itself: where it first appeared, or its licence."""
    if len(line) > MAX_LINE_CHARS:
        return False
    text = clean(line)
    if _words(text) > 60 or not _CREDIT_START.match(_BULLET.sub("", text)):
        return False
    return bool(original_source(text) or licence_in_text(text))


def sort_leftovers(paragraphs: list[str], remove: bool, skip_first: bool = False) -> Sorted:
    """Take out (`remove`) or only flag the lines that are site text, and read credit lines.

    With `remove` False (a pasted or hand-made text, which the author chose) nothing is taken
    out: what would have been is flagged instead. `skip_first` spares the headline.
    """
    result = Sorted(paragraphs=[])
    for index, paragraph in enumerate(paragraphs):
        kept: list[str] = []
        for line in paragraph.split("\n"):
            if skip_first and index == 0:
                kept.append(line)
                continue
            if is_credit_line(line):
                result.credits.append(line)
                result.original = result.original or original_source(line)
                result.licence = result.licence or licence_in_text(line)
            elif is_boilerplate(line):
                if remove:
                    result.removed.append(line)
                    continue
                result.doubtful.append(line)
            elif is_doubtful(line):
                result.doubtful.append(line)
            kept.append(line)
        if any(line.strip() for line in kept):
            result.paragraphs.append("\n".join(kept))
    return result


def quote(line: str) -> str:
    text = clean(line)
    return "“" + (text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…") + "”"


def line_notes(text: str, sorted_: Sorted) -> list[str]:
    """Notes for the author, doubtful lines by their line number in `text`."""
    notes: list[str] = []
    if sorted_.removed:
        shown = "; ".join(quote(line) for line in sorted_.removed[:5])
        count = len(sorted_.removed)
        more = count - 5
        if more > 0:
            note = _(
                "Removed {count} lines of site text: {lines} and {more} more. Put back any that "
                "belong to the article."
            )
        else:
            note = ngettext(
                "Removed {count} line of site text: {lines}. Put back any that belong to the "
                "article.",
                "Removed {count} lines of site text: {lines}. Put back any that belong to the "
                "article.",
                count,
            )
        notes.append(note.format(count=count, lines=shown, more=more))
    lines = text.split("\n")
    start = 0
    for count, line in enumerate(sorted_.doubtful):
        if count == MAX_LINE_NOTES:
            rest = len(sorted_.doubtful) - MAX_LINE_NOTES
            notes.append(
                ngettext(
                    "{count} more line may be site text too.",
                    "{count} more lines may be site text too.",
                    rest,
                ).format(count=rest)
            )
            break
        number = _find_line(lines, line, start)
        if number is not None:
            start = number + 1
        if number is not None:
            note = _(
                "Line {number} may be site text, not the article: {line}. Remove it if so."
            ).format(number=number + 1, line=quote(line))
        else:
            note = _("A line may be site text, not the article: {line}. Remove it if so.").format(
                line=quote(line)
            )
        notes.append(note)
    return notes


def _find_line(lines: list[str], wanted: str, start: int) -> int | None:
    target = normalize(wanted).strip()
    for number in range(start, len(lines)):
        if lines[number].strip() == target:
            return number
    for number in range(len(lines)):
        if lines[number].strip() == target:
            return number
    return None

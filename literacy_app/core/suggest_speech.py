"""Whose words are these? Titles and attributed quotations, so suggestions keep to the writer's.

On real pages most false alarms sat inside someone else's words: film and song titles in
quotation marks taken for scare quotes, a named source's "slow-motion eviction" taken for the
writer's loaded language, "nobody told us anything" in a commuter's mouth taken for the writer's
exaggeration. A key marks the writer's framing; what a named source says in quotation marks is
reported, and the reader can weigh it knowing who said it.

So each quotation in the text is classified once:

* **title**: a quoted name of a work ("the series “Northern Lights”", a Title Case phrase such as
  “The Long Winter”, or `*Italic Title*` markers from Markdown);
* **named**: attributed to a speaker the reader can identify ("said Dana Okoro", "she said",
  "the agency says its offer was “fair”", or a quotation that continues such a one);
* **unnamed**: attributed to someone the reader cannot identify ("said one, who did not give
  her name", "one academic told the authors ..."); the attribution is then itself a device,
  found by the vague-attribution rules, and claims inside the quotation stay unsupported;
* **free**: nobody is quoted; such quotation marks are the writer's own (scare quotes).

Rules say with their `quoted` field what happens to a match inside a quotation; see Rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from literacy_app.core.suggest_text import Text

TITLE, NAMED, UNNAMED, FREE = "title", "named", "unnamed", "free"
_LONGEST = 600  # characters: a longer "quotation" is an unpaired mark, not a quotation

_QUOTATION = re.compile(
    rf"“[^“”\n]{{1,{_LONGEST}}}”|\"[^\"\n]{{1,{_LONGEST}}}\"|‘[^‘\n]{{1,300}}?’(?![^\W_])"
    r"|(?<![\w*])\*(?=[^\W\d_])[^*\n]{1,120}?(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\W\d_])[^_\n]{1,120}?(?<=\S)_(?![\w_])"
)
_SMALL_WORDS = frozenset(
    [
        *("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor"),
        *("of", "on", "or", "over", "per", "the", "to", "up", "via", "with"),
    ]
)
_WORD = re.compile(r"[^\W_][\w'’-]*")

# A work named just before the quotation: "the novel “...”", "whose theme, “...”".
_TITLE_CUE = re.compile(
    r"\b(?:film|films|movie|documentary|series|show|sitcom|drama|miniseries|book|novel|memoir|"
    r"biography|story|song|single|album|record|track|theme|anthem|episode|episodes|podcast|"
    r"play|musical|opera|ballet|poem|essay|column|newsletter|exhibition|exhibit|game|debut|"
    r"sequel|prequel|remake|special|programme|program|headline|slogan|motto|tagline|hashtag|"
    r"titled|entitled|retitled)\s*[,:]?\s*$",
    re.IGNORECASE,
)
# Verbs that introduce reported speech: whatever follows them in the sentence is the speaker's
# ("said rent caps “have failed”", "told me I was “stressed”").
_SAY = (
    r"(?:said|says|say|saying|told|tells|tell|telling|asked|asks|wrote|writes|write|writing|"
    r"added|adds|adding|declared|declares|stated|states|replied|replies|answered|answers|"
    r"explained|explains|insisted|insists|argued|argues|arguing|claimed|claims|claim|claiming|"
    r"noted|notes|warned|warns|warning|admitted|admits|conceded|concedes|complained|complains|"
    r"complaint|complaints|testified|joked|quipped|remarked|recalled|recalls|believes|believed|"
    r"statement|remarks|interview|according\s+to|put\s+it|in\s+the\s+words\s+of)"
)
# Verbs that name something with the speaker's words ("called the measure “a disaster”").
_NAMING = (
    r"(?:(?<!so-)(?<!so\s)called|calls|calling|dubbed|dubs|labell?ed|labels|branded|brands|"
    r"described|describes|describing|termed|nicknamed)"
)
# Verbs that quote only when the quotation follows at once ("tweeted: “...”"); otherwise their
# object may be the writer's own scare quote ("announced a “temporary” closure").
_OTHER = (
    r"(?:tweeted|tweets|posted|posts|announced|announces|promised|promises|pledged|vowed|"
    r"urged|boasted|boasts|praised|condemned|denounced|mocked|chanted|shouted|read|reads)"
)
_SPEECH_BEFORE = re.compile(
    rf"\b{_SAY}\b.*$|\b{_NAMING}\b(?:\s+[\w'’-]+){{0,5}}\s*,?\s*$|\b{_OTHER}\s*[,:]?\s*$|[:,]\s*$",
    re.IGNORECASE,
)
# After the closing mark, speech is punctuated: “...,” she said / “...”, said X. Without the
# comma, “noise study” claimed ... is a scare-quoted subject, not a quotation.
_SPEECH_AFTER = re.compile(
    r"(?:(?<=[,.!?…][”\"’])\s*[,.!?]?|(?<=[”\"’])\s*[,.!?])\s*(?:[\w.'’-]+\s+){0,4}?"
    rf"(?:{_SAY}|{_NAMING}|{_OTHER})\b",
    re.IGNORECASE,
)
_UNNAMED_PEOPLE = (
    r"(?:woman|man|resident|student|senior|junior|nurse|teacher|parent|mother|father|worker|"
    r"source|official|insider|academic|expert|analyst|person|employee|driver|voter|neighbou?r|"
    r"customer|shopper|observer|critic|member|staffer|aide|diplomat|officer|reader|viewer|"
    r"user|commuter|passenger|rider|tenant|owner|local|fan|listener|caller|commenter|"
    r"executive|manager|insider|witness|investor|doctor|scientist|researcher|economist)s?"
)
# Who speaks, in the clause that attributes a quotation. Asked in this order: an explicit
# anonymity ("who asked not to be named", "said one"); a clause opening on an unnamed group
# ("Critics called ..."); a name or a pronoun standing for one; "one/another/a nurse".
_ANONYMOUS = re.compile(
    r"\b(?:said|says|told\s+\w+|added|wrote)\s+(?:one|another)\b"
    r"|\bwho\s+(?:asked|declined|did\s+not|didn't|spoke\s+on|requested|refused|would\s+not)\b"
    r"|\b(?:anonymity|unnamed|anonymous|unidentified|someone|somebody)\b",
    re.IGNORECASE,
)
_UNNAMED_GROUP = re.compile(
    r"^\W*(?:(?:some|many|several|most|other|a\s+few)\s+)?(?:critics|experts|sources|insiders|"
    r"residents|people|observers|officials|analysts|others|some|many|users|viewers|fans|"
    r"parents|commenters|posters|online\s+forums|forums)\b",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"(?-i:\b[A-Z][a-z'’-]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’-]+)|\b(?:he|she|they|i|we)\b",
    re.IGNORECASE,
)
_UNNAMED_PERSON = re.compile(
    r"\b(?:one|another|a|an)\s+(?:[\w-]+\s+){0,2}?" + _UNNAMED_PEOPLE + r"\b", re.IGNORECASE
)


def _speaker(clause: str) -> str:
    """NAMED or UNNAMED, from the words that attribute a quotation."""
    if _ANONYMOUS.search(clause) or _UNNAMED_GROUP.search(clause):
        return UNNAMED
    if _NAMED.search(clause) or not _UNNAMED_PERSON.search(clause):
        return NAMED
    return UNNAMED


_CONTINUATION_GAP = 240  # characters: a quotation this close after an attributed one continues it


@dataclass(frozen=True)
class Quotation:
    """[start, end) including the quotation marks, and whose words they are."""

    start: int
    end: int
    kind: str


def _title_case(inner: str) -> bool:
    """'The Long Winter', 'Midnight at the Pier': every word that is not a small word starts
    with a capital. A quotation ending in , . ! ? inside its marks is speech, not a title."""
    stripped = inner.strip()
    if not stripped or stripped[-1] in ",.!?;:":
        return False
    words = _WORD.findall(stripped)
    if not words or not words[0][0].isupper() or len(words) > 12:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def _heading(text: str, start: int, end: int) -> bool:
    """Whether the line around a quotation is itself in Title Case (a headline), where a
    capitalised quotation says nothing about being a title."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:start] + " " + text[end : len(text) if line_end < 0 else line_end]
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


class Speech:
    """The quotations of one text, classified on first use (most texts need few of them)."""

    def __init__(self, doc: Text) -> None:
        self.doc = doc
        found = [(m.start(), m.end()) for m in _QUOTATION.finditer(doc.text)]
        self._spans = found
        self._starts = [start for start, _ in found]
        self._kinds: dict[int, str] = {}

    def policy_allows(self, start: int, end: int, quoted: str) -> bool:
        """Whether a match [start, end) may stand under a rule's `quoted` policy."""
        if quoted == "keep" or not self._spans:
            return True
        kind = self.kind_around(start, end)
        if kind is None or kind == FREE:
            return True
        return quoted == "unnamed" and kind == UNNAMED

    def kind_around(self, start: int, end: int) -> str | None:
        """The kind of a quotation holding [start, end): an attributed or title one wins over a
        free one around or inside it; None when no quotation holds the span."""
        index = bisect.bisect_right(self._starts, start) - 1
        kind = None
        # Quotations may nest (‘...’ inside “...”): look at the few that start before the match.
        for number in range(index, max(-1, index - 4), -1):
            q_start, q_end = self._spans[number]
            if q_start <= start and end <= q_end:
                found = self._kind(number)
                if found != FREE:
                    return found
                kind = FREE
        return kind

    def quotations(self) -> list[Quotation]:
        return [Quotation(s, e, self._kind(n)) for n, (s, e) in enumerate(self._spans)]

    def _kind(self, number: int) -> str:
        kind = self._kinds.get(number)
        if kind is None:
            kind = self._kinds[number] = self._classify(number)
        return kind

    def _classify(self, number: int) -> str:
        text = self.doc.text
        start, end = self._spans[number]
        inner = text[start + 1 : end - 1]
        sentence_start, sentence_end = self.doc.sentence(start, end)
        line_start = text.rfind("\n", 0, start) + 1
        sentence_start = max(sentence_start, line_start)
        before = text[sentence_start:start]
        if _TITLE_CUE.search(text[max(line_start, start - 40) : start]):
            return TITLE
        if text[start] in "*_":
            return TITLE if _title_case(inner) else FREE
        after = text[end : max(end, sentence_end)]
        if _SPEECH_AFTER.match(text, end, min(len(text), end + 120)):
            return _speaker(after)
        cased = _title_case(inner) and not before.rstrip().endswith(":")
        if cased and not _heading(text, start, end):
            return TITLE
        if _SPEECH_BEFORE.search(before):
            return _speaker(before)
        return self._continued(number, sentence_start, line_start)

    def _continued(self, number: int, sentence_start: int, line_start: int) -> str:
        """A quotation opening its sentence right after an attributed one in the same paragraph
        is the same speaker going on ("...,” said X. “This is ...”)."""
        start = self._spans[number][0]
        if number == 0 or self.doc.text[sentence_start:start].strip():
            return FREE
        previous_start, previous_end = self._spans[number - 1]
        if previous_start < line_start or start - previous_end > _CONTINUATION_GAP:
            return FREE
        kind = self._kind(number - 1)
        return kind if kind in (NAMED, UNNAMED) else FREE

"""Technique drills: one key item at a time, out of its lesson, named by its category.

Marking a whole article mixes finding a device with naming it; a drill isolates the naming. Its
questions are built from the keys of every lesson (each key item, shown in the sentence around
it) plus a few decoys: fair passages the key marks nothing in, so that "not a device" is a real
answer and not a button that is never right. A session leans towards the categories the learner
misses most and asks a missed question again a little later (simple spaced repetition).

Plain Python: the drill window only shows what this module decides.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from literacy_app.core.lesson import Lesson
from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.core.text import trim_span
from literacy_app.i18n import N_, _

NOT_A_DEVICE = "not-a-device"
NOT_A_DEVICE_NAME = N_("Not a device")  # translated with _() where shown
CONTEXT_LIMIT = 300  # characters of context at most, around the span
CONTEXT_ENOUGH = 160  # a context this long gets no neighbouring sentence added
ITEMS_PER_DECOY = 5
UNKNOWN_MISS_RATE = 0.5  # a category the learner has no record of: as likely missed as not
BASE_WEIGHT = 0.2  # so that a category never missed still comes up now and then
REPEAT_GAP = 3  # a missed question is asked again as the third question after it
MAX_REPEATS = 2  # times one question may come back in a session
DECOY_RATIONALE = N_(
    "The instructor's key marks nothing in this passage: it is here so that you practise "
    "leaving fair writing unmarked. Keys are never complete, though: if you still see a device "
    "here, be ready to say which words persuade, and how."
)

Range = tuple[int, int]


@dataclass(frozen=True)
class DrillItem:
    """One question's material: a passage in its context and the category it is.

    `span` is where the passage sits inside `context` (code points), which is the article's
    sentence(s) around it, shortened with "…" past `CONTEXT_LIMIT`. `palette` (the lesson's
    categories) and `taxonomy` (every category it knows) are where wrong choices come from;
    `also_accept` are categories the key accepts too, so they are never offered as wrong.
    """

    lesson_id: str
    lesson_title: str
    item_id: str  # "" for a decoy
    context: str
    span: Range
    answer: str  # a category id, or NOT_A_DEVICE
    group: str  # Group value: the answer's group; for a decoy the group its choices come from
    rationale: str  # Markdown
    palette: tuple[str, ...] = ()
    also_accept: tuple[str, ...] = ()
    taxonomy: Taxonomy | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def is_decoy(self) -> bool:
        return self.answer == NOT_A_DEVICE

    @property
    def passage(self) -> str:
        return self.context[self.span[0] : self.span[1]]


# --- paragraphs, sentences and context ----------------------------------------------------------

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")  # as gui/feedback.py counts them
_END = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s)")
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "st", "no", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k",
    "jr", "sr", "prof", "gen", "gov", "sen", "rep", "inc", "ltd", "co", "mt", "approx", "fig",
))  # fmt: skip
_WORD = re.compile(r"\S+")


def _paragraphs(text: str) -> list[Range]:
    return [match.span() for match in _PARAGRAPH.finditer(text)]


def _sentences(text: str, start: int, end: int) -> list[Range]:
    """The sentences of text[start:end], each trimmed of surrounding space. A line break ends a
    sentence too (a headline, a post's header line); "Ms." and "p.m." do not."""
    found: list[Range] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start = start + line.start()
        line_text = line.group()
        position = 0
        for match in _END.finditer(line_text):
            before = line_text[position : match.start()].split()
            word = before[-1].lstrip("(“‘\"'").casefold() if before else ""
            following = line_text[match.end() :].lstrip()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if following and (following[0].islower() or following[0].isdigit()):
                continue
            found.append((line_start + position, line_start + match.end()))
            position = match.end()
        found.append((line_start + position, line_start + len(line_text)))
    trimmed = []
    for s, e in found:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


@dataclass(frozen=True)
class _Article:
    """An article's paragraphs and sentences, worked out once for all of its items."""

    text: str
    paragraphs: list[Range]
    sentences: list[tuple[int, Range]]  # (paragraph index, sentence)

    @classmethod
    def of(cls, text: str) -> _Article:
        paragraphs = _paragraphs(text)
        sentences = [
            (index, sentence)
            for index, (start, end) in enumerate(paragraphs)
            for sentence in _sentences(text, start, end)
        ]
        return cls(text, paragraphs, sentences)

    def context(self, span: Range) -> tuple[str, Range]:
        """The sentence(s) holding `span`, with a neighbour or two when they are short, as
        (context, span inside it)."""
        start, end = span
        covering = [i for i, (_, (s, e)) in enumerate(self.sentences) if s < end and start < e]
        if not covering:
            return self._cut(start, end, span)
        first, last = covering[0], covering[-1]
        low = min(start, self.sentences[first][1][0])
        high = max(end, self.sentences[last][1][1])
        for neighbour in (first - 1, last + 1):
            if high - low >= CONTEXT_ENOUGH or not 0 <= neighbour < len(self.sentences):
                continue
            paragraph, (s, e) = self.sentences[neighbour]
            if paragraph != self.sentences[first if neighbour < first else last][0]:
                continue
            if max(high, e) - min(low, s) <= CONTEXT_LIMIT:
                low, high = min(low, s), max(high, e)
        return self._cut(low, high, span)

    def _cut(self, low: int, high: int, span: Range) -> tuple[str, Range]:
        """text[low:high] shortened at word boundaries to about CONTEXT_LIMIT around `span`."""
        start, end = span
        text = self.text
        if high - low > CONTEXT_LIMIT and end - start >= CONTEXT_LIMIT:
            left, right = start, end  # a passage this long is its own context
            prefix, suffix = "…" if left > low else "", "…" if right < high else ""
        elif high - low > CONTEXT_LIMIT:
            room = CONTEXT_LIMIT - (end - start)
            left = max(low, start - room // 2)
            right = min(high, end + room - (start - left))
            left = max(low, start - (room - (right - end)))
            if left > low:  # start at a word: after the first space past the cut
                space = text.find(" ", left, start)
                left = space + 1 if space != -1 else start
            if right < high:
                space = text.rfind(" ", end, right)
                right = space if space != -1 else end
            prefix = "…" if left > low else ""
            suffix = "…" if right < high else ""
        else:
            left, right, prefix, suffix = low, high, "", ""
        context = prefix + text[left:right].replace("\n", " ") + suffix
        offset = len(prefix) - left
        return context, (start + offset, end + offset)


# --- the questions ------------------------------------------------------------------------------


def drill_items(lessons: Sequence[Lesson]) -> list[DrillItem]:
    """Every key item of every lesson with a key, then about one decoy per `ITEMS_PER_DECOY`
    items, lesson by lesson. An item made of parts is asked about as a whole: its span covers
    every part."""
    items: list[DrillItem] = []
    for lesson in lessons:
        if lesson.key is None:
            continue
        text = lesson.article.text
        article = _Article.of(text)
        palette = lesson.palette.ids
        found = []
        for key_item in lesson.key.items:
            span = trim_span(text, key_item.start, key_item.end)
            context, inner = article.context(span)
            group = lesson.taxonomy.group_of(key_item.category)
            found.append(
                DrillItem(
                    lesson.id,
                    lesson.title,
                    key_item.id,
                    context,
                    inner,
                    key_item.category,
                    (group or Group.FRAMING).value,
                    key_item.rationale,
                    palette,
                    tuple(c for c in key_item.also_accept if c != key_item.category),
                    lesson.taxonomy,
                )
            )
        items.extend(found)
        items.extend(_decoys(lesson, article, len(found)))
    return items


_CLAIM_WORDS = re.compile(
    r"\d|\b(?:said|says|say|according|told|reported|report|study|survey|expects|estimated)\b",
    re.IGNORECASE,
)


def _decoys(lesson: Lesson, article: _Article, items: int) -> list[DrillItem]:
    """Passages from paragraphs the key marks nothing in, spread evenly through the article."""
    assert lesson.key is not None
    wanted = round(items / ITEMS_PER_DECOY) or (1 if items else 0)
    marked = [(item.start, item.end) for item in lesson.key.items]
    marked += [(s.start, s.end) for item in lesson.key.items for s in item.spans]
    clean = {
        index
        for index, (start, end) in enumerate(article.paragraphs)
        if not any(s < end and start < e for s, e in marked)
    }
    candidates = []
    for paragraph, (start, end) in article.sentences:
        words = len(_WORD.findall(article.text[start:end]))
        if paragraph in clean and 6 <= words <= 60:
            candidates.append(_phrase(article.text, start, end))
    if not candidates or not wanted:
        return []
    wanted = min(wanted, len(candidates))
    picks = sorted({int((n + 0.5) * len(candidates) / wanted) for n in range(wanted)})
    decoys = []
    for index in picks:
        span = candidates[index]
        context, inner = article.context(span)
        claimish = _CLAIM_WORDS.search(article.text[span[0] : span[1]])
        decoys.append(
            DrillItem(
                lesson.id,
                lesson.title,
                "",
                context,
                inner,
                NOT_A_DEVICE,
                (Group.CLAIM if claimish else Group.FRAMING).value,
                _(DECOY_RATIONALE),
                lesson.palette.ids,
                (),
                lesson.taxonomy,
            )
        )
    return decoys


_CLAUSE_BREAK = re.compile(
    r"([,;:—–()\[\]]|\s-\s|\s(?:and|but|or|which|who|while|because|so|that|when)\s)"
)
_STOP_WORDS = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "as", "is", "was",
))  # fmt: skip


def _phrase(text: str, start: int, end: int) -> Range:
    """A key-item-sized passage of the sentence text[start:end]: its clause of 3 to 14 words
    that looks most like something a device could hide in (a figure or a source, else a name),
    or the sentence itself when short, or its first words up to one that is not a stop word."""
    best: tuple[int, Range] | None = None
    position = start
    for piece in _CLAUSE_BREAK.split(text[start:end]):
        clause = trim_span(text, position, position + len(piece))
        position += len(piece)
        words = _WORD.findall(text[clause[0] : clause[1]])
        if not 3 <= len(words) <= 14:
            continue
        passage = text[clause[0] : clause[1]]
        rank = 2 if _CLAIM_WORDS.search(passage) else int(any(w[:1].isupper() for w in words[1:]))
        if best is None or rank > best[0]:
            best = (rank, clause)
    if best is not None:
        return best[1]
    found = list(_WORD.finditer(text, start, end))
    if len(found) <= 20:
        return trim_span(text, start, end)
    last = 9
    while last > 2 and found[last].group().casefold() in _STOP_WORDS:
        last -= 1
    return trim_span(text, start, found[last].end())


def category_names(lessons: Sequence[Lesson]) -> dict[str, str]:
    """Every category id of `lessons` with its name, and "Not a device": what a drill shows."""
    names = {c.id: c.display_name for lesson in lessons for c in lesson.taxonomy}
    names[NOT_A_DEVICE] = _(NOT_A_DEVICE_NAME)
    return names


def choices(item: DrillItem, taxonomy: Taxonomy, rng: random.Random) -> tuple[str, ...]:
    """The four options of a question, "not a device" always the last.

    The issue asks for "four choices from the same group plus 'not a device'" and "1-4 to
    answer": we read that as four options in all, three categories and then "not a device".
    For a device the three are the right category and two others of its group, from the
    lesson's palette first (the categories the learner met there), then from `taxonomy`, and
    from the other group only when a group is too small; shuffled. For a decoy they are three
    categories of its group. A category the key also accepts is never offered as wrong.
    """
    group = Group(item.group)
    excluded = {item.answer, *item.also_accept, NOT_A_DEVICE}
    wanted = 3 if item.is_decoy else 2
    in_palette = [i for i in item.palette if taxonomy.group_of(i) is group]
    pools = (
        in_palette,
        [c.id for c in taxonomy.in_group(group)],
        [c.id for c in taxonomy if c.group is not group],
    )
    others: list[str] = []
    for pool in pools:
        fresh = [i for i in dict.fromkeys(pool) if i not in excluded and i not in others]
        others += rng.sample(fresh, min(len(fresh), wanted - len(others)))
        if len(others) == wanted:
            break
    options = others if item.is_decoy else [item.answer, *others]
    rng.shuffle(options)
    return (*options, NOT_A_DEVICE)


# --- a session ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    item: DrillItem
    choices: tuple[str, ...]
    number: int  # 1-based, counting repeats
    repeat: bool  # asked before in this session, and missed


@dataclass(frozen=True)
class Feedback:
    right: bool
    answer: str  # the right choice
    rationale: str  # Markdown
    chosen: str = ""


@dataclass(frozen=True)
class DrillSummary:
    """How a session went. `first_time_right` of `fresh` counts each question's first asking;
    `right` of `asked` counts repeats too. `per_category` is answer category -> (right, wrong);
    `to_practise` are the categories with a wrong answer, most often wrong first."""

    right: int
    asked: int
    first_time_right: int
    fresh: int
    per_category: Mapping[str, tuple[int, int]]
    to_practise: tuple[str, ...]


@dataclass
class _Repeat:
    due: int  # the question number (0-based) from which it may be asked
    index: int
    times: int  # how often it has come back, this one included


class DrillSession:
    """`length` fresh questions, plus a repeat of each missed one.

    A fresh question is drawn with weight `BASE_WEIGHT` + the miss rate of its answer's
    category (`miss_rates` holds 0..1 per category id, "not-a-device" included; a category
    it lacks counts `UNKNOWN_MISS_RATE`), among the items not yet asked in the session (all of
    them again once every one was). A missed question comes back as the `REPEAT_GAP`th
    question after it, and again if missed again, `MAX_REPEATS` times at most. Repeats do not
    count toward `length`: after the last fresh question the repeats still due are asked, so a
    session of 10 ends with 10 to 30 questions (10 to 13 for a learner who misses three). The
    same item is never asked twice in a row: when it is the only one free, a waiting repeat
    comes early instead, and a repeat that would follow its own question at the very end is
    dropped (the summary still lists its category). Only a single item is asked again and again.
    """

    def __init__(
        self,
        items: Sequence[DrillItem],
        miss_rates: Mapping[str, float],
        length: int = 10,
        seed: int | None = None,
    ) -> None:
        self.items = tuple(items)
        self.miss_rates = dict(miss_rates)
        self.length = max(0, length) if self.items else 0
        self._rng = random.Random(seed)
        self._weights = [BASE_WEIGHT + self._rate(item.answer) for item in self.items]
        self._fresh = 0
        self._asked_items: set[int] = set()
        self._repeats: list[_Repeat] = []
        self._history: list[tuple[Question, Feedback]] = []
        self._repeats_made = 0
        self._last: int | None = None
        self._current: tuple[int, Question] | None = None
        self._times = 0  # how often the current question has come back
        self._feedback: Feedback | None = None
        self._next()

    def _rate(self, category: str) -> float:
        rate = self.miss_rates.get(category, UNKNOWN_MISS_RATE)
        if not isinstance(rate, int | float) or math.isnan(rate):
            return UNKNOWN_MISS_RATE
        return min(1.0, max(0.0, float(rate)))

    @property
    def done(self) -> bool:
        return self._current is None

    @property
    def total(self) -> int:
        """How many questions the session has as things stand: grows with each miss."""
        return self.length + self._repeats_made

    @property
    def feedback(self) -> Feedback | None:
        """The current question's feedback once it is answered, else None."""
        return self._feedback

    def current(self) -> Question | None:
        return self._current[1] if self._current else None

    def answer(self, choice: str) -> Feedback:
        if self._current is None:
            raise ValueError("the drill is over: there is no question to answer")
        if self._feedback is not None:
            raise ValueError("this question is already answered: advance to the next")
        index, question = self._current
        if choice not in question.choices:
            raise ValueError(f"{choice!r} is not one of the choices {question.choices}")
        item = question.item
        right = choice == item.answer
        self._feedback = Feedback(right, item.answer, item.rationale, choice)
        self._history.append((question, self._feedback))
        if not right and self._times < MAX_REPEATS:
            due = len(self._history) - 1 + REPEAT_GAP
            self._repeats.append(_Repeat(due, index, self._times + 1))
            self._repeats_made += 1
        return self._feedback

    def advance(self) -> None:
        if self._current is not None and self._feedback is None:
            raise ValueError("answer the question before moving on")
        self._next()

    def _next(self) -> None:
        self._feedback = None
        number = len(self._history)
        due = [r for r in self._repeats if r.due <= number and r.index != self._last]
        if not due and self._fresh >= self.length:  # only repeats left: ask them now
            due = [r for r in self._repeats if r.index != self._last]
            if not due:
                self._repeats_made -= len(self._repeats)  # the same item twice in a row
                self._repeats.clear()
        fresh = self._pick() if not due and self._fresh < self.length else None
        if fresh is None and not due and self._fresh < self.length:
            # Only the item just asked is free: a repeat comes early rather than it again.
            due = [r for r in self._repeats if r.index != self._last]
        if due:
            repeat = min(due, key=lambda r: r.due)
            self._repeats.remove(repeat)
            self._ask(repeat.index, number, repeat.times)
        elif self._fresh < self.length:
            self._fresh += 1
            self._ask(fresh if fresh is not None else self._last or 0, number, 0)
        else:
            self._current = None

    def _pick(self) -> int | None:
        """A fresh item, by weight, never the one just asked; None when that is the only one
        free (the others are waiting to be asked again)."""
        waiting = {r.index for r in self._repeats}
        everything = range(len(self.items))
        pool = [i for i in everything if i not in self._asked_items and i not in waiting]
        if not pool:
            self._asked_items.clear()
            pool = [i for i in everything if i not in waiting]
        pool = [i for i in pool if i != self._last]
        if not pool:
            return None
        return self._rng.choices(pool, [self._weights[i] for i in pool])[0]

    def _ask(self, index: int, number: int, times: int) -> None:
        item = self.items[index]
        taxonomy = item.taxonomy or Taxonomy(())
        question = Question(item, choices(item, taxonomy, self._rng), number + 1, times > 0)
        self._asked_items.add(index)
        self._last = index
        self._times = times
        self._current = (index, question)

    def summary(self) -> DrillSummary:
        per: dict[str, list[int]] = {}
        for question, feedback in self._history:
            tally = per.setdefault(question.item.answer, [0, 0])
            tally[0 if feedback.right else 1] += 1
        first = [f for q, f in self._history if not q.repeat]
        ranked = sorted(
            (c for c, (_, wrong) in per.items() if wrong),
            key=lambda c: (-per[c][1] / sum(per[c]), -per[c][1]),
        )
        return DrillSummary(
            right=sum(1 for _, f in self._history if f.right),
            asked=len(self._history),
            first_time_right=sum(1 for f in first if f.right),
            fresh=len(first),
            per_category={c: (r, w) for c, (r, w) in per.items()},
            to_practise=tuple(ranked),
        )

    def again(self, miss_rates: Mapping[str, float] | None = None) -> DrillSession:
        """A new session on the same items and length. Without `miss_rates`, this session's
        answers are folded into the old rates (each old rate counting as four answers), so the
        categories just missed come up more."""
        if miss_rates is None:
            rates = dict(self.miss_rates)
            for category, (right, wrong) in self.summary().per_category.items():
                old = self._rate(category)
                rates[category] = (old * 4 + wrong) / (4 + right + wrong)
            miss_rates = rates
        return DrillSession(self.items, miss_rates, self.length, self._rng.randrange(2**32))

"""Words for the three hint levels of a keyed lesson, worked out from the learner's marks.

A learner stuck without a teacher needs a nudge that is smaller than the answer: first how many
passages are still to find, then where, then what one of them is. Each level is what the
lesson's author wrote for it when they did (author hint N is level N), else generated here from
the current marks graded silently against the key. Nothing here ever quotes a key item or its
rationale: those are the answers, revealed only by Lesson › Show answers or a later attempt.

Plain Python, like gui/feedback.py, so that what each level gives away is tested without Qt.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from literacy_app.core.grade_result import GradeResult, ItemResult, Outcome, SpanRelation
from literacy_app.core.key import KeyItem
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark
from literacy_app.core.prepared_key import PreparedKey
from literacy_app.core.scoring import grade
from literacy_app.core.taxonomy import Group
from literacy_app.gui.feedback import (
    Paragraph,
    article_name,
    framing_devices,
    paragraph_name,
    paragraphs,
    unsupported_claims,
)
from literacy_app.i18n import N_, _, ngettext

LEVELS = 3
TITLES = (N_("How many are left"), N_("Where to look"), N_("One passage to find"))
NOTHING_LEFT = N_(
    "You have found every passage the key asks for. Check your work (Ctrl+Return) to see "
    "your score, and whether each category is right."
)

_NEAR = {
    SpanRelation.TOO_BROAD: N_(
        "your mark there covers much more than the words that do the work"
    ),
    SpanRelation.TOO_NARROW: N_("your mark there covers only part of the passage"),
    SpanRelation.OVERLAP: N_("your mark there only partly overlaps the passage"),
}
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class LadderHint:
    level: int
    title: str
    text: str  # Markdown
    item_id: str | None = None  # the key item level 3 points at


def ladder(lesson: Lesson) -> list[tuple[str, str | None]]:
    """(title, author's Markdown or None when generated) for each hint level, in order.

    A keyed lesson has three levels (more when its author wrote more hints: those follow as
    further levels, always the author's); a lesson without a key has its author's hints only,
    since nothing can be generated without one."""
    author = lesson.text.hints
    if not lesson.has_key:
        return [(hint.title, hint.body) for hint in author]
    levels: list[tuple[str, str | None]] = []
    for index in range(max(LEVELS, len(author))):
        if index < len(author):
            levels.append((author[index].title, author[index].body))
        else:
            levels.append((_(TITLES[index]), None))
    return levels


def generated_hint(
    level: int,
    lesson: Lesson,
    prepared: PreparedKey,
    marks: Sequence[Mark],
    already_pointed: Sequence[str] = (),
) -> LadderHint:
    """Hint `level` (1-3) for `marks`. Level 3 points at the first unfound item in reading
    order that is not in `already_pointed` (item ids), or the first again once all were."""
    if not 1 <= level <= LEVELS:
        raise ValueError(f"hint levels are 1 to {LEVELS}, not {level}")
    unfound = _unfound(prepared, grade(prepared, marks))
    title = _(TITLES[level - 1])
    if not unfound:
        return LadderHint(level, title, _(NOTHING_LEFT))
    if level == 1:
        return LadderHint(level, title, _how_many(prepared, unfound))
    places = _places(lesson, [item for item, _result in unfound])
    if level == 2:
        return LadderHint(level, title, _where(prepared, unfound, places))
    return _one(lesson, prepared, unfound, places, already_pointed)


def _unfound(prepared: PreparedKey, result: GradeResult) -> list[tuple[KeyItem, ItemResult]]:
    """Required items neither found nor found with another category, in reading order."""
    results = {r.item_id: r for r in result.items}
    in_order = sorted(range(len(prepared.items)), key=lambda i: (prepared.spans[i], i))
    return [
        (item, results[item.id])
        for item in (prepared.items[i] for i in in_order)
        if item.required and results[item.id].outcome in (Outcome.MISSED, Outcome.IMPRECISE)
    ]


def _group(prepared: PreparedKey, item: KeyItem) -> Group:
    return prepared.taxonomy.group_of(item.category) or Group.FRAMING


def _how_many(prepared: PreparedKey, unfound: list[tuple[KeyItem, ItemResult]]) -> str:
    lines = [_("Your marks so far against the key (bonus passages not counted):"), ""]
    for group in (Group.FRAMING, Group.CLAIM):
        results = [r for item, r in unfound if _group(prepared, item) is group]
        label = group.display_label
        if not results:
            lines.append(_("- **{group}:** none left to find.").format(group=label))
            continue
        near = sum(1 for r in results if r.outcome is Outcome.IMPRECISE)
        if not near:
            line = _("- **{group}:** {count} still to find.")
        elif len(results) > 1:
            line = _(
                "- **{group}:** {count} still to find ({near} of them marked already, but not "
                "on quite the right words)."
            )
        else:
            line = _(
                "- **{group}:** {count} still to find ({near} of it marked already, but not "
                "on quite the right words)."
            )
        lines.append(line.format(group=label, count=len(results), near=near))
    return "\n".join(lines)


def _places(lesson: Lesson, items: list[KeyItem]) -> dict[str, Paragraph]:
    """Each item's paragraph, named as a reader counts them."""
    found = paragraphs(lesson.article.text, lesson.article.title)
    starts = [p.start for p in found]
    whole = Paragraph(0, len(lesson.article.text), article_name())
    return {
        item.id: found[max(0, bisect.bisect_right(starts, item.start) - 1)] if found else whole
        for item in items
    }


def _number_of(name: str) -> str | None:
    """The number in a paragraph's name ("paragraph 3" -> "3") when it is one, in whatever
    language the names were made in; None for "the headline" and "the article"."""
    found = _NUMBER.search(name)
    if found is None or paragraph_name(int(found.group())) != name:
        return None
    return found.group()


def spoken_list(names: Sequence[str]) -> str:
    """ "the headline and paragraphs 2, 5 and 7": paragraph names joined as a reader says them."""
    numbers = [number for number in map(_number_of, names) if number is not None]
    parts = [name for name in names if _number_of(name) is None]
    if numbers:
        parts.append(
            ngettext("paragraph {numbers}", "paragraphs {numbers}", len(numbers)).format(
                numbers=_and(numbers)
            )
        )
    return _and(parts)


def _and(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])


def _where(
    prepared: PreparedKey,
    unfound: list[tuple[KeyItem, ItemResult]],
    places: dict[str, Paragraph],
) -> str:
    by_place: dict[Paragraph, list[KeyItem]] = {}
    for item, _result in unfound:
        by_place.setdefault(places[item.id], []).append(item)
    places_named = spoken_list([p.name for p in by_place])
    lines = [_("Read {places} again: the passages left are there.").format(places=places_named)]
    for place, items in by_place.items():
        framing = sum(1 for item in items if _group(prepared, item) is Group.FRAMING)
        kinds = []
        if framing:
            kinds.append(framing_devices(framing))
        if len(items) - framing:
            kinds.append(unsupported_claims(len(items) - framing))
        lines.append(
            _("- **{place}:** {kinds}").format(
                place=place.name[:1].upper() + place.name[1:], kinds=", ".join(kinds)
            )
        )
    return "\n".join(lines)


def _one(
    lesson: Lesson,
    prepared: PreparedKey,
    unfound: list[tuple[KeyItem, ItemResult]],
    places: dict[str, Paragraph],
    already_pointed: Sequence[str],
) -> LadderHint:
    fresh = [(item, r) for item, r in unfound if item.id not in already_pointed]
    item, result = (fresh or unfound)[0]
    category = prepared.taxonomy.get(item.category)
    name = category.display_name if category else item.category
    where = places[item.id].name
    lines = [
        _("There is a passage of **{category}** still to find in {where}.").format(
            category=name, where=where
        )
    ]
    if category is not None and category.definition:
        lines.append(
            _("*{category}:* {definition}").format(
                category=name, definition=category.display_definition
            )
        )
    if result.outcome is Outcome.IMPRECISE and result.relation in _NEAR:
        lines.append(_("You are close: {how}.").format(how=_(_NEAR[result.relation])))
    if item.hint and not any(q.casefold() in item.hint.casefold() for q in item.quotes):
        # never one that quotes the answer
        lines.append(_("**A question to ask:** {hint}").format(hint=item.hint))
    if not fresh:
        lines.append(
            _("(You have had a pointer to every passage left: this one is still there.)")
        )
    return LadderHint(LEVELS, _(TITLES[LEVELS - 1]), "\n\n".join(lines), item.id)

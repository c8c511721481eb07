"""How far a class agrees: Krippendorff's alpha (nominal) over the article's characters, among
students and between students and the key. The slowest class statistic, so windows may show
the class first and this figure a moment later (`pending_agreement`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from literacy_app.core.coding import (
    ClassRuns,
    Coding,
    Tally,
    class_runs,
    code_marks,
    key_tables,
    tally,
)
from literacy_app.core.key import AnswerKey
from literacy_app.core.marked import Marked
from literacy_app.i18n import _

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True)
class Agreement:
    """Krippendorff's alpha (nominal) over the characters of the article.

    `among_students`: how far students agree with one another. `with_key`: how far students
    agree with the key, pooled over the class (every student paired with the key);
    `with_key_by_student[i]` is that figure for the i-th mark set alone. None where alpha is
    undefined: fewer than two coders, or every unit has the same value (nobody marked
    anything), so there is no disagreement that chance could explain.
    """

    units: str
    unit_count: int
    students: int
    among_students: float | None
    with_key: float | None
    with_key_by_student: tuple[float | None, ...]
    pending: bool = False  # not computed yet (`review_of(..., agreement_later=True)`)


def pending_agreement(students: int) -> Agreement:
    """The stand-in for an agreement still to be computed: a window shows the class first and
    the agreement figure a moment later (it is the slowest statistic: over a second for a
    district's class)."""
    return Agreement("characters", 0, students, None, None, (), pending=True)


def agreement(
    text_length: int, mark_sets: Sequence[Sequence[Marked]], key: AnswerKey | None
) -> Agreement:
    """Krippendorff's alpha, nominal, among students and between the key and students.

    Units are the article's characters. Each coder (student, or the key) gives each character
    one value: the category of the mark covering it, or "none". Where a coder's marks overlap,
    the innermost mark wins (the shortest; then the earliest; then the smaller category and id),
    so the value does not depend on the order marks were made. Characters nobody marked count
    as agreement on "none"; alpha's chance correction weighs that by how common "none" is, so a
    mostly unmarked text does not inflate the figure.

    Why characters: marks start and end anywhere, so characters are the finest unit on which
    every mark is exact, and a selection one character wider than a classmate's costs one
    character of disagreement, not a whole unit. Word tokens would need the text and a
    tokenizer and would still have to decide about half-covered words; run-length segments as
    units of equal weight would let a one-character jitter count as much as a whole paragraph.
    Characters are still computed fast: every coder's value is constant between two consecutive
    mark boundaries, so the work is done on those run-length segments and each segment counts
    as many times as it has characters, which gives exactly the per-character alpha.

    Among students the coincidence matrix is summed over segments, each weighted by its
    characters (`_coincidences`), then alpha follows from the standard formula
    (`nominal_alpha`). Between the key and each student it comes from the two coders'
    cross-tabulation (`coding.key_tables`). The tests hold both to the `krippendorff`
    package run on per-character data: the package itself works a row per character, which
    cost a 5,000-student review 50 ms that this takes in 2.
    Note that alpha is strict about categories: a category the key merely accepts as an
    alternative still counts as a different value here.
    """
    codings = [code_marks(marks, text_length) for marks in mark_sets]
    key_coding = code_marks([item.mark for item in key.items], text_length) if key else None
    return agreement_with(text_length, codings, key_coding)


def agreement_with(
    text_length: int,
    codings: Sequence[Coding],
    key: Coding | None,
    runs: ClassRuns | None = None,
    counted: Tally | None = None,
) -> Agreement:
    """`agreement` from each student's coding (and the key's): what a class review's worker
    processes send back, so the class-wide step is vectorised. A caller that has already
    flattened the class (`runs`, with the key's values) and tallied it with the key's bounds
    (`counted`) passes them on."""
    if text_length <= 0 or not codings:
        return Agreement("characters", max(text_length, 0), len(codings), None, None, ())
    if runs is None:
        runs = class_runs(codings, text_length, key.values if key is not None else ())
    if counted is None:
        counted = tally(text_length, runs, key.bounds if key is not None else ())
    among = _among_students(counted.counts, counted.lengths, len(codings))
    if key is None:
        return Agreement("characters", text_length, len(codings), among, None, ())
    tables = key_tables(key, runs, text_length)
    return Agreement(
        "characters",
        text_length,
        len(codings),
        among,
        nominal_alpha(tables.pooled()),
        tuple(tables.alphas()),
    )


def _among_students(
    counts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64], coders: int
) -> float | None:
    """Alpha among the students whose value counts per segment are `counts` (segments x
    values), each segment counting as many characters as it has (`lengths`)."""
    if coders < 2:
        return None
    used = counts.sum(axis=0) > 0
    if used.sum() < 2:
        return None
    return nominal_alpha(_coincidences(counts[:, used], lengths))


def _coincidences(
    counts: npt.NDArray[np.int64], weights: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """The coincidence matrix of units with value counts `counts`, each unit counted `weights`
    times: o[c, k] = sum over units of weight * n_c * (n_k - [c == k]) / (m - 1)."""
    import numpy as np

    pairable = counts.sum(axis=1)
    keep = pairable > 1
    counts, weights, pairable = counts[keep], weights[keep], pairable[keep]
    scale = weights / (pairable - 1)
    scaled = counts * scale[:, None]
    result: npt.NDArray[np.float64] = scaled.T @ counts - np.diag(scaled.sum(axis=0))
    return result


def nominal_alpha(coincidences: npt.ArrayLike) -> float | None:
    """Krippendorff's alpha for nominal data from a coincidence matrix (Krippendorff 2011):

        alpha = 1 - (n - 1) * (n - sum_c o[c, c]) / (n^2 - sum_c n_c^2)

    with n_c the row sums and n their total. None when undefined (n < 2, or a single value in
    use so no disagreement is expected by chance).
    """
    import numpy as np

    o = np.asarray(coincidences, dtype=np.float64)
    n_c = o.sum(axis=1)
    n = float(n_c.sum())
    expected = n * n - float((n_c * n_c).sum())
    if n < 2 or expected <= 1e-12 * max(n * n, 1.0):
        return None
    observed = n - float(np.trace(o))
    return 1.0 - (n - 1.0) * observed / expected


def plain_words(alpha: float | None) -> str:
    """What an alpha means, for a tooltip: the scale first, then where this value sits on it.

    The bands follow Krippendorff's advice (0.8 and above: reliable; 0.667 to 0.8: tentative)
    and read the rest as a teacher would: how much of the marking is shared understanding.
    """
    scale = _(
        "1 means students marked the same passages with the same categories; 0 means no more "
        "agreement than chance; below 0 means they disagree more than chance would make them."
    )
    if alpha is None:
        return _(
            "Agreement cannot be measured yet: it needs at least two sets of marks and at "
            "least one marked passage. {scale}"
        ).format(scale=scale)
    if alpha >= 0.8:
        band = _("strong agreement: the class reads this text largely the same way")
    elif alpha >= 0.667:
        band = _("fair agreement: the main passages are shared, some categories or edges differ")
    elif alpha >= 0.4:
        band = _("moderate agreement: students often mark different passages or categories")
    elif alpha > 0.05:
        band = _("weak agreement: most marks are not shared; worth discussing together")
    elif alpha >= -0.05:
        band = _("about chance: the marks have no more in common than random ones would")
    else:
        band = _("below chance: students systematically mark differently")
    return _("Alpha {alpha}, {band}. {scale}").format(alpha=f"{alpha:.2f}", band=band, scale=scale)

"""The RFM segments: one score-to-segment table, the usual R x FM grid of marketing.

Recency (R) runs along the columns, the mean of frequency and monetary (FM) up the rows; each
cell names the segment of the customers whose scores land in it::

    FM 5 | Cannot lose them Cannot lose them Loyal          Loyal               Champions
    FM 4 | At risk          At risk          Loyal          Loyal               Champions
    FM 3 | At risk          At risk          Need attention Potential loyalists Potential loyalists
    FM 2 | Lost             Hibernating      About to sleep Promising           New
    FM 1 | Lost             Hibernating      About to sleep Promising           New
         +-----------------------------------------------------------------------------------------
           R 1              R 2              R 3            R 4                 R 5

``FM = ⌊(F + M) / 2⌋``, the mean of the frequency and monetary scores rounded down, so every
(R, F, M) combination of scores 1-5 lands in exactly one cell, and so in exactly one segment.
The table is data (:data:`GRID`); the engine expression and :func:`segment_of` both read it.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

#: The segments, in the order reports list them, with what they are and what to do.
SEGMENTS: dict[str, str] = {
    "Champions": "bought recently, buy often and spend the most: reward them, ask for reviews",
    "Loyal": "buy often and spend well, fairly recently: upsell, invite to the loyalty program",
    "Potential loyalists": "recent customers with average orders: offer membership, cross-sell",
    "New": "bought for the first time very recently: onboard them well",
    "Promising": "recent buyers who have not spent much yet: build the relationship",
    "Need attention": "average recency, frequency and spend: limited-time offers",
    "About to sleep": "below average and fading: share popular products, reactivate",
    "At risk": "spent well and often, but long ago: personal win-back e-mails",
    "Cannot lose them": "your best buyers once, gone quiet: win them back, talk to them",
    "Hibernating": "low spend, low frequency, long ago: a relevant offer, or let go",
    "Lost": "the lowest scores on everything: only a cheap reactivation campaign",
}

#: Rows: FM score 5 (top) down to 1; columns: R score 1 to 5 (as drawn in the module docs).
GRID: tuple[tuple[str, ...], ...] = (
    ("Cannot lose them", "Cannot lose them", "Loyal", "Loyal", "Champions"),
    ("At risk", "At risk", "Loyal", "Loyal", "Champions"),
    ("At risk", "At risk", "Need attention", "Potential loyalists", "Potential loyalists"),
    ("Lost", "Hibernating", "About to sleep", "Promising", "New"),
    ("Lost", "Hibernating", "About to sleep", "Promising", "New"),
)

SCORES = (1, 2, 3, 4, 5)


def grid_cells() -> dict[tuple[int, int], str]:
    """The grid as ``(r, fm) -> segment``, one entry per cell.

    Examples
    --------
    >>> grid_cells()[(5, 5)], grid_cells()[(1, 1)]
    ('Champions', 'Lost')
    """
    return {(r, 5 - row): GRID[row][r - 1] for row in range(5) for r in SCORES}


def fm_score(f: int, m: int) -> int:
    """The FM score: the mean of the frequency and monetary scores, rounded down.

    Examples
    --------
    >>> fm_score(5, 4), fm_score(2, 3)
    (4, 2)
    """
    return (f + m) // 2


def segment_of(r: int, f: int, m: int) -> str:
    """The segment of a customer with scores ``r``, ``f`` and ``m`` (each 1-5).

    Examples
    --------
    >>> segment_of(5, 5, 4), segment_of(5, 1, 2), segment_of(1, 5, 5)
    ('Champions', 'New', 'Cannot lose them')
    """
    return grid_cells()[(r, fm_score(f, m))]


def segment_expr(r: ir.IntegerValue, f: ir.IntegerValue, m: ir.IntegerValue) -> ir.StringValue:
    """The segment as an engine expression, a CASE built from :data:`GRID`.

    Examples
    --------
    >>> import ibis
    >>> lit = ibis.literal
    >>> segment_expr(lit(4), lit(3), lit(2)).execute()
    'Promising'
    """
    cell = r * 10 + (f + m) // 2  # "54" is R 5, FM 4
    names = {r_ * 10 + fm: name for (r_, fm), name in grid_cells().items()}
    return cell.substitute(names, else_=ibis.null("string"))

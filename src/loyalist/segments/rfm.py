"""RFM: how recently, how often and how much each customer buys, scored 1-5 against the others.

As of a local business date, for every customer with a completed order on or before it:

* ``recency_days`` — days since the last completed order (0: bought that day);
* ``frequency`` — completed orders up to the date;
* ``monetary`` — their **mean** amount (the average order value), so that spend and
  frequency stay two separate signals (the total would count frequency twice).

Each is scored 1-5 by quintile, **5 = best**: most recent (fewest days), most frequent,
highest spend. Scores come from the mid-rank of the customer among all customers:
``score = ⌊5 × (worse + ½ × equal) ÷ customers⌋ + 1``, where ``worse`` counts customers with a
worse value and ``equal`` those with the same value (the customer included). Equal values
therefore always get the same score: a group of ties is placed at its middle. A lone customer,
or a value everyone shares, scores 3. The scores feed the segment grid of
:mod:`loyalist.segments.rfm_rules`. Everything runs in the engine (window functions).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.metrics.periods import day_begins_utc, local_date
from loyalist.segments.rfm_rules import segment_expr

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: The columns of :func:`rfm_scores`, in order.
COLUMNS = (
    "customer_id",
    "recency_days",
    "frequency",
    "monetary",
    "r_score",
    "f_score",
    "m_score",
    "rfm_segment",
)


def rfm_facts(base: CustomerBase, as_of: date) -> ir.Table:
    """Recency, frequency and monetary value per customer as of the local date ``as_of``.

    Only completed orders on or before ``as_of`` count; customers without one get no row.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> rfm_facts(base, date(1997, 12, 31)).columns
    ('customer_id', 'recency_days', 'frequency', 'monetary')
    """
    orders = base.orders
    until = day_begins_utc(as_of + timedelta(days=1), base.timezone)
    orders = orders.filter(
        (orders.status == "completed") & (orders.ordered_at < ibis.literal(until))
    )
    facts = orders.group_by("customer_id").agg(
        last_at=orders.ordered_at.max(),
        frequency=orders.count(),
        monetary=orders.amount.mean(),
    )
    last_day = local_date(facts.last_at, base.timezone)  # local time only for one row each
    recency = ibis.literal(as_of, type="date").delta(last_day, unit="day")
    return facts.select(
        "customer_id", recency_days=recency, frequency="frequency", monetary="monetary"
    )


def quintile_score(value: ir.NumericValue, higher_is_better: bool = True) -> ir.IntegerValue:
    """Score 1-5 by mid-rank quintile among all rows: ties share a score, 5 = best.

    Integer arithmetic only, so a value on a quintile boundary never flips with rounding.

    Examples
    --------
    >>> t = ibis.memtable({"spend": [10, 20, 20, 30, 40]})
    >>> sorted(t.select(s=quintile_score(t.spend)).execute().s)
    [1, 3, 3, 4, 5]
    """
    order = value if higher_is_better else ibis.desc(value)
    worse = ibis.rank().over(order_by=order)  # rows strictly worse (rank is 0-based)
    equal = value.count().over(group_by=value)
    customers = value.count().over()
    return ((5 * (2 * worse + equal)) // (2 * customers) + 1).cast("int64")


def rfm_scores(base: CustomerBase, as_of: date) -> ir.Table:
    """RFM values, scores 1-5 and the named segment of every customer, as of a local date.

    One row per customer with at least one completed order on or before ``as_of``; the
    columns are :data:`COLUMNS`. Scores compare customers with each other (see the module
    docs); the segment comes from the grid of :mod:`loyalist.segments.rfm_rules`.

    Parameters
    ----------
    base
        The customer base.
    as_of
        The local business date the scores are computed at (orders after it are ignored).

    Returns
    -------
    ibis.expr.types.Table
        An expression; execute it (or use ``base.segments()``) to get a DataFrame.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> scores = rfm_scores(base, date(1998, 6, 30)).execute()
    >>> len(scores), scores.r_score.between(1, 5).all()
    (2357, np.True_)
    >>> by_frequency = scores.groupby("frequency").f_score  # equal frequencies, one score
    >>> int(by_frequency.nunique().max()), by_frequency.first().head(3).tolist()
    (1, [2, 3, 4])
    """
    facts = rfm_facts(base, as_of)
    scored = facts.mutate(
        r_score=quintile_score(facts.recency_days, higher_is_better=False),
        f_score=quintile_score(facts.frequency),
        m_score=quintile_score(facts.monetary),
    )
    return scored.mutate(
        rfm_segment=segment_expr(scored.r_score, scored.f_score, scored.m_score)
    ).select(*COLUMNS)

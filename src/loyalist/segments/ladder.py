"""The loyalty ladder: where each customer stands as of a date, how many stand on each rung
per period, and who moved between two dates.

The rungs (``one_time``, ``retained``, ``sticky``, ``loyal``, ``lapsed``) and their rules are
those of DESIGN.md, spelled out in :mod:`loyalist.segments.ladder_rules`. Only customers with
a completed order on or before the date stand on the ladder; in a transition table the
customers who had not bought yet at the first date come from rung ``new``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import ibis.expr.types as ir
import pandas as pd

from loyalist.errors import ConfigError
from loyalist.metrics.context import Context
from loyalist.metrics.engagement_index import period_ends
from loyalist.metrics.spec import Period, Query
from loyalist.segments.ladder_facts import ladder_facts
from loyalist.segments.ladder_rules import FACTS, LEVEL, RUNGS, rung_of

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

NEW = "new"


def rungs_by_period(
    base: CustomerBase, start: date, end: date, period: Period | None = "month"
) -> ir.Table:
    """``period_start, as_of, customer_id, rung`` and the facts, at the end of each period.

    ``as_of`` is the period's last day, or ``end`` for the last period.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> rungs = rungs_by_period(base, date(1997, 1, 1), date(1997, 3, 31)).execute()
    >>> rungs.groupby("as_of").size().tolist()  # everyone acquired by each month end
    [781, 1638, 2357]
    """
    _check_range(start, end)
    ctx = Context(base, Query(period=period), start, end)
    facts = ladder_facts(ctx, period_ends(ctx))
    facts = facts.mutate(rung=rung_of(facts, base.config.ladder))
    return facts.select("period_start", "as_of", "customer_id", "rung", *FACTS)


def ladder_rungs(base: CustomerBase, as_of: date) -> ir.Table:
    """Each customer's rung on the loyalty ladder as of a local date, with the facts behind it.

    One row per customer with a completed order on or before ``as_of``. Columns:
    ``customer_id, rung`` and :data:`loyalist.segments.ladder_rules.FACTS`
    (``active_days_28``, ``latest_nps`` and ``referrals_in_window`` are NULL when the data has
    no events, responses or referrals table).

    Parameters
    ----------
    base
        The customer base (thresholds from ``base.config.ladder`` and
        ``base.config.business.active_window_days``).
    as_of
        The local business date.

    Returns
    -------
    ibis.expr.types.Table
        An expression; ``base.ladder(as_of)`` executes it.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> rungs = ladder_rungs(base, date(1998, 6, 30)).execute()
    >>> rungs.rung.value_counts().to_dict()
    {'lapsed': 1545, 'retained': 583, 'sticky': 229}
    """
    return rungs_by_period(base, as_of, as_of, period=None).drop("period_start", "as_of")


def ladder_counts(
    base: CustomerBase, start: date, end: date, period: Period | None = "month"
) -> pd.DataFrame:
    """Customers on each rung at the end of each period: ``period_start, rung, customers``.

    Every period has a row for every rung (0 when nobody stands on it); the last period is
    counted at ``end``. ``period=None`` counts once, at ``end``.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> counts = ladder_counts(base, date(1997, 1, 1), date(1998, 6, 30), period="year")
    >>> counts[counts.rung == "lapsed"].customers.tolist()  # first orders: Q1 1997
    [0, 1545]
    """
    rungs = rungs_by_period(base, start, end, period)
    counts = rungs.group_by(["period_start", "rung"]).agg(customers=rungs.count()).execute()
    periods = [first for first, _ in Context(base, Query(period=period), start, end).calendar]
    grid = pd.MultiIndex.from_product([periods, RUNGS], names=["period_start", "rung"])
    counts["period_start"] = pd.to_datetime(counts["period_start"]).dt.date
    counts = counts.set_index(["period_start", "rung"])["customers"].reindex(grid, fill_value=0)
    return counts.astype("int64").reset_index()


def ladder_transitions(base: CustomerBase, start: date, end: date) -> pd.DataFrame:
    """How many customers moved from each rung at ``start`` to each rung at ``end``.

    Columns ``from_rung, to_rung, customers``: a row for every pair (0 when nobody moved
    that way). Customers who had no completed order by ``start`` come from ``new``.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> moves = ladder_transitions(base, date(1997, 1, 31), date(1998, 1, 31))
    >>> int(moves[moves.from_rung == "new"].customers.sum())  # acquired in Feb and March 1997
    1576
    """
    _check_range(start, end)
    before = ladder_rungs(base, start).select("customer_id", from_rung="rung")
    after = ladder_rungs(base, end)
    after = after.select(customer=after.customer_id, to_rung=after.rung)
    # Everyone on the ladder at the start is still on it at the end: orders only accumulate.
    joined = after.left_join(before, after.customer == before.customer_id)
    moves = joined.group_by(from_rung=joined.from_rung.fill_null(NEW), to_rung=joined.to_rung)
    counts = moves.agg(customers=joined.count()).execute()
    grid = pd.MultiIndex.from_product([(NEW, *RUNGS), RUNGS], names=["from_rung", "to_rung"])
    counts = counts.set_index(["from_rung", "to_rung"])["customers"].reindex(grid, fill_value=0)
    return counts.astype("int64").reset_index()


def ladder_movement(transitions: pd.DataFrame) -> dict[str, int]:
    """Sum up a transition table: customers who moved ``up``, ``down``, ``stayed``, came
    ``new``, and the ``net`` movement (up − down), using the rung levels of
    :data:`loyalist.segments.ladder_rules.LEVEL` (``lapsed`` lowest, ``loyal`` highest).

    Examples
    --------
    >>> moves = pd.DataFrame({"from_rung": ["one_time", "sticky", "loyal", "new"],
    ...                       "to_rung": ["retained", "sticky", "lapsed", "one_time"],
    ...                       "customers": [5, 7, 2, 4]})
    >>> ladder_movement(moves)
    {'up': 5, 'down': 2, 'stayed': 7, 'new': 4, 'net': 3}
    """
    new = transitions.from_rung == NEW
    before = transitions.from_rung.map(LEVEL)
    after = transitions.to_rung.map(LEVEL)
    customers = transitions.customers
    result = {
        "up": int(customers[~new & (after > before)].sum()),
        "down": int(customers[~new & (after < before)].sum()),
        "stayed": int(customers[~new & (after == before)].sum()),
        "new": int(customers[new].sum()),
    }
    return result | {"net": result["up"] - result["down"]}


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise ConfigError(
            f"the date range ends ({end}) before it starts ({start}); swap --from and --to"
        )

"""Power users (L-ness): customers active on many of the last 7 or 28 days."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.metrics.active_counts import days_per_key, segments_of, window_days
from loyalist.metrics.context import Context, resolve
from loyalist.metrics.registry import metric
from loyalist.metrics.shares import share
from loyalist.metrics.spec import Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

_NULL = ibis.null("float64")
#: Active on at least this many of the last 7 days makes a power user in L7.
L7_THRESHOLD = 4


def _power_users(ctx: Context, window: int, threshold: int) -> ir.Table:
    counts = window_days(ctx, window)
    return share(counts, counts.active_days >= threshold)


_POWER = (
    "Power users: of the customers active in the {w} days up to the period's last day, the "
    "share active on at least {k} of those days. The window may reach back before the start "
    "of the date range."
)


@metric(
    "power_users_l7",
    family="stickiness",
    definition=_POWER.format(w=7, k=L7_THRESHOLD),
    formula=f"count(customers active ≥ {L7_THRESHOLD} of 7 days) / count(active in the 7 days)",
    unit="share",
    higher_is_better=True,
    needs=("events",),
)
def power_users_l7(ctx: Context) -> ir.Table:
    """Share of L7 actives with 4+ active days; Wilson interval; ``n`` = L7 actives."""
    return _power_users(ctx, 7, L7_THRESHOLD)


@metric(
    "power_users_l28",
    family="stickiness",
    definition=_POWER.format(w=28, k="sticky_min_active_days (default 8)")
    + " The threshold is the loyalty ladder's [ladder] sticky_min_active_days.",
    formula="count(customers active ≥ sticky_min_active_days of 28) / count(active in the 28)",
    unit="share",
    higher_is_better=True,
    needs=("events",),
)
def power_users_l28(ctx: Context) -> ir.Table:
    """Share of L28 actives with ``sticky_min_active_days``+ active days; Wilson interval."""
    return _power_users(ctx, 28, ctx.base.config.ladder.sticky_min_active_days)


def power_user_curve(
    base: CustomerBase, window: int = 28, as_of: date | None = None, by: str | None = None
) -> ir.Table:
    """The power-user curve (L7, L28 ...): how many customers were active on exactly k days.

    Over the ``window`` days ending at ``as_of`` (default: the last order day, as for
    :func:`loyalist.metrics.run.compute`), for k = 1 … ``window``, per segment: ``segment,
    active_days, customers, share`` where ``share`` is of the segment's customers active at
    least once in the window (every k is present, with 0 customers where none). Needs events.

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-07"], "amount": [1.0]})
    >>> events = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                        "occurred_at": ["2024-01-05", "2024-01-06", "2024-01-06"]})
    >>> base = CustomerBase.from_frames(orders=orders, events=events)
    >>> curve = power_user_curve(base, window=7).execute()
    >>> curve.customers.tolist(), curve.share.tolist()[:2]
    ([1, 1, 0, 0, 0, 0, 0], [0.5, 0.5])
    """
    query = Query(None, by, as_of, as_of) if as_of else Query(None, by)
    ctx = resolve(base, query)
    keyed = [(ctx.end, ctx.end - timedelta(days=back)) for back in range(window)]
    per_customer = days_per_key(ctx, keyed)
    counts = per_customer.group_by(["segment", "active_days"]).agg(customers=per_customer.count())
    ks = ibis.memtable({"active_days": list(range(1, window + 1))}, schema={"active_days": "int64"})
    grid = ks.cross_join(segments_of(ctx, per_customer))
    joined = grid.left_join(
        counts,
        [grid.segment == counts.segment, grid.active_days == counts.active_days],
    )
    curve = joined.select(grid.segment, grid.active_days, customers=joined.customers.fill_null(0))
    total = curve.customers.sum().over(group_by="segment")
    share = ibis.ifelse(total > 0, curve.customers.cast("float64") / total, _NULL)
    return curve.mutate(share=share).order_by(["segment", "active_days"])

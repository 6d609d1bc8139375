"""Who the churn model is about (the customers on the books) and whether each one churned.

**Population.** The customers *on the books* at the end of the cut-off day ``c``, exactly as
:mod:`loyalist.metrics.books` defines it for the retention metrics: a completed order on a
local day ``d`` with ``c - active_window < d <= c``, or a subscription active at the end of
``c`` (started on or before ``c``, not ended by then).

**Label.** Over the horizon of ``H`` days, the local days ``(c, c + H]``:

* a customer who is a *subscriber* at the cut-off (a subscription active at the end of ``c``)
  churns when no subscription of theirs is active at the end of day ``c + H``: the one they
  had was not renewed or was cancelled inside the window, and they did not start another
  one by its end. Their orders do not matter;
* every other customer churns when they have no completed order in ``(c, c + H]`` and did
  not start a subscription in it (subscribing is buying).

A subscription is active at the end of day ``e`` when it started on or before ``e`` and its
``ended_at`` is empty or falls after ``e`` (the same rule as the books).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.churn.cutoff import Cutoff, check_horizon
from loyalist.metrics.books import intervals, optional
from loyalist.metrics.context import Context
from loyalist.metrics.spec import Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase


def on_the_books(base: CustomerBase, cutoff: date) -> ir.Table:
    """The customers on the books at the end of the local day ``cutoff``: ``customer_id``.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> int(on_the_books(base, date(1998, 6, 30)).count().execute())  # as the books metric says
    812
    """
    ctx = Context(base, Query(period=None), cutoff, cutoff)
    spans = intervals(ctx, cutoff)  # last days are clipped to the cut-off
    return spans.filter(spans.last_day == ibis.literal(cutoff)).select("customer_id").distinct()


def subscribers(base: CustomerBase, day: date) -> ir.Table:
    """The customers with a subscription active at the end of the local ``day``.

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> subs = pd.DataFrame({"subscription_id": ["s1"], "customer_id": ["a"],
    ...                      "started_at": [pd.Timestamp("2024-01-01", tz="UTC")]})
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-01"], "amount": [9.5]})
    >>> base = CustomerBase.from_frames(orders=orders, subscriptions=subs)
    >>> subscribers(base, date(2024, 6, 1)).execute().customer_id.tolist()
    ['a']
    """
    cut = Cutoff.of(base, day)
    subs = base.table("subscriptions")
    ended = optional(subs, "ended_at", "timestamp('UTC')")
    active = cut.known(subs.started_at) & (ended.isnull() | ~cut.known(ended))
    return subs.filter(active).select("customer_id").distinct()


def churn_label(base: CustomerBase, cutoff: date, horizon_days: int) -> ir.Table:
    """``customer_id, churned`` for every customer on the books at ``cutoff``.

    ``churned`` is True when the customer left within the ``horizon_days`` after the cut-off
    (see the module's rules: no completed order and no new subscription in ``(c, c + H]``,
    or for a subscriber no subscription active at the end of ``c + H``).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> label = churn_label(base, date(1997, 9, 30), 273).execute()
    >>> len(label), int(label.churned.sum())  # 2,357 customers; 1,673 bought nothing after
    (2357, 1673)
    """
    horizon_days = check_horizon(horizon_days)
    cut = Cutoff.of(base, cutoff)
    end = cut.instant(cutoff + timedelta(days=horizon_days + 1))
    orders = base.orders
    bought = orders.filter(
        orders.status == "completed", orders.ordered_at >= cut.until, orders.ordered_at < end
    )
    bought = bought.select("customer_id", bought_=ibis.literal(True))
    if base.has("subscriptions"):
        subs = base.table("subscriptions")
        started = subs.filter(subs.started_at >= cut.until, subs.started_at < end)
        bought = ibis.union(bought, started.select("customer_id", bought_=ibis.literal(True)))
    bought = bought.distinct()
    people = on_the_books(base, cutoff)
    joined = people.left_join(bought, "customer_id")
    table = joined.select("customer_id", bought_=joined.bought_.fill_null(False))
    if not base.has("subscriptions"):
        return table.select("customer_id", churned=~table.bought_)
    before = subscribers(base, cutoff).mutate(was_=ibis.literal(True))
    after = subscribers(base, cutoff + timedelta(days=horizon_days)).mutate(still_=True)
    table = _left(_left(table, before), after)
    was, still = table.was_.fill_null(False), table.still_.fill_null(False)
    return table.select("customer_id", churned=ibis.ifelse(was, ~still, ~table.bought_))


def _left(table: ir.Table, right: ir.Table) -> ir.Table:
    """Left join on ``customer_id``, keeping one ``customer_id`` column."""
    joined = table.left_join(right, "customer_id")
    return joined.select(*table.columns, *[c for c in right.columns if c != "customer_id"])

"""Purchase features as of a cut-off: recency, frequency, monetary value, rhythm and trend.

Completed orders only, on or before the cut-off day; several orders on one local day make
one *order day* (gaps between purchases are counted between order days, as in
``time_between_purchases``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.churn.cutoff import Cutoff

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: Trend windows: orders in the last ``TREND_DAYS`` days against the ``TREND_DAYS`` before.
TREND_DAYS = 90

COLUMNS = {
    "recency_days": "days since the last completed order",
    "frequency": "completed orders so far",
    "monetary": "average value of a completed order",
    "mean_gap_days": "mean days between order days (empty with a single order day)",
    "recency_ratio": "days since the last order / the customer's usual gap",
    "orders_90": "completed orders in the last 90 days",
    "orders_prev_90": "completed orders in the 90 days before those",
    "order_trend": "orders_90 - orders_prev_90",
    "tenure_days": "days since the first completed order",
}
FILL: dict[str, object] = {}  # every customer of the population has ordered (or subscribed)


def order_features(base: CustomerBase, cut: Cutoff) -> ir.Table:
    """One row per customer with a completed order on or before the cut-off.

    Columns: ``customer_id`` and :data:`COLUMNS`.

    Examples
    --------
    >>> from datetime import date
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> rows = order_features(base, Cutoff(date(1997, 9, 30), "UTC")).execute()
    >>> row = rows.set_index("customer_id").loc["00004"]  # bought 1 Jan, 18 Jan, 2 Aug 1997
    >>> int(row.recency_days), int(row.frequency), float(row.mean_gap_days)  # 213 days / 2
    (59, 3, 106.5)
    """
    orders = base.orders
    orders = orders.filter(orders.status == "completed", cut.known(orders.ordered_at))
    orders = orders.mutate(day=cut.local_day(orders.ordered_at))
    recent = orders.day > cut.days_ago(TREND_DAYS)
    before = (orders.day > cut.days_ago(2 * TREND_DAYS)) & ~recent
    per = orders.group_by("customer_id").agg(
        first_day=orders.day.min(),
        last_day=orders.day.max(),
        order_days=orders.day.nunique(),
        frequency=orders.count(),
        spend=orders.amount.sum(),
        orders_90=orders.count(where=recent),
        orders_prev_90=orders.count(where=before),
    )
    recency = cut.days_since(per.last_day)
    span = per.last_day.delta(per.first_day, unit="day").cast("float64")
    gap = ibis.ifelse(per.order_days > 1, span / (per.order_days - 1), ibis.null("float64"))
    now, earlier = per.orders_90, per.orders_prev_90
    return per.select(
        "customer_id",
        recency_days=recency,
        frequency=per.frequency,
        # parallel sums differ in their last bits from run to run: round them away
        monetary=(per.spend / per.frequency).round(6),
        mean_gap_days=gap,
        recency_ratio=recency / gap,
        orders_90=now,
        orders_prev_90=earlier,
        order_trend=now - earlier,
        tenure_days=cut.days_since(per.first_day),
    )

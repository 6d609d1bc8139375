"""Value metrics: money. Only completed orders count (refunds and cancellations do not)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.context import Context
from loyalist.metrics.intervals import mean_interval
from loyalist.metrics.registry import metric

_NULL = ibis.null("float64")


@metric(
    "revenue",
    family="value",
    definition="Net revenue: the amount of completed orders in the period.",
    formula="sum(amount of completed orders)",
    unit="money",
    higher_is_better=True,
)
def revenue(ctx: Context) -> ir.Table:
    """Revenue per period and segment (no interval: it is a total, not an estimate)."""
    orders = ctx.with_segment(ctx.completed_orders)
    orders = orders.filter(ctx.in_range(orders.day)).mutate(period_start=ctx.period_of(orders.day))
    return orders.group_by(["period_start", "segment"]).agg(
        value=orders.amount.sum(), ci_low=_NULL, ci_high=_NULL, n=orders.count()
    )


@metric(
    "average_order_value",
    family="value",
    definition="Mean amount of a completed order.",
    formula="sum(amount) / count(orders)",
    unit="money",
    higher_is_better=True,
)
def average_order_value(ctx: Context) -> ir.Table:
    """Average order value with a normal-approximation interval."""
    orders = ctx.with_segment(ctx.completed_orders)
    orders = orders.filter(ctx.in_range(orders.day)).mutate(period_start=ctx.period_of(orders.day))
    stats = orders.group_by(["period_start", "segment"]).agg(
        value=orders.amount.mean(), sd=orders.amount.std(), n=orders.count()
    )
    low, high = mean_interval(stats.value, stats.sd, stats.n)
    return stats.mutate(ci_low=low, ci_high=high)

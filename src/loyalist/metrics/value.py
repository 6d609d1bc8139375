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
    days = ctx.with_segment(ctx.purchase_days)
    days = days.filter(ctx.in_range(days.day)).mutate(period_start=ctx.period_of(days.day))
    return days.group_by(["period_start", "segment"]).agg(
        value=days.amount.sum(), ci_low=_NULL, ci_high=_NULL, n=days.orders.sum()
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


@metric(
    "purchase_frequency",
    family="value",
    definition="How many completed orders a customer who bought in the period placed, on average.",
    formula="completed orders ÷ customers with a completed order",
    unit="ratio",
    higher_is_better=True,
)
def purchase_frequency(ctx: Context) -> ir.Table:
    """Mean completed orders per ordering customer, normal interval on per-customer counts."""
    buyers = ctx.with_segment(ctx.buyers)
    stats = buyers.group_by(["period_start", "segment"]).agg(
        value=buyers.orders.mean(), sd=buyers.orders.std(), n=buyers.count()
    )
    low, high = mean_interval(stats.value, stats.sd, stats.n)
    return stats.mutate(ci_low=low, ci_high=high)


@metric(
    "historical_clv",
    family="value",
    definition=(
        "Revenue to date per customer: what the customers acquired so far have spent with you "
        "on average, counted up to the end of each period."
    ),
    formula="mean over customers with a completed order by the period end of their revenue to it",
    unit="money",
    higher_is_better=True,
)
def historical_clv(ctx: Context) -> ir.Table:
    """Mean cumulative completed-order revenue per acquired customer at each period end.

    Orders before the date range count (it is revenue *to date*). Each customer's revenue is
    summed per period of ordering; a customer's revenue to date changes only in the periods
    they order in. So the engine adds up, per segment and ordering period, what those
    changes do to the count, the sum and the sum of squares of revenue to date, and carries
    the totals forward to each period end: no row per customer and period is built. The
    standard deviation follows from the sums: √((sum of squares − sum² ÷ n) ÷ (n − 1)).
    """
    days = ctx.purchase_days
    days = days.filter(days.day <= ibis.literal(ctx.end)).mutate(bucket=ctx.period_of(days.day))
    buckets = days.group_by(["customer_id", "bucket"]).agg(amount=days.amount.sum())
    buckets = buckets.mutate(
        to_date=buckets.amount.cumsum(group_by="customer_id", order_by="bucket"),
        first=buckets.bucket.lag().over(group_by="customer_id", order_by="bucket").isnull(),
    )
    buckets = ctx.with_segment(buckets)
    # (x + a)² − x² = a × (2 × (x + a) − a): the change of a customer's squared revenue
    changes = buckets.group_by(["bucket", "segment"]).agg(
        joined=buckets.first.sum(),
        revenue=buckets.amount.sum(),
        squares=(buckets.amount * (2 * buckets.to_date - buckets.amount)).sum(),
    )
    calendar = ctx.calendar_table()
    carried = changes.join(calendar, changes.bucket <= calendar.period_start)
    sums = carried.group_by(["period_start", "segment"]).agg(
        n=carried.joined.sum(), total=carried.revenue.sum(), squares=carried.squares.sum()
    )
    n = sums.n.cast("float64")
    spread = (sums.squares - sums.total * sums.total / n) / (n - 1)
    sd = ibis.ifelse(sums.n > 1, ibis.greatest(spread, 0).sqrt(), ibis.null("float64"))
    stats = sums.select("period_start", "segment", value=sums.total / n, sd=sd, n=sums.n)
    low, high = mean_interval(stats.value, stats.sd, stats.n)
    return stats.mutate(ci_low=low, ci_high=high)

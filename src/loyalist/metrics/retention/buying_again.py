"""Buying again: repeat purchase rate and returning customer rate."""

from __future__ import annotations

import ibis.expr.types as ir

from loyalist.metrics.books import period_days
from loyalist.metrics.context import Context
from loyalist.metrics.registry import metric
from loyalist.metrics.shares import share


@metric(
    "repeat_purchase_rate",
    family="retention",
    definition=(
        "Of the customers who ordered in the period, the share who ordered on two or more "
        "different days in it (two orders on the same day are one purchase occasion)."
    ),
    formula="customers with >= 2 order days in period / customers with an order in period",
    unit="share",
    higher_is_better=True,
)
def repeat_purchase_rate(ctx: Context) -> ir.Table:
    """Share of buyers with two or more distinct order days in the period."""
    days = period_days(ctx)
    buyers = ctx.with_segment(days.filter(days.opens_period))
    return share(buyers, buyers.repeats)


@metric(
    "returning_customer_rate",
    family="retention",
    definition=(
        "Of the customers who ordered in the period, the share who had already ordered before "
        "it (at any time, also before the dates asked for)."
    ),
    formula="customers with an order before the period / customers with an order in period",
    unit="share",
    higher_is_better=True,
)
def returning_customer_rate(ctx: Context) -> ir.Table:
    """Share of buyers with a completed order before the period."""
    days = period_days(ctx)
    buyers = ctx.with_segment(days.filter(days.opens_period))
    # The first order day of the period has an earlier one: the customer ordered before.
    return share(buyers, buyers.previous_day.notnull())

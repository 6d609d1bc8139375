"""Subscriptions: renewal rate, net and gross revenue retention."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.books import optional
from loyalist.metrics.context import Context
from loyalist.metrics.registry import metric
from loyalist.metrics.shares import share

_NULL = ibis.null("float64")
_DAY = ibis.interval(days=1)


@metric(
    "renewal_rate",
    family="retention",
    definition=(
        "Of the subscriptions due for renewal in the period, the share that renewed. "
        "Subscriptions due in the future with no answer yet are left out."
    ),
    formula="renewed / subscriptions with renewal_due_at in the period",
    unit="share",
    higher_is_better=True,
    needs=("subscriptions",),
)
def renewal_rate(ctx: Context) -> ir.Table:
    """Renewals over subscriptions due; an unknown ``renewed`` on a past due date is a no."""
    subs = ctx.table("subscriptions")
    due_at = optional(subs, "renewal_due_at", "timestamp('UTC')")
    renewed = optional(subs, "renewed", "boolean")
    if "renewed" not in subs.columns:
        due_at = ibis.null("timestamp('UTC')")  # no answers at all: no rows, not 0 %
    subs = subs.mutate(due=ctx.day(due_at), renewed=renewed)
    subs = subs.filter(
        subs.due.notnull(),
        ctx.in_range(subs.due),
        subs.renewed.notnull() | (due_at <= ibis.now()),
    )
    subs = ctx.with_segment(subs.mutate(period_start=ctx.period_of(subs.due)))
    return share(subs, subs.renewed.fill_null(False))


def _mrr(ctx: Context) -> ir.Table:
    """Per period and segment: MRR at start and end of customers with MRR at the start.

    Without an ``mrr`` column there are no rows; without ``ended_at`` every subscription is
    still active.
    """
    subs = ctx.table("subscriptions")
    subs = subs.select(
        "customer_id",
        mrr=optional(subs, "mrr", "float64"),
        first_day=ctx.day(subs.started_at),
        last_day=ctx.day(optional(subs, "ended_at", "timestamp('UTC')")) - _DAY,
    )
    subs = subs.filter(subs.mrr.notnull())
    calendar = ctx.calendar_table()
    calendar = calendar.select(
        "period_start", start_day=calendar.first_day - _DAY, end_day=calendar.last_day
    )

    def at(boundary: str) -> ir.Table:
        day = calendar[boundary]
        active = (subs.first_day <= day) & (subs.last_day.isnull() | (subs.last_day >= day))
        joined = subs.join(calendar, active)
        return joined.group_by(["period_start", "customer_id"]).agg(mrr=joined.mrr.sum())

    start, end = at("start_day"), at("end_day")
    start = start.filter(start.mrr > 0)
    both = start.left_join(end, ["period_start", "customer_id"])
    both = both.select(
        "period_start",
        "customer_id",
        start_mrr=both.mrr,
        end_mrr=both.mrr_right.fill_null(0.0),
    )
    both = ctx.with_segment(both)
    return both.group_by(["period_start", "segment"]).agg(
        start_mrr=both.start_mrr.sum(),
        end_mrr=both.end_mrr.sum(),
        kept_mrr=ibis.least(both.end_mrr, both.start_mrr).sum(),
        n=both.count(),
    )


@metric(
    "net_revenue_retention",
    family="retention",
    definition=(
        "Monthly recurring revenue at the end of the period from the customers who paid at its "
        "start, per unit of their MRR at the start. Upgrades count; new customers do not."
    ),
    formula="sum(end MRR) / sum(start MRR), over customers with MRR > 0 at the start",
    unit="ratio",
    higher_is_better=True,
    needs=("subscriptions",),
)
def net_revenue_retention(ctx: Context) -> ir.Table:
    """NRR per period and segment; no interval."""
    mrr = _mrr(ctx)
    return mrr.select(
        "period_start",
        "segment",
        value=mrr.end_mrr / mrr.start_mrr,
        ci_low=_NULL,
        ci_high=_NULL,
        n=mrr.n,
    )


@metric(
    "gross_revenue_retention",
    family="retention",
    definition=(
        "The share of the monthly recurring revenue at the start of the period that is kept at "
        "its end, not counting upgrades (each customer counts at most their starting MRR)."
    ),
    formula="sum(min(end MRR, start MRR)) / sum(start MRR), over customers with MRR at start",
    unit="share",
    higher_is_better=True,
    needs=("subscriptions",),
)
def gross_revenue_retention(ctx: Context) -> ir.Table:
    """GRR per period and segment (at most 1); no interval."""
    mrr = _mrr(ctx)
    return mrr.select(
        "period_start",
        "segment",
        value=mrr.kept_mrr / mrr.start_mrr,
        ci_low=_NULL,
        ci_high=_NULL,
        n=mrr.n,
    )

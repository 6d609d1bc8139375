"""Daily, weekly and monthly active customers, and the ratios between them (DAU/MAU)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.active_counts import customer_units, mean_actives, spine
from loyalist.metrics.context import Context
from loyalist.metrics.intervals import Z
from loyalist.metrics.registry import metric

_NULL = ibis.null("float64")
_UNITS = " Days without activity count as zero."


# -- daily, weekly, monthly actives ---------------------------------------------------------
@metric(
    "dau",
    family="stickiness",
    definition="Daily active customers: how many different customers used the app or site on "
    "a day; for a longer period, the average day." + _UNITS,
    formula="sum over days of count(distinct active customers) / days in the period",
    unit="count",
    higher_is_better=True,
    needs=("events",),
)
def dau(ctx: Context) -> ir.Table:
    """Mean daily actives; interval: normal approximation over the days, ``n`` = days."""
    return mean_actives(ctx, "day")


@metric(
    "wau",
    family="stickiness",
    definition="Weekly active customers: how many different customers used the app or site in "
    "an ISO week (Monday to Sunday); for a longer period, the average of its weeks.",
    formula="mean over the weeks starting in the period of count(distinct active customers)",
    unit="count",
    higher_is_better=True,
    needs=("events",),
    smallest_period="week",
)
def wau(ctx: Context) -> ir.Table:
    """Mean weekly actives; interval: normal approximation over the weeks, ``n`` = weeks."""
    return mean_actives(ctx, "week")


@metric(
    "mau",
    family="stickiness",
    definition="Monthly active customers: how many different customers used the app or site in "
    "a calendar month; for a quarter or year, the average of its months.",
    formula="mean over the period's months of count(distinct active customers)",
    unit="count",
    higher_is_better=True,
    needs=("events",),
    smallest_period="month",
)
def mau(ctx: Context) -> ir.Table:
    """Mean monthly actives; interval: normal approximation over the months, ``n`` = months."""
    return mean_actives(ctx, "month")


# -- ratios -------------------------------------------------------------------------------
@metric(
    "dau_mau",
    family="stickiness",
    definition="Stickiness ratio: on an average day, the share of the month's active customers "
    "who were active that day (0.2 means a monthly user comes back about 6 days a month).",
    formula="sum(daily active customers) / sum(days × monthly active customers), over months",
    unit="ratio",
    higher_is_better=True,
    needs=("events",),
    smallest_period="month",
)
def dau_mau(ctx: Context) -> ir.Table:
    """DAU/MAU per month; pooled over the months of longer periods.

    For one month it is the mean, over the month's active customers, of the share of the
    month's days they were active; for longer periods the ratio of sums over customer-months.
    Interval: normal approximation of that ratio estimator (clipped to [0, 1]); ``n`` =
    customer-months. A period without any active customer has no row.
    """
    months = customer_units(ctx, "month").join(spine(ctx, "month"), "unit_start")
    a, d = months.active_days.cast("float64"), months.days.cast("float64")
    sums = months.group_by(["period_start", "segment"]).agg(
        sa=a.sum(), sd=d.sum(), saa=(a * a).sum(), sad=(a * d).sum(), sdd=(d * d).sum(),
        n=months.count(),
    )  # fmt: skip
    ratio = sums.sa / sums.sd
    n = sums.n.cast("float64")
    residual = sums.saa - 2 * ratio * sums.sad + ratio * ratio * sums.sdd
    degrees = ibis.ifelse(n > 1, n - 1, _NULL)  # no division by zero on any engine
    se = (ibis.greatest(residual, 0.0) / degrees / n).sqrt() / (sums.sd / n)
    return _shaped(sums, ratio, se, sums.n)


@metric(
    "mau_yau",
    family="stickiness",
    definition="Monthly stickiness for products used monthly: the average month's active "
    "customers as a share of the year's active customers.",
    formula="mean over the year's months of MAU / count(distinct customers active in the year)",
    unit="ratio",
    higher_is_better=True,
    needs=("events",),
    smallest_period="year",
)
def mau_yau(ctx: Context) -> ir.Table:
    """Mean MAU over the year's months ÷ the year's actives.

    Equal to the mean, over the year's active customers, of the share of the year's months
    (in the date range) they were active in; interval: normal approximation of that mean;
    ``n`` = the year's active customers. A year without activity has no row.
    """
    months = spine(ctx, "month")
    per_customer = (
        customer_units(ctx, "month")
        .join(months, "unit_start")
        .group_by(["period_start", "segment", "customer_id"])
        .agg(k=ibis._.count())
    )
    span = months.group_by("period_start").agg(months=months.count())
    per_customer = per_customer.join(span, "period_start")
    share = per_customer.k.cast("float64") / per_customer.months
    stats = per_customer.group_by(["period_start", "segment"]).agg(
        value=share.mean(), sd=share.std(), n=per_customer.count()
    )
    se = stats.sd / stats.n.cast("float64").sqrt()
    return _shaped(stats, stats.value, se, stats.n)


def _shaped(stats: ir.Table, value: ir.Value, se: ir.Value, n: ir.Value) -> ir.Table:
    """Ratio ± 1.96 · se clipped to [0, 1]; NULL interval when ``n`` is 1."""
    several = n > 1
    return stats.select(
        "period_start",
        "segment",
        value=value,
        ci_low=ibis.ifelse(several, ibis.greatest(value - Z * se, 0.0), _NULL),
        ci_high=ibis.ifelse(several, ibis.least(value + Z * se, 1.0), _NULL),
        n=n,
    )

"""Time between purchases: the median gap (a metric) and the histogram the report draws."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.metrics.books import purchase_days
from loyalist.metrics.context import Context
from loyalist.metrics.order_stats import histogram, median_interval, quantile
from loyalist.metrics.periods import local_date
from loyalist.metrics.registry import metric

if TYPE_CHECKING:
    from loyalist.base import CustomerBase


def _gaps(orders: ir.Table) -> ir.Table:
    """Days between each customer's consecutive distinct order days: ``customer_id, day, gap``.

    ``orders`` has ``customer_id`` and a local ``day``; ``day`` is the later day of the gap.
    """
    days = orders.select("customer_id", "day").distinct()
    previous = days.day.lag().over(ibis.window(group_by="customer_id", order_by="day"))
    days = days.mutate(previous=previous)
    days = days.filter(days.previous.notnull())
    return days.select("customer_id", "day", gap=days.day.delta(days.previous, unit="day"))


@metric(
    "time_between_purchases",
    family="retention",
    definition=(
        "The typical (median) number of days between two purchases of the same customer, for "
        "purchases in the period; orders on the same day are one purchase."
    ),
    formula="median(days between a customer's consecutive order days), later day in period",
    unit="days",
    higher_is_better=False,
)
def time_between_purchases(ctx: Context) -> ir.Table:
    """Median gap with a distribution-free 95 % interval from order statistics."""
    days = purchase_days(ctx)
    days = days.filter(days.previous_day.notnull(), ctx.in_range(days.day))
    gaps = days.select(
        "customer_id",
        period_start=ctx.period_of(days.day),
        gap=days.day.delta(days.previous_day, unit="day"),
    )
    gaps = ctx.with_segment(gaps)
    hist = histogram(gaps, gaps.gap, ["period_start", "segment"])
    low, high = median_interval(hist)
    return hist.group_by(["period_start", "segment"]).agg(
        value=quantile(hist, 0.5), ci_low=low, ci_high=high, n=hist.freq.sum()
    )


def purchase_gaps(
    base: CustomerBase, start: date | None = None, end: date | None = None, bin_days: int = 7
) -> ir.Table:
    """Histogram of the days between consecutive purchases, with quartiles, for the report.

    Parameters
    ----------
    base
        A :class:`~loyalist.CustomerBase`.
    start, end
        Local dates (inclusive): only gaps whose later purchase falls between them.
    bin_days
        Width of a bin in days.

    Returns
    -------
    An Ibis expression, one row per non-empty bin: ``bin_start, bin_end`` (days, inclusive),
    ``gaps`` (count), ``share`` of all gaps, and ``q1, median, q3, n`` (over all gaps, the
    same on every row).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> hist = purchase_gaps(base, bin_days=30).order_by("bin_start").execute()
    >>> hist.columns.tolist()
    ['bin_start', 'bin_end', 'gaps', 'share', 'q1', 'median', 'q3', 'n']
    """
    orders = base.orders
    orders = orders.filter(orders.status == "completed")
    orders = orders.mutate(day=local_date(orders.ordered_at, base.timezone))
    if end is not None:
        orders = orders.filter(orders.day <= ibis.literal(end, type="date"))
    gaps = _gaps(orders)
    if start is not None:
        gaps = gaps.filter(gaps.day >= ibis.literal(start, type="date"))
    gaps = gaps.mutate(group=ibis.literal(1))
    counts = histogram(gaps, gaps.gap, ["group"])
    summary = counts.group_by("group").agg(
        q1=quantile(counts, 0.25),
        median=quantile(counts, 0.5),
        q3=quantile(counts, 0.75),
        n=counts.freq.sum(),
    )
    bins = counts.mutate(bin_start=(counts.value // bin_days) * bin_days)
    bins = bins.group_by(["group", "bin_start"]).agg(gaps=bins.freq.sum())
    hist = bins.join(summary, "group")
    return hist.select(
        "bin_start",
        bin_end=hist.bin_start + (bin_days - 1),
        gaps=hist.gaps,
        share=hist.gaps.cast("float64") / hist.n,
        q1=hist.q1,
        median=hist.median,
        q3=hist.q3,
        n=hist.n,
    )

"""Retention metrics: do customers buy again, renew, stay on the books (see DESIGN.md).

Only completed orders count (refunds and cancellations do not). Days are local days in the
business time zone. A period with nobody in a metric's denominator gives no row.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.metrics import cohorts as _cohorts
from loyalist.metrics.books import on_the_books, optional, period_days, purchase_days
from loyalist.metrics.context import Context
from loyalist.metrics.intervals import Z, wilson
from loyalist.metrics.periods import local_date
from loyalist.metrics.registry import metric

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

_NULL = ibis.null("float64")
_DAY = ibis.interval(days=1)


def _wilson(
    successes: ir.NumericValue, n: ir.NumericValue, value: ir.NumericValue
) -> tuple[ir.Value, ir.Value]:
    """Wilson's interval, widened to contain ``value`` (rounding at 0 and 1; CRR above 1)."""
    low, high = wilson(successes, n)
    return ibis.least(low, value), ibis.greatest(high, value)


# -- on the books: retention, churn, growth --------------------------------------------
def _books(ctx: Context) -> ir.Table:
    """Start, end and new counts per period and segment, for periods with customers at start."""
    books = on_the_books(ctx)
    books = books.filter(books.at_start > 0)
    kept = books.at_end - books.new
    # CRR is not a plain share of S: customers back from a lapse ("resurrected") are in E but
    # neither in S nor new. The interval is Wilson's for E - N clipped to [0, S] out of S.
    crr = kept.cast("float64") / books.at_start
    low, high = _wilson(ibis.least(ibis.greatest(kept, 0), books.at_start), books.at_start, crr)
    return books.mutate(crr=crr, crr_low=low, crr_high=high)


@metric(
    "customer_retention_rate",
    family="retention",
    definition=(
        "Of the customers you had at the start of the period, the share you still have at its "
        "end: (customers at the end - new customers) / customers at the start. A customer "
        "counts while they have an active subscription or ordered within the active window. "
        "Customers who come back after lapsing count as kept, so it can exceed 1."
    ),
    formula="(E - N) / S; E, S = customers on the books at the end, start; N = new in period",
    unit="share",
    higher_is_better=True,
)
def customer_retention_rate(ctx: Context) -> ir.Table:
    """CRR per period and segment, Wilson interval on clip(E - N, 0, S) out of S."""
    b = _books(ctx)
    return b.select(
        "period_start", "segment", value=b.crr, ci_low=b.crr_low, ci_high=b.crr_high, n=b.at_start
    )


@metric(
    "churn_rate",
    family="retention",
    definition="Of the customers you had at the start of the period, the share you lost: 1 - CRR.",
    formula="1 - (E - N) / S",
    unit="share",
    higher_is_better=False,
)
def churn_rate(ctx: Context) -> ir.Table:
    """Churn = 1 - CRR per period and segment, with the CRR interval mirrored."""
    b = _books(ctx)
    return b.select(
        "period_start",
        "segment",
        value=1 - b.crr,
        ci_low=1 - b.crr_high,
        ci_high=1 - b.crr_low,
        n=b.at_start,
    )


@metric(
    "customer_growth",
    family="retention",
    definition=(
        "Customers on the books at the end of the period per customer at its start. This is "
        "growth, not retention (it is often mistaken for retention): new customers hide losses."
    ),
    formula="E / S",
    unit="ratio",
    higher_is_better=True,
)
def customer_growth(ctx: Context) -> ir.Table:
    """E / S per period and segment; no interval (a ratio of two counts, not a share)."""
    b = _books(ctx)
    return b.select(
        "period_start",
        "segment",
        value=b.at_end.cast("float64") / b.at_start,
        ci_low=_NULL,
        ci_high=_NULL,
        n=b.at_start,
    )


# -- buying again --------------------------------------------------------------------
def _share(table: ir.Table, hit: ir.BooleanValue) -> ir.Table:
    """Share of rows where ``hit`` holds, per period and segment, with a Wilson interval."""
    stats = table.group_by(["period_start", "segment"]).agg(
        n=table.count(), hits=table.count(where=hit)
    )
    value = stats.hits.cast("float64") / stats.n
    low, high = _wilson(stats.hits, stats.n, value)
    return stats.select(
        "period_start",
        "segment",
        value=value,
        ci_low=low,
        ci_high=high,
        n=stats.n,
    )


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
    return _share(buyers, buyers.repeats)


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
    return _share(buyers, buyers.previous_day.notnull())


# -- subscriptions ---------------------------------------------------------------------
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
    return _share(subs, subs.renewed.fill_null(False))


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


# -- time between purchases ------------------------------------------------------------
def _histogram(table: ir.Table, value: ir.IntegerColumn, by: list[str]) -> ir.Table:
    """Counts of each ``value`` per group: ``by, value, freq, upto`` (running count), ``total``.

    Order statistics are read off it (the r-th smallest value is the first with upto >= r):
    whole numbers of days take few distinct values, so no sort of every row is needed.
    """
    counts = table.group_by([*by, value.name("value")]).agg(freq=table.count())
    running = ibis.window(group_by=by, order_by="value", rows=(None, 0))
    return counts.mutate(
        upto=counts.freq.sum().over(running),
        total=counts.freq.sum().over(ibis.window(group_by=by)),
    )


def _order_statistic(hist: ir.Table, rank: ir.NumericValue) -> ir.FloatingValue:
    """The ``rank``-th smallest value of a group of :func:`_histogram` (NULL past the end)."""
    return hist.value.min(where=hist.upto >= rank).cast("float64")


def _quantile(hist: ir.Table, p: float) -> ir.FloatingValue:
    """The ``p`` quantile of a group, interpolated as numpy's default (Hyndman-Fan type 7)."""
    position = (hist.total - 1) * p + 1
    below = position.floor()
    low = _order_statistic(hist, below)
    high = ibis.coalesce(_order_statistic(hist, below + 1), low)
    return low + (position - below).max() * (high - low)


def _median_interval(hist: ir.Table) -> tuple[ir.FloatingValue, ir.FloatingValue]:
    """Distribution-free 95 % interval of a median: order statistics n/2 ± 1.96·√n/2.

    The ranks are ``n/2 - Z√n/2`` and ``1 + n/2 + Z√n/2`` rounded, clipped to [1, n]
    (the binomial method, e.g. Bland, *An Introduction to Medical Statistics*).
    """
    n = hist.total
    half = Z * n.cast("float64").sqrt() / 2
    low_rank = ibis.greatest((n / 2 - half + 0.5).floor(), 1)
    high_rank = ibis.least((n / 2 + 1 + half + 0.5).floor(), n)
    return _order_statistic(hist, low_rank), _order_statistic(hist, high_rank)


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
    hist = _histogram(gaps, gaps.gap, ["period_start", "segment"])
    low, high = _median_interval(hist)
    return hist.group_by(["period_start", "segment"]).agg(
        value=_quantile(hist, 0.5), ci_low=low, ci_high=high, n=hist.freq.sum()
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
    counts = _histogram(gaps, gaps.gap, ["group"])
    summary = counts.group_by("group").agg(
        q1=_quantile(counts, 0.25),
        median=_quantile(counts, 0.5),
        q3=_quantile(counts, 0.75),
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


# -- cohorts ---------------------------------------------------------------------------
@metric(
    "cohort_retention",
    family="retention",
    definition=(
        "Of the customers whose first order fell in the period (a cohort), the share who "
        "ordered again in the next period (which may be only partly observed at the end of "
        "the dates asked for)."
    ),
    formula="cohort members with an order in period c+1 / cohort members",
    unit="share",
    higher_is_better=True,
)
def cohort_retention(ctx: Context) -> ir.Table:
    """Share of each cohort active in the next period (offset 1), Wilson interval."""
    cells = _cohorts.cells(ctx, "on")
    cells = cells.filter(cells.offset == 1)
    value = cells.active.cast("float64") / cells.members
    low, high = _wilson(cells.active, cells.members, value)
    return cells.select(
        period_start=cells.cohort,
        segment=cells.segment,
        value=value,
        ci_low=low,
        ci_high=high,
        n=cells.members,
    )

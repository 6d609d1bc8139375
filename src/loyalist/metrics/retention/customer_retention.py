"""Staying on the books: customer retention rate, churn rate and customer growth."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.books import on_the_books
from loyalist.metrics.context import Context
from loyalist.metrics.registry import metric
from loyalist.metrics.shares import wilson_around

_NULL = ibis.null("float64")


def _books(ctx: Context) -> ir.Table:
    """Start, end and new counts per period and segment, for periods with customers at start."""
    books = on_the_books(ctx)
    books = books.filter(books.at_start > 0)
    kept = books.at_end - books.new
    # CRR is not a plain share of S: customers back from a lapse ("resurrected") are in E but
    # neither in S nor new. The interval is Wilson's for E - N clipped to [0, S] out of S.
    crr = kept.cast("float64") / books.at_start
    clipped = ibis.least(ibis.greatest(kept, 0), books.at_start)
    low, high = wilson_around(clipped, books.at_start, crr)
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

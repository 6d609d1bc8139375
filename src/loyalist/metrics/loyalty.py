"""Loyalty metrics: what customers say (NPS, CSAT), whether they advocate (referrals), and
how engaged they are (the engagement index).

Survey metrics count answers by the local day they were given; a period without answers
gives no row. Referral metrics count completed orders only.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.context import Context
from loyalist.metrics.engagement_index import period_scores
from loyalist.metrics.intervals import mean_interval, nps_interval, wilson
from loyalist.metrics.registry import metric

_GROUP = ["period_start", "segment"]


def _answers(ctx: Context, survey: str) -> ir.Table:
    """Scored answers to ``survey`` in the date range, with ``period_start`` and ``segment``."""
    responses = ctx.table("responses")
    if "score" not in responses.columns:  # a responses table without scores: no answers
        responses = responses.mutate(score=ibis.null("float64")).filter(ibis.literal(False))
    answers = responses.filter((responses.survey == survey) & responses.score.notnull())
    answers = answers.mutate(day=ctx.day(answers.responded_at))
    answers = answers.filter(ctx.in_range(answers.day))
    return answers.mutate(period_start=ctx.period_of(answers.day))


def _nps_answers(ctx: Context) -> ir.Table:
    """One NPS answer per customer per period: the latest (the higher score on a tie)."""
    answers = _answers(ctx, "nps")
    rank = ibis.row_number().over(
        group_by=[answers.customer_id, answers.period_start],
        order_by=[ibis.desc(answers.responded_at), ibis.desc(answers.score)],
    )
    latest = answers.mutate(__rank=rank).filter(lambda t: t.__rank == 0)
    return ctx.with_segment(latest.select("customer_id", "period_start", "score"))


def _nps_counts(ctx: Context) -> ir.Table:
    answers = _nps_answers(ctx)
    return answers.group_by(_GROUP).agg(
        promoters=answers.count(where=answers.score >= 9),
        passives=answers.count(where=(answers.score >= 7) & (answers.score < 9)),
        detractors=answers.count(where=answers.score < 7),
        n=answers.count(),
    )


@metric(
    "nps",
    family="loyalty",
    definition=(
        "Net Promoter Score: the share of customers who would recommend you (9-10) minus the "
        "share who would not (0-6), on a scale from -100 to 100; each customer's latest "
        "answer in the period counts once."
    ),
    formula="100 × (promoters − detractors) ÷ answering customers",
    unit="score",
    higher_is_better=True,
    needs=("responses",),
)
def nps(ctx: Context) -> ir.Table:
    """NPS per period with the interval of DESIGN.md; no row for a period without answers."""
    counts = _nps_counts(ctx)
    low, high = nps_interval(counts.promoters, counts.detractors, counts.n)
    value = 100 * (counts.promoters - counts.detractors).cast("float64") / counts.n
    return counts.select(*_GROUP, value=value, ci_low=low, ci_high=high, n=counts.n)


def _nps_share(ctx: Context, group: str) -> ir.Table:
    counts = _nps_counts(ctx)
    low, high = wilson(counts[group], counts.n)
    value = counts[group].cast("float64") / counts.n
    return counts.select(*_GROUP, value=value, ci_low=low, ci_high=high, n=counts.n)


@metric(
    "promoter_share",
    family="loyalty",
    definition="Share of answering customers who score 9 or 10 on the NPS question.",
    formula="promoters ÷ answering customers",
    unit="share",
    higher_is_better=True,
    needs=("responses",),
)
def promoter_share(ctx: Context) -> ir.Table:
    """Promoters ÷ NPS answers (latest per customer and period), Wilson interval."""
    return _nps_share(ctx, "promoters")


@metric(
    "passive_share",
    family="loyalty",
    definition="Share of answering customers who score 7 or 8 on the NPS question.",
    formula="passives ÷ answering customers",
    unit="share",
    higher_is_better=None,
    needs=("responses",),
)
def passive_share(ctx: Context) -> ir.Table:
    """Passives ÷ NPS answers (latest per customer and period), Wilson interval."""
    return _nps_share(ctx, "passives")


@metric(
    "detractor_share",
    family="loyalty",
    definition="Share of answering customers who score 0 to 6 on the NPS question.",
    formula="detractors ÷ answering customers",
    unit="share",
    higher_is_better=False,
    needs=("responses",),
)
def detractor_share(ctx: Context) -> ir.Table:
    """Detractors ÷ NPS answers (latest per customer and period), Wilson interval."""
    return _nps_share(ctx, "detractors")


@metric(
    "csat",
    family="loyalty",
    definition="Customer satisfaction: the share of survey answers that are 4 or 5 out of 5.",
    formula="answers scoring 4 or 5 ÷ CSAT answers",
    unit="share",
    higher_is_better=True,
    needs=("responses",),
)
def csat(ctx: Context) -> ir.Table:
    """CSAT per period over every answer (not one per customer); no row without answers."""
    answers = ctx.with_segment(_answers(ctx, "csat"))
    counts = answers.group_by(_GROUP).agg(
        satisfied=answers.count(where=answers.score >= 4), n=answers.count()
    )
    low, high = wilson(counts.satisfied, counts.n)
    value = counts.satisfied.cast("float64") / counts.n
    return counts.select(*_GROUP, value=value, ci_low=low, ci_high=high, n=counts.n)


def _share_of(ctx: Context, base: ir.Table, hits: ir.Table) -> ir.Table:
    """Share of ``base`` (customer_id, period_start) rows that appear in ``hits``."""
    hits = hits.select(__cid=hits.customer_id, __period=hits.period_start, __hit=ibis.literal(1))
    joined = base.left_join(
        hits, (base.customer_id == hits.__cid) & (base.period_start == hits.__period)
    )
    rows = ctx.with_segment(joined.select("customer_id", "period_start", hit=joined.__hit))
    counts = rows.group_by(_GROUP).agg(k=rows.hit.count(), n=rows.count())
    low, high = wilson(counts.k, counts.n)
    value = counts.k.cast("float64") / counts.n
    return counts.select(*_GROUP, value=value, ci_low=low, ci_high=high, n=counts.n)


@metric(
    "referral_rate",
    family="loyalty",
    definition="Share of the customers who bought in the period who also referred someone in it.",
    formula="active customers who referred someone ÷ active customers",
    unit="share",
    higher_is_better=True,
    needs=("orders", "referrals"),
)
def referral_rate(ctx: Context) -> ir.Table:
    """Active customers (a completed order in the period) who referred someone in the period."""
    active = ctx.buyers.select("customer_id", "period_start")
    referrals = ctx.table("referrals")
    referrals = referrals.mutate(day=ctx.day(referrals.referred_at))
    referrals = referrals.filter(ctx.in_range(referrals.day))
    referrers = referrals.select(
        customer_id=referrals.referrer_id, period_start=ctx.period_of(referrals.day)
    ).distinct()
    return _share_of(ctx, active, referrers)


@metric(
    "referred_share",
    family="loyalty",
    definition="Share of the period's new customers who came through a referral.",
    formula="new customers who were referred ÷ new customers",
    unit="share",
    higher_is_better=True,
    needs=("orders", "referrals"),
)
def referred_share(ctx: Context) -> ir.Table:
    """New customers (first completed order ever in the period) referred by the period end."""
    firsts = ctx.first_orders
    firsts = firsts.filter(ctx.in_range(firsts.first_day))
    new = firsts.select("customer_id", period_start=ctx.period_of(firsts.first_day))
    calendar = ctx.calendar_table()
    referrals = ctx.table("referrals")
    referred = referrals.group_by(customer_id=referrals.referred_id).agg(
        day=ctx.day(referrals.referred_at).min()
    )
    # Referred by the end of the new customer's period (the last day of the date range at most).
    candidates = new.join(calendar, "period_start").join(referred, "customer_id")
    hits = candidates.filter(candidates.day <= candidates.last_day)
    return _share_of(ctx, new, hits.select("customer_id", "period_start"))


@metric(
    "engagement_index",
    family="loyalty",
    definition=(
        "How engaged the customers on the books are, 0-100: each customer's average rank on "
        "recency, orders, app activity, e-mail clicks and latest survey score (the signals your "
        "data has), averaged over customers; ranks are against all periods shown, so 50 is "
        "the average of the whole range."
    ),
    formula="mean over customers on the books of mean(percentile rank of each signal)",
    unit="index",
    higher_is_better=True,
    needs=("orders",),
    smallest_period="week",
)
def engagement_index(ctx: Context) -> ir.Table:
    """Mean engagement index of the customers on the books at each period end.

    Customers are ranked against every (customer, period) row of the query (pooled), not
    within each period: ranked within a period, the mean index is 50 by construction.
    """
    scores = ctx.with_segment(period_scores(ctx, pooled=True))
    stats = scores.group_by(_GROUP).agg(
        value=scores.engagement_index.mean(), sd=scores.engagement_index.std(), n=scores.count()
    )
    low, high = mean_interval(stats.value, stats.sd, stats.n)
    return stats.select(*_GROUP, value=stats.value, ci_low=low, ci_high=high, n=stats.n)

"""The facts the loyalty ladder reads, per customer, as of the end of each period of a query.

Every function takes the table of dates of :func:`loyalist.metrics.engagement_index.period_ends`
(``period_start``, ``as_of``, ``window_from`` = first day of the active window ending at
``as_of``, ``days28_from`` = first of the last 28 days) and joins per-customer facts to it,
so the ladder of many dates is one query. Dates are local business dates.

A fact whose table is missing (events, responses, referrals) is NULL for everyone; a
customer without rows in a table that exists gets 0 (active days, referrals) or NULL (no
NPS answer).
"""

from __future__ import annotations

from datetime import timedelta

import ibis
import ibis.expr.types as ir

from loyalist.metrics.activity import events_between
from loyalist.metrics.context import Context

_KEYS = ("period_start", "customer_id")


def ladder_facts(ctx: Context, ends: ir.Table) -> ir.Table:
    """Per period end and customer with a completed order by then, the facts of the ladder.

    Columns: ``period_start, as_of, window_from, customer_id, first_order_day,
    last_order_day, days_since_last_order, orders`` (completed orders to date),
    ``orders_in_window, active_days_28, latest_nps, referrals_in_window``.

    Examples
    --------
    >>> from datetime import date
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.engagement_index import period_ends
    >>> from loyalist.metrics.spec import Query
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> ctx = Context(base, Query(period=None), date(1997, 6, 30), date(1997, 6, 30))
    >>> facts = ladder_facts(ctx, period_ends(ctx)).execute()
    >>> len(facts), int(facts.orders_in_window.max()), facts.latest_nps.isna().all()
    (2357, 56, np.True_)
    """
    facts = _to_date(ctx, ends)
    optional = {
        "active_days_28": (_active_days, ctx.base.has("events"), "int64"),
        "latest_nps": (_latest_nps, _has_scores(ctx), "float64"),
        "referrals_in_window": (_referrals, ctx.base.has("referrals"), "int64"),
    }
    for column, (build, available, dtype) in optional.items():
        if available:
            facts = _left_attach(facts, build(ctx, ends))
            if dtype == "int64":  # a count: no rows means none
                facts = facts.mutate(**{column: facts[column].fill_null(0)})
        else:
            facts = facts.mutate(**{column: ibis.null(dtype)})
    return facts


def _order_days(ctx: Context) -> ir.Table:
    """Customer and local day with completed orders up to the last date, with running totals."""
    days = ctx.purchase_days
    days = days.filter(days.day <= ibis.literal(ctx.end)).select("customer_id", "day", "orders")
    history = ibis.window(group_by="customer_id", order_by="day")
    return days.mutate(
        next_day=days.day.lead().over(history),
        first_day=days.day.min().over(history),
        to_date=days.orders.sum().over(
            ibis.window(group_by="customer_id", order_by="day", rows=(None, 0))
        ),
    )


def _to_date(ctx: Context, ends: ir.Table) -> ir.Table:
    """Order facts: the customer's last order day on or before each date holds the totals."""
    days = _order_days(ctx)
    # Exactly one order day per customer and date: the last one on or before the date.
    latest = days.join(
        ends, (days.day <= ends.as_of) & (days.next_day.isnull() | (days.next_day > ends.as_of))
    )
    latest = latest.select(
        "period_start",
        "as_of",
        "window_from",
        "customer_id",
        first_order_day=latest.first_day,
        last_order_day=latest.day,
        days_since_last_order=latest.as_of.delta(latest.day, unit="day"),
        orders=latest.to_date,
    )
    inside = days.join(ends, (days.day >= ends.window_from) & (days.day <= ends.as_of))
    window = inside.group_by(list(_KEYS)).agg(orders_in_window=inside.orders.sum())
    latest = _left_attach(latest, window)
    return latest.mutate(orders_in_window=latest.orders_in_window.fill_null(0))


def _active_days(ctx: Context, ends: ir.Table) -> ir.Table:
    """Distinct local days with an event in the 28 days up to each date."""
    first = ctx.calendar[0][1] - timedelta(days=27)
    events = events_between(ctx, first, ctx.end)
    days = events.select("customer_id", day=ctx.day(events.occurred_at)).distinct()
    joined = days.join(ends, (days.day >= ends.days28_from) & (days.day <= ends.as_of))
    return joined.group_by(list(_KEYS)).agg(active_days_28=joined.count())


def _latest_nps(ctx: Context, ends: ir.Table) -> ir.Table:
    """The latest NPS score given on or before each date (the higher one on a tie)."""
    responses = ctx.table("responses")
    answers = responses.filter((responses.survey == "nps") & responses.score.notnull())
    answers = answers.select(
        "customer_id", "responded_at", "score", day=ctx.day(answers.responded_at)
    )
    # Each answer holds from its day until the day of the customer's next answer.
    order = [answers.responded_at, answers.score]
    answers = answers.mutate(until=answers.day.lead().over(group_by="customer_id", order_by=order))
    joined = answers.join(
        ends, (answers.day <= ends.as_of) & (answers.until.isnull() | (answers.until > ends.as_of))
    )
    return joined.select(*_KEYS, latest_nps=joined.score.cast("float64"))


def _referrals(ctx: Context, ends: ir.Table) -> ir.Table:
    """Referrals made (as the referrer) in the active window up to each date."""
    referrals = ctx.table("referrals")
    referrals = referrals.select(
        customer_id=referrals.referrer_id, day=ctx.day(referrals.referred_at)
    )
    joined = referrals.join(
        ends, (referrals.day >= ends.window_from) & (referrals.day <= ends.as_of)
    )
    return joined.group_by(list(_KEYS)).agg(referrals_in_window=joined.count())


def _has_scores(ctx: Context) -> bool:
    return ctx.base.has("responses") and "score" in ctx.table("responses").columns


def _left_attach(left: ir.Table, right: ir.Table) -> ir.Table:
    """Left join ``right`` on period and customer, keeping ``left``'s key columns."""
    renamed = right.rename({f"__{k}": k for k in _KEYS})
    joined = left.left_join(
        renamed,
        (left.period_start == renamed.__period_start) & (left.customer_id == renamed.__customer_id),
    )
    return joined.drop(*(f"__{k}" for k in _KEYS))

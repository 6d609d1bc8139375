"""Stickiness metrics: how often customers come back, and what brings them back.

Active means at least one app or site event on a local day (``events.occurred_at`` in the
business time zone). Every count starts from one row per customer and active day
(:mod:`loyalist.metrics.activity`), never from the raw events. The power-user curve and the
session metrics live here too; the lifecycle (new, returning, resurrected, dormant) is in
:mod:`loyalist.metrics.lifecycle`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.metrics.activity import (
    active_days,
    day_begins,
    events_between,
    mean_actives,
    once,
    segments_of,
    spine,
    unit_start,
)
from loyalist.metrics.context import Context, resolve
from loyalist.metrics.intervals import Z, wilson
from loyalist.metrics.registry import metric
from loyalist.metrics.spec import Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

_NULL = ibis.null("float64")
#: Active on at least this many of the last 7 days makes a power user in L7.
L7_THRESHOLD = 4
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
    return mean_actives(ctx, active_days(ctx), "day")


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
    return mean_actives(ctx, active_days(ctx), "week")


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
    return mean_actives(ctx, active_days(ctx), "month")


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
    days = active_days(ctx)
    days = days.mutate(unit_start=unit_start(days.day, "month"))
    months = days.group_by(["customer_id", "segment", "unit_start"]).agg(a=days.count())
    months = months.join(spine(ctx, "month"), "unit_start")
    a, d = months.a.cast("float64"), months.days.cast("float64")
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
    days = active_days(ctx)
    days = days.mutate(unit_start=unit_start(days.day, "month"))
    months = spine(ctx, "month")
    per_customer = (
        days.select("customer_id", "segment", "unit_start")
        .distinct()
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


# -- power users (L-ness) -----------------------------------------------------------------
def _window_days(ctx: Context, window: int) -> ir.Table:
    """Active days per customer in the ``window`` days ending at each period's last day."""
    rows = [
        {"period_start": first, "window_first": last - timedelta(days=window - 1), "last": last}
        for first, last in ctx.calendar
    ]
    windows = ibis.memtable(
        rows, schema={"period_start": "date", "window_first": "date", "last": "date"}
    )
    days = active_days(ctx, first=min(r["window_first"] for r in rows))
    joined = days.join(windows, [days.day >= windows.window_first, days.day <= windows.last])
    return joined.group_by(["period_start", "segment", "customer_id"]).agg(
        active_days=joined.count()
    )


def _power_users(ctx: Context, window: int, threshold: int) -> ir.Table:
    counts = _window_days(ctx, window)
    stats = counts.group_by(["period_start", "segment"]).agg(
        hits=(counts.active_days >= threshold).sum(), n=counts.count()
    )
    low, high = wilson(stats.hits, stats.n)
    return stats.select(
        "period_start",
        "segment",
        value=stats.hits.cast("float64") / stats.n,
        ci_low=low,
        ci_high=high,
        n="n",
    )


_POWER = (
    "Power users: of the customers active in the {w} days up to the period's last day, the "
    "share active on at least {k} of those days. The window may reach back before the start "
    "of the date range."
)


@metric(
    "power_users_l7",
    family="stickiness",
    definition=_POWER.format(w=7, k=L7_THRESHOLD),
    formula=f"count(customers active ≥ {L7_THRESHOLD} of 7 days) / count(active in the 7 days)",
    unit="share",
    higher_is_better=True,
    needs=("events",),
)
def power_users_l7(ctx: Context) -> ir.Table:
    """Share of L7 actives with 4+ active days; Wilson interval; ``n`` = L7 actives."""
    return _power_users(ctx, 7, L7_THRESHOLD)


@metric(
    "power_users_l28",
    family="stickiness",
    definition=_POWER.format(w=28, k="sticky_min_active_days (default 8)")
    + " The threshold is the loyalty ladder's [ladder] sticky_min_active_days.",
    formula="count(customers active ≥ sticky_min_active_days of 28) / count(active in the 28)",
    unit="share",
    higher_is_better=True,
    needs=("events",),
)
def power_users_l28(ctx: Context) -> ir.Table:
    """Share of L28 actives with ``sticky_min_active_days``+ active days; Wilson interval."""
    return _power_users(ctx, 28, ctx.base.config.ladder.sticky_min_active_days)


def power_user_curve(
    base: CustomerBase, window: int = 28, as_of: date | None = None, by: str | None = None
) -> ir.Table:
    """The power-user curve (L7, L28 ...): how many customers were active on exactly k days.

    Over the ``window`` days ending at ``as_of`` (default: the last order day, as for
    :func:`loyalist.metrics.run.compute`), for k = 1 … ``window``, per segment: ``segment,
    active_days, customers, share`` where ``share`` is of the segment's customers active at
    least once in the window (every k is present, with 0 customers where none). Needs events.

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-07"], "amount": [1.0]})
    >>> events = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                        "occurred_at": ["2024-01-05", "2024-01-06", "2024-01-06"]})
    >>> base = CustomerBase.from_frames(orders=orders, events=events)
    >>> curve = power_user_curve(base, window=7).execute()
    >>> curve.customers.tolist(), curve.share.tolist()[:2]
    ([1, 1, 0, 0, 0, 0, 0], [0.5, 0.5])
    """
    query = Query(None, by, as_of, as_of) if as_of else Query(None, by)
    ctx = resolve(base, query)
    first = ctx.end - timedelta(days=window - 1)
    days = active_days(ctx, first=first, last=ctx.end)
    per_customer = days.group_by(["segment", "customer_id"]).agg(active_days=days.count())
    counts = per_customer.group_by(["segment", "active_days"]).agg(customers=per_customer.count())
    ks = ibis.memtable({"active_days": list(range(1, window + 1))}, schema={"active_days": "int64"})
    grid = ks.cross_join(segments_of(ctx, per_customer))
    joined = grid.left_join(
        counts,
        [grid.segment == counts.segment, grid.active_days == counts.active_days],
    )
    curve = joined.select(grid.segment, grid.active_days, customers=joined.customers.fill_null(0))
    total = curve.customers.sum().over(group_by="segment")
    share = ibis.ifelse(total > 0, curve.customers.cast("float64") / total, _NULL)
    return curve.mutate(share=share).order_by(["segment", "active_days"])


# -- sessions -----------------------------------------------------------------------------
def _sessions(ctx: Context) -> ir.Table:
    """One row per session: ``period_start, segment, seconds``.

    A session is the events sharing a ``session_id`` (per customer); its length is
    ``duration_s`` when given, else the time from its first to its last event (0 for a
    session of one event); events without a ``session_id`` belong to no session. Without a
    ``session_id`` column, each event with a ``duration_s`` is a session. A session counts
    on the local day of its first event.
    """
    events = events_between(ctx, ctx.start, ctx.end)
    if "duration_s" not in events.columns:
        events = events.mutate(duration_s=_NULL)
    events = events.mutate(given=events.duration_s.cast("float64"))
    if "session_id" in events.columns:
        events = events.filter(events.session_id.notnull())
        sessions = events.group_by(["customer_id", "session_id"]).agg(
            begin=events.occurred_at.min(), end=events.occurred_at.max(), given=events.given.max()
        )
        span = sessions.end.epoch_seconds() - sessions.begin.epoch_seconds()
        seconds = sessions.given.fill_null(span.cast("float64"))
    else:
        sessions = events.filter(events.given.notnull())
        sessions = sessions.select("customer_id", "given", begin=sessions.occurred_at)
        seconds = sessions.given
    sessions = sessions.select("customer_id", "begin", seconds=seconds)
    sessions = sessions.filter(  # on UTC time: the local day is worked out once, below
        sessions.begin >= day_begins(ctx.start, ctx.tz),
        sessions.begin < day_begins(ctx.end + timedelta(days=1), ctx.tz),
    )
    sessions = sessions.mutate(period_start=ctx.period_of(ctx.day(sessions.begin)))
    return ctx.with_segment(sessions).select("period_start", "segment", "seconds")


@metric(
    "session_duration",
    family="stickiness",
    definition="Typical session length: the median session in seconds (the average is "
    "mean_session_duration). A session's length is its recorded duration, or else the time "
    "from its first to its last event.",
    formula="median(duration_s, or last event − first event, per session)",
    unit="seconds",
    higher_is_better=True,
    needs=("events",),
)
def session_duration(ctx: Context) -> ir.Table:
    """Median session length; 95 % interval of the median from order statistics.

    The median is the middle session (the mean of the two middle ones for an even count),
    picked by rank so that every engine computes it the same way.
    The bounds are the sessions at ranks n/2 ∓ 1.96·√n/2 (+1 for the upper), rounded and
    kept within 1 … n (the binomial, distribution-free method); ``n`` = sessions.
    """
    sessions = _sessions(ctx)
    group = ["period_start", "segment"]
    ranked = sessions.mutate(
        rank=ibis.row_number().over(group_by=group, order_by=sessions.seconds) + 1,
        size=sessions.count().over(group_by=group),
    )
    size = ranked.size.cast("float64")
    half = Z * size.sqrt() / 2
    ranked = ranked.mutate(
        mid_low=((size + 1) / 2).floor().cast("int64"),
        mid_high=(size / 2).floor().cast("int64") + 1,
        low_rank=ibis.greatest((size / 2 - half).round(), 1).cast("int64"),
        high_rank=ibis.least((1 + size / 2 + half).round(), size).cast("int64"),
    )
    at = ranked.seconds.max
    return ranked.group_by(group).agg(
        value=(at(where=ranked.rank == ranked.mid_low) + at(where=ranked.rank == ranked.mid_high))
        / 2,
        ci_low=at(where=ranked.rank == ranked.low_rank),
        ci_high=at(where=ranked.rank == ranked.high_rank),
        n=ranked.count(),
    )


@metric(
    "mean_session_duration",
    family="stickiness",
    definition="Average session length in seconds (pulled up by a few long sessions: read it "
    "next to the median, session_duration).",
    formula="mean(duration_s, or last event − first event, per session)",
    unit="seconds",
    higher_is_better=True,
    needs=("events",),
)
def mean_session_duration(ctx: Context) -> ir.Table:
    """Mean session length; normal-approximation interval (floored at 0); ``n`` = sessions."""
    sessions = _sessions(ctx)
    stats = sessions.group_by(["period_start", "segment"]).agg(
        value=sessions.seconds.mean(), sd=sessions.seconds.std(), n=sessions.count()
    )
    half = Z * stats.sd / stats.n.cast("float64").sqrt()
    several = stats.n > 1
    return stats.select(
        "period_start",
        "segment",
        "value",
        ci_low=ibis.ifelse(several, ibis.greatest(stats.value - half, 0.0), _NULL),
        ci_high=ibis.ifelse(several, stats.value + half, _NULL),
        n="n",
    )


# -- what brings customers back -----------------------------------------------------------
@metric(
    "stickiness_by_value",
    family="stickiness",
    definition="Stickiness by the value that brings customers back: of the customers who had "
    "bought before the period, per reason given in their latest 'product' survey answer "
    "(price, convenience, service, quality ...), the share who bought again in the period.",
    formula="count(answered, ordered before, ordered in period) / count(answered, ordered before)",
    unit="share",
    higher_is_better=True,
    needs=("orders", "responses"),
)
def stickiness_by_value(ctx: Context) -> ir.Table:
    """Repeat-buying share per reason; Wilson interval.

    Denominator: customers whose latest ``product`` answer with a reason, as of the period's
    last day, exists, and whose first completed order is before the period's first day (in
    the range). Numerator: those of them with a completed order in the period. Segment = the
    reason, or "<by value> · <reason>" when ``by`` is given. No row without such customers.
    """
    reasons = _latest_reasons(ctx)
    orders = ctx.completed_orders
    first = orders.group_by("customer_id").agg(first_order=orders.day.min())
    bought = orders.filter(ctx.in_range(orders.day))
    bought = bought.select(
        "customer_id", period_start=ctx.period_of(bought.day), bought=ibis.literal(1)
    ).distinct()
    eligible = reasons.join(first, "customer_id")
    eligible = eligible.filter(eligible.first_order < eligible.first_day)
    joined = eligible.left_join(bought, ["customer_id", "period_start"])
    joined = ctx.with_segment(joined.select("customer_id", "period_start", "reason", "bought"))
    if ctx.query.by is not None:
        joined = joined.mutate(segment=joined.segment.concat(" · ", joined.reason))
    else:
        joined = joined.mutate(segment=joined.reason)
    stats = joined.group_by(["period_start", "segment"]).agg(
        hits=joined.bought.fill_null(0).sum(), n=joined.count()
    )
    low, high = wilson(stats.hits, stats.n)
    return stats.select(
        "period_start",
        "segment",
        value=stats.hits.cast("float64") / stats.n,
        ci_low=low,
        ci_high=high,
        n="n",
    )


def _latest_reasons(ctx: Context) -> ir.Table:
    """Each respondent's latest product-survey reason as of each period's last day.

    Columns ``customer_id, period_start, first_day, reason``. An answer holds from its day
    until the day of the customer's next answer.
    """
    answers = ctx.table("responses")
    if "reason" not in answers.columns:
        answers = answers.mutate(reason=ibis.null("string"))
    answers = answers.filter(answers.survey == "product", answers.reason.notnull())
    answers = answers.mutate(reason=answers.reason.strip())
    answers = answers.filter(answers.reason != "")
    answers = answers.select(
        "customer_id", "reason", "responded_at", day=ctx.day(answers.responded_at)
    )
    after = ibis.window(group_by="customer_id", order_by=["responded_at", "reason"])
    answers = answers.mutate(next_day=answers.day.lead().over(after))
    calendar = once(ctx, "calendar", ctx.calendar_table)
    held = answers.join(
        calendar,
        [
            answers.day <= calendar.last_day,
            answers.next_day.isnull() | (answers.next_day > calendar.last_day),
        ],
    )
    return held.select("customer_id", "period_start", "first_day", "reason")

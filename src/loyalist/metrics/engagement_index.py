"""The engagement index: one 0-100 score per customer, as of a date.

For each customer on the books (a completed order within the active window ending at the
date) the index is the mean percentile rank, among those customers, of the signals the data
has:

====================  ====================================================  =========
signal                what it is, as of the date                            needs
====================  ====================================================  =========
``recency_days``      days since the last completed order (fewer = higher)  orders
``orders_in_window``  completed orders in the active window                 orders
``active_days_28``    distinct active days in the 28 days up to the date    events
``click_to_open``     clicked ÷ opened, delivered e-mails sent in window    messages
``latest_score``      latest NPS answer ÷ 10 or CSAT answer ÷ 5             responses
====================  ====================================================  =========

The percentile rank of a value is ``100 × (customers below + ½ × customers equal) ÷
customers with the signal`` (ties share the middle rank, so a signal everyone has the same
value of scores 50), counted from a histogram of each signal's values
(:mod:`loyalist.metrics.percentiles`). A signal whose table is missing is left out for
everyone; a signal that is NULL for a customer (no opened e-mail, no survey answer) is left
out of that customer's mean. A customer without events has 0 active days (not NULL) when
the events table exists.

Many dates at once: every function takes a table of dates (``period_start``, ``as_of`` and
the window starts) and joins it to per-customer facts, so a metric computes one population
per period in a single query. The ``engagement_index`` metric ranks customers against all
periods of the query together (see :func:`period_scores`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.metrics.active_counts import window_days
from loyalist.metrics.context import Context
from loyalist.metrics.percentiles import with_percentiles
from loyalist.metrics.periods import day_begins_utc
from loyalist.metrics.spec import Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: The signals of the index, in the order they are reported.
SIGNALS = ("recency_days", "orders_in_window", "active_days_28", "click_to_open", "latest_score")
ACTIVE_DAYS = 28
_KEYS = ("period_start", "customer_id")


def engagement_scores(base: CustomerBase, as_of: date) -> ir.Table:
    """Each customer's engagement index and signals as of a (local) date.

    Only customers on the books at ``as_of`` get a row. Columns: ``customer_id``,
    ``engagement_index`` (0-100) and the signals of :data:`SIGNALS` that the data has.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> scores = engagement_scores(base, date(1997, 12, 31))
    >>> scores.columns
    ('customer_id', 'engagement_index', 'recency_days', 'orders_in_window')
    """
    ctx = Context(base, Query(period=None), as_of, as_of)
    return period_scores(ctx).drop("period_start", "as_of")


def period_scores(ctx: Context, pooled: bool = False) -> ir.Table:
    """The engagement index of every customer on the books at the end of each period.

    Columns: ``period_start``, ``as_of`` (the period's last day), ``customer_id``,
    ``engagement_index`` and the available signals. By default a customer is ranked against
    the customers on the books at the same date; with ``pooled`` against every
    (customer, period) row of the query, so the index can rise or fall from one period to
    the next (ranked within each period, its mean over all customers is always 50).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query("year"))
    >>> period_scores(ctx).columns[:4]
    ('period_start', 'as_of', 'customer_id', 'engagement_index')
    """
    signals = ctx.prepared.get("engagement_signals")
    if signals is None:
        signals = engagement_signals(ctx)
        # One row per period and customer already: grouping makes it one table that the
        # engine computes once, for the histograms of the ranks and for joining them back
        # (on DuckDB the runner stores the signals instead: metrics.prepared.prepared_for).
        signals = signals.group_by(list(_KEYS)).agg(
            **{c: signals[c].max() for c in signals.columns if c not in _KEYS}
        )
    present = [s for s in SIGNALS if s in signals.columns]
    within = [] if pooled else ["period_start"]
    signals = with_percentiles(signals, present, _direction, within)
    ranks = [signals[f"{s}_rank"] for s in present]
    total = sum((r.fill_null(0) for r in ranks), ibis.literal(0.0))
    counted = sum((r.notnull().ifelse(1, 0) for r in ranks), ibis.literal(0))
    index = total / counted.cast("float64")
    signals = signals.mutate(engagement_index=index)
    return signals.select("period_start", "as_of", "customer_id", "engagement_index", *present)


def engagement_signals(ctx: Context) -> ir.Table:
    """Every customer on the books at the end of each period, with the available signals.

    Columns: ``period_start``, ``as_of``, ``customer_id`` and the signals of
    :data:`SIGNALS` that the data has, one row per period and customer.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query("year"))
    >>> engagement_signals(ctx).columns
    ('period_start', 'as_of', 'customer_id', 'recency_days', 'orders_in_window')
    """
    ends = period_ends(ctx)
    signals = _on_the_books(ctx, ends)
    extra: list[ir.Table] = []
    if ctx.base.has("events"):
        extra.append(_active_days(ctx))
    if ctx.base.has("messages") and _has_any(ctx.table("messages"), "opened_at", "clicked_at"):
        extra.append(_click_to_open(ctx, ends))
    if ctx.base.has("responses") and "score" in ctx.table("responses").columns:
        extra.append(_latest_score(ctx, ends))
    for table in extra:
        signals = _left_attach(signals, table)
    if "active_days_28" in signals.columns:
        signals = signals.mutate(active_days_28=signals.active_days_28.fill_null(0))
    return signals


def period_ends(ctx: Context) -> ir.Table:
    """The query's periods with the windows that end on their last day (``as_of``).

    ``window_from`` starts the active window, ``days28_from`` the 28 days of active days
    (local dates); ``window_since`` and ``until`` are the UTC instants at which the active
    window starts and ``as_of`` ends, so stored UTC times can be compared without converting
    them. All are computed here, in Python, so no engine needs date or time-zone arithmetic.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query("year"))
    >>> period_ends(ctx).columns[:4]
    ('period_start', 'as_of', 'window_from', 'days28_from')
    """
    rows = []
    for start, last in ctx.calendar:
        window_from = last - timedelta(days=ctx.window_days - 1)
        rows.append(
            {
                "period_start": start,
                "as_of": last,
                "window_from": window_from,
                "days28_from": last - timedelta(days=ACTIVE_DAYS - 1),
                "window_since": day_begins_utc(window_from, ctx.tz),
                "until": day_begins_utc(last + timedelta(days=1), ctx.tz),
            }
        )
    schema = {c: "date" for c in ("period_start", "as_of", "window_from", "days28_from")}
    schema |= {"window_since": "timestamp('UTC')", "until": "timestamp('UTC')"}
    return ibis.memtable(rows, schema=schema)


def _near(ctx: Context, ts: ir.TimestampValue, width: int) -> ir.BooleanValue:
    """True for UTC times that may fall in a ``width``-day window ending at a period end.

    A cheap filter on the stored UTC time, before the costlier local date is computed: it
    keeps a day's margin each side (no time zone is more than 14 hours from UTC); the join
    on the local day then keeps exactly the days inside each window.
    """
    first = ctx.calendar[0][1] - timedelta(days=width)
    last = ctx.calendar[-1][1] + timedelta(days=2)
    utc = "timestamp('UTC')"
    since = ibis.literal(datetime(first.year, first.month, first.day, tzinfo=UTC), type=utc)
    until = ibis.literal(datetime(last.year, last.month, last.day, tzinfo=UTC), type=utc)
    return (ts >= since) & (ts < until)


def _on_the_books(ctx: Context, ends: ir.Table) -> ir.Table:
    """Population and order signals: customers with a completed order in the window."""
    days = ctx.purchase_days
    first = ctx.calendar[0][1] - timedelta(days=ctx.window_days)
    days = days.filter(days.day.between(ibis.literal(first), ibis.literal(ctx.calendar[-1][1])))
    joined = days.join(ends, (days.day >= ends.window_from) & (days.day <= ends.as_of))
    books = joined.group_by(["period_start", "customer_id"]).agg(
        as_of=joined.as_of.max(),  # one per period: a value, not a key to group on
        last_day=joined.day.max(),
        orders_in_window=joined.orders.sum(),
    )
    return books.select(
        "period_start",
        "as_of",
        "customer_id",
        recency_days=books.as_of.delta(books.last_day, unit="day"),
        orders_in_window=books.orders_in_window,
    )


def _active_days(ctx: Context) -> ir.Table:
    """Distinct local days with an event in the 28 days up to each period end (the same
    counts as the L28 power users)."""
    days = window_days(ctx, ACTIVE_DAYS)
    return days.select(*_KEYS, active_days_28=days.active_days)


def _click_to_open(ctx: Context, ends: ir.Table) -> ir.Table:
    """Clicked ÷ opened among delivered e-mails sent in the active window (NULL: none opened).

    Opens and clicks count when they happened by the period end; a click without a recorded
    open counts as an open. Stored UTC times are compared with the UTC bounds of the local
    days, so no message time needs converting.
    """
    messages = ctx.table("messages")
    messages = messages.filter(_near(ctx, messages.sent_at, ctx.window_days))
    if "delivered" in messages.columns:
        messages = messages.filter(messages.delivered.fill_null(True))
    messages = messages.select(
        "customer_id",
        "sent_at",
        opened=_first_of(messages, "opened_at", "clicked_at"),
        clicked=_first_of(messages, "clicked_at"),
    )
    # An e-mail never opened adds to neither count, and a customer whose e-mails were none
    # of them opened gets NULL either way: only opened e-mails are joined to the windows.
    messages = messages.filter(messages.opened.notnull())
    joined = messages.join(
        ends, (messages.sent_at >= ends.window_since) & (messages.sent_at < ends.until)
    )
    click_by = (joined.clicked < joined.until).fill_null(False)
    open_by = (joined.opened < joined.until).fill_null(False) | click_by
    totals = joined.group_by(list(_KEYS)).agg(
        opens=joined.count(where=open_by), clicks=joined.count(where=click_by)
    )
    opens = ibis.ifelse(totals.opens > 0, totals.opens.cast("float64"), ibis.null("float64"))
    return totals.select(*_KEYS, click_to_open=totals.clicks / opens)


def _latest_score(ctx: Context, ends: ir.Table) -> ir.Table:
    """The latest NPS (÷ 10) or CSAT (÷ 5) answer given by each period end."""
    answers = ctx.table("responses")
    answers = answers.filter(answers.survey.isin(["nps", "csat"]) & answers.score.notnull())
    answers = answers.select(
        "customer_id",
        "responded_at",
        day=ctx.day(answers.responded_at),
        scaled=ibis.ifelse(answers.survey == "nps", answers.score / 10, answers.score / 5),
    )
    # Each answer holds from its day until the day of the customer's next answer.
    order = [answers.responded_at, answers.scaled]
    answers = answers.mutate(until=answers.day.lead().over(group_by="customer_id", order_by=order))
    joined = answers.join(
        ends,
        (answers.day <= ends.as_of) & (answers.until.isnull() | (answers.until > ends.as_of)),
    )
    return joined.select(*_KEYS, latest_score=joined.scaled)


def _direction(table: ir.Table, signal: str) -> ir.NumericValue:
    """The signal oriented so that higher means more engaged."""
    value = table[signal].cast("float64")
    return -value if signal == "recency_days" else value


def _left_attach(left: ir.Table, right: ir.Table) -> ir.Table:
    """Left join ``right`` on period and customer, keeping ``left``'s key columns."""
    renamed = right.rename({f"__{k}": k for k in _KEYS})
    joined = left.left_join(
        renamed,
        (left.period_start == renamed.__period_start) & (left.customer_id == renamed.__customer_id),
    )
    return joined.drop(*(f"__{k}" for k in _KEYS))


def _has_any(table: ir.Table, *columns: str) -> bool:
    return any(c in table.columns for c in columns)


def _first_of(table: ir.Table, *columns: str) -> ir.TimestampValue:
    """The first present, non-NULL of ``columns`` (a missing column counts as NULL)."""
    values = [table[c] for c in columns if c in table.columns]
    if not values:
        return ibis.null("timestamp('UTC')")
    return values[0] if len(values) == 1 else ibis.coalesce(*values)

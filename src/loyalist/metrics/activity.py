"""Activity: who was active on which local day, reduced once.

Events can run to tens of millions of rows, so every stickiness metric starts from the same
table: one row per customer and month with activity, its active days held as bits
(:func:`active_months`, :mod:`loyalist.metrics.day_bits`). On the engine's own DuckDB that
table is stored once per customer base (:mod:`loyalist.metrics.prepared`); elsewhere it is
the same expression over the events. Counting it per day, week, month or window is in
:mod:`loyalist.metrics.active_counts`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import Literal, TypeVar

import ibis
import ibis.expr.types as ir

from loyalist.metrics import day_bits, periods
from loyalist.metrics.context import Context

Source = Literal["events", "orders"]
T = TypeVar("T")


def once(ctx: Context, key: Hashable, build: Callable[[], T]) -> T:
    """Build a piece of a query once per :class:`Context` and hand out the same expression.

    Metrics computed together share one context; the same Ibis expression used by several
    of them compiles to one common table, which the engine computes once (small in-memory
    tables, such as spines, would otherwise be new tables each time they are built).
    """
    cache = ctx.__dict__.setdefault("_built_once", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def activity_source(ctx: Context) -> Source:
    """``events`` when the base has app or site activity, else completed ``orders``."""
    return "events" if ctx.base.has("events") else "orders"


#: Power-user windows (L28) look back this many days before the first day they count.
LOOKBACK_DAYS = 27


def previous_start(ctx: Context) -> date:
    """The first day of the period before the query's first period (the lifecycle's
    "previous period"; with ``period=None``, as many days before the range as it has)."""
    if ctx.period is None:
        return ctx.start - timedelta(days=(ctx.end - ctx.start).days + 1)
    return periods.floor(ctx.calendar[0][0] - timedelta(days=1), ctx.period)


def history_start(ctx: Context) -> date:
    """The first day of the activity every stickiness metric of a query shares.

    The range start less :data:`LOOKBACK_DAYS` (power-user windows), or the start of the
    period before the first one (the lifecycle's previous period) when that is earlier: one
    scan of the events then serves DAU to lifecycle alike.
    """
    return min(ctx.start - timedelta(days=LOOKBACK_DAYS), previous_start(ctx))


def active_months(
    ctx: Context, first: date | None = None, last: date | None = None, source: Source = "events"
) -> ir.Table:
    """One row per customer and month with activity on the local days ``first`` … ``last``
    (default: the query's date range): ``customer_id, month, days, segment``, where ``days``
    holds the month's active days as bits (:mod:`loyalist.metrics.day_bits`), those outside
    ``first`` … ``last`` cleared.

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "customer_id": ["a", "a"],
    ...                        "ordered_at": ["2024-01-02", "2024-01-05"], "amount": [1.0, 1.0]})
    >>> ctx = resolve(CustomerBase.from_frames(orders=orders), Query())
    >>> bin(active_months(ctx, source="orders").days.execute()[0])  # 2 and 5 January
    '0b10010'
    """
    first = ctx.start if first is None else first
    last = ctx.end if last is None else last
    months = all_months(ctx, source, min(first, history_start(ctx)))
    low, high = first.replace(day=1), last.replace(day=1)
    months = months.filter(months.month.between(ibis.literal(low), ibis.literal(high)))
    head = day_bits.WHOLE_MONTH & ~((1 << (first.day - 1)) - 1)
    tail = (1 << last.day) - 1
    keep = ibis.cases(
        (months.month == ibis.literal(low), head & tail if low == high else head),
        (months.month == ibis.literal(high), tail),
        else_=day_bits.WHOLE_MONTH,
    )
    months = months.select("customer_id", "month", days=months.days & keep)
    return ctx.with_segment(months.filter(months.days != 0))


def all_months(ctx: Context, source: Source = "events", since: date | None = None) -> ir.Table:
    """Every customer-month with activity from ``since`` (default :func:`history_start`) to
    the range end, at least: ``customer_id, month, days`` (the active days as bits).

    The one reduction of the events every metric of a query shares (identical expressions
    compile to one common table): stored once per base on DuckDB (all history,
    :mod:`loyalist.metrics.prepared`), else grouped from the events of those days, selected
    on UTC time (:func:`events_between`). From ``orders``: the days of completed orders, all
    history.
    """
    since = history_start(ctx) if since is None else since
    prepared = ctx.prepared.get("event_months") if source == "events" else None
    if prepared is not None:
        return prepared
    if source == "orders":  # few enough to take all history
        days = ctx.purchase_days
        days = days.filter(days.day <= ibis.literal(ctx.end))
    else:
        events = events_between(ctx, since, ctx.end)
        events = events.filter(events.customer_id.notnull())
        days = events.select("customer_id", day=ctx.day(events.occurred_at))
    return months_of(days)


def months_of(days: ir.Table) -> ir.Table:
    """Rows with ``customer_id`` and a local ``day``, as customer-months: ``customer_id,
    month, days`` (the active days as bits).

    Examples
    --------
    >>> rows = ibis.memtable({"customer_id": ["a", "a"],
    ...                       "day": [date(2024, 1, 1), date(2024, 1, 3)]})
    >>> months_of(rows).days.execute().tolist()
    [5]
    """
    rows = days.select("customer_id", month=days.day.truncate("M"), bit=day_bits.bit(days.day))
    return rows.group_by(["customer_id", "month"]).agg(days=rows.bit.bit_or())


def first_active_day(ctx: Context, source: Source = "events") -> ir.Table:
    """Each customer's first active day ever (up to the range end): ``customer_id, first_ever``.

    Events before :func:`all_months`'s span are only scanned for their earliest timestamp
    per customer (the local day is worked out per customer, not per event).
    """
    since = history_start(ctx)
    months = all_months(ctx, source, since)
    firsts = months.group_by("customer_id").agg(
        month=months.month.min(), days=months.days.argmin(months.month)
    )
    firsts = firsts.select(
        "customer_id", first_ever=day_bits.first_day(firsts.month, firsts.days, ctx.count_days)
    )
    firsts = firsts.filter(firsts.first_ever <= ibis.literal(ctx.end))
    if source == "events" and "event_months" not in ctx.prepared:
        events = ctx.table("events")
        early = events.filter(events.occurred_at < day_begins(since, ctx.tz))
        early = early.group_by("customer_id").agg(at=early.occurred_at.min())
        early = early.select("customer_id", first_ever=ctx.day(early.at))
        firsts = ibis.union(firsts, early, distinct=False)
    return firsts.group_by("customer_id").agg(first_ever=firsts.first_ever.min())


def events_between(ctx: Context, first: date, last: date) -> ir.Table:
    """The events of the local days ``first`` … ``last``, selected on their UTC timestamp.

    The bounds are the UTC instants at which those local days begin and end (worked out in
    Python), so engines compare plain timestamps (and skip files and row groups) instead of
    converting every event to local time first.
    """
    events = ctx.table("events")
    return events.filter(
        events.occurred_at >= day_begins(first, ctx.tz),
        events.occurred_at < day_begins(last + timedelta(days=1), ctx.tz),
    )


def day_begins(day: date, tz: str) -> ir.TimestampValue:
    """The UTC instant at which the local ``day`` begins in ``tz``.

    Examples
    --------
    >>> day_begins(date(2024, 7, 1), "Europe/Amsterdam").execute()
    Timestamp('2024-06-30 22:00:00+0000', tz='UTC')
    """
    return ibis.literal(periods.day_begins_utc(day, tz))

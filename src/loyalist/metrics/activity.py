"""Activity: who was active on which local day, reduced once.

Events can run to tens of millions of rows, so every stickiness metric starts from the same
table: one row per customer and local day with at least one event (:func:`active_days`).
On the engine's own DuckDB that table is stored once per customer base
(:mod:`loyalist.metrics.prepared`); elsewhere it is the same expression over the events.
Counting it per day, week or month is in :mod:`loyalist.metrics.active_counts`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import Literal, TypeVar

import ibis
import ibis.expr.types as ir

from loyalist.metrics import periods
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


def reduced(ctx: Context, source: Source = "events", since: date | None = None) -> ir.Table:
    """Distinct active customer-days: ``customer_id, day, first_at, segment``.

    The one scan of the events every metric of a query shares (identical expressions
    compile to one common table): the local days ``since`` (default :func:`history_start`)
    to the range end, selected on UTC time (:func:`events_between`), with the local day
    worked out once per event. From ``orders``: the days of completed orders, all history.
    """
    since = history_start(ctx) if since is None else since
    prepared = ctx.prepared.get("event_days") if source == "events" else None
    if prepared is not None:  # every customer-day of the events, stored once per base
        rows = prepared.filter(prepared.day.between(ibis.literal(since), ibis.literal(ctx.end)))
        return ctx.with_segment(rows)
    if source == "orders":
        orders = ctx.completed_orders
        rows = orders.select("customer_id", "day", at=orders.ordered_at)
    else:
        events = events_between(ctx, since, ctx.end)
        rows = events.select("customer_id", day=ctx.day(events.occurred_at), at=events.occurred_at)
    return ctx.with_segment(customer_days(rows))


def customer_days(rows: ir.Table) -> ir.Table:
    """Distinct customer-days of ``rows`` (``customer_id, day, at``): ``customer_id, day,
    first_at``, without rows of no customer.

    Examples
    --------
    >>> rows = ibis.memtable({"customer_id": ["a", "a", None], "day": [date(2024, 1, 1)] * 3,
    ...                       "at": [2, 1, 0]})
    >>> customer_days(rows).execute()[["customer_id", "first_at"]].values.tolist()
    [['a', 1]]
    """
    rows = rows.filter(rows.customer_id.notnull())
    return rows.group_by(["customer_id", "day"]).agg(first_at=rows.at.min())


def within(table: ir.Table, first: date, last: date, tz: str) -> ir.BooleanValue:
    """True for rows of a :func:`reduced` table whose local day is ``first`` … ``last``.

    Compares ``first_at`` (the day's first event) with UTC instants: an engine cannot push
    that test down into the shared scan, where it would work out every event's local day
    again (a test on ``day`` is pushed down, and costs as much as the scan itself).
    """
    return (table.first_at >= day_begins(first, tz)) & (
        table.first_at < day_begins(last + timedelta(days=1), tz)
    )


def active_days(
    ctx: Context, first: date | None = None, last: date | None = None, source: Source = "events"
) -> ir.Table:
    """One row per customer and local day with activity, ``first`` … ``last`` (default: the
    query's date range): columns ``customer_id, day, first_at, segment``.

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-01"], "amount": [1.0]})
    >>> ctx = resolve(CustomerBase.from_frames(orders=orders), Query())
    >>> active_days(ctx, source="orders").count().execute()
    1
    """
    first = ctx.start if first is None else first
    last = ctx.end if last is None else last
    since = history_start(ctx)
    rows = reduced(ctx, source, since if first >= since else first)
    return rows.filter(within(rows, first, last, ctx.tz))


def first_active_day(ctx: Context, since: date, source: Source = "events") -> ir.Table:
    """Each customer's first active day ever (up to the range end): ``customer_id, first_ever``.

    Events before :func:`reduced`'s span are only scanned for their earliest timestamp per
    customer (the local day is worked out per customer, not per event).
    """
    days = reduced(ctx, source, since)
    days = days.filter(days.first_at < day_begins(ctx.end + timedelta(days=1), ctx.tz))
    days = days.select("customer_id", "day")
    if source == "events" and "event_days" in ctx.prepared:
        every = ctx.prepared["event_days"]
        every = every.filter(every.day <= ibis.literal(ctx.end))
        return every.group_by("customer_id").agg(first_ever=every.day.min())
    if source == "events":
        events = ctx.table("events")
        early = events.filter(events.occurred_at < day_begins(since, ctx.tz))
        early = early.group_by("customer_id").agg(at=early.occurred_at.min())
        early = early.select("customer_id", day=ctx.day(early.at))
        days = ibis.union(days, early, distinct=False)
    return days.group_by("customer_id").agg(first_ever=days.day.min())


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

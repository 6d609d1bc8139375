"""Purchase days and "on the books": who counts as a current customer at the end of a day.

Every retention metric reads one shared table, :func:`purchase_days`: one row per customer
and local day with a completed order, with the previous and next such day. Built once per
query (the engine shares it), it gives gaps between purchases, first orders, repeat buyers
and cohorts without scanning the orders again.

A customer is *on the books* at the end of local day ``e`` when they have a completed order
on a day ``d`` with ``e - window < d <= e`` (``window`` = the business's ``active_window``),
or a subscription active then (started on or before ``e``, not ended by the end of ``e``).
Each order day keeps its customer on the books for ``[d, d + window - 1]``, each subscription
for ``[start day, end day - 1]``; a customer's overlapping or adjacent intervals merge into
*spells* (gaps and islands). The number on the books at the end of a day is the number of
spells covering it: a +1 on each spell's first day and a -1 the day after its last day,
summed up to that day. No customers x days cross join, so it stays fast on many orders.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import ibis
import ibis.expr.types as ir

from loyalist.metrics.context import Context

_DAY = ibis.interval(days=1)


def optional(table: ir.Table, name: str, dtype: str) -> ir.Value:
    """Column ``name`` of ``table``, or a NULL of type ``dtype`` when the data has none.

    Examples
    --------
    >>> t = ibis.table({"customer_id": "string"}, name="subscriptions")
    >>> optional(t, "ended_at", "timestamp('UTC')").type()
    Timestamp(timezone='UTC', scale=None, nullable=True)
    """
    return table[name] if name in table.columns else ibis.null(dtype)


def purchase_days(ctx: Context) -> ir.Table:
    """One row per customer and local day with a completed order, up to the range's end.

    Columns: ``customer_id, day, revenue, orders``, ``previous_day`` and ``next_day`` (the
    customer's order days before and after, NULL when there is none) and ``first_day`` (their
    first order day ever). Includes days before the range: history counts.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> purchase_days(ctx).columns
    ('customer_id', 'day', 'revenue', 'orders', 'previous_day', 'next_day', 'first_day')
    """
    days = ctx.purchase_days
    days = days.filter(days.day <= ibis.literal(ctx.end)).rename(revenue="amount")
    history = ibis.window(group_by="customer_id", order_by="day")
    return days.mutate(
        previous_day=days.day.lag().over(history),
        next_day=days.day.lead().over(history),
        first_day=days.day.min().over(history),
    )


def period_days(ctx: Context) -> ir.Table:
    """The purchase days inside the range, with their period and where they stand in it.

    Columns of :func:`purchase_days`, plus ``period_start``, ``opens_period`` (the customer's
    first order day in the period: one such row per customer who ordered in the period)
    and ``repeats`` (the customer orders again later in the same period).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query("year"))
    >>> days = period_days(ctx)
    >>> int(days.opens_period.sum().execute())  # 2357 buyers in 1997, 515 in 1998
    2872
    """
    days = purchase_days(ctx)
    days = days.filter(ctx.in_range(days.day))
    days = days.mutate(period_start=ctx.period_of(days.day))
    # The period's first day within the range (the first period may start later).
    opened = ibis.greatest(days.period_start, ibis.literal(ctx.start))
    return days.mutate(
        opens_period=days.previous_day.isnull() | (days.previous_day < opened),
        repeats=days.next_day.notnull() & (ctx.period_of(days.next_day) == days.period_start),
    )


# -- the changes of the books ----------------------------------------------------------
def _order_changes(ctx: Context) -> ir.Table:
    """Changes of the books from orders alone, read off :func:`purchase_days`.

    A spell opens on an order day more than ``window`` days after the previous one and
    closes ``window`` days after an order day not followed by another within ``window``.
    """
    window = ctx.window_days
    days = purchase_days(ctx)
    opens = days.previous_day.isnull() | (days.day.delta(days.previous_day, unit="day") > window)
    closes = days.next_day.isnull() | (days.next_day.delta(days.day, unit="day") > window)
    starts = days.filter(opens).select("customer_id", "day", change=ibis.literal(1))
    ends = days.filter(closes).select(
        "customer_id", day=days.day + ibis.interval(days=window), change=ibis.literal(-1)
    )
    return ibis.union(starts, ends, distinct=False)


def intervals(ctx: Context, through: date) -> ir.Table:
    """The days each order day or subscription keeps a customer on the books.

    Returns ``customer_id, first_day, last_day`` (local dates, inclusive), for intervals
    starting on or before ``through``; last days are clipped to ``through``.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> intervals(ctx, ctx.end).columns
    ('customer_id', 'first_day', 'last_day')
    """
    end = ibis.literal(through)
    days = purchase_days(ctx)
    days = days.filter(days.day <= end)
    parts = [
        days.select(
            "customer_id",
            first_day=days.day,
            last_day=ibis.least(days.day + ibis.interval(days=ctx.window_days - 1), end),
        )
    ]
    if ctx.base.has("subscriptions"):
        subs = ctx.table("subscriptions")
        ended = optional(subs, "ended_at", "timestamp('UTC')")  # none: all still active
        subs = subs.select(
            "customer_id",
            first_day=ctx.day(subs.started_at),
            last_day=(ctx.day(ended) - _DAY).fill_null(end),
        )
        subs = subs.mutate(last_day=ibis.least(subs.last_day, end))
        parts.append(subs.filter(subs.first_day <= subs.last_day, subs.first_day <= end))
    return ibis.union(*parts, distinct=False)


def _marked(ctx: Context, through: date) -> ir.Table:
    """Intervals with ``opens`` / ``closes`` (first / last of a spell) and ``reach``."""
    iv = intervals(ctx, through)
    order = ["first_day", "last_day"]
    before = ibis.window(group_by="customer_id", order_by=order, rows=(None, -1))
    upto = ibis.window(group_by="customer_id", order_by=order, rows=(None, 0))
    iv = iv.mutate(
        previous_reach=iv.last_day.max().over(before),
        reach=iv.last_day.max().over(upto),
        next_first=iv.first_day.lead().over(ibis.window(group_by="customer_id", order_by=order)),
    )
    return iv.mutate(
        opens=iv.previous_reach.isnull() | (iv.first_day > iv.previous_reach + _DAY),
        closes=iv.next_first.isnull() | (iv.next_first > iv.reach + _DAY),
    )


def changes(ctx: Context, through: date) -> ir.Table:
    """+1 on the first day of every spell on the books, -1 on the day after its last day.

    Returns ``customer_id, day, change``; days after ``through`` may appear and are to be
    ignored. The number of customers on the books at the end of day ``e <= through`` is the
    sum of the changes on or before ``e``.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> moves = changes(ctx, ctx.end)
    >>> int(moves.filter(moves.day <= ctx.end).change.sum().execute())  # on the books at end
    812
    """
    if not ctx.base.has("subscriptions"):
        return _order_changes(ctx)
    marked = _marked(ctx, through)
    starts = marked.filter(marked.opens).select(
        "customer_id", day=marked.first_day, change=ibis.literal(1)
    )
    ends = marked.filter(marked.closes)
    ends = ends.select("customer_id", day=ends.reach + _DAY, change=ibis.literal(-1))
    return ibis.union(starts, ends, distinct=False)


def first_days(ctx: Context) -> ir.Table:
    """Each customer's first day on the books (first completed order or subscription start).

    Returns ``customer_id, first_day``, over all history up to the range's end.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> int(first_days(ctx).count().execute())
    2357
    """
    days = purchase_days(ctx)
    firsts = days.filter(days.previous_day.isnull()).select("customer_id", "first_day")
    if not ctx.base.has("subscriptions"):
        return firsts
    subs = ctx.table("subscriptions")
    starts = subs.select("customer_id", first_day=ctx.day(subs.started_at))
    every = ibis.union(firsts, starts, distinct=False)
    return every.group_by("customer_id").agg(first_day=every.first_day.min())


# -- counting --------------------------------------------------------------------------
@lru_cache(maxsize=32)
def _period_starts(starts: tuple[date, ...]) -> ir.Table:
    """The periods' first days as a table; the same object for the same periods, so that
    metrics built on it (retention, churn, growth) compile to one shared subquery."""
    return ibis.memtable({"period_start": list(starts)}, schema={"period_start": "date"})


def on_the_books(ctx: Context) -> ir.Table:
    """Per period and segment: customers on the books at its start and end, and new ones.

    ``at_start`` counts at the end of the day before the period's first day, ``at_end`` at
    the end of its last day (both clipped to the query's range); ``new`` counts customers
    whose first day on the books falls in the period. Rows: every period and segment with
    any customer on the books at either boundary or new in it.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query("year"))
    >>> books = on_the_books(ctx).order_by("period_start").execute()
    >>> books[["at_start", "at_end", "new"]].values.tolist()
    [[0, 2357, 2357], [2357, 812, 0]]
    """
    starts = [first for first, _ in ctx.calendar]
    before = starts[0] - timedelta(days=1)  # stands for every day before the range

    def bucket(day: ir.DateValue) -> ir.DateValue:
        # The period whose last day is the first boundary on or after ``day``.
        return ibis.ifelse(day < ibis.literal(ctx.start), ibis.literal(before), ctx.period_of(day))

    moves = changes(ctx, ctx.end)
    moves = moves.filter(moves.day <= ibis.literal(ctx.end))
    moves = ctx.with_segment(moves)
    moves = moves.group_by(["segment", bucket(moves.day).name("period_start")]).agg(
        change=moves.change.sum()
    )
    # Every segment x (before, every period), so that a running sum gives the books at each
    # period's end: before + changes of the periods so far.
    grid = moves.select("segment").distinct().cross_join(_period_starts((before, *starts)))
    books = grid.left_join(moves, ["segment", "period_start"])
    books = books.select("segment", "period_start", change=books.change.fill_null(0))
    so_far = ibis.window(group_by="segment", order_by="period_start", rows=(None, 0))
    books = books.mutate(at_end=books.change.sum().over(so_far))
    books = books.filter(books.period_start > ibis.literal(before)).select(
        "period_start", "segment", at_start=books.at_end - books.change, at_end=books.at_end
    )
    firsts = ctx.with_segment(first_days(ctx))
    firsts = firsts.filter(ctx.in_range(firsts.first_day))
    new = firsts.group_by([ctx.period_of(firsts.first_day).name("period_start"), "segment"]).agg(
        new=firsts.count()
    )
    joined = books.join(new, ["period_start", "segment"], how="outer")
    return joined.select(
        period_start=joined.period_start.fill_null(joined.period_start_right),
        segment=joined.segment.fill_null(joined.segment_right),
        at_start=joined.at_start.fill_null(0),
        at_end=joined.at_end.fill_null(0),
        new=joined.new.fill_null(0),
    )

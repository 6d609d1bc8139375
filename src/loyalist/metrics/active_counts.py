"""Counting active customers: per day, week or month, and per customer over a window.

Counts start from :func:`loyalist.metrics.activity.active_months` (one row per customer and
month, its active days as bits). Days without any activity still count, as zeros, through a
*spine* (the days, weeks or months of the query, built in Python: a few thousand rows at
most), never through a customer × day cross join.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

import ibis
import ibis.expr.types as ir

from loyalist.metrics import day_bits, periods
from loyalist.metrics.activity import Source, active_months, once
from loyalist.metrics.context import ALL, Context
from loyalist.metrics.intervals import Z

Unit = Literal["day", "week", "month", "quarter", "year"]


def spine(ctx: Context, unit: Unit) -> ir.Table:
    """Every day, week, month or year of the query, with the period it is counted in.

    Columns ``period_start, unit_start, days``: ``days`` is how many of the unit's days lie in
    the date range. A unit belongs to the period that holds its first day inside the range,
    so a week straddling two months counts in the month of its Monday, and the partly covered
    first week of a range counts in the first period.

    Examples
    --------
    >>> from datetime import date
    >>> from loyalist.metrics.spec import Query
    >>> ctx = Context(None, Query("month"), date(2024, 1, 1), date(2024, 2, 29))
    >>> spine(ctx, "week").execute().groupby("period_start").size().tolist()
    [5, 4]
    """
    return once(ctx, ("spine", unit), lambda: _spine(ctx, unit))


def _spine(ctx: Context, unit: Unit) -> ir.Table:
    rows = []
    for first, last in periods.calendar(ctx.start, ctx.end, unit):
        covered_first, covered_last = max(first, ctx.start), min(last, ctx.end)
        owner = ctx.start if ctx.period is None else periods.floor(covered_first, ctx.period)
        rows.append(
            {
                "period_start": owner,
                "unit_start": first,
                "days": (covered_last - covered_first).days + 1,
            }
        )
    return ibis.memtable(
        rows, schema={"period_start": "date", "unit_start": "date", "days": "int64"}
    )


def segments_of(ctx: Context, table: ir.Table) -> ir.Table:
    """The segments to report (one column ``segment``): ``all``, or those found in ``table``."""
    if ctx.query.by is None:
        return once(
            ctx, "all", lambda: ibis.memtable({"segment": [ALL]}, schema={"segment": "string"})
        )
    return table.select("segment").distinct()


def actives_per_unit(ctx: Context, unit: Unit) -> ir.Table:
    """Distinct active customers per unit and segment, zeros included.

    Counted on the query's :func:`~loyalist.metrics.activity.active_months`. Returns
    ``period_start, segment, unit_start, actives`` with one row per unit of the
    :func:`spine` and segment.
    """
    if unit == "day":
        counts = _daily_actives(ctx)
    else:  # one row per customer and unit: counting rows counts customers
        units = customer_units(ctx, unit)
        counts = units.group_by(["unit_start", "segment"]).agg(actives=units.count())
    grid = spine(ctx, unit).cross_join(segments_of(ctx, counts))
    joined = grid.left_join(
        counts,
        [grid.unit_start == counts.unit_start, grid.segment == counts.segment],
    )
    return joined.select(
        grid.period_start,
        grid.segment,
        grid.unit_start,
        actives=joined.actives.fill_null(0),
    )


def _daily_actives(ctx: Context) -> ir.Table:
    """Active customers per day: each month's bits summed, one sum per day of the month."""
    months = active_months(ctx)
    sums = months.group_by(["month", "segment"]).agg(
        **{f"bit_{d}": ((months.days >> d) & 1).sum() for d in range(31)}
    )
    rows = [
        {"month": day.replace(day=1), "bit": day.day - 1, "unit_start": day}
        for day, _ in periods.calendar(ctx.start, ctx.end, "day")
    ]
    days = ibis.memtable(rows, schema={"month": "date", "bit": "int64", "unit_start": "date"})
    per_day = sums.join(days, "month")
    actives = ibis.cases(*((per_day.bit == d, per_day[f"bit_{d}"]) for d in range(31)))
    return per_day.select("unit_start", "segment", actives=actives)


def mean_actives(ctx: Context, unit: Unit) -> ir.Table:
    """Mean actives per unit over each period, in the shape of a metric result.

    The interval is the normal approximation over the units (mean ± 1.96 · sd / √units),
    NULL when the period holds a single unit; ``n`` is the number of units.
    """
    per_unit = actives_per_unit(ctx, unit)
    stats = per_unit.group_by(["period_start", "segment"]).agg(
        value=per_unit.actives.mean(),
        sd=per_unit.actives.std(),
        n=per_unit.count(),
    )
    half = Z * stats.sd / stats.n.cast("float64").sqrt()
    several = stats.n > 1
    return stats.select(
        "period_start",
        "segment",
        "value",
        ci_low=ibis.ifelse(several, ibis.greatest(stats.value - half, 0.0), ibis.null("float64")),
        ci_high=ibis.ifelse(several, stats.value + half, ibis.null("float64")),
        n="n",
    )


def customer_units(
    ctx: Context,
    unit: Unit | None,
    first: date | None = None,
    last: date | None = None,
    source: Source = "events",
) -> ir.Table:
    """Active days per customer and day, week, month, quarter or year, on the local days
    ``first`` … ``last`` (default: the date range; ``unit=None``: those days as one unit):
    ``customer_id, segment, unit_start, active_days`` (built once per query and unit, shared
    by MAU, DAU/MAU, MAU/YAU and the lifecycle).

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-31"], "amount": [1.0]})
    >>> events = pd.DataFrame({"customer_id": ["a", "a", "a"],
    ...                        "occurred_at": ["2024-01-02", "2024-01-09", "2024-01-09"]})
    >>> base = CustomerBase.from_frames(orders=orders, events=events)
    >>> ctx = resolve(base, Query("month", start=date(2024, 1, 1)))
    >>> customer_units(ctx, "month").active_days.execute().tolist()  # 2 and 9 January
    [2]
    """
    first = ctx.start if first is None else first
    last = ctx.end if last is None else last

    def build() -> ir.Table:
        if unit == "month":  # the months themselves: nothing to mask or add up
            months = active_months(ctx, first, last, source)
            days = ctx.count_days(months.days)
            return months.select("customer_id", "segment", unit_start="month", active_days=days)
        keyed = (
            (first if unit is None else periods.floor(day, unit), day)
            for day, _ in periods.calendar(first, last, "day")
        )
        counts = days_per_key(ctx, keyed, source)
        return counts.rename(unit_start="key")

    return once(ctx, ("customer_units", unit, first, last, source), build)


def window_days(ctx: Context, window: int) -> ir.Table:
    """Active days per customer in the ``window`` days up to each period's last day.

    Columns ``period_start, segment, customer_id, active_days``, for customers active in
    the window (power users, the engagement index).

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-31"], "amount": [1.0]})
    >>> events = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                        "occurred_at": ["2024-01-02", "2024-01-30", "2024-01-31"]})
    >>> ctx = resolve(CustomerBase.from_frames(orders=orders, events=events), Query())
    >>> days = window_days(ctx, 7).order_by("customer_id").execute()  # 25 … 31 January
    >>> days[["customer_id", "active_days"]].values.tolist()
    [['a', 1], ['b', 1]]
    """

    def build() -> ir.Table:
        keyed = (
            (start, last - timedelta(days=back))
            for start, last in ctx.calendar
            for back in range(window)
        )
        return days_per_key(ctx, keyed).rename(period_start="key")

    return once(ctx, ("window_days", window), build)


def days_per_key(
    ctx: Context, keyed_days: Iterable[tuple[date, date]], source: Source = "events"
) -> ir.Table:
    """Active days per customer among the days of each key: ``customer_id, segment, key,
    active_days``, for customers active on at least one of them.

    ``keyed_days`` pairs a key (a week, a period) with each of its days. Each month's bits
    are masked with the key's days in that month and counted; a key whose days span two
    months or more adds up its months per customer (one grouping over those keys' rows
    only).

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "customer_id": ["a", "a"],
    ...                        "ordered_at": ["2024-01-31", "2024-02-01"], "amount": [1.0, 1.0]})
    >>> ctx = resolve(CustomerBase.from_frames(orders=orders), Query())
    >>> keyed = [(date(2024, 1, 29), date(2024, 1, 29) + timedelta(days=d)) for d in range(7)]
    >>> days_per_key(ctx, keyed, "orders").active_days.execute().tolist()
    [2]
    """
    keyed_days = list(keyed_days)
    found = day_bits.masks(keyed_days)
    months_of_key = Counter(key for _, key in found)
    rows = [
        {"month": month, "key": key, "mask": mask, "whole": months_of_key[key] == 1}
        for (month, key), mask in found.items()
    ]
    parts = ibis.memtable(
        rows, schema={"month": "date", "key": "date", "mask": "int64", "whole": "boolean"}
    )
    days = [day for _, day in keyed_days]
    months = active_months(ctx, min(days), max(days), source)
    joined = months.join(parts, "month")
    joined = joined.select("customer_id", "segment", "key", "whole", bits=joined.days & joined.mask)
    joined = joined.filter(joined.bits != 0)
    count = ctx.count_days(joined.bits)
    within = joined.filter(joined.whole).select("customer_id", "segment", "key", active_days=count)
    across = (
        joined.filter(~joined.whole)
        .group_by(["customer_id", "segment", "key"])
        .agg(active_days=count.sum())
    )
    if all(r["whole"] for r in rows):
        return within
    if not any(r["whole"] for r in rows):
        return across
    return ibis.union(within, across, distinct=False)

"""Counting active customers: per day, week or month, and per customer over a window.

Counts start from :func:`loyalist.metrics.activity.active_days` (one row per customer and
active day). Days without any activity still count, as zeros, through a *spine* (the days,
weeks or months of the query, built in Python: a few thousand rows at most), never through
a customer × day cross join.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

import ibis
import ibis.expr.types as ir

from loyalist.metrics import periods
from loyalist.metrics.activity import active_days, once
from loyalist.metrics.context import ALL, Context
from loyalist.metrics.intervals import Z

Unit = Literal["day", "week", "month", "year"]


def unit_start(day: ir.DateValue, unit: Unit) -> ir.DateValue:
    """The first day of the day, ISO week, month or year that contains ``day``."""
    return periods.truncate(day, unit).cast("date")


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

    Counted on the query's :func:`~loyalist.metrics.activity.active_days`. Returns
    ``period_start, segment, unit_start, actives`` with one row per unit of the
    :func:`spine` and segment.
    """
    if unit == "day":  # one row per customer and day already
        days = active_days(ctx)
        days = days.mutate(unit_start=unit_start(days.day, unit))
    else:  # one row per customer and unit: counting rows counts customers
        days = customer_units(ctx, unit)
    counts = days.group_by(["unit_start", "segment"]).agg(actives=days.customer_id.count())
    grid = spine(ctx, unit).cross_join(segments_of(ctx, days))
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


def customer_units(ctx: Context, unit: Unit) -> ir.Table:
    """Active days per customer and week, month or year: ``customer_id, segment, unit_start,
    active_days`` (built once per query and unit, shared by MAU, DAU/MAU and MAU/YAU).

    Examples
    --------
    >>> from datetime import date
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

    def build() -> ir.Table:
        days = active_days(ctx)
        keyed = days.mutate(unit_start=unit_start(days.day, unit))
        return keyed.group_by(["customer_id", "segment", "unit_start"]).agg(
            active_days=keyed.count()
        )

    return once(ctx, ("customer_units", unit), build)


def window_days(ctx: Context, window: int) -> ir.Table:
    """Active days per customer in the ``window`` days up to each period's last day.

    Columns ``period_start, segment, customer_id, active_days``, for customers active in
    the window (power users, the engagement index). A table of which period's window each
    day falls in turns the date-range join into an equality join.

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
    return once(ctx, ("window_days", window), lambda: _window_days(ctx, window))


def _window_days(ctx: Context, window: int) -> ir.Table:
    rows = [
        {"day": last - timedelta(days=back), "period_start": first}
        for first, last in ctx.calendar
        for back in range(window)
    ]
    windows = ibis.memtable(rows, schema={"day": "date", "period_start": "date"})
    days = active_days(ctx, first=min(r["day"] for r in rows))
    joined = days.join(windows, "day")
    return joined.group_by(["period_start", "segment", "customer_id"]).agg(
        active_days=joined.count()
    )

"""Cohort retention: customers grouped by the period of their first order, followed over time.

A customer's cohort ``c`` is the period of their first completed order ever (cohorts are
the periods of the date range asked for). For each cohort and offset ``k = 0, 1, 2, ...``
the table gives the members, how many were active — ordered in period ``c + k`` (mode
``"on"``) or in ``c + k`` or any later period of the range (``"on_or_after"``) — their share,
and the revenue of period ``c + k`` per member, for every period ``c + k`` of the range (the
last one is only partly observed when the range ends inside it).

The ``average`` row of each offset is pooled: the sum of the active customers over the sum
of the members of every cohort that has that offset, not an average of the cohorts' shares
(small cohorts weigh as little as they should).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

import ibis
import ibis.expr.types as ir
import pandas as pd

from loyalist.metrics import periods
from loyalist.metrics.books import period_days
from loyalist.metrics.context import Context, resolve
from loyalist.metrics.spec import Period, Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

Mode = Literal["on", "on_or_after"]
MODES: tuple[Mode, ...] = ("on", "on_or_after")
AVERAGE = "average"


def _index(ctx: Context) -> ir.Table:
    """The periods of the range, numbered: ``period_start, idx``."""
    rows = [{"period_start": first, "idx": i} for i, (first, _) in enumerate(ctx.calendar)]
    return ibis.memtable(rows, schema={"period_start": "date", "idx": "int64"})


def cells(ctx: Context, mode: Mode = "on") -> ir.Table:
    """One row per cohort, segment and observed offset.

    Returns ``cohort`` (first day of the cohort's period), ``segment``, ``offset``,
    ``members``, ``active`` and ``revenue`` (of period ``cohort + offset``).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query("year"))
    >>> cells(ctx).order_by(["cohort", "offset"]).execute().active.tolist()
    [2357, 515]
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    index = _index(ctx)
    days = period_days(ctx)
    days = days.filter(ctx.in_range(days.first_day))
    days = ctx.with_segment(days.mutate(cohort=ctx.period_of(days.first_day)))
    # One pass over the purchase days; the rest works on a few rows per cohort and period.
    counts = days.group_by(["cohort", "segment", "period_start"]).agg(
        joined=days.count(where=days.previous_day.isnull()),
        ordered=days.count(where=days.opens_period),
        last_seen=days.count(where=days.next_day.isnull()),
        revenue=days.revenue.sum(),
    )
    numbers = index.select("period_start", "idx")
    starts = index.select(cohort=index.period_start, cohort_idx=index.idx)
    counts = counts.join(numbers, "period_start").join(starts, "cohort")
    counts = counts.select(
        "cohort",
        "segment",
        "joined",
        "ordered",
        "last_seen",
        "revenue",
        offset=counts.idx - counts.cohort_idx,
    ).view()

    sizes = counts.group_by(["cohort", "segment"]).agg(members=counts.joined.sum())
    sizes = sizes.filter(sizes.members > 0).join(starts, "cohort")
    grid = sizes.join(numbers, numbers.idx >= sizes.cohort_idx)
    # .view(): a projection of a join, joined again (Ibis would inline it otherwise).
    grid = grid.select("cohort", "segment", "members", offset=grid.idx - grid.cohort_idx).view()
    keys = ["cohort", "segment", "offset"]
    table = grid.left_join(counts, keys)
    table = table.select(
        *keys,
        "members",
        ordered=table.ordered.fill_null(0),
        last_seen=table.last_seen.fill_null(0),
        revenue=table.revenue.fill_null(0.0),
    )
    if mode == "on":
        active = table.ordered
    else:
        # Active in c + k or later = last order day in period c + k or later.
        later = ibis.window(
            group_by=["cohort", "segment"], order_by=ibis.desc("offset"), rows=(None, 0)
        )
        active = table.last_seen.sum().over(later)
    return table.select(*keys, "members", active=active, revenue=table.revenue)


def cohorts(
    base: CustomerBase,
    period: Period = "month",
    mode: Mode = "on",
    start: date | None = None,
    end: date | None = None,
    by: str | None = None,
) -> ir.Table:
    """The cohort table as an Ibis expression, with a pooled ``average`` row per offset.

    Columns: ``cohort`` (ISO date of the cohort's first day, or ``"average"``), ``segment``
    (only with ``by``), ``offset``, ``members``, ``active``, ``share``, ``revenue_per_member``.
    A missing ``start`` or ``end`` is the first or last order day (found with a small query).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> table = cohorts(base, period="quarter").execute()
    >>> table.columns.tolist()
    ['cohort', 'offset', 'members', 'active', 'share', 'revenue_per_member']
    """
    if period not in periods.ORDER:
        raise ValueError(f"period must be one of {', '.join(periods.ORDER)}, not {period!r}")
    ctx = resolve(base, Query(period, by, start, end))
    table = cells(ctx, mode)
    pooled = table.group_by(["segment", "offset"]).agg(
        members=table.members.sum(), active=table.active.sum(), revenue=table.revenue.sum()
    )
    rows = ibis.union(
        table.select(
            "segment",
            "offset",
            "members",
            "active",
            "revenue",
            cohort=table.cohort.strftime("%Y-%m-%d"),
        ),
        pooled.select(
            "segment", "offset", "members", "active", "revenue", cohort=ibis.literal(AVERAGE)
        ),
        distinct=False,
    )
    keys = ["cohort", "segment"] if by else ["cohort"]
    rows = rows.select(
        *keys,
        "offset",
        "members",
        "active",
        share=rows.active.cast("float64") / rows.members,
        revenue_per_member=rows.revenue / rows.members,
    )
    return rows.order_by([*keys[1:], "cohort", "offset"])


def cohort_table(
    base: CustomerBase,
    period: Period = "month",
    mode: Mode = "on",
    start: date | None = None,
    end: date | None = None,
    by: str | None = None,
) -> pd.DataFrame:
    """Run :func:`cohorts` and return it as a DataFrame (``average`` rows last).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> table = cohort_table(base, period="year")
    >>> table[["cohort", "offset", "members", "active"]].values.tolist()
    [['1997-01-01', 0, 2357, 2357], ['1997-01-01', 1, 2357, 515], ['average', 0, 2357, 2357], \
['average', 1, 2357, 515]]
    """
    frame = base.con.execute(cohorts(base, period, mode, start, end, by))
    frame["members"] = frame["members"].astype("int64")
    frame["active"] = frame["active"].astype("int64")
    frame["offset"] = frame["offset"].astype("int64")
    return frame.reset_index(drop=True)

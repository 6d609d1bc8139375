"""Lifecycle: per period, how many customers are new, returning, resurrected or dormant.

Active means any app or site event on a local day; a shop without an events table uses its
completed orders instead, so the lifecycle works for it too. For each period of the query:

- ``new``: active in the period, and never active before it;
- ``returning``: active in the period and in the previous one;
- ``resurrected``: active in the period, not in the previous one, but at some earlier time;
- ``dormant``: active in the previous period, not in this one (a positive count; charts draw
  it below zero).

Periods are those of the date range; activity in a period is counted on its days inside the
range, while the previous period (the whole one, even before the range start) and all
earlier history decide between new, returning and resurrected. With ``period=None`` the
previous period is the same number of days just before the range.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir
import pandas as pd

from loyalist.metrics import periods
from loyalist.metrics.active_counts import customer_units, segments_of
from loyalist.metrics.activity import (
    Source,
    activity_source,
    first_active_day,
    once,
    previous_start,
)
from loyalist.metrics.context import Context, resolve
from loyalist.metrics.prepared import prepare
from loyalist.metrics.registry import METRICS as CATALOG
from loyalist.metrics.registry import metric
from loyalist.metrics.spec import Period, Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

STATUSES = ("new", "returning", "resurrected", "dormant")
_NULL = ibis.null("float64")
_SOURCE = (
    " Active = any app or site event that day, or a completed order when there is no events "
    "table. Counted per period of the date range."
)


def _previous_periods(ctx: Context) -> ir.Table:
    """For each period of the query: ``prev_key``, the key of its previous period."""
    rows = []
    for start, _ in ctx.calendar:
        if ctx.period is None:
            prev = ctx.start - timedelta(days=(ctx.end - ctx.start).days + 1)
        else:
            prev = periods.floor(start - timedelta(days=1), ctx.period)
        rows.append({"period_start": start, "prev_key": prev})
    return ibis.memtable(rows, schema={"period_start": "date", "prev_key": "date"})


def statuses(ctx: Context) -> ir.Table:
    """Lifecycle counts: ``period_start, segment, new, returning, resurrected, dormant``.

    One row per period and segment, zeros included; built, not executed (once per query,
    shared by the four lifecycle metrics).
    """
    return once(ctx, "lifecycle", lambda: _statuses(ctx))


def _statuses(ctx: Context) -> ir.Table:
    source = activity_source(ctx)
    now, before = _activity(ctx, source, _previous_periods(ctx))
    # Returning: the customer-periods of `now` also in `before`; dormant: the rest of `before`.
    returning = now.semi_join(before, ["customer_id", "period_start"])
    tallies = ibis.union(
        now.select("period_start", "segment", active=1, returning=0, before=0),
        returning.select("period_start", "segment", active=0, returning=1, before=0),
        before.select("period_start", "segment", active=0, returning=0, before=1),
        distinct=False,
    )
    counts = tallies.group_by(["period_start", "segment"]).agg(
        active=tallies.active.sum(),
        returning=tallies.returning.sum(),
        dormant=tallies.before.sum() - tallies.returning.sum(),
    )
    # New: the first activity ever falls in the period (so the customer is active in it).
    firsts = first_active_day(ctx, source)
    firsts = firsts.filter(ctx.in_range(firsts.first_ever))
    firsts = ctx.with_segment(
        firsts.select("customer_id", period_start=ctx.period_of(firsts.first_ever).cast("date"))
    )
    new = firsts.group_by(["period_start", "segment"]).agg(new=firsts.count())
    grid = (
        once(ctx, "calendar", ctx.calendar_table)
        .select("period_start")
        .cross_join(segments_of(ctx, counts))
    )
    on = ["period_start", "segment"]
    joined = grid.left_join(counts, on).left_join(new, on)
    counted = ("active", "returning", "new", "dormant")
    zero = {c: joined[c].fill_null(0).cast("int64") for c in counted}
    return joined.select(
        grid.period_start,
        grid.segment,
        new=zero["new"],
        returning=zero["returning"],
        # active, not in the previous period and not new: back after a break
        resurrected=zero["active"] - zero["returning"] - zero["new"],
        dormant=zero["dormant"],
    )


def _activity(ctx: Context, source: Source, prev_map: ir.Table) -> tuple[ir.Table, ir.Table]:
    """The customer-periods with activity: ``now`` (on the period's days in the range) and
    ``before`` (in the whole previous period); columns ``customer_id, segment,
    period_start``, each customer and period at most once in each table.

    The previous period's activity is the periods of ``now`` moved one period on, plus the
    days before the range start. When the range starts mid-period, its first period's days
    are in both (before and after the start), so only then are the rows made distinct.
    """
    units = customer_units(ctx, ctx.period, source=source)
    now = units.select("customer_id", "segment", period_start=units.unit_start)
    moved = now.join(prev_map, now.period_start == prev_map.prev_key)
    moved = moved.select("customer_id", "segment", period_start=prev_map.period_start)
    early = customer_units(
        ctx, ctx.period, previous_start(ctx), ctx.start - timedelta(days=1), source
    )
    early = early.join(prev_map, early.unit_start == prev_map.prev_key)
    early = early.select("customer_id", "segment", "period_start")
    mid_period = ctx.period is not None and periods.floor(ctx.start, ctx.period) != ctx.start
    return now, ibis.union(moved, early, distinct=mid_period)


def _count(ctx: Context, status: str) -> ir.Table:
    table = statuses(ctx)
    return table.select(
        "period_start", "segment", value=table[status], ci_low=_NULL, ci_high=_NULL, n=table[status]
    )


@metric(
    "lifecycle_new",
    family="stickiness",
    definition="New customers: active in the period for the first time ever." + _SOURCE,
    formula="count(customers whose first activity ever is in the period)",
    unit="count",
    higher_is_better=True,
)
def lifecycle_new(ctx: Context) -> ir.Table:
    """Customers active for the first time; a count (NULL interval, ``n`` = the count)."""
    return _count(ctx, "new")


@metric(
    "lifecycle_returning",
    family="stickiness",
    definition="Returning customers: active in the period and in the previous one." + _SOURCE,
    formula="count(customers active in the period and the previous period)",
    unit="count",
    higher_is_better=True,
)
def lifecycle_returning(ctx: Context) -> ir.Table:
    """Customers active now and in the previous period; a count."""
    return _count(ctx, "returning")


@metric(
    "lifecycle_resurrected",
    family="stickiness",
    definition="Resurrected customers: active in the period, not in the previous one, but "
    "at some earlier time." + _SOURCE,
    formula="count(customers active now, not in the previous period, active before that)",
    unit="count",
    higher_is_better=True,
)
def lifecycle_resurrected(ctx: Context) -> ir.Table:
    """Customers back after at least one inactive period; a count."""
    return _count(ctx, "resurrected")


@metric(
    "lifecycle_dormant",
    family="stickiness",
    definition="Dormant customers: active in the previous period but not in this one (a "
    "positive count; charts draw it below zero)." + _SOURCE,
    formula="count(customers active in the previous period, not in the period)",
    unit="count",
    higher_is_better=False,
)
def lifecycle_dormant(ctx: Context) -> ir.Table:
    """Customers who stopped this period; a count."""
    return _count(ctx, "dormant")


def lifecycle_table(
    base: CustomerBase,
    period: Period | None = "month",
    start: date | None = None,
    end: date | None = None,
    by: str | None = None,
) -> pd.DataFrame:
    """The lifecycle per period and segment, for the report's growth-accounting chart.

    Returns a DataFrame with ``period_start, segment, new, returning, resurrected, dormant``
    (counts; every period of the range, zeros included).

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "customer_id": ["a", "a", "b"],
    ...                        "ordered_at": ["2024-01-05", "2024-02-05", "2024-01-09"],
    ...                        "amount": [1.0, 1.0, 1.0]})
    >>> table = lifecycle_table(CustomerBase.from_frames(orders=orders))
    >>> table[["new", "returning", "resurrected", "dormant"]].values.tolist()
    [[2, 0, 0, 0], [0, 1, 0, 1]]
    """
    ctx = resolve(base, Query(period, by, start, end))
    prepare(ctx, [CATALOG["lifecycle_new"]])  # the events' customer-months, stored once
    frame = base.con.execute(statuses(ctx))
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame = frame.sort_values(["period_start", "segment"], kind="stable")
    return frame[["period_start", "segment", *STATUSES]].reset_index(drop=True)

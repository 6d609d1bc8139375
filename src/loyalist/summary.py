"""The per-customer purchase summary the models are fitted on, computed in the engine.

For each customer: ``frequency`` (repeat purchase days), ``recency`` (time from the first to
the last purchase), ``T`` (time from the first purchase to the end of calibration) and
``monetary_value`` (mean value of a repeat purchase day), as Fader, Hardie & Lee define them:
completed orders only, several orders on one local day count as one purchase (their amounts
summed). With an ``observation_end`` after ``calibration_end``, the holdout columns say what
each customer did next.

The summary is one pass over the purchase days (one row per customer and local day with a
completed order), grouped by customer: the first day's amount is the amount at the least
day (``arg_min``), so no join back to the first day is needed. On loyalist's own DuckDB the
purchase days are stored at load (:mod:`loyalist.data.load`); elsewhere they are grouped
from the orders, on DuckDB with the local day worked out by integer arithmetic
(:mod:`loyalist.metrics.quick_days`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

import ibis
import ibis.expr.types as ir
import pandas as pd

from loyalist.metrics.periods import local_date
from loyalist.metrics.prepared import stored
from loyalist.metrics.quick_days import quick_local_date

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

TimeUnit = Literal["D", "W", "M", "Y"]
#: Days in one time unit (a month is a twelfth of a Julian year).
UNIT_DAYS: dict[str, float] = {"D": 1.0, "W": 7.0, "M": 365.25 / 12, "Y": 365.25}
_DAY = timedelta(days=1)


def purchase_days(base: CustomerBase) -> ir.Table:
    """One row per customer and local day with a completed order: ``customer_id, day, amount``.

    Read from the table loading stored when there is one; otherwise built from the orders
    (on DuckDB with the local day by integer arithmetic over the orders' span, which one
    small query finds first).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> days = purchase_days(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> days.count().execute()  # 6,919 orders on 6,696 distinct customer-days
    6696
    """
    kept = stored(base).get("purchase_days")
    if kept is not None:
        return kept.select("customer_id", "day", "amount")
    orders = base.orders.filter(base.orders.status == "completed")
    orders = orders.select("customer_id", "amount", day=_local_day(base, orders.ordered_at))
    return orders.group_by(["customer_id", "day"]).agg(amount=orders.amount.sum())


def order_span(base: CustomerBase) -> tuple[date, date] | None:
    """The first and the last local day with a completed order (``None``: there is none).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> order_span(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    (datetime.date(1997, 1, 1), datetime.date(1998, 6, 30))
    """
    days = purchase_days(base)
    span = days.aggregate(first=days.day.min(), last=days.day.max()).execute()
    first, last = span["first"].iloc[0], span["last"].iloc[0]
    if pd.isna(first):
        return None
    return pd.Timestamp(first).date(), pd.Timestamp(last).date()


def _local_day(base: CustomerBase, ts: ir.TimestampValue) -> ir.DateValue:
    if base.con.name != "duckdb":
        return local_date(ts, base.timezone)
    at = base.orders.ordered_at
    first, last = base.orders.aggregate(first=at.min(), last=at.max()).execute().iloc[0]
    if pd.isna(first) or pd.isna(last):
        return local_date(ts, base.timezone)
    return quick_local_date(ts, base.timezone, first.date() - _DAY, last.date() + _DAY)


def customer_summary(
    base: CustomerBase,
    calibration_end: date | None = None,
    observation_end: date | None = None,
    time_unit: TimeUnit = "W",
) -> ir.Table:
    """The calibration (and holdout) summary of every customer, as an Ibis expression.

    Customers whose first purchase falls after ``calibration_end`` are left out. Without a
    ``calibration_end``, it is the ``observation_end`` or else the last purchase day.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> s = customer_summary(base, date(1997, 9, 30), date(1998, 6, 30)).execute()
    >>> len(s), int(s.frequency.sum()), round(float(s["T"].max()), 2)
    (2357, 2457, 38.86)
    """
    if time_unit not in UNIT_DAYS:
        raise ValueError(f"time_unit must be one of {', '.join(UNIT_DAYS)}, not {time_unit!r}")
    unit = UNIT_DAYS[time_unit]
    days = purchase_days(base)
    end = calibration_end or observation_end
    cutoff = ibis.literal(end, type="date") if end else days.day.max().as_scalar()
    calibration = days.filter(days.day <= cutoff)
    summary = calibration.group_by("customer_id").agg(
        first=calibration.day.min(),
        last=calibration.day.max(),
        purchases=calibration.count(),
        spent=calibration.amount.sum(),
        first_spent=calibration.amount.argmin(calibration.day),
    )
    frequency = summary.purchases - 1
    summary = summary.mutate(
        frequency=frequency,
        recency=summary.last.delta(summary.first, unit="day") / unit,
        T=cutoff.delta(summary.first, unit="day") / unit,
        monetary_value=ibis.ifelse(
            frequency > 0, (summary.spent - summary.first_spent) / frequency, 0.0
        ),
    )
    columns = ["customer_id", "frequency", "recency", "T", "monetary_value"]
    if observation_end is None or calibration_end is None or observation_end <= calibration_end:
        return summary.select(columns)
    holdout = days.filter(days.day > cutoff, days.day <= ibis.literal(observation_end))
    later = holdout.group_by("customer_id").agg(
        days_holdout=holdout.count(), spent_holdout=holdout.amount.sum()
    )
    joined = summary.left_join(later, "customer_id")
    return joined.select(
        *columns,
        frequency_holdout=joined.days_holdout.fill_null(0),
        monetary_value_holdout=(
            joined.spent_holdout / joined.days_holdout.cast("float64")
        ).fill_null(0.0),
        duration_holdout=ibis.literal((observation_end - calibration_end).days / unit),
    )

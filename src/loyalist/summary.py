"""The per-customer purchase summary the models are fitted on, computed in the engine.

For each customer: ``frequency`` (repeat purchase days), ``recency`` (time from the first to
the last purchase), ``T`` (time from the first purchase to the end of calibration) and
``monetary_value`` (mean value of a repeat purchase day), as Fader, Hardie & Lee define them:
completed orders only, several orders on one local day count as one purchase (their amounts
summed). With an ``observation_end`` after ``calibration_end``, the holdout columns say what
each customer did next.

The summary is two passes over the completed orders, grouped by customer only (counting
distinct days, not grouping by customer and day: millions of customer-days are the costly
part). On DuckDB the local day is worked out by integer arithmetic
(:mod:`loyalist.metrics.quick_days`), or read from the base's stored order days when a
metric query has already stored them (:mod:`loyalist.metrics.prepared`).
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

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> days = purchase_days(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> days.count().execute()  # 6,919 orders on 6,696 distinct customer-days
    6696
    """
    orders = completed_orders(base)
    return orders.group_by(["customer_id", "day"]).agg(amount=orders.amount.sum())


def completed_orders(base: CustomerBase) -> ir.Table:
    """Completed orders with their local day: ``customer_id, day, amount``.

    Read from the table loading stored when there is one; otherwise built from the orders
    (on DuckDB with the local day by integer arithmetic over the orders' span, which one
    small query finds first).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> completed_orders(CustomerBase.from_frames(orders=load_cdnow(sample=True))).columns
    ('customer_id', 'day', 'amount')
    """
    kept = stored(base).get("order_days")
    if kept is not None:
        return kept.select("customer_id", "day", "amount")
    orders = base.orders.filter(base.orders.status == "completed")
    day = _local_day(base, orders.ordered_at)
    return orders.select(customer_id=orders.customer_id, day=day, amount=orders.amount)


def order_span(base: CustomerBase) -> tuple[date, date] | None:
    """The first and the last local day with a completed order (``None``: there is none).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> order_span(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    (datetime.date(1997, 1, 1), datetime.date(1998, 6, 30))
    """
    orders = completed_orders(base)
    span = orders.aggregate(first=orders.day.min(), last=orders.day.max()).execute()
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
    orders = completed_orders(base)
    end = calibration_end or observation_end
    cutoff = ibis.literal(end, type="date") if end else orders.day.max().as_scalar()
    calibration = orders.filter(orders.day <= cutoff)
    first = calibration.group_by("customer_id").agg(first=calibration.day.min())
    calibration = calibration.inner_join(first, "customer_id")
    summary = calibration.group_by("customer_id").agg(
        first=calibration.first.min(),
        last=calibration.day.max(),
        purchases=calibration.day.nunique(),  # orders on one day are one purchase
        repeat_value=ibis.ifelse(
            calibration.day > calibration.first, calibration.amount, 0.0
        ).sum(),
    )
    frequency = summary.purchases - 1
    summary = summary.mutate(
        frequency=frequency,
        recency=summary.last.delta(summary.first, unit="day") / unit,
        T=cutoff.delta(summary.first, unit="day") / unit,
        monetary_value=ibis.ifelse(frequency > 0, summary.repeat_value / frequency, 0.0),
    )
    columns = ["customer_id", "frequency", "recency", "T", "monetary_value"]
    if observation_end is None or calibration_end is None or observation_end <= calibration_end:
        return summary.select(columns)
    holdout = orders.filter(orders.day > cutoff, orders.day <= ibis.literal(observation_end))
    later = holdout.group_by("customer_id").agg(
        days=holdout.day.nunique(), spent=holdout.amount.sum()
    )
    joined = summary.left_join(later, "customer_id")
    return joined.select(
        *columns,
        frequency_holdout=joined.days.fill_null(0),
        monetary_value_holdout=(joined.spent / joined.days.cast("float64")).fill_null(0.0),
        duration_holdout=ibis.literal((observation_end - calibration_end).days / unit),
    )

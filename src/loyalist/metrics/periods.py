"""Periods in the business time zone: truncation in the engine, calendars in Python.

Timestamps are stored in UTC; a day, week (ISO, from Monday), month, quarter or year is
counted on the business's wall clock, so an order at 23:30 UTC on 31 January belongs to
February in Amsterdam.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from loyalist.metrics.spec import Period

UTC = dt.Timestamp(timezone="UTC")
NAIVE = dt.Timestamp()
_UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


@ibis.udf.scalar.builtin(name="timezone")
def _wall_clock(tz: str, ts: UTC) -> NAIVE:  # type: ignore[valid-type]
    """The wall-clock time in ``tz`` of a UTC timestamp (DuckDB and PostgreSQL)."""


def local_date(ts: ir.TimestampValue, tz: str) -> ir.DateValue:
    """The business-local calendar date of a UTC timestamp.

    Examples
    --------
    >>> ts = ibis.literal("2024-01-31 23:30:00+00:00").cast("timestamp('UTC')")
    >>> str(local_date(ts, "Europe/Amsterdam").execute())[:10]
    '2024-02-01'
    """
    if tz == "UTC":
        return ts.date()
    return _wall_clock(tz, ts).date()


def day_begins_utc(day: date, tz: str) -> datetime:
    """The UTC instant at which the local calendar ``day`` begins in ``tz``.

    Filtering timestamps on such instants lets an engine compare plain timestamps instead of
    converting every row to local time first.

    Examples
    --------
    >>> day_begins_utc(date(2024, 7, 1), "Europe/Amsterdam").isoformat()
    '2024-06-30T22:00:00+00:00'
    """
    return datetime.combine(day, time(), tzinfo=ZoneInfo(tz)).astimezone(_dt.UTC)


def truncate(day: ir.DateValue, period: Period) -> ir.DateValue:
    """The first day of the period that contains ``day``.

    Examples
    --------
    >>> str(truncate(ibis.date(2024, 2, 14), "quarter").execute())[:10]
    '2024-01-01'
    """
    if period == "day":
        return day
    return day.truncate(_UNITS[period])


def floor(day: date, period: Period) -> date:
    """Python twin of :func:`truncate`.

    Examples
    --------
    >>> floor(date(2024, 2, 14), "week")
    datetime.date(2024, 2, 12)
    """
    if period == "day":
        return day
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def following(start: date, period: Period) -> date:
    """The first day of the next period.

    Examples
    --------
    >>> following(date(2024, 12, 1), "month")
    datetime.date(2025, 1, 1)
    """
    if period == "day":
        return start + timedelta(days=1)
    if period == "week":
        return start + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def calendar(start: date, end: date, period: Period | None) -> list[tuple[date, date]]:
    """Every period overlapping [start, end], as (first day, last day) pairs.

    Examples
    --------
    >>> calendar(date(2024, 1, 15), date(2024, 3, 2), "month")[0]
    (datetime.date(2024, 1, 1), datetime.date(2024, 1, 31))
    """
    if period is None:
        return [(start, end)]
    periods = []
    current = floor(start, period)
    while current <= end:
        nxt = following(current, period)
        periods.append((current, nxt - timedelta(days=1)))
        current = nxt
    return periods


ORDER: dict[Period, int] = {p: i for i, p in enumerate(_UNITS)}  # type: ignore[misc]

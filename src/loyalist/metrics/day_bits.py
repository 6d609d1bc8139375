"""A month of activity in one integer: bit ``d - 1`` is set when the customer was active on
day ``d`` of the month.

Events can run to tens of millions of rows, but a customer is active in far fewer months: a
month's active days fit in one 31-bit integer, so the stickiness metrics count from one row
per customer and month instead of one per day. Masks written in Python pick the days of a
week, a 28-day window or the date range out of each month (:func:`masks`), and counting the
bits left (:func:`popcount`) gives the active days. Only bitwise operators and arithmetic
are used, so every engine computes the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

#: Every day of any month.
WHOLE_MONTH = (1 << 31) - 1


def bit(day: ir.DateValue) -> ir.IntegerValue:
    """The bit of ``day`` in its month's mask.

    Examples
    --------
    >>> ibis.to_sql(bit(ibis.date(2024, 3, 5)), dialect="duckdb").count("<<")
    1
    """
    return ibis.literal(1, type="int32") << (day.day() - 1).cast("int32")


def masks(days: Iterable[tuple[Hashable, date]]) -> dict[tuple[date, Hashable], int]:
    """Group ``(key, day)`` pairs into one mask per month and key: ``{(month, key): mask}``.

    Examples
    --------
    >>> masks([("w", date(2024, 1, 31)), ("w", date(2024, 2, 1)), ("w", date(2024, 2, 2))])
    {(datetime.date(2024, 1, 1), 'w'): 1073741824, (datetime.date(2024, 2, 1), 'w'): 3}
    """
    out: dict[tuple[date, Hashable], int] = {}
    for key, day in days:
        month = (day.replace(day=1), key)
        out[month] = out.get(month, 0) | 1 << (day.day - 1)
    return out


def popcount(bits: ir.IntegerValue) -> ir.IntegerValue:
    """How many bits of a (non-negative, 31-bit) mask are set: its active days.

    The bits are summed in pairs, then nibbles, then bytes, and the four bytes added up (the
    classic SWAR count); no step leaves the range of a 32-bit integer.

    Examples
    --------
    >>> popcount(ibis.literal(0b1011)).execute()
    3
    """
    x = bits - ((bits >> 1) & 0x55555555)
    x = (x & 0x33333333) + ((x >> 2) & 0x33333333)
    x = (x + (x >> 4)) & 0x0F0F0F0F
    return (x + (x >> 8) + (x >> 16) + (x >> 24)) & 0x3F


@ibis.udf.scalar.builtin(name="bit_count")
def _bit_count(bits: dt.int64) -> dt.int8:  # type: ignore[valid-type]
    """DuckDB's own count of set bits."""


def native_popcount(bits: ir.IntegerValue) -> ir.IntegerValue:
    """:func:`popcount` by DuckDB's ``bit_count`` (the same numbers, one function call)."""
    return _bit_count(bits.cast("int64")).cast("int64")


def first_day(
    month: ir.DateValue,
    bits: ir.IntegerValue,
    count: Callable[[ir.IntegerValue], ir.IntegerValue] = popcount,
) -> ir.DateValue:
    """The first day whose bit is set in ``bits`` (the month's first active day).

    The lowest set bit is ``bits & -bits``; the bits below it, counted, are its position.

    Examples
    --------
    >>> str(first_day(ibis.date(2024, 3, 1), ibis.literal(0b1100)).execute())[:10]
    '2024-03-03'
    """
    below = count((bits & -bits) - 1)
    return (month + below.cast("int32").as_interval("D")).cast("date")

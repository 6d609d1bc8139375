"""Local days by integer arithmetic, for DuckDB: the same dates as the time-zone conversion.

Converting a UTC timestamp to the business's wall clock goes through the engine's time-zone
library row by row, the costliest step of most metrics on tens of millions of events. The
UTC offset only changes at a few known instants (daylight saving time), so between two
changes the local day is ``(epoch seconds + offset) // 86400``: one comparison per change and
some integer arithmetic. The changes are looked up in Python for a span of dates; outside
that span the exact conversion is used, so every date is the one
:func:`loyalist.metrics.periods.local_date` gives.

The integer form uses two DuckDB functions (``epoch_us`` and ``add(DATE, INTEGER)``); on
other engines, and in the SQL ``loyalist sql`` prints, metrics keep the portable form.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from loyalist.metrics.periods import UTC as UTC_TYPE
from loyalist.metrics.periods import local_date

_EPOCH = date(1970, 1, 1)
_STEP = timedelta(hours=6)  # no two offset changes of a zone are this close
_MICRO = 1_000_000


@ibis.udf.scalar.builtin(name="epoch_us")
def epoch_us(ts: UTC_TYPE) -> dt.int64:  # type: ignore[valid-type]
    """Microseconds since 1970-01-01 UTC (DuckDB)."""


@ibis.udf.scalar.builtin(name="add")
def _plus_days(day: dt.date, days: dt.int32) -> dt.date:
    """``day`` plus a number of days, as a date (DuckDB's ``DATE + INTEGER``)."""


def offset_changes(tz: str, first: date, last: date) -> list[tuple[datetime, int]]:
    """The UTC offsets of ``tz`` in force from the start of ``first`` to the end of ``last``.

    A list of (UTC instant from which it holds, offset in seconds); the first entry holds
    from the beginning of ``first`` (UTC).

    Examples
    --------
    >>> [(at.isoformat(), s) for at, s in offset_changes("Europe/Amsterdam",
    ...                                                  date(2024, 1, 1), date(2024, 6, 1))]
    [('2024-01-01T00:00:00+00:00', 3600), ('2024-03-31T01:00:00+00:00', 7200)]
    """
    zone = ZoneInfo(tz)
    at = datetime.combine(first, time(), tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=UTC)
    changes = [(at, _offset(at, zone))]
    while at < end:
        nxt = min(at + _STEP, end)
        if _offset(nxt, zone) != changes[-1][1]:
            low, high = at, nxt  # the offset changes in (low, high]: bisect to the second
            while high - low > timedelta(seconds=1):
                mid = low + (high - low) / 2
                low, high = (mid, high) if _offset(mid, zone) == changes[-1][1] else (low, mid)
            changes.append((high.replace(microsecond=0), _offset(high, zone)))
        at = nxt
    return changes


def _offset(at: datetime, zone: ZoneInfo) -> int:
    return int(at.astimezone(zone).utcoffset().total_seconds())  # type: ignore[union-attr]


def quick_local_date(ts: ir.TimestampValue, tz: str, first: date, last: date) -> ir.DateValue:
    """The local date of a UTC timestamp, by integer arithmetic for ``first`` … ``last``.

    DuckDB only. Timestamps outside those (UTC) days get the exact conversion.

    Examples
    --------
    >>> ts = ibis.literal("2024-03-31 22:30:00+00:00").cast("timestamp('UTC')")
    >>> day = quick_local_date(ts, "Europe/Amsterdam", date(2024, 1, 1), date(2024, 12, 31))
    >>> str(day.execute())[:10]  # 00:30 on 1 April, summer time
    '2024-04-01'
    """
    changes = offset_changes(tz, first, last)
    if len(changes) == 1:
        offset: ir.IntegerValue = ibis.literal(changes[0][1] * _MICRO)
    else:
        newest_first = [(ts >= _instant(at), s * _MICRO) for at, s in reversed(changes[1:])]
        offset = ibis.cases(*newest_first, else_=changes[0][1] * _MICRO)
    local = epoch_us(ts) + offset
    day = _plus_days(ibis.literal(_EPOCH), (local // (86_400 * _MICRO)).cast("int32"))
    until = datetime.combine(last + timedelta(days=1), time(), tzinfo=UTC)
    inside = (ts >= _instant(changes[0][0])) & (ts < _instant(until))
    return ibis.ifelse(inside, day, local_date(ts, tz))


def _instant(at: datetime) -> ir.TimestampValue:
    return ibis.literal(at, type=UTC_TYPE)

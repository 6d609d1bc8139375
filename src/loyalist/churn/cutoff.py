"""A cut-off: the last local day a churn model may look at, and the windows that end on it.

Every churn feature is "as of" a cut-off day ``c`` in the business time zone: it may use
what happened up to the end of ``c`` and nothing later. A window of the last ``k`` days is
the local days ``(c - k, c]``. Stored times are UTC, so the windows are turned into UTC
instants here, in Python, and the engine compares plain timestamps; only the rows kept are
converted to local days. On DuckDB that conversion is integer arithmetic between the known
daylight-saving changes (:func:`loyalist.metrics.quick_days.quick_local_date`) for the
three years up to the cut-off, and the exact time-zone conversion before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist import dates
from loyalist.errors import LoyalistError
from loyalist.metrics.periods import day_begins_utc, local_date
from loyalist.metrics.quick_days import quick_local_date
from loyalist.summary import order_span

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

_UTC = "timestamp('UTC')"
#: Local days are worked out by integer arithmetic this far back from the cut-off.
QUICK_SPAN = timedelta(days=3 * 365)


class ChurnError(LoyalistError, ValueError):
    """The data or the settings do not allow a churn model (dates, horizon, too little data)."""


@dataclass(frozen=True)
class Cutoff:
    """A local cut-off day and the business time zone.

    Examples
    --------
    >>> cut = Cutoff(date(2024, 7, 1), "Europe/Amsterdam")
    >>> cut.until.execute().isoformat()  # the end of 1 July in Amsterdam, in UTC
    '2024-07-01T22:00:00+00:00'
    >>> cut.since(28).execute().isoformat()  # the start of the last 28 days (4 June)
    '2024-06-03T22:00:00+00:00'
    """

    day: date
    tz: str
    quick: bool = False

    @classmethod
    def of(cls, base: CustomerBase, day: date) -> Cutoff:
        """The cut-off ``day`` in the base's time zone (quick local days on DuckDB).

        Examples
        --------
        >>> from loyalist import CustomerBase
        >>> from loyalist.datasets import load_cdnow
        >>> Cutoff.of(CustomerBase.from_frames(orders=load_cdnow(sample=True)), date(1997, 9, 30))
        Cutoff(day=datetime.date(1997, 9, 30), tz='UTC', quick=True)
        """
        return cls(day, base.timezone, quick=base.con.name == "duckdb")

    @property
    def until(self) -> ir.TimestampScalar:
        """The UTC instant at which the cut-off day ends (times before it are known).

        Examples
        --------
        >>> Cutoff(date(2024, 7, 1), "UTC").until.execute().isoformat()
        '2024-07-02T00:00:00+00:00'
        """
        return self.instant(self.day + timedelta(days=1))

    def since(self, days: int) -> ir.TimestampScalar:
        """The UTC instant at which the last ``days`` local days (``(c - days, c]``) begin.

        Examples
        --------
        >>> Cutoff(date(2024, 7, 1), "UTC").since(1).execute().isoformat()  # the cut-off day
        '2024-07-01T00:00:00+00:00'
        """
        return self.instant(self.day - timedelta(days=days - 1))

    def instant(self, day: date) -> ir.TimestampScalar:
        """The UTC instant at which a local ``day`` begins, as a literal.

        Examples
        --------
        >>> Cutoff(date(2024, 7, 1), "Asia/Tokyo").instant(date(2024, 1, 1)).execute().hour
        15
        """
        return ibis.literal(day_begins_utc(day, self.tz), type=_UTC)

    def known(self, ts: ir.TimestampValue) -> ir.BooleanValue:
        """True for times on or before the cut-off day (NULL stays NULL).

        Examples
        --------
        >>> ts = ibis.literal("2024-07-01 22:30:00+00:00").cast("timestamp('UTC')")
        >>> Cutoff(date(2024, 7, 1), "Europe/Amsterdam").known(ts).execute()  # 00:30, 2 July
        False
        """
        return ts < self.until

    def within(self, ts: ir.TimestampValue, days: int) -> ir.BooleanValue:
        """True for times in the last ``days`` local days up to the cut-off.

        Examples
        --------
        >>> ts = ibis.literal("2024-06-04 10:00:00+00:00").cast("timestamp('UTC')")
        >>> cut = Cutoff(date(2024, 7, 1), "UTC")
        >>> cut.within(ts, 28).execute(), cut.within(ts, 27).execute()
        (True, False)
        """
        return (ts >= self.since(days)) & (ts < self.until)

    def local_day(self, ts: ir.TimestampValue) -> ir.DateValue:
        """The local calendar day of a UTC time.

        Examples
        --------
        >>> cut = Cutoff(date(2024, 7, 1), "Europe/Amsterdam", quick=True)
        >>> ts = ibis.literal("2024-03-31 22:30:00+00:00").cast("timestamp('UTC')")
        >>> str(cut.local_day(ts).execute())[:10]  # summer time: 00:30 on 1 April
        '2024-04-01'
        """
        if not self.quick:
            return local_date(ts, self.tz)
        return quick_local_date(ts, self.tz, self.day - QUICK_SPAN, self.day + timedelta(days=1))

    def days_since(self, day: ir.DateValue) -> ir.IntegerValue:
        """Whole days from a local ``day`` to the cut-off (0 on the cut-off day itself).

        Examples
        --------
        >>> Cutoff(date(2024, 7, 1), "UTC").days_since(ibis.date(2024, 6, 1)).execute()
        30
        """
        return ibis.literal(self.day, type="date").delta(day, unit="day")

    def days_ago(self, days: int) -> ir.DateScalar:
        """The local day ``days`` days before the cut-off, as a literal.

        Examples
        --------
        >>> str(Cutoff(date(2024, 7, 1), "UTC").days_ago(90).execute())[:10]
        '2024-04-02'
        """
        return ibis.literal(self.day - timedelta(days=days), type="date")


def data_span(base: CustomerBase) -> tuple[date, date]:
    """The first and the last local day with a completed order.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> data_span(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    (datetime.date(1997, 1, 1), datetime.date(1998, 6, 30))
    """
    span = order_span(base)
    if span is None:
        raise ChurnError("the orders table has no completed order: there is nothing to predict")
    return span


def as_date(value: date | str | None, what: str = "date") -> date | None:
    """A date from a ``date`` or an ISO string; a :class:`ChurnError` for anything else.

    Examples
    --------
    >>> as_date("2024-03-01")
    datetime.date(2024, 3, 1)
    """
    return dates.as_date(value, what, ChurnError)


def check_horizon(horizon_days: int) -> int:
    """The horizon in whole days; a :class:`ChurnError` unless it is at least one day.

    Examples
    --------
    >>> check_horizon(90)
    90
    """
    if isinstance(horizon_days, bool) or not float(horizon_days).is_integer() or horizon_days < 1:
        raise ChurnError(
            f"the horizon is a whole number of days, at least 1 (e.g. 90), not {horizon_days!r}"
        )
    return int(horizon_days)

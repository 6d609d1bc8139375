"""The shared machinery every metric builds on: periods, segments, date range, settings.

A metric function receives a :class:`Context` and returns an Ibis expression with the
columns ``period_start, segment, value, ci_low, ci_high, n``. Grouping by period (in the
business time zone) and by segment is done here, once, not in each metric.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir
import pandas as pd

from loyalist.metrics import day_bits, periods
from loyalist.metrics.quick_days import quick_local_date
from loyalist.metrics.spec import Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

ALL = "all"
UNKNOWN = "unknown"


@dataclass
class Context:
    """A query bound to a customer base, with its date range resolved.

    ``start`` and ``end`` are local calendar dates, both inclusive.
    """

    base: CustomerBase
    query: Query
    start: date
    end: date
    #: Build SQL any engine runs (``loyalist sql``), not DuckDB's quicker local days.
    portable: bool = False
    #: Tables stored once per base that metrics may read instead of building them
    #: (:mod:`loyalist.metrics.prepared`); empty: every metric builds from the raw tables.
    prepared: dict[str, ir.Table] = field(default_factory=dict)

    # -- settings ----------------------------------------------------------------------
    @property
    def tz(self) -> str:
        """The business time zone."""
        return self.base.timezone

    @property
    def window_days(self) -> int:
        """The active window in days (an order within it keeps a customer on the books)."""
        return self.base.config.business.active_window_days

    @property
    def period(self) -> periods.Period | None:
        """The period asked for (None: the whole range as one period)."""
        return self.query.period

    # -- tables ------------------------------------------------------------------------
    def table(self, name: str) -> ir.Table:
        """A table of the base."""
        return self.base.table(name)

    @cached_property
    def completed_orders(self) -> ir.Table:
        """Completed orders only, with the local order ``day``."""
        orders = self.table("orders")
        orders = orders.filter(orders.status == "completed")
        return orders.mutate(day=self.day(orders.ordered_at))

    @cached_property
    def purchase_days(self) -> ir.Table:
        """One row per customer and local day with a completed order, all history:
        ``customer_id, day, amount`` (summed) and ``orders`` (how many).

        The table stored at load when the runner offers it (:mod:`loyalist.metrics.prepared`),
        else grouped from :attr:`completed_orders`.
        """
        kept = self.prepared.get("purchase_days")
        if kept is not None:
            return kept.select("customer_id", "day", "amount", "orders")
        orders = self.completed_orders
        return orders.group_by(["customer_id", "day"]).agg(
            amount=orders.amount.sum(), orders=orders.count()
        )

    @cached_property
    def buyers(self) -> ir.Table:
        """One row per customer and period with a completed order on the range's days in it:
        ``customer_id, period_start, orders`` (how many).

        One expression per context: the metrics that count buying customers share it, so
        the engine reduces the purchase days to customer-periods once per query.
        """
        days = self.purchase_days
        days = days.filter(self.in_range(days.day))
        days = days.mutate(period_start=self.period_of(days.day))
        return days.group_by(["customer_id", "period_start"]).agg(orders=days.orders.sum())

    @cached_property
    def first_orders(self) -> ir.Table:
        """Each customer's first local day with a completed order, all history:
        ``customer_id, first_day``. One expression per context, shared like :attr:`buyers`.
        """
        days = self.purchase_days
        return days.group_by("customer_id").agg(first_day=days.day.min())

    # -- time --------------------------------------------------------------------------
    def day(self, ts: ir.TimestampValue) -> ir.DateValue:
        """The local calendar date of a UTC timestamp.

        On DuckDB, worked out by integer arithmetic for the years around the date range
        (:mod:`loyalist.metrics.quick_days`): the same dates, several times faster.
        """
        if not self.native:
            return periods.local_date(ts, self.tz)
        first = self.start - timedelta(days=self.window_days + 2 * 366)
        return quick_local_date(ts, self.tz, first, self.end + timedelta(days=366))

    def count_days(self, bits: ir.IntegerValue) -> ir.IntegerValue:
        """How many days a month's bits hold (:mod:`loyalist.metrics.day_bits`): by DuckDB's
        ``bit_count`` on DuckDB, by portable arithmetic elsewhere."""
        return day_bits.native_popcount(bits) if self.native else day_bits.popcount(bits)

    @property
    def native(self) -> bool:
        """True on loyalist's DuckDB outside ``loyalist sql``: DuckDB's own functions may be
        used."""
        return not self.portable and self.base is not None and self.base.con.name == "duckdb"

    def period_of(self, day: ir.DateValue) -> ir.DateValue:
        """The first day of the period containing ``day`` (the range start for one period)."""
        if self.period is None:
            return ibis.literal(self.start, type="date")
        return periods.truncate(day, self.period)

    def in_range(self, day: ir.DateValue) -> ir.BooleanValue:
        """True for days inside the query's date range."""
        return day.between(ibis.literal(self.start), ibis.literal(self.end))

    @cached_property
    def calendar(self) -> list[tuple[date, date]]:
        """The periods of the query: (first day, last day), clipped to the date range."""
        return [
            (first, min(last, self.end))
            for first, last in periods.calendar(self.start, self.end, self.period)
        ]

    def calendar_table(self) -> ir.Table:
        """The calendar as a table: ``period_start``, ``first_day``, ``last_day``, ``days``.

        ``first_day`` and ``last_day`` are clipped to the date range; ``period_start`` is not.
        One table per context, so metrics that share it share their subqueries too.
        """
        return self._calendar_table

    @cached_property
    def _calendar_table(self) -> ir.Table:
        rows = [
            {
                "period_start": start,
                "first_day": max(start, self.start),
                "last_day": last,
                "days": (last - max(start, self.start)).days + 1,
            }
            for start, last in self.calendar
        ]
        return ibis.memtable(
            rows,
            schema={
                "period_start": "date",
                "first_day": "date",
                "last_day": "date",
                "days": "int64",
            },
        )

    def days_before(self, day: ir.DateValue, days: int) -> ir.DateValue:
        """``day`` minus a number of days."""
        return day - ibis.interval(days=days)

    # -- segments ----------------------------------------------------------------------
    def with_segment(self, table: ir.Table, customer: str = "customer_id") -> ir.Table:
        """Add a ``segment`` column: the customer's ``by`` attribute, or ``"all"``.

        Customers without the attribute (or absent from ``customers``) are ``"unknown"``.
        Besides the customers' columns, ``by`` may be a grouping derived as of the range's
        end: ``age_band``, ``ladder_rung`` or ``rfm_segment`` (:mod:`loyalist.segments.groups`).
        """
        from loyalist.segments.groups import DERIVED, segment_table

        by = self.query.by
        if by is None:
            return table.mutate(segment=ibis.literal(ALL))
        columns = self.table("customers").columns if self.base.has("customers") else ()
        if by in DERIVED and by not in columns:
            derived = segment_table(self.base, by, self.end)
            attribute = derived.select(
                segment_customer_=derived.customer_id, segment_=derived.segment
            )
        elif by in columns:
            customers = self.table("customers")
            attribute = customers.select(
                segment_customer_=customers.customer_id, segment_=customers[by].cast("string")
            )
        else:
            from loyalist.errors import ConfigError

            choices = [c for c in columns if c != "customer_id"] + list(DERIVED)
            where = "the customers table has no such column" if columns else "no customers table"
            raise ConfigError(f"--by {by}: {where}; choose one of {', '.join(choices)}")
        joined = table.left_join(attribute, table[customer] == attribute.segment_customer_)
        return joined.mutate(segment=joined.segment_.fill_null(UNKNOWN)).drop(
            "segment_customer_", "segment_"
        )


def resolve(base: CustomerBase, query: Query) -> Context:
    """Bind ``query`` to ``base``: a missing start or end becomes the first or last order day.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> ctx.start, ctx.end
    (datetime.date(1997, 1, 1), datetime.date(1998, 6, 30))
    """
    start, end = query.start, query.end
    if start is None or end is None:
        # The local day never decreases with UTC time: convert only the first and last.
        at = base.orders.ordered_at
        first, last = base.orders.aggregate(first=at.min(), last=at.max()).execute().iloc[0]
        start = start or _local(first, base.timezone)
        end = end or _local(last, base.timezone)
    if end < start:
        from loyalist.errors import ConfigError

        raise ConfigError(f"the date range ends ({end}) before it starts ({start})")
    return Context(base, query, start, end)


def _local(value: object, tz: str) -> date:
    """The local date of a UTC timestamp from the engine (yesterday when there is none)."""
    if value is None or pd.isna(value):
        return date.today() - timedelta(1)
    at = pd.Timestamp(value)
    at = at.tz_localize("UTC") if at.tzinfo is None else at
    return at.tz_convert(tz).date()  # type: ignore[no-any-return]

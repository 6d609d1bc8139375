"""Tables computed once per customer base and shared by every metric query on DuckDB.

Many metrics start from the same reduction of the events: one row per customer and month
with activity, its active days held as bits (:mod:`loyalist.metrics.day_bits`). Built
inside each metric's query, it scans and converts the raw events again for every query,
date range and metric that needs it. On the engine's own DuckDB the runner therefore stores
that table once, as a temporary table, and offers it to the metrics through
:attr:`Context.prepared <loyalist.metrics.context.Context.prepared>`. The purchase days
(completed orders per customer and local day) are stored at load (:mod:`loyalist.data.load`).

One table is stored per query instead: the engagement index's signals (one row per customer
on the books and period), which feed a histogram per signal and are joined back to their
ranks. Stored, they are computed once; :func:`prepared_for` drops them after the query.

Metric functions still only build expressions: they read the prepared table when it is
offered and otherwise build the same rows from the raw tables (other engines, and the SQL
``loyalist sql`` prints). Storing happens here, at the edge, before anything is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from itertools import count
from weakref import WeakKeyDictionary

import ibis.expr.operations as ops
import ibis.expr.types as ir
import pandas as pd

from loyalist.data.load import PURCHASE_DAYS, WITH_PURCHASE_DAYS
from loyalist.metrics.activity import months_of
from loyalist.metrics.context import Context
from loyalist.metrics.engagement_index import engagement_signals
from loyalist.metrics.quick_days import quick_local_date
from loyalist.metrics.spec import Metric

#: The metrics that read the customer-months of the events (besides the stickiness family).
READS_EVENT_MONTHS = {"engagement_index"}
_STORED: WeakKeyDictionary[object, dict[str, ir.Table]] = WeakKeyDictionary()
_NAMES = count()
_DAY = timedelta(days=1)


def prepare(ctx: Context, metrics: Iterable[Metric]) -> None:
    """Store the shared tables ``metrics`` read, once per base, and offer them to ``ctx``.

    Only on loyalist's own DuckDB: the purchase days stored at load are offered to every
    query, and the events' customer-months are stored when a metric reads them. Elsewhere
    nothing happens and the metrics build from the raw tables.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.catalog import get
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> prepare(ctx, [get("dau")])
    >>> sorted(ctx.prepared)  # the purchase days stored at load; no events to reduce
    ['purchase_days']
    """
    if not ctx.native:
        return
    base = ctx.base
    days = stored(base).get("purchase_days")
    if days is not None:
        ctx.prepared["purchase_days"] = days
    if not base.has("events"):
        return
    if not any(m.family == "stickiness" or m.name in READS_EVENT_MONTHS for m in metrics):
        return
    kept = _STORED.setdefault(base, {})
    if "event_months" not in kept:
        name = f"__loyalist_event_months_{next(_NAMES)}"
        kept["event_months"] = base.con.create_table(name, _event_months(ctx), temp=True)
    ctx.prepared.update(kept)


@contextmanager
def prepared_for(ctx: Context, metrics: Iterable[Metric]) -> Iterator[None]:
    """:func:`prepare` the tables ``metrics`` read, and store those of this query alone (the
    engagement index's signals) until the block ends.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.metrics.catalog import get
    >>> from loyalist.metrics.context import resolve
    >>> from loyalist.metrics.spec import Query
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> with prepared_for(ctx, [get("engagement_index")]):
    ...     sorted(ctx.prepared)
    ['engagement_signals', 'purchase_days']
    >>> sorted(ctx.prepared)
    ['purchase_days']
    """
    metrics = list(metrics)
    prepare(ctx, metrics)
    signals = None
    if ctx.native and any(m.name == "engagement_index" for m in metrics):
        name = f"__loyalist_engagement_signals_{next(_NAMES)}"
        signals = ctx.base.con.create_table(name, engagement_signals(ctx), temp=True)
        ctx.prepared["engagement_signals"] = signals
    try:
        yield
    finally:
        if signals is not None:
            del ctx.prepared["engagement_signals"]
            ctx.base.con.drop_table(signals.op().name, force=True)


def stored(base: object) -> dict[str, ir.Table]:
    """The tables stored for ``base`` so far: ``purchase_days`` (completed orders summed per
    customer and local day, stored at load) and ``event_months`` once a metric query stored it.

    Examples
    --------
    >>> stored(object())
    {}
    """
    try:
        tables = dict(_STORED.get(base, {}))
    except TypeError:  # not weakly referenceable: nothing is stored for it
        return {}
    if _loaded_here(base) and base.con in WITH_PURCHASE_DAYS:  # type: ignore[attr-defined]
        tables["purchase_days"] = base.con.table(PURCHASE_DAYS)  # type: ignore[attr-defined]
    return tables


def _loaded_here(base: object) -> bool:
    """True for a base whose orders loyalist loaded into its own DuckDB (table ``orders``),
    where its purchase days were stored next to them."""
    con, tables = getattr(base, "con", None), getattr(base, "tables", {})
    if con is None or con.name != "duckdb" or "orders" not in tables:
        return False
    op = tables["orders"].op()
    return isinstance(op, ops.DatabaseTable) and op.name == "orders"


def _event_months(ctx: Context) -> ir.Table:
    """Every customer-month of the events, all history: ``customer_id, month, days``.

    The local day is worked out by integer arithmetic over the whole span of the events
    (:mod:`loyalist.metrics.quick_days`): the same days as the exact conversion.
    """
    events = ctx.table("events")
    span = events.aggregate(first=events.occurred_at.min(), last=events.occurred_at.max())
    first, last = span.execute().iloc[0]
    if pd.isna(first) or pd.isna(last):
        day = ctx.day(events.occurred_at)
    else:
        first_day = first.date() - _DAY
        day = quick_local_date(events.occurred_at, ctx.tz, first_day, last.date() + _DAY)
    rows = events.filter(events.customer_id.notnull()).select("customer_id", day=day)
    return months_of(rows)

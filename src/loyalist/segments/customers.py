"""Every customer's segments in one table (RFM scores and segment, ladder rung), and a
summary per segment."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import ibis.expr.types as ir
import pandas as pd

from loyalist.errors import ConfigError
from loyalist.metrics.context import resolve
from loyalist.metrics.spec import Query
from loyalist.segments.groups import segment_order
from loyalist.segments.ladder import ladder_rungs
from loyalist.segments.rfm import COLUMNS, rfm_scores

if TYPE_CHECKING:
    from loyalist.base import CustomerBase


def last_order_day(base: CustomerBase) -> date:
    """The local day of the latest order: the default "as of" date of the segments.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> last_order_day(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    datetime.date(1998, 6, 30)
    """
    return resolve(base, Query(period=None)).end


def customer_segments(base: CustomerBase, as_of: date | None = None) -> ir.Table:
    """RFM values, scores and segment, and the ladder ``rung``, per customer as of a date.

    One row per customer with a completed order on or before ``as_of`` (default: the day of
    the latest order). Columns: those of :func:`loyalist.segments.rfm.rfm_scores`, then
    ``rung``.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> table = customer_segments(base).execute()
    >>> table.columns[-2:].tolist(), len(table)
    (['rfm_segment', 'rung'], 2357)
    """
    as_of = as_of or last_order_day(base)
    rfm = rfm_scores(base, as_of)
    rungs = ladder_rungs(base, as_of)
    rungs = rungs.select(rung_customer=rungs.customer_id, rung=rungs.rung)
    joined = rfm.join(rungs, rfm.customer_id == rungs.rung_customer)
    return joined.select(*COLUMNS, "rung")


def segment_summary(
    base: CustomerBase, as_of: date | None = None, by: str = "rfm_segment"
) -> pd.DataFrame:
    """Customers, their share, and mean recency, orders and order value per segment.

    ``by`` is ``rfm_segment`` or ``rung``. Columns: ``segment, customers, share,
    recency_days, frequency, monetary`` (means over the segment's customers), in the order
    of the segment list (see :func:`loyalist.segments.groups.segment_order`).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> summary = segment_summary(base, by="rung")
    >>> summary[["segment", "customers"]].to_dict("list")
    {'segment': ['retained', 'sticky', 'lapsed'], 'customers': [583, 229, 1545]}
    """
    if by not in ("rfm_segment", "rung"):
        raise ConfigError(f"segment_summary by {by!r}: choose rfm_segment or rung")
    as_of = as_of or last_order_day(base)
    table = customer_segments(base, as_of)
    stats = table.group_by(segment=table[by]).agg(
        customers=table.count(),
        recency_days=table.recency_days.mean(),
        frequency=table.frequency.mean(),
        monetary=table.monetary.mean(),
    )
    frame = stats.execute().set_index("segment")
    if frame.empty:
        raise ConfigError(
            f"no customer has a completed order on or before {as_of}; choose a later date"
        )
    frame = frame.loc[segment_order("ladder_rung" if by == "rung" else by, list(frame.index))]
    frame.insert(1, "share", frame.customers / frame.customers.sum())
    return frame.reset_index()

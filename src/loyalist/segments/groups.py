"""Groupings a metric can be split by besides the customers' own columns.

=================  ===========================================================================
``by``             each customer's group, as of the date (the end of the query's range)
=================  ===========================================================================
``age_band``       age from ``customers.birth_date``: ``under 18``, ``18-24``, ``25-34``,
                   ``35-44``, ``45-54``, ``55-64``, ``65+``
``ladder_rung``    the rung on the loyalty ladder (:mod:`loyalist.segments.ladder`)
``rfm_segment``    the named RFM segment (:mod:`loyalist.segments.rfm`)
=================  ===========================================================================

Customers without a group (no birth date, no completed order yet) are ``unknown`` in a
metric split, as for a customer column.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.errors import ConfigError
from loyalist.metrics.context import UNKNOWN
from loyalist.metrics.periods import local_date

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: The derived groupings, with what they need.
DERIVED = {"age_band": "customers.birth_date", "ladder_rung": "orders", "rfm_segment": "orders"}
#: Age bands: (lowest age, label), youngest first.
AGE_BANDS = (
    (0, "under 18"),
    (18, "18-24"),
    (25, "25-34"),
    (35, "35-44"),
    (45, "45-54"),
    (55, "55-64"),
    (65, "65+"),
)


def segment_table(base: CustomerBase, by: str, as_of: date) -> ir.Table:
    """``customer_id, segment``: each customer's group for a derived grouping, as of a date.

    Parameters
    ----------
    base
        The customer base.
    by
        One of :data:`DERIVED`: ``age_band``, ``ladder_rung`` or ``rfm_segment``.
    as_of
        The local business date the group is taken at.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> groups = segment_table(base, "ladder_rung", date(1998, 6, 30)).execute()
    >>> sorted(groups.segment.unique())
    ['lapsed', 'retained', 'sticky']
    """
    if by == "age_band":
        return _age_bands(base, as_of)
    if by == "ladder_rung":
        from loyalist.segments.ladder import ladder_rungs

        rungs = ladder_rungs(base, as_of)
        return rungs.select("customer_id", segment=rungs.rung)
    if by == "rfm_segment":
        from loyalist.segments.rfm import rfm_scores

        scores = rfm_scores(base, as_of)
        return scores.select("customer_id", segment=scores.rfm_segment)
    raise ConfigError(f"--by {by}: not a derived grouping; choose one of {', '.join(DERIVED)}")


def segment_order(by: str, labels: list[str]) -> list[str]:
    """``labels`` in the order a reader expects: up the ladder, along the RFM segment list,
    from young to old; other groupings alphabetically. ``unknown`` comes last.

    Examples
    --------
    >>> segment_order("ladder_rung", ["sticky", "unknown", "lapsed", "one_time"])
    ['one_time', 'sticky', 'lapsed', 'unknown']
    """
    from loyalist.segments.ladder_rules import RUNGS
    from loyalist.segments.rfm_rules import SEGMENTS

    known = {
        "age_band": [label for _, label in AGE_BANDS],
        "ladder_rung": list(RUNGS),
        "rfm_segment": list(SEGMENTS),
    }.get(by, sorted(labels, key=str))
    position = {label: i for i, label in enumerate(known)}
    return sorted(labels, key=lambda s: (s == UNKNOWN, position.get(s, len(known)), str(s)))


def age_band(age: ir.IntegerValue) -> ir.StringValue:
    """The band of an age in whole years (NULL stays NULL).

    Examples
    --------
    >>> [age_band(ibis.literal(a)).execute() for a in (17, 18, 34, 35, 64, 65)]
    ['under 18', '18-24', '25-34', '35-44', '55-64', '65+']
    """
    oldest_first = reversed(AGE_BANDS)
    return ibis.cases(*((age >= low, label) for low, label in oldest_first), else_=None)


def _age_bands(base: CustomerBase, as_of: date) -> ir.Table:
    if not base.has("customers") or "birth_date" not in base.table("customers").columns:
        raise ConfigError(
            "--by age_band needs a birth_date column in the customers table; "
            "map it in [tables.customers] columns of loyalist.toml"
        )
    customers = base.table("customers")
    born = local_date(customers.birth_date, base.timezone)  # stored as the local midnight
    had_birthday = (born.month() * 100 + born.day()) <= (as_of.month * 100 + as_of.day)
    age = as_of.year - born.year() - ibis.ifelse(had_birthday, 0, 1)
    return customers.select("customer_id", segment=age_band(age))

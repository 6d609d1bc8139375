"""Churn features: what a customer on the books looked like at the end of a cut-off day.

One row per customer on the books at the cut-off (:func:`loyalist.churn.label.on_the_books`),
with the features each table of the data gives; a table the data lacks just drops its
features. Everything is an Ibis expression that runs in the engine, and nothing after the
cut-off day is read (see each source's module for what "known at the cut-off" means).

==================  ==================================================================
source              features
==================  ==================================================================
orders              recency, frequency, monetary value, usual gap, recency ÷ gap,
                    orders in the last 90 days and the 90 before, tenure
events              active days (L28) and sessions, last 28 days and the 28 before
messages            e-mails in the last 90 days, open and click rates, last open
responses           latest NPS and CSAT and days since, exit and product-survey reasons
subscriptions       active, plan, MRR, renewals, lapses, days to the next renewal
referrals           customers referred, came through a referral
BG/NBD (orders)     P(alive), expected purchases over the horizon
==================  ==================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import ibis.expr.types as ir

from loyalist.churn.cutoff import Cutoff, as_date, check_horizon
from loyalist.churn.features import (
    activity,
    email,
    membership,
    orders,
    purchase_model,
    referrals,
    surveys,
)
from loyalist.churn.label import churn_label, on_the_books

if TYPE_CHECKING:
    from loyalist.base import CustomerBase


@dataclass(frozen=True)
class Source:
    """A table's features: the function that builds them, their descriptions, fill values."""

    table: str
    build: Callable[[CustomerBase, Cutoff], ir.Table]
    columns: Mapping[str, str]
    fill: Mapping[str, object]


SOURCES = (
    Source("orders", orders.order_features, orders.COLUMNS, orders.FILL),
    Source("events", activity.activity_features, activity.COLUMNS, activity.FILL),
    Source("messages", email.email_features, email.COLUMNS, email.FILL),
    Source("responses", surveys.survey_features, surveys.COLUMNS, surveys.FILL),
    Source("subscriptions", membership.membership_features, membership.COLUMNS, membership.FILL),
    Source("referrals", referrals.referral_features, referrals.COLUMNS, referrals.FILL),
)
#: Every feature loyalist can compute, with what it means.
FEATURES: dict[str, str] = {
    name: text
    for columns in (*(s.columns for s in SOURCES), purchase_model.COLUMNS)
    for name, text in columns.items()
}
#: Features that are text (categories) rather than numbers.
CATEGORICAL = ("plan", "exit_reason", "value_reason")
#: Without ``horizon_days``, expected purchases are counted over this many days.
DEFAULT_HORIZON = 90


def churn_features(
    base: CustomerBase,
    cutoff: date | str,
    horizon_days: int | None = None,
    purchase_model_features: bool = True,
) -> ir.Table:
    """Features of every customer on the books at ``cutoff``, as of the end of that day.

    Parameters
    ----------
    base
        The customer base.
    cutoff
        The local day the features describe; nothing later is read.
    horizon_days
        When given, a ``churned`` label column is added (see :mod:`loyalist.churn.label`;
        it means something only when the data cover the whole horizon) and the BG/NBD
        expected purchases cover this many days (else 90).
    purchase_model_features
        Fit the BG/NBD up to the cut-off and add ``p_alive``, ``expected_purchases`` and
        ``p_no_purchase``.

    Returns
    -------
    ibis.expr.types.Table
        ``customer_id``, the features of :data:`FEATURES` the data allows, then ``churned``.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> table = churn_features(base, "1997-09-30", horizon_days=273)
    >>> table.columns[:3]
    ('customer_id', 'recency_days', 'frequency')
    >>> table.columns[-3:]
    ('expected_purchases', 'p_no_purchase', 'churned')
    """
    day = as_date(cutoff, "the cut-off")
    assert day is not None
    horizon = check_horizon(horizon_days) if horizon_days is not None else None
    cut = Cutoff.of(base, day)
    table = on_the_books(base, day)
    for source in SOURCES:
        if base.has(source.table):
            table = attach(table, source.build(base, cut), source.fill)
    if purchase_model_features:
        scores = purchase_model.purchase_model_features(base, day, horizon or DEFAULT_HORIZON)
        if scores is not None:
            table = attach(table, scores, {})
    if horizon is not None:
        table = attach(table, churn_label(base, day, horizon), {})
    return table


def attach(table: ir.Table, part: ir.Table, fill: Mapping[str, object]) -> ir.Table:
    """Left join ``part`` to ``table`` on ``customer_id``; fill the columns of ``fill``.

    Examples
    --------
    >>> import ibis
    >>> left = ibis.memtable({"customer_id": ["a", "b"]})
    >>> right = ibis.memtable({"customer_id": ["a"], "orders_90": [2]})
    >>> attach(left, right, {"orders_90": 0}).order_by("customer_id").execute().orders_90.tolist()
    [2, 0]
    """
    joined = table.left_join(part, "customer_id")
    added = [c for c in part.columns if c != "customer_id"]
    values = [joined[c].fill_null(fill[c]).name(c) if c in fill else joined[c] for c in added]
    return joined.select(*table.columns, *values)


__all__ = ["CATEGORICAL", "FEATURES", "SOURCES", "attach", "churn_features"]

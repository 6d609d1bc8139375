"""Subscription state as of a cut-off: active or not, plan, MRR, renewals, next renewal.

Read from ``subscriptions`` (one row per subscription or per billing term). What is known at
the end of the cut-off day ``c``: a subscription that started by then is *active* unless its
``ended_at`` is on or before ``c`` (an end after ``c`` is not known yet); a renewal counts
once its ``renewal_due_at`` has passed with ``renewed`` true, and a *lapse* once it passed
with ``renewed`` false. Renewal due dates are scheduled, so the next one is known ahead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.churn.cutoff import Cutoff
from loyalist.metrics.books import optional

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

COLUMNS = {
    "subscribed": "1 when a subscription is active at the cut-off, else 0",
    "plan": "plan of the active subscription (the latest started)",
    "mrr": "monthly recurring revenue of the active subscriptions",
    "renewals": "renewals so far",
    "lapses": "renewals due so far that did not happen",
    "days_to_renewal": "days until the active subscription's next renewal is due",
    "subscription_days": "days since the customer's first subscription started",
}
FILL: dict[str, object] = {"subscribed": 0, "mrr": 0.0, "renewals": 0, "lapses": 0}
_UTC = "timestamp('UTC')"


def membership_features(base: CustomerBase, cut: Cutoff) -> ir.Table:
    """One row per customer with a subscription started on or before the cut-off.

    Columns: ``customer_id`` and those of :data:`COLUMNS` the data can give.

    Examples
    --------
    >>> from datetime import date
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> utc = lambda *t: pd.to_datetime(list(t), utc=True)
    >>> subs = pd.DataFrame({"subscription_id": ["t1", "t2"], "customer_id": ["a", "a"],
    ...     "started_at": utc("2024-01-10", "2024-02-10"), "ended_at": utc("2024-02-10", None),
    ...     "plan": ["basic", "plus"], "mrr": [5.0, 10.0],
    ...     "renewal_due_at": utc("2024-02-10", "2024-03-10"), "renewed": [True, None]})
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-10"], "amount": [9.5]})
    >>> base = CustomerBase.from_frames(orders=orders, subscriptions=subs)
    >>> row = membership_features(base, Cutoff(date(2024, 3, 1), "UTC")).execute().iloc[0]
    >>> int(row.subscribed), row.plan, float(row.mrr), int(row.renewals), int(row.days_to_renewal)
    (1, 'plus', 10.0, 1, 9)
    """
    subs = base.table("subscriptions")
    subs = subs.filter(cut.known(subs.started_at))
    ended = optional(subs, "ended_at", _UTC)
    due = optional(subs, "renewal_due_at", _UTC)
    renewed = optional(subs, "renewed", "boolean")
    active = ended.isnull() | ~cut.known(ended)
    passed = cut.known(due).fill_null(False)
    upcoming = active & (~cut.known(due)).fill_null(False)
    wanted: dict[str, ir.Value] = {
        "subscribed": ibis.ifelse(subs.count(where=active) > 0, 1, 0),
        "first_start": subs.started_at.min(),
    }
    if "plan" in subs.columns:
        wanted["plan"] = subs.plan.argmax(subs.started_at, where=active)
    if "mrr" in subs.columns:
        wanted["mrr"] = subs.mrr.sum(where=active).round(6)
    if "renewed" in subs.columns and "renewal_due_at" in subs.columns:
        wanted["renewals"] = subs.count(where=passed & renewed.fill_null(False))
        wanted["lapses"] = subs.count(where=passed & ~renewed.fill_null(True))
    if "renewal_due_at" in subs.columns:
        wanted["next_due"] = due.min(where=upcoming)
    per = subs.group_by("customer_id").agg(**wanted)
    derived = {"subscription_days": cut.days_since(cut.local_day(per.first_start))}
    if "next_due" in per.columns:
        derived["days_to_renewal"] = cut.local_day(per.next_due).delta(
            ibis.literal(cut.day, type="date"), unit="day"
        )
    per = per.mutate(**derived)
    if "mrr" in per.columns:
        per = per.mutate(mrr=per.mrr.fill_null(0.0))
    return per.select("customer_id", *[c for c in COLUMNS if c in per.columns])

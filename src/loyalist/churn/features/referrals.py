"""Advocacy as of a cut-off: customers a customer referred, and whether they were referred.

Read from ``referrals``, referrals made on or before the cut-off day only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.churn.cutoff import Cutoff

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

COLUMNS = {
    "referrals_made": "customers this customer referred so far",
    "was_referred": "1 when the customer came through a referral, else 0",
}
FILL: dict[str, object] = {"referrals_made": 0, "was_referred": 0}


def referral_features(base: CustomerBase, cut: Cutoff) -> ir.Table:
    """One row per customer who referred someone or was referred, on or before the cut-off.

    Columns: ``customer_id`` and :data:`COLUMNS`.

    Examples
    --------
    >>> from datetime import date
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> referrals = pd.DataFrame({"referrer_id": ["a", "a"], "referred_id": ["b", "c"],
    ...     "referred_at": pd.to_datetime(["2024-02-01", "2024-05-01"], utc=True)})
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-01"], "amount": [9.5]})
    >>> base = CustomerBase.from_frames(orders=orders, referrals=referrals)
    >>> rows = referral_features(base, Cutoff(date(2024, 3, 31), "UTC")).execute()
    >>> rows.sort_values("customer_id").values.tolist()  # c is referred after the cut-off
    [['a', 1, 0], ['b', 0, 1]]
    """
    referrals = base.table("referrals")
    referrals = referrals.filter(cut.known(referrals.referred_at))
    made = referrals.select(customer_id=referrals.referrer_id, made=ibis.literal(True))
    came = referrals.select(customer_id=referrals.referred_id, made=ibis.literal(False))
    both = ibis.union(made, came, distinct=False)
    per = both.group_by("customer_id").agg(
        referrals_made=both.count(where=both.made), came=both.count(where=~both.made)
    )
    return per.select("customer_id", "referrals_made", was_referred=ibis.ifelse(per.came > 0, 1, 0))

"""E-mail engagement as of a cut-off: messages received, opened and clicked lately.

Read from ``messages``. A message counts when it was sent in the last 90 days and delivered
(no ``delivered`` column: every message is); an open or a click counts only when it happened
by the end of the cut-off day, so an e-mail opened the day after counts as unopened. A click
without a recorded open counts as an open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.churn.cutoff import Cutoff

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: Rates are computed over the messages sent in the last ``WINDOW`` days.
WINDOW = 90

COLUMNS = {
    "emails_90": "delivered e-mails sent in the last 90 days",
    "open_rate_90": "share of those opened (empty without e-mails)",
    "click_rate_90": "share of those clicked (empty without e-mails)",
    "days_since_open": "days since the customer last opened an e-mail (empty: never)",
}
FILL: dict[str, object] = {"emails_90": 0}


def email_features(base: CustomerBase, cut: Cutoff) -> ir.Table:
    """One row per customer sent a message on or before the cut-off.

    Columns: ``customer_id`` and :data:`COLUMNS` (the open and click columns only when the
    data records opens or clicks).

    Examples
    --------
    >>> from datetime import date
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> utc = lambda *t: pd.to_datetime(list(t), utc=True)
    >>> messages = pd.DataFrame({"message_id": ["m1", "m2"], "customer_id": ["a", "a"],
    ...     "sent_at": utc("2024-03-01", "2024-03-20"),
    ...     "opened_at": utc("2024-03-02", "2024-04-05")})  # the second is opened later
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-03-01"], "amount": [9.5]})
    >>> base = CustomerBase.from_frames(orders=orders, messages=messages)
    >>> row = email_features(base, Cutoff(date(2024, 3, 31), "UTC")).execute().iloc[0]
    >>> int(row.emails_90), float(row.open_rate_90), int(row.days_since_open)
    (2, 0.5, 29)
    """
    messages = base.table("messages")
    sent = messages.filter(cut.known(messages.sent_at))
    opened = _first_of(sent, "opened_at", "clicked_at")
    clicked = _first_of(sent, "clicked_at")
    sent = sent.select(
        "customer_id",
        sent_at=sent.sent_at,
        delivered=sent.delivered.fill_null(True) if "delivered" in sent.columns else True,
        opened=opened if opened is not None else ibis.null("timestamp('UTC')"),
        clicked=clicked if clicked is not None else ibis.null("timestamp('UTC')"),
    )
    recent = sent.delivered & cut.within(sent.sent_at, WINDOW)
    opened_by, clicked_by = cut.known(sent.opened).fill_null(False), cut.known(sent.clicked)
    clicked_by = clicked_by.fill_null(False)
    per = sent.group_by("customer_id").agg(
        emails_90=sent.count(where=recent),
        opens=sent.count(where=recent & opened_by),
        clicks=sent.count(where=recent & clicked_by),
        last_open=sent.opened.max(where=opened_by),
    )
    if opened is None:
        return per.select("customer_id", "emails_90")
    emails = ibis.ifelse(per.emails_90 > 0, per.emails_90.cast("float64"), ibis.null("float64"))
    columns = {
        "open_rate_90": per.opens / emails,
        "click_rate_90": per.clicks / emails if clicked is not None else None,
        "days_since_open": cut.days_since(cut.local_day(per.last_open)),
    }
    return per.select(
        "customer_id", "emails_90", **{k: v for k, v in columns.items() if v is not None}
    )


def _first_of(table: ir.Table, *columns: str) -> ir.TimestampValue | None:
    """The first present, non-NULL of ``columns``; None when the table has none of them."""
    values = [table[c] for c in columns if c in table.columns]
    if not values:
        return None
    return values[0] if len(values) == 1 else ibis.coalesce(*values)

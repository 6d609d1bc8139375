"""App or site activity as of a cut-off: active days (L28), sessions and their trend.

Read from ``events``, times on or before the cut-off day only. A customer of the population
without any event has 0 active days and 0 sessions (not NULL) when the data has events. The
last activity is looked for within the business's active window (365 days by default).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis.expr.types as ir

from loyalist.churn.cutoff import Cutoff

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: Active days and sessions are counted in the last ``WINDOW`` days and the ``WINDOW`` before.
WINDOW = 28

COLUMNS = {
    "active_days_28": "distinct days with app activity in the last 28 days (L28)",
    "active_days_prev_28": "distinct active days in the 28 days before those",
    "sessions_28": "sessions in the last 28 days, counted per day (events without session_id)",
    "sessions_prev_28": "sessions in the 28 days before those",
    "session_trend": "sessions_28 - sessions_prev_28",
    "days_since_activity": "days since the last app activity (empty: none in the active window)",
}
FILL: dict[str, object] = {
    "active_days_28": 0,
    "active_days_prev_28": 0,
    "sessions_28": 0.0,
    "sessions_prev_28": 0.0,
    "session_trend": 0.0,
}


def activity_features(base: CustomerBase, cut: Cutoff) -> ir.Table:
    """One row per customer with an event on or before the cut-off.

    Columns: ``customer_id`` and :data:`COLUMNS`.

    Examples
    --------
    >>> from datetime import date
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> times = pd.to_datetime(["2024-03-01 10:00", "2024-03-01 12:00", "2024-03-20 09:00"],
    ...                        utc=True)
    >>> events = pd.DataFrame({"customer_id": ["a", "a", "a"], "occurred_at": times})
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-03-01"], "amount": [9.5]})
    >>> base = CustomerBase.from_frames(orders=orders, events=events)
    >>> row = activity_features(base, Cutoff(date(2024, 3, 31), "UTC")).execute().iloc[0]
    >>> int(row.active_days_28), int(row.active_days_prev_28), int(row.days_since_activity)
    (1, 1, 11)
    """
    events = base.table("events")
    lookback = base.config.business.active_window_days
    last = events.filter(cut.within(events.occurred_at, lookback))
    last = last.group_by("customer_id").agg(last_at=last.occurred_at.max())
    last = last.select(
        "customer_id", days_since_activity=cut.days_since(cut.local_day(last.last_at))
    )

    recent = events.filter(cut.within(events.occurred_at, 2 * WINDOW))
    day = cut.local_day(recent.occurred_at)
    # first one row per customer and active day, then per customer: no distinct counts of
    # days over the raw events
    sessions = recent.session_id.nunique() if "session_id" in recent.columns else recent.count()
    days = recent.group_by(["customer_id", day.name("day")]).agg(sessions=sessions)
    latest = days.day > cut.days_ago(WINDOW)
    counts = days.group_by("customer_id").agg(
        active_days_28=days.count(where=latest),
        active_days_prev_28=days.count(where=~latest),
        sessions_28=days.sessions.sum(where=latest).cast("float64"),
        sessions_prev_28=days.sessions.sum(where=~latest).cast("float64"),
    )
    counts = counts.mutate(session_trend=counts.sessions_28 - counts.sessions_prev_28)
    joined = last.left_join(counts, "customer_id")
    return joined.select(
        "customer_id",
        *[joined[c].fill_null(0).name(c) for c in FILL],
        "days_since_activity",
    )

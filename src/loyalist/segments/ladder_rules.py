"""The rules of the loyalty ladder (DESIGN.md), as engine expressions over its facts.

Using the business's active window (``[business] active_window_days``, default 365 days,
ending on the date) and the ``[ladder]`` thresholds of ``loyalist.toml``:

============  ===========================================================================
rung          holds when
============  ===========================================================================
``one_time``  exactly one completed order so far, and it is within the window
``retained``  two or more completed orders, the last one within the window
``sticky``    retained, and habitual: at least ``sticky_min_orders`` orders in the window
              (default 4) or at least ``sticky_min_active_days`` active days (days with an
              app or site event) in the last 28 days (default 8)
``loyal``     retained, and an advocate: the latest NPS answer given so far is 9 or 10, or
              they referred someone within the window
``lapsed``    the last completed order is older than the window
============  ===========================================================================

A customer takes the highest rung that holds: ``loyal`` above ``sticky`` above ``retained``.
Without an events, responses or referrals table the condition that needs it cannot hold
(its fact is NULL, read as 0). The facts come from :mod:`loyalist.segments.ladder_facts`.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.config import Ladder

#: The rungs, in the order of DESIGN.md.
RUNGS = ("one_time", "retained", "sticky", "loyal", "lapsed")
#: How high each rung stands: moving to a higher level is moving up the ladder.
LEVEL = {"lapsed": 0, "one_time": 1, "retained": 2, "sticky": 3, "loyal": 4}
#: The facts :func:`loyalist.segments.ladder.ladder_rungs` returns besides the rung.
FACTS = (
    "first_order_day",
    "last_order_day",
    "days_since_last_order",
    "orders",
    "orders_in_window",
    "active_days_28",
    "latest_nps",
    "referrals_in_window",
)


def rung_conditions(facts: ir.Table, thresholds: Ladder) -> dict[str, ir.BooleanValue]:
    """Each rung's own condition (DESIGN.md), as engine expressions over the ladder facts.

    Examples
    --------
    >>> facts = ibis.table(dict.fromkeys(["window_from", "last_order_day"], "date")
    ...                    | dict.fromkeys(FACTS[3:], "int64"))
    >>> list(rung_conditions(facts, Ladder()))
    ['one_time', 'retained', 'sticky', 'loyal', 'lapsed']
    """
    within = facts.last_order_day >= facts.window_from
    repeat = within & (facts.orders >= 2)
    habitual = (facts.orders_in_window >= thresholds.sticky_min_orders) | (
        facts.active_days_28.fill_null(0) >= thresholds.sticky_min_active_days
    )
    advocate = (facts.latest_nps.fill_null(0) >= 9) | (facts.referrals_in_window.fill_null(0) > 0)
    return {
        "one_time": within & (facts.orders == 1),
        "retained": repeat,
        "sticky": repeat & habitual,
        "loyal": repeat & advocate,
        "lapsed": ~within,
    }


def rung_of(facts: ir.Table, thresholds: Ladder) -> ir.StringValue:
    """The highest rung whose condition holds (``LEVEL`` order), as an engine expression.

    Examples
    --------
    >>> from datetime import date
    >>> facts = ibis.memtable({"window_from": [date(2024, 1, 1)],
    ...     "last_order_day": [date(2024, 6, 1)], "orders": [6], "orders_in_window": [5],
    ...     "active_days_28": [0], "latest_nps": [10.0], "referrals_in_window": [0]})
    >>> facts.select(rung=rung_of(facts, Ladder())).execute().rung.tolist()  # sticky and loyal
    ['loyal']
    """
    conditions = rung_conditions(facts, thresholds)
    highest_first = sorted(RUNGS, key=LEVEL.__getitem__, reverse=True)
    return ibis.cases(*((conditions[r], r) for r in highest_first))

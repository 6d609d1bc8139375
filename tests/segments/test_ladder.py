"""The loyalty ladder on hand-made customers: each rung, the highest-rung rule, window edges,
missing tables, counts per period and transitions.

As of 2024-06-30 with the default 365-day window, the window is 2023-07-02 … 2024-06-30
(2024-06-30 minus 364 days) and the last 28 days are 2024-06-03 … 2024-06-30.
"""

from __future__ import annotations

from datetime import date

import pytest

from loyalist.config import Ladder
from loyalist.errors import ConfigError
from loyalist.segments.ladder import (
    ladder_counts,
    ladder_movement,
    ladder_rungs,
    ladder_transitions,
)

AS_OF = date(2024, 6, 30)
TWO = ["2024-01-10 10:00", "2024-05-10 10:00"]  # two orders inside the window

ORDERS = [
    ("one", "2024-06-01 10:00"),
    ("edge_in", "2023-07-02 00:00"),  # first day of the window
    ("edge_out", "2023-07-01 23:59"),  # the day before it
    ("two_old", "2022-01-01 10:00"),
    ("two_old", "2024-01-15 10:00"),
    ("lapsed2", "2022-05-01 10:00"),
    ("lapsed2", "2023-06-30 10:00"),
    *[("sticky_o", f"2024-0{m}-05 10:00") for m in (2, 3, 4, 5)],
    *[("three", f"2024-0{m}-05 10:00") for m in (2, 3, 4)],
    ("same_day", "2024-06-10 09:00"),
    ("same_day", "2024-06-10 17:00"),
    *[(c, t) for c in ("sticky_e", "seven", "promoter", "was_promoter", "later") for t in TWO],
    *[(c, t) for c in ("referrer", "old_referrer", "one_promoter_x") for t in TWO[:1]],
    ("referrer", TWO[1]),
    ("old_referrer", TWO[1]),
    *[("sticky_loyal", f"2024-0{m}-07 10:00") for m in (1, 2, 3, 4, 5)],
    ("one_promoter", "2024-04-01 10:00"),
    ("refunded", "2024-04-01 10:00"),
    ("refunded", "2024-05-01 10:00", 10.0, "refunded"),
    ("future", "2024-07-10 10:00"),
    ("cancelled", "2024-05-01 10:00", 10.0, "cancelled"),
]
EVENTS = [
    # sticky_e: 8 distinct days in the last 28 (two events on 06-03 count once).
    *[("sticky_e", f"2024-06-{d:02d} 12:00") for d in (3, 5, 8, 11, 14, 17, 20, 30)],
    ("sticky_e", "2024-06-03 18:00"),
    # seven: 7 days inside the last 28, one on 06-02 (just outside) -> 7.
    *[("seven", f"2024-06-{d:02d} 12:00") for d in (2, 4, 6, 9, 12, 15, 18, 21)],
]
RESPONSES = [
    ("promoter", "2024-03-01 10:00", "nps", 10),
    ("was_promoter", "2024-02-01 10:00", "nps", 10),
    ("was_promoter", "2024-05-01 10:00", "nps", 5),  # the latest answer counts
    ("later", "2024-07-05 10:00", "nps", 9),  # after the date: not yet given
    ("later", "2024-03-05 10:00", "csat", 5),  # not an NPS answer
    ("sticky_loyal", "2024-06-01 10:00", "nps", 9),
    ("one_promoter", "2024-04-02 10:00", "nps", 10),
]
REFERRALS = [
    ("referrer", "friend1", "2024-03-01 10:00"),
    ("old_referrer", "friend2", "2023-06-01 10:00"),  # before the window
]
EXPECTED = {
    "one": "one_time",
    "edge_in": "one_time",
    "edge_out": "lapsed",
    "two_old": "retained",  # two orders, one in the window, the last one in it
    "lapsed2": "lapsed",
    "sticky_o": "sticky",  # 4 orders in the window
    "three": "retained",  # 3 < 4
    "same_day": "retained",  # orders count, not days
    "sticky_e": "sticky",  # 8 active days
    "seven": "retained",  # 7 active days
    "promoter": "loyal",
    "was_promoter": "retained",
    "later": "retained",
    "referrer": "loyal",
    "old_referrer": "retained",
    "one_promoter_x": "one_time",  # one order (the TWO[:1] row)
    "sticky_loyal": "loyal",  # both sticky and loyal: the highest rung
    "one_promoter": "one_time",  # loyal needs two orders
    "refunded": "one_time",  # the refunded order does not count
}


def _rungs(base, as_of=AS_OF) -> dict[str, str]:
    table = ladder_rungs(base, as_of).execute()
    return dict(zip(table.customer_id, table.rung, strict=True))


def test_each_rung_and_the_highest_rung_rule(build) -> None:
    base = build(ORDERS, EVENTS, RESPONSES, REFERRALS)
    assert _rungs(base) == EXPECTED  # future and cancelled-only customers are not on it


def test_the_facts_behind_the_rungs(build) -> None:
    base = build(ORDERS, EVENTS, RESPONSES, REFERRALS)
    facts = ladder_rungs(base, AS_OF).execute().set_index("customer_id")
    assert facts.at["two_old", "orders"] == 2 and facts.at["two_old", "orders_in_window"] == 1
    assert facts.at["edge_out", "days_since_last_order"] == 365
    assert facts.at["sticky_e", "active_days_28"] == 8
    assert facts.at["seven", "active_days_28"] == 7
    assert facts.at["one", "active_days_28"] == 0  # events exist, none for them
    assert facts.at["was_promoter", "latest_nps"] == 5
    assert facts.at["referrer", "referrals_in_window"] == 1
    assert facts.at["old_referrer", "referrals_in_window"] == 0


def test_missing_tables_mean_the_condition_cannot_hold(build) -> None:
    facts = ladder_rungs(build(ORDERS), AS_OF).execute().set_index("customer_id")
    assert facts.rung.to_dict() == EXPECTED | {
        "sticky_e": "retained",  # no events
        "promoter": "retained",  # no responses
        "referrer": "retained",  # no referrals
        "sticky_loyal": "sticky",  # 5 orders still make it sticky
    }
    assert facts[["active_days_28", "latest_nps", "referrals_in_window"]].isna().all().all()


def test_thresholds_and_window_come_from_the_configuration(build) -> None:
    base = build(ORDERS, ladder=Ladder(sticky_min_orders=3, sticky_min_active_days=7))
    rungs = _rungs(base)
    assert rungs["three"] == "sticky" and rungs["seven"] == "retained"  # no events table
    # A 30-day window (2024-06-01 … 06-30): only "one" and "same_day" ordered in it.
    short = _rungs(build(ORDERS, window=30))
    assert {c for c, r in short.items() if r != "lapsed"} == {"one", "same_day"}


def test_the_window_edge_follows_the_business_time_zone(build) -> None:
    # 2023-07-01 23:30 UTC is 2023-07-02 01:30 in Amsterdam: the window's first local day.
    orders = [("x", "2023-07-01 23:30")]
    assert _rungs(build(orders)) == {"x": "lapsed"}
    assert _rungs(build(orders, tz="Europe/Amsterdam")) == {"x": "one_time"}


# -- counts and transitions -------------------------------------------------------------------
# a: one_time until its second order on 2024-03-01, then retained.
# b: first order 2024-02-15.
# c: last order 2023-01-10: lapsed all along.
# d: last order 2023-04-01: retained at 2024-01-31 and 02-29 (window from 2023-03-02), lapsed
#    from 2024-03-31 (window from 2023-04-02: the order is exactly 365 days old).
MOVES = [
    ("a", "2023-12-01 10:00"),
    ("a", "2024-03-01 10:00"),
    ("b", "2024-02-15 10:00"),
    ("c", "2022-12-01 10:00"),
    ("c", "2023-01-10 10:00"),
    ("d", "2023-03-01 10:00"),
    ("d", "2023-04-01 10:00"),
    ("e", "2024-07-05 10:00"),  # after the range
]


def test_counts_at_each_month_end(build) -> None:
    counts = ladder_counts(build(MOVES), date(2024, 1, 1), date(2024, 6, 30), "month")
    wide = counts.pivot(index="period_start", columns="rung", values="customers")
    assert len(counts) == 6 * 5  # every month has every rung
    assert wide.one_time.tolist() == [1, 2, 1, 1, 1, 1]
    assert wide.retained.tolist() == [1, 1, 1, 1, 1, 1]  # d, d, then a
    assert wide.lapsed.tolist() == [1, 1, 2, 2, 2, 2]
    assert wide.sticky.sum() == wide.loyal.sum() == 0


def test_transitions_between_two_dates(build) -> None:
    moves = ladder_transitions(build(MOVES), date(2024, 1, 31), date(2024, 6, 30))
    found = {(f, t): n for f, t, n in moves.itertuples(index=False) if n}
    assert found == {
        ("one_time", "retained"): 1,  # a
        ("new", "one_time"): 1,  # b
        ("lapsed", "lapsed"): 1,  # c
        ("retained", "lapsed"): 1,  # d
    }
    assert len(moves) == 6 * 5  # new + five rungs, to five rungs
    assert ladder_movement(moves) == {"up": 1, "down": 1, "stayed": 1, "new": 1, "net": 0}


def test_a_range_that_ends_before_it_starts_is_refused(build) -> None:
    with pytest.raises(ConfigError, match="before it starts"):
        ladder_transitions(build(MOVES), date(2024, 6, 30), date(2024, 1, 31))

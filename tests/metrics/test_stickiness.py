"""Stickiness metrics on small hand-made data with answers worked out by hand.

The business is in Europe/Amsterdam (UTC+1 in winter, UTC+2 from 31 March 2024), so an event
at 23:30 UTC on 31 January happens on 1 February there. Timestamps below are UTC.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import ibis
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalist import CustomerBase
from loyalist.config import Business, Config, Ladder
from loyalist.metrics.catalog import get
from loyalist.metrics.context import resolve
from loyalist.metrics.run import compute, expression
from loyalist.metrics.spec import Query
from loyalist.metrics.stickiness import power_user_curve

AMS = "Europe/Amsterdam"
Z = 1.959963984540054


def utc(*values: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values), utc=True))


def make_base(tz: str = AMS, ladder: Ladder | None = None, **frames: pd.DataFrame) -> CustomerBase:
    if "orders" not in frames:
        frames["orders"] = pd.DataFrame(
            {"order_id": ["o"], "customer_id": ["a"], "ordered_at": utc("2024-01-01 12:00"),
             "amount": [1.0]}
        )  # fmt: skip
    config = Config(business=Business(timezone=tz), ladder=ladder or Ladder())
    return CustomerBase.from_frames(config=config, **frames)


def events(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"customer_id": [c for c, _ in rows], "occurred_at": utc(*[t for _, t in rows])}
    )


def row(result: pd.DataFrame, metric: str, start: date, segment: str = "all") -> pd.Series:
    hit = result[
        (result.metric == metric) & (result.period_start == start) & (result.segment == segment)
    ]
    assert len(hit) == 1, f"{metric} {start} {segment}: {len(hit)} rows\n{result}"
    return hit.iloc[0]


def wilson(k: int, n: int) -> tuple[float, float]:
    p, z2 = k / n, Z * Z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return centre - half, centre + half


# -- a quarter of app activity ------------------------------------------------------------
# a: Jan 1 (twice: one active day), Jan 2, Feb 1 (07:00 UTC)
# b: Jan 2, and 31 Jan 23:30 UTC = 1 February in Amsterdam
# c: Jan 10.  d: one single event, Jan 15.  March: no events at all.
QUARTER = events(
    [
        ("a", "2024-01-01 09:00"),
        ("a", "2024-01-01 15:00"),
        ("a", "2024-01-02 09:00"),
        ("b", "2024-01-02 10:00"),
        ("b", "2024-01-31 23:30"),
        ("c", "2024-01-10 12:00"),
        ("a", "2024-02-01 07:00"),
        ("d", "2024-01-15 12:00"),
    ]
)
CUSTOMERS = pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "country": ["NL", "NL", "BE", "BE"]})
Q1 = {"start": date(2024, 1, 1), "end": date(2024, 3, 31)}
JAN, FEB, MAR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
ACTIVES = ["dau", "wau", "mau", "dau_mau", "mau_yau"]


@pytest.fixture(scope="module")
def quarter() -> CustomerBase:
    return make_base(events=QUARTER, customers=CUSTOMERS)


def test_dau_per_month_counts_days_without_activity_as_zero(quarter: CustomerBase) -> None:
    result = compute(quarter, ["dau"], period="month", **Q1)
    # January: Jan 1 {a}, Jan 2 {a, b}, Jan 10 {c}, Jan 15 {d}: 1 + 2 + 1 + 1 = 5 over 31 days
    jan = row(result, "dau", JAN)
    assert jan.value == pytest.approx(5 / 31) and jan.n == 31
    # the sd of the 31 daily counts: Σx² = 7, var = (7 − 31·(5/31)²) / 30 = 0.2064516,
    # sd = 0.4543695; half-width = 1.96 · 0.4543695 / √31 = 0.1599478
    assert jan.ci_low == pytest.approx(5 / 31 - 0.1599478, abs=1e-6)
    assert jan.ci_high == pytest.approx(5 / 31 + 0.1599478, abs=1e-6)
    # February: Feb 1 {a, b} (b's 23:30 UTC event is local Feb 1): 2 over 29 days
    assert row(result, "dau", FEB).value == pytest.approx(2 / 29)
    # March has no events: a row with 0 over its 31 days, not a missing row
    march = row(result, "dau", MAR)
    assert (march.value, march.n, march.ci_low, march.ci_high) == (0, 31, 0, 0)


def test_dau_per_day_follows_the_local_day(quarter: CustomerBase) -> None:
    result = compute(quarter, ["dau"], period="day", start=date(2024, 1, 31), end=date(2024, 2, 1))
    # 31 Jan 23:30 UTC is 1 Feb 00:30 in Amsterdam: nobody on Jan 31, a and b on Feb 1
    assert row(result, "dau", date(2024, 1, 31)).value == 0
    feb1 = row(result, "dau", date(2024, 2, 1))
    assert feb1.value == 2 and feb1.n == 1 and pd.isna(feb1.ci_low)  # one day: no interval
    # in UTC b's event stays on Jan 31
    in_utc = compute(make_base(tz="UTC", events=QUARTER), ["dau"], period="day",
                     start=date(2024, 1, 31), end=date(2024, 2, 1))  # fmt: skip
    assert row(in_utc, "dau", date(2024, 1, 31)).value == 1


def test_wau_is_the_mean_over_the_weeks_starting_in_the_period(quarter: CustomerBase) -> None:
    result = compute(quarter, ["wau"], period="month", **Q1)
    # weeks starting in January (2024-01-01 is a Monday): Jan 1 {a, b}, Jan 8 {c}, Jan 15 {d},
    # Jan 22 {}, Jan 29 {a, b} (their Feb 1 activity): (2 + 1 + 1 + 0 + 2) / 5 = 1.2
    jan = row(result, "wau", JAN)
    assert jan.value == pytest.approx(1.2) and jan.n == 5
    # February's weeks start Feb 5, 12, 19, 26: no activity
    assert row(result, "wau", FEB).value == 0 and row(result, "wau", FEB).n == 4
    weekly = compute(quarter, ["wau"], period="week", start=date(2024, 1, 1), end=date(2024, 1, 14))
    assert weekly.value.tolist() == [2, 1]


def test_a_week_across_two_months_counts_each_customer_once() -> None:
    # The ISO week of Monday 29 January 2024 ends on Sunday 4 February. x: 30 January and
    # 2 February (one customer on both sides of the month end); y: 31 January only.
    rows = [("x", "2024-01-30 10:00"), ("x", "2024-02-02 10:00"), ("y", "2024-01-31 10:00")]
    base = make_base(events=events(rows))
    weekly = compute(base, ["wau"], "week", start=date(2024, 1, 29), end=date(2024, 2, 4))
    assert weekly.value.tolist() == [2]  # x and y, not x twice
    # The 7 days up to 4 February: x active on 2 of them (one in each month), y on 1.
    curve = power_user_curve(base, window=7, as_of=date(2024, 2, 4)).execute()
    assert curve.customers.tolist()[:3] == [1, 1, 0]


def test_mau_and_the_single_event_customer(quarter: CustomerBase) -> None:
    result = compute(quarter, ["mau"], period="month", **Q1)
    # January {a, b, c, d} (d: one event in all), February {a, b}, March {}
    assert [row(result, "mau", m).value for m in (JAN, FEB, MAR)] == [4, 2, 0]
    assert pd.isna(row(result, "mau", JAN).ci_low)  # one month: a count, no interval
    # a quarter: the mean of its months (4 + 2 + 0) / 3 = 2
    quarterly = compute(quarter, ["mau"], period="quarter", **Q1)
    assert row(quarterly, "mau", JAN).value == pytest.approx(2.0)
    assert compute(quarter, ["mau"], period="week", **Q1).attrs["skipped"] == {
        "mau": "needs a period of a month or longer"
    }


def test_dau_mau_per_month_and_pooled_over_a_quarter(quarter: CustomerBase) -> None:
    result = compute(quarter, ["dau_mau"], period="month", **Q1)
    # January: mean DAU 5/31 over MAU 4 = 5/124
    jan = row(result, "dau_mau", JAN)
    assert jan.value == pytest.approx(5 / 124) and jan.n == 4
    # February: (2/29) / 2 = 1/29; March has no active customer, so no row
    assert row(result, "dau_mau", FEB).value == pytest.approx(1 / 29)
    assert MAR not in set(result.period_start)
    # the quarter, pooled: Σ daily actives 7 / Σ days × MAU (31·4 + 29·2 + 31·0 = 182)
    pooled = compute(quarter, ["dau_mau"], period="quarter", **Q1)
    assert row(pooled, "dau_mau", JAN).value == pytest.approx(7 / 182)


def test_dau_mau_interval_for_one_month(quarter: CustomerBase) -> None:
    jan = row(compute(quarter, ["dau_mau"], period="month", **Q1), "dau_mau", JAN)
    # per customer the share of January's 31 days active: a 2, b 1, c 1, d 1 → 5/124 on
    # average; sd of (2, 1, 1, 1)/31 = 0.5/31 = 0.016129; half = 1.96 · 0.016129 / 2 = 0.0158061
    assert jan.ci_low == pytest.approx(5 / 124 - 0.0158061, abs=1e-6)
    assert jan.ci_high == pytest.approx(5 / 124 + 0.0158061, abs=1e-6)


def test_mau_yau(quarter: CustomerBase) -> None:
    result = compute(quarter, ["mau_yau"], period="year", **Q1)
    # the year (in the range) has 3 months; mean MAU (4 + 2 + 0) / 3 = 2; 4 active in the year
    value = row(result, "mau_yau", JAN)
    assert value.value == pytest.approx(0.5) and value.n == 4
    # as shares of months per customer: a 2/3, b 2/3, c 1/3, d 1/3; sd = √(1/27) = 0.19245,
    # half = 1.96 · 0.19245 / 2 = 0.188597
    assert value.ci_low == pytest.approx(0.5 - 0.188597, abs=1e-5)
    assert value.ci_high == pytest.approx(0.5 + 0.188597, abs=1e-5)


def test_by_segment_keeps_empty_days(quarter: CustomerBase) -> None:
    result = compute(quarter, ["dau", "mau"], period="month", by="country", **Q1)
    # NL = {a, b}: January days Jan 1 {a}, Jan 2 {a, b} → 3/31; BE = {c, d}: 2/31
    assert row(result, "dau", JAN, "NL").value == pytest.approx(3 / 31)
    assert row(result, "dau", JAN, "BE").value == pytest.approx(2 / 31)
    # BE has no activity in February, but still a row with 0
    assert row(result, "dau", FEB, "BE").value == 0
    assert row(result, "mau", FEB, "NL").value == 2


def test_the_whole_range_as_one_period(quarter: CustomerBase) -> None:
    result = compute(quarter, ["dau", "wau"], period=None, **Q1)
    # 7 active customer-days over the 91 days of the quarter
    assert row(result, "dau", JAN).value == pytest.approx(7 / 91)
    # 13 whole weeks; weekly actives 2, 1, 1, 0, 2 then zeros: 6 / 13
    assert row(result, "wau", JAN).value == pytest.approx(6 / 13)


# -- power users --------------------------------------------------------------------------
# Range Jan 1-28 2024 as one period: the L28 window is Jan 1-28, the L7 window Jan 22-28.
# p: Jan 1-4 and Jan 22-25 (8 days; 4 in the last 7).  q: Jan 22, 24, 26 (3 days).
# r: Jan 5 only.  s: Jan 10-16 and 27 Jan 23:30 UTC = Jan 28 local (8 days; 1 in the last 7).
POWER = events(
    [("p", f"2024-01-{d:02d} 10:00") for d in (1, 2, 3, 4, 22, 23, 24, 25)]
    + [("q", f"2024-01-{d:02d} 10:00") for d in (22, 24, 26)]
    + [("q", "2024-01-26 18:00"), ("r", "2024-01-05 10:00")]
    + [("s", f"2024-01-{d:02d} 10:00") for d in range(10, 17)]
    + [("s", "2024-01-27 23:30")]
)
JAN_28 = {"start": date(2024, 1, 1), "end": date(2024, 1, 28)}


def test_power_users_l7_and_l28() -> None:
    result = compute(make_base(events=POWER), ["power_users_l7", "power_users_l28"], None, **JAN_28)
    # L7: active in Jan 22-28: p (4 days), q (3), s (1) → 1 of 3 active on 4+ days
    l7 = row(result, "power_users_l7", JAN)
    assert l7.value == pytest.approx(1 / 3) and l7.n == 3
    assert (l7.ci_low, l7.ci_high) == pytest.approx(wilson(1, 3))
    # L28: p 8, q 3, r 1, s 8 days; 8 or more (the default sticky_min_active_days): p and s
    l28 = row(result, "power_users_l28", JAN)
    assert l28.value == pytest.approx(0.5) and l28.n == 4


def test_power_users_l28_threshold_comes_from_the_ladder() -> None:
    base = make_base(events=POWER, ladder=Ladder(sticky_min_active_days=9))
    result = compute(base, ["power_users_l28"], None, **JAN_28)
    assert row(result, "power_users_l28", JAN).value == 0  # nobody has 9 days


def test_power_users_per_month_window_ends_at_the_month_end() -> None:
    result = compute(make_base(events=POWER), ["power_users_l7"], "month",
                     start=date(2024, 1, 1), end=date(2024, 2, 29))  # fmt: skip
    # January's L7 window is Jan 25-31: p (25), q (26), s (28): nobody has 4 days
    jan = row(result, "power_users_l7", JAN)
    assert jan.value == 0 and jan.n == 3
    # February's window (Feb 23-29) has no active customer: no row
    assert FEB not in set(result.period_start)


def test_power_user_curve() -> None:
    curve = power_user_curve(make_base(events=POWER), window=7, as_of=date(2024, 1, 28)).execute()
    # s 1 day, q 3 days, p 4 days out of 3 customers active in Jan 22-28
    assert curve.active_days.tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert curve.customers.tolist() == [1, 0, 1, 1, 0, 0, 0]
    assert curve.share.tolist() == pytest.approx([1 / 3, 0, 1 / 3, 1 / 3, 0, 0, 0])
    full = power_user_curve(make_base(events=POWER), window=28, as_of=date(2024, 1, 28)).execute()
    # L28: r 1 day, q 3 days, p and s 8 days
    assert full.set_index("active_days").customers[[1, 3, 8]].tolist() == [1, 1, 2]
    assert full.customers.sum() == 4


# -- sessions -----------------------------------------------------------------------------
SESSIONS = pd.DataFrame(
    {
        "customer_id": ["a", "a", "a", "a", "b", "b", "b", "c", "c"],
        "session_id": ["s1", "s1", "s1", "s2", "s3", "s3", "s4", "s1", "s1"],
        "occurred_at": utc(
            "2024-01-05 10:00:00",
            "2024-01-05 10:05:00",
            "2024-01-05 10:12:30",  # a s1
            "2024-01-06 08:00:00",  # a s2, one event with a duration of 120 s
            "2024-01-07 09:00:00",
            "2024-01-07 09:01:00",  # b s3, duration 300 given
            "2024-01-08 09:00:00",  # b s4, one event, no duration
            "2024-01-09 12:00:00",
            "2024-01-09 12:01:00",  # c s1 (same id as a's, but c's)
        ),
        "duration_s": [None, None, None, 120.0, 300.0, None, None, None, None],
    }
)


def test_session_duration_median_and_mean() -> None:
    base = make_base(events=SESSIONS)
    result = compute(base, ["session_duration", "mean_session_duration"], "month",
                     start=date(2024, 1, 1), end=date(2024, 1, 31))  # fmt: skip
    # sessions: a/s1 750 s (10:00 → 10:12:30, no duration given), a/s2 120 s (given),
    # b/s3 300 s (given beats the 60 s between its events), b/s4 0 s (one event), c/s1 60 s
    median = row(result, "session_duration", JAN)
    assert median.value == 120 and median.n == 5  # sorted: 0, 60, 120, 300, 750
    # ranks 5/2 ∓ 1.96·√5/2 → round(0.31) = 0 → 1 and round(1 + 2.5 + 2.19) = 6 → 5
    assert (median.ci_low, median.ci_high) == (0, 750)
    mean = row(result, "mean_session_duration", JAN)
    # 1230 / 5 = 246; sd = √(367920 / 4) = 303.2820; half = 1.96 · 303.282 / √5 = 265.8327
    assert mean.value == pytest.approx(246)
    assert mean.ci_low == 0  # 246 − 265.8 is below zero: floored
    assert mean.ci_high == pytest.approx(246 + 265.8327, abs=1e-3)


def test_session_duration_median_of_an_even_count() -> None:
    base = make_base(events=SESSIONS[SESSIONS.customer_id != "c"])
    result = compute(base, ["session_duration"], None, start=JAN, end=date(2024, 1, 31))
    # 0, 120, 300, 750: the mean of the two middle sessions, (120 + 300) / 2
    assert row(result, "session_duration", JAN).value == 210


def test_sessions_without_session_ids_use_the_given_durations() -> None:
    frame = SESSIONS.drop(columns="session_id")
    result = compute(make_base(events=frame), ["session_duration"], None, start=JAN,
                     end=date(2024, 1, 31))  # fmt: skip
    # every event with a duration is a session: 120 and 300
    value = row(result, "session_duration", JAN)
    assert value.value == 210 and value.n == 2


def test_sessions_without_any_duration() -> None:
    frame = SESSIONS.drop(columns="duration_s")
    result = compute(make_base(events=frame), ["session_duration"], None, start=JAN,
                     end=date(2024, 1, 31))  # fmt: skip
    # lengths from first to last event: 750, 0, 60, 0, 60 → median 60
    assert row(result, "session_duration", JAN).value == 60


# -- stickiness by value ------------------------------------------------------------------
def orders_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": [str(i) for i in range(len(rows))],
            "customer_id": [c for c, _, _ in rows],
            "ordered_at": utc(*[t for _, t, _ in rows]),
            "amount": 10.0,
            "status": [s for _, _, s in rows],
        }
    )


VALUE_ORDERS = orders_frame(
    [
        ("a", "2024-01-10 12:00", "completed"),
        ("a", "2024-02-05 12:00", "completed"),
        ("b", "2024-01-12 12:00", "completed"),
        ("b", "2024-03-03 12:00", "completed"),
        ("c", "2024-01-05 12:00", "completed"),
        ("c", "2024-02-10 12:00", "refunded"),
        ("d", "2024-02-08 12:00", "completed"),
        ("d", "2024-03-09 12:00", "completed"),
        ("e", "2024-01-03 12:00", "completed"),
        ("e", "2024-02-14 12:00", "completed"),
        ("g", "2024-01-04 12:00", "completed"),
        ("g", "2024-02-29 23:30", "completed"),  # 1 March in Amsterdam
    ]
)
ANSWERS = pd.DataFrame(
    {
        "customer_id": ["a", "a", "b", "c", "d", "e", "f", "g"],
        "responded_at": utc(
            "2024-01-20 12:00",
            "2024-03-10 12:00",
            "2024-01-15 12:00",
            "2024-02-20 12:00",
            "2024-02-09 12:00",
            "2024-01-20 12:00",
            "2024-01-01 12:00",
            "2024-01-06 12:00",
        ),
        "survey": [
            "product",
            "product",
            "product",
            "product",
            "product",
            "nps",
            "product",
            "product",
        ],
        "score": [None, None, None, None, None, 9.0, None, None],
        "reason": [
            "price",
            "convenience",
            "price",
            "service",
            "price",
            "price",
            "quality",
            "quality",
        ],
    }
)


def test_stickiness_by_value() -> None:
    base = make_base(orders=VALUE_ORDERS, responses=ANSWERS, customers=CUSTOMERS)
    result = compute(base, ["stickiness_by_value"], "month", start=JAN, end=date(2024, 3, 31))
    # January: nobody answered and had ordered before January 1 → no rows (a month with
    # answers but nobody eligible, like a month without answers, gives no row)
    assert JAN not in set(result.period_start)
    # February (answers as of Feb 29): a price, b price, c service, d price (but first order
    # Feb 8: not before February), f quality (never ordered), g quality; e only answered NPS.
    # price: a bought Feb 5, b did not → 1/2; service: c's February order was refunded → 0/1;
    # quality: g's order at 23:30 UTC on Feb 29 is March 1 locally → 0/1
    price = row(result, "stickiness_by_value", FEB, "price")
    assert price.value == 0.5 and price.n == 2
    assert (price.ci_low, price.ci_high) == pytest.approx(wilson(1, 2))
    assert row(result, "stickiness_by_value", FEB, "service").value == 0
    assert row(result, "stickiness_by_value", FEB, "quality").value == 0
    # March: a's latest answer is now convenience (Mar 10) and a did not buy → 0/1;
    # price: b (Mar 3) and d (Mar 9; first order Feb 8, before March) → 2/2; g quality → 1/1
    assert row(result, "stickiness_by_value", MAR, "convenience").value == 0
    march_price = row(result, "stickiness_by_value", MAR, "price")
    assert march_price.value == 1 and march_price.n == 2
    assert row(result, "stickiness_by_value", MAR, "quality").value == 1
    assert set(result.segment) == {"price", "service", "quality", "convenience"}


def test_stickiness_by_value_with_a_segment() -> None:
    base = make_base(orders=VALUE_ORDERS, responses=ANSWERS, customers=CUSTOMERS)
    result = compute(base, ["stickiness_by_value"], "month", by="country", start=JAN,
                     end=date(2024, 3, 31))  # fmt: skip
    # February price: a (NL, bought) and b (NL, did not); c (BE) service, did not buy
    assert row(result, "stickiness_by_value", FEB, "NL · price").value == 0.5
    assert row(result, "stickiness_by_value", FEB, "BE · service").value == 0
    # March price: b (NL) and d (BE) both bought; g is not in customers: unknown, quality
    assert row(result, "stickiness_by_value", MAR, "NL · price").value == 1
    assert row(result, "stickiness_by_value", MAR, "BE · price").value == 1
    assert row(result, "stickiness_by_value", MAR, "unknown · quality").value == 1


# -- properties ---------------------------------------------------------------------------
CUSTOMER_IDS = st.sampled_from(["a", "b", "c", "d", "e"])
# minutes since 2024-01-01 00:00 UTC, within the first quarter (and a little before it)
MINUTES = st.integers(min_value=-120, max_value=91 * 24 * 60 - 1)
ACTIVITY = st.lists(st.tuples(CUSTOMER_IDS, MINUTES), min_size=1, max_size=40)
FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def activity_frame(rows: list[tuple[str, int]]) -> pd.DataFrame:
    start = pd.Timestamp("2024-01-01", tz="UTC")
    return pd.DataFrame(
        {
            "customer_id": [c for c, _ in rows],
            "occurred_at": [start + pd.Timedelta(minutes=m) for _, m in rows],
            "session_id": [f"{c}{m // 90}" for c, m in rows],
        }
    )


def metrics_of(frame: pd.DataFrame, period: str | None) -> pd.DataFrame:
    names = ["dau", "dau_mau", "power_users_l7", "power_users_l28", "session_duration"]
    return compute(make_base(events=frame), names, period, **Q1)


@given(ACTIVITY)
@FAST
def test_daily_weekly_monthly_actives_nest(rows: list[tuple[str, int]]) -> None:
    base = make_base(events=activity_frame(rows))
    daily = compute(base, ["dau"], "day", **Q1)
    weekly = compute(base, ["wau"], "week", **Q1)
    monthly = compute(base, ["mau", "dau"], "month", **Q1)
    week_of = {r.period_start: r.value for r in weekly.itertuples()}
    mau = {r.period_start: r.value for r in monthly.query("metric == 'mau'").itertuples()}
    for r in daily.itertuples():
        week = r.period_start - timedelta(days=r.period_start.weekday())
        # a day's actives are among its week's and its month's
        assert r.value <= week_of[week]
        assert r.value <= mau[r.period_start.replace(day=1)]
    for start, value in week_of.items():
        end = start + timedelta(days=6)
        if start.month == end.month and start >= Q1["start"]:  # a week inside one month
            assert value <= mau[start.replace(day=1)]
    for r in monthly.query("metric == 'dau'").itertuples():
        assert r.value <= mau[r.period_start]  # mean DAU ≤ MAU


@given(ACTIVITY, st.sampled_from(["month", "quarter", None]))
@FAST
def test_ratios_and_shares_stay_within_bounds(rows: list[tuple[str, int]], period: str) -> None:
    result = metrics_of(activity_frame(rows), period)
    shares = result[result.metric.isin(["dau_mau", "power_users_l7", "power_users_l28"])]
    assert shares.value.between(0, 1).all()
    bounded = result.dropna(subset=["ci_low"])
    assert (bounded.ci_low <= bounded.value + 1e-12).all()
    assert (bounded.value <= bounded.ci_high + 1e-12).all()
    assert (shares.dropna(subset=["ci_low"]).ci_low >= 0).all()
    assert (shares.dropna(subset=["ci_high"]).ci_high <= 1 + 1e-12).all()


@given(ACTIVITY, st.randoms(use_true_random=False))
@settings(FAST, max_examples=10)
def test_row_order_does_not_matter(rows: list[tuple[str, int]], rnd: random.Random) -> None:
    frame = activity_frame(rows)
    shuffled = frame.sample(frac=1, random_state=rnd.randint(0, 10_000)).reset_index(drop=True)
    a, b = metrics_of(frame, "month"), metrics_of(shuffled, "month")
    pd.testing.assert_frame_equal(a, b)


SESSION_EVENTS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["s1", "s2", "s3"]),  # the same ids for different customers
        st.integers(-3_600_000_000, 40 * 86_400_000_000),  # µs after 1 January 2024 UTC
        st.one_of(st.none(), st.floats(0, 5000, allow_nan=False), st.sampled_from([0.1, 2.5])),
    ),
    min_size=1,
    max_size=30,
)


@given(SESSION_EVENTS)
@FAST
def test_quick_sessions_give_the_same_lengths_as_the_portable_form(
    rows: list[tuple[str, str, int, float | None]],
) -> None:
    # On DuckDB the sessions are grouped with two running values instead of three: the same
    # lengths as the SQL every engine runs, for sub-second times and any mix of durations. The
    # quick form counts whole microseconds; the portable one subtracts two floats of epoch
    # seconds on DuckDB, each within 2.4e-7 s of the time (1 µs apart: 9.5367e-07 s).
    start = pd.Timestamp("2024-01-01", tz="UTC")
    frame = pd.DataFrame(
        {
            "customer_id": [c for c, _, _, _ in rows],
            "session_id": [s for _, s, _, _ in rows],
            "occurred_at": [start + pd.Timedelta(microseconds=us) for _, _, us, _ in rows],
            "duration_s": pd.Series([d for _, _, _, d in rows], dtype="float64"),
        }
    )
    base = make_base(events=frame)
    names = ["session_duration", "mean_session_duration"]
    results = []
    for portable in (False, True):
        ctx = resolve(base, Query("week", start=date(2024, 1, 1), end=date(2024, 2, 10)))
        ctx.portable = portable
        union = ibis.union(*(expression(get(n), ctx) for n in names), distinct=False)
        result = base.con.execute(union).sort_values(["metric", "period_start"])
        results.append(result.reset_index(drop=True))
    pd.testing.assert_frame_equal(results[0], results[1], rtol=0, atol=5e-7)

"""Lifecycle (new, returning, resurrected, dormant) on a hand-made history.

Business time zone Europe/Amsterdam; timestamps below are UTC (noon unless said).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalist import CustomerBase
from loyalist.config import Business, Config
from loyalist.metrics.lifecycle import lifecycle_table
from loyalist.metrics.run import compute

AMS = "Europe/Amsterdam"
NAMES = ["lifecycle_new", "lifecycle_returning", "lifecycle_resurrected", "lifecycle_dormant"]
FEB, MAR, APR, MAY = (date(2024, m, 1) for m in (2, 3, 4, 5))
RANGE = {"start": FEB, "end": date(2024, 5, 31)}

# a: every month Jan-Jun.  b: Jan, Mar.  c: Feb (first ever).  d: Apr (first ever), May.
# e: Jan, then May.  f: 31 Jan 23:30 UTC = 1 Feb in Amsterdam (first ever).
# g: June only (after the range).  Activity in January is history before the range.
HISTORY = [
    *[("a", f"2024-{m:02d}-10 12:00") for m in range(1, 7)],
    ("b", "2024-01-12 12:00"),
    ("b", "2024-03-12 12:00"),
    ("c", "2024-02-14 12:00"),
    ("d", "2024-04-03 12:00"),
    ("d", "2024-05-03 12:00"),
    ("e", "2024-01-20 12:00"),
    ("e", "2024-05-20 12:00"),
    ("f", "2024-01-31 23:30"),
    ("g", "2024-06-05 12:00"),
]
CUSTOMERS = pd.DataFrame(
    {"customer_id": ["a", "b", "c", "d", "e"], "country": ["NL", "NL", "BE", "BE", "NL"]}
)


def utc(values: list[str]) -> pd.Series:
    return pd.Series(pd.to_datetime(values, utc=True))


def orders_of(rows: list[tuple[str, str]], status: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": [str(i) for i in range(len(rows))],
            "customer_id": [c for c, _ in rows],
            "ordered_at": utc([t for _, t in rows]),
            "amount": 5.0,
            "status": status or ["completed"] * len(rows),
        }
    )


def make_base(tz: str = AMS, **frames: pd.DataFrame) -> CustomerBase:
    return CustomerBase.from_frames(config=Config(business=Business(timezone=tz)), **frames)


def events_base(tz: str = AMS) -> CustomerBase:
    events = pd.DataFrame(
        {"customer_id": [c for c, _ in HISTORY], "occurred_at": utc([t for _, t in HISTORY])}
    )
    # z ordered in March but has no app activity: with an events table, orders do not count
    orders = orders_of([("a", "2024-01-10 12:00"), ("z", "2024-03-05 12:00")])
    return make_base(tz, events=events, orders=orders, customers=CUSTOMERS)


def table(result: pd.DataFrame, segment: str = "all") -> dict[date, list[int]]:
    """{period_start: [new, returning, resurrected, dormant]} from a compute() result."""
    result = result[result.segment == segment]
    wide = result.pivot(index="period_start", columns="metric", values="value")[NAMES]
    return {
        start: [int(v) for v in values]
        for start, values in zip(wide.index, wide.values, strict=True)
    }


def test_each_status_on_a_four_month_history() -> None:
    result = compute(events_base(), NAMES, "month", **RANGE)
    assert table(result) == {
        # Feb: new c, f (f's first event is 1 Feb locally); returning a; dormant b, e
        FEB: [2, 1, 0, 2],
        # Mar: returning a; resurrected b (active in Jan, not Feb); dormant c, f
        MAR: [0, 1, 1, 2],
        # Apr: new d; returning a; dormant b
        APR: [1, 1, 0, 1],
        # May: returning a, d; resurrected e (active in January); nobody dormant.
        # g (June) is after the range and z only placed an order: neither is counted.
        MAY: [0, 2, 1, 0],
    }
    assert result.ci_low.isna().all() and result.ci_high.isna().all()
    assert (result.n == result.value).all()


def test_the_time_zone_decides_the_month() -> None:
    result = compute(events_base(tz="UTC"), NAMES, "month", **RANGE)
    # in UTC f was active in January: in February f is dormant, not new
    assert table(result)[FEB] == [1, 1, 0, 3]


def test_the_previous_period_may_lie_before_the_range() -> None:
    result = compute(events_base(), NAMES, "quarter", start=APR, end=date(2024, 6, 30))
    # Q2 actives: a, d, e, g; Q1 actives: a, b, c, e, f.
    # new d, g; returning a, e; dormant b, c, f
    assert table(result) == {APR: [2, 2, 0, 3]}


def test_the_whole_range_as_one_period() -> None:
    result = compute(events_base(), NAMES, None, start=MAR, end=date(2024, 4, 30))
    # the range has 61 days; the previous period is the 61 days before: 31 Dec - 29 Feb.
    # now: a, b, d; before: a, b, c, e, f → new d; returning a, b; dormant c, e, f
    assert table(result) == {MAR: [1, 2, 0, 3]}


def test_by_segment() -> None:
    result = compute(events_base(), NAMES, "month", by="country", **RANGE)
    # NL = a, b, e; BE = c, d; f is not in customers: unknown
    assert table(result, "NL")[FEB] == [0, 1, 0, 2]
    assert table(result, "BE")[FEB] == [1, 0, 0, 0]
    assert table(result, "unknown")[FEB] == [1, 0, 0, 0]
    assert table(result, "BE")[MAR] == [0, 0, 0, 1]  # c dormant; no row missing for BE


def test_without_events_completed_orders_are_the_activity() -> None:
    rows = [*HISTORY, ("h", "2024-03-15 12:00")]
    status = ["completed"] * len(HISTORY) + ["refunded"]  # h's only order was refunded
    base = make_base(orders=orders_of(rows, status), customers=CUSTOMERS)
    frame = lifecycle_table(base, "month", start=FEB, end=date(2024, 5, 31))
    assert list(frame.columns) == [
        "period_start", "segment", "new", "returning", "resurrected", "dormant"
    ]  # fmt: skip
    # the same history as orders: the same answer as with events; h never counts
    assert frame.period_start.tolist() == [FEB, MAR, APR, MAY]
    assert frame[["new", "returning", "resurrected", "dormant"]].values.tolist() == [
        [2, 1, 0, 2],
        [0, 1, 1, 2],
        [1, 1, 0, 1],
        [0, 2, 1, 0],
    ]


# -- properties ---------------------------------------------------------------------------
ACTIVITY = st.lists(
    st.tuples(st.sampled_from(list("abcdef")), st.integers(0, 91 * 24 * 60 - 1)),
    min_size=1,
    max_size=30,
)


def activity_base(rows: list[tuple[str, int]], shuffle_seed: int | None = None) -> CustomerBase:
    start = pd.Timestamp("2024-01-01", tz="UTC")
    events = pd.DataFrame(
        {
            "customer_id": [c for c, _ in rows],
            "occurred_at": [start + pd.Timedelta(minutes=m) for _, m in rows],
        }
    )
    if shuffle_seed is not None:
        events = events.sample(frac=1, random_state=shuffle_seed).reset_index(drop=True)
    return make_base(events=events, orders=orders_of([("a", "2024-01-01 12:00")]))


@given(ACTIVITY)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_statuses_add_up_to_the_active_customers(rows: list[tuple[str, int]]) -> None:
    base = activity_base(rows)
    start, end = date(2024, 2, 1), date(2024, 3, 31)
    counts = table(compute(base, NAMES, "month", start=start, end=end))
    mau = compute(base, ["mau"], "month", start=date(2024, 1, 1), end=end)
    actives = dict(zip(mau.period_start, mau.value.astype(int), strict=True))
    for month, (new, returning, resurrected, dormant) in counts.items():
        previous = date(2024, month.month - 1, 1)
        assert min(new, returning, resurrected, dormant) >= 0
        # this period's actives are new, returning or resurrected ...
        assert new + returning + resurrected == actives[month]
        # ... and the previous period's either came back or went dormant
        assert returning + dormant == actives[previous]


@given(ACTIVITY, st.integers(0, 1000))
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_row_order_does_not_matter(rows: list[tuple[str, int]], seed: int) -> None:
    kwargs = {"period": "month", "start": date(2024, 2, 1), "end": date(2024, 3, 31)}
    a = lifecycle_table(activity_base(rows), **kwargs)
    b = lifecycle_table(activity_base(rows, shuffle_seed=seed), **kwargs)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("period", ["week", "day"])
def test_short_periods(period: str) -> None:
    result = compute(events_base(), NAMES, period, start=date(2024, 5, 1), end=date(2024, 5, 31))
    # May: a (10th), d (3rd), e (20th) are active on single days; each is new, returning or
    # resurrected on that day or week and dormant the next one
    totals = result.groupby("metric").value.sum()
    assert totals["lifecycle_new"] == 0
    assert totals["lifecycle_returning"] == 0
    assert totals["lifecycle_resurrected"] == 3
    assert totals["lifecycle_dormant"] == 3


def test_a_range_starting_mid_month_counts_the_whole_previous_month() -> None:
    result = compute(events_base(), NAMES, "month", start=date(2024, 2, 15), end=date(2024, 5, 31))
    assert table(result) == {
        # Feb counts 15-29 Feb only: nobody is active then (a, c and f were active earlier
        # in February). Dormant: a, b, e (active in January).
        FEB: [0, 0, 0, 3],
        # Mar: the previous month is the whole of February (a, c, f), even before the range:
        # returning a; resurrected b (January); dormant c, f
        MAR: [0, 1, 1, 2],
        # Apr: new d; returning a; dormant b.  May: returning a, d; resurrected e.
        APR: [1, 1, 0, 1],
        MAY: [0, 2, 1, 0],
    }

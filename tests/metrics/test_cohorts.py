"""The cohort table on small hand-made data; expected numbers worked out in comments.

Business time zone Europe/Amsterdam, months January to April 2024. A customer's cohort is
the month of their first completed order ever.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalist import CustomerBase
from loyalist.config import Business, Config
from loyalist.metrics.cohorts import cohort_table, cohorts
from loyalist.metrics.run import compute

JAN, END = date(2024, 1, 1), date(2024, 4, 30)
COLUMNS = ["cohort", "offset", "members", "active", "share", "revenue_per_member"]


def orders_of(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    """Orders from (customer, UTC time, amount, status) rows."""
    return pd.DataFrame(
        {
            "order_id": [f"o{i}" for i in range(len(rows))],
            "customer_id": [r[0] for r in rows],
            "ordered_at": pd.to_datetime([r[1] for r in rows], utc=True, format="ISO8601"),
            "amount": [float(r[2]) for r in rows],
            "status": [r[3] for r in rows],
        }
    )


def base_of(orders: pd.DataFrame, **tables: pd.DataFrame) -> CustomerBase:
    config = Config(business=Business(timezone="Europe/Amsterdam"))
    return CustomerBase.from_frames(config=config, orders=orders, **tables)


ORDERS = orders_of(
    [
        ("a", "2024-01-10 12:00", 10, "completed"),
        ("a", "2024-02-05 12:00", 20, "completed"),
        ("a", "2024-03-20 12:00", 30, "completed"),
        ("b", "2024-01-20 12:00", 5, "completed"),  # one order only
        ("c", "2024-01-25 09:00", 7, "completed"),
        ("c", "2024-01-25 18:00", 3, "completed"),  # same day
        ("c", "2024-03-01 12:00", 40, "completed"),
        ("d", "2024-02-10 12:00", 100, "refunded"),  # no completed order: in no cohort
        ("e", "2023-10-01 12:00", 50, "completed"),  # first order before the range:
        ("e", "2024-03-10 12:00", 60, "completed"),  # in no cohort of the range
        ("f", "2024-01-31 23:30", 15, "completed"),  # 1 February in Amsterdam
        ("h", "2024-03-05 12:00", 8, "completed"),
        ("h", "2024-03-25 12:00", 12, "completed"),
        ("h", "2024-03-28 12:00", 99, "refunded"),
    ]
)
# Cohorts: January a b c (3), February f (1), March h (1); April: no orders at all.
# Months with an order: a Jan Feb Mar; b Jan; c Jan Mar; f Feb; h Mar.
# Revenue by cohort and month: January cohort: Jan 10 + 5 + 7 + 3 = 25, Feb 20, Mar 30 + 40
# = 70, Apr 0; February cohort: Feb 15; March cohort: Mar 8 + 12 = 20 (refund left out).


def test_cohort_table_active_in_the_period() -> None:
    table = cohort_table(base_of(ORDERS), period="month", start=JAN, end=END)
    expected = pd.DataFrame(
        [
            # January cohort: Jan 3 of 3; Feb a; Mar a c; Apr nobody.
            ("2024-01-01", 0, 3, 3, 1.0, 25 / 3),
            ("2024-01-01", 1, 3, 1, 1 / 3, 20 / 3),
            ("2024-01-01", 2, 3, 2, 2 / 3, 70 / 3),
            ("2024-01-01", 3, 3, 0, 0.0, 0.0),
            ("2024-02-01", 0, 1, 1, 1.0, 15.0),
            ("2024-02-01", 1, 1, 0, 0.0, 0.0),
            ("2024-02-01", 2, 1, 0, 0.0, 0.0),
            ("2024-03-01", 0, 1, 1, 1.0, 20.0),
            ("2024-03-01", 1, 1, 0, 0.0, 0.0),
            # Pooled over the cohorts that reach each offset (not a mean of their shares):
            # k0: 5 of 5; revenue (25 + 15 + 20) / 5 = 12.
            # k1: (1 + 0 + 0) / (3 + 1 + 1) = 0.2 (the mean of shares would be 0.111);
            #     revenue 20 / 5 = 4.
            # k2: January and February cohorts only: (2 + 0) / (3 + 1) = 0.5 (mean of shares:
            #     0.333); revenue 70 / 4 = 17.5.
            # k3: January cohort only: 0 / 3.
            ("average", 0, 5, 5, 1.0, 12.0),
            ("average", 1, 5, 1, 0.2, 4.0),
            ("average", 2, 4, 2, 0.5, 17.5),
            ("average", 3, 3, 0, 0.0, 0.0),
        ],
        columns=COLUMNS,
    )
    assert table.columns.tolist() == COLUMNS
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)


def test_cohort_table_active_in_the_period_or_later() -> None:
    table = cohort_table(base_of(ORDERS), period="month", mode="on_or_after", start=JAN, end=END)
    # Last month with an order: a Mar, b Jan, c Mar; f Feb; h Mar.
    # January cohort: k0 3; k1 a c (both order in March) = 2; k2 a c = 2; k3 0.
    # February cohort: 1, 0, 0. March cohort: 1, 0.
    # Pooled: k0 5/5; k1 (2 + 0 + 0) / 5 = 0.4; k2 (2 + 0) / 4 = 0.5; k3 0 / 3.
    assert table.active.tolist() == [3, 2, 2, 0, 1, 0, 0, 1, 0, 5, 2, 2, 0]
    average = table[table.cohort == "average"]
    assert average.share.tolist() == pytest.approx([1.0, 0.4, 0.5, 0.0])
    # Revenue per member does not depend on the mode: revenue of period c + k.
    assert average.revenue_per_member.tolist() == pytest.approx([12.0, 4.0, 17.5, 0.0])


def test_quarters_and_the_range_default() -> None:
    table = cohort_table(base_of(ORDERS), period="quarter")
    # The range defaults to the first and last order days, of any status: 1 Oct 2023 (e) to
    # 28 Mar 2024 (h's refund).
    # Q4 2023 cohort: e (1); Q1 2024: a b c f h (5). e orders again in Q1 -> k1 1 of 1.
    assert table[["cohort", "offset", "members", "active"]].values.tolist() == [
        ["2023-10-01", 0, 1, 1],
        ["2023-10-01", 1, 1, 1],
        ["2024-01-01", 0, 5, 5],
        ["average", 0, 6, 6],
        ["average", 1, 1, 1],
    ]


def test_segments_add_a_column() -> None:
    customers = pd.DataFrame({"customer_id": list("abc"), "channel": ["web", "web", "shop"]})
    base = base_of(ORDERS, customers=customers)
    table = cohort_table(base, period="month", start=JAN, end=END, by="channel")
    assert table.columns.tolist()[:3] == ["cohort", "segment", "offset"]
    january = table[(table.cohort == "2024-01-01") & (table.offset == 2)]
    # January cohort, March: web a b -> a active (1 of 2); shop c -> active (1 of 1).
    assert dict(zip(january.segment, january.share, strict=True)) == {"shop": 1.0, "web": 0.5}


def test_bad_mode_or_period() -> None:
    base = base_of(ORDERS)
    with pytest.raises(ValueError, match="mode"):
        cohorts(base, mode="sometimes", start=JAN, end=END)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="period"):
        cohorts(base, period="fortnight", start=JAN, end=END)  # type: ignore[arg-type]


# -- properties --------------------------------------------------------------------------
ORIGIN = datetime(2023, 12, 1, tzinfo=UTC)
orders = st.lists(
    st.tuples(
        st.sampled_from("abcdefg"),
        st.integers(0, 200 * 24 * 60),
        st.sampled_from(["completed", "completed", "refunded"]),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=25, deadline=None)
@given(rows=orders, mode=st.sampled_from(["on", "on_or_after"]))
def test_properties_of_the_cohort_table(rows: list[tuple], mode: str) -> None:
    frame = orders_of([(c, str(ORIGIN + timedelta(minutes=m)), 1.0, s) for c, m, s in rows])
    base = base_of(frame)
    start, end = date(2024, 1, 1), date(2024, 5, 31)
    table = cohort_table(base, period="month", mode=mode, start=start, end=end)  # type: ignore[arg-type]
    cells = table[table.cohort != "average"]
    average = table[table.cohort == "average"].set_index("offset")
    assert table.share.between(0, 1).all()
    assert (cells[cells.offset == 0].share == 1.0).all()
    # The average row pools: sum of active / sum of members of the cohorts with that offset.
    pooled = cells.groupby("offset")[["members", "active"]].sum()
    assert average.members.tolist() == pooled.members.tolist()
    assert average.share.tolist() == pytest.approx((pooled.active / pooled.members).tolist())
    if mode == "on_or_after":
        # Active in c + k or later is monotone in k.
        for _, cohort in cells.groupby("cohort"):
            assert cohort.sort_values("offset").active.is_monotonic_decreasing
    else:
        # The catalog metric is the table's offset 1.
        metric = compute(base, ["cohort_retention"], period="month", start=start, end=end)
        first = cells[cells.offset == 1]
        assert metric.value.tolist() == pytest.approx(first.share.tolist())
        assert metric.n.tolist() == first.members.tolist()

"""Value metrics on small hand-made data; expected numbers worked out in comments.

Mean intervals in the comments: mean ± 1.96 × sd / √n (sd with n − 1; one customer: no spread,
the interval is the value itself).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalist import CustomerBase
from loyalist.config import Business, Config
from loyalist.metrics.run import compute

JAN, FEB, MAR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
END = date(2024, 3, 31)
VALUE = ["revenue", "average_order_value", "purchase_frequency", "historical_clv"]


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


def run(orders: pd.DataFrame, tz: str = "UTC", **kwargs: object) -> dict[str, pd.DataFrame]:
    base = CustomerBase.from_frames(config=Config(business=Business(timezone=tz)), orders=orders)
    kwargs = {"period": "month", "start": JAN, "end": END, **kwargs}
    result = compute(base, VALUE, **kwargs)  # type: ignore[arg-type]
    return {name: rows.set_index("period_start") for name, rows in result.groupby("metric")}


ORDERS = orders_of(
    [
        ("c", "2023-12-20", 40, "completed"),  # before the range: counts for revenue to date
        ("a", "2024-01-10 09:00", 10, "completed"),
        ("a", "2024-01-10 15:00", 20, "completed"),  # same day, second order
        ("b", "2024-01-15", 5, "completed"),
        ("r", "2024-01-20", 100, "refunded"),  # never counts
        ("k", "2024-01-21", 50, "cancelled"),  # never counts
        ("b", "2024-02-05", 15, "completed"),
    ]
)


def test_revenue_and_average_order_value_exclude_refunds() -> None:
    result = run(ORDERS)
    # January: 10 + 20 + 5 = 35 over 3 completed orders (the refund of 100 and the cancelled
    # 50 do not count); February: 15 over 1; March: no orders -> no row.
    assert result["revenue"].value.to_dict() == {JAN: 35.0, FEB: 15.0}
    assert result["revenue"].n.tolist() == [3, 1]
    assert result["revenue"].ci_low.isna().all()  # a total, not an estimate
    aov = result["average_order_value"]
    # January: 35 / 3 = 11.667; sd of 10, 20, 5 = √((1.667² + 8.333² + 6.667²) / 2) = 7.6376;
    # half = 1.96 × 7.6376 / √3 = 8.6426 -> [3.0240, 20.3093]. February: one order -> [15, 15].
    assert aov.loc[JAN].value == pytest.approx(35 / 3)
    assert (aov.loc[JAN].ci_low, aov.loc[JAN].ci_high) == pytest.approx((3.0240, 20.3093), 1e-4)
    assert (aov.loc[FEB].value, aov.loc[FEB].ci_low, aov.loc[FEB].ci_high) == (15.0, 15.0, 15.0)


def test_purchase_frequency_per_ordering_customer() -> None:
    frequency = run(ORDERS)["purchase_frequency"]
    # January: a 2 orders (same day), b 1 (r and k have no completed order) -> 1.5 over 2
    # customers; sd 0.7071, half = 1.96 × 0.7071 / √2 = 0.98 -> [0.52, 2.48].
    # February: b with one order -> 1.0, interval [1, 1]. March: no orders, no row.
    assert frequency.value.to_dict() == {JAN: 1.5, FEB: 1.0}
    assert frequency.n.tolist() == [2, 1]
    jan = frequency.loc[JAN]
    assert (jan.ci_low, jan.ci_high) == pytest.approx((0.52, 2.48), abs=1e-4)
    assert (frequency.loc[FEB].ci_low, frequency.loc[FEB].ci_high) == (1.0, 1.0)


def test_historical_clv_is_revenue_to_date_per_acquired_customer() -> None:
    clv = run(ORDERS)["historical_clv"]
    # End of January: c 40 (December order), a 30, b 5 -> 75 / 3 = 25; sd 18.028,
    # half = 1.96 × 18.028 / √3 = 20.40 -> [4.60, 45.40]. r and k were never acquired.
    # End of February: c 40, a 30, b 20 -> 30; sd 10, half 11.316 -> [18.684, 41.316].
    # End of March: nobody ordered, the same customers and totals -> 30.
    assert clv.value.to_dict() == {JAN: 25.0, FEB: 30.0, MAR: 30.0}
    assert clv.n.tolist() == [3, 3, 3]
    assert (clv.loc[JAN].ci_low, clv.loc[JAN].ci_high) == pytest.approx((4.6, 45.4), abs=1e-3)
    assert (clv.loc[FEB].ci_low, clv.loc[FEB].ci_high) == pytest.approx(
        (18.6841, 41.3159), abs=1e-3
    )


def test_historical_clv_over_the_whole_range() -> None:
    clv = run(ORDERS, period=None)["historical_clv"]
    # One period ending 31 March: (40 + 30 + 20) / 3 = 30.
    assert clv.value.tolist() == [30.0]


def test_a_customer_with_one_order() -> None:
    result = run(orders_of([("a", "2024-02-14", 12.5, "completed")]))
    # One customer, one order of 12.5 in February: every value is exact, no spread.
    for name, expected in [
        ("revenue", 12.5),
        ("average_order_value", 12.5),
        ("purchase_frequency", 1.0),
        ("historical_clv", 12.5),
    ]:
        row = result[name].loc[FEB]
        assert (row.value, row.n) == (expected, 1)
    # Revenue to date carries to March; nothing before February (not yet acquired).
    assert result["historical_clv"].value.to_dict() == {FEB: 12.5, MAR: 12.5}
    assert (result["average_order_value"].loc[FEB].ci_low) == 12.5
    # One customer has no spread (not a division by n − 1 = 0): the interval is the value.
    clv = result["historical_clv"].loc[FEB]
    assert (clv.ci_low, clv.ci_high) == (12.5, 12.5)


def test_order_at_2330_utc_on_31_january_is_february_in_amsterdam() -> None:
    orders = orders_of(
        [("a", "2024-01-31 22:30", 10, "completed"), ("b", "2024-01-31 23:30", 7, "completed")]
    )
    ams = run(orders, "Europe/Amsterdam")
    # Amsterdam (UTC+1): a orders at 23:30 on 31 Jan, b at 00:30 on 1 Feb.
    assert ams["revenue"].value.to_dict() == {JAN: 10.0, FEB: 7.0}
    # Revenue to date: end of Jan only a (10); end of Feb a 10, b 7 -> 8.5.
    assert ams["historical_clv"].value.to_dict() == {JAN: 10.0, FEB: 8.5, MAR: 8.5}
    utc = run(orders)
    # UTC: both on 31 January -> 17; frequency 1 each.
    assert utc["revenue"].value.to_dict() == {JAN: 17.0}
    assert utc["purchase_frequency"].value.to_dict() == {JAN: 1.0}


order_rows = st.lists(
    st.tuples(
        st.sampled_from("abcde"),
        st.integers(-60, 90),  # days after 1 Jan 2024
        st.integers(1, 200),
        st.sampled_from(["completed", "completed", "refunded", "cancelled"]),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=25, deadline=None)
@given(order_rows, st.randoms(use_true_random=False))
def test_value_properties(drawn: list[tuple[str, int, int, str]], rnd: object) -> None:
    start = pd.Timestamp("2024-01-01 10:00")
    frame = orders_of([(c, str(start + pd.Timedelta(days=d)), a, s) for c, d, a, s in drawn])
    result = run(frame)
    seed = rnd.randint(0, 10**6)  # type: ignore[attr-defined]
    shuffled = run(frame.sample(frac=1, random_state=seed))
    assert result.keys() == shuffled.keys()
    for name in result:  # independent of row order
        pd.testing.assert_frame_equal(result[name], shuffled[name])
    for rows in result.values():
        inside = rows.ci_low.isna() | ((rows.ci_low <= rows.value) & (rows.value <= rows.ci_high))
        assert inside.all()
    completed = frame[frame.status == "completed"]
    local = completed.ordered_at.dt.date
    in_range = completed[(local >= JAN) & (local <= END)]
    # Revenue per month adds up to the completed amount of the range.
    assert result.get("revenue", pd.DataFrame({"value": []})).value.sum() == pytest.approx(
        in_range.amount.sum()
    )
    if "purchase_frequency" in result:
        assert (result["purchase_frequency"].value >= 1).all()
    if "historical_clv" in result:
        clv = result["historical_clv"]
        # Mean × customers is the revenue to date: it never falls, and at the end it is all
        # completed revenue up to 31 March; every customer with a completed order by then counts.
        to_date = clv.value.to_numpy() * clv.n.to_numpy(dtype=float)
        assert (to_date[1:] >= to_date[:-1] - 1e-9).all()
        upto = completed[local <= END]
        assert to_date[-1] == pytest.approx(upto.amount.sum())
        assert clv.n.iloc[-1] == upto.customer_id.nunique()

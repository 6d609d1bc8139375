"""The per-customer summary, checked by hand and against the published CDNOW counts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.config import Business, Config
from loyalist.datasets import load_cdnow


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@pytest.fixture
def base() -> CustomerBase:
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2", "3", "4", "5", "6", "7"],
            "customer_id": ["a", "a", "a", "a", "b", "c", "a"],
            "ordered_at": [
                at("2024-01-01"),
                at("2024-01-01", 15),  # same day: one purchase of 30
                at("2024-01-15"),
                at("2024-01-29"),  # two repeat purchase days
                at("2024-01-08"),
                at("2024-02-20"),  # b: one purchase; c: after cutoff
                at("2024-02-05"),  # a: refunded, does not count
            ],
            "amount": [10.0, 20.0, 5.0, 15.0, 8.0, 9.0, 100.0],
            "status": ["completed"] * 6 + ["refunded"],
        }
    )
    later = pd.DataFrame(
        {
            "order_id": ["8", "9"],
            "customer_id": ["a", "b"],
            "ordered_at": [at("2024-02-10"), at("2024-02-12")],
            "amount": [7.0, 3.0],
            "status": ["completed", "completed"],
        }
    )
    return CustomerBase.from_frames(
        config=Config(business=Business(timezone="UTC")), orders=pd.concat([orders, later])
    )


def test_summary_by_hand(base: CustomerBase) -> None:
    s = base.summary("2024-01-31", "2024-02-29", time_unit="D").set_index("customer_id")
    # a: purchase days 01-01 (30), 01-15 (5), 01-29 (15) -> x = 2, t_x = 28 days, T = 30 days,
    #    repeat spend (5 + 15) / 2 = 10; holdout: 02-10 (the refund on 02-05 does not count).
    assert s.loc["a"].tolist() == [2, 28.0, 30.0, 10.0, 1, 7.0, 29.0]
    # b: one purchase on 01-08 -> x = 0, t_x = 0, T = 23; holdout 02-12 worth 3.
    assert s.loc["b"].tolist() == [0, 0.0, 23.0, 0.0, 1, 3.0, 29.0]
    assert "c" not in s.index  # first purchase after the end of calibration


def test_weeks_and_no_holdout(base: CustomerBase) -> None:
    s = base.summary("2024-01-31", time_unit="W").set_index("customer_id")
    assert list(s.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert s.loc["a", "recency"] == pytest.approx(4.0) and s.loc["a", "T"] == pytest.approx(30 / 7)


def test_local_days_decide_same_day(base: CustomerBase) -> None:
    # 23:30 UTC on 1 January is 2 January in Amsterdam: a second purchase day there.
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2"],
            "customer_id": ["a", "a"],
            "ordered_at": [at("2024-01-01", 10), at("2024-01-01", 23)],
            "amount": [1.0, 2.0],
        }
    )
    utc = CustomerBase.from_frames(config=Config(), orders=orders)
    ams = CustomerBase.from_frames(
        config=Config(business=Business(timezone="Europe/Amsterdam")), orders=orders
    )
    assert utc.summary("2024-01-10").frequency.tolist() == [0]
    assert ams.summary("2024-01-10").frequency.tolist() == [1]


def test_cdnow_calibration_counts() -> None:
    base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    s = base.summary(date(1997, 9, 30), date(1998, 6, 30))
    assert len(s) == 2357
    assert (s.frequency > 0).sum() == 946  # the 946 repeat customers of the Gamma-Gamma paper
    example = s[s.customer_id == "00004"].iloc[0]
    assert (example.frequency, round(example.recency, 2), round(example["T"], 2)) == (
        2,
        30.43,
        38.86,
    )


def test_unknown_time_unit(base: CustomerBase) -> None:
    with pytest.raises(ValueError, match="time_unit"):
        base.summary(time_unit="fortnight")


def test_the_days_stored_at_load_give_the_same_summary() -> None:
    import ibis

    from loyalist.metrics.prepared import stored

    # Amsterdam: 23:30 UTC on 31 March (summer time) is 1 April 01:30; 22:30 UTC on 30
    # October (winter time) is 23:30 the same day. a buys on 31 March, 1 April (twice: 2 + 3)
    # and 30 October -> x = 2, t_x = 213 days, T = 214 days, repeat spend (5 + 4) / 2 = 4.5.
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2", "3", "4"],
            "customer_id": ["a"] * 4,
            "ordered_at": [
                at("2024-03-31", 10),
                at("2024-03-31", 23).replace(minute=30),
                at("2024-04-01", 9),
                at("2024-10-30", 22).replace(minute=30),
            ],
            "amount": [1.0, 2.0, 3.0, 4.0],
        }
    )
    config = Config(business=Business(timezone="Europe/Amsterdam"))
    own = CustomerBase.from_frames(config=config, orders=orders)
    con = ibis.duckdb.connect()
    con.create_table("orders", own.orders.to_pyarrow())
    elsewhere = CustomerBase.from_connection(con, config=config, orders="orders")
    assert "purchase_days" in stored(own) and "purchase_days" not in stored(elsewhere)
    for base in (own, elsewhere):
        s = base.summary("2024-10-31", time_unit="D").set_index("customer_id")
        assert s.loc["a"].tolist() == [2, 213.0, 214.0, 4.5]

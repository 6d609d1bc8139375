"""Engagement (messaging) metrics on small hand-made data; expected numbers worked out in comments.

Wilson intervals in the comments use z = 1.96: centre = (p + z²/2n) / (1 + z²/n),
half-width = z √(p(1−p)/n + z²/4n²) / (1 + z²/n).
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
RATES = ["open_rate", "click_through_rate", "click_to_open_rate"]
ORDERS = pd.DataFrame(
    {
        "order_id": ["o1"],
        "customer_id": ["a"],
        "ordered_at": pd.to_datetime(["2024-01-02"], utc=True),
        "amount": [10.0],
    }
)


def ts(*values: str | None) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values), utc=True, format="ISO8601"))


def load(messages: pd.DataFrame, tz: str = "UTC") -> CustomerBase:
    config = Config(business=Business(timezone=tz))
    return CustomerBase.from_frames(config=config, orders=ORDERS, messages=messages)


def run(base: CustomerBase, **kwargs: object) -> dict[str, pd.DataFrame]:
    kwargs = {"period": "month", "start": JAN, "end": date(2024, 3, 31), **kwargs}
    result = compute(base, RATES, **kwargs)  # type: ignore[arg-type]
    return {name: rows.set_index("period_start") for name, rows in result.groupby("metric")}


MESSAGES = pd.DataFrame(
    {
        "message_id": ["m1", "m2", "m3", "m4", "m5", "m6", "m7"],
        "customer_id": ["a", "a", "b", "b", "c", "c", "a"],
        "sent_at": ts(*["2024-01-10"] * 6, "2024-02-10"),
        # m4 bounced (opened anyway: a data quirk, still not counted); m6 unknown = delivered.
        "delivered": [True, True, True, False, True, None, True],
        "opened_at": ts("2024-01-10", "2024-01-11", None, "2024-01-11", None, None, None),
        # m3 was clicked without a recorded open: it counts as opened too.
        "clicked_at": ts("2024-01-10", None, "2024-01-12", None, None, None, None),
    }
)


def test_open_click_and_click_to_open_rates_by_hand() -> None:
    rates = run(load(MESSAGES))
    # January: delivered m1, m2, m3, m5, m6 = 5 (m4 bounced).
    # Opened m1, m2, m3 (clicked without open) = 3 -> open rate 3 / 5 = 0.6.
    # Clicked m1, m3 = 2 -> click-through 2 / 5 = 0.4; click-to-open 2 / 3.
    # February: m7 delivered, not opened -> open 0 / 1, click-through 0 / 1; no opens, so no
    # click-to-open row. March: nothing sent -> no rows.
    assert rates["open_rate"].value.to_dict() == {JAN: 0.6, FEB: 0.0}
    assert rates["click_through_rate"].value.to_dict() == {JAN: 0.4, FEB: 0.0}
    assert rates["click_to_open_rate"].value.to_dict() == pytest.approx({JAN: 2 / 3})
    assert rates["open_rate"].n.tolist() == [5, 1]
    assert rates["click_to_open_rate"].n.tolist() == [3]
    # Wilson 3/5 -> [0.2307, 0.8824]; 2/5 -> [0.1176, 0.7693]; 2/3 -> [0.2077, 0.9385];
    # 0/1: centre 0.3967, half 0.3967 -> [0, 0.7935].
    jan_open = rates["open_rate"].loc[JAN]
    assert (jan_open.ci_low, jan_open.ci_high) == pytest.approx((0.2307, 0.8824), abs=1e-4)
    jan_ctr = rates["click_through_rate"].loc[JAN]
    assert (jan_ctr.ci_low, jan_ctr.ci_high) == pytest.approx((0.1176, 0.7693), abs=1e-4)
    jan_cto = rates["click_to_open_rate"].loc[JAN]
    assert (jan_cto.ci_low, jan_cto.ci_high) == pytest.approx((0.2077, 0.9385), abs=1e-4)
    feb_open = rates["open_rate"].loc[FEB]
    assert (feb_open.ci_low, feb_open.ci_high) == pytest.approx((0.0, 0.7935), abs=1e-4)


def test_without_a_delivered_column_every_message_is_delivered() -> None:
    rates = run(load(MESSAGES.drop(columns="delivered")))
    # January: all 6 delivered; opened m1, m2, m3, m4 = 4 -> 4 / 6; clicked 2 -> 2 / 6.
    assert rates["open_rate"].loc[JAN].value == pytest.approx(4 / 6)
    assert rates["click_through_rate"].loc[JAN].value == pytest.approx(2 / 6)
    assert rates["click_to_open_rate"].loc[JAN].value == pytest.approx(2 / 4)


def test_without_open_times_only_clicks_count_as_opens() -> None:
    rates = run(load(MESSAGES.drop(columns="opened_at")))
    # January: 5 delivered, clicked m1 and m3 (both count as opened) -> 2 / 5 and 2 / 2.
    assert rates["open_rate"].loc[JAN].value == 0.4
    assert rates["click_to_open_rate"].loc[JAN].value == 1.0


def test_messages_sent_2330_utc_on_31_january_count_in_february_in_amsterdam() -> None:
    messages = pd.DataFrame(
        {
            "message_id": ["m1", "m2"],
            "customer_id": ["a", "a"],
            "sent_at": ts("2024-01-31 22:30", "2024-01-31 23:30"),  # 23:30 and 00:30 local
            "opened_at": ts("2024-02-01 08:00", None),
        }
    )
    ams = run(load(messages, "Europe/Amsterdam"))["open_rate"]
    # Amsterdam (UTC+1): m1 sent 23:30 on 31 Jan (opened) -> Jan 1/1; m2 sent on 1 Feb -> 0/1.
    assert ams.value.to_dict() == {JAN: 1.0, FEB: 0.0}
    utc = run(load(messages))["open_rate"]
    # UTC: both sent on 31 January -> 1 / 2.
    assert utc.value.to_dict() == {JAN: 0.5}


def test_one_period_over_the_whole_range() -> None:
    rates = run(load(MESSAGES), period=None)
    # January and February together: 6 delivered, 3 opened, 2 clicked.
    assert rates["open_rate"].value.tolist() == [0.5]
    assert rates["click_through_rate"].value.tolist() == pytest.approx([2 / 6])
    assert rates["click_to_open_rate"].value.tolist() == pytest.approx([2 / 3])


message_rows = st.lists(
    st.tuples(
        st.sampled_from("abc"),
        st.integers(0, 85),  # days after 1 Jan 2024
        st.sampled_from([True, False, None]),  # delivered
        st.booleans(),  # opened
        st.booleans(),  # clicked
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=25, deadline=None)
@given(message_rows, st.randoms(use_true_random=False))
def test_rate_properties(
    drawn: list[tuple[str, int, bool | None, bool, bool]], rnd: object
) -> None:
    start = pd.Timestamp("2024-01-01 12:00", tz="UTC")
    sent = [start + pd.Timedelta(days=d[1]) for d in drawn]
    frame = pd.DataFrame(
        {
            "message_id": [f"m{i}" for i in range(len(drawn))],
            "customer_id": [d[0] for d in drawn],
            "sent_at": sent,
            "delivered": pd.array([d[2] for d in drawn], dtype="boolean"),
            "opened_at": [s if d[3] else pd.NaT for s, d in zip(sent, drawn, strict=True)],
            "clicked_at": [s if d[4] else pd.NaT for s, d in zip(sent, drawn, strict=True)],
        }
    )
    seed = rnd.randint(0, 10**6)  # type: ignore[attr-defined]
    end = date(2024, 3, 31)
    result = compute(load(frame), RATES, start=JAN, end=end)
    shuffled = compute(load(frame.sample(frac=1, random_state=seed)), RATES, start=JAN, end=end)
    pd.testing.assert_frame_equal(result, shuffled)  # independent of row order
    assert result.value.between(0, 1).all()
    assert ((result.ci_low <= result.value + 1e-9) & (result.value <= result.ci_high + 1e-9)).all()
    by = result.pivot_table(index="period_start", columns="metric", values="value")
    if {"open_rate", "click_through_rate"} <= set(by.columns):
        # Every click is an open: click-through ≤ open rate, and CTR = open rate × CTO.
        assert (by.click_through_rate <= by.open_rate + 1e-12).all()
        if "click_to_open_rate" in by.columns:
            product = (by.open_rate * by.click_to_open_rate).fillna(0)
            assert product.to_numpy() == pytest.approx(by.click_through_rate.to_numpy())

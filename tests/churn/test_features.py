"""Churn features on hand-made data, every expected value worked out by hand in a comment.

Amsterdam, UTC+1 until 31 March 2024. Cut-off c = 20 March 2024 (its local day ends at
20 March 23:00 UTC). Windows: last 90 days = (21 Dec 2023, 20 Mar], the 90 before =
(22 Sep, 21 Dec]; last 28 days = (21 Feb, 20 Mar], the 28 before = (24 Jan, 21 Feb].
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.churn.features import FEATURES, churn_features
from loyalist.datasets import load_cdnow

CUTOFF = date(2024, 3, 20)


@pytest.fixture(scope="module")
def tables(helpers) -> dict[str, pd.DataFrame]:  # type: ignore[no-untyped-def]
    utc = helpers["utc"]
    orders = helpers["orders"](
        [
            ("x", "2023-11-01T12:00", 40),
            ("x", "2024-01-10T12:00", 20), ("x", "2024-01-10T15:00", 10),  # one order day
            ("x", "2024-03-01T12:00", 30),
            ("x", "2024-03-05T12:00", 100, "refunded"),
            ("x", "2024-03-25T12:00", 50),  # after the cut-off
            ("y", "2024-02-01T12:00", 15),
        ]
    )  # fmt: skip
    events = pd.DataFrame(
        {
            "customer_id": ["x"] * 6,
            "occurred_at": utc(
                "2024-03-20T22:30",  # local 20 March 23:30: the cut-off day
                "2024-03-20T23:30",  # local 21 March: after
                "2024-03-10T10:00",
                "2024-03-10T11:00",
                "2024-02-15T10:00",  # the 28 days before
                "2024-01-01T10:00",  # older than 56 days
            ),
            "session_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
        }
    )
    messages = pd.DataFrame(
        {
            "message_id": ["m1", "m2", "m3", "m4", "m5"],
            "customer_id": ["x"] * 5,
            "sent_at": utc(
                "2024-03-01T10:00",
                "2024-03-15T10:00",
                "2024-03-18T10:00",
                "2023-11-01T10:00",
                "2024-03-22T10:00",
            ),
            "delivered": [True, True, False, True, True],
            "opened_at": utc(
                "2024-03-02T09:00", "2024-03-21T10:00", None, "2023-11-02T10:00", None
            ),
            "clicked_at": utc("2024-03-02T09:05", None, None, None, None),
        }
    )
    responses = pd.DataFrame(
        {
            "customer_id": ["x"] * 7,
            "responded_at": utc(
                "2023-12-01T10:00",
                "2024-03-02T10:00",
                "2024-03-25T10:00",
                "2024-02-19T10:00",
                "2024-03-19T22:30",
                "2024-03-20T23:30",
                "2024-01-05T10:00",
            ),
            "survey": ["nps", "nps", "nps", "csat", "exit", "exit", "product"],
            "score": [9.0, 4.0, 10.0, 2.0, None, None, None],
            "reason": [None, None, None, None, "price", "other", "convenience"],
        }
    )
    terms = [  # id, started, ended, plan, mrr, renewal due, renewed
        ("t1", "2023-12-01T10:00", "2024-01-01T10:00", "basic", 5, "2024-01-01T10:00", True),
        ("t2", "2024-01-01T10:00", "2024-02-01T10:00", "basic", 5, "2024-02-01T10:00", True),
        # ends after the cut-off without renewal: not known yet at the cut-off
        ("t3", "2024-02-01T10:00", "2024-04-01T10:00", "plus", 10, "2024-04-01T10:00", False),
    ]
    subscriptions = helpers["subscriptions"]([(t[0], "x", *t[1:]) for t in terms])
    referrals = pd.DataFrame(
        {
            "referrer_id": ["x", "x"],
            "referred_id": ["y", "z"],
            "referred_at": utc("2024-02-01T11:00", "2024-03-25T10:00"),
        }
    )
    return {
        "orders": orders, "events": events, "messages": messages, "responses": responses,
        "subscriptions": subscriptions, "referrals": referrals,
    }  # fmt: skip


@pytest.fixture(scope="module")
def rows(build, tables) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    base = build(window=365, **tables)
    table = churn_features(base, CUTOFF, purchase_model_features=False)
    return table.execute().set_index("customer_id")


def test_one_row_per_customer_on_the_books(rows: pd.DataFrame) -> None:
    # z was referred after the cut-off and never ordered: not on the books
    assert sorted(rows.index) == ["x", "y"]


def test_order_features(rows: pd.DataFrame) -> None:
    x, y = rows.loc["x"], rows.loc["y"]
    # x: order days 1 Nov, 10 Jan (two orders), 1 Mar; 4 completed orders worth 100
    assert x.recency_days == 19  # 1 -> 20 March
    assert x.frequency == 4
    assert x.monetary == pytest.approx(25.0)
    assert x.mean_gap_days == pytest.approx(60.5)  # 1 Nov -> 1 Mar = 121 days, 2 gaps
    assert x.recency_ratio == pytest.approx(19 / 60.5)
    assert (x.orders_90, x.orders_prev_90, x.order_trend) == (3, 1, 2)  # Jan+Mar | Nov
    assert x.tenure_days == 140  # 1 Nov -> 1 Mar = 121, + 19
    # y: one order on 1 Feb, 48 days before (28 to 29 Feb, 1 Mar, then 19 more)
    assert (y.recency_days, y.frequency, y.tenure_days, y.orders_90) == (48, 1, 48, 1)
    assert np.isnan(y.mean_gap_days) and np.isnan(y.recency_ratio)


def test_activity_features(rows: pd.DataFrame) -> None:
    x, y = rows.loc["x"], rows.loc["y"]
    # last 28 days: 10 March (s3, s4) and 20 March 23:30 local (s1); before: 15 Feb (s5)
    assert (x.active_days_28, x.sessions_28) == (2, 3)
    assert (x.active_days_prev_28, x.sessions_prev_28, x.session_trend) == (1, 1, 2)
    assert x.days_since_activity == 0
    # no events: zero activity, never active
    assert (y.active_days_28, y.sessions_28, y.session_trend) == (0, 0, 0)
    assert np.isnan(y.days_since_activity)


def test_email_features(rows: pd.DataFrame) -> None:
    x, y = rows.loc["x"], rows.loc["y"]
    # m1 and m2 in the last 90 days (m3 undelivered, m4 too old, m5 later); m1 opened and
    # clicked on 2 March, m2 opened only after the cut-off
    assert x.emails_90 == 2
    assert (x.open_rate_90, x.click_rate_90) == (0.5, 0.5)
    assert x.days_since_open == 18  # 2 -> 20 March
    assert y.emails_90 == 0 and np.isnan(y.open_rate_90)


def test_survey_features(rows: pd.DataFrame) -> None:
    x, y = rows.loc["x"], rows.loc["y"]
    assert (x.latest_nps, x.days_since_nps) == (4, 18)  # the 10 of 25 March is later
    assert (x.latest_csat, x.days_since_csat) == (2, 30)  # 19 Feb: 10 days in Feb + 20
    # the exit answer of local 19 March 23:30 counts, the one of local 21 March does not
    assert (x.exit_reason, x.days_since_exit) == ("price", 1)
    assert x.value_reason == "convenience"
    assert np.isnan(y.latest_nps) and pd.isna(y.exit_reason)


def test_membership_features(rows: pd.DataFrame) -> None:
    x, y = rows.loc["x"], rows.loc["y"]
    # t3 (plus, 10 a month) is active: its end on 1 April is not known at the cut-off;
    # t1 and t2 were renewed; t3's renewal is due in 12 days (20 March -> 1 April)
    assert (x.subscribed, x.plan, x.mrr) == (1, "plus", 10.0)
    assert (x.renewals, x.lapses, x.days_to_renewal) == (2, 0, 12)
    assert x.subscription_days == 110  # 1 Dec -> 1 Mar = 91 days, + 19
    assert (y.subscribed, y.mrr, y.renewals) == (0, 0.0, 0) and pd.isna(y.plan)


def test_referral_features(rows: pd.DataFrame) -> None:
    # x referred y on 1 Feb (z only on 25 March); y came through x
    assert (rows.loc["x"].referrals_made, rows.loc["x"].was_referred) == (1, 0)
    assert (rows.loc["y"].referrals_made, rows.loc["y"].was_referred) == (0, 1)


def test_a_missing_table_just_drops_its_features(build, tables) -> None:  # type: ignore[no-untyped-def]
    base = build(tables["orders"], window=365, responses=tables["responses"])
    columns = churn_features(base, CUTOFF, 30, purchase_model_features=False).columns
    assert "latest_nps" in columns and "churned" in columns
    assert not {"active_days_28", "emails_90", "subscribed", "referrals_made"} & set(columns)
    assert set(columns) - {"customer_id", "churned"} <= set(FEATURES)


def test_bgnbd_features_reproduce_the_published_customer() -> None:
    # FHL (2005): customer x = 2, t_x = 30.43, T = 38.86 weeks: P(alive) 0.727 (from the
    # fitted r, alpha, a, b), 1.226 expected purchases in the next 39 weeks (273 days)
    base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    rows = churn_features(base, date(1997, 9, 30), 273).execute().set_index("customer_id")
    assert rows.loc["00004", "p_alive"] == pytest.approx(0.727, abs=5e-4)
    assert rows.loc["00004", "expected_purchases"] == pytest.approx(1.226, abs=5e-4)
    # a customer with no repeat purchase is alive for sure in the BG/NBD
    assert (rows.loc[rows.frequency == 1, "p_alive"] == 1.0).all()


def test_expected_purchases_survive_a_collapsed_dropout_distribution(demo) -> None:  # type: ignore[no-untyped-def]
    # at this cut-off of the small demo, the BG/NBD fit sends a and b to millions (their
    # ratio, the mean dropout probability, stays near 0.25): the expected purchases are
    # evaluated at a + b = 1,000 instead of overflowing
    rows = churn_features(demo, date(2024, 10, 3), 90).execute()
    rows = rows[rows.frequency.notna()]  # subscribers who never ordered have no BG/NBD
    assert len(rows) > 400 and rows.expected_purchases.notna().all()
    assert rows.expected_purchases.between(0, 5).all()

"""Reasons in plain words: each text on hand-made rows, and the ranking on a simulated model."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from loyalist.churn.model import ChurnModel
from loyalist.churn.reasons import effects, explain
from loyalist.churn.wording import WORDING

AS_OF = date(2026, 3, 31)


def say(name: str, **values: object) -> str | None:
    return WORDING[name](pd.Series(values, dtype=object), AS_OF)


def test_each_reason_in_plain_words() -> None:
    assert say("overdue", recency_days=94.0, mean_gap_days=21.2) == (
        "no order for 94 days, usually every 21"
    )
    assert say("overdue", recency_days=40.0, mean_gap_days=np.nan, frequency=1) == (
        "a single order so far, 40 days ago"
    )
    # 29 days before 31 March 2026 is 2 March
    assert say("nps", latest_nps=3.0, days_since_nps=29.0) == "NPS 3 (detractor) on 2026-03-02"
    assert say("nps", latest_nps=7.0, days_since_nps=0.0) == "NPS 7 (passive) on 2026-03-31"
    assert say("csat", latest_csat=2.0, days_since_csat=1.0) == "CSAT 2 of 5 on 2026-03-30"
    assert say("app_use", active_days_28=2, active_days_prev_28=12) == (
        "app use down from 12 to 2 active days (last 28 days vs the 28 before)"
    )
    assert say("app_use", active_days_28=0, active_days_prev_28=0, days_since_activity=45.0) == (
        "no app use for 45 days"
    )
    # 76 days before 31 March 2026 is 14 January
    assert say("email", emails_90=6, open_rate_90=0.0, days_since_open=76.0) == (
        "e-mails unopened since 2026-01-14"
    )
    assert say("email", emails_90=6, open_rate_90=0.5, days_since_open=3.0) == (
        "opened 3 of 6 e-mails in the last 90 days"
    )
    assert say("order_trend", orders_90=1, orders_prev_90=4) == (
        "orders down from 4 to 1 (last 90 days vs the 90 before)"
    )
    assert say("membership", subscribed=1, plan="plus", days_to_renewal=12.0) == (
        "plus membership up for renewal in 12 days"
    )
    assert say("membership", subscribed=0, lapses=0) == "not a member"
    assert say("membership", subscribed=0, lapses=1) == "let a membership lapse"
    assert say("exit_survey", days_since_exit=10.0, exit_reason="moved_to_competitor") == (
        "answered the exit survey on 2026-03-21: moved to competitor"
    )


def test_good_news_is_no_reason() -> None:
    assert say("nps", latest_nps=9.0, days_since_nps=5.0) is None  # a promoter
    assert say("csat", latest_csat=5.0, days_since_csat=5.0) is None
    assert say("order_trend", orders_90=3, orders_prev_90=1) is None
    assert say("referrals", referrals_made=2) is None
    assert say("nps", latest_nps=np.nan, days_since_nps=np.nan) is None  # never answered


@pytest.fixture(scope="module")
def model() -> ChurnModel:
    """Churn from being overdue (recency / gap), a detractor answer and app use falling.

    True log-odds: -2 + 1.5 (recency / gap - 1) + 2 [NPS <= 6] + 0.3 (active days drop).
    """
    rng = np.random.default_rng(3)
    n = 8_000
    X = pd.DataFrame(
        {
            "recency_days": rng.uniform(0, 120, n),
            "mean_gap_days": rng.uniform(10, 60, n),
            "latest_nps": rng.integers(0, 11, n).astype(float),
            "days_since_nps": rng.uniform(0, 200, n),
            "active_days_prev_28": rng.integers(0, 20, n).astype(float),
        }
    )
    X["active_days_28"] = np.maximum(0, X.active_days_prev_28 - rng.integers(-3, 12, n))
    drop = X.active_days_prev_28 - X.active_days_28
    logit = -2 + 1.5 * (X.recency_days / X.mean_gap_days - 1) + 2 * (X.latest_nps <= 6)
    y = rng.uniform(size=n) < 1 / (1 + np.exp(-(logit + 0.3 * drop)))
    return ChurnModel().fit(X, y)


def test_the_three_biggest_effects_in_order(model: ChurnModel) -> None:
    at_risk = pd.DataFrame(
        {
            "recency_days": [94.0],
            "mean_gap_days": [21.0],
            "latest_nps": [3.0],
            "days_since_nps": [29.0],
            "active_days_prev_28": [12.0],
            "active_days_28": [2.0],
        }
    )
    gains = effects(model, at_risk).iloc[0]
    reasons = explain(model, at_risk, AS_OF)[0]
    assert set(reasons) == {
        "no order for 94 days, usually every 21",
        "NPS 3 (detractor) on 2026-03-02",
        "app use down from 12 to 2 active days (last 28 days vs the 28 before)",
    }
    # most important first: in the order of the drops in P(churn)
    first_word = {"overdue": "no", "nps": "NPS", "app_use": "app"}
    order = gains[list(first_word)].sort_values(ascending=False).index
    assert [r.split(" ")[0] for r in reasons] == [first_word[name] for name in order]


def test_a_typical_stayer_has_no_reason(model: ChurnModel) -> None:
    typical = pd.DataFrame([{k: model.typical_[k] for k in model.features_}])
    assert explain(model, typical, AS_OF) == [[]]
    assert (effects(model, typical).abs() < 1e-12).all(axis=None)

"""Why a customer is at risk, in plain words: the features that raise their risk most.

For each reason below, the customer's features behind it are set to the typical value of
the customers who stayed (the median, or the most frequent category, in the training rows)
and the model scores the customer again. How far the risk falls is what that reason costs;
the three largest falls are the customer's reasons, most important first, each told with
the customer's own numbers. Risk is measured on the trees' log-odds of churn
(:meth:`~loyalist.churn.model.ChurnModel.risk_score`), not on the calibrated probability,
which is flat near 0 and 1: a customer at 99 % has reasons too. A reason counts when it
raises the log-odds by at least 0.1 (the odds of churning by about a tenth).

    no order for 94 days, usually every 21
    NPS 3 (detractor) on 2026-03-02
    app use down from 12 to 2 active days (last 28 days vs the 28 before)
    e-mails unopened since 2026-01-14

Tenure and order value are features of the model, but never told as reasons: they say who a
customer is, not what changed or what a marketer could act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from loyalist.churn.model import ChurnModel
from loyalist.churn.wording import WORDING

#: A reason counts when it raises the log-odds of churn by at least this much.
MIN_EFFECT = 0.1


@dataclass(frozen=True)
class Reason:
    """A cause of risk: its name (see :data:`~loyalist.churn.wording.WORDING` for how it is
    told) and the features that make it up."""

    name: str
    features: tuple[str, ...]


#: The reasons, each with the features that are set to typical values together.
REASONS = (
    Reason("overdue", ("recency_days", "recency_ratio", "p_alive", "expected_purchases")),
    Reason("few_orders", ("frequency", "mean_gap_days")),
    Reason("order_trend", ("orders_90", "orders_prev_90", "order_trend")),
    Reason(
        "app_use",
        (
            "active_days_28",
            "active_days_prev_28",
            "sessions_28",
            "sessions_prev_28",
            "session_trend",
            "days_since_activity",
        ),
    ),
    Reason("email", ("emails_90", "open_rate_90", "click_rate_90", "days_since_open")),
    Reason("nps", ("latest_nps", "days_since_nps")),
    Reason("csat", ("latest_csat", "days_since_csat")),
    Reason("exit_survey", ("exit_reason", "days_since_exit")),
    Reason("value", ("value_reason",)),
    Reason(
        "membership",
        ("subscribed", "plan", "mrr", "renewals", "lapses", "days_to_renewal", "subscription_days"),
    ),
    Reason("referrals", ("referrals_made", "was_referred")),
)


def effects(model: ChurnModel, rows: pd.DataFrame) -> pd.DataFrame:
    """How much each reason raises each row's log-odds of churn: one column per reason.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame({"recency_days": rng.uniform(0, 300, 3000),
    ...                   "latest_nps": rng.integers(0, 11, 3000).astype(float)})
    >>> y = rng.uniform(size=3000) < X.recency_days / 300
    >>> model = ChurnModel().fit(X, y)
    >>> gains = effects(model, pd.DataFrame({"recency_days": [280.0], "latest_nps": [8.0]}))
    >>> bool(gains.loc[0, "overdue"] > 1), bool(abs(gains.loc[0, "nps"]) < 0.5)
    (True, True)
    """
    usable = [r for r in REASONS if any(f in model.features_ for f in r.features)]
    base = model.risk_score(rows)
    variants = []
    for reason in usable:
        changed = rows.copy()
        for name in reason.features:
            if name in model.features_:
                changed[name] = model.typical_[name]
        variants.append(changed)
    if not variants or rows.empty:
        return pd.DataFrame(index=rows.index)
    scored = model.risk_score(pd.concat(variants, ignore_index=True))
    scored = scored.reshape(len(usable), len(rows))
    return pd.DataFrame((base - scored).T, index=rows.index, columns=[r.name for r in usable])


def explain(model: ChurnModel, rows: pd.DataFrame, as_of: date, top: int = 3) -> list[list[str]]:
    """The ``top`` reasons of each row, most important first, in plain words.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame({"recency_days": rng.uniform(0, 300, 3000),
    ...                   "mean_gap_days": rng.uniform(10, 30, 3000)})
    >>> y = rng.uniform(size=3000) < X.recency_days / 300
    >>> model = ChurnModel().fit(X, y)
    >>> rows = pd.DataFrame({"recency_days": [94.0, 280.0], "mean_gap_days": [21.0, 14.0]})
    >>> explain(model, rows, date(2026, 3, 31))[1]
    ['no order for 280 days, usually every 14']
    """
    gains = effects(model, rows)
    out = []
    for i, (_, row) in enumerate(rows.iterrows()):
        ranked = gains.iloc[i].sort_values(ascending=False, kind="stable")
        texts = []
        for name, gain in ranked.items():
            if len(texts) == top or not gain >= MIN_EFFECT:
                break
            text = WORDING[str(name)](row, as_of)
            if text is not None:
                texts.append(text)
        out.append(texts)
    return out

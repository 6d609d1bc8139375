"""The churn classifier: calibrated, reproducible, careful with categories and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import brier_score_loss
from threadpoolctl import threadpool_limits

from loyalist.churn import model as model_module
from loyalist.churn.cutoff import ChurnError
from loyalist.churn.model import ChurnModel
from loyalist.churn.model_input import customer_folds
from loyalist.models.base import NotFittedError


def simulate(n: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Churn driven by recency and plan, hidden among 20 noise features.

    True log-odds: -1 + recency / 40 - 1.5 [plan = premium]; a fifth of plans are missing.
    """
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({f"noise_{i}": rng.normal(size=n) for i in range(20)})
    X["recency_days"] = rng.exponential(60, n)
    X["plan"] = rng.choice(np.array(["basic", "plus", "premium", None], dtype=object), n)
    X["customer_id"] = [f"c{i}" for i in range(n)]
    logit = -1.0 + X.recency_days / 40 - 1.5 * (X.plan == "premium")
    return X, rng.uniform(size=n) < 1 / (1 + np.exp(-logit))


@pytest.fixture(scope="module")
def fitted() -> ChurnModel:
    X, y = simulate(6_000, 1)
    return ChurnModel().fit(X, y)


@pytest.fixture(scope="module")
def test_set() -> tuple[pd.DataFrame, np.ndarray]:
    return simulate(10_000, 101)


def test_calibration_is_no_worse_than_the_raw_boosting(fitted, test_set) -> None:  # type: ignore[no-untyped-def]
    X, y = simulate(6_000, 1)
    Xt, yt = test_set
    with threadpool_limits(1):  # as the model itself fits: one thread is faster here
        raw = fitted.booster().fit(fitted._matrix(X), y)  # the same trees, not calibrated
        uncalibrated = brier_score_loss(yt, raw.predict_proba(fitted._matrix(Xt))[:, 1])
    p = fitted.churn_probability(Xt)
    assert ((p >= 0) & (p <= 1)).all()
    calibrated = brier_score_loss(yt, p)
    assert calibrated <= uncalibrated
    assert abs(p.mean() - yt.mean()) < 0.02  # right on average, too


def test_fitted_attributes_and_the_calibration_chosen(fitted) -> None:  # type: ignore[no-untyped-def]
    # 6,000 rows, about 2,900 churned: under 1,000 of the rarer class per fold -> sigmoid
    assert fitted.method_ == "sigmoid"
    assert "customer_id" not in fitted.features_ and "plan" in fitted.categories_
    assert fitted.categories_["plan"] == ["basic", "plus", "premium"]
    assert fitted.n_ == 6_000 and 0.3 < fitted.churn_share_ < 0.7
    assert fitted.typical_["plan"] == "premium"  # premium lowers the odds: stayers have it most
    assert fitted.typical_["recency_days"] < 40


def test_the_same_data_give_the_same_probabilities(test_set) -> None:  # type: ignore[no-untyped-def]
    X, y = simulate(3_000, 5)
    first = ChurnModel().fit(X, y).churn_probability(test_set[0])
    again = ChurnModel().fit(X, y).churn_probability(test_set[0])
    np.testing.assert_array_equal(first, again)


def test_unknown_categories_and_missing_values_are_scored(fitted) -> None:  # type: ignore[no-untyped-def]
    X, _ = simulate(3, 9)
    X["plan"] = ["platinum", None, "basic"]
    X.loc[0, "recency_days"] = np.nan
    p = fitted.churn_probability(X)
    assert np.isfinite(p).all()


def test_predicting_before_fitting_says_so() -> None:
    with pytest.raises(NotFittedError, match="not fitted yet"):
        ChurnModel().churn_probability(pd.DataFrame({"recency_days": [1.0]}))


def test_bad_input_raises_a_loyalist_error(fitted) -> None:  # type: ignore[no-untyped-def]
    X, y = simulate(200, 3)
    with pytest.raises(ChurnError, match="too few retained"):
        ChurnModel().fit(X, np.ones(200, bool))
    with pytest.raises(ChurnError, match="labels for"):
        ChurnModel().fit(X, y[:10])
    with pytest.raises(ChurnError, match="recency_days"):
        fitted.churn_probability(X.drop(columns="recency_days"))


def test_large_training_sets_calibrate_one_model_on_a_held_out_fold(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(model_module, "SINGLE_MODEL_ROWS", 1_000)
    X, y = simulate(4_000, 2)
    model = ChurnModel().fit(X, y)
    assert len(model.calibrated_.calibrated_classifiers_) == 1
    Xt, yt = simulate(5_000, 102)
    assert brier_score_loss(yt, model.churn_probability(Xt)) < 0.2


def test_calibration_folds_keep_a_customers_rows_together() -> None:
    # customers a..d, each at several cut-offs
    groups = np.array(["a", "b", "c", "d"] * 5)
    y = (np.arange(20) % 3 == 0).astype(np.int8)  # each customer churned at some cut-off
    for train, test in customer_folds(y, groups, 2, 0):
        assert not set(groups[train]) & set(groups[test])


def test_numbers_stored_as_objects_stay_numbers() -> None:
    # an engine may hand integer sums over as decimals in an object column
    from decimal import Decimal

    X, y = simulate(600, 4)
    X["frequency"] = pd.Series([Decimal(i % 7) for i in range(600)], dtype=object)
    model = ChurnModel().fit(X, y)
    assert "frequency" not in model.categories_
    assert model.typical_["frequency"] == pytest.approx(np.median(np.arange(600)[~y] % 7))

"""Gamma-Gamma spend model: published CDNOW numbers, recovery, validation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import approx_fprime

from loyalist.models import GammaGamma, NotFittedError
from loyalist.models.base import collapse
from loyalist.models.simulate import simulate_gammagamma

# Fader & Hardie's note on the Gamma-Gamma model, CDNOW sample: the 946 customers with repeat
# purchases, monetary_value = mean value of their repeat purchases in the calibration period.
PUBLISHED = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def sig3(value: float) -> float:
    return float(f"{value:.3g}")


def test_reproduces_published_cdnow_fit(cdnow: pd.DataFrame) -> None:
    model = GammaGamma().fit(cdnow)  # customers without repeat purchases are left out
    assert model.n_ == 946
    assert {k: sig3(v) for k, v in model.params_.items()} == {
        k: sig3(v) for k, v in PUBLISHED.items()
    }
    spend = model.expected_spend(cdnow)
    assert spend.index.equals(cdnow.index) and np.isfinite(spend).all()
    p, q, gamma = model._params()
    assert spend[cdnow["frequency"] == 0].unique() == pytest.approx(p * gamma / (q - 1))
    assert model.mean_spend() == pytest.approx(p * gamma / (q - 1))


def test_gradient_matches_finite_differences(cdnow: pd.DataFrame) -> None:
    model = GammaGamma()
    repeat = cdnow[cdnow["frequency"] > 0]
    prep = model._prepare(collapse({k: repeat[k].to_numpy() for k in model._columns}))
    p = np.array([3.0, 2.5, 20.0])
    numeric = approx_fprime(p, lambda v: model._loglik(v, prep, False)[0], 1e-7 * p)
    np.testing.assert_allclose(model._loglik(p, prep, True)[1], numeric, rtol=1e-5)


def test_recovers_parameters_from_simulated_customers() -> None:
    truth = {"p": 6.25, "q": 3.74, "gamma": 15.44}
    frequency = np.random.default_rng(5).integers(1, 15, 50_000)
    summary = GammaGamma().fit(simulate_gammagamma(frequency, **truth, seed=2)).summary
    z = (summary["estimate"] - pd.Series(truth)) / summary["std_error"]
    assert (z.abs() < 4).all(), z


def test_weights_equal_repeated_rows() -> None:
    data = simulate_gammagamma(np.full(400, 3), p=5.0, q=4.0, gamma=10.0, seed=1)
    doubled = pd.concat([data, data], ignore_index=True)
    a = GammaGamma().fit(doubled)
    b = GammaGamma().fit(data, weights=np.full(len(data), 2.0))
    assert a.params_ == pytest.approx(b.params_, rel=1e-6)


def test_validation_and_not_fitted() -> None:
    with pytest.raises(NotFittedError):
        GammaGamma().expected_spend({"frequency": [1.0], "monetary_value": [3.0]})
    with pytest.raises(ValueError, match="monetary_value is not positive"):
        GammaGamma().fit({"frequency": [1.0, 2.0], "monetary_value": [0.0, 5.0]})
    with pytest.raises(ValueError, match="frequency > 0"):
        GammaGamma().fit({"frequency": [0.0], "monetary_value": [0.0]})

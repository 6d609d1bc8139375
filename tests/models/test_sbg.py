"""Shifted-beta-geometric model: Fader & Hardie (2007) numbers, DERL, cohorts, validation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from loyalist.models import NotFittedError, ShiftedBetaGeo
from loyalist.models.simulate import simulate_sbg

# Fader & Hardie (2007), "How to project customer retention": survivors of a cohort of 1,000
# after years 0..7. The published estimates are reproduced by fitting all seven renewal years
# (t = 1..7); fitting fewer years gives other values (e.g. years 1-4: alpha=0.764, beta=1.296).
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]


def sig3(value: float) -> float:
    return float(f"{value:.3g}")


@pytest.mark.parametrize(
    ("survivors", "alpha", "beta", "loglik"),
    [(REGULAR, 0.704, 1.182, -1680.27), (HIGH_END, 0.668, 3.806, -1611.16)],
)
def test_reproduces_fader_hardie_2007(survivors, alpha, beta, loglik) -> None:
    model = ShiftedBetaGeo().fit(survivors)
    assert sig3(model.params_["alpha"]) == sig3(alpha)
    assert sig3(model.params_["beta"]) == sig3(beta)
    assert model.log_likelihood_ == pytest.approx(loglik, abs=0.01)
    assert model.n_ == 1000
    assert (model.summary["std_error"] > 0).all()


def test_fewer_years_do_not_reproduce_the_paper() -> None:
    four_years = ShiftedBetaGeo().fit(REGULAR[:5])
    assert sig3(four_years.params_["alpha"]) != 0.704


def test_curves() -> None:
    model = ShiftedBetaGeo.from_params(alpha=0.704, beta=1.182)
    t = np.arange(1, 13)
    survival = model.survival(np.arange(0, 13))
    assert survival[0] == 1.0
    np.testing.assert_allclose(survival[1:] / survival[:-1], model.retention_rate(t), rtol=1e-12)
    np.testing.assert_allclose(model.churn_probability(t), 1 - model.retention_rate(t))
    assert np.all(np.diff(model.retention_rate(t)) > 0)  # heterogeneity: retention rises
    with pytest.raises(ValueError, match="t >= 1"):
        model.retention_rate(0)


@pytest.mark.parametrize("renewals", [0, 1, 5, 40])
@pytest.mark.parametrize("discount", [0.1, 0.01])
def test_residual_lifetime_equals_discounted_survival_sum(renewals: int, discount: float) -> None:
    model = ShiftedBetaGeo.from_params(alpha=0.704, beta=1.182)
    n = renewals + 1
    k = np.arange(200_000.0)
    brute = (model.survival(n + k) / model.survival(n - 1) * np.exp(-k * np.log1p(discount))).sum()
    got = float(model.expected_residual_lifetime(discount, renewals))
    assert got == pytest.approx(brute, rel=1e-10)


def test_several_cohorts_and_inputs() -> None:
    younger = HIGH_END[:5]
    as_list = ShiftedBetaGeo().fit([REGULAR, younger]).params_
    frame = pd.DataFrame([REGULAR, [*younger, np.nan, np.nan, np.nan]])
    assert ShiftedBetaGeo().fit(frame).params_ == pytest.approx(as_list, rel=1e-8)
    one = ShiftedBetaGeo().fit(pd.Series(REGULAR)).params_
    assert one == pytest.approx(ShiftedBetaGeo().fit(np.array(REGULAR)).params_, rel=1e-10)
    # percentages give the same estimates as counts
    shares = ShiftedBetaGeo().fit([v / 10 for v in REGULAR]).params_
    assert shares == pytest.approx(one, rel=1e-6)


def test_recovers_parameters_from_simulated_cohort() -> None:
    survivors = simulate_sbg(200_000, alpha=0.7, beta=1.2, periods=8, seed=4)
    summary = ShiftedBetaGeo().fit(survivors).summary
    z = (summary["estimate"] - pd.Series({"alpha": 0.7, "beta": 1.2})) / summary["std_error"]
    assert (z.abs() < 4).all(), z


def test_invalid_cohorts_and_not_fitted() -> None:
    with pytest.raises(ValueError, match="must not increase"):
        ShiftedBetaGeo().fit([100, 80, 90])
    with pytest.raises(ValueError, match="at least one later count"):
        ShiftedBetaGeo().fit([100])
    with pytest.raises(NotFittedError):
        ShiftedBetaGeo().survival(3)
    model = ShiftedBetaGeo().fit(REGULAR)
    with pytest.raises(ValueError, match="discount must be positive"):
        model.expected_residual_lifetime(0.0)

"""Pareto/NBD: published CDNOW numbers, mpmath references, recovery, weights, edge cases."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import approx_fprime

from loyalist.models import NotFittedError, ParetoNBD
from loyalist.models.base import collapse
from loyalist.models.simulate import simulate_paretonbd

# Fader, Hardie & Lee (2005), CDNOW sample, 39-week calibration, weeks.
PUBLISHED = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
PUBLISHED_LL = -9595.0

# (r, alpha, s, beta, x, t_x, T, log-likelihood, P(alive)) computed in mpmath 1.3.0 at 50 digits
# from the likelihood written as an integral, L = Gamma(r+x) alpha^r beta^s / Gamma(r)
# [(alpha+T)^-(r+x) (beta+T)^-s + s int_{t_x}^T (alpha+u)^-(r+x) (beta+u)^-(s+1) du] (mp.quad),
# so that no hypergeometric function is involved. Parameters cover alpha < beta, alpha > beta,
# alpha = beta and ratios of 400 and 1/1000; customers x = 0, x = 500, t_x = T and T = 0.01.
PARETO_CASES = [  # (r, alpha, s, beta, x, t_x, T, loglik, p_alive)
    (0.553, 10.578, 0.606, 11.669, 0, 0, 38.86, -0.5210462940808904, 0.29528660461689415),
    (0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86, -9.554283245150407, 0.8691675591530112),
    (0.553, 10.578, 0.606, 11.669, 0, 0, 0.01, -0.0005224005587272842, 0.9994808968473547),
    (0.553, 10.578, 0.606, 11.669, 1, 0.005, 0.01, -2.952900609553822, 0.9997404429278727),
    (0.553, 10.578, 0.606, 11.669, 500, 77, 78, 364.0264672310226, 0.739544744309267),
    (0.553, 10.578, 0.606, 11.669, 500, 78, 78, 363.7247467385262, 1.0),
    (0.553, 10.578, 0.606, 11.669, 3, 10, 10, -9.030680790066283, 1.0),
    (0.553, 10.578, 0.606, 11.669, 10, 1.0, 78, -13.99453095259756, 2.8748805428234712e-09),
    (0.553, 11.669, 0.606, 10.578, 0, 0, 38.86, -0.4799345782468604, 0.28224885617018575),
    (0.553, 11.669, 0.606, 10.578, 2, 30.43, 38.86, -9.599399675117125, 0.8669234295147701),
    (0.553, 11.669, 0.606, 10.578, 0, 0, 0.01, -0.00047356665088150573, 0.9994274118658341),
    (0.553, 11.669, 0.606, 10.578, 1, 0.005, 0.01, -3.050949617725702, 0.9997137051834201),
    (0.553, 11.669, 0.606, 10.578, 500, 77, 78, 357.8895869970893, 0.7481210659214201),
    (0.553, 11.669, 0.606, 10.578, 500, 78, 78, 357.59939653582103, 1.0),
    (0.553, 11.669, 0.606, 10.578, 3, 10, 10, -9.188125622004927, 1.0),
    (0.553, 11.669, 0.606, 10.578, 10, 1.0, 78, -14.739172257881034, 5.3317678077425865e-09),
    (0.3, 200.0, 1.5, 0.5, 0, 0, 38.86, -0.001300433308168695, 0.0013592618040810173),
    (0.3, 200.0, 1.5, 0.5, 2, 30.43, 38.86, -18.119920532395973, 0.6869064478201573),
    (0.3, 200.0, 1.5, 0.5, 0, 0, 0.01, -1.4778316822586391e-05, 0.9707326704401353),
    (0.3, 200.0, 1.5, 0.5, 1, 0.005, 0.01, -6.517280426173673, 0.9853299847453034),
    (0.3, 200.0, 1.5, 0.5, 500, 77, 78, -215.55614556729526, 0.948051605794512),
    (0.3, 200.0, 1.5, 0.5, 500, 78, 78, -215.6094919090119, 1.0),
    (0.3, 200.0, 1.5, 0.5, 3, 10, 10, -20.73144271491171, 1.0),
    (0.3, 200.0, 1.5, 0.5, 10, 1.0, 78, -42.39688267845669, 0.00010346786264774643),
    (2.0, 0.05, 0.2, 50.0, 0, 0, 38.86, -8.517177365842539, 0.0073592476445499076),
    (2.0, 0.05, 0.2, 50.0, 2, 30.43, 38.86, -18.926484184994607, 0.9673123181666108),
    (2.0, 0.05, 0.2, 50.0, 0, 0, 0.01, -0.364635114230169, 0.9999520057934852),
    (2.0, 0.05, 0.2, 50.0, 1, 0.005, 0.01, 3.1418975942553877, 0.9999771937362184),
    (2.0, 0.05, 0.2, 50.0, 500, 77, 78, 424.12358502716194, 0.8645819018443947),
    (2.0, 0.05, 0.2, 50.0, 500, 78, 78, 423.9780757877913, 1.0),
    (2.0, 0.05, 0.2, 50.0, 3, 10, 10, -14.38773820064425, 1.0),
    (2.0, 0.05, 0.2, 50.0, 10, 1.0, 78, 3.0285708673065646, 7.828548187190117e-20),
    (0.5, 8.0, 0.7, 8.0, 0, 0, 38.86, -0.45683762376840564, 0.1892985565656473),
    (0.5, 8.0, 0.7, 8.0, 2, 30.43, 38.86, -9.926062466936045, 0.8375988927530003),
    (0.5, 8.0, 0.7, 8.0, 0, 0, 0.01, -0.0006243366268888706, 0.9991256558082052),
    (0.5, 8.0, 0.7, 8.0, 1, 0.005, 0.01, -2.774899709950388, 0.9995628006291661),
    (0.5, 8.0, 0.7, 8.0, 500, 77, 78, 378.02541086169043, 0.6713891023032942),
    (0.5, 8.0, 0.7, 8.0, 500, 78, 78, 377.6270044358197, 1.0),
    (0.5, 8.0, 0.7, 8.0, 3, 10, 10, -9.015622873725714, 1.0),
    (0.5, 8.0, 0.7, 8.0, 10, 1.0, 78, -11.517913861753092, 1.6797839772028913e-10),
]


def sig3(value: float) -> float:
    return float(f"{value:.3g}")


def with_params(**params: float) -> ParetoNBD:
    return ParetoNBD.from_params(**params)


def test_reproduces_fader_hardie_lee_2005(cdnow: pd.DataFrame) -> None:
    model = ParetoNBD().fit(cdnow)
    assert {k: sig3(v) for k, v in model.params_.items()} == {
        k: sig3(v) for k, v in PUBLISHED.items()
    }
    assert model.log_likelihood_ == pytest.approx(PUBLISHED_LL, abs=0.1)
    summary = model.summary
    assert (summary["std_error"] > 0).all() and list(summary.index) == list(PUBLISHED)


@pytest.mark.parametrize("case", PARETO_CASES)
def test_likelihood_and_probability_alive_match_mpmath(case: tuple[float, ...]) -> None:
    r, alpha, s, beta, x, tx, big_t, loglik, alive = case
    model = with_params(r=r, alpha=alpha, s=s, beta=beta)
    data = {"frequency": [float(x)], "recency": [float(tx)], "T": [float(big_t)]}
    prep = model._prepare(collapse({k: np.asarray(v) for k, v in data.items()}))
    assert model._loglik(model._params(), prep, False)[0] == pytest.approx(loglik, rel=1e-10)
    assert model.probability_alive(data)[0] == pytest.approx(alive, rel=1e-9, abs=1e-300)


def test_expected_purchases_closed_form() -> None:
    model = with_params(**PUBLISHED)
    data = {"frequency": [2.0], "recency": [30.43], "T": [38.86]}
    r, alpha, s, beta = PUBLISHED.values()
    alive = model.probability_alive(data)[0]
    closed = (r + 2) * (beta + 38.86) / ((alpha + 38.86) * (s - 1))
    closed *= 1 - ((beta + 38.86) / (beta + 38.86 + 39)) ** (s - 1)
    assert model.expected_purchases(39, data)[0] == pytest.approx(alive * closed, rel=1e-12)
    new = r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + 39)) ** (s - 1))
    assert model.expected_purchases_new_customer(39) == pytest.approx(new, rel=1e-12)
    # s = 1 is a removable singularity
    at_one = with_params(r=0.5, alpha=10.0, s=1.0, beta=12.0)
    near = with_params(r=0.5, alpha=10.0, s=1.0 + 1e-9, beta=12.0)
    assert at_one.expected_purchases(39, data)[0] == pytest.approx(
        near.expected_purchases(39, data)[0], rel=1e-7
    )


def test_gradient_matches_finite_differences(cdnow: pd.DataFrame) -> None:
    model = ParetoNBD()
    cols = {k: cdnow[k].to_numpy(float) for k in ("frequency", "recency", "T")}
    prep = model._prepare(collapse(cols))
    for params in ([0.5, 10.0, 0.6, 12.0], [0.5, 12.0, 0.6, 10.0], [0.5, 100.0, 0.6, 1.0],
                   [0.5, 1.0, 2.6, 100.0], [0.5, 7.0, 0.6, 7.0]):  # fmt: skip
        p = np.array(params)
        analytic = model._loglik(p, prep, True)[1]
        numeric = approx_fprime(p, lambda v: model._loglik(v, prep, False)[0], 1e-7 * p)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-4, atol=1e-3)


def test_fit_on_distinct_rows_with_counts_equals_fit_on_all_rows(cdnow: pd.DataFrame) -> None:
    rfm = cdnow[["frequency", "recency", "T"]]
    counts = rfm.groupby(list(rfm.columns), sort=False).size()
    expanded = ParetoNBD().fit(rfm)
    weighted = ParetoNBD().fit(counts.index.to_frame(index=False), weights=counts.to_numpy())
    for name in PUBLISHED:
        assert weighted.params_[name] == pytest.approx(expanded.params_[name], rel=1e-6)
    assert weighted.log_likelihood_ == pytest.approx(expanded.log_likelihood_, rel=1e-10)


def test_recovers_parameters_from_simulated_customers() -> None:
    truth = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
    big_t = np.random.default_rng(7).uniform(1.0, 78.0, 50_000)
    data = simulate_paretonbd(50_000, **truth, T=big_t, seed=11)
    summary = ParetoNBD().fit(data).summary
    z = (summary["estimate"] - pd.Series(truth)) / summary["std_error"]
    assert (z.abs() < 4).all(), z


def test_extreme_inputs_give_finite_predictions() -> None:
    data = pd.DataFrame(
        {
            "frequency": [0, 0, 500, 500, 1, 3, 0],
            "recency": [0, 0, 77.0, 78.0, 0.01, 10.0, 0],
            "T": [78.0, 0.01, 78.0, 78.0, 0.01, 10.0, 0.0],
        }
    )
    for params in (PUBLISHED, {"r": 0.3, "alpha": 1e4, "s": 1.5, "beta": 0.01},
                   {"r": 40.0, "alpha": 1e-3, "s": 0.05, "beta": 1e3}):  # fmt: skip
        model = with_params(**params)
        for t in (1e-6, 39.0, 1e4):
            expected = model.expected_purchases(t, data)
            assert np.isfinite(expected).all() and (expected >= 0).all()
        alive = model.probability_alive(data)
        assert np.isfinite(alive).all() and ((alive >= 0) & (alive <= 1)).all()


def test_fits_extreme_customers_without_nan() -> None:
    data = simulate_paretonbd(3000, r=0.5, alpha=3.0, s=0.5, beta=20.0, T=20.0, seed=3)
    data.loc[0] = [500.0, 19.0, 20.0]
    data.loc[1] = [0.0, 0.0, 0.01]
    data.loc[2] = [4.0, 20.0, 20.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = ParetoNBD().fit(data)
    assert model.converged_ and np.isfinite(model.log_likelihood_)
    assert np.isfinite(model.summary.to_numpy()).all()


def test_predicting_before_fit_raises() -> None:
    with pytest.raises(NotFittedError):
        ParetoNBD().probability_alive({"frequency": [1.0], "recency": [1.0], "T": [2.0]})
    with pytest.raises(NotFittedError):
        ParetoNBD().expected_purchases_new_customer(10)

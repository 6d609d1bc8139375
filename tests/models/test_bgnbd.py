"""BG/NBD: published CDNOW numbers, mpmath references, recovery, weights, edge cases."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import approx_fprime

from loyalist.models import BetaGeo, NotFittedError
from loyalist.models.base import collapse
from loyalist.models.simulate import simulate_bgnbd

# Fader, Hardie & Lee (2005), CDNOW sample, 39-week calibration, weeks.
PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_LL = -9582.4
EXAMPLE = {"frequency": [2.0], "recency": [30.43], "T": [38.86]}  # 1.226 purchases in 39 weeks

# (r, alpha, a, b, x, t_x, T, t, expected purchases, P(alive)) from the closed forms of the paper
# in mpmath 1.3.0 at 50 digits (a = 1 taken as 1 + 1e-35): a + b < 1, a = 1, x = 500, t_x = T,
# T = 0.01 and horizons up to 10,000 time units.
BGNBD_CASES = [  # (r, alpha, a, b, x, t_x, T, t, expected_purchases, p_alive)
    (0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 39, 1.2260281747671444, 0.726578570080673),
    (0.243, 4.414, 0.793, 2.426, 0, 0, 0.01, 520, 4.969584182501108, 1.0),
    (0.243, 4.414, 0.793, 2.426, 500, 77, 78, 52, 150.6904362768015, 0.5847692734303773),
    (0.243, 4.414, 0.793, 2.426, 0, 0, 38.86, 10000.0, 6.633923557443355, 1.0),
    (0.243, 4.414, 0.793, 2.426, 1, 0.01, 0.01, 0.001, 0.00021174108688538134, 0.753650201926064),
    (0.243, 4.414, 0.793, 2.426, 1, 5, 5, 5000, 22.117999968263902, 0.753650201926064),
    (0.5, 2.0, 0.3, 0.4, 2, 30.43, 38.86, 39, 1.506522726955525, 0.7236772358321257),
    (0.5, 2.0, 0.3, 0.4, 0, 0, 0.01, 520, 21.43974668056279, 1.0),
    (0.5, 2.0, 0.3, 0.4, 500, 77, 78, 52, 226.40562181717726, 0.7543038549316671),
    (0.5, 2.0, 0.3, 0.4, 0, 0, 38.86, 10000.0, 20.631139440169942, 1.0),
    (0.5, 2.0, 0.3, 0.4, 1, 0.01, 0.01, 0.001, 0.0004263924457436417, 0.5714285714285714),
    (0.5, 2.0, 0.3, 0.4, 1, 5, 5, 5000, 102.85070448258843, 0.5714285714285714),
    (1.5, 3.0, 1.0, 0.7, 2, 30.43, 38.86, 39, 0.9462084397851024, 0.43623871410956855),
    (1.5, 3.0, 1.0, 0.7, 0, 0, 0.01, 520, 4.4836323871716255, 1.0),
    (1.5, 3.0, 1.0, 0.7, 500, 77, 78, 52, 123.31763664832205, 0.49602861828643396),
    (1.5, 3.0, 1.0, 0.7, 0, 0, 38.86, 10000.0, 4.7111185228993175, 1.0),
    (1.5, 3.0, 1.0, 0.7, 1, 0.01, 0.01, 0.001, 0.0003419236410317984, 0.4117647058823529),
    (1.5, 3.0, 1.0, 0.7, 1, 5, 5, 5000, 4.853175197000869, 0.4117647058823529),
    (0.1, 50.0, 4.0, 0.05, 2, 30.43, 38.86, 39, 0.11085342828515862, 0.17554583159815074),
    (0.1, 50.0, 4.0, 0.05, 0, 0, 0.01, 520, 0.21818262095384608, 1.0),
    (0.1, 50.0, 4.0, 0.05, 500, 77, 78, 52, 76.21554328353199, 0.7117787863895395),
    (0.1, 50.0, 4.0, 0.05, 0, 0, 38.86, 10000.0, 0.38203583365294175, 1.0),
    (0.1, 50.0, 4.0, 0.05, 1, 0.01, 0.01, 0.001, 2.7154611224455164e-07, 0.01234567901234568),
    (0.1, 50.0, 4.0, 0.05, 1, 5, 5, 5000, 0.016483437000958445, 0.01234567901234568),
]


def sig3(value: float) -> float:
    return float(f"{value:.3g}")


def with_params(**params: float) -> BetaGeo:
    return BetaGeo.from_params(**params)


def test_reproduces_fader_hardie_lee_2005(cdnow: pd.DataFrame) -> None:
    model = BetaGeo().fit(cdnow)
    assert {k: sig3(v) for k, v in model.params_.items()} == {
        k: sig3(v) for k, v in PUBLISHED.items()
    }
    assert model.log_likelihood_ == pytest.approx(PUBLISHED_LL, abs=0.1)
    assert model.n_ == 2357
    assert float(model.expected_purchases(39, EXAMPLE)[0]) == pytest.approx(1.226, abs=5e-4)
    # the same customer inside the full table, as a Series aligned on customer id
    scored = model.expected_purchases(39, cdnow)
    assert isinstance(scored, pd.Series) and scored.index.equals(cdnow.index)
    assert scored.loc["00004"] == pytest.approx(1.226, abs=1e-3)


def test_summary_has_standard_errors_and_intervals(cdnow: pd.DataFrame) -> None:
    summary = BetaGeo().fit(cdnow).summary
    assert list(summary.index) == ["r", "alpha", "a", "b"]
    assert list(summary.columns) == ["estimate", "std_error", "ci_low", "ci_high"]
    assert (summary["std_error"] > 0).all()
    assert (summary["ci_low"] < summary["estimate"]).all()
    assert (summary["estimate"] < summary["ci_high"]).all()
    # observed-information standard errors of the published fit (as reported by lifetimes)
    np.testing.assert_allclose(summary["std_error"], [0.0126, 0.378, 0.186, 0.705], rtol=0.01)


@pytest.mark.parametrize("case", BGNBD_CASES)
def test_predictions_match_mpmath(case: tuple[float, ...]) -> None:
    r, alpha, a, b, x, tx, big_t, t, expected, alive = case
    model = with_params(r=r, alpha=alpha, a=a, b=b)
    data = {"frequency": [x], "recency": [tx], "T": [big_t]}
    assert model.expected_purchases(t, data)[0] == pytest.approx(expected, rel=1e-9)
    assert model.probability_alive(data)[0] == pytest.approx(alive, rel=1e-9, abs=1e-300)


def test_new_customer_is_a_customer_with_no_history() -> None:
    model = with_params(**PUBLISHED)
    t = np.array([1.0, 39.0, 520.0])
    blank = {"frequency": [0.0], "recency": [0.0], "T": [0.0]}
    fresh = [model.expected_purchases(h, blank)[0] for h in t]
    np.testing.assert_allclose(model.expected_purchases_new_customer(t), fresh, rtol=1e-12)


def test_gradient_matches_finite_differences(cdnow: pd.DataFrame) -> None:
    model = BetaGeo()
    cols = {k: cdnow[k].to_numpy(float) for k in ("frequency", "recency", "T")}
    prep = model._prepare(collapse(cols))
    for params in ([0.3, 5.0, 0.7, 2.0], [2.0, 0.5, 0.2, 0.3], [0.05, 40.0, 3.0, 0.6]):
        p = np.array(params)
        analytic = model._loglik(p, prep, True)[1]
        numeric = approx_fprime(p, lambda v: model._loglik(v, prep, False)[0], 1e-7 * p)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-4)


def test_fit_on_distinct_rows_with_counts_equals_fit_on_all_rows(cdnow: pd.DataFrame) -> None:
    rfm = cdnow[["frequency", "recency", "T"]]
    counts = rfm.groupby(list(rfm.columns), sort=False).size()
    distinct = counts.index.to_frame(index=False)
    expanded = BetaGeo().fit(rfm)
    weighted = BetaGeo().fit(distinct, weights=counts.to_numpy())
    assert weighted.n_distinct_ == expanded.n_distinct_ == len(distinct)
    for name in PUBLISHED:
        assert weighted.params_[name] == pytest.approx(expanded.params_[name], rel=1e-6)
    assert weighted.log_likelihood_ == pytest.approx(expanded.log_likelihood_, rel=1e-10)
    doubled = BetaGeo().fit(rfm, weights=np.full(len(rfm), 2.0))
    assert doubled.log_likelihood_ == pytest.approx(2 * expanded.log_likelihood_, rel=1e-8)


def test_recovers_parameters_from_simulated_customers() -> None:
    truth = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    big_t = np.random.default_rng(7).uniform(1.0, 78.0, 50_000)
    data = simulate_bgnbd(50_000, **truth, T=big_t, seed=11)
    summary = BetaGeo().fit(data).summary
    z = (summary["estimate"] - pd.Series(truth)) / summary["std_error"]
    assert (z.abs() < 4).all(), z


def test_extreme_inputs_give_finite_predictions() -> None:
    data = pd.DataFrame(
        {
            "frequency": [0, 0, 500, 500, 1, 3, 0, 2],
            "recency": [0, 0, 77.0, 78.0, 0.01, 10.0, 0, 1e-9],
            "T": [78.0, 0.01, 78.0, 78.0, 0.01, 10.0, 0.0, 0.01],
        }
    )
    for params in (PUBLISHED, {"r": 0.5, "alpha": 2.0, "a": 0.3, "b": 0.4},
                   {"r": 40.0, "alpha": 1e-3, "a": 1.0, "b": 1e-3}):  # fmt: skip
        model = with_params(**params)
        for t in (1e-6, 39.0, 1e4):
            expected = model.expected_purchases(t, data)
            assert np.isfinite(expected).all() and (expected >= 0).all()
        alive = model.probability_alive(data)
        assert np.isfinite(alive).all() and ((alive >= 0) & (alive <= 1)).all()


def test_fits_extreme_customers_without_nan() -> None:
    data = simulate_bgnbd(3000, r=0.5, alpha=3.0, a=0.5, b=0.4, T=20.0, seed=3)
    data.loc[0] = [500.0, 19.0, 20.0]
    data.loc[1] = [0.0, 0.0, 0.01]
    data.loc[2] = [4.0, 20.0, 20.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = BetaGeo().fit(data)
    assert model.converged_ and np.isfinite(model.log_likelihood_)
    assert np.isfinite(model.summary.to_numpy()).all()


def test_no_repeat_purchases_is_a_clear_error() -> None:
    data = {"frequency": [0.0, 0.0], "recency": [0.0, 0.0], "T": [5.0, 9.0]}
    with pytest.raises(ValueError, match="no customer has a repeat purchase"):
        BetaGeo().fit(data)


def test_predicting_before_fit_raises() -> None:
    model = BetaGeo()
    with pytest.raises(NotFittedError, match="call fit"):
        model.expected_purchases(10, EXAMPLE)
    with pytest.raises(NotFittedError):
        model.summary  # noqa: B018


def test_invalid_input_lists_every_problem() -> None:
    bad = {"frequency": [1.5, -1.0, 2.0, 0.0], "recency": [1.0, 0.0, 9.0, 2.0], "T": [5, 5, 5, 5]}
    with pytest.raises(ValueError) as info:
        BetaGeo().fit(bad)
    message = str(info.value)
    for problem in ("not a whole number", "frequency is negative", "recency exceeds T",
                    "recency is not 0 for a customer with frequency 0"):  # fmt: skip
        assert problem in message
    with pytest.raises(ValueError, match=r"missing column\(s\) \['T'\]"):
        BetaGeo().fit({"frequency": [1.0], "recency": [1.0]})
    with pytest.raises(ValueError, match="weights"):
        BetaGeo().fit(EXAMPLE, weights=[1.0, 2.0])


def test_accepts_ibis_polars_arrow_and_dict(cdnow: pd.DataFrame) -> None:
    ibis = pytest.importorskip("ibis")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    rfm = cdnow[["frequency", "recency", "T"]].reset_index(drop=True)
    reference = BetaGeo().fit(rfm).params_
    tables = [
        ibis.memtable(rfm),
        pl.from_pandas(rfm),
        pa.Table.from_pandas(rfm),
        {k: rfm[k].to_numpy() for k in rfm.columns},
    ]
    for table in tables:
        model = BetaGeo().fit(table)
        assert model.params_ == pytest.approx(reference, rel=1e-9)
        assert isinstance(model.probability_alive(table), np.ndarray)
    # an Ibis table has no row order: results come back keyed by its customer_id column
    keyed = ibis.memtable(cdnow[["frequency", "recency", "T"]].reset_index(names="customer_id"))
    alive = BetaGeo().fit(keyed).probability_alive(keyed)
    assert alive.index.name == "customer_id"
    assert alive.loc["00004"] == pytest.approx(0.7266, abs=1e-4)

"""Customer lifetime value: the discounting, against a direct computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from loyalist.models import BetaGeo, GammaGamma, ParetoNBD, customer_lifetime_value

BG = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PARETO = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
DATA = pd.DataFrame(
    {
        "frequency": [0.0, 2.0, 7.0],
        "recency": [0.0, 30.43, 20.0],
        "T": [38.86, 38.86, 38.86],
        "monetary_value": [0.0, 20.0, 55.0],
    },
    index=pd.Index(["a", "b", "c"], name="customer_id"),
)


def fitted(cls, params):
    return cls.from_params(**params)


@pytest.mark.parametrize(("cls", "params"), [(BetaGeo, BG), (ParetoNBD, PARETO)])
def test_matches_direct_sum_of_discounted_increments(cls, params) -> None:
    model = fitted(cls, params)
    clv = customer_lifetime_value(model, 30.0, DATA, horizon=104, discount_rate=0.1, margin=0.3)
    assert isinstance(clv, pd.Series) and clv.index.equals(DATA.index)
    ends = np.minimum(52 / 12 * np.arange(1, 25), 104)
    cumulative = np.array([model.expected_purchases(t, DATA).to_numpy() for t in ends])
    increments = np.diff(np.vstack([np.zeros(3), cumulative]), axis=0)
    expected = 0.3 * 30.0 * (increments / 1.1 ** (ends / 52)[:, None]).sum(axis=0)
    np.testing.assert_allclose(clv.to_numpy(), expected, rtol=1e-12)


def test_no_discount_is_expected_purchases_times_spend() -> None:
    model = fitted(BetaGeo, BG)
    spend = fitted(GammaGamma, {"p": 6.25, "q": 3.74, "gamma": 15.44})
    clv = customer_lifetime_value(model, spend, DATA, horizon=39, margin=0.5, step=5.0)
    expected = 0.5 * model.expected_purchases(39, DATA) * spend.expected_spend(DATA)
    np.testing.assert_allclose(clv, expected, rtol=1e-12)


def test_discounting_lowers_value_and_value_grows_with_horizon() -> None:
    model = fitted(ParetoNBD, PARETO)
    base = {"purchase_model": model, "spend_model": 25.0, "data": DATA}
    undiscounted = customer_lifetime_value(**base, horizon=52)
    discounted = customer_lifetime_value(**base, horizon=52, discount_rate=0.2)
    longer = customer_lifetime_value(**base, horizon=520, discount_rate=0.2)
    assert (discounted < undiscounted).all() and (longer > discounted).all()
    assert (customer_lifetime_value(**base, horizon=0) == 0).all()


def test_a_collapsed_bgnbd_fit_still_values_customers() -> None:
    # a fit can send a and b to tens of millions (the dropout probability collapses onto
    # a / (a + b) = 0.25); the expected purchases used to overflow to NaN there. Ten times
    # more concentrated changes the value by O(1 / (a + b)) only.
    collapsed = BetaGeo.from_params(r=0.25, alpha=4.0, a=2.5e7, b=7.5e7)
    tighter = BetaGeo.from_params(r=0.25, alpha=4.0, a=2.5e8, b=7.5e8)
    clv = customer_lifetime_value(collapsed, 30.0, DATA, horizon=104, discount_rate=0.1)
    assert np.isfinite(clv).all() and (clv > 0).all()
    limit = customer_lifetime_value(tighter, 30.0, DATA, horizon=104, discount_rate=0.1)
    np.testing.assert_allclose(clv, limit, rtol=1e-6)


def test_rejects_bad_arguments() -> None:
    model = fitted(BetaGeo, BG)
    with pytest.raises(ValueError, match="horizon"):
        customer_lifetime_value(model, 1.0, DATA, horizon=-1)
    with pytest.raises(ValueError, match="annual rate"):
        customer_lifetime_value(model, 1.0, DATA, horizon=10, discount_rate=-2)

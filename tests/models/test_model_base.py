"""Shared machinery: collapsing to distinct rows, reading tables, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from loyalist.models import BetaGeo, ConvergenceWarning
from loyalist.models.base import collapse, read_columns


def test_collapse_round_trips_and_sums_weights() -> None:
    rng = np.random.default_rng(0)
    cols = {
        "x": rng.integers(0, 4, 5000).astype(float),
        "t": rng.integers(0, 30, 5000) / 7,
        "y": rng.integers(0, 3, 5000).astype(float),
    }
    weights = rng.uniform(0, 2, 5000)
    d = collapse(cols, weights)
    for name, values in cols.items():
        np.testing.assert_array_equal(d.columns[name][d.inverse], values)
        np.testing.assert_array_equal(d.levels[name][d.codes[name]], d.columns[name])
    expected = pd.DataFrame(cols).assign(w=weights).groupby(["x", "t", "y"])["w"].sum()
    assert d.size == len(expected)
    got = pd.Series(d.weights, index=pd.MultiIndex.from_arrays(list(d.columns.values())))
    np.testing.assert_allclose(got.sort_index().to_numpy(), expected.to_numpy())


def test_collapse_keeps_first_appearance_order() -> None:
    d = collapse({"x": np.array([3.0, 1.0, 3.0, 2.0])})
    assert d.columns["x"].tolist() == [3.0, 1.0, 2.0]
    assert d.weights.tolist() == [2.0, 1.0, 1.0]


def test_read_columns_reports_missing_and_non_numeric() -> None:
    with pytest.raises(ValueError, match="missing column"):
        read_columns(pd.DataFrame({"a": [1]}), ["a", "b"])
    with pytest.raises(ValueError, match="not numeric"):
        read_columns(pd.DataFrame({"a": ["x"]}), ["a"])
    with pytest.raises(TypeError, match="expected a table"):
        read_columns([1, 2], ["a"])


def test_repr_and_penalizer() -> None:
    data = {"frequency": [0.0, 1.0, 3.0, 0.0], "recency": [0.0, 2.0, 5.0, 0.0], "T": [6.0] * 4}
    assert repr(BetaGeo(penalizer=0.1)) == "BetaGeo(penalizer=0.1)"
    free = BetaGeo().fit(data)
    with pytest.warns(ConvergenceWarning):
        free.summary  # noqa: B018  (four customers do not pin down four parameters)
    shrunk = BetaGeo(penalizer=0.5).fit(data)
    assert repr(shrunk).startswith("BetaGeo(r=")
    assert sum(v**2 for v in shrunk.params_.values()) < sum(v**2 for v in free.params_.values())


def test_fitted_model_pickles_with_its_standard_errors() -> None:
    import pickle

    data = {"frequency": [0.0, 1.0, 3.0, 0.0, 2.0, 1.0, 5.0, 0.0],
            "recency": [0.0, 2.0, 5.0, 0.0, 1.0, 4.0, 5.5, 0.0], "T": [6.0] * 8}  # fmt: skip
    model = BetaGeo(penalizer=0.01).fit(data)
    clone = pickle.loads(pickle.dumps(model))
    assert clone.params_ == model.params_
    pd.testing.assert_frame_equal(clone.summary, model.summary)


def test_nullable_pandas_columns_report_missing_values() -> None:
    frame = pd.DataFrame(
        {"frequency": pd.array([1, None], dtype="Int64"), "recency": [1.0, 0.0], "T": [2.0, 2.0]}
    )
    with pytest.raises(ValueError, match="frequency is missing"):
        BetaGeo().fit(frame)


def test_optimiser_failure_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from scipy.optimize import OptimizeResult

    from loyalist.models import base

    def stalled(fun, x0, **kwargs):
        value, grad = fun(x0)
        return OptimizeResult(x=x0, fun=value, jac=grad, success=False, nit=1,
                              message="STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT")  # fmt: skip

    monkeypatch.setattr(base, "minimize", stalled)
    data = {"frequency": [0.0, 1.0, 3.0], "recency": [0.0, 2.0, 5.0], "T": [6.0] * 3}
    with pytest.warns(ConvergenceWarning, match="without converging.*ITERATIONS"):
        model = BetaGeo().fit(data)
    assert not model.converged_


def test_from_params_checks_names_and_values() -> None:
    model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    assert model.summary["std_error"].isna().all()
    with pytest.raises(ValueError, match="exactly the parameters"):
        BetaGeo.from_params(r=1.0, alpha=1.0, a=1.0)
    with pytest.raises(ValueError, match="positive"):
        BetaGeo.from_params(r=-1.0, alpha=1.0, a=1.0, b=1.0)

"""Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005; Colombo & Jiang 1999)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import digamma, gammaln

from loyalist.models.base import (
    Array,
    BaseModel,
    Distinct,
    check_weights,
    collapse,
    dot,
    read_columns,
    validate,
)


class GammaGamma(BaseModel):
    """Gamma-Gamma spend model: order values ~ Gamma(p, nu), nu ~ Gamma(q, gamma) per customer.

    Fit on ``frequency`` (number of repeat transactions ``x``) and ``monetary_value`` (their
    average value ``m``). Customers with ``frequency == 0`` carry no spend information and are
    ignored by :meth:`fit`; for them :meth:`expected_spend` returns the population mean
    ``p gamma / (q - 1)``. The model assumes spend is independent of frequency.

    Parameters
    ----------
    penalizer : float, default 0
        L2 penalty on the parameters.

    Examples
    --------
    >>> from loyalist.models.simulate import simulate_gammagamma
    >>> data = simulate_gammagamma(np.full(2000, 3), p=6.0, q=4.0, gamma=15.0, seed=1)
    >>> model = GammaGamma().fit(data)
    >>> sorted(model.params_)
    ['gamma', 'p', 'q']
    """

    _param_names = ("p", "q", "gamma")
    _columns = ("frequency", "monetary_value")

    def _rules(self, cols: Mapping[str, Array]) -> list[tuple[str, np.ndarray]]:
        x, m = cols["frequency"], cols["monetary_value"]
        with np.errstate(invalid="ignore"):
            return [
                ("frequency is missing or infinite", ~np.isfinite(x)),
                ("monetary_value is missing or infinite", ~np.isfinite(m)),
                ("frequency is negative", x < 0),
                ("frequency is not a whole number", np.isfinite(x) & (x != np.round(x))),
                ("monetary_value is not positive for a customer with frequency > 0",
                 (x > 0) & ~(m > 0)),
            ]  # fmt: skip

    def fit(self, data: Any, weights: Any = None) -> GammaGamma:
        """Fit on customers with at least one repeat transaction (others are ignored).

        Parameters
        ----------
        data : table
            Columns ``frequency`` and ``monetary_value``.
        weights : array_like, optional
            Non-negative weight of each row.

        Returns
        -------
        self

        Examples
        --------
        >>> data = {"frequency": [0, 1, 2, 3, 5], "monetary_value": [0, 10.0, 22.0, 15.0, 31.0]}
        >>> GammaGamma(penalizer=0.01).fit(data).n_
        4.0
        """
        cols, _ = self._read(data)
        w = check_weights(weights, cols["frequency"].size)
        keep = cols["frequency"] > 0
        if not keep.any():
            raise ValueError("GammaGamma needs customers with frequency > 0; there are none")
        w = None if w is None else w[keep]
        return self._fit_distinct(collapse({k: v[keep] for k, v in cols.items()}, w))

    def _prepare(self, d: Distinct) -> dict[str, Any]:
        x, m, w = d.columns["frequency"], d.columns["monetary_value"], d.weights
        return {
            "x": x,
            "m": m,
            "w": w,
            "log_xm": np.log(x) + np.log(m),
            "mean": np.average(m, weights=w),
        }

    def _initial(self, prep: dict[str, Any]) -> Array:
        return np.array([1.0, 2.0, float(prep["mean"])])

    def _loglik(self, params: Array, prep: dict[str, Any], grad: bool) -> tuple[float, Array]:
        p, q, gamma = params
        x, m, w, log_xm = prep["x"], prep["m"], prep["w"], prep["log_xm"]
        px = p * x
        log_gxm = np.log(gamma + m * x)
        ll_rows = (
            gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gamma)
            + px * log_xm - np.log(m) - (px + q) * log_gxm
        )  # fmt: skip
        ll = dot(w, ll_rows)
        if not grad:
            return ll, np.empty(0)
        psi_pq = digamma(px + q)
        g_p = dot(w, x * (psi_pq - digamma(px) + log_xm - log_gxm))
        g_q = dot(w, psi_pq - log_gxm) + w.sum() * (np.log(gamma) - digamma(q))
        g_gamma = w.sum() * q / gamma - dot(w, (px + q) / (gamma + m * x))
        return ll, np.array([g_p, g_q, g_gamma])

    def expected_spend(self, data: Any) -> Array | pd.Series:
        """Conditional expected average order value of each customer.

        ``E[Z | x, m] = (p (gamma + x m)) / (p x + q - 1)``, a weighted average of the population
        mean ``p gamma / (q - 1)`` and the customer's own mean ``m``.

        Examples
        --------
        >>> model = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
        >>> data = {"frequency": [0, 2], "monetary_value": [0.0, 20.0]}
        >>> np.round(model.expected_spend(data), 2).tolist()
        [35.22, 22.74]
        """
        self._check_fitted()
        p, q, gamma = self._params()
        cols, index = read_columns(data, self._columns)
        validate(cols, self._rules(cols))
        x, m = cols["frequency"], np.where(cols["frequency"] > 0, cols["monetary_value"], 0.0)
        values = p * (gamma + x * m) / (p * x + q - 1.0)
        return values if index is None else pd.Series(values, index=index, name="expected_spend")

    def mean_spend(self) -> float:
        """Population mean order value ``p gamma / (q - 1)`` (infinite when ``q <= 1``).

        Examples
        --------
        >>> model = GammaGamma.from_params(p=6.0, q=4.0, gamma=15.0)
        >>> model.mean_spend()
        30.0
        """
        p, q, gamma = self._params()
        return float(p * gamma / (q - 1.0)) if q > 1 else float("inf")

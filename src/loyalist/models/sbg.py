"""Shifted-beta-geometric model of contract renewals (Fader & Hardie 2007, 2010)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.special import betaln, digamma

from loyalist.models._hyp2f1 import log_hyp2f1_1
from loyalist.models.base import Array, BaseModel, Distinct, collapse


def _cohorts(survivors: Any) -> list[Array]:
    """One float array per cohort, trailing missing values dropped."""
    if isinstance(survivors, pd.DataFrame):
        rows = [row.to_numpy(dtype=float) for _, row in survivors.iterrows()]
    elif isinstance(survivors, pd.Series):
        rows = [survivors.to_numpy(dtype=float)]
    else:
        arr = survivors if isinstance(survivors, np.ndarray) else None
        if arr is not None and arr.ndim == 2:
            rows = [np.asarray(r, dtype=float) for r in arr]
        elif len(survivors) and np.ndim(survivors[0]) == 1:
            rows = [np.asarray(r, dtype=float) for r in survivors]
        else:
            rows = [np.asarray(survivors, dtype=float)]
    out = []
    for i, row in enumerate(rows):
        row = row[: len(row) - int(np.argmax(~np.isnan(row[::-1])))] if np.isnan(row).any() else row
        problems = []
        if row.size < 2:
            problems.append("needs the cohort size and at least one later count")
        if not np.isfinite(row).all():
            problems.append("has missing values before its last count")
        elif row.size and (row[0] <= 0 or (row < 0).any()):
            problems.append("counts must be non-negative and the cohort size positive")
        elif (np.diff(row) > 0).any():
            problems.append("survivor counts must not increase")
        if problems:
            raise ValueError(f"cohort {i}: " + "; ".join(problems))
        out.append(row)
    return out


class ShiftedBetaGeo(BaseModel):
    """Shifted-beta-geometric (sBG) model: each customer churns with a constant probability
    ``theta`` per period, and ``theta ~ Beta(alpha, beta)`` across customers.

    Fit on survivor counts of one or more cohorts: the cohort size, then the number still active
    after each period.

    Parameters
    ----------
    penalizer : float, default 0
        L2 penalty on the parameters.

    Examples
    --------
    >>> model = ShiftedBetaGeo().fit([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> round(model.params_["alpha"], 3), round(model.params_["beta"], 3)
    (0.704, 1.182)
    >>> round(float(model.survival(8)), 3)
    0.22
    """

    _param_names = ("alpha", "beta")

    def fit(self, survivors: Any, weights: ArrayLike | None = None) -> ShiftedBetaGeo:
        """Fit on survivor counts.

        Parameters
        ----------
        survivors : sequence, pandas Series, 2-D array, list of sequences or DataFrame
            One cohort as a 1-D sequence; several as rows (trailing NaN allowed for younger
            cohorts). The first value of each cohort is its size.
        weights : array_like, optional
            One weight per cohort.

        Returns
        -------
        self

        Examples
        --------
        >>> cohorts = [[1000, 631, 468, 382], [800, 510, 390]]  # the younger cohort is shorter
        >>> ShiftedBetaGeo().fit(cohorts).n_
        1800.0
        """
        cohorts = _cohorts(survivors)
        cw = np.ones(len(cohorts)) if weights is None else np.asarray(weights, dtype=float)
        if cw.size != len(cohorts) or (cw < 0).any():
            raise ValueError(f"weights needs one non-negative value per cohort ({len(cohorts)})")
        period, alive, count = [], [], []
        for row, wc in zip(cohorts, cw, strict=True):
            n = row.size - 1
            period += [*range(1, n + 1), n]
            alive += [0.0] * n + [1.0]
            count += [*(-np.diff(row) * wc), row[-1] * wc]
        cols = {"period": np.array(period, float), "alive": np.array(alive)}
        return self._fit_distinct(collapse(cols, np.array(count)))

    def _prepare(self, d: Distinct) -> dict[str, Array]:
        return {"t": d.columns["period"], "alive": d.columns["alive"] > 0, "w": d.weights}

    def _loglik(self, params: Array, prep: dict[str, Array], grad: bool) -> tuple[float, Array]:
        alpha, beta = params
        t, alive, w = prep["t"], prep["alive"], prep["w"]
        # died in period t: B(alpha+1, beta+t-1)/B(alpha, beta); alive after t: B(alpha, beta+t)/B
        ll_rows = np.where(
            alive, betaln(alpha, beta + t), betaln(alpha + 1.0, beta + t - 1.0)
        ) - betaln(alpha, beta)
        ll = float(w @ ll_rows)
        if not grad:
            return ll, np.empty(0)
        psi_all = digamma(alpha + beta + t)
        base_a, base_b = (
            digamma(alpha) - digamma(alpha + beta),
            digamma(beta) - digamma(alpha + beta),
        )
        g_a = np.where(alive, digamma(alpha), digamma(alpha + 1.0)) - psi_all - base_a
        g_b = np.where(alive, digamma(beta + t), digamma(beta + t - 1.0)) - psi_all - base_b
        return ll, np.array([w @ g_a, w @ g_b])

    # -- predictions ---------------------------------------------------------------------------
    def survival(self, t: ArrayLike) -> Array:
        """Share of a cohort still active after ``t`` periods, ``B(alpha, beta+t) / B(alpha,beta)``.

        ``t`` may be fractional (the curve is then interpolated by the same formula).

        Examples
        --------
        >>> model = ShiftedBetaGeo.from_params(alpha=0.704, beta=1.182)
        >>> np.round(model.survival([0, 1, 2]), 3).tolist()
        [1.0, 0.627, 0.474]
        """
        alpha, beta = self._params()
        t = np.asarray(t, dtype=float)
        return np.exp(betaln(alpha, beta + t) - betaln(alpha, beta))

    def retention_rate(self, t: ArrayLike) -> Array:
        """Share of customers active after period ``t - 1`` who renew in period ``t`` (t >= 1).

        Rises with ``t`` as the customers most likely to leave are sorted out:
        ``(beta + t - 1) / (alpha + beta + t - 1)``.

        Examples
        --------
        >>> model = ShiftedBetaGeo.from_params(alpha=0.704, beta=1.182)
        >>> np.round(model.retention_rate([1, 2, 5]), 3).tolist()
        [0.627, 0.756, 0.88]
        """
        alpha, beta = self._params()
        t = np.asarray(t, dtype=float)
        if (t < 1).any():
            raise ValueError("retention_rate is defined for periods t >= 1")
        return (beta + t - 1.0) / (alpha + beta + t - 1.0)

    def churn_probability(self, t: ArrayLike) -> Array:
        """Probability that a customer active after period ``t - 1`` leaves in period ``t``.

        Equals ``1 - retention_rate(t)``.

        Examples
        --------
        >>> model = ShiftedBetaGeo.from_params(alpha=0.704, beta=1.182)
        >>> round(float(model.churn_probability(1)), 3)
        0.373
        """
        return 1.0 - self.retention_rate(t)

    def expected_residual_lifetime(self, discount: float, renewals: ArrayLike = 0) -> Array:
        """Discounted expected residual lifetime (DERL, Fader & Hardie 2010).

        The expected discounted number of future payments of a customer who has renewed
        ``renewals`` times (``n - 1`` in the paper), standing just before their next renewal
        decision: ``sum_{k>=0} S(n+k)/S(n-1) / (1+d)^k``, which equals
        ``(beta+n-1)/(alpha+beta+n-1) 2F1(1, beta+n; alpha+beta+n; 1/(1+d))``.
        Multiply by the margin per period to value the customer.

        Parameters
        ----------
        discount : float
            Discount rate per period (> 0).
        renewals : int or array_like
            Number of renewals the customer has made so far.

        Examples
        --------
        >>> model = ShiftedBetaGeo.from_params(alpha=0.704, beta=1.182)
        >>> round(float(model.expected_residual_lifetime(0.1, renewals=0)), 3)
        2.965
        """
        alpha, beta = self._params()
        if not discount > 0:
            raise ValueError("discount must be positive (the sum diverges otherwise when alpha<=1)")
        n = np.asarray(renewals, dtype=float) + 1.0
        log_f, *_ = log_hyp2f1_1(alpha, beta + n, discount / (1.0 + discount))
        return (beta + n - 1.0) / (alpha + beta + n - 1.0) * np.exp(log_f)

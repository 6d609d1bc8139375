"""BG/NBD model of repeat buying.

Fader, Hardie & Lee (2005), "Counting your customers the easy way: an alternative to the
Pareto/NBD model", Marketing Science 24(2).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy.special import betaln, digamma, expit, gammaln

from loyalist.models._hyp2f1 import beta_geometric_mean
from loyalist.models.base import (
    Array,
    Distinct,
    collapse,
    dot,
    require_repeat_purchases,
    rfm_rules,
)
from loyalist.models.repeat_buying import RepeatBuyingModel


def _softplus_expit(d: Array) -> tuple[Array, Array]:
    """``log(1 + e^d)`` and ``1 / (1 + e^-d)`` with one exponential (``log1p`` is slow in numpy)."""
    e = np.exp(-np.abs(d))
    one_e = 1.0 + e
    return np.maximum(d, 0.0) + np.log(one_e), np.where(d >= 0, 1.0, e) / one_e


class BetaGeo(RepeatBuyingModel):
    """Beta-geometric/NBD model: Poisson purchases, dropout with probability ``p`` after each.

    Purchase rates are gamma(``r``, ``alpha``) across customers and dropout probabilities
    beta(``a``, ``b``). Fit on one row per customer with ``frequency`` (repeat purchases ``x``),
    ``recency`` (time of the last repeat purchase ``t_x``, 0 if none) and ``T`` (time since the
    first purchase), all in one time unit.

    Parameters
    ----------
    penalizer : float, default 0
        L2 penalty on the parameters (see :class:`~loyalist.models.base.BaseModel`).

    Examples
    --------
    >>> from loyalist.models.simulate import simulate_bgnbd
    >>> data = simulate_bgnbd(5000, r=0.25, alpha=4.0, a=0.8, b=2.5, T=39.0, seed=1)
    >>> model = BetaGeo().fit(data)
    >>> sorted(model.params_)
    ['a', 'alpha', 'b', 'r']
    >>> model.expected_purchases(39.0, data).shape
    (5000,)
    """

    _param_names = ("r", "alpha", "a", "b")

    def _rules(self, cols: Mapping[str, Array]) -> list[tuple[str, np.ndarray]]:
        return rfm_rules(cols)

    def _check_fit_data(self, d: Distinct) -> None:
        require_repeat_purchases(d)

    def _prepare(self, d: Distinct) -> dict[str, Any]:
        x, w = d.columns["frequency"], d.weights
        ux, ix = np.unique(x, return_inverse=True)
        pos = x > 0
        return {
            "ux": ux,
            "w_x": np.bincount(ix, w, ux.size),
            "uT": d.levels["T"],
            "w_T": np.bincount(d.codes["T"], w, d.levels["T"].size),
            "wx_T": np.bincount(d.codes["T"], w * x, d.levels["T"].size),
            "utx": d.levels["recency"],
            "x": x[pos],
            "w": w[pos],
            "ix": ix[pos],
            "iT": d.codes["T"][pos],
            "itx": d.codes["recency"][pos],
            "mean": (float(np.average(x, weights=w)), float(np.average(d.columns["T"], weights=w))),
        }

    def _initial(self, prep: dict[str, Any]) -> Array:
        mean_x, mean_t = prep["mean"]
        return np.array([1.0, max(mean_t, 1e-3) / max(mean_x, 1e-2), 1.0, 1.0])

    def _loglik(self, params: Array, prep: dict[str, Any], grad: bool) -> tuple[float, Array]:
        """Weighted log-likelihood (FHL 2005, eq. 6) and its gradient in (r, alpha, a, b).

        ``L = Gamma(r+x) alpha^r / Gamma(r) * B(a, b+x) / B(a, b)
        * [(alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x)]``.
        """
        r, alpha, a, b = params
        ux, w_x, w_t, wx_t = prep["ux"], prep["w_x"], prep["w_T"], prep["wx_T"]
        log_at = np.log(alpha + prep["uT"])
        # terms that depend on x only, and -(r + x) log(alpha + T) which every customer has
        sep = gammaln(r + ux) - gammaln(r) + r * np.log(alpha) + betaln(a, b + ux) - betaln(a, b)
        ll = float(w_x @ sep) - float((r * w_t + wx_t) @ log_at)
        # customers with x > 0: log(1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) = softplus(d)
        x, w, ix = prep["x"], prep["w"], prep["ix"]
        c4 = np.log(a) - np.log(b + ux - 1.0, where=ux > 0, out=np.zeros_like(ux))
        log_ratio = log_at[prep["iT"]] - np.log(alpha + prep["utx"])[prep["itx"]]
        k = r + x
        d = c4[ix] + k * log_ratio
        softplus, p_d = _softplus_expit(d)
        ll += dot(w, softplus)
        if not grad:
            return ll, np.empty(0)
        wp = w * p_d
        inv_t = 1.0 / (alpha + prep["uT"])
        inv_ratio = inv_t[prep["iT"]] - (1.0 / (alpha + prep["utx"]))[prep["itx"]]
        wp_x = np.bincount(ix, wp, ux.size)
        g_r = w_x @ (digamma(r + ux) - digamma(r) + np.log(alpha)) - w_t @ log_at
        g_r += dot(wp, log_ratio)
        g_alpha = w_x.sum() * r / alpha - (r * w_t + wx_t) @ inv_t + dot(wp * k, inv_ratio)
        g_a = w_x @ (digamma(a + b) - digamma(a + b + ux)) + wp.sum() / a
        g_b = w_x @ (digamma(b + ux) - digamma(a + b + ux) - digamma(b) + digamma(a + b))
        g_b -= wp_x[ux > 0] @ (1.0 / (b + ux[ux > 0] - 1.0))
        return ll, np.array([g_r, g_alpha, g_a, g_b])

    # -- predictions ---------------------------------------------------------------------------
    def _log_odds_dead(self, cols: Mapping[str, Array]) -> Array:
        r, alpha, a, b = self._params()
        x, tx, t = cols["frequency"], cols["recency"], cols["T"]
        pos = x > 0
        out = np.full(x.shape, -np.inf)
        out[pos] = (
            np.log(a)
            - np.log(b + x[pos] - 1.0)
            + (r + x[pos]) * (np.log(alpha + t[pos]) - np.log(alpha + tx[pos]))
        )
        return out

    def _probability_alive(self, cols: Mapping[str, Array]) -> Array:
        return expit(-self._log_odds_dead(cols))

    def _expected_many(self, ts: Array, cols: Mapping[str, Array]) -> Array:
        r, alpha, a, b = self._params()
        x, big_t = cols["frequency"], cols["T"]
        alive = self._probability_alive(cols)
        # the alive part depends on (x, T) only: evaluate it per distinct pair
        pairs = collapse({"x": x, "T": big_t})
        px, pt = pairs.columns["x"], pairs.columns["T"]
        rate = beta_geometric_mean(r + px, a, b + px, ts[:, None] / (alpha + pt))
        return alive * rate[:, pairs.inverse]

    def expected_purchases_new_customer(self, t: float | Array) -> float | Array:
        """Expected number of repeat purchases of a new customer in their first ``t`` time units.

        Examples
        --------
        >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> round(float(model.expected_purchases_new_customer(39)), 3)
        1.197
        """
        r, alpha, a, b = self._params()
        out = beta_geometric_mean(r, a, b, np.asarray(t, dtype=float) / alpha)
        return float(out) if np.ndim(out) == 0 else out

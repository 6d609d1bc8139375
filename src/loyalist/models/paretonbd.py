"""Pareto/NBD model of repeat buying (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy.special import digamma, exprel, gammaln

from loyalist.models._hyp2f1 import log_hyp2f1_1
from loyalist.models.base import (
    Array,
    Distinct,
    collapse,
    dot,
    require_repeat_purchases,
    rfm_rules,
)
from loyalist.models.bgnbd import _softplus_expit
from loyalist.models.repeat_buying import RepeatBuyingModel


def _log_tail_integral(params: Array, x: Array, t: Array) -> tuple[Array, Array]:
    """``log I(t) = log int_t^inf (alpha+u)^-(r+x) (beta+u)^-(s+1) du`` and its gradient.

    With ``m = min(alpha, beta)``, ``M = max(alpha, beta)`` and ``P``, ``Q`` the exponents of
    the ``m`` and ``M`` factors, ``I = (m+t)^(1-P) (M+t)^-Q 2F1(1, Q; P+Q; (M-m)/(M+t)) / (P+Q-1)``.
    This is Fader & Hardie's alpha >= beta / alpha < beta switch after an Euler transformation,
    which makes every series term positive and decreasing. The gradient is in (r, alpha, s, beta).
    """
    r, alpha, s, beta = params
    swap = alpha >= beta  # then m = beta carries the (s + 1) exponent
    m, big_m = (beta, alpha) if swap else (alpha, beta)
    p_exp, q_exp = (s + 1.0, r + x) if swap else (r + x, s + 1.0)
    a = r + s + x
    mt, big_mt = m + t, big_m + t
    log_f, f_p, f_q, f_rho = log_hyp2f1_1(p_exp, q_exp, mt / big_mt)
    log_mt, log_big_mt = np.log(mt), np.log(big_mt)
    value = (1.0 - p_exp) * log_mt - q_exp * log_big_mt + log_f - np.log(a)
    d_p = -log_mt + f_p - 1.0 / a
    d_q = -log_big_mt + f_q - 1.0 / a
    d_m = (1.0 - p_exp) / mt + f_rho / big_mt
    d_big_m = -q_exp / big_mt - f_rho * mt / big_mt**2
    if swap:
        return value, np.stack([d_q, d_big_m, d_p, d_m])
    return value, np.stack([d_p, d_m, d_q, d_big_m])


class ParetoNBD(RepeatBuyingModel):
    """Pareto/NBD model: Poisson purchasing during an exponential lifetime.

    Purchase rates are gamma(``r``, ``alpha``) and dropout rates gamma(``s``, ``beta``) across
    customers. Same data as :class:`~loyalist.models.bgnbd.BetaGeo`: ``frequency``, ``recency``
    and ``T``.

    Parameters
    ----------
    penalizer : float, default 0
        L2 penalty on the parameters.

    Examples
    --------
    >>> from loyalist.models.simulate import simulate_paretonbd
    >>> data = simulate_paretonbd(5000, r=0.55, alpha=10.6, s=0.6, beta=11.7, T=39.0, seed=1)
    >>> model = ParetoNBD().fit(data)
    >>> sorted(model.params_)
    ['alpha', 'beta', 'r', 's']
    """

    _param_names = ("r", "alpha", "s", "beta")

    def _rules(self, cols: Mapping[str, Array]) -> list[tuple[str, np.ndarray]]:
        return rfm_rules(cols)

    def _check_fit_data(self, d: Distinct) -> None:
        require_repeat_purchases(d)

    def _prepare(self, d: Distinct) -> dict[str, Any]:
        x, tx, big_t = d.columns["frequency"], d.columns["recency"], d.columns["T"]
        # I(t) depends on (x, t) only: evaluate it once per distinct (x, t_x) and (x, T) pair
        pairs = collapse({"x": np.concatenate([x, x]), "t": np.concatenate([tx, big_t])})
        ux, ix = np.unique(x, return_inverse=True)
        w = d.weights
        return {
            "x": x,
            "w": w,
            "iT": d.codes["T"],
            "uT": d.levels["T"],
            "ux": ux,
            "w_x": np.bincount(ix, w, ux.size),
            "pair_x": pairs.columns["x"],
            "pair_t": pairs.columns["t"],
            "i_tx": pairs.inverse[: x.size],
            "i_T": pairs.inverse[x.size :],
            "mean": (float(np.average(x, weights=w)), float(np.average(big_t, weights=w))),
        }

    def _initial(self, prep: dict[str, Any]) -> Array:
        mean_x, mean_t = prep["mean"]
        scale = max(mean_t, 1e-3) / max(mean_x, 1e-2)
        return np.array([1.0, scale, 1.0, scale])

    def _mixture(self, params: Array, prep: dict[str, Any]) -> dict[str, Array]:
        """Per-row log terms: ``l1`` (alive at T), ``l2`` (died in (t_x, T)), and pieces."""
        r, alpha, s, beta = params
        x = prep["x"]
        log_i, grad_i = _log_tail_integral(params, prep["pair_x"], prep["pair_t"])
        log_ix, diff = log_i[prep["i_tx"]], log_i[prep["i_T"]] - log_i[prep["i_tx"]]
        died = diff < 0  # else t_x = T and the dying-in-between term is 0
        neg_expm1 = -np.expm1(np.where(died, diff, -1.0))
        l2 = np.where(died, np.log(s) + log_ix + np.log(neg_expm1), -np.inf)
        log_at, log_bt = np.log(alpha + prep["uT"]), np.log(beta + prep["uT"])
        l1 = -(r + x) * log_at[prep["iT"]] - s * log_bt[prep["iT"]]
        return {"l1": l1, "l2": l2, "diff": diff, "died": died, "neg_expm1": neg_expm1,
                "grad_i": grad_i, "log_at": log_at, "log_bt": log_bt}  # fmt: skip

    def _loglik(self, params: Array, prep: dict[str, Any], grad: bool) -> tuple[float, Array]:
        """Weighted log-likelihood and its gradient in (r, alpha, s, beta).

        ``L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [(alpha+T)^-(r+x) (beta+T)^-s + s J]`` with
        ``J = int_{t_x}^T (alpha+u)^-(r+x) (beta+u)^-(s+1) du = I(t_x) - I(T)`` (Fader & Hardie's
        note on the Pareto/NBD, eq. 2, written as an integral so that ``t_x = T`` gives 0).
        """
        r, alpha, s, beta = params
        ux, w_x, w, x = prep["ux"], prep["w_x"], prep["w"], prep["x"]
        total = w_x.sum()
        mix = self._mixture(params, prep)
        softplus, pi2 = _softplus_expit(mix["l2"] - mix["l1"])
        sep = gammaln(r + ux) - gammaln(r)
        ll = float(w_x @ sep) + total * (r * np.log(alpha) + s * np.log(beta))
        ll += dot(w, mix["l1"] + softplus)
        if not grad:
            return ll, np.empty(0)
        # alive-at-T branch: aggregate its weights per level of T
        n_t = prep["uT"].size
        w1 = w * (1.0 - pi2)
        w1_t, w1x_t = np.bincount(prep["iT"], w1, n_t), np.bincount(prep["iT"], w1 * x, n_t)
        inv_at, inv_bt = 1.0 / (alpha + prep["uT"]), 1.0 / (beta + prep["uT"])
        g = np.array(
            [
                w_x @ (digamma(r + ux) - digamma(r)) + total * np.log(alpha) - w1_t @ mix["log_at"],
                total * r / alpha - (r * w1_t + w1x_t) @ inv_at,
                total * np.log(beta) - w1_t @ mix["log_bt"],
                total * s / beta - s * (w1_t @ inv_bt),
            ]
        )
        # died-in-(t_x, T) branch: d log J = (g(t_x) - e^diff g(T)) / (1 - e^diff)
        w2 = np.where(mix["died"], w * pi2 / mix["neg_expm1"], 0.0)
        n_pairs = mix["grad_i"].shape[1]
        coef = np.bincount(prep["i_tx"], w2, n_pairs)
        coef -= np.bincount(prep["i_T"], w2 * np.exp(np.minimum(mix["diff"], 0.0)), n_pairs)
        g += np.einsum("ij,j->i", mix["grad_i"], coef)  # no BLAS threads
        g[2] += (w * pi2).sum() / s
        return ll, g

    # -- predictions ---------------------------------------------------------------------------
    def _probability_alive(self, cols: Mapping[str, Array]) -> Array:
        # `cols` are distinct rows already, so collapsing keeps them in order
        mix = self._mixture(self._params(), self._prepare(collapse(dict(cols))))
        return np.exp(mix["l1"] - np.logaddexp(mix["l1"], mix["l2"]))

    def _expected_many(self, ts: Array, cols: Mapping[str, Array]) -> Array:
        r, alpha, s, beta = self._params()
        x, big_t = cols["frequency"], cols["T"]
        big_l = np.log1p(ts[:, None] / (beta + big_t))
        rate = (r + x) / (alpha + big_t) * (beta + big_t) * big_l * exprel(-(s - 1) * big_l)
        return self._probability_alive(cols) * rate

    def expected_purchases_new_customer(self, t: float | Array) -> float | Array:
        """Expected number of repeat purchases of a new customer in their first ``t`` time units.

        Examples
        --------
        >>> model = ParetoNBD.from_params(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> round(float(model.expected_purchases_new_customer(39)), 3)
        1.213
        """
        r, alpha, s, beta = self._params()
        big_l = np.log1p(np.asarray(t, dtype=float) / beta)
        out = r / alpha * beta * big_l * exprel(-(s - 1) * big_l)
        return float(out) if np.ndim(out) == 0 else out

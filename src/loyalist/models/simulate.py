"""Simulate customers from the models, vectorised with numpy (for tests and benchmarks)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike


def _rfm(x: np.ndarray, tx: np.ndarray, t: np.ndarray, resolution: float | None) -> pd.DataFrame:
    if resolution:  # like order dates: the nearest whole unit (unbiased), never beyond T
        tx = np.minimum(np.round(tx / resolution) * resolution, t)
    return pd.DataFrame({"frequency": x.astype(np.float64), "recency": tx, "T": t})


def _horizon(n: int, T: ArrayLike) -> np.ndarray:
    t = np.broadcast_to(np.asarray(T, dtype=np.float64), (n,)).copy()
    if (t < 0).any():
        raise ValueError("T must be non-negative")
    return t


def simulate_bgnbd(
    n: int,
    r: float,
    alpha: float,
    a: float,
    b: float,
    T: ArrayLike,
    seed: int | None = None,
    resolution: float | None = None,
) -> pd.DataFrame:
    """Draw ``n`` customers from the BG/NBD model.

    Each customer buys at Poisson rate ``lambda ~ Gamma(r, rate=alpha)`` and after every repeat
    purchase drops out with probability ``p ~ Beta(a, b)``.

    Parameters
    ----------
    n : int
        Number of customers.
    r, alpha, a, b : float
        Model parameters.
    T : float or array_like
        Length of each customer's observation period (scalar or ``n`` values).
    seed : int, optional
        Random seed.
    resolution : float, optional
        Round recency to the nearest multiple of this (e.g. ``1/7`` for whole days in weeks),
        as order dates do; pass ``T`` on the same grid.

    Returns
    -------
    pandas.DataFrame
        Columns ``frequency``, ``recency``, ``T``.

    Examples
    --------
    >>> df = simulate_bgnbd(3, r=0.25, alpha=4.0, a=0.8, b=2.5, T=39.0, seed=0)
    >>> list(df.columns)
    ['frequency', 'recency', 'T']
    """
    rng = np.random.default_rng(seed)
    t = _horizon(n, T)
    lam = rng.gamma(r, 1.0 / alpha, n)
    p = rng.beta(a, b, n)
    events = rng.poisson(lam * t)  # purchases the customer would make if always alive
    last = rng.geometric(np.clip(p, 1e-300, 1.0))  # dies right after this repeat purchase
    x = np.minimum(events, last)
    tx = np.zeros(n)
    pos = x > 0
    # the x-th of `events` uniform purchase times on (0, T)
    tx[pos] = t[pos] * rng.beta(x[pos], events[pos] - x[pos] + 1)
    return _rfm(x, tx, t, resolution)


def simulate_paretonbd(
    n: int,
    r: float,
    alpha: float,
    s: float,
    beta: float,
    T: ArrayLike,
    seed: int | None = None,
    resolution: float | None = None,
) -> pd.DataFrame:
    """Draw ``n`` customers from the Pareto/NBD model.

    Purchases are Poisson with rate ``lambda ~ Gamma(r, rate=alpha)`` during an exponential
    lifetime with rate ``mu ~ Gamma(s, rate=beta)``. Parameters as in :func:`simulate_bgnbd`.

    Examples
    --------
    >>> df = simulate_paretonbd(3, r=0.55, alpha=10.6, s=0.6, beta=11.7, T=39.0, seed=0)
    >>> df.shape
    (3, 3)
    """
    rng = np.random.default_rng(seed)
    t = _horizon(n, T)
    lam = rng.gamma(r, 1.0 / alpha, n)
    mu = rng.gamma(s, 1.0 / beta, n)
    window = np.minimum(rng.exponential(1.0, n) / np.maximum(mu, 1e-300), t)
    x = rng.poisson(lam * window)
    tx = np.zeros(n)
    pos = x > 0
    tx[pos] = window[pos] * rng.beta(x[pos], 1.0)  # the last of x uniform purchase times
    return _rfm(x, tx, t, resolution)


def simulate_gammagamma(
    frequency: ArrayLike, p: float, q: float, gamma: float, seed: int | None = None
) -> pd.DataFrame:
    """Draw the average order value of customers with the given number of repeat purchases.

    Order values are Gamma(``p``, rate=``nu``) with ``nu ~ Gamma(q, rate=gamma)`` per customer;
    ``monetary_value`` is the mean of ``frequency`` orders (0 when ``frequency`` is 0).

    Examples
    --------
    >>> df = simulate_gammagamma([1, 3, 0], p=6.25, q=3.74, gamma=15.44, seed=0)
    >>> df["monetary_value"].iloc[2]
    np.float64(0.0)
    """
    rng = np.random.default_rng(seed)
    x = np.asarray(frequency, dtype=np.float64)
    nu = rng.gamma(q, 1.0 / gamma, x.size)
    pos = x > 0
    m = np.zeros(x.size)
    m[pos] = rng.gamma(p * x[pos], 1.0 / nu[pos]) / x[pos]
    return pd.DataFrame({"frequency": x, "monetary_value": m})


def simulate_sbg(
    n: int, alpha: float, beta: float, periods: int, seed: int | None = None
) -> np.ndarray:
    """Survivor counts of a cohort of ``n`` under the shifted-beta-geometric model.

    Returns ``periods + 1`` counts: the cohort size, then the number still active after each
    period.

    Examples
    --------
    >>> simulate_sbg(100, alpha=0.7, beta=1.2, periods=3, seed=0)[0]
    np.int64(100)
    """
    rng = np.random.default_rng(seed)
    theta = rng.beta(alpha, beta, n)
    lifetime = rng.geometric(np.clip(theta, 1e-300, 1.0))  # period in which the customer leaves
    return np.array([(lifetime > k).sum() for k in range(periods + 1)])

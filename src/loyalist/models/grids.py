"""What a fitted purchase model says about every frequency-recency pattern, for heat maps."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import gamma

from loyalist.models.bgnbd import BetaGeo
from loyalist.models.paretonbd import ParetoNBD


def frequency_recency_grid(
    model: BetaGeo | ParetoNBD,
    T: float,
    max_frequency: int | None = None,
    max_recency: float | None = None,
    horizon: float = 1.0,
    n_recency: int = 40,
) -> pd.DataFrame:
    """Probability alive and expected purchases for each frequency and recency, at one ``T``.

    Recency is meaningless without a repeat purchase: the frequency-0 row repeats the value
    of a customer who has not bought again (recency 0) across all recencies.

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        A fitted purchase model.
    T : float
        Age of the customers (time since their first purchase), in the model's time unit.
    max_frequency : int, optional
        Highest frequency shown. Default: the repeat purchases over ``T`` of a customer at the
        99th percentile of the model's purchase rates (at least 5).
    max_recency : float, optional
        Highest recency shown (default ``T``; at most ``T``).
    horizon : float, default 1
        Expected purchases over this many time units.
    n_recency : int, default 40
        Number of recency cells, centred in equal slices of ``[0, max_recency]``.

    Returns
    -------
    pandas.DataFrame
        One row per cell: ``frequency, recency, T, horizon, probability_alive,
        expected_purchases``.

    Examples
    --------
    >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> grid = frequency_recency_grid(model, T=38.86, max_frequency=10, n_recency=20)
    >>> grid.shape, grid.probability_alive.between(0, 1).all()
    ((220, 6), np.True_)
    """
    model._check_fitted()
    if not T > 0:
        raise ValueError("T must be positive")
    if max_frequency is None:
        rate = gamma.ppf(0.99, model.params_["r"], scale=1.0 / model.params_["alpha"])
        max_frequency = max(int(np.ceil(rate * T)), 5)
    max_recency = T if max_recency is None else min(float(max_recency), T)
    step = max_recency / n_recency
    recency = step * (np.arange(n_recency) + 0.5)
    frequency = np.arange(max_frequency + 1, dtype=np.float64)
    x, tx = (v.ravel() for v in np.meshgrid(frequency, recency, indexing="ij"))
    tx = np.where(x > 0, tx, 0.0)
    data = {"frequency": x, "recency": tx, "T": np.full(x.size, float(T))}
    return pd.DataFrame(
        {
            "frequency": x.astype(np.int64),
            "recency": np.tile(recency, frequency.size),
            "T": float(T),
            "horizon": float(horizon),
            "probability_alive": model.probability_alive(data),
            "expected_purchases": model.expected_purchases(horizon, data),
        }
    )

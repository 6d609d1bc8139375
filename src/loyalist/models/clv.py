"""Customer lifetime value from a purchase model and a spend model."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from loyalist.models.base import Array, as_output, collapse
from loyalist.models.bgnbd import BetaGeo
from loyalist.models.gammagamma import GammaGamma
from loyalist.models.paretonbd import ParetoNBD


def customer_lifetime_value(
    purchase_model: BetaGeo | ParetoNBD,
    spend_model: GammaGamma | float | ArrayLike,
    data: Any,
    horizon: float,
    discount_rate: float = 0.0,
    margin: float = 1.0,
    time_unit_per_year: float = 52.0,
    step: float | None = None,
) -> Array | pd.Series:
    """Expected discounted margin of each customer over the next ``horizon`` time units.

    The horizon is cut into sub-periods ending at ``t_i = min(i * step, horizon)``; the
    purchases expected in each, ``E[X(t_i)] - E[X(t_{i-1})]``, are valued at the customer's
    expected spend times ``margin`` and discounted at the annual ``discount_rate``::

        CLV = margin * spend * sum_i (E[X(t_i)] - E[X(t_{i-1})]) / (1 + d) ** (t_i / units_per_year)

    Parameters
    ----------
    purchase_model : BetaGeo or ParetoNBD
        A fitted purchase model.
    spend_model : GammaGamma, float or array_like
        A fitted spend model (``data`` then needs ``monetary_value``), one average order value for
        everyone, or one per customer.
    data : table
        One row per customer with ``frequency``, ``recency``, ``T`` (and ``monetary_value``).
    horizon : float
        How far ahead, in the models' time unit.
    discount_rate : float, default 0
        Annual discount rate (0.1 = 10 % a year).
    margin : float, default 1
        Share of revenue that is profit.
    time_unit_per_year : float, default 52
        Time units in a year (52 for weeks, 12 for months, 365 for days).
    step : float, optional
        Sub-period length in time units; default a month (``time_unit_per_year / 12``).

    Returns
    -------
    pandas.Series or ndarray
        One value per customer, aligned with a pandas input.

    Examples
    --------
    >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> data = {"frequency": [0, 2], "recency": [0.0, 30.43], "T": [38.86, 38.86]}
    >>> clv = customer_lifetime_value(model, 35.0, data, horizon=52, discount_rate=0.1)
    >>> np.round(clv, 2).tolist()
    [8.4, 52.0]
    """
    purchase_model._check_fitted()
    if horizon < 0 or not np.isfinite(horizon):
        raise ValueError("horizon must be a non-negative number of time units")
    if discount_rate <= -1:
        raise ValueError("discount_rate must be above -1 (it is an annual rate, e.g. 0.1)")
    cols, index = purchase_model._read(data)
    step = time_unit_per_year / 12.0 if step is None else float(step)
    if step <= 0:
        raise ValueError("step must be positive")
    n_steps = max(int(np.ceil(horizon / step - 1e-12)), 1)
    ends = np.minimum(step * np.arange(1, n_steps + 1), horizon)
    factors = (1.0 + discount_rate) ** (-ends / time_unit_per_year)
    distinct = collapse(cols)
    total = np.zeros(distinct.size)
    previous = np.zeros(distinct.size)
    for start in range(0, n_steps, 12):  # a year of months at a time bounds the memory
        curve = purchase_model._expected_many(ends[start : start + 12], distinct.columns)
        increments = np.diff(np.vstack([previous, curve]), axis=0)
        total += factors[start : start + 12] @ increments
        previous = curve[-1]
    purchases = total[distinct.inverse]
    if isinstance(spend_model, GammaGamma):
        spend = np.asarray(spend_model.expected_spend(data), dtype=float)
    else:
        spend = np.broadcast_to(np.asarray(spend_model, dtype=float), purchases.shape)
    return as_output(margin * spend * purchases, index, "clv")

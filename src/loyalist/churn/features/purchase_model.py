"""BG/NBD features as of a cut-off: P(alive), the purchases expected over the horizon and
the probability of no purchase at all over it.

A BG/NBD customer can only drop out right after a purchase, so one who is alive at ``T`` and
buys nothing over the next ``t`` stays alive; given alive, the purchase rate is
gamma(``r + x``, ``alpha + T``). Hence ``P(no purchase in t) = 1 - P(alive) (1 - ((alpha + T)
/ (alpha + T + t))^(r + x))``: the model's own answer to the churn question.

The BG/NBD model (:class:`~loyalist.models.BetaGeo`) is fitted on every customer's purchase
summary up to the cut-off (:func:`~loyalist.summary.customer_summary`, in days). As the
models do everywhere in loyalist, the engine groups customers into their distinct
``(frequency, recency, T)`` patterns, the model is fitted and scored on those patterns with
their counts as weights, and the scores are joined back to the customers in the engine: no
per-customer row leaves it.
"""

from __future__ import annotations

import warnings
from datetime import date
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from loyalist.models.base import ConvergenceError, ConvergenceWarning
from loyalist.models.bgnbd import BetaGeo
from loyalist.summary import customer_summary

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

COLUMNS = {
    "p_alive": "BG/NBD probability that the customer is still active",
    "expected_purchases": "BG/NBD expected repeat purchase days over the horizon",
    "p_no_purchase": "BG/NBD probability of no purchase over the horizon",
}
FILL: dict[str, object] = {}
_PATTERN = ["frequency", "recency", "T"]


def fit_purchase_model(patterns: pd.DataFrame) -> BetaGeo | None:
    """The BG/NBD fitted on distinct purchase patterns (``customers`` = their counts).

    ``None`` when it cannot be fitted (nobody bought on two different days yet).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> summary = customer_summary(base, calibration_end=date(1997, 9, 30), time_unit="D")
    >>> model = fit_purchase_model(patterns(summary))
    >>> round(model.params_["alpha"] / 7, 2)  # alpha in days / 7 = the published 4.41 weeks
    4.41
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return BetaGeo().fit(patterns[_PATTERN], weights=patterns["customers"])
    except (ValueError, ConvergenceError):
        return None


def purchase_model_features(base: CustomerBase, cutoff: date, horizon_days: int) -> ir.Table | None:
    """``customer_id, p_alive, expected_purchases, p_no_purchase`` for every customer who
    bought by ``cutoff``.

    ``None`` when the BG/NBD cannot be fitted; the features are then left out.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> scores = purchase_model_features(base, date(1997, 9, 30), 273).execute()
    >>> row = scores.set_index("customer_id").loc["00004"]  # x = 2, t_x = 30.43, T = 38.86 weeks
    >>> round(float(row.p_alive), 3), round(float(row.expected_purchases), 3)  # FHL (2005)
    (0.727, 1.226)
    """
    summary = customer_summary(base, calibration_end=cutoff, time_unit="D")
    distinct = patterns(summary)
    model = fit_purchase_model(distinct)
    if model is None:
        return None
    rows = distinct[_PATTERN]
    with np.errstate(all="ignore"):
        expected = model.expected_purchases(float(horizon_days), rows).to_numpy()
    p_alive = model.probability_alive(rows).to_numpy()
    scores = rows.assign(
        p_alive=p_alive,
        expected_purchases=np.where(np.isfinite(expected), expected, np.nan),
        p_no_purchase=no_purchase(model, rows, float(horizon_days), p_alive),
    )
    table = ibis.memtable(scores)
    joined = summary.inner_join(table, _PATTERN)
    return joined.select("customer_id", *COLUMNS)


def no_purchase(model: BetaGeo, rows: pd.DataFrame, t: float, p_alive: np.ndarray) -> np.ndarray:
    """The BG/NBD probability that each customer makes no purchase in the next ``t``.

    Examples
    --------
    >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> rows = pd.DataFrame({"frequency": [2], "recency": [30.43], "T": [38.86]})
    >>> # P(alive) 0.727; alive: (43.27 / 82.27)^2.243 = 0.237 -> 1 - 0.727 * 0.763
    >>> p_alive = model.probability_alive(rows).to_numpy()
    >>> round(float(no_purchase(model, rows, 39.0, p_alive)[0]), 3)
    0.445
    """
    r, alpha = model.params_["r"], model.params_["alpha"]
    x, big_t = rows["frequency"].to_numpy(float), rows["T"].to_numpy(float)
    silent_if_alive = np.exp((r + x) * (np.log(alpha + big_t) - np.log(alpha + big_t + t)))
    return 1.0 - p_alive * (1.0 - silent_if_alive)


def patterns(summary: ir.Table) -> pd.DataFrame:
    """The distinct ``(frequency, recency, T)`` rows of a summary, with ``customers`` counts.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> rows = patterns(customer_summary(base, calibration_end=date(1997, 9, 30)))
    >>> int(rows.customers.sum()), len(rows) < 2357
    (2357, True)
    """
    grouped = summary.group_by(_PATTERN).agg(customers=summary.count())
    return grouped.order_by(_PATTERN).execute()

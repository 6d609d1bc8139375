"""How the backtest trains: honestly out of time, or on other customers when history is short.

* ``honest`` (the default whenever the data allow it): training cut-offs ``E - H``,
  ``E - H - step``, ... so that every training label window ends on or before the
  evaluation cut-off ``E``; the model knows nothing that happened after ``E``;
* ``customer_split``: when the data are too short for that (CDNOW: orders from 1997-01-01,
  ``E`` = 1997-09-30 and ``H`` = 273 days leave no earlier window), the training cut-offs
  are ``E - step``, ``E - 2 step``, ... whose label windows overlap the evaluation window,
  and the customers are split in two by a hash of their id: the model learns from one part
  and is evaluated on the other, so no customer is in both.

``auto`` takes ``honest`` when its cut-offs give at least 500 training rows with 50 churned
and 50 retained, and says why when it falls back to ``customer_split``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from loyalist.churn.cutoff import ChurnError
from loyalist.churn.training import cutoffs_before, stacked_rows

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

Mode = Literal["auto", "honest", "customer_split"]
MODES = ("auto", "honest", "customer_split")
#: Honest training needs at least this many rows, and this many of each outcome.
MIN_ROWS, MIN_EACH = 500, 50
Split = Callable[[pd.DataFrame], np.ndarray]


@dataclass
class TrainingPlan:
    """The training rows, the mode they were drawn in and why, and the evaluation split."""

    rows: pd.DataFrame
    mode: str
    reason: str
    in_evaluation: Split | None = None


def training_plan(
    base: CustomerBase,
    end: date,
    horizon: int,
    mode: Mode,
    cutoffs: int,
    step_days: int,
    evaluation_share: float,
    max_rows: int,
    first: date,
    say: Callable[[str], None],
) -> TrainingPlan:
    """The training rows for an evaluation at ``end``, in the mode asked for or possible.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> plan = training_plan(base, date(1997, 9, 30), 273, "auto", 2, 30, 0.5, 10_000,
    ...                      date(1997, 1, 1), print)
    training features at 1997-08-31 (1 of 2)
    training features at 1997-08-01 (2 of 2)
    >>> plan.mode, plan.reason.startswith("honest training needs cut-offs on or before")
    ('customer_split', True)
    """
    if mode not in MODES:
        raise ChurnError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if not 0 < evaluation_share < 1:
        raise ChurnError(f"evaluation_share is a share between 0 and 1, not {evaluation_share}")
    reason = "asked for"
    if mode in ("auto", "honest"):
        days = cutoffs_before(end - timedelta(days=horizon), cutoffs, step_days, first)
        rows = stacked_rows(base, days, horizon, max_rows=max_rows, progress=say)
        problem = _too_little(rows, days, end, horizon, first)
        if problem is None:
            return TrainingPlan(rows, "honest", f"every training label window ends by {end}")
        if mode == "honest":
            raise ChurnError(f"{problem}; use mode customer_split (see loyalist.churn.backtest)")
        reason = problem
    days = cutoffs_before(end - timedelta(days=step_days), cutoffs, step_days, first)
    if not days:
        raise ChurnError(f"no training cut-off between the first order ({first}) and {end}")
    in_evaluation = customer_split(evaluation_share)
    rows = stacked_rows(
        base, days, horizon, keep=lambda r: r[~in_evaluation(r)], max_rows=max_rows, progress=say
    )
    reason += (
        f"; training label windows overlap the evaluation window, but the customers are "
        f"split by a hash of their id: {1 - evaluation_share:.0%} train, "
        f"{evaluation_share:.0%} are evaluated, none in both"
    )
    return TrainingPlan(rows, "customer_split", reason, in_evaluation)


def customer_split(share: float) -> Split:
    """Which rows' customers are kept for the evaluation: a ``share`` of them, by id hash.

    The same customer always falls on the same side, on every run and at every cut-off.

    Examples
    --------
    >>> rows = pd.DataFrame({"customer_id": [f"c{i}" for i in range(10_000)]})
    >>> round(float(customer_split(0.3)(rows).mean()), 2)
    0.3
    """

    def in_evaluation(rows: pd.DataFrame) -> np.ndarray:
        keys = pd.util.hash_array(rows.customer_id.astype(str).to_numpy(dtype=object))
        return (keys % np.uint64(10_000)) < np.uint64(round(share * 10_000))

    return in_evaluation


def _too_little(
    rows: pd.DataFrame, days: list[date], end: date, horizon: int, first: date
) -> str | None:
    """Why honest training is not possible, or None when it is."""
    latest = end - timedelta(days=horizon)
    if not days:
        return (
            f"honest training needs cut-offs on or before {latest} (their {horizon}-day label "
            f"windows must end by {end}), but the data start on {first}"
        )
    churned = int(rows.churned.sum()) if len(rows) else 0
    if len(rows) < MIN_ROWS or min(churned, len(rows) - churned) < MIN_EACH:
        return (
            f"the honest cut-offs ({days[-1]} to {days[0]}) give {len(rows):,} training rows "
            f"({churned:,} churned); at least {MIN_ROWS} with {MIN_EACH} of each outcome needed"
        )
    return None

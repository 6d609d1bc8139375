"""Training rows: the features and labels of several cut-offs, stacked.

A model learns from the past: at each training cut-off ``c`` every customer on the books
gives one row (features as of ``c``, label over ``(c, c + H]``). Cut-offs a ``step`` apart
are stacked, so the model sees more customers and more moments of their lives; a customer
on the books at several cut-offs appears once at each (the calibration folds keep a
customer's rows together). Cut-offs are added latest first until there are ``max_rows``
rows; beyond, a random sample of ``max_rows`` is kept (the same one on every run). A base of
a million customers thus trains on a sample of its latest cut-off, in bounded time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from loyalist.churn.cutoff import ChurnError
from loyalist.churn.features import churn_features

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

Progress = Callable[[str], None]
#: Rows kept for fitting at most (a sample beyond): ~20 s of fitting on two cores.
MAX_ROWS = 200_000


def cutoffs_before(last: date, count: int, step_days: int, first: date) -> list[date]:
    """``count`` cut-offs ``step_days`` apart, the latest ``last``, none before ``first``.

    Examples
    --------
    >>> cutoffs_before(date(2024, 4, 1), 3, 30, date(2024, 2, 1))
    [datetime.date(2024, 4, 1), datetime.date(2024, 3, 2)]
    """
    if count < 1 or step_days < 1:
        raise ChurnError(f"need at least one cut-off and a step of a day or more ({count=})")
    days = [last - timedelta(days=k * step_days) for k in range(count)]
    return [day for day in days if day > first]


def stacked_rows(
    base: CustomerBase,
    cutoffs: Sequence[date],
    horizon_days: int,
    keep: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    max_rows: int = MAX_ROWS,
    seed: int = 0,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Features and labels at each cut-off, one row per customer and cut-off.

    Parameters
    ----------
    base
        The customer base.
    cutoffs
        The training cut-offs, latest first (their label windows must lie inside the data).
    horizon_days
        The label horizon.
    keep
        Filters each cut-off's rows (e.g. to the customers of one side of a split).
    max_rows
        Keep a random sample of this many rows when there are more.
    seed
        Seed of that sample.
    progress
        Called with a short message before each cut-off.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`~loyalist.churn.features.churn_features` and ``cutoff``;
        ``attrs["cutoffs"]`` lists the cut-offs used.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> rows = stacked_rows(base, [date(1997, 6, 30), date(1997, 5, 31)], 273)
    >>> rows.groupby("cutoff").size().tolist()  # everyone bought in Q1 1997: all on the books
    [2357, 2357]
    """
    say = progress or (lambda message: None)
    parts: list[pd.DataFrame] = []
    for i, cutoff in enumerate(cutoffs, start=1):
        if sum(len(p) for p in parts) >= max_rows:
            break
        say(f"training features at {cutoff} ({i} of {len(cutoffs)})")
        rows = feature_rows(base, cutoff, horizon_days)
        rows = keep(rows) if keep is not None else rows
        parts.append(rows.assign(cutoff=cutoff))
    rows = pd.concat([p for p in parts if len(p)], ignore_index=True) if parts else pd.DataFrame()
    if len(rows) > max_rows:  # rows come in customer order: the sample is reproducible
        chosen = np.random.default_rng(seed).choice(len(rows), size=max_rows, replace=False)
        rows = rows.iloc[np.sort(chosen)].reset_index(drop=True)
    rows.attrs["cutoffs"] = [p.cutoff.iloc[0] for p in parts if len(p)]
    return rows


def feature_rows(base: CustomerBase, cutoff: date, horizon_days: int | None) -> pd.DataFrame:
    """:func:`~loyalist.churn.features.churn_features` executed, in ``customer_id`` order.

    Engines return rows in any order; a fixed order makes every fit reproducible.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> feature_rows(base, date(1997, 3, 31), None).customer_id.is_monotonic_increasing
    True
    """
    return churn_features(base, cutoff, horizon_days).order_by("customer_id").execute()

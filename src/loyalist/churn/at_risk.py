"""The at-risk list: who is about to leave, what it would cost, and why.

Every customer on the books at ``as_of`` (default: the last order day) is scored by a churn
model trained on earlier cut-offs (``as_of - H``, ``as_of - H - step``, ...: their label
windows end by ``as_of``, so the model learns only from what is known then). Each one's
**value at risk** is

    value_at_risk = P(churn within the horizon) x CLV over the next 52 weeks

where the CLV is loyalist's predicted lifetime value as of ``as_of`` (BG/NBD with
Gamma-Gamma, :func:`loyalist.models.chain.clv`: margin 30 %, 10 % a year discount): the
value the business expects from the customer over a year, which it loses if they leave. A
customer without a CLV (a subscriber who never ordered) has a value at risk of 0. The CLV
horizon is a year rather than the churn horizon: a customer who leaves takes their whole
future with them, not only the next 90 days. The list
is ranked by value at risk; for the customers listed it gives their three main reasons
(:mod:`loyalist.churn.reasons`), their loyalty-ladder rung and RFM segment, and their latest
NPS answer (a detractor answered 0-6).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from loyalist.churn.cutoff import ChurnError, as_date, check_horizon, data_span
from loyalist.churn.features import attach
from loyalist.churn.model import ChurnModel
from loyalist.churn.reasons import explain
from loyalist.churn.training import MAX_ROWS, cutoffs_before, feature_rows, stacked_rows

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: The columns of the at-risk list.
COLUMNS = (
    "customer_id", "p_churn", "clv", "value_at_risk", "reasons",
    "rung", "rfm_segment", "latest_nps", "detractor",
)  # fmt: skip
#: CLV horizon of the value at risk, in weeks.
CLV_WEEKS = 52.0


def at_risk(
    base: CustomerBase,
    top: int | None = 200,
    horizon_days: int = 90,
    as_of: date | str | None = None,
    cutoffs: int = 4,
    step_days: int = 30,
    clv_weeks: float = CLV_WEEKS,
    max_rows: int = MAX_ROWS,
    model: ChurnModel | None = None,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """The customers most worth keeping, ranked by value at risk, with their reasons.

    Parameters
    ----------
    base
        The customer base.
    top
        How many customers to list (None: every customer on the books).
    horizon_days
        P(churn) is the probability of no order (subscribers: no renewal) in this many days.
    as_of
        The day to score; default the last order day.
    cutoffs, step_days
        How many training cut-offs, how many days apart.
    clv_weeks
        Horizon of the CLV that is at risk.
    max_rows
        At most this many training rows (a fixed random sample beyond).
    model
        An unfitted :class:`~loyalist.churn.model.ChurnModel` (default settings if None).
    progress
        Called with a short message at every step.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`, highest value at risk first; ``attrs`` holds ``as_of``,
        ``horizon_days``, ``training_cutoffs`` and ``customers`` (how many were scored).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> listed = at_risk(base, top=3)
    >>> len(listed), bool(listed.value_at_risk.is_monotonic_decreasing)
    (3, True)
    """
    say = progress or (lambda message: None)
    horizon = check_horizon(horizon_days)
    if top is not None and top < 1:
        raise ChurnError(f"top is how many customers to list, at least 1 (or None), not {top}")
    first, last = data_span(base)
    day = as_of_day(as_of, first, last)
    days = cutoffs_before(day - timedelta(days=horizon), cutoffs, step_days, first)
    if not days:
        raise ChurnError(
            f"not enough history to learn from: training cut-offs must be on or before "
            f"{day - timedelta(days=horizon)} ({horizon} days before {day}), after the first "
            f"order ({first}); choose a later as_of or a shorter horizon"
        )
    training = stacked_rows(base, days, horizon, max_rows=max_rows, progress=say)
    if training.empty:
        raise ChurnError(f"nobody was on the books at the training cut-offs ({days[-1]} on)")
    say(f"fitting the model on {len(training):,} rows")
    fitted = (model or ChurnModel()).fit(training, training.churned)

    say(f"scoring the customers on the books at {day}")
    rows = feature_rows(base, day, horizon)
    if rows.empty:
        raise ChurnError(f"nobody is on the books at {day}: there is nobody to score")
    ranked = _value_at_risk(base, rows, fitted.churn_probability(rows), day, clv_weeks, say)
    listed = ranked if top is None else ranked.head(top)
    listed = rows.set_index("customer_id").loc[listed.customer_id].reset_index()
    say(f"explaining {len(listed):,} customers")
    table = ranked.head(len(listed)).reset_index(drop=True)
    table["reasons"] = explain(fitted, listed, day)
    table = table.merge(_segments(base, day, table.customer_id), on="customer_id", how="left")
    nps = listed.latest_nps if "latest_nps" in listed.columns else pd.Series(np.nan, listed.index)
    table["latest_nps"] = pd.to_numeric(nps, errors="coerce").to_numpy(np.float64)
    table["detractor"] = pd.array(
        [None if np.isnan(s) else bool(s <= 6) for s in table.latest_nps], dtype="boolean"
    )
    table = table[list(COLUMNS)]
    table.attrs.update(
        as_of=day,
        horizon_days=horizon,
        training_cutoffs=training.attrs["cutoffs"],
        customers=len(rows),
    )
    return table


def as_of_day(value: date | str | None, first: date, last: date) -> date:
    """The day to score: ``value``, or the last order day; an error outside the data.

    Examples
    --------
    >>> as_of_day(None, date(2024, 1, 1), date(2024, 6, 30))
    datetime.date(2024, 6, 30)
    """
    day = as_date(value, "as_of") or last
    if not first <= day <= last:
        raise ChurnError(f"as_of {day} is outside the orders ({first} to {last})")
    return day


def _value_at_risk(
    base: CustomerBase,
    rows: pd.DataFrame,
    p_churn: np.ndarray,
    day: date,
    weeks: float,
    say: Callable[[str], None],
) -> pd.DataFrame:
    """``customer_id, p_churn, clv, value_at_risk``, highest value at risk first."""
    from loyalist.models.chain import clv

    say("predicting lifetime values")
    with np.errstate(all="ignore"):
        result = clv(base, horizon=weeks, calibration_end=day, observation_end=day)
        values = result.customers
    table = pd.DataFrame({"customer_id": rows.customer_id.to_numpy(), "p_churn": p_churn})
    table = table.merge(values[["customer_id", "clv"]], on="customer_id", how="left")
    table["clv"] = table.clv.fillna(0.0)
    table["value_at_risk"] = table.p_churn * table.clv
    return table.sort_values(
        ["value_at_risk", "p_churn", "customer_id"],
        ascending=[False, False, True],
        ignore_index=True,
        kind="stable",
    )


def _segments(base: CustomerBase, day: date, ids: pd.Series) -> pd.DataFrame:
    """The ladder rung and RFM segment of the listed customers, as of ``day``."""
    from loyalist.segments.ladder import ladder_rungs
    from loyalist.segments.rfm import rfm_scores

    listed = ibis.memtable(
        pd.DataFrame({"customer_id": ids.astype(str).to_numpy()}),
        schema={"customer_id": "string"},
    )
    rungs = ladder_rungs(base, day).select("customer_id", "rung")
    rfm = rfm_scores(base, day).select("customer_id", "rfm_segment")
    return attach(attach(listed, rungs, {}), rfm, {}).execute()

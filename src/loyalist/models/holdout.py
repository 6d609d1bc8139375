"""Check a purchase model's forecast against the purchases that followed the calibration period.

Two views, as in Fader, Hardie & Lee (2005): the repeat purchases customers made in the holdout,
grouped by how many they had made in calibration (0, 1, ..., 7+), against the model's conditional
expectations; and the cumulative repeat purchases of the whole cohort over calibration and
holdout, against the model's expectation for customers who joined on the cohort's first-purchase
days (their Figure 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from loyalist.models.bgnbd import BetaGeo
from loyalist.models.paretonbd import ParetoNBD
from loyalist.summary import UNIT_DAYS, TimeUnit, purchase_days

if TYPE_CHECKING:
    from loyalist.base import CustomerBase


@dataclass(frozen=True)
class HoldoutResult:
    """Predicted against actual repeat purchases after the calibration end.

    Attributes
    ----------
    by_frequency : pandas.DataFrame
        One row per calibration frequency group (see :func:`compare_by_frequency`).
    tracking : pandas.DataFrame or None
        Cumulative repeat purchases per period (see :func:`cumulative_repeat_purchases`).
    total_actual, total_predicted : float
        Repeat purchases in the holdout, made and expected (sum of the conditional expectations).
    mean_absolute_error : float
        Mean over the frequency groups of ``|actual - predicted|`` repeat purchases per customer.
    calibration_end, observation_end : date or None
        The holdout is the days after ``calibration_end`` up to ``observation_end``.
    duration : float
        Holdout length in time units.
    """

    by_frequency: pd.DataFrame
    tracking: pd.DataFrame | None
    total_actual: float
    total_predicted: float
    mean_absolute_error: float
    calibration_end: date | None
    observation_end: date | None
    duration: float

    @property
    def relative_error(self) -> float:
        """``(predicted - actual) / actual`` over the whole holdout (negative: under-forecast)."""
        return self.total_predicted / self.total_actual - 1.0 if self.total_actual else np.nan


def daily_purchases(base: CustomerBase, calibration_end: date, observation_end: date) -> ir.Table:
    """Per local day: first purchases (``new_customers``) and ``repeat_purchases``, as Ibis.

    Only customers whose first purchase is on or before ``calibration_end`` count (the cohort
    the models know), up to ``observation_end``; a repeat purchase is a later purchase day.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> daily = daily_purchases(base, date(1997, 9, 30), date(1998, 6, 30)).execute()
    >>> int(daily.new_customers.sum()), int(daily.repeat_purchases.sum())
    (2357, 4339)
    """
    days = purchase_days(base)
    first = days.group_by("customer_id").agg(first=days.day.min())
    first = first.filter(first.first <= ibis.literal(calibration_end, type="date"))
    cohort = days.inner_join(first, "customer_id")
    cohort = cohort.filter(cohort.day <= ibis.literal(observation_end, type="date"))
    return cohort.group_by("day").agg(
        new_customers=ibis.ifelse(cohort.day == cohort.first, 1, 0).sum(),
        repeat_purchases=ibis.ifelse(cohort.day > cohort.first, 1, 0).sum(),
    )


def compare_by_frequency(
    summary: pd.DataFrame, model: BetaGeo | ParetoNBD, max_frequency: int = 7
) -> pd.DataFrame:
    """Holdout repeat purchases, actual and expected, by calibration frequency.

    Parameters
    ----------
    summary : pandas.DataFrame
        The calibration/holdout summary (``frequency, recency, T, frequency_holdout,
        duration_holdout``), as :func:`loyalist.summary.customer_summary` gives it.
    model : BetaGeo or ParetoNBD
        A purchase model fitted on the calibration columns.
    max_frequency : int, default 7
        Customers with this many calibration repeat purchases or more form one group.

    Returns
    -------
    pandas.DataFrame
        ``frequency`` (the group's lower bound), ``label`` ("0", ..., "7+"), ``customers``,
        ``actual`` and ``predicted`` (repeat purchases in the holdout, summed over the group),
        ``actual_per_customer`` and ``predicted_per_customer``. The groups add up to the totals.

    Examples
    --------
    >>> table = compare_by_frequency(summary, model)  # doctest: +SKIP
    >>> table.label.tolist()  # doctest: +SKIP
    ['0', '1', '2', '3', '4', '5', '6', '7+']
    """
    missing = {"frequency_holdout", "duration_holdout"} - set(summary.columns)
    if missing:
        raise ValueError(f"the summary has no holdout columns {sorted(missing)}: give an end")
    duration = float(summary["duration_holdout"].iloc[0]) if len(summary) else 0.0
    rfm = summary[["frequency", "recency", "T"]]
    predicted = np.asarray(model.expected_purchases(duration, rfm))
    group = np.minimum(summary["frequency"].to_numpy(np.int64), max_frequency)
    table = (
        pd.DataFrame(
            {
                "frequency": group,
                "actual": summary["frequency_holdout"].to_numpy(np.float64),
                "predicted": predicted,
            }
        )
        .groupby("frequency", sort=True)
        .agg(
            customers=("actual", "size"),
            actual=("actual", "sum"),
            predicted=("predicted", "sum"),
        )
        .reset_index()
    )
    labels = table.frequency.astype(str)
    table.insert(1, "label", labels.where(table.frequency < max_frequency, labels + "+"))
    table["actual_per_customer"] = table.actual / table.customers
    table["predicted_per_customer"] = table.predicted / table.customers
    return table


def cumulative_repeat_purchases(
    model: BetaGeo | ParetoNBD,
    daily: pd.DataFrame,
    calibration_end: date,
    observation_end: date,
    time_unit: TimeUnit = "W",
) -> pd.DataFrame:
    """Cumulative repeat purchases of the cohort per period, actual and expected.

    The expectation at the end of day ``c`` is ``sum_s n_s E[X(c - s)]``: the customers whose
    first purchase was on day ``s``, times the model's expected repeat purchases of a new
    customer over ``c - s`` (unconditional: calibration purchases do not enter it).

    Parameters
    ----------
    model : BetaGeo or ParetoNBD
        A fitted purchase model.
    daily : pandas.DataFrame
        ``day, new_customers, repeat_purchases`` from :func:`daily_purchases`.
    calibration_end, observation_end : date
        Periods are anchored on ``calibration_end``; the last one ends on ``observation_end``.
    time_unit : {"D", "W", "M", "Y"}, default "W"
        Period length, and the model's time unit.

    Returns
    -------
    pandas.DataFrame
        ``period_end`` (timestamp), ``calibration`` (period ends on or before the calibration
        end), cumulative ``actual`` and ``predicted``, and ``actual_in_period``,
        ``predicted_in_period``.

    Examples
    --------
    >>> start, end = date(1997, 9, 30), date(1998, 6, 30)
    >>> daily = daily_purchases(base, start, end).execute()  # doctest: +SKIP
    >>> cumulative_repeat_purchases(model, daily, start, end).tail(1)  # doctest: +SKIP
    """
    unit = UNIT_DAYS[time_unit]
    day = pd.to_datetime(daily["day"]).dt.date
    start = min(day[daily["new_customers"] > 0])
    offset = np.array([(d - start).days for d in day])
    n_days = (observation_end - start).days + 1
    keep = (offset >= 0) & (offset < n_days)
    joined = np.bincount(offset[keep], daily["new_customers"].to_numpy(float)[keep], n_days)
    bought = np.bincount(offset[keep], daily["repeat_purchases"].to_numpy(float)[keep], n_days)
    per_customer = np.asarray(model.expected_purchases_new_customer(np.arange(n_days) / unit))
    predicted = np.convolve(joined, per_customer)[:n_days]
    actual = np.cumsum(bought)
    back, ahead = (calibration_end - start).days, (observation_end - calibration_end).days
    steps = np.arange(-np.floor(back / unit), np.floor(ahead / unit) + 1)
    ends = np.unique(np.append(np.round(steps * unit) + back, n_days - 1).astype(np.int64))
    ends = ends[(ends >= 0) & (ends < n_days)]
    table = pd.DataFrame(
        {
            "period_end": pd.to_datetime([start + timedelta(days=int(e)) for e in ends]),
            "calibration": ends <= back,
            "actual": actual[ends],
            "predicted": predicted[ends],
        }
    )
    table["actual_in_period"] = table.actual.diff().fillna(table.actual)
    table["predicted_in_period"] = table.predicted.diff().fillna(table.predicted)
    return table


def evaluate_holdout(
    summary: pd.DataFrame,
    model: BetaGeo | ParetoNBD,
    calibration_end: date | None = None,
    observation_end: date | None = None,
    time_unit: TimeUnit = "W",
    daily: pd.DataFrame | None = None,
    max_frequency: int = 7,
) -> HoldoutResult:
    """Predicted against actual holdout repeat purchases: by frequency, in total, over time.

    Parameters
    ----------
    summary : pandas.DataFrame
        The calibration/holdout summary (with ``frequency_holdout`` and ``duration_holdout``).
    model : BetaGeo or ParetoNBD
        A purchase model fitted on the calibration columns.
    calibration_end, observation_end : date, optional
        The holdout's bounds (needed for the tracking curve).
    time_unit : {"D", "W", "M", "Y"}, default "W"
        The summary's time unit.
    daily : pandas.DataFrame, optional
        :func:`daily_purchases` executed; without it there is no tracking curve.
    max_frequency : int, default 7
        Highest calibration frequency group (it holds the customers with more too).

    Returns
    -------
    HoldoutResult

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> from loyalist.summary import customer_summary
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> summary = customer_summary(base, date(1997, 9, 30), date(1998, 6, 30)).execute()
    >>> check = evaluate_holdout(summary, BetaGeo().fit(summary))
    >>> check.total_actual, round(check.total_predicted)
    (1882.0, 1653)
    """
    table = compare_by_frequency(summary, model, max_frequency)
    tracking = None
    if daily is not None and calibration_end is not None and observation_end is not None:
        tracking = cumulative_repeat_purchases(
            model, daily, calibration_end, observation_end, time_unit
        )
    error = (table.actual_per_customer - table.predicted_per_customer).abs().mean()
    return HoldoutResult(
        by_frequency=table,
        tracking=tracking,
        total_actual=float(table.actual.sum()),
        total_predicted=float(table.predicted.sum()),
        mean_absolute_error=float(error),
        calibration_end=calibration_end,
        observation_end=observation_end,
        duration=float(summary["duration_holdout"].iloc[0]) if len(summary) else 0.0,
    )

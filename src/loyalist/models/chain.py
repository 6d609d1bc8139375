"""Customer lifetime value end to end: engine summary, purchase and spend models, scores.

:func:`clv` asks the engine for each customer's ``frequency``, ``recency``, ``T`` and
``monetary_value`` (see :mod:`loyalist.summary`), fits a purchase model (BG/NBD or Pareto/NBD)
and the Gamma-Gamma spend model on them, and scores every customer. With a ``calibration_end``
before the end of the data, the later purchases check the forecast (:mod:`loyalist.models.holdout`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from loyalist.dates import as_date
from loyalist.errors import LoyalistError
from loyalist.models.base import ConvergenceError
from loyalist.models.bgnbd import BetaGeo
from loyalist.models.clv import customer_lifetime_value
from loyalist.models.gammagamma import GammaGamma
from loyalist.models.holdout import HoldoutResult, daily_purchases, evaluate_holdout
from loyalist.models.paretonbd import ParetoNBD
from loyalist.summary import UNIT_DAYS, TimeUnit, customer_summary, order_span

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

ModelName = Literal["bgnbd", "pnbd"]
#: Purchase models by name, and how reports call them.
PURCHASE_MODELS: dict[str, type[BetaGeo] | type[ParetoNBD]] = {"bgnbd": BetaGeo, "pnbd": ParetoNBD}
MODEL_LABELS = {"bgnbd": "BG/NBD", "pnbd": "Pareto/NBD"}
#: The columns of :attr:`ClvResult.customers`.
COLUMNS = (
    "customer_id", "frequency", "recency", "T", "monetary_value",
    "probability_alive", "expected_purchases", "expected_spend", "clv",
)  # fmt: skip


class ClvError(LoyalistError, ValueError):
    """The data or the settings do not allow a lifetime value (no repeat buyers, bad dates)."""


@dataclass(frozen=True)
class ClvSettings:
    """How a :class:`ClvResult` was computed.

    ``calibration_end`` is the last day the models saw (predictions start the day after);
    ``observation_end`` the last day of the holdout, ``None`` without one. Both are ``None``
    for results of :func:`clv_from_summary`, which sees no dates.
    """

    model: ModelName = "bgnbd"
    horizon: float = 52.0
    time_unit: TimeUnit = "W"
    discount_rate: float = 0.1
    margin: float = 0.3
    calibration_end: date | None = None
    observation_end: date | None = None

    def __post_init__(self) -> None:
        problems = [
            (self.model not in PURCHASE_MODELS,
             f"model must be {' or '.join(PURCHASE_MODELS)}, not {self.model!r}"),
            (self.time_unit not in UNIT_DAYS,
             f"time_unit must be one of {', '.join(UNIT_DAYS)}, not {self.time_unit!r}"),
            (not (np.isfinite(self.horizon) and self.horizon >= 0),
             f"horizon must be a non-negative number of time units, not {self.horizon}"),
            (not (np.isfinite(self.discount_rate) and self.discount_rate > -1),
             f"discount_rate is an annual rate above -1 (0.1 = 10 %), not {self.discount_rate}"),
            (not 0 <= self.margin <= 1,
             f"margin is the share of revenue kept, between 0 and 1, not {self.margin}"),
        ]  # fmt: skip
        wrong = [message for bad, message in problems if bad]
        if wrong:
            raise ClvError("; ".join(wrong))

    @property
    def units_per_year(self) -> float:
        """Time units in a year (52.18 weeks, 12 months, 365.25 days)."""
        return 365.25 / UNIT_DAYS[self.time_unit]


@dataclass(repr=False)
class ClvResult:
    """Per-customer lifetime values and the fitted models behind them.

    Attributes
    ----------
    customers : pandas.DataFrame
        One row per customer, highest ``clv`` first (ties in input order, which :func:`clv`
        makes ``customer_id`` order): ``customer_id, frequency, recency, T,
        monetary_value`` (as of ``settings.calibration_end``), ``probability_alive``,
        ``expected_purchases`` over the horizon, ``expected_spend`` per purchase and ``clv``.
    purchase_model : BetaGeo or ParetoNBD
    spend_model : GammaGamma
    holdout : HoldoutResult or None
        The forecast checked against the purchases after ``calibration_end``.
    settings : ClvSettings
    """

    customers: pd.DataFrame
    purchase_model: BetaGeo | ParetoNBD
    spend_model: GammaGamma
    holdout: HoldoutResult | None
    settings: ClvSettings

    def __repr__(self) -> str:
        s, n = self.settings, len(self.customers)
        check = f", holdout {self.holdout.relative_error:+.1%}" if self.holdout else ""
        return (
            f"ClvResult({MODEL_LABELS[s.model]}, {n:,} customers as of {s.calibration_end}, "
            f"CLV {self.customers.clv.sum():,.0f} over {s.horizon:g} {s.time_unit}{check})"
        )

    @property
    def totals(self) -> dict[str, float]:
        """Customers, expected purchases, expected revenue (undiscounted) and CLV, summed.

        Examples
        --------
        >>> result.totals["clv"]  # doctest: +SKIP
        118215.6
        """
        c = self.customers
        return {
            "customers": float(len(c)),
            "expected_purchases": float(c.expected_purchases.sum()),
            "expected_revenue": float((c.expected_purchases * c.expected_spend).sum()),
            "clv": float(c.clv.sum()),
        }


def clv(
    base: CustomerBase,
    model: ModelName = "bgnbd",
    horizon: float = 52,
    time_unit: TimeUnit = "W",
    discount_rate: float = 0.1,
    margin: float = 0.3,
    calibration_end: date | str | None = None,
    observation_end: date | str | None = None,
) -> ClvResult:
    """Fit the purchase and spend models on a customer base and value every customer.

    ``CLV = margin * expected spend * sum over months of the expected purchases in the month,
    discounted at (1 + discount_rate) ** -(years from now)`` (see
    :func:`~loyalist.models.clv.customer_lifetime_value`).

    Parameters
    ----------
    base : CustomerBase
        Needs the ``orders`` table (completed orders; same-day orders count as one purchase).
    model : {"bgnbd", "pnbd"}, default "bgnbd"
        The purchase model: BG/NBD (Fader, Hardie & Lee 2005) or Pareto/NBD.
    horizon : float, default 52
        How far ahead to value, in ``time_unit``.
    time_unit : {"D", "W", "M", "Y"}, default "W"
        The models' time unit.
    discount_rate : float, default 0.1
        **Annual** discount rate (0.1 = 10 % a year), whatever the time unit.
    margin : float, default 0.3
        Share of revenue that is profit, between 0 and 1.
    calibration_end : date or str, optional
        Last day the models see. Default: ``observation_end``, or else the last order day.
        Days after the last order and up to it count as days without purchases.
    observation_end : date or str, optional
        Last day of the data. With a ``calibration_end`` before it, the purchases in between
        check the forecast (``holdout``); default the last order day.

    Returns
    -------
    ClvResult

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import cdnow_config, load_cdnow
    >>> base = CustomerBase.from_frames(config=cdnow_config(), orders=load_cdnow(sample=True))
    >>> result = clv(base, horizon=39, calibration_end="1997-09-30")
    >>> round(result.purchase_model.params_["r"], 3), result.holdout.total_actual
    (0.243, 1882.0)
    """
    settings = ClvSettings(model, float(horizon), time_unit, discount_rate, margin)  # checks them
    calibration_end = as_date(calibration_end, "calibration_end", ClvError)
    observation_end = as_date(observation_end, "observation_end", ClvError)
    fit_end, holdout_end = _resolve_dates(*_data_span(base), calibration_end, observation_end)
    settings = replace(settings, calibration_end=fit_end, observation_end=holdout_end)
    # in a fixed order: the fits do not depend on the order in which the engine returns rows
    summary = customer_summary(base, fit_end, holdout_end, time_unit).order_by("customer_id")
    summary = summary.execute()
    result = clv_from_summary(summary, settings)
    if holdout_end is not None:
        daily = daily_purchases(base, fit_end, holdout_end).execute()
        result.holdout = evaluate_holdout(
            summary, result.purchase_model, fit_end, holdout_end, time_unit, daily
        )
    return result


def clv_from_summary(summary: pd.DataFrame, settings: ClvSettings | None = None) -> ClvResult:
    """Fit and score on a ready per-customer summary (the engine step of :func:`clv` skipped).

    Parameters
    ----------
    summary : pandas.DataFrame
        ``customer_id`` (column or index), ``frequency``, ``recency``, ``T``, ``monetary_value``
        in ``settings.time_unit``.
    settings : ClvSettings, optional
        Model, horizon, time unit, discount rate and margin (default ``ClvSettings()``).

    Returns
    -------
    ClvResult
        Without a holdout.

    Examples
    --------
    >>> from loyalist.models.simulate import simulate_bgnbd, simulate_gammagamma
    >>> summary = simulate_bgnbd(1000, r=0.25, alpha=4.0, a=0.8, b=2.5, T=39.0, seed=0)
    >>> spend = simulate_gammagamma(summary.frequency, p=6.0, q=4.0, gamma=15.0, seed=0)
    >>> summary["monetary_value"] = spend.monetary_value.to_numpy()
    >>> clv_from_summary(summary).customers.shape
    (1000, 9)
    """
    settings = settings or ClvSettings()
    if "customer_id" not in summary.columns:
        summary = summary.rename_axis("customer_id").reset_index()
    if len(summary) == 0:
        raise ClvError("no customer has a completed order before the calibration end")
    data = {c: summary[c].to_numpy(np.float64) for c in COLUMNS[1:5]}
    # parallel sums in the engine differ in the last bits from run to run: a millionth of the
    # currency unit keeps the distinct rows, hence the fits, the same on every run
    data["monetary_value"] = np.round(data["monetary_value"], 6)
    x, m = data["frequency"], data["monetary_value"]
    if not (x > 0).any():
        raise ClvError(
            "no customer has a repeat purchase (orders on two different days) before the "
            "calibration end: the purchase model cannot be fitted; choose a later calibration end"
        )
    label = MODEL_LABELS[settings.model]
    try:
        purchase_model = PURCHASE_MODELS[settings.model]().fit(data)
        paid = (x > 0) & (m > 0)  # customers whose repeat purchases were all free say nothing
        spend_model = GammaGamma().fit({"frequency": x[paid], "monetary_value": m[paid]})
    except (ValueError, ConvergenceError) as exc:
        raise ClvError(f"cannot fit the {label} and Gamma-Gamma models: {exc}") from exc
    if spend_model.params_["q"] <= 1:
        raise ClvError("the Gamma-Gamma fit has q <= 1: spend per purchase has no finite mean")
    # for repeat purchases worth nothing, the Gamma-Gamma expectation at its limit m -> 0
    free = np.where((x > 0) & (m <= 0), np.finfo(float).tiny, m)
    spend = np.asarray(spend_model.expected_spend({"frequency": x, "monetary_value": free}))
    values = customer_lifetime_value(
        purchase_model,
        spend,
        data,
        settings.horizon,
        settings.discount_rate,
        settings.margin,
        settings.units_per_year,
    )
    customers = pd.DataFrame({"customer_id": summary["customer_id"].to_numpy(), **data})
    customers["frequency"] = customers["frequency"].astype(np.int64)
    customers["probability_alive"] = purchase_model.probability_alive(data)
    customers["expected_purchases"] = purchase_model.expected_purchases(settings.horizon, data)
    customers["expected_spend"] = spend
    customers["clv"] = values
    customers = customers.sort_values("clv", ascending=False, kind="stable", ignore_index=True)
    return ClvResult(customers, purchase_model, spend_model, None, settings)


def _data_span(base: CustomerBase) -> tuple[date, date]:
    """First and last local day with a completed order."""
    span = order_span(base)
    if span is None:
        raise ClvError("the orders table has no completed order: there is nothing to value")
    return span


def _resolve_dates(
    first: date, last: date, calibration_end: date | None, observation_end: date | None
) -> tuple[date, date | None]:
    """The last day the models see and the last day of the holdout (``None``: no holdout)."""
    if observation_end is not None and observation_end < first:
        raise ClvError(f"observation end {observation_end} is before the first order ({first})")
    if calibration_end is None:
        return observation_end or last, None
    if calibration_end < first:
        raise ClvError(
            f"calibration end {calibration_end} is before the first order ({first}): "
            "the models would see no customer"
        )
    if observation_end is not None and observation_end < calibration_end:
        raise ClvError(
            f"observation end {observation_end} is before calibration end {calibration_end}"
        )
    end = observation_end or last
    return calibration_end, end if end > calibration_end else None

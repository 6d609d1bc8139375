"""Out-of-time backtest: train on the past, predict who churned after an evaluation cut-off.

The evaluation cut-off ``E`` defaults to the latest day whose whole horizon lies inside the
data (the last order day minus ``H``). Every customer on the books at ``E`` is scored, and
the scores are checked against what each one did in ``(E, E + H]``. Two baselines are scored
on the same rows: **recency** alone (days since the last order) and the **BG/NBD**
(1 - P(alive), the model fitted on the orders up to ``E``).

How the model is trained (``honest`` whenever the data allow it, else ``customer_split``)
is chosen and recorded by :mod:`loyalist.churn.training_modes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from loyalist.churn.cutoff import ChurnError, as_date, check_horizon, data_span
from loyalist.churn.evaluation import evaluate, lift_points, roc_points
from loyalist.churn.model import ChurnModel
from loyalist.churn.training import MAX_ROWS, feature_rows
from loyalist.churn.training_modes import Mode, training_plan

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: The scores compared, in the order reported.
MODELS = ("gradient_boosting", "recency", "bgnbd_p_alive", "bgnbd_no_purchase")
#: The scores that are probabilities of churn (they get a Brier score).
PROBABILITIES = frozenset({"gradient_boosting", "bgnbd_p_alive", "bgnbd_no_purchase"})


@dataclass(repr=False)
class Backtest:
    """The result of :func:`backtest`.

    Attributes
    ----------
    table : pandas.DataFrame
        ``model, roc_auc, pr_auc, brier, lift_top10, n, churn_share``: one row each for
        ``gradient_boosting`` and the baselines ``recency`` (days since the last order),
        ``bgnbd_p_alive`` (1 - P(alive)) and ``bgnbd_no_purchase`` (the BG/NBD probability of
        no purchase over the horizon).
    scores : pandas.DataFrame
        The evaluation rows: ``customer_id, churned`` and each model's score.
    roc, lift : pandas.DataFrame
        The curves (see :func:`~loyalist.churn.evaluation.roc_points` and
        :func:`~loyalist.churn.evaluation.lift_points`).
    mode, mode_reason : str
        ``honest`` or ``customer_split``, and why.
    evaluate_at : date
    horizon_days : int
    training_cutoffs : list of date
    training_rows : int
    training_customers : pandas.Index
        The customers the model learned from (in ``customer_split`` mode, none of them is
        among the evaluated customers).
    model : ChurnModel
        The fitted model.
    """

    table: pd.DataFrame
    scores: pd.DataFrame
    roc: pd.DataFrame
    lift: pd.DataFrame
    mode: str
    mode_reason: str
    evaluate_at: date
    horizon_days: int
    training_cutoffs: list[date] = field(default_factory=list)
    training_rows: int = 0
    training_customers: pd.Index = field(default_factory=lambda: pd.Index([]))
    model: ChurnModel | None = None

    def __repr__(self) -> str:
        auc = self.table.set_index("model").roc_auc.round(3).to_dict()
        return (
            f"Backtest({self.mode}, evaluated at {self.evaluate_at} over {self.horizon_days} "
            f"days, {len(self.scores):,} customers, ROC-AUC {auc})"
        )

    @property
    def beats_baselines(self) -> bool:
        """True when the model's ROC-AUC is above every baseline's.

        Examples
        --------
        >>> auc = pd.DataFrame({"model": list(MODELS), "roc_auc": [0.81, 0.74, 0.62, 0.79]})
        >>> empty = pd.DataFrame()
        >>> Backtest(auc, empty, empty, empty, "honest", "", date(2024, 1, 1), 90).beats_baselines
        True
        """
        auc = self.table.set_index("model").roc_auc
        return bool(auc["gradient_boosting"] > auc.drop("gradient_boosting").max())


def backtest(
    base: CustomerBase,
    horizon_days: int = 90,
    evaluate_at: date | str | None = None,
    mode: Mode = "auto",
    cutoffs: int = 4,
    step_days: int = 30,
    evaluation_share: float = 0.5,
    max_rows: int = MAX_ROWS,
    model: ChurnModel | None = None,
    progress: Callable[[str], None] | None = None,
) -> Backtest:
    """Train the churn model on earlier cut-offs and score it at ``evaluate_at``.

    Parameters
    ----------
    base
        The customer base.
    horizon_days
        Churned = no completed order (subscribers: no renewal) in this many days.
    evaluate_at
        The evaluation cut-off ``E``; default the last order day minus the horizon.
    mode
        ``auto``, ``honest`` or ``customer_split`` (see :mod:`loyalist.churn.training_modes`).
    cutoffs, step_days
        How many training cut-offs, how many days apart.
    evaluation_share
        In ``customer_split`` mode, the share of customers kept for the evaluation.
    max_rows
        At most this many training rows (a fixed random sample beyond).
    model
        An unfitted :class:`~loyalist.churn.model.ChurnModel` (default settings if None).
    progress
        Called with a short message at every step.

    Returns
    -------
    Backtest

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> result = backtest(base, horizon_days=273, evaluate_at="1997-09-30")
    >>> result.mode, result.table.model.tolist()
    ('customer_split', ['gradient_boosting', 'recency', 'bgnbd_p_alive', 'bgnbd_no_purchase'])
    """
    say = progress or (lambda message: None)
    horizon = check_horizon(horizon_days)
    first, last = data_span(base)
    end = as_date(evaluate_at, "evaluate_at") or last - timedelta(days=horizon)
    _check_evaluation_day(end, horizon, first, last)

    plan = training_plan(
        base, end, horizon, mode, cutoffs, step_days, evaluation_share, max_rows, first, say
    )
    training = plan.rows
    say(f"fitting the model on {len(training):,} rows")
    fitted = (model or ChurnModel()).fit(training, training.churned)

    say(f"scoring the customers on the books at {end}")
    rows = feature_rows(base, end, horizon)
    if plan.in_evaluation is not None:
        rows = rows[plan.in_evaluation(rows)].reset_index(drop=True)
    scores = _scores(rows, fitted)
    names = [m for m in MODELS if m in scores.columns]
    given = {name: scores[name] for name in names}
    return Backtest(
        table=evaluate(scores.churned, given, probabilities=PROBABILITIES),
        scores=scores,
        roc=roc_points(scores.churned, given),
        lift=lift_points(scores.churned, given),
        mode=plan.mode,
        mode_reason=plan.reason,
        evaluate_at=end,
        horizon_days=horizon,
        training_cutoffs=training.attrs["cutoffs"],
        training_rows=len(training),
        training_customers=pd.Index(training.customer_id.unique(), name="customer_id"),
        model=fitted,
    )


def _check_evaluation_day(end: date, horizon: int, first: date, last: date) -> None:
    if end + timedelta(days=horizon) > last:
        raise ChurnError(
            f"the {horizon}-day window after {end} runs past the last order ({last}): "
            f"evaluate at {last - timedelta(days=horizon)} or earlier, or shorten the horizon"
        )
    if end <= first:
        raise ChurnError(f"evaluate_at {end} is not after the first order ({first})")


def _scores(rows: pd.DataFrame, model: ChurnModel) -> pd.DataFrame:
    """Each model's score of the evaluation rows (higher = more likely to churn).

    A baseline that cannot score a customer (no order, hence no recency or P(alive): a
    subscriber who never ordered) gives them its mean score, neither high nor low.
    """
    out = pd.DataFrame({"customer_id": rows.customer_id, "churned": rows.churned.astype(bool)})
    out["gradient_boosting"] = model.churn_probability(rows)
    recency = pd.to_numeric(rows.recency_days, errors="coerce").astype(float)
    out["recency"] = recency.fillna(recency.mean())
    if "p_alive" in rows.columns:
        dead = 1.0 - pd.to_numeric(rows.p_alive, errors="coerce").astype(float)
        out["bgnbd_p_alive"] = dead.fillna(dead.mean())
    if "p_no_purchase" in rows.columns:
        silent = pd.to_numeric(rows.p_no_purchase, errors="coerce").astype(float)
        out["bgnbd_no_purchase"] = silent.fillna(silent.mean())
    return out

"""How well scores pick out the customers who churned: ROC-AUC, PR-AUC, Brier, lift.

All four are computed on the same rows for every model, so baselines compare fairly:

* **ROC-AUC**: the chance that a random churner scores above a random stayer (0.5 = guess);
* **PR-AUC** (average precision): precision averaged over the churners as they are found;
  a guess scores the churn share;
* **Brier score**: mean squared error of a probability (lower is better), only for scores
  that are probabilities;
* **lift in the top 10 %**: the churn share among the tenth of customers with the highest
  scores, divided by the churn share of everyone (1 = no better than chance). Customers
  tied at the boundary count at their average churn share, so ties cannot flatter a score.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score, roc_curve

Array = NDArray[np.float64]
#: The columns of a results table.
COLUMNS = ("model", "roc_auc", "pr_auc", "brier", "lift_top10", "n", "churn_share")


def captured(churned: ArrayLike, score: ArrayLike, targeted: ArrayLike) -> Array:
    """Expected churners among the ``targeted`` highest scores (ties shared evenly).

    Examples
    --------
    >>> # scores 0.9 0.5 0.5 0.1: the top 2 take the 0.9 and half of the two tied rows
    >>> captured([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.1], [1, 2, 4]).tolist()
    [1.0, 1.5, 2.0]
    """
    y = np.asarray(churned, dtype=np.float64)
    s = np.asarray(score, dtype=np.float64)
    k = np.asarray(targeted, dtype=np.intp)
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    cum = np.concatenate([[0.0], np.cumsum(y)])
    new_group = np.concatenate([[True], s[1:] != s[:-1]])
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(s.size), 0))
    group_end = np.append(np.flatnonzero(new_group)[1:], s.size)[np.cumsum(new_group) - 1]
    first, last = group_start[k - 1], group_end[k - 1]
    share = (cum[last] - cum[first]) / (last - first)
    return cum[first] + (k - first) * share


def lift_at(churned: ArrayLike, score: ArrayLike, share: float = 0.1) -> float:
    """Churn share among the ``share`` of customers scored highest, over the churn share.

    Examples
    --------
    >>> # 10 customers, 3 churners; the top tenth (one customer) is a churner: 1 / 0.3
    >>> round(lift_at([1, 0, 1, 0, 0, 1, 0, 0, 0, 0], range(10, 0, -1)), 3)
    3.333
    """
    y = np.asarray(churned, dtype=np.float64)
    k = max(1, round(share * y.size))
    return float(captured(y, score, [k])[0] / k / y.mean())


def evaluate(
    churned: ArrayLike,
    scores: Mapping[str, ArrayLike],
    probabilities: Collection[str] = (),
) -> pd.DataFrame:
    """One row per score: ``model, roc_auc, pr_auc, brier, lift_top10, n, churn_share``.

    ``brier`` is given only for the scores named in ``probabilities`` (else NaN).

    Examples
    --------
    >>> y = [1, 1, 0, 0]
    >>> table = evaluate(y, {"perfect": [0.9, 0.8, 0.2, 0.1]}, probabilities={"perfect"})
    >>> table.loc[0, ["roc_auc", "pr_auc", "brier"]].round(4).tolist()  # (.01+.04+.04+.01)/4
    [1.0, 1.0, 0.025]
    """
    y = np.asarray(churned, dtype=np.int8)
    if y.min(initial=1) == y.max(initial=0):
        from loyalist.churn.cutoff import ChurnError

        raise ChurnError("the evaluation rows are all churned or all retained: nothing to rank")
    rows = []
    for name, values in scores.items():
        s = np.asarray(values, dtype=np.float64)
        rows.append(
            {
                "model": name,
                "roc_auc": float(roc_auc_score(y, s)),
                "pr_auc": float(average_precision_score(y, s)),
                "brier": float(brier_score_loss(y, s)) if name in probabilities else np.nan,
                "lift_top10": lift_at(y, s, 0.1),
                "n": int(y.size),
                "churn_share": float(y.mean()),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def roc_points(churned: ArrayLike, scores: Mapping[str, ArrayLike]) -> pd.DataFrame:
    """The ROC curve of each score: ``model, false_positive_rate, true_positive_rate``.

    Examples
    --------
    >>> roc_points([1, 0], {"m": [0.9, 0.1]}).true_positive_rate.tolist()
    [0.0, 1.0, 1.0]
    """
    parts = []
    for name, values in scores.items():
        fpr, tpr, _ = roc_curve(np.asarray(churned, dtype=np.int8), np.asarray(values, float))
        parts.append(
            pd.DataFrame({"model": name, "false_positive_rate": fpr, "true_positive_rate": tpr})
        )
    return pd.concat(parts, ignore_index=True)


def lift_points(
    churned: ArrayLike, scores: Mapping[str, ArrayLike], steps: int = 100
) -> pd.DataFrame:
    """The lift curve of each score at ``steps`` shares of customers targeted.

    Columns ``model, targeted`` (share of customers, highest scores first), ``lift`` and
    ``captured`` (share of all churners among them).

    Examples
    --------
    >>> curve = lift_points([1, 0, 1, 0], {"m": [0.9, 0.8, 0.7, 0.1]}, steps=4)
    >>> curve.lift.round(2).tolist(), curve.captured.tolist()
    ([2.0, 1.0, 1.33, 1.0], [0.5, 0.5, 1.0, 1.0])
    """
    y = np.asarray(churned, dtype=np.float64)
    shares = np.arange(1, steps + 1) / steps
    k = np.maximum(1, np.round(shares * y.size)).astype(np.intp)
    parts = []
    for name, values in scores.items():
        caught = captured(y, values, k)
        parts.append(
            pd.DataFrame(
                {
                    "model": name,
                    "targeted": k / y.size,
                    "lift": caught / k / y.mean(),
                    "captured": caught / y.sum(),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)

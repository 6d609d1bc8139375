"""Backtest metrics on known scores, against scikit-learn and by hand."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from loyalist.churn.cutoff import ChurnError
from loyalist.churn.evaluation import captured, evaluate, lift_at, lift_points, roc_points

# 10 customers, 4 churners (share 0.4)
CHURNED = np.array([1, 1, 0, 1, 0, 0, 1, 0, 0, 0])
SCORE = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05])


def test_metrics_agree_with_scikit_learn() -> None:
    table = evaluate(CHURNED, {"model": SCORE}, probabilities={"model"}).iloc[0]
    assert table.roc_auc == pytest.approx(roc_auc_score(CHURNED, SCORE))
    # by hand: stayers below each churner (0.9, 0.8, 0.6, 0.3): 6 + 6 + 5 + 3 = 20 of 24
    assert table.roc_auc == pytest.approx(20 / 24)
    assert table.pr_auc == pytest.approx(average_precision_score(CHURNED, SCORE))
    assert table.brier == pytest.approx(brier_score_loss(CHURNED, SCORE))
    assert (table.n, table.churn_share) == (10, 0.4)
    # top 10 % = the one customer scored 0.9, a churner: share 1 / 0.4 = 2.5
    assert table.lift_top10 == pytest.approx(2.5)


def test_brier_only_for_probabilities() -> None:
    table = evaluate(CHURNED, {"days": SCORE * 100, "p": SCORE}, probabilities={"p"})
    assert np.isnan(table.brier.iloc[0]) and not np.isnan(table.brier.iloc[1])
    assert table.roc_auc.iloc[0] == table.roc_auc.iloc[1]  # AUC ignores the scale


def test_ties_at_the_top_share_their_churn_rate() -> None:
    # 20 customers, 5 churners (0.25); the top 10 % (2 customers) cut through 4 tied at
    # the highest score, 2 of whom churned: expected churners among 2 = 2 x 2/4 = 1
    churned = np.array([1, 0, 1, 0] + [1, 1, 1] + [0] * 13)
    score = np.array([9.0] * 4 + [5.0] * 3 + [1.0] * 13)
    assert captured(churned, score, [2]).tolist() == [1.0]
    assert lift_at(churned, score, 0.1) == pytest.approx((1 / 2) / 0.25)
    # the order of tied rows does not matter
    assert lift_at(churned[::-1], score[::-1], 0.1) == pytest.approx(2.0)


def test_lift_curve_ends_at_one_and_captures_everyone() -> None:
    curve = lift_points(CHURNED, {"m": SCORE}, steps=10)
    assert curve.lift.iloc[-1] == pytest.approx(1.0) and curve.captured.iloc[-1] == 1.0
    # the top 3 hold 2 churners: lift (2/3) / 0.4, half of the churners captured
    third = curve.iloc[2]
    assert (third.targeted, third.captured) == (0.3, 0.5)
    assert third.lift == pytest.approx((2 / 3) / 0.4)


def test_roc_curve_runs_from_zero_to_one() -> None:
    curve = roc_points(CHURNED, {"m": SCORE})
    assert curve.false_positive_rate.iloc[0] == 0 and curve.true_positive_rate.iloc[-1] == 1
    assert curve.true_positive_rate.is_monotonic_increasing


def test_one_outcome_only_cannot_be_ranked() -> None:
    with pytest.raises(ChurnError, match="all churned or all retained"):
        evaluate(np.ones(5), {"m": np.arange(5)})

"""The out-of-time backtest on a small demo business and on the CDNOW purchases."""

from __future__ import annotations

from datetime import date

import pytest

from loyalist import CustomerBase
from loyalist.churn.backtest import MODELS, Backtest, backtest
from loyalist.churn.cutoff import ChurnError
from loyalist.churn.evaluation import COLUMNS
from loyalist.datasets import cdnow_config, load_cdnow


@pytest.fixture(scope="module")
def demo_result(demo: CustomerBase) -> Backtest:
    return backtest(demo, horizon_days=90)


@pytest.fixture(scope="module")
def cdnow() -> CustomerBase:
    return CustomerBase.from_frames(config=cdnow_config(), orders=load_cdnow())


def test_honest_by_default_when_the_history_allows(demo_result: Backtest) -> None:
    result = demo_result
    # the last order falls on local 30 June or 1 July 2025: E is 90 days before
    assert result.evaluate_at in (date(2025, 4, 1), date(2025, 4, 2))
    assert result.mode == "honest"
    # 4 training cut-offs, 30 days apart, the latest 90 days before E: labels end by E
    assert [(result.evaluate_at - c).days for c in result.training_cutoffs] == [90, 120, 150, 180]
    assert list(result.table.columns) == list(COLUMNS)
    assert result.table.model.tolist() == list(MODELS)
    assert (result.table.n == len(result.scores)).all()
    assert result.scores.gradient_boosting.between(0, 1).all()
    assert result.table.brier.isna().tolist() == [False, True, False, False]


def test_the_model_beats_both_baselines_on_the_demo(demo_result: Backtest) -> None:
    assert demo_result.beats_baselines, demo_result.table


def test_curves_cover_every_model(demo_result: Backtest) -> None:
    assert set(demo_result.roc.model) == set(demo_result.lift.model) == set(demo_result.table.model)
    top = demo_result.lift[demo_result.lift.targeted.round(2) == 0.10].set_index("model").lift
    assert top.to_dict() == pytest.approx(demo_result.table.set_index("model").lift_top10.to_dict())


def test_the_same_data_give_the_same_backtest(demo: CustomerBase, demo_result: Backtest) -> None:
    again = backtest(demo, horizon_days=90)
    assert again.table.equals(demo_result.table)


def test_cdnow_falls_back_to_a_customer_split_and_beats_the_baselines(cdnow: CustomerBase) -> None:
    result = backtest(cdnow, horizon_days=273, evaluate_at="1997-09-30")
    assert result.mode == "customer_split"
    assert "data start on 1997-01-01" in result.mode_reason
    assert not set(result.training_customers) & set(result.scores.customer_id)
    # about half of the 23,570 customers in each part
    assert 0.45 < len(result.scores) / 23_570 < 0.55
    assert 0.45 < len(result.training_customers) / 23_570 < 0.55
    assert result.beats_baselines, result.table


def test_honest_mode_says_when_the_history_is_too_short(cdnow: CustomerBase) -> None:
    with pytest.raises(ChurnError, match="customer_split"):
        backtest(cdnow, horizon_days=273, evaluate_at="1997-09-30", mode="honest")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"evaluate_at": "1998-06-01"}, "runs past the last order"),
        ({"evaluate_at": "1996-06-01"}, "not after the first order"),
        ({"evaluate_at": "30/09/1997"}, "not a date"),
        ({"mode": "sometimes"}, "mode must be one of"),
        ({"horizon_days": 0}, "whole number of days"),
    ],
)
def test_bad_settings_raise_a_clear_error(cdnow: CustomerBase, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChurnError, match=message):
        backtest(cdnow, **{"horizon_days": 90, **kwargs})

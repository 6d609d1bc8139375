"""The at-risk list on the small demo business."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.churn.at_risk import COLUMNS, at_risk
from loyalist.churn.cutoff import ChurnError, data_span
from loyalist.churn.label import on_the_books
from loyalist.models.chain import clv

RUNGS = {"one_time", "retained", "sticky", "loyal", "lapsed"}


@pytest.fixture(scope="module")
def listed(demo: CustomerBase) -> pd.DataFrame:
    return at_risk(demo, top=25, horizon_days=90)


def test_ranked_by_value_at_risk(listed: pd.DataFrame) -> None:
    assert list(listed.columns) == list(COLUMNS) and len(listed) == 25
    assert listed.value_at_risk.is_monotonic_decreasing
    np.testing.assert_allclose(listed.value_at_risk, listed.p_churn * listed.clv)
    assert listed.p_churn.between(0, 1).all() and (listed.clv > 0).all()
    assert listed.customer_id.is_unique


def test_scored_as_of_the_last_order_with_a_model_of_the_past(
    demo: CustomerBase, listed: pd.DataFrame
) -> None:
    last = data_span(demo)[1]
    assert listed.attrs["as_of"] == last and listed.attrs["horizon_days"] == 90
    # the latest training cut-off leaves its 90-day label window inside the data
    assert max(listed.attrs["training_cutoffs"]) == date.fromordinal(last.toordinal() - 90)
    assert listed.attrs["customers"] == on_the_books(demo, last).count().execute()


def test_clv_is_the_52_week_value_as_of_the_day(demo: CustomerBase, listed: pd.DataFrame) -> None:
    last = listed.attrs["as_of"]
    values = clv(demo, horizon=52, calibration_end=last, observation_end=last).customers
    expected = values.set_index("customer_id").clv.loc[listed.customer_id]
    np.testing.assert_allclose(listed.clv, expected.to_numpy())


def test_reasons_rung_segment_and_nps(listed: pd.DataFrame) -> None:
    assert all(isinstance(r, list) and len(r) <= 3 for r in listed.reasons)
    assert all(isinstance(text, str) and text for r in listed.reasons for text in r)
    assert sum(len(r) > 0 for r in listed.reasons) >= 20  # nearly everyone has a reason
    assert set(listed.rung) <= RUNGS
    assert listed.rfm_segment.notna().all()  # everyone listed has a CLV, hence an order
    answered = listed.latest_nps.notna()
    assert (listed.detractor[answered] == (listed.latest_nps[answered] <= 6)).all()
    assert listed.detractor[~answered].isna().all()


def test_every_customer_on_a_given_day(demo: CustomerBase) -> None:
    day = date(2025, 3, 31)
    everyone = at_risk(demo, top=None, horizon_days=60, as_of=day)
    assert len(everyone) == on_the_books(demo, day).count().execute()
    assert everyone.attrs["as_of"] == day
    assert (everyone.clv >= 0).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"as_of": "2030-01-01"}, "outside the orders"),
        ({"as_of": "2023-07-05"}, "not enough history"),
        ({"top": 0}, "at least 1"),
    ],
)
def test_bad_settings_raise_a_clear_error(demo: CustomerBase, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChurnError, match=message):
        at_risk(demo, **kwargs)

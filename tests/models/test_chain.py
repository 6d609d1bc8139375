"""CLV end to end on the CDNOW sample: the published BG/NBD fit, by-hand values, the settings."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy.special import hyp2f1

from loyalist import CustomerBase, LoyalistError
from loyalist.datasets import cdnow_config, load_cdnow
from loyalist.models.chain import COLUMNS, ClvError, ClvSettings, clv, clv_from_summary
from loyalist.models.simulate import simulate_bgnbd, simulate_gammagamma
from loyalist.summary import purchase_days

CALIBRATION_END = date(1997, 9, 30)


@pytest.fixture(scope="module")
def base() -> CustomerBase:
    return CustomerBase.from_frames(config=cdnow_config(), orders=load_cdnow(sample=True))


@pytest.fixture(scope="module")
def result(base: CustomerBase):
    return clv(base, horizon=39, calibration_end=CALIBRATION_END)


def test_new_york_days_are_the_dates_of_the_file(base: CustomerBase) -> None:
    # the file's naive dates are read as New York midnights (05:00 UTC): same local day
    assert base.timezone == "America/New_York"
    days = purchase_days(base).execute()
    orders = load_cdnow(sample=True)
    expected = orders.groupby(["customer_id", orders.ordered_at.dt.date]).size()
    assert len(days) == len(expected) == 6696
    assert set(zip(days.customer_id, pd.to_datetime(days.day).dt.date, strict=True)) == set(
        expected.index
    )


def test_reproduces_the_published_bgnbd_fit(result) -> None:
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    fitted = result.purchase_model.params_
    assert {k: f"{v:.3g}" for k, v in fitted.items()} == {
        k: f"{v:.3g}" for k, v in published.items()
    }
    assert result.purchase_model.log_likelihood_ == pytest.approx(-9582.4, abs=0.1)
    assert result.spend_model.n_ == 946  # the repeat customers of the Gamma-Gamma paper


def test_example_customer_expects_1_226_purchases_in_39_weeks(result) -> None:
    row = result.customers.set_index("customer_id").loc["00004"]
    assert (row.frequency, round(row.recency, 2), round(row["T"], 2)) == (2, 30.43, 38.86)
    assert round(row.expected_purchases, 3) == 1.226


def test_one_row_per_customer_most_valuable_first(result) -> None:
    customers = result.customers
    assert tuple(customers.columns) == COLUMNS
    assert len(customers) == customers.customer_id.nunique() == 2357
    assert customers.clv.is_monotonic_decreasing
    assert customers.probability_alive.between(0, 1).all() and (customers.clv >= 0).all()
    assert result.settings == ClvSettings(
        "bgnbd", 39.0, "W", 0.1, 0.3, CALIBRATION_END, date(1998, 6, 30)
    )
    assert result.holdout is not None and result.holdout.observation_end == date(1998, 6, 30)
    assert result.totals["clv"] == pytest.approx(customers.clv.sum())


def test_clv_of_one_customer_by_hand(result) -> None:
    """Customer 00004 from the closed forms of FHL (2005, eq. 10) and Gamma-Gamma."""
    row = result.customers.set_index("customer_id").loc["00004"]
    r, alpha, a, b = result.purchase_model.params_.values()
    p, q, gamma = result.spend_model.params_.values()
    x, tx, big_t = row.frequency, row.recency, row["T"]

    def expected(t: float) -> float:  # E[X(t) | x, t_x, T]
        z = t / (alpha + big_t + t)
        head = (a + b + x - 1) / (a - 1)
        tail = 1 - ((alpha + big_t) / (alpha + big_t + t)) ** (r + x) * hyp2f1(
            r + x, b + x, a + b + x - 1, z
        )
        dead = a / (b + x - 1) * ((alpha + big_t) / (alpha + tx)) ** (r + x)
        return head * tail / (1 + dead)

    spend = p * (gamma + x * row.monetary_value) / (p * x + q - 1)
    month = 365.25 / 7 / 12  # discounting is monthly, at an annual rate
    ends = [min(month * i, 39.0) for i in range(1, 10)]
    cumulative = [0.0] + [expected(t) for t in ends]
    value = sum(
        (cumulative[i + 1] - cumulative[i]) / 1.1 ** (ends[i] * 7 / 365.25) for i in range(9)
    )
    assert row.expected_spend == pytest.approx(spend, rel=1e-12)
    assert row.expected_purchases == pytest.approx(expected(39.0), rel=1e-9)
    assert row.clv == pytest.approx(0.3 * spend * value, rel=1e-9)


def test_value_grows_with_margin_and_falls_with_discount_rate(base: CustomerBase, result) -> None:
    def values(**settings: float) -> pd.Series:
        out = clv(base, horizon=39, calibration_end=CALIBRATION_END, **settings).customers
        return out.set_index("customer_id").clv.sort_index()

    standard = result.customers.set_index("customer_id").clv.sort_index()
    richer = values(margin=0.5)
    np.testing.assert_allclose(richer, standard * 0.5 / 0.3, rtol=1e-9)
    undiscounted, dearer = values(discount_rate=0.0), values(discount_rate=0.25)
    assert (undiscounted > standard).all() and (standard > dearer).all()


def test_without_calibration_end_fits_all_the_data(base: CustomerBase) -> None:
    result = base.clv(model="pnbd")
    assert result.holdout is None
    assert result.settings.calibration_end == date(1998, 6, 30)
    row = result.customers.set_index("customer_id").loc["00004"]
    assert row["T"] == pytest.approx(545 / 7)  # 1997-01-01 to 1998-06-30
    # an earlier observation end is the end of the data
    early = base.clv(observation_end="1997-09-30", model="pnbd")
    assert early.holdout is None and early.settings.calibration_end == CALIBRATION_END


def test_pareto_nbd_reproduces_the_published_fit(base: CustomerBase) -> None:
    result = base.clv(model="pnbd", calibration_end="1997-09-30")
    published = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
    assert {k: f"{v:.3g}" for k, v in result.purchase_model.params_.items()} == {
        k: f"{v:.3g}" for k, v in published.items()
    }


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"calibration_end": "1996-12-31"}, "before the first order"),
        ({"calibration_end": "1997-01-01"}, "no customer has a repeat purchase"),
        ({"calibration_end": "1997-09-30", "observation_end": "1997-06-30"}, "before calibration"),
        ({"observation_end": "1990-01-01"}, "before the first order"),
        ({"calibration_end": "30/09/1997"}, "not a date"),
        ({"model": "bgbb"}, "model must be"),
        ({"margin": 30}, "margin"),
        ({"discount_rate": -1}, "annual rate"),
        ({"horizon": -5}, "horizon"),
    ],
)
def test_clear_errors(base: CustomerBase, settings: dict, message: str) -> None:
    with pytest.raises(ClvError, match=message) as caught:
        base.clv(**settings)
    assert isinstance(caught.value, LoyalistError) and isinstance(caught.value, ValueError)


def test_from_summary_with_repeat_purchases_worth_nothing() -> None:
    summary = simulate_bgnbd(3000, r=0.25, alpha=4.0, a=0.8, b=2.5, T=39.0, seed=3)
    summary["monetary_value"] = simulate_gammagamma(
        summary.frequency, p=6.0, q=4.0, gamma=15.0, seed=3
    ).monetary_value.to_numpy()
    summary.index = pd.Index([f"c{i}" for i in range(len(summary))], name="customer_id")
    free = summary.index[summary.frequency > 0][0]
    summary.loc[free, "monetary_value"] = 0.0  # a repeat purchase that cost nothing
    settings = ClvSettings(horizon=10, discount_rate=0.0, margin=1.0)
    result = clv_from_summary(summary, settings)
    assert result.spend_model.n_ == (summary.frequency > 0).sum() - 1  # it says nothing on spend
    p, q, gamma = result.spend_model.params_.values()
    row = result.customers.set_index("customer_id").loc[free]
    x = row.frequency
    assert row.expected_spend == pytest.approx(p * gamma / (p * x + q - 1), rel=1e-12)
    assert row.clv == pytest.approx(row.expected_purchases * row.expected_spend, rel=1e-9)
    assert result.settings.calibration_end is None and result.holdout is None

"""The report's charts: valid Vega-Lite with inline data and the theme, rendered to PNG offline."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pytest

from loyalist.models import BetaGeo
from loyalist.models.grids import frequency_recency_grid
from loyalist.report import charts

MODEL = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)

BY_FREQUENCY = pd.DataFrame(
    {
        "frequency": [0, 1, 2],
        "label": ["0", "1", "2+"],
        "customers": [100, 40, 20],
        "actual": [24.0, 28.0, 40.0],
        "predicted": [22.0, 21.0, 36.0],
    }
).assign(
    actual_per_customer=lambda t: t.actual / t.customers,
    predicted_per_customer=lambda t: t.predicted / t.customers,
)
TRACKING = pd.DataFrame(
    {
        "period_end": pd.date_range("2024-01-07", periods=6, freq="7D"),
        "calibration": [True, True, True, True, False, False],
        "actual": [1.0, 5.0, 9.0, 14.0, 18.0, 21.0],
        "predicted": [2.0, 5.5, 9.5, 13.0, 16.5, 20.0],
    }
)


def grid() -> pd.DataFrame:
    return frequency_recency_grid(MODEL, T=38.86, max_frequency=12, n_recency=20, horizon=39)


def customers(skewed: bool) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    values = rng.lognormal(1.0, 1.8, 20_000) if skewed else rng.normal(50, 5, 300)
    return pd.DataFrame({"customer_id": [str(i) for i in range(values.size)], "clv": values})


def metrics() -> pd.DataFrame:
    """A tidy metrics table: three months of NPS (goal 40) and the NPS split, lifecycle."""
    starts = [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    ends = [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)]
    rows = []
    values = {
        "nps": [20.0, 25.0, 30.0],
        "promoter_share": [0.5, 0.5, 0.55],
        "passive_share": [0.2, 0.25, 0.2],
        "detractor_share": [0.3, 0.25, 0.25],
        "lifecycle_new": [10.0, 5.0, 7.0],
        "lifecycle_returning": [0.0, 8.0, 9.0],
        "lifecycle_resurrected": [0.0, 0.0, 2.0],
        "lifecycle_dormant": [0.0, 2.0, 4.0],
    }
    for name, vals in values.items():
        for start, end, v in zip(starts, ends, vals, strict=True):
            interval = name == "nps"
            rows.append(
                {"metric": name, "period_start": start, "period_end": end, "segment": "all",
                 "value": v, "ci_low": v - 8 if interval else np.nan,
                 "ci_high": v + 8 if interval else np.nan, "n": 100,
                 "goal": 40.0 if interval else np.nan}
            )  # fmt: skip
    return pd.DataFrame(rows)


COHORTS = pd.DataFrame(
    {
        "cohort": ["2024-01-01"] * 3 + ["2024-02-01"] * 2 + ["average"] * 3,
        "offset": [0, 1, 2, 0, 1, 0, 1, 2],
        "members": [10, 10, 10, 20, 20, 30, 30, 10],
        "active": [10, 4, 3, 20, 6, 30, 10, 3],
    }
).assign(share=lambda t: t.active / t.members)
GAPS = pd.DataFrame(
    {"bin_start": [0, 7, 14, 21], "bin_end": [6, 13, 20, 27], "gaps": [50, 30, 15, 5]}
).assign(share=lambda t: t.gaps / 100, q1=3.0, median=8.0, q3=15.0, n=100)
CURVE = pd.DataFrame({"active_days": range(1, 8), "customers": [40, 20, 10, 10, 8, 7, 5]})
CURVE["share"] = CURVE.customers / 100
COMPARED = pd.DataFrame(
    {"segment": ["Champions", "Lost"], "value": [0.6, 0.3], "ci_low": [0.5, 0.2],
     "ci_high": [0.7, 0.4], "n": [200, 150], "differs": [True, True]}
)  # fmt: skip
RFM_CELLS = pd.DataFrame(
    {"r_score": [1, 5, 3], "fm_score": [1, 5, 3], "customers": [30, 10, 25],
     "monetary": [20.0, 90.0, 50.0], "segment": ["Lost", "Champions", "Need attention"]}
)  # fmt: skip
MOVES = pd.DataFrame(
    {"from_rung": ["new", "one_time", "retained", "sticky"],
     "to_rung": ["one_time", "retained", "lapsed", "loyal"], "customers": [30, 10, 4, 2]}
)  # fmt: skip
AT_RISK = pd.DataFrame(
    {"customer_id": ["c1", "c2", "c3"], "p_churn": [0.9, 0.6, 0.4],
     "clv": [300.0, 200.0, 400.0], "value_at_risk": [270.0, 120.0, 160.0]}
)  # fmt: skip

CHARTS = {
    "metric_trend": (lambda: charts.metric_trend(metrics(), ["nps"]), "area"),
    "sparkline": (lambda: charts.sparkline(metrics(), "nps"), "area"),
    "cohort_heatmap": (lambda: charts.cohort_heatmap(COHORTS, "on_or_after"), "rect"),
    "purchase_gap_histogram": (lambda: charts.purchase_gap_histogram(GAPS), "bar"),
    "power_user_chart": (lambda: charts.power_user_chart(CURVE, threshold=4), "bar"),
    "lifecycle_bars": (lambda: charts.lifecycle_bars(metrics()), "bar"),
    "nps_split": (lambda: charts.nps_split(metrics()), "bar"),
    "reason_bars": (
        lambda: charts.reason_bars(
            pd.DataFrame({"reason": ["price", "other"], "answers": [3, 1], "share": [0.75, 0.25]}),
            "Why customers leave",
        ),
        "bar",
    ),
    "engagement_histogram": (
        lambda: charts.engagement_histogram(
            pd.DataFrame({"bin_start": [0, 50], "bin_end": [50, 100], "customers": [3, 7]})
        ),
        "bar",
    ),
    "rfm_grid": (lambda: charts.rfm_grid(RFM_CELLS), "rect"),
    "ladder_transitions_chart": (lambda: charts.ladder_transitions_chart(MOVES), "rect"),
    "ladder_bars": (
        lambda: charts.ladder_bars(
            pd.DataFrame(
                {"when": ["1 Jan", "1 Jul"], "rung": ["loyal", "loyal"], "customers": [3, 5]}
            )
        ),
        "bar",
    ),
    "segment_intervals": (lambda: charts.segment_intervals(COMPARED, "csat"), "rule"),
    "value_at_risk_by_segment": (
        lambda: charts.value_at_risk_by_segment(
            pd.DataFrame(
                {"segment": ["a", "b"], "customers": [3, 4], "value_at_risk": [10.0, 30.0]}
            ),
            "EUR",
        ),
        "bar",
    ),
    "at_risk_customers": (lambda: charts.at_risk_customers(AT_RISK, currency="EUR"), "bar"),
    "holdout_by_frequency": (lambda: charts.holdout_by_frequency(BY_FREQUENCY), "bar"),
    "cumulative_tracking": (lambda: charts.cumulative_tracking(TRACKING), "line"),
    "expected_purchases_heatmap": (lambda: charts.expected_purchases_heatmap(grid()), "rect"),
    "probability_alive_heatmap": (lambda: charts.probability_alive_heatmap(grid()), "rect"),
    "clv_distribution": (lambda: charts.clv_distribution(customers(skewed=True)), "bar"),
}


def keys(spec: Any) -> set[str]:
    """Every key anywhere in a spec."""
    if isinstance(spec, dict):
        return set(spec) | set().union(*(keys(v) for v in spec.values()))
    if isinstance(spec, list):
        return set().union(*(keys(v) for v in spec))
    return set()


def first_view(spec: dict) -> dict:
    return spec["layer"][0] if "layer" in spec else spec


@pytest.mark.parametrize("name", CHARTS)
def test_valid_spec_with_inline_data_and_the_theme(name: str) -> None:
    build, mark = CHARTS[name]
    chart = build()
    assert isinstance(chart, alt.Chart | alt.LayerChart)
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    view = first_view(spec)
    assert view["mark"]["type"] == mark
    assert {"x", "y"} <= set(view["encoding"])
    assert spec["datasets"] and all(len(rows) > 0 for rows in spec["datasets"].values())
    assert "url" not in keys(spec)  # nothing to fetch
    if name != "sparkline":  # a card's sparkline has no title and a plainer look
        assert spec["config"]["font"] == charts.theme()["font"]
        assert spec["title"]["text"]


def test_encodings() -> None:
    bars = charts.holdout_by_frequency(BY_FREQUENCY).to_dict()
    assert bars["encoding"]["xOffset"]["field"] == "series"
    assert bars["encoding"]["color"]["scale"]["range"] == [charts.ACTUAL, charts.PREDICTED]
    assert bars["transform"][0]["fold"] == ["Actual", "Predicted"]
    assert "92 repeat purchases, 79 predicted (-14.1%)" in bars["title"]["subtitle"]
    lines = charts.cumulative_tracking(TRACKING).to_dict()
    assert [layer["mark"]["type"] for layer in lines["layer"]] == ["line", "rule", "text"]
    heat = charts.probability_alive_heatmap(grid(), unit="weeks").to_dict()
    assert heat["encoding"]["color"]["scale"]["domain"] == [0, 1]
    assert "38.9 weeks" in heat["title"]["subtitle"]
    assert charts.expected_purchases_heatmap(grid(), "weeks").to_dict()["title"]["text"] == (
        "Expected purchases in the next 39 weeks"
    )


def test_clv_histogram_is_binned_before_the_spec() -> None:
    skewed = charts.clv_distribution(customers(skewed=True)).to_dict()
    (rows,) = skewed["datasets"].values()
    assert len(rows) == 40 and sum(r["customers"] for r in rows) == 20_000
    assert skewed["encoding"]["x"]["scale"]["type"] == "log"
    plain = charts.clv_distribution(customers(skewed=False)).to_dict()
    assert plain["encoding"]["x"]["scale"]["type"] == "linear"
    with pytest.raises(ValueError, match="no finite"):
        charts.clv_distribution(pd.DataFrame({"clv": [np.nan]}))


@pytest.mark.parametrize("name", CHARTS)
def test_renders_to_png(name: str, tmp_path: Path) -> None:
    path = charts.save_png(CHARTS[name][0](), tmp_path / f"{name}.png", scale=1)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > (
        2_000 if name == "sparkline" else 10_000
    )


def test_frequency_recency_grid() -> None:
    g = grid()
    assert len(g) == 13 * 20 and set(g.frequency) == set(range(13))
    assert g.recency.max() < 38.86 and (g["T"] == 38.86).all() and (g.horizon == 39).all()
    assert g.probability_alive.between(0, 1).all()
    zero = g[g.frequency == 0]
    assert zero.probability_alive.nunique() == 1 and zero.expected_purchases.nunique() == 1
    # the more recent the last purchase, the likelier the customer is still active
    for _, row in g[g.frequency > 0].groupby("frequency"):
        assert row.probability_alive.is_monotonic_increasing
    value = MODEL.expected_purchases(39, {"frequency": [3], "recency": [20.0], "T": [40.0]})
    cell = frequency_recency_grid(MODEL, 38.86, 3, max_recency=40.0, n_recency=1, horizon=39)
    assert cell.recency.iloc[-1] == pytest.approx(38.86 / 2)  # max_recency is capped at T
    lone = frequency_recency_grid(MODEL, 40.0, 3, n_recency=1, horizon=39)
    assert lone.expected_purchases.iloc[-1] == pytest.approx(value[0], rel=1e-12)
    assert frequency_recency_grid(MODEL, 38.86).frequency.max() >= 5  # default from the model

"""The report: charts (Vega-Lite specs built with Altair), rendered offline with vl-convert."""

from loyalist.report.charts import (
    clv_distribution,
    cumulative_tracking,
    expected_purchases_heatmap,
    holdout_by_frequency,
    probability_alive_heatmap,
    save_png,
    theme,
)

__all__ = [
    "clv_distribution",
    "cumulative_tracking",
    "expected_purchases_heatmap",
    "holdout_by_frequency",
    "probability_alive_heatmap",
    "save_png",
    "theme",
]

"""The report's charts: declarative Vega-Lite specs built with Altair, one function per chart.

Each chart function takes result tables (pandas: the output of ``base.metrics``,
``base.cohorts``, ``base.segments``, ``base.clv`` ...) and returns a finished chart: the data
inline in the spec (nothing to fetch, no CDN) and the loyalist look of :func:`theme` in its
config. Tables are aggregated before they reach a chart (a histogram gets its bins, not every
customer), so specs stay small whatever the number of customers. The report and a future
dashboard use the same functions. :func:`save_png` renders with vl-convert.

To add a chart: write ``def name(table: pd.DataFrame) -> Chart`` in the module of its family,
colour it from the palette of :mod:`~loyalist.report.charts.theme`, end with
``return styled(chart)``, and export it here.
"""

from loyalist.report.charts.ladder import ladder_bars, ladder_transitions_chart
from loyalist.report.charts.loyalty import engagement_histogram, nps_split, reason_bars
from loyalist.report.charts.models import (
    cumulative_tracking,
    expected_purchases_heatmap,
    holdout_by_frequency,
    probability_alive_heatmap,
)
from loyalist.report.charts.retention import cohort_heatmap, purchase_gap_histogram
from loyalist.report.charts.segments import rfm_grid, segment_intervals
from loyalist.report.charts.stickiness import lifecycle_bars, power_user_chart
from loyalist.report.charts.theme import (
    ACTUAL,
    BAD,
    GOOD,
    HEIGHT,
    PALETTE,
    PREDICTED,
    WIDTH,
    Chart,
    save_png,
    theme,
)
from loyalist.report.charts.trends import metric_trend, sparkline
from loyalist.report.charts.value import (
    at_risk_customers,
    clv_distribution,
    value_at_risk_by_segment,
)

__all__ = [
    "ACTUAL",
    "BAD",
    "GOOD",
    "HEIGHT",
    "PALETTE",
    "PREDICTED",
    "WIDTH",
    "Chart",
    "at_risk_customers",
    "clv_distribution",
    "cohort_heatmap",
    "cumulative_tracking",
    "engagement_histogram",
    "expected_purchases_heatmap",
    "holdout_by_frequency",
    "ladder_bars",
    "ladder_transitions_chart",
    "lifecycle_bars",
    "metric_trend",
    "nps_split",
    "power_user_chart",
    "probability_alive_heatmap",
    "purchase_gap_histogram",
    "reason_bars",
    "rfm_grid",
    "save_png",
    "segment_intervals",
    "sparkline",
    "theme",
    "value_at_risk_by_segment",
]

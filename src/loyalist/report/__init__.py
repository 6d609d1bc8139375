"""The report: one self-contained HTML file of stickiness, retention and loyalty.

:func:`loyalist.report.build.write_report` gathers the result tables (:mod:`.gather`,
:mod:`.queries`), builds one section per module of :mod:`.sections`, derives what to do next
(:mod:`.actions`) and renders the page (:mod:`.html`, ``templates/report.html.j2``). The
charts (:mod:`.charts`: Vega-Lite specs built with Altair, one function per chart) are the
same a dashboard uses; they render in the browser from an inlined Vega bundle, or to PNG with
vl-convert.
"""

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

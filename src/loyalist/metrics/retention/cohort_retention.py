"""Cohort retention: of the customers who first ordered in a period, the share back next."""

from __future__ import annotations

import ibis.expr.types as ir

from loyalist.metrics import cohorts
from loyalist.metrics.context import Context
from loyalist.metrics.registry import metric
from loyalist.metrics.shares import wilson_around


@metric(
    "cohort_retention",
    family="retention",
    definition=(
        "Of the customers whose first order fell in the period (a cohort), the share who "
        "ordered again in the next period (which may be only partly observed at the end of "
        "the dates asked for)."
    ),
    formula="cohort members with an order in period c+1 / cohort members",
    unit="share",
    higher_is_better=True,
)
def cohort_retention(ctx: Context) -> ir.Table:
    """Share of each cohort active in the next period (offset 1), Wilson interval."""
    cells = cohorts.cells(ctx, "on")
    cells = cells.filter(cells.offset == 1)
    value = cells.active.cast("float64") / cells.members
    low, high = wilson_around(cells.active, cells.members, value)
    return cells.select(
        period_start=cells.cohort,
        segment=cells.segment,
        value=value,
        ci_low=low,
        ci_high=high,
        n=cells.members,
    )

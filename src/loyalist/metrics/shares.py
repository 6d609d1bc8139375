"""Shares with a Wilson interval, per period and segment: the shape of most share metrics."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.intervals import wilson


def wilson_around(
    successes: ir.NumericValue, n: ir.NumericValue, value: ir.NumericValue
) -> tuple[ir.Value, ir.Value]:
    """Wilson's interval, widened to contain ``value`` (rounding at 0 and 1; CRR above 1).

    Examples
    --------
    >>> low, high = wilson_around(ibis.literal(8), ibis.literal(10), ibis.literal(0.8))
    >>> round(low.execute(), 4), round(high.execute(), 4)
    (0.4902, 0.9433)
    """
    low, high = wilson(successes, n)
    return ibis.least(low, value), ibis.greatest(high, value)


def share(table: ir.Table, hit: ir.BooleanValue) -> ir.Table:
    """Share of rows where ``hit`` holds, per period and segment, with a Wilson interval.

    Examples
    --------
    >>> t = ibis.memtable({"period_start": ["2024-01-01"] * 4, "segment": ["all"] * 4,
    ...                    "bought": [True, True, False, True]})
    >>> share(t, t.bought).execute()[["value", "n"]].values.tolist()
    [[0.75, 4.0]]
    """
    stats = table.group_by(["period_start", "segment"]).agg(
        n=table.count(), hits=table.count(where=hit)
    )
    value = stats.hits.cast("float64") / stats.n
    low, high = wilson_around(stats.hits, stats.n, value)
    return stats.select(
        "period_start",
        "segment",
        value=value,
        ci_low=low,
        ci_high=high,
        n=stats.n,
    )

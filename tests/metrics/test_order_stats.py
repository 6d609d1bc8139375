"""Order statistics read off a histogram equal those of the sorted values."""

from __future__ import annotations

import ibis

from loyalist.metrics.order_stats import histogram, median_interval, order_statistic, quantile


def _summary() -> list[list[float]]:
    # Group x: 5, 1, 3, 3, 9 -> sorted 1, 3, 3, 5, 9. Group y: 2, 4 -> sorted 2, 4.
    table = ibis.memtable(
        {"g": ["x"] * 5 + ["y"] * 2, "v": [5, 1, 3, 3, 9, 2, 4]},
    )
    hist = histogram(table, table.v, ["g"])
    stats = hist.group_by("g").agg(
        second=order_statistic(hist, ibis.literal(2)),
        fourth=order_statistic(hist, ibis.literal(4)),
        median=quantile(hist, 0.5),
        q1=quantile(hist, 0.25),
        n=hist.freq.sum(),
    )
    return stats.order_by("g").execute().values.tolist()


def test_order_statistics_and_quantiles_by_hand() -> None:
    x, y = _summary()
    # x: 2nd = 3, 4th = 5; median (type 7): position 3 -> 3; q1: position 2 -> 3.
    assert x == ["x", 3.0, 5.0, 3.0, 3.0, 5]
    # y: 2nd = 4, no 4th (NULL); median: position 1.5 -> 2 + 0.5 × (4 - 2) = 3; q1: 2.5.
    assert y[0] == "y" and y[1] == 4.0 and y[2] != y[2] and y[3:] == [3.0, 2.5, 2]


def test_median_interval_ranks() -> None:
    # n = 9: ranks floor(4.5 - 1.96 × 3 / 2 + 0.5) = 2 and floor(5.5 + 2.94 + 0.5) = 8.
    table = ibis.memtable({"g": ["x"] * 9, "v": [10, 20, 30, 40, 50, 60, 70, 80, 90]})
    hist = histogram(table, table.v, ["g"])
    low, high = median_interval(hist)
    assert hist.group_by("g").agg(low=low, high=high).execute()[
        ["low", "high"]
    ].values.tolist() == [[20.0, 80.0]]

"""Order statistics from a histogram: medians, quartiles and their intervals, without sorting.

Whole numbers (days between purchases, seconds of a session) take few distinct values, so
counting each value per group and running a sum over the distinct values is far cheaper than
numbering every row: the r-th smallest value is the first whose running count reaches r.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.intervals import Z


def histogram(table: ir.Table, value: ir.IntegerColumn, by: list[str]) -> ir.Table:
    """Counts of each ``value`` per group: ``by, value, freq, upto`` (running count), ``total``.

    Order statistics are read off it (the r-th smallest value is the first with upto >= r):
    whole numbers of days take few distinct values, so no sort of every row is needed.

    Examples
    --------
    >>> t = ibis.memtable({"g": ["x"] * 4, "v": [3, 1, 3, 7]})
    >>> histogram(t, t.v, ["g"]).order_by("value").execute()[["value", "freq", "upto"]].values
    array([[1, 1, 1],
           [3, 2, 3],
           [7, 1, 4]])
    """
    counts = table.group_by([*by, value.name("value")]).agg(freq=table.count())
    running = ibis.window(group_by=by, order_by="value", rows=(None, 0))
    return counts.mutate(
        upto=counts.freq.sum().over(running),
        total=counts.freq.sum().over(ibis.window(group_by=by)),
    )


def order_statistic(hist: ir.Table, rank: ir.NumericValue) -> ir.FloatingValue:
    """The ``rank``-th smallest value of a group of :func:`histogram` (NULL past the end).

    Examples
    --------
    >>> t = ibis.memtable({"g": ["x"] * 4, "v": [3, 1, 3, 7]})
    >>> hist = histogram(t, t.v, ["g"])
    >>> hist.aggregate(third=order_statistic(hist, ibis.literal(3))).third.execute().tolist()
    [3.0]
    """
    return hist.value.min(where=hist.upto >= rank).cast("float64")


def quantile(hist: ir.Table, p: float) -> ir.FloatingValue:
    """The ``p`` quantile of a group, interpolated as numpy's default (Hyndman-Fan type 7).

    Examples
    --------
    >>> t = ibis.memtable({"g": ["x"] * 4, "v": [3, 1, 3, 7]})
    >>> hist = histogram(t, t.v, ["g"])
    >>> hist.aggregate(q=quantile(hist, 0.75)).q.execute().tolist()  # numpy: 4.0
    [4.0]
    """
    position = (hist.total - 1) * p + 1
    below = position.floor()
    low = order_statistic(hist, below)
    high = ibis.coalesce(order_statistic(hist, below + 1), low)
    return low + (position - below).max() * (high - low)


def median_interval(hist: ir.Table) -> tuple[ir.FloatingValue, ir.FloatingValue]:
    """Distribution-free 95 % interval of a median: order statistics n/2 ± 1.96·√n/2.

    The ranks are ``n/2 - Z√n/2`` and ``1 + n/2 + Z√n/2`` rounded, clipped to [1, n]
    (the binomial method, e.g. Bland, *An Introduction to Medical Statistics*).

    Examples
    --------
    >>> t = ibis.memtable({"g": ["x"] * 9, "v": list(range(1, 10))})
    >>> hist = histogram(t, t.v, ["g"])
    >>> low, high = median_interval(hist)
    >>> hist.aggregate(low=low, high=high).execute().values.tolist()
    [[2.0, 8.0]]
    """
    n = hist.total
    half = Z * n.cast("float64").sqrt() / 2
    low_rank = ibis.greatest((n / 2 - half + 0.5).floor(), 1)
    high_rank = ibis.least((n / 2 + 1 + half + 0.5).floor(), n)
    return order_statistic(hist, low_rank), order_statistic(hist, high_rank)

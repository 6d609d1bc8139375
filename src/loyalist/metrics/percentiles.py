"""Mid-rank percentiles from a histogram of the values instead of a sort of the rows.

The engagement index ranks every customer on each signal. The signals take few distinct
values (days since the last order, orders in the window, active days in 28, survey scores),
so counting each value, running a sum over the distinct values and joining the result back
costs far less than numbering millions of rows in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ibis
import ibis.expr.types as ir


def with_percentiles(
    table: ir.Table,
    columns: Sequence[str],
    value: Callable[[ir.Table, str], ir.NumericValue],
    within: Sequence[str] = (),
) -> ir.Table:
    """``table`` with a ``<column>_rank`` for each of ``columns``: the mid-rank percentile
    (0-100) of ``value(table, column)`` among the rows alike in ``within``; NULL where the
    value is NULL (NULLs are neither ranked nor counted).

    The percentile of a value is ``100 × (rows below + ½ × rows equal) ÷ rows``, written
    ``50 × (below ÷ n + at or below ÷ n)``.

    Examples
    --------
    >>> t = ibis.memtable({"k": [1, 2, 3, 4, 5], "score": [1.0, 2.0, 2.0, 5.0, None]})
    >>> ranked = with_percentiles(t, ["score"], lambda t, c: t[c]).order_by("k")
    >>> ranked.score_rank.execute().tolist()
    [12.5, 50.0, 50.0, 87.5, nan]
    """
    keys = list(within)
    joined = table
    helpers = []
    for column in columns:
        tag = f"_{column}_"  # the histogram's own column names, one set per column
        hist = _ranks(table, value(table, column), keys, f"{column}_rank", tag).view()
        on = [value(joined, column) == hist[f"value{tag}"]]
        on += [joined[k] == hist[f"{k}{tag}"] for k in keys]
        joined = joined.left_join(hist, on)
        helpers += [f"value{tag}", *(f"{k}{tag}" for k in keys)]
    return joined.drop(*helpers)


def _ranks(
    table: ir.Table, value: ir.NumericValue, keys: list[str], name: str, tag: str
) -> ir.Table:
    """One row per group and distinct value: ``<key><tag>``, ``value<tag>`` and ``name``."""
    rows = table.select(*keys, value_=value)
    rows = rows.filter(rows.value_.notnull())
    counts = rows.group_by([*keys, "value_"]).agg(freq=rows.count())
    upto = ibis.window(group_by=keys or None, order_by="value_", rows=(None, 0))
    every = ibis.window(group_by=keys or None)
    counts = counts.mutate(upto=counts.freq.sum().over(upto), n=counts.freq.sum().over(every))
    n = counts.n.cast("float64")
    rank = 50 * ((counts.upto - counts.freq) / n + counts.upto / n)
    renamed = {f"{k}{tag}": counts[k] for k in keys} | {f"value{tag}": counts.value_}
    return counts.select(**renamed, **{name: rank})

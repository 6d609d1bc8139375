"""Compare a metric across groups of customers, and flag the groups that differ beyond chance.

The metric is computed once over the whole date range for each group of ``by`` (a customer
column such as ``country`` or ``channel``, or a derived grouping: ``age_band``,
``ladder_rung``, ``rfm_segment``, taken as of the range's end) by the metrics engine, with
its 95 % interval. Every pair of groups is then tested (see
:mod:`loyalist.segments.significance`: two-proportion z test for shares, the NPS standard
error for NPS, Welch's test for means), the p-values are Holm-corrected across all pairs, and
a pair *differs* when its corrected p-value is below ``alpha``. Pairs with a group of fewer
than :data:`MIN_TESTED` observations are not tested (too few for the normal approximation:
two promoters out of two answers would otherwise look certain), nor are totals and counts
(revenue, lifecycle counts), which carry no sampling error.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from loyalist.errors import ConfigError
from loyalist.metrics.catalog import get
from loyalist.segments import significance as sig
from loyalist.segments.groups import segment_order

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

COLUMNS = ("segment", "value", "ci_low", "ci_high", "n", "differs")
#: Groups with fewer observations (``n``) than this are shown but not tested.
MIN_TESTED = 10
PAIR_COLUMNS = ("segment_a", "segment_b", "difference", "p_value", "p_adjusted", "differs")


def significance_test(metric: str) -> str:
    """The test used for ``metric``: ``nps``, ``two_proportion`` or ``welch``.

    Examples
    --------
    >>> [significance_test(m) for m in ("nps", "repeat_purchase_rate", "average_order_value")]
    ['nps', 'two_proportion', 'welch']
    """
    if metric == "nps":
        return "nps"
    return "two_proportion" if get(metric).unit == "share" else "welch"


def compare_segments(
    base: CustomerBase,
    metric: str,
    by: str,
    start: date | None = None,
    end: date | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """A metric for each group of ``by`` over a date range, with a flag where groups differ.

    Parameters
    ----------
    base
        The customer base.
    metric
        A metric of the catalog (``loyalist metrics --list``), e.g. ``nps``, ``csat``,
        ``referral_rate``, ``repeat_purchase_rate``, ``customer_retention_rate``.
    by
        A column of the customers table, or ``age_band``, ``ladder_rung``, ``rfm_segment``.
    start, end
        Local dates, inclusive (default: the first and last order day).
    alpha
        The significance level, after Holm's correction across all pairs.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``segment, value, ci_low, ci_high, n, differs`` (``differs``:
        differs from at least one other group). ``attrs["pairs"]`` holds the pairwise table
        ``segment_a, segment_b, difference, p_value, p_adjusted, differs`` (difference = a − b;
        ``p_adjusted`` is Holm's; NaN: not tested), ``attrs["test"]`` the test's name. As
        ``attrs`` holds a DataFrame, clear it (``result.attrs = {}``) before ``pd.concat``
        of two results: pandas cannot compare such attrs.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> result = compare_segments(base, "purchase_frequency", "ladder_rung")
    >>> result[["segment", "differs"]].to_dict("list")
    {'segment': ['retained', 'sticky', 'lapsed'], 'differs': [True, True, True]}
    >>> result.attrs["pairs"].columns.tolist()
    ['segment_a', 'segment_b', 'difference', 'p_value', 'p_adjusted', 'differs']
    """
    names = [metric, "promoter_share", "detractor_share"] if metric == "nps" else [metric]
    result = base.metrics(names, period=None, by=by, start=start, end=end)
    if metric in result.attrs["skipped"]:
        raise ConfigError(f"{metric} cannot be compared: it {result.attrs['skipped'][metric]}")
    rows = result[result.metric == metric].set_index("segment")
    if rows.empty:
        raise ConfigError(
            f"{metric} has no data between {start or 'the first'} and {end or 'the last'} order "
            "day; choose a wider range (--from, --to)"
        )
    rows = rows.loc[segment_order(by, list(rows.index))]
    test = significance_test(metric)
    estimates = rows.astype({"n": "float64"})
    pairs = _pairs(estimates, _standard_errors(estimates, result, test), test, alpha)
    flagged = set(pairs.segment_a[pairs.differs]) | set(pairs.segment_b[pairs.differs])
    table = rows.reset_index()
    table["differs"] = table.segment.isin(flagged)
    table = table[list(COLUMNS)]
    table.attrs = {"pairs": pairs, "test": test, "metric": metric, "by": by}
    return table


def _standard_errors(rows: pd.DataFrame, result: pd.DataFrame, test: str) -> pd.Series:
    """Each group's standard error for the NPS or Welch test (NaN: not testable)."""
    if test == "nps":
        shares = result.pivot(index="segment", columns="metric", values="value")
        return pd.Series(
            [
                sig.nps_se(shares.at[s, "promoter_share"], shares.at[s, "detractor_share"], n)
                for s, n in zip(rows.index, rows.n, strict=True)
            ],
            index=rows.index,
        )
    return pd.Series(
        [
            sig.se_from_interval(v, lo, hi)
            for v, lo, hi in zip(rows.value, rows.ci_low, rows.ci_high, strict=True)
        ],
        index=rows.index,
        dtype="float64",
    )


def _pairs(rows: pd.DataFrame, se: pd.Series, test: str, alpha: float) -> pd.DataFrame:
    """Every pair of groups with its difference, raw and Holm-adjusted p-value, and flag."""
    records = []
    for a, b in itertools.combinations(rows.index, 2):
        va, vb, na, nb = rows.at[a, "value"], rows.at[b, "value"], rows.at[a, "n"], rows.at[b, "n"]
        if min(na, nb) < MIN_TESTED:
            p = float("nan")
        elif test == "two_proportion":
            p = sig.two_proportion(va, na, vb, nb)
        elif test == "nps":
            p = sig.nps_difference(va, se[a], vb, se[b])
        else:
            p = sig.welch(va, se[a], na, vb, se[b], nb)
        records.append({"segment_a": a, "segment_b": b, "difference": va - vb, "p_value": p})
    pairs = pd.DataFrame.from_records(records, columns=list(PAIR_COLUMNS[:4]))
    pairs["p_adjusted"] = sig.holm(pairs.p_value.tolist())
    pairs["differs"] = (pairs.p_adjusted < alpha).fillna(False).astype(bool)
    return pairs[list(PAIR_COLUMNS)]

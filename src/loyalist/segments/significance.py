"""Do two groups differ beyond chance? Tests on the per-group results of the metrics engine.

Each test takes two groups' estimates and returns a two-sided p-value:

* shares — the two-proportion z test with the pooled share;
* NPS — a z test with the NPS standard error of DESIGN.md,
  ``100 × √((p + d − (p − d)²) ÷ n)`` (p, d: promoter and detractor shares);
* means and other estimates — Welch's t test, the standard error of each group read off its
  95 % interval (half-width ÷ 1.96; the wider side where the interval was clipped).

:func:`holm` corrects the p-values of all pairs together (Holm's step-down method), so
comparing many groups does not flag differences by luck. These run on a few rows per group,
after the engine has done the counting.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

Z = 1.959963984540054  # the 97.5 % quantile of the standard normal


def two_proportion(p1: float, n1: float, p2: float, n2: float) -> float:
    """Two-sided p-value that shares ``p1`` of ``n1`` and ``p2`` of ``n2`` are equal.

    Examples
    --------
    >>> round(two_proportion(0.6, 100, 0.4, 100), 4)  # z = 0.2 / √(0.25 × 0.02) = 2.83
    0.0047
    """
    if not (n1 > 0 and n2 > 0):
        return math.nan
    p1, p2 = min(max(p1, 0.0), 1.0), min(max(p2, 0.0), 1.0)
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return _normal_p(p1 - p2, se)


def nps_se(promoters: float, detractors: float, n: float) -> float:
    """Standard error of an NPS from the promoter and detractor shares of ``n`` answers.

    Examples
    --------
    >>> round(nps_se(0.5, 0.2, 10), 2)  # 100 × √((0.7 − 0.09) ÷ 10)
    24.7
    """
    if not n > 0:
        return math.nan
    return 100 * math.sqrt(max(promoters + detractors - (promoters - detractors) ** 2, 0) / n)


def nps_difference(nps1: float, se1: float, nps2: float, se2: float) -> float:
    """Two-sided p-value that two NPS values are equal (independent groups, z test).

    Examples
    --------
    >>> round(nps_difference(40, 5, 20, 5), 4)  # z = 20 / √50 = 2.83
    0.0047
    """
    return _normal_p(nps1 - nps2, math.sqrt(se1**2 + se2**2))


def welch(m1: float, se1: float, n1: float, m2: float, se2: float, n2: float) -> float:
    """Two-sided p-value of Welch's t test from two means and their standard errors.

    Examples
    --------
    >>> round(welch(10.0, 0.5, 50, 12.0, 0.5, 50), 4)  # t = 2 / √0.5 = 2.83, df = 98
    0.0057
    """
    if not (n1 > 1 and n2 > 1) or math.isnan(se1) or math.isnan(se2):
        return math.nan
    variance = se1**2 + se2**2
    if variance == 0:
        return 1.0 if m1 == m2 else 0.0
    df = variance**2 / (se1**4 / (n1 - 1) + se2**4 / (n2 - 1))
    t = abs(m1 - m2) / math.sqrt(variance)
    return float(2 * stats.t.sf(t, df))


def se_from_interval(value: float, low: float, high: float) -> float:
    """The standard error behind a 95 % interval: its wider half ÷ 1.96 (NaN without one).

    Examples
    --------
    >>> round(se_from_interval(10.0, 9.02, 10.98), 3)
    0.5
    """
    if any(v is None or math.isnan(v) for v in (value, low, high)):
        return math.nan
    return max(high - value, value - low) / Z


def holm(p_values: list[float]) -> list[float]:
    """Holm-adjusted p-values (NaN stays NaN and does not count as a test).

    Examples
    --------
    >>> [round(p, 3) for p in holm([0.01, 0.04, 0.03, float("nan")])]
    [0.03, 0.06, 0.06, nan]
    """
    p = np.asarray(p_values, dtype="float64")
    valid = np.flatnonzero(~np.isnan(p))
    order = valid[np.argsort(p[valid], kind="stable")]
    m = len(order)
    adjusted = np.full(len(p), np.nan)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[index]))
        adjusted[index] = running
    return adjusted.tolist()


def _normal_p(difference: float, se: float) -> float:
    if math.isnan(se):
        return math.nan
    if se == 0:
        return 1.0 if difference == 0 else 0.0
    return float(2 * stats.norm.sf(abs(difference) / se))

"""95 % intervals as Ibis expressions: Wilson for shares, the DESIGN.md formula for NPS,
the normal approximation for means. They compile to SQL like any other expression.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

Z = 1.959963984540054  # the 97.5 % quantile of the standard normal


def wilson(successes: ir.NumericValue, n: ir.NumericValue) -> tuple[ir.Value, ir.Value]:
    """Wilson score interval of the share ``successes / n``; NULL where ``n`` is 0.

    Examples
    --------
    >>> low, high = wilson(ibis.literal(8), ibis.literal(10))
    >>> round(low.execute(), 4), round(high.execute(), 4)
    (0.4902, 0.9433)
    """
    n_safe = ibis.ifelse(n > 0, n.cast("float64"), ibis.null("float64"))
    p = successes.cast("float64") / n_safe
    z2 = Z * Z
    centre = (p + z2 / (2 * n_safe)) / (1 + z2 / n_safe)
    half = Z * ((p * (1 - p) / n_safe + z2 / (4 * n_safe * n_safe)).sqrt()) / (1 + z2 / n_safe)
    # Rounding can put a bound a hair past the estimate at p = 0 or 1: keep it around p.
    return ibis.least(centre - half, p), ibis.greatest(centre + half, p)


def nps_interval(
    promoters: ir.NumericValue, detractors: ir.NumericValue, n: ir.NumericValue
) -> tuple[ir.Value, ir.Value]:
    """NPS ± 1.96 × 100 × √((p + d − (p − d)²) / n), clipped to [−100, 100].

    Examples
    --------
    >>> low, high = nps_interval(ibis.literal(5), ibis.literal(2), ibis.literal(10))
    >>> round(low.execute(), 2), round(high.execute(), 2)
    (-18.41, 78.41)
    """
    n_safe = ibis.ifelse(n > 0, n.cast("float64"), ibis.null("float64"))
    p = promoters / n_safe
    d = detractors / n_safe
    se = 100 * ((p + d - (p - d) * (p - d)) / n_safe).sqrt()
    nps = 100 * (p - d)
    return ibis.greatest(nps - Z * se, -100.0), ibis.least(nps + Z * se, 100.0)


def mean_interval(
    mean: ir.NumericValue, std: ir.NumericValue, n: ir.NumericValue
) -> tuple[ir.Value, ir.Value]:
    """Normal-approximation interval of a mean: mean ± 1.96 × sd / √n.

    Examples
    --------
    >>> low, high = mean_interval(ibis.literal(10.0), ibis.literal(2.0), ibis.literal(16))
    >>> round(low.execute(), 3), round(high.execute(), 3)
    (9.02, 10.98)
    """
    n_safe = ibis.ifelse(n > 0, n.cast("float64"), ibis.null("float64"))
    half = Z * std.fill_null(0) / n_safe.sqrt()
    return mean - half, mean + half

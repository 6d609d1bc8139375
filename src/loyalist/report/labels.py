"""How the report names metrics and writes their values, from the catalog's units.

One place decides that ``customer_retention_rate`` reads "Customer retention rate", that a
share is written 87.4 % and NPS 23; charts (through :func:`d3_format`) and tables (through
:func:`fmt`) follow it.
"""

from __future__ import annotations

import math
from datetime import date

from loyalist.metrics.catalog import CATALOG

#: Names that are not just the metric's name with spaces.
_NAMES = {
    "nps": "NPS",
    "csat": "CSAT",
    "dau": "DAU",
    "wau": "WAU",
    "mau": "MAU",
    "dau_mau": "DAU/MAU",
    "mau_yau": "MAU/YAU",
    "power_users_l7": "Power users (L7)",
    "power_users_l28": "Power users (L28)",
    "historical_clv": "Historical CLV",
    "lifecycle_new": "New",
    "lifecycle_returning": "Returning",
    "lifecycle_resurrected": "Resurrected",
    "lifecycle_dormant": "Dormant",
    "session_duration": "Median session length",
    "mean_session_duration": "Mean session length",
    "time_between_purchases": "Days between purchases (median)",
}
_D3 = {
    "share": ".1%",
    "score": ".0f",
    "count": ",.0f",
    "money": ",.2f",
    "days": ",.0f",
    "seconds": ",.0f",
    "ratio": ".2f",
    "index": ".1f",
}


def label(metric: str) -> str:
    """The metric's name as a reader says it.

    Examples
    --------
    >>> label("customer_retention_rate"), label("dau_mau")
    ('Customer retention rate', 'DAU/MAU')
    """
    return _NAMES.get(metric, metric.replace("_", " ").capitalize())


def unit(metric: str) -> str:
    """The catalog unit of a metric (``share`` for names outside the catalog)."""
    entry = CATALOG.get(metric)
    return entry.unit if entry else "share"


def d3_format(metric_unit: str) -> str:
    """The d3 number format of a unit, for chart axes and tooltips.

    Examples
    --------
    >>> d3_format("share")
    '.1%'
    """
    return _D3.get(metric_unit, ",.2f")


def fmt(value: float | None, metric_unit: str, currency: str = "") -> str:
    """A value written for a reader: ``0.874`` as a share is ``87.4%``; missing is ``–``.

    Examples
    --------
    >>> fmt(0.8741, "share"), fmt(23.3, "score"), fmt(1234.5, "money", "EUR"), fmt(None, "count")
    ('87.4%', '23', 'EUR 1,234.50', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = float(value)
    if abs(value) < 1e-12:  # no "-0.0 %" from rounding noise
        value = 0.0
    if metric_unit == "share":
        return f"{value:.1%}"
    if metric_unit == "money":
        return f"{currency} {value:,.2f}".strip()
    if metric_unit in ("score", "count", "days", "seconds"):
        text = f"{value:,.0f}"
        return {"days": f"{text} days", "seconds": f"{text} s"}.get(metric_unit, text)
    if metric_unit == "index":
        return f"{value:.1f}"
    return f"{value:.2f}"


def change(value: float, previous: float, metric_unit: str) -> str:
    """The change from ``previous`` to ``value``: points for shares and scores, else percent.

    Examples
    --------
    >>> change(0.90, 0.88, "share"), change(25, 30, "score"), change(110, 100, "count")
    ('+2.0 pts', '-5 pts', '+10.0%')
    """
    if metric_unit == "share":
        return f"{100 * (value - previous):+.1f} pts"
    if metric_unit == "score":
        return f"{value - previous:+.0f} pts"
    if not previous:
        return "–"
    return f"{value / previous - 1:+.1%}"


def period_name(start: date, period: str | None) -> str:
    """How a period is called: ``Nov 2026``, ``Q3 2026``, ``week of 2 Nov 2026``.

    Examples
    --------
    >>> period_name(date(2026, 7, 1), "quarter"), period_name(date(2026, 11, 2), "week")
    ('Q3 2026', 'week of 2 Nov 2026')
    """
    if period == "month":
        return start.strftime("%b %Y")
    if period == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if period == "year":
        return str(start.year)
    if period == "week":
        return f"week of {start.day} {start.strftime('%b %Y')}"
    return f"{start.day} {start.strftime('%b %Y')}"

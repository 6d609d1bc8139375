"""Stickiness charts: the power-user curve and the lifecycle (growth accounting) bars.

The curve takes :func:`loyalist.metrics.stickiness.power_user_curve`; the lifecycle bars take
the ``lifecycle_*`` rows of :meth:`CustomerBase.metrics <loyalist.CustomerBase.metrics>`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from loyalist.report.charts.theme import (
    BAD,
    HEIGHT,
    INK,
    NEUTRAL,
    PALETTE,
    WIDTH,
    Chart,
    groups,
    period_x,
    styled,
    titled,
)
from loyalist.report.labels import period_name

LIFECYCLE = {
    "lifecycle_new": ("New", PALETTE[0]),
    "lifecycle_returning": ("Returning", PALETTE[2]),
    "lifecycle_resurrected": ("Resurrected", PALETTE[3]),
    "lifecycle_dormant": ("Dormant", BAD),
}


def power_user_chart(curve: pd.DataFrame, threshold: int = 8, as_of: str = "") -> Chart:
    """Bars: of the customers active in the window, the share active on exactly k days.

    Parameters
    ----------
    curve : pandas.DataFrame
        :func:`~loyalist.metrics.stickiness.power_user_curve` for one segment:
        ``active_days, customers, share``.
    threshold : int, default 8
        Days from which a customer counts as a power user (the ladder's
        ``sticky_min_active_days``); those bars are coloured.
    as_of : str
        The window's last day, for the subtitle.

    Examples
    --------
    >>> curve = pd.DataFrame({"active_days": [1, 2, 3], "customers": [6, 3, 1],
    ...                       "share": [0.6, 0.3, 0.1]})
    >>> power_user_chart(curve, threshold=2).to_dict()["mark"]["type"]
    'bar'
    """
    window = int(curve["active_days"].max())
    total = int(curve["customers"].sum())
    if total == 0:
        raise ValueError("nobody was active in the window")
    data = curve[["active_days", "customers", "share"]].copy()
    data["group"] = [
        f"{threshold}+ days (power users)" if d >= threshold else f"under {threshold} days"
        for d in data["active_days"]
    ]
    power = float(data.loc[data.active_days >= threshold, "customers"].sum()) / total
    subtitle = (
        f"{total:,} customers active in the {window} days"
        + (f" up to {as_of}" if as_of else "")
        + f"; {power:.0%} were active on {threshold} or more days"
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "active_days:O",
                title=f"Active days out of the last {window}",
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("share:Q", title="Share of active customers", axis=alt.Axis(format=".0%")),
            color=alt.Color(
                "group:N",
                scale=alt.Scale(
                    domain=[f"under {threshold} days", f"{threshold}+ days (power users)"],
                    range=[NEUTRAL, PALETTE[0]],
                ),
                legend=alt.Legend(title=None),
            ),
            tooltip=[
                alt.Tooltip("active_days:O", title="active days"),
                alt.Tooltip("customers:Q", format=","),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
        .properties(
            width=WIDTH,
            height=HEIGHT,
            title=titled(f"Power-user curve (L{window})", subtitle),
        )
    )
    return styled(chart)


def lifecycle_bars(metrics: pd.DataFrame, period: str = "month") -> Chart:
    """Stacked bars per period: new, returning and resurrected customers up, dormant down.

    Parameters
    ----------
    metrics : pandas.DataFrame
        The result of ``base.metrics(...)`` with the four ``lifecycle_*`` metrics.
    period : str
        The metrics' period, for labels.

    Examples
    --------
    >>> from datetime import date
    >>> metrics = pd.DataFrame({"metric": list(LIFECYCLE), "segment": "all",
    ...                         "period_start": date(2024, 1, 1), "value": [5.0, 3, 1, 2]})
    >>> lifecycle_bars(metrics).to_dict()["layer"][0]["mark"]["type"]
    'bar'
    """
    rows = metrics[metrics["metric"].isin(list(LIFECYCLE)) & (metrics["segment"] == "all")]
    if rows.empty:
        raise ValueError("no lifecycle rows in the metrics table")
    data = rows[["metric", "period_start", "value"]].copy()
    data["status"] = data["metric"].map(lambda m: LIFECYCLE[m][0])
    data["customers"] = data["value"].where(data["metric"] != "lifecycle_dormant", -data["value"])
    data["period"] = [period_name(pd.Timestamp(d).date(), period) for d in data["period_start"]]
    data["order"] = data["metric"].map(list(LIFECYCLE).index)
    data = data.drop(columns=["period_start"])
    periods = list(dict.fromkeys(data["period"]))
    gained = data[data["metric"] != "lifecycle_returning"]
    net = gained.groupby("period", sort=False)["customers"].sum()
    latest = periods[-1]
    subtitle = (
        f"Active customers per {period} by where they come from; below zero those active the "
        f"{period} before but not this one. {latest}: net change {net[latest]:+,.0f}"
    )
    chart = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=0)
        .encode(
            x=period_x(periods),
            y=alt.Y("customers:Q", title="Customers", axis=alt.Axis(format=",d")),
            color=groups("status", LIFECYCLE),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("period:N"),
                alt.Tooltip("status:N"),
                alt.Tooltip("value:Q", format=",.0f", title="customers"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=INK).encode(y="y:Q")
    layered = alt.layer(chart, zero).properties(
        width=WIDTH,
        height=HEIGHT,
        title=titled("Lifecycle: where active customers come from", subtitle),
    )
    return styled(layered)

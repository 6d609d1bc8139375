"""Metrics over time: a line per metric with its 95 % interval as a band, and the goal.

Both functions take the tidy result of :meth:`CustomerBase.metrics
<loyalist.CustomerBase.metrics>` (``metric, period_start, period_end, segment, value,
ci_low, ci_high, n`` and, where goals are set, ``goal``) and draw the ``all`` segment.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from loyalist.report.charts.theme import (
    HEIGHT,
    MUTED,
    PALETTE,
    WIDTH,
    Chart,
    iso_dates,
    spacing,
    styled,
    time_x,
    titled,
)
from loyalist.report.labels import d3_format, fmt, label, unit


def _rows(metrics: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    rows = metrics[metrics["metric"].isin(names) & (metrics["segment"] == "all")]
    if rows.empty:
        raise ValueError(f"no rows of {', '.join(names)} in the metrics table")
    columns = ["metric", "period_start", "period_end", "value", "ci_low", "ci_high", "n"]
    data = rows[columns].copy()
    data["goal"] = rows["goal"] if "goal" in rows else float("nan")
    data["series"] = data["metric"].map(label)
    data["n"] = data["n"].astype("float64")
    return iso_dates(data, "period_start", "period_end")


def metric_trend(
    metrics: pd.DataFrame,
    names: Sequence[str],
    title: str | None = None,
    subtitle: str | None = None,
    y_title: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Chart:
    """Lines of one or more metrics per period, each with its interval band and goal.

    Parameters
    ----------
    metrics : pandas.DataFrame
        The result of ``base.metrics(...)``; only the ``all`` segment is drawn.
    names : sequence of str
        The metrics to draw, in the same unit (their axis is the first one's).
    title, subtitle, y_title : str, optional
        Default: the metrics' names.

    Examples
    --------
    >>> from datetime import date
    >>> metrics = pd.DataFrame({
    ...     "metric": ["nps", "nps"], "period_start": [date(2024, 1, 1), date(2024, 2, 1)],
    ...     "period_end": [date(2024, 1, 31), date(2024, 2, 29)], "segment": ["all", "all"],
    ...     "value": [20.0, 25.0], "ci_low": [10.0, 15.0], "ci_high": [30.0, 35.0],
    ...     "n": [100, 120], "goal": [40.0, 40.0]})
    >>> [layer["mark"]["type"] for layer in metric_trend(metrics, ["nps"]).to_dict()["layer"]]
    ['area', 'line', 'rule', 'text']
    >>> metrics[["ci_low", "ci_high"]] = None  # no interval, no band
    >>> [layer["mark"]["type"] for layer in metric_trend(metrics, ["nps"]).to_dict()["layer"]]
    ['line', 'rule', 'text']
    """
    data = _rows(metrics, names)
    series = [label(n) for n in names if label(n) in set(data["series"])]
    value_format = d3_format(unit(names[0]))
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=series, range=PALETTE[: len(series)]),
        legend=alt.Legend(title=None) if len(series) > 1 else None,
    )
    x = time_x("period_start", spacing(data["period_start"]))
    base = alt.Chart(data).encode(x=x, color=colour)
    band = base.mark_area(opacity=0.15, line=False).encode(y=alt.Y("ci_low:Q"), y2="ci_high:Q")
    line = base.mark_line(point=alt.OverlayMarkDef(size=36, filled=True)).encode(
        y=alt.Y(
            "value:Q",
            title=y_title or (label(names[0]) if len(series) == 1 else None),
            axis=alt.Axis(format=value_format),
            scale=_y_scale(data, unit(names[0])),
        ),
        tooltip=[
            alt.Tooltip("series:N", title="metric"),
            alt.Tooltip("period_start:N", title="from"),
            alt.Tooltip("period_end:N", title="to"),
            alt.Tooltip("value:Q", format=value_format),
            alt.Tooltip("ci_low:Q", format=value_format, title="95 % from"),
            alt.Tooltip("ci_high:Q", format=value_format, title="95 % to"),
            alt.Tooltip("n:Q", format=",.0f"),
        ],
    )
    has_band = bool(data[["ci_low", "ci_high"]].notna().all(axis=1).any())
    layers: list[alt.Chart] = [band, line] if has_band else [line]
    goals = data.dropna(subset=["goal"]).drop_duplicates("series")
    if len(goals):
        goals = goals.assign(text=["goal " + fmt(g, unit(names[0])) for g in goals["goal"]])
        rule = (
            alt.Chart(goals)
            .mark_rule(strokeDash=[6, 4], strokeWidth=1.5)
            .encode(y="goal:Q", color=colour)
        )
        text = rule.mark_text(align="right", baseline="bottom", dy=-4, color=MUTED).encode(
            text="text:N", x=alt.value(width), color=alt.value(MUTED)
        )
        layers += [rule, text]
    heading = title or " and ".join(series)
    chart = alt.layer(*layers).properties(
        width=width, height=height, title=titled(heading, subtitle)
    )
    return styled(chart)


def _y_scale(data: pd.DataFrame, metric_unit: str) -> alt.Scale:
    """Not from zero (changes show), but a share's axis stays within 0 - 100 %."""
    if metric_unit != "share":
        return alt.Scale(zero=False)
    low = float(data[["value", "ci_low", "goal"]].min().min())
    high = float(data[["value", "ci_high", "goal"]].max().max())
    return alt.Scale(
        zero=False, domain=[max(low, 0.0), high if high > 1 + 1e-9 else min(high, 1.0)]
    )


def sparkline(metrics: pd.DataFrame, name: str, width: int = 240, height: int = 70) -> Chart:
    """A small trend of one metric for a headline card: line, interval band, goal.

    Examples
    --------
    >>> from datetime import date
    >>> metrics = pd.DataFrame({
    ...     "metric": ["dau_mau"] * 2, "period_start": [date(2024, 1, 1), date(2024, 2, 1)],
    ...     "period_end": [date(2024, 1, 31), date(2024, 2, 29)], "segment": ["all", "all"],
    ...     "value": [0.2, 0.25], "ci_low": [0.18, 0.22], "ci_high": [0.22, 0.28], "n": [9, 9]})
    >>> sparkline(metrics, "dau_mau").to_dict()["height"]
    70
    """
    data = _rows(metrics, [name])
    value_format = d3_format(unit(name))
    x = alt.X("period_start:T", title=None, scale=alt.Scale(type="utc"), axis=None)
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False), axis=None)
    base = alt.Chart(data).encode(x=x)
    layers: list[alt.Chart] = [
        base.mark_area(opacity=0.15, color=PALETTE[0]).encode(
            y=alt.Y("ci_low:Q", axis=None), y2="ci_high:Q"
        ),
        base.mark_line(color=PALETTE[0], strokeWidth=2).encode(
            y=y,
            tooltip=[
                alt.Tooltip("period_start:N", title="from"),
                alt.Tooltip("value:Q", format=value_format),
            ],
        ),
    ]
    goal = data["goal"].dropna()
    if len(goal):
        frame = pd.DataFrame({"goal": [float(goal.iloc[-1])]})
        rule = alt.Chart(frame).mark_rule(strokeDash=[4, 3], color="#9ca3af")
        layers.append(rule.encode(y=alt.Y("goal:Q", axis=None)))
    chart = alt.layer(*layers).properties(width=width, height=height)
    return chart.configure(background="white", padding=4, view={"stroke": None})

"""Segment charts: the RFM grid and a metric per segment with its interval.

They take the results of :mod:`loyalist.segments` (grouped first: one row per grid cell)
and of :func:`loyalist.segments.compare.compare_segments`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from loyalist.report.charts.theme import (
    BAD,
    HEIGHT,
    INK,
    PALETTE,
    SEQUENTIAL,
    WIDTH,
    Chart,
    styled,
    titled,
)
from loyalist.report.labels import d3_format, label, unit


def rfm_grid(cells: pd.DataFrame) -> Chart:
    """Heat map of customers by recency score (columns) and frequency-monetary score (rows).

    Parameters
    ----------
    cells : pandas.DataFrame
        One row per cell of the R x FM grid of :mod:`loyalist.segments.rfm_rules`:
        ``r_score``, ``fm_score`` (⌊(F + M) / 2⌋), ``customers``, ``monetary`` (their mean
        order value) and ``segment`` (the cell's named segment).

    Examples
    --------
    >>> cells = pd.DataFrame({"r_score": [5, 1], "fm_score": [5, 1], "customers": [10, 30],
    ...                       "monetary": [80.0, 20.0], "segment": ["Champions", "Lost"]})
    >>> rfm_grid(cells).to_dict()["layer"][0]["mark"]["type"]
    'rect'
    """
    data = cells[["r_score", "fm_score", "customers", "monetary", "segment"]].copy()
    total = int(data["customers"].sum())
    if total == 0:
        raise ValueError("no customer has an RFM score")
    data["share"] = data["customers"] / total
    data["dark"] = data["customers"] > 0.55 * data["customers"].max()
    scores = [1, 2, 3, 4, 5]
    base = alt.Chart(data).encode(
        x=alt.X(
            "r_score:O",
            title="Recency score (5 = bought most recently)",
            axis=alt.Axis(labelAngle=0, orient="bottom"),
            scale=alt.Scale(domain=scores),
        ),
        y=alt.Y(
            "fm_score:O",
            title="Frequency and spend score (5 = buys most, spends most)",
            scale=alt.Scale(domain=scores[::-1]),
        ),
    )
    cells_ = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "customers:Q",
            scale=alt.Scale(scheme=SEQUENTIAL),
            legend=alt.Legend(title="customers", orient="right", direction="vertical"),
        ),
        tooltip=[
            alt.Tooltip("segment:N"),
            alt.Tooltip("r_score:O", title="recency score"),
            alt.Tooltip("fm_score:O", title="frequency-spend score"),
            alt.Tooltip("customers:Q", format=","),
            alt.Tooltip("share:Q", format=".1%"),
            alt.Tooltip("monetary:Q", format=",.2f", title="mean order value"),
        ],
    )
    colour = alt.condition("datum.dark", alt.value("white"), alt.value(INK))
    name = base.mark_text(dy=-8, fontSize=10).encode(text="segment:N", color=colour)
    count = base.mark_text(dy=8, fontSize=11, fontWeight=600).encode(
        text=alt.Text("customers:Q", format=","), color=colour
    )
    chart = alt.layer(cells_, name, count).properties(
        width=WIDTH,
        height=HEIGHT + 40,
        title=titled(
            "RFM grid",
            f"{total:,} customers by recency and by frequency and spend; each cell is one "
            "named segment",
        ),
    )
    return styled(chart)


def segment_intervals(
    table: pd.DataFrame, metric: str, title: str | None = None, subtitle: str | None = None
) -> Chart:
    """Dots with 95 % intervals: one metric per segment; segments that differ are marked.

    Parameters
    ----------
    table : pandas.DataFrame
        ``segment, value, ci_low, ci_high, n`` and optionally ``differs`` (bool: differs
        from at least one other segment beyond chance), as from
        :func:`~loyalist.segments.compare.compare_segments`.
    metric : str
        The metric's catalog name (label and number format).

    Examples
    --------
    >>> table = pd.DataFrame({"segment": ["a", "b"], "value": [0.3, 0.5], "ci_low": [0.2, 0.4],
    ...                       "ci_high": [0.4, 0.6], "n": [80, 90], "differs": [True, True]})
    >>> [l["mark"]["type"] for l in segment_intervals(table, "csat").to_dict()["layer"]]
    ['rule', 'point']
    """
    if table.empty:
        raise ValueError("no segment to compare")
    data = table[["segment", "value", "ci_low", "ci_high", "n"]].copy()
    data["segment"] = data["segment"].astype(str)
    data["n"] = data["n"].astype("float64")
    flagged = table["differs"].fillna(False).astype(bool) if "differs" in table else False
    data["flag"] = [
        "differs from another segment" if f else "within chance"
        for f in (flagged if isinstance(flagged, pd.Series) else [False] * len(data))
    ]
    value_format = d3_format(unit(metric))
    order = data.sort_values("value", ascending=False)["segment"].tolist()
    y = alt.Y("segment:N", sort=order, title=None)
    colour = alt.Color(
        "flag:N",
        scale=alt.Scale(
            domain=["differs from another segment", "within chance"], range=[BAD, PALETTE[0]]
        ),
        legend=alt.Legend(title=None),
    )
    rule = (
        alt.Chart(data)
        .mark_rule(strokeWidth=2)
        .encode(y=y, x=alt.X("ci_low:Q"), x2="ci_high:Q", color=colour)
    )
    point = (
        alt.Chart(data)
        .mark_point(filled=True, size=80)
        .encode(
            y=y,
            x=alt.X(
                "value:Q",
                title=f"{label(metric)} (95 % interval)",
                axis=alt.Axis(format=value_format),
                scale=alt.Scale(zero=False),
            ),
            color=colour,
            tooltip=[
                alt.Tooltip("segment:N"),
                alt.Tooltip("value:Q", format=value_format),
                alt.Tooltip("ci_low:Q", format=value_format, title="95 % from"),
                alt.Tooltip("ci_high:Q", format=value_format, title="95 % to"),
                alt.Tooltip("n:Q", format=",.0f"),
            ],
        )
    )
    chart = alt.layer(rule, point).properties(
        width=WIDTH,
        height=max(120, 30 * len(data)),
        title=titled(title or f"{label(metric)} by segment", subtitle),
    )
    return styled(chart)

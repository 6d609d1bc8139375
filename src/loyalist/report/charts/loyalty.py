"""Loyalty charts: the promoter / passive / detractor split, survey reasons, engagement.

The split takes the ``promoter_share``, ``passive_share`` and ``detractor_share`` rows of
:meth:`CustomerBase.metrics <loyalist.CustomerBase.metrics>`; the reasons and the engagement
histogram take small tables counted in the engine (see :mod:`loyalist.report.gather`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from loyalist.report.charts.theme import (
    BAD,
    GOOD,
    HEIGHT,
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

NPS_GROUPS = {
    "promoter_share": ("Promoters (9-10)", GOOD),
    "passive_share": ("Passives (7-8)", NEUTRAL),
    "detractor_share": ("Detractors (0-6)", BAD),
}


def nps_split(metrics: pd.DataFrame, period: str = "month") -> Chart:
    """Stacked bars per period: the shares of promoters, passives and detractors.

    Examples
    --------
    >>> from datetime import date
    >>> metrics = pd.DataFrame({"metric": list(NPS_GROUPS), "segment": "all",
    ...                         "period_start": date(2024, 1, 1), "value": [0.5, 0.3, 0.2],
    ...                         "n": 100})
    >>> nps_split(metrics).to_dict()["encoding"]["y"]["stack"]
    'normalize'
    """
    rows = metrics[metrics["metric"].isin(list(NPS_GROUPS)) & (metrics["segment"] == "all")]
    if rows.empty:
        raise ValueError("no promoter, passive or detractor shares in the metrics table")
    data = rows[["metric", "period_start", "value", "n"]].copy()
    data["group"] = data["metric"].map(lambda m: NPS_GROUPS[m][0])
    data["order"] = data["metric"].map(list(NPS_GROUPS).index)
    data["period"] = [period_name(pd.Timestamp(d).date(), period) for d in data["period_start"]]
    data["n"] = data["n"].astype("float64")
    data = data.drop(columns=["period_start"])
    periods = list(dict.fromkeys(data["period"]))
    chart = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=0)
        .encode(
            x=period_x(periods),
            y=alt.Y(
                "value:Q",
                stack="normalize",
                title="Share of answering customers",
                axis=alt.Axis(format=".0%"),
            ),
            color=groups("group", NPS_GROUPS),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("period:N"),
                alt.Tooltip("group:N"),
                alt.Tooltip("value:Q", format=".1%", title="share"),
                alt.Tooltip("n:Q", format=",.0f", title="answers"),
            ],
        )
        .properties(
            width=WIDTH,
            height=HEIGHT,
            title=titled(
                "Promoters, passives and detractors",
                f"Latest NPS answer of each customer per {period}; NPS = promoters - detractors",
            ),
        )
    )
    return styled(chart)


def reason_bars(reasons: pd.DataFrame, title: str, subtitle: str | None = None) -> Chart:
    """Horizontal bars of survey reasons, most frequent first.

    Parameters
    ----------
    reasons : pandas.DataFrame
        ``reason, answers, share``.

    Examples
    --------
    >>> reasons = pd.DataFrame({"reason": ["price", "service"], "answers": [30, 10],
    ...                         "share": [0.75, 0.25]})
    >>> reason_bars(reasons, "Why customers leave").to_dict()["layer"][0]["encoding"]["y"]["sort"]
    ['price', 'service']
    """
    if reasons.empty:
        raise ValueError("no reasons to show")
    data = reasons[["reason", "answers", "share"]].sort_values("answers", ascending=False)
    bars = (
        alt.Chart(data)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y("reason:N", sort=data["reason"].tolist(), title=None),
            x=alt.X("share:Q", title="Share of answers", axis=alt.Axis(format=".0%")),
            tooltip=[
                alt.Tooltip("reason:N"),
                alt.Tooltip("answers:Q", format=","),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4).encode(text=alt.Text("share:Q", format=".0%"))
    height = max(120, 28 * len(data))
    chart = alt.layer(bars, text).properties(
        width=WIDTH, height=height, title=titled(title, subtitle)
    )
    return styled(chart)


def engagement_histogram(hist: pd.DataFrame, as_of: str = "") -> Chart:
    """Bars of the engagement index (0-100) of the customers on the books.

    Parameters
    ----------
    hist : pandas.DataFrame
        ``bin_start, bin_end, customers`` (bins of the index, counted in the engine).

    Examples
    --------
    >>> hist = pd.DataFrame({"bin_start": [0, 10], "bin_end": [10, 20], "customers": [4, 6]})
    >>> engagement_histogram(hist).to_dict()["mark"]["type"]
    'bar'
    """
    total = int(hist["customers"].sum())
    if total == 0:
        raise ValueError("no customer on the books")
    middle = (hist["bin_start"] + hist["bin_end"]) / 2
    mean = float((middle * hist["customers"]).sum() / total)
    subtitle = f"{total:,} customers on the books" + (f" on {as_of}" if as_of else "")
    subtitle += f" · mean {mean:.0f} (0 = least engaged, 100 = most)"
    chart = (
        alt.Chart(hist)
        .mark_bar(cornerRadiusEnd=0, stroke="white", strokeWidth=0.5, color=PALETTE[3])
        .encode(
            x=alt.X(
                "bin_start:Q",
                title="Engagement index",
                scale=alt.Scale(domain=[0, 100]),
            ),
            x2="bin_end:Q",
            y=alt.Y("customers:Q", title="Customers", axis=alt.Axis(format=",d")),
            y2=alt.Y2(datum=0),
            tooltip=[
                alt.Tooltip("bin_start:Q", title="from"),
                alt.Tooltip("bin_end:Q", title="to"),
                alt.Tooltip("customers:Q", format=","),
            ],
        )
        .properties(width=WIDTH, height=HEIGHT, title=titled("Engagement index", subtitle))
    )
    return styled(chart)

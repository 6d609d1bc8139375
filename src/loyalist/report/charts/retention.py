"""Retention charts: the cohort heat map and the time between purchases.

The cohort heat map takes :meth:`CustomerBase.cohorts <loyalist.CustomerBase.cohorts>`; the
histogram takes :func:`loyalist.metrics.retention.purchase_gaps` (already binned).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from loyalist.metrics.cohorts import AVERAGE
from loyalist.report.charts.theme import (
    HEIGHT,
    INK,
    PALETTE,
    SEQUENTIAL,
    WIDTH,
    Chart,
    styled,
    titled,
)
from loyalist.report.labels import period_name

POOLED = "All cohorts"
_MODES = {"on": "in", "on_or_after": "in or after"}


def cohort_heatmap(
    cohorts: pd.DataFrame, mode: str = "on", period: str = "month", max_cohorts: int = 24
) -> Chart:
    """Heat map of the share of each cohort active ``k`` periods after its first order.

    Parameters
    ----------
    cohorts : pandas.DataFrame
        ``base.cohorts(period, mode)``: ``cohort, offset, members, active, share``; the
        pooled ``average`` rows become the top row.
    mode : {"on", "on_or_after"}
        How the table was computed (for the title).
    period : str
        The cohorts' period, for labels.
    max_cohorts : int, default 24
        Only the most recent cohorts are drawn (the pooled row covers all).

    Examples
    --------
    >>> table = pd.DataFrame({"cohort": ["2024-01-01", "2024-01-01", "average", "average"],
    ...                       "offset": [0, 1, 0, 1], "members": [10, 10, 10, 10],
    ...                       "active": [10, 4, 10, 4], "share": [1.0, 0.4, 1.0, 0.4]})
    >>> cohort_heatmap(table).to_dict()["layer"][0]["mark"]["type"]
    'rect'
    """
    data = cohorts[cohorts["offset"] > 0].copy()
    if data.empty:
        raise ValueError("no cohort has been followed for a full period yet")
    dated = sorted(c for c in data["cohort"].unique() if c != AVERAGE)[-max_cohorts:]
    data = data[data["cohort"].isin([*dated, AVERAGE])]
    names = {c: period_name(pd.Timestamp(c).date(), period) for c in dated}
    names[AVERAGE] = POOLED
    data["row"] = data["cohort"].map(names)
    order = [POOLED, *[names[c] for c in dated]]
    top = float(data["share"].max()) or 1.0
    data["dark"] = data["share"] > 0.55 * top
    offsets = int(data["offset"].max())
    y = alt.Y("row:N", sort=order, title=f"Cohort (first order in the {period})")
    x = alt.X(
        "offset:O",
        title=f"{period.capitalize()}s after the first order",
        axis=alt.Axis(labelAngle=0, labelOverlap="parity"),
    )
    cells = (
        alt.Chart(data)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "share:Q",
                title="share active",
                scale=alt.Scale(scheme=SEQUENTIAL, domain=[0, top]),
                legend=alt.Legend(format=".0%", orient="right", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("row:N", title="cohort"),
                alt.Tooltip("offset:O", title=f"{period}s later"),
                alt.Tooltip("members:Q", format=","),
                alt.Tooltip("active:Q", format=","),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
    )
    layers: list[alt.Chart] = [cells]
    if offsets <= 16:
        layers.append(
            cells.mark_text(fontSize=9).encode(
                text=alt.Text("share:Q", format=".0%"),
                color=alt.condition("datum.dark", alt.value("white"), alt.value(INK)),
            )
        )
    pooled = data[(data["cohort"] == AVERAGE) & (data["offset"] == 1)]
    first = f"{pooled['share'].iloc[0]:.0%}" if len(pooled) else "–"
    subtitle = (
        f"Share of each cohort that ordered {_MODES[mode]} the {period} k {period}s later; "
        f"top row pooled over all cohorts ({first} after one {period})"
    )
    chart = alt.layer(*layers).properties(
        width=WIDTH,
        height=max(HEIGHT, 14 * len(order)),
        title=titled(f"Cohort retention: ordering {_MODES[mode]} {period} k", subtitle=subtitle),
    )
    return styled(chart)


def purchase_gap_histogram(hist: pd.DataFrame, shown: float = 0.97) -> Chart:
    """Bars of the days between a customer's consecutive purchases, with the quartiles.

    Parameters
    ----------
    hist : pandas.DataFrame
        :func:`~loyalist.metrics.retention.purchase_gaps`: ``bin_start, bin_end, gaps,
        share, q1, median, q3, n``.
    shown : float, default 0.97
        Bins are drawn until this share of the gaps; the longer tail is named in the subtitle.

    Examples
    --------
    >>> hist = pd.DataFrame({"bin_start": [0, 7], "bin_end": [6, 13], "gaps": [3, 1],
    ...                      "share": [0.75, 0.25], "q1": 2.0, "median": 4.0, "q3": 6.0, "n": 4})
    >>> purchase_gap_histogram(hist).to_dict()["layer"][0]["mark"]["type"]
    'bar'
    """
    data = hist.sort_values("bin_start").reset_index(drop=True)
    if data.empty:
        raise ValueError("no customer bought twice: there is no time between purchases")
    cumulative = data["share"].cumsum()
    keep = int((cumulative < shown).sum()) + 1
    tail = float(1 - cumulative.iloc[keep - 1]) if keep < len(data) else 0.0
    data = data.iloc[:keep].assign(bin_next=lambda t: t.bin_end + 1)
    q1, median, q3 = (float(data[c].iloc[0]) for c in ("q1", "median", "q3"))
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=0, stroke="white", strokeWidth=0.5, color=PALETTE[0])
        .encode(
            x=alt.X("bin_start:Q", title="Days between two purchases of a customer"),
            x2="bin_next:Q",
            y=alt.Y("gaps:Q", title="Repeat purchases", axis=alt.Axis(format=",d")),
            y2=alt.Y2(datum=0),
            tooltip=[
                alt.Tooltip("bin_start:Q", title="from day"),
                alt.Tooltip("bin_end:Q", title="to day"),
                alt.Tooltip("gaps:Q", format=",", title="purchases"),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
    )
    marks = pd.DataFrame(
        {"days": [q1, median, q3], "text": [f"Q1 {q1:g}", f"median {median:g}", f"Q3 {q3:g}"]}
    )
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color=INK).encode(x="days:Q")
    text = rules.mark_text(align="left", dx=4, dy=6, baseline="top", color=INK).encode(
        text="text:N", y=alt.value(0)
    )
    n = int(data["n"].iloc[0])
    subtitle = f"{n:,} repeat purchases · median {median:g} days, half between {q1:g} and {q3:g}"
    if tail > 0:
        subtitle += f" · {tail:.0%} took longer than {int(data['bin_end'].iloc[-1])} days"
    chart = alt.layer(bars, rules, text).properties(
        width=WIDTH, height=HEIGHT, title=titled("Time between purchases", subtitle)
    )
    return styled(chart)

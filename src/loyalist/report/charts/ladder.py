"""Loyalty-ladder charts: customers per rung at two dates, and the moves between rungs.

They take :func:`loyalist.segments.ladder.ladder_transitions` (and counts grouped from it).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from loyalist.report.charts.theme import (
    HEIGHT,
    INK,
    MUTED,
    PALETTE,
    SEQUENTIAL,
    WIDTH,
    Chart,
    styled,
    titled,
)

#: The rungs of the loyalty ladder, bottom to top, then the ones who left; ``new`` is the
#: origin of customers acquired between the two dates of a transition table.
RUNGS = ["new", "one_time", "retained", "sticky", "loyal", "lapsed"]
RUNG_NAMES = {
    "new": "New",
    "one_time": "One-time",
    "retained": "Retained",
    "sticky": "Sticky",
    "loyal": "Loyal",
    "lapsed": "Lapsed",
}


def ladder_transitions_chart(transitions: pd.DataFrame, start: str = "", end: str = "") -> Chart:
    """Matrix of customers moving between rungs of the loyalty ladder from one date to another.

    Parameters
    ----------
    transitions : pandas.DataFrame
        :func:`~loyalist.segments.ladder.ladder_transitions`: ``from_rung, to_rung,
        customers``.
    start, end : str
        The two dates, for the axis titles.

    Examples
    --------
    >>> moves = pd.DataFrame({"from_rung": ["new", "retained"], "to_rung": ["one_time", "loyal"],
    ...                       "customers": [12, 3]})
    >>> ladder_transitions_chart(moves).to_dict()["layer"][0]["mark"]["type"]
    'rect'
    """
    data = transitions[["from_rung", "to_rung", "customers"]].copy()
    total = int(data["customers"].sum())
    if total == 0:
        raise ValueError("nobody is on the ladder at either date")
    data["from_name"] = data["from_rung"].map(RUNG_NAMES).fillna(data["from_rung"])
    data["to_name"] = data["to_rung"].map(RUNG_NAMES).fillna(data["to_rung"])
    origin = data.groupby("from_rung")["customers"].transform("sum")
    data["share_of_origin"] = data["customers"] / origin
    data["dark"] = data["share_of_origin"] > 0.55
    names = [RUNG_NAMES[r] for r in RUNGS]
    base = alt.Chart(data).encode(
        x=alt.X(
            "to_name:N",
            sort=[n for n in names if n != "New"],
            title=f"Rung on {end}" if end else "Rung at the end",
            axis=alt.Axis(labelAngle=0, orient="top"),
        ),
        y=alt.Y(
            "from_name:N",
            sort=names,
            title=f"Rung on {start}" if start else "Rung at the start",
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "share_of_origin:Q",
            title="share of the row",
            scale=alt.Scale(scheme=SEQUENTIAL, domain=[0, 1]),
            legend=alt.Legend(format=".0%", orient="right", direction="vertical"),
        ),
        tooltip=[
            alt.Tooltip("from_name:N", title="from"),
            alt.Tooltip("to_name:N", title="to"),
            alt.Tooltip("customers:Q", format=","),
            alt.Tooltip("share_of_origin:Q", format=".1%", title="share of the row"),
        ],
    )
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("customers:Q", format=","),
        color=alt.condition("datum.dark", alt.value("white"), alt.value(INK)),
    )
    chart = alt.layer(cells, text).properties(
        width=WIDTH,
        height=HEIGHT,
        title=titled(
            "Movements on the loyalty ladder",
            "Customers by rung at the start (rows) and at the end (columns); "
            "'New' are customers acquired in between",
        ),
    )
    return styled(chart)


def ladder_bars(counts: pd.DataFrame) -> Chart:
    """Grouped bars: customers on each rung of the ladder at two (or more) dates.

    Parameters
    ----------
    counts : pandas.DataFrame
        ``when`` (a label such as ``"1 Jan 2026"``), ``rung``, ``customers``.

    Examples
    --------
    >>> counts = pd.DataFrame({"when": ["start", "end"], "rung": ["loyal", "loyal"],
    ...                        "customers": [5, 8]})
    >>> ladder_bars(counts).to_dict()["mark"]["type"]
    'bar'
    """
    data = counts[["when", "rung", "customers"]].copy()
    data["rung_name"] = data["rung"].map(RUNG_NAMES).fillna(data["rung"])
    whens = list(dict.fromkeys(data["when"]))
    names = [RUNG_NAMES[r] for r in RUNGS if r != "new"]
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("rung_name:N", sort=names, title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("when:N", sort=whens),
            y=alt.Y("customers:Q", title="Customers", axis=alt.Axis(format=",d")),
            color=alt.Color(
                "when:N",
                sort=whens,
                scale=alt.Scale(domain=whens, range=[MUTED, PALETTE[0]][: len(whens)]),
                legend=alt.Legend(title=None),
            ),
            tooltip=[
                alt.Tooltip("when:N", title="on"),
                alt.Tooltip("rung_name:N", title="rung"),
                alt.Tooltip("customers:Q", format=","),
            ],
        )
        .properties(
            width=WIDTH,
            height=HEIGHT,
            title=titled(
                "The loyalty ladder",
                "One-time: one order · Retained: two or more · Sticky: habitual · "
                "Loyal: advocates · Lapsed: no order within the active window",
            ),
        )
    )
    return styled(chart)

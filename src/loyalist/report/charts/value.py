"""Charts of customer value: the CLV distribution, value at risk, the customers at risk.

Per-customer rows only reach a chart for the short list of customers at risk; everything
else is binned or grouped first.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from loyalist.report.charts.theme import BAD, HEIGHT, MUTED, WIDTH, Chart, styled


# -- value -------------------------------------------------------------------------------------
def clv_distribution(customers: pd.DataFrame, bins: int = 40) -> Chart:
    """Histogram of predicted customer lifetime value (log-scaled when it is skewed).

    Parameters
    ----------
    customers : pandas.DataFrame
        :attr:`ClvResult.customers <loyalist.models.chain.ClvResult>` (needs ``clv``).
    bins : int, default 40
        Number of bars. On a log scale they are equally wide in log(CLV).

    Examples
    --------
    >>> customers = pd.DataFrame({"clv": np.random.default_rng(0).lognormal(2, 1.5, 500)})
    >>> clv_distribution(customers).to_dict()["encoding"]["x"]["scale"]["type"]
    'log'
    """
    values = customers["clv"].to_numpy(np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0:
        raise ValueError("no finite CLV to show")
    low, high = float(values.min()), float(values.max())
    log = bool(low > 0 and np.quantile(values, 0.99) > 10 * np.median(values))
    if log:  # at most four decades: the few customers worth less share the first bar
        low = max(low, high * 1e-4)
        edges = np.geomspace(low, high * (1 + 1e-9), bins + 1)
    else:
        edges = np.histogram_bin_edges(values, bins=bins)
    counts, edges = np.histogram(np.clip(values, low, None), bins=edges)
    data = pd.DataFrame({"clv_low": edges[:-1], "clv_high": edges[1:], "customers": counts})
    ordered = np.sort(values)[::-1]
    top = ordered[: max(1, int(np.ceil(0.1 * ordered.size)))].sum() / ordered.sum()
    subtitle = (
        f"{values.size:,} customers · median {np.median(values):,.2f} · "
        f"total {ordered.sum():,.0f} · the top 10 % hold {top:.0%}"
    )
    chart = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=0, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "clv_low:Q",
                title="Customer lifetime value" + (" (log scale)" if log else ""),
                scale=alt.Scale(type="log", nice=False)
                if log
                else alt.Scale(type="linear", nice=False, zero=True),
                axis=alt.Axis(format=",~g"),
            ),
            x2="clv_high:Q",
            y=alt.Y("customers:Q", title="Customers", axis=alt.Axis(format=",d")),
            y2=alt.Y2(datum=0),
            tooltip=[
                alt.Tooltip("clv_low:Q", format=",.2f", title="from"),
                alt.Tooltip("clv_high:Q", format=",.2f", title="to"),
                alt.Tooltip("customers:Q", format=","),
            ],
        )
        .properties(
            width=WIDTH,
            height=HEIGHT,
            title=alt.Title("Predicted customer lifetime value", subtitle=subtitle),
        )
    )
    return styled(chart)


def value_at_risk_by_segment(
    table: pd.DataFrame, currency: str = "", by: str = "segment", who: str = "all customers"
) -> Chart:
    """Horizontal bars: the value at risk (P(churn) × CLV, summed) of each segment.

    Parameters
    ----------
    table : pandas.DataFrame
        ``segment, customers, value_at_risk`` (and optionally ``clv``), one row per segment.
    currency : str
        For the axis title.
    by : str
        What the segments are ("RFM segment", "rung"), for the title.
    who : str
        Whose value at risk is summed, for the subtitle.

    Examples
    --------
    >>> table = pd.DataFrame({"segment": ["Champions", "At risk"], "customers": [10, 40],
    ...                       "value_at_risk": [120.0, 800.0]})
    >>> value_at_risk_by_segment(table, "EUR").to_dict()["layer"][0]["encoding"]["y"]["sort"]
    ['At risk', 'Champions']
    """
    if table.empty:
        raise ValueError("no segment has customers at risk")
    data = table[["segment", "customers", "value_at_risk"]].copy()
    data["segment"] = data["segment"].astype(str)
    data = data.sort_values("value_at_risk", ascending=False)
    total = float(data["value_at_risk"].sum())
    data["share"] = data["value_at_risk"] / total if total else 0.0
    bars = (
        alt.Chart(data)
        .mark_bar(color=BAD)
        .encode(
            y=alt.Y("segment:N", sort=data["segment"].tolist(), title=None),
            x=alt.X(
                "value_at_risk:Q",
                title=f"Value at risk ({currency})".replace(" ()", ""),
                axis=alt.Axis(format=",.0f"),
            ),
            tooltip=[
                alt.Tooltip("segment:N"),
                alt.Tooltip("customers:Q", format=","),
                alt.Tooltip("value_at_risk:Q", format=",.0f", title="value at risk"),
                alt.Tooltip("share:Q", format=".1%", title="share of the total"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4, color=MUTED).encode(
        text=alt.Text("share:Q", format=".0%")
    )
    chart = alt.layer(bars, text).properties(
        width=WIDTH,
        height=max(120, 28 * len(data)),
        title=alt.Title(
            "Value at risk by " + by,
            subtitle=f"P(churn) × predicted lifetime value, summed over {who}: "
            f"{total:,.0f} {currency}".rstrip(),
        ),
    )
    return styled(chart)


def at_risk_customers(at_risk: pd.DataFrame, top: int = 15, currency: str = "") -> Chart:
    """Horizontal bars: the customers with the most value at risk, shaded by P(churn).

    Parameters
    ----------
    at_risk : pandas.DataFrame
        :func:`~loyalist.churn.at_risk.at_risk`, highest value at risk first:
        ``customer_id, p_churn, clv, value_at_risk``.
    top : int, default 15
        How many customers to draw.

    Examples
    --------
    >>> at_risk = pd.DataFrame({"customer_id": ["a", "b"], "p_churn": [0.9, 0.4],
    ...                         "clv": [100.0, 150.0], "value_at_risk": [90.0, 60.0]})
    >>> at_risk_customers(at_risk).to_dict()["encoding"]["color"]["field"]
    'p_churn'
    """
    data = at_risk.head(top)[["customer_id", "p_churn", "clv", "value_at_risk"]].copy()
    if data.empty:
        raise ValueError("no customer at risk")
    data["customer_id"] = data["customer_id"].astype(str)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("customer_id:N", sort="-x", title=None),
            x=alt.X(
                "value_at_risk:Q",
                title=f"Value at risk ({currency})".replace(" ()", ""),
                axis=alt.Axis(format=",.0f"),
            ),
            color=alt.Color(
                "p_churn:Q",
                title="P(churn)",
                scale=alt.Scale(scheme="orangered", domain=[0, 1]),
                legend=alt.Legend(format=".0%", orient="right", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("customer_id:N", title="customer"),
                alt.Tooltip("p_churn:Q", format=".0%", title="P(churn)"),
                alt.Tooltip("clv:Q", format=",.2f", title="CLV"),
                alt.Tooltip("value_at_risk:Q", format=",.2f", title="value at risk"),
            ],
        )
        .properties(
            width=WIDTH,
            height=max(120, 24 * len(data)),
            title=alt.Title(
                f"Top {len(data)} customers at risk",
                subtitle="Ranked by value at risk = P(churn) × predicted lifetime value",
            ),
        )
    )
    return styled(chart)

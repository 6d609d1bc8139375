"""The report's charts: declarative Vega-Lite specs built with Altair, one function per chart.

Each chart function takes result tables (pandas) and returns a finished chart: the data inline
in the spec (nothing to fetch, no CDN) and the loyalist look from :func:`theme` in its config.
Tables are aggregated before they reach a chart (a histogram gets its bins, not every customer),
so specs stay small whatever the number of customers. :func:`save_png` renders with vl-convert.

To add a chart: write ``def name(table: pd.DataFrame) -> Chart`` that builds it from the columns
of one result table, colours it from the palette below, and ends with ``return _styled(chart)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import vl_convert

Chart = alt.Chart | alt.LayerChart

# -- look --------------------------------------------------------------------------------------
FONT = "Inter, 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif"
INK, MUTED, RULE, GRID = "#1f2937", "#6b7280", "#9ca3af", "#e5e7eb"
#: Categorical colours, in order of use.
PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#8b5cf6", "#ef4444", "#64748b"]
#: What actually happened is drawn in ink, what a model predicts in the accent colour.
ACTUAL, PREDICTED = "#334155", PALETTE[0]
#: Sequential scheme of heat maps (light = low).
SEQUENTIAL = "blues"
WIDTH, HEIGHT = 560, 320


def theme() -> dict[str, Any]:
    """The Vega-Lite ``config`` every loyalist chart carries: fonts, colours, no chart junk.

    Examples
    --------
    >>> theme()["font"].split(",")[0]
    'Inter'
    """
    return {
        "background": "white",
        "padding": 16,
        "font": FONT,
        "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": HEIGHT},
        "title": {
            "anchor": "start",
            "color": INK,
            "fontSize": 16,
            "fontWeight": 600,
            "subtitleColor": MUTED,
            "subtitleFontSize": 12,
            "subtitlePadding": 6,
            "offset": 14,
        },
        "axis": {
            "labelColor": MUTED,
            "labelFontSize": 11,
            "titleColor": INK,
            "titleFontSize": 12,
            "titleFontWeight": 500,
            "titlePadding": 10,
            "gridColor": GRID,
            "domainColor": RULE,
            "tickColor": RULE,
            "labelFlush": False,
        },
        "axisX": {"grid": False},
        "axisY": {"domain": False, "ticks": False},
        "axisBand": {"ticks": False},
        "legend": {
            "orient": "top",
            "direction": "horizontal",
            "labelColor": INK,
            "labelFontSize": 12,
            "titleColor": MUTED,
            "titleFontSize": 11,
            "titleFontWeight": 500,
            "symbolType": "square",
            "symbolSize": 110,
        },
        "range": {"category": PALETTE},
        "bar": {"color": PALETTE[0], "cornerRadiusEnd": 2},
        "line": {"strokeWidth": 2.5},
        "rule": {"color": RULE},
        "text": {"color": MUTED, "fontSize": 11},
    }


def _styled(chart: Chart) -> Chart:
    """The chart with the loyalist theme as its config."""
    return chart.configure(**theme())


def save_png(chart: Chart, path: str | Path, scale: float = 2.0) -> Path:
    """Render a chart to PNG with vl-convert (offline: nothing is fetched).

    Examples
    --------
    >>> save_png(clv_distribution(result.customers), "clv.png")  # doctest: +SKIP
    PosixPath('clv.png')
    """
    path = Path(path)
    png = vl_convert.vegalite_to_png(chart.to_json(), scale=scale, allowed_base_urls=[])
    path.write_bytes(png)
    return path


def _series(mapping: dict[str, str], colours: list[str], title: str | None = None) -> alt.Color:
    """A colour encoding of the folded field ``series`` with fixed colours per name."""
    return alt.Color(
        "series:N",
        scale=alt.Scale(domain=list(mapping.values()), range=colours),
        legend=alt.Legend(title=title),
    )


# -- model checks ------------------------------------------------------------------------------
def holdout_by_frequency(table: pd.DataFrame) -> Chart:
    """Grouped bars: holdout repeat purchases per customer, actual and predicted, by frequency.

    Parameters
    ----------
    table : pandas.DataFrame
        :attr:`HoldoutResult.by_frequency <loyalist.models.holdout.HoldoutResult>`:
        ``frequency, label, customers, actual, predicted, actual_per_customer,
        predicted_per_customer``.

    Examples
    --------
    >>> chart = holdout_by_frequency(result.holdout.by_frequency)  # doctest: +SKIP
    >>> chart.to_dict()["mark"]["type"]  # doctest: +SKIP
    'bar'
    """
    names = {"actual_per_customer": "Actual", "predicted_per_customer": "Predicted"}
    data = table[["frequency", "label", "customers", *names]].rename(columns=names)
    actual, predicted = float(table.actual.sum()), float(table.predicted.sum())
    change = f" ({predicted / actual - 1:+.1%})" if actual else ""
    chart = (
        alt.Chart(data)
        .transform_fold(list(names.values()), as_=["series", "purchases"])
        .mark_bar()
        .encode(
            x=alt.X(
                "label:N",
                sort=alt.EncodingSortField("frequency"),
                title="Repeat purchases in the calibration period",
                axis=alt.Axis(labelAngle=0),
                scale=alt.Scale(paddingInner=0.35, paddingOuter=0.2),
            ),
            xOffset=alt.XOffset(
                "series:N", sort=list(names.values()), scale=alt.Scale(paddingInner=0.08)
            ),
            y=alt.Y("purchases:Q", title="Repeat purchases per customer in the holdout"),
            color=_series(names, [ACTUAL, PREDICTED]),
            tooltip=[
                alt.Tooltip("label:N", title="calibration purchases"),
                alt.Tooltip("customers:Q", format=","),
                alt.Tooltip("series:N"),
                alt.Tooltip("purchases:Q", format=".2f", title="per customer"),
            ],
        )
        .properties(
            width=WIDTH,
            height=HEIGHT,
            title=alt.Title(
                "Holdout purchases against the forecast",
                subtitle=f"All customers: {actual:,.0f} repeat purchases, "
                f"{predicted:,.0f} predicted{change}",
            ),
        )
    )
    return _styled(chart)


def cumulative_tracking(table: pd.DataFrame) -> Chart:
    """Lines: cumulative repeat purchases of the cohort, actual and expected, over time.

    Parameters
    ----------
    table : pandas.DataFrame
        :attr:`HoldoutResult.tracking <loyalist.models.holdout.HoldoutResult>`:
        ``period_end, calibration, actual, predicted`` (cumulative).

    Examples
    --------
    >>> chart = cumulative_tracking(result.holdout.tracking)  # doctest: +SKIP
    """
    names = {"actual": "Actual", "predicted": "Predicted"}
    data = table[["period_end", *names]].rename(columns=names)
    lines = (
        alt.Chart(data)
        .transform_fold(list(names.values()), as_=["series", "purchases"])
        .mark_line()
        .encode(
            x=alt.X("period_end:T", title=None),
            y=alt.Y("purchases:Q", title="Cumulative repeat purchases"),
            color=_series(names, [ACTUAL, PREDICTED]),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=list(names.values()), range=[[1, 0], [6, 4]]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("period_end:T", title="up to"),
                alt.Tooltip("series:N"),
                alt.Tooltip("purchases:Q", format=",.0f"),
            ],
        )
    )
    layers: list[alt.Chart] = [lines]
    calibration = table.loc[table.calibration, "period_end"]
    if len(calibration) and not table.calibration.all():
        end = pd.DataFrame({"period_end": [calibration.max()], "label": ["calibration end"]})
        rule = alt.Chart(end).mark_rule(strokeDash=[2, 3]).encode(x="period_end:T")
        text = rule.mark_text(align="right", dx=-6, dy=-6, baseline="bottom").encode(
            text="label:N", y=alt.value(HEIGHT)
        )
        layers += [rule, text]
    chart = alt.layer(*layers).properties(
        width=WIDTH,
        height=HEIGHT,
        title=alt.Title(
            "Repeat purchases over time",
            subtitle="The model's expectation for the cohort against what it bought",
        ),
    )
    return _styled(chart)


# -- the purchase model's view of customers -----------------------------------------------------
def _frequency_recency_heatmap(
    grid: pd.DataFrame,
    field: str,
    title: str,
    legend: str,
    domain: list[float] | None,
    unit: str,
) -> Chart:
    half = float(np.diff(np.unique(grid.recency))[:1].sum() / 2 or grid.recency.max() or 0.5)
    bleed = 1.02  # cells overlap by 1 % so that no hairline seams show between them
    data = grid[["frequency", "recency", field]].assign(
        recency_low=grid.recency - half * bleed,
        recency_high=grid.recency + half * bleed,
        frequency_low=grid.frequency - 0.5 * bleed,
        frequency_high=grid.frequency + 0.5 * bleed,
    )
    max_recency = float(grid.recency.max() + half)
    max_frequency = float(grid.frequency.max() + 0.5)
    colour = alt.Scale(scheme=SEQUENTIAL, domain=domain or alt.Undefined)
    chart = (
        alt.Chart(data)
        .mark_rect(clip=True)
        .encode(
            x=alt.X(
                "recency_low:Q",
                title="Recency: time of the last purchase, since the first",
                scale=alt.Scale(domain=[0, max_recency], nice=False, zero=True),
            ),
            x2="recency_high:Q",
            y=alt.Y(
                "frequency_low:Q",
                title="Frequency: repeat purchases",
                scale=alt.Scale(domain=[-0.5, max_frequency], nice=False),
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            y2="frequency_high:Q",
            color=alt.Color(
                f"{field}:Q",
                title=legend,
                scale=colour,
                legend=alt.Legend(orient="right", direction="vertical", gradientLength=HEIGHT - 40),
            ),
            tooltip=[
                alt.Tooltip("frequency:Q", title="frequency"),
                alt.Tooltip("recency:Q", format=".1f"),
                alt.Tooltip(f"{field}:Q", format=".3f", title=legend),
            ],
        )
        .properties(
            width=WIDTH,
            height=HEIGHT,
            title=alt.Title(
                title,
                subtitle=f"Customers whose first purchase was {grid['T'].iloc[0]:.1f} {unit} "
                "ago; the bottom row bought only once",
            ),
        )
    )
    return _styled(chart)


def expected_purchases_heatmap(grid: pd.DataFrame, unit: str = "time units") -> Chart:
    """Heat map of the expected purchases by frequency (rows) and recency (columns).

    Parameters
    ----------
    grid : pandas.DataFrame
        :func:`~loyalist.models.grids.frequency_recency_grid`.
    unit : str, default "time units"
        The model's time unit, for the title ("weeks").

    Examples
    --------
    >>> from loyalist.models import BetaGeo
    >>> from loyalist.models.grids import frequency_recency_grid
    >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> chart = expected_purchases_heatmap(frequency_recency_grid(model, 38.86, horizon=39))
    >>> chart.to_dict()["mark"]["type"]
    'rect'
    """
    horizon = float(grid["horizon"].iloc[0])
    title = f"Expected purchases in the next {horizon:g} {unit}"
    return _frequency_recency_heatmap(grid, "expected_purchases", title, "purchases", None, unit)


def probability_alive_heatmap(grid: pd.DataFrame, unit: str = "time units") -> Chart:
    """Heat map of the probability that a customer is still active, by frequency and recency.

    Parameters
    ----------
    grid : pandas.DataFrame
        :func:`~loyalist.models.grids.frequency_recency_grid`.
    unit : str, default "time units"
        The model's time unit, for the subtitle ("weeks").

    Examples
    --------
    >>> from loyalist.models import BetaGeo
    >>> from loyalist.models.grids import frequency_recency_grid
    >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
    >>> chart = probability_alive_heatmap(frequency_recency_grid(model, 38.86))
    >>> chart.to_dict()["encoding"]["color"]["field"]
    'probability_alive'
    """
    title = "Probability that the customer is still active"
    return _frequency_recency_heatmap(grid, "probability_alive", title, "P(active)", [0, 1], unit)


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
                scale=alt.Scale(type="log" if log else "linear", nice=False, zero=not log),
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
    return _styled(chart)

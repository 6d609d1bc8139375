"""Charts of the purchase model: the holdout check and the frequency-recency heat maps.

Each function takes a result table of :mod:`loyalist.models` (the holdout's tables, a
frequency-recency grid) and returns a finished chart.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from loyalist.report.charts.theme import (
    ACTUAL,
    HEIGHT,
    PREDICTED,
    SEQUENTIAL,
    WIDTH,
    Chart,
    series,
    styled,
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
            color=series(names, [ACTUAL, PREDICTED]),
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
    return styled(chart)


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
            x=alt.X("period_end:T", title=None, axis=alt.Axis(format="%b %Y", labelOverlap=True)),
            y=alt.Y("purchases:Q", title="Cumulative repeat purchases"),
            color=series(names, [ACTUAL, PREDICTED]),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=list(names.values()), range=[[1, 0], [6, 4]]),
                legend=alt.Legend(title=None),
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
    return styled(chart)


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
    return styled(chart)


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

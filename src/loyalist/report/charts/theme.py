"""The loyalist look of every chart, and the helpers the chart functions share.

Colours, fonts and sizes live here once; a chart function builds its marks and ends with
``return styled(chart)`` so that every spec carries the same Vega-Lite ``config``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert

Chart = alt.Chart | alt.LayerChart | alt.VConcatChart | alt.HConcatChart

FONT = "Inter, 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif"
INK, MUTED, RULE, GRID = "#1f2937", "#6b7280", "#9ca3af", "#e5e7eb"
#: Categorical colours, in order of use.
PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#8b5cf6", "#ef4444", "#64748b"]
#: What actually happened is drawn in ink, what a model predicts in the accent colour.
ACTUAL, PREDICTED = "#334155", PALETTE[0]
#: Good, neutral and bad (promoters, passives, detractors; on and off track).
GOOD, NEUTRAL, BAD = "#10b981", "#cbd5e1", "#ef4444"
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


def styled(chart: Chart) -> Chart:
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


def series(mapping: dict[str, str], colours: list[str], title: str | None = None) -> alt.Color:
    """A colour encoding of the folded field ``series`` with fixed colours per name."""
    return alt.Color(
        "series:N",
        scale=alt.Scale(domain=list(mapping.values()), range=colours),
        legend=alt.Legend(title=title),
    )


def groups(field: str, named: dict[str, tuple[str, str]]) -> alt.Color:
    """A colour encoding of ``field`` with a fixed ``(label, colour)`` per group, in order."""
    labels, colours = zip(*named.values(), strict=True)
    return alt.Color(
        f"{field}:N",
        scale=alt.Scale(domain=list(labels), range=list(colours)),
        legend=alt.Legend(title=None),
    )


def titled(text: str, subtitle: str | None = None) -> alt.Title:
    """A chart title with an optional subtitle."""
    return alt.Title(text, subtitle=subtitle) if subtitle else alt.Title(text)


def iso_dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy whose date columns are ISO strings (what Vega-Lite parses as UTC dates).

    Examples
    --------
    >>> from datetime import date
    >>> iso_dates(pd.DataFrame({"d": [date(2024, 1, 31)]}), "d").d.tolist()
    ['2024-01-31']
    """
    frame = frame.copy()
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")
    return frame


def time_x(field: str, days_apart: float, title: str | None = None) -> alt.X:
    """An x encoding of period starts ``days_apart`` apart, on a UTC time scale.

    Dates travel as ISO strings, which browsers read as UTC midnight: a UTC scale keeps
    1 March on 1 March whatever the reader's time zone.

    Examples
    --------
    >>> time_x("period_start", 30).to_dict()["axis"]["format"]
    '%b %Y'
    """
    if days_apart >= 360:
        fmt = "%Y"
    elif days_apart >= 28:
        fmt = "%b %Y"
    else:
        fmt = "%-d %b %Y"
    return alt.X(
        f"{field}:T",
        title=title,
        scale=alt.Scale(type="utc"),
        axis=alt.Axis(format=fmt, labelOverlap=True, grid=False),
    )


def period_x(periods: list[str]) -> alt.X:
    """An x encoding of named periods (``period``), in the given order, for bar charts.

    Examples
    --------
    >>> period_x(["Jan 2024", "Feb 2024"]).to_dict()["sort"]
    ['Jan 2024', 'Feb 2024']
    """
    return alt.X(
        "period:O",
        sort=periods,
        title=None,
        axis=alt.Axis(labelAngle=-40, labelOverlap="parity"),
    )


def spacing(days: pd.Series) -> float:
    """Median number of days between consecutive distinct dates (30 when there is one).

    Examples
    --------
    >>> from datetime import date
    >>> spacing(pd.Series([date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]))
    30.0
    """
    distinct = pd.Series(pd.to_datetime(days).drop_duplicates().sort_values())
    gaps = distinct.diff().dropna().dt.days
    return float(gaps.median()) if len(gaps) else 30.0

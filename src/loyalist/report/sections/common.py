"""Helpers the section builders share: a metric's trend chart with its recent numbers."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import fmt, label, period_name, unit
from loyalist.report.page import Numbers, Section

#: How many of the latest periods the numbers next to a trend list.
RECENT = 6


def interval(row: pd.Series, metric_unit: str, currency: str = "") -> str:
    """``low – high`` of a metric row, or ``–`` without an interval."""
    if pd.isna(row["ci_low"]) or pd.isna(row["ci_high"]):
        return "–"
    low, high = (fmt(row[c], metric_unit, currency) for c in ("ci_low", "ci_high"))
    return f"{low} – {high}"


def recent_numbers(
    inputs: ReportInputs, names: Sequence[str], last: int = RECENT, with_interval: bool = True
) -> Numbers | None:
    """The latest periods of some metrics as a table: period, then value (and interval) each.

    A partial last period is marked with an asterisk.
    """
    present = [n for n in names if inputs.has(n)]
    if not present:
        return None
    frames = {n: inputs.rows(n).set_index("period_start") for n in present}
    starts = sorted(set().union(*(f.index for f in frames.values())))[-last:]
    counts = pd.DataFrame({n: f["n"] for n, f in frames.items()}).loc[starts]
    # one n column when the metrics count the same customers (CRR and churn), else one each
    own_n = len(present) > 1 and not counts.nunique(axis=1, dropna=False).le(1).all()
    columns, rows = ["period"], []
    for name in present:
        columns.append(label(name))
        if with_interval:
            columns.append("95 % interval")
        if own_n:
            columns.append("n")
    if not own_n:
        columns.append("n")
    partial = False
    for start in starts:
        first = frames[present[0]]
        end = first.loc[start, "period_end"] if start in first.index else start
        complete = inputs.is_complete(start, end)
        partial |= not complete
        row = [period_name(start, inputs.period) + ("" if complete else " *")]
        for name in present:
            frame, u = frames[name], unit(name)
            if start in frame.index:
                row.append(fmt(frame.loc[start, "value"], u, inputs.currency))
                if with_interval:
                    row.append(interval(frame.loc[start], u, inputs.currency))
            else:
                row += ["–"] * (2 if with_interval else 1)
            if own_n:
                row.append(_count(counts.loc[start, name]))
        if not own_n:
            row.append(_count(counts.loc[start].iloc[0]))
        rows.append(row)
    numeric = [False] + [True] * (len(columns) - 1)
    note = f"* {inputs.period} not yet complete in the data" if partial else ""
    return Numbers("Latest periods", columns, rows[::-1], numeric, note)


def add_trend(
    section: Section,
    inputs: ReportInputs,
    key: str,
    names: Sequence[str],
    title: str | None = None,
    subtitle: str | None = None,
    caption: str = "",
) -> bool:
    """Add the trend chart of ``names`` with its recent numbers; False when none has rows."""
    present = [n for n in names if inputs.has(n)]
    if not present:
        return False
    section.figure(
        key,
        lambda: charts.metric_trend(inputs.metrics, present, title=title, subtitle=subtitle),
        lambda: recent_numbers(inputs, present),
        caption,
    )
    return True


def _count(n: object) -> str:
    return "–" if n is None or pd.isna(n) else f"{int(n):,}"  # type: ignore[call-overload]

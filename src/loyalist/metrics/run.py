"""Running metrics: build every expression, execute them as one query, shape the result.

This is the edge where the engine runs; metric functions only build expressions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir
import pandas as pd

from loyalist.metrics import periods
from loyalist.metrics.catalog import CATALOG, get
from loyalist.metrics.context import Context, resolve
from loyalist.metrics.prepared import prepared_for
from loyalist.metrics.spec import BUILT_COLUMNS, RESULT_COLUMNS, Metric, Period, Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

_TYPES = {
    "period_start": "date",
    "segment": "string",
    "value": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "n": "int64",
}


def skip_reason(metric: Metric, ctx: Context) -> str | None:
    """Why ``metric`` cannot be computed for this base and query, or None.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> skip_reason(get("nps"), ctx)
    'needs the responses table'
    """
    missing = metric.missing_tables(set(ctx.base.tables))
    if missing:
        return f"needs the {', '.join(missing)} table{'s' if len(missing) > 1 else ''}"
    smallest = metric.smallest_period
    if smallest and ctx.period and periods.ORDER[ctx.period] < periods.ORDER[smallest]:
        return f"needs a period of a {smallest} or longer"
    return None


def expression(metric: Metric, ctx: Context) -> ir.Table:
    """The metric's expression, in the shape of every result (without ``period_end``).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> ctx = resolve(CustomerBase.from_frames(orders=load_cdnow(sample=True)), Query())
    >>> expression(get("revenue"), ctx).columns
    ('metric', 'period_start', 'segment', 'value', 'ci_low', 'ci_high', 'n')
    """
    built = metric.build(ctx)
    return built.select(
        metric=ibis.literal(metric.name),
        **{c: built[c].cast(_TYPES[c]) for c in BUILT_COLUMNS},
    )


def compute(
    base: CustomerBase,
    names: Sequence[str] | None = None,
    period: Period | None = "month",
    by: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """Compute metrics per period and segment as one tidy table.

    Metrics whose tables are missing are skipped; ``result.attrs["skipped"]`` says why.
    Goals from ``loyalist.toml`` are attached as ``goal`` and ``on_track`` columns.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> compute(base, ["revenue"], period="year").value.round().tolist()
    [201225.0, 42867.0]
    """
    ctx = resolve(base, Query(period, by, start, end))
    chosen = [get(n) for n in names] if names else list(CATALOG.values())
    skipped = {m.name: r for m in chosen if (r := skip_reason(m, ctx))}
    runnable = [m for m in chosen if m.name not in skipped]
    if runnable:
        with prepared_for(ctx, runnable):
            union = ibis.union(*(expression(m, ctx) for m in runnable), distinct=False)
            frame = base.con.execute(union)
    else:
        frame = pd.DataFrame(columns=[c for c in RESULT_COLUMNS if c != "period_end"])
    frame = _shape(frame, ctx, [m.name for m in runnable])
    frame = _with_goals(frame, base, period)
    frame.attrs["skipped"] = skipped
    return frame


def _shape(frame: pd.DataFrame, ctx: Context, order: list[str]) -> pd.DataFrame:
    ends = {start: last for start, last in ctx.calendar}
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame["period_end"] = frame["period_start"].map(ends)
    frame["metric"] = pd.Categorical(frame["metric"], categories=order, ordered=True)
    frame = frame.sort_values(["metric", "period_start", "segment"], kind="stable")
    frame["metric"] = frame["metric"].astype(str)
    frame["n"] = frame["n"].astype("Int64")
    return frame[list(RESULT_COLUMNS)].reset_index(drop=True)


def _with_goals(frame: pd.DataFrame, base: CustomerBase, period: Period | None) -> pd.DataFrame:
    goals = base.config.goals
    if not goals:
        return frame
    # A goal set for a period (a monthly retention rate) only applies to that period.
    applicable = {k: g.value for k, g in goals.items() if g.period in (None, period)}
    goal = frame["metric"].map(applicable).astype("float64")
    lower_is_better = frame["metric"].map(lambda n: CATALOG[n].higher_is_better is False)
    on_track = (frame["value"] >= goal).where(~lower_is_better, frame["value"] <= goal)
    frame["goal"] = goal
    frame["on_track"] = on_track.astype("boolean").where(goal.notna() & frame["value"].notna())
    return frame

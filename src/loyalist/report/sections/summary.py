"""Summary: stickiness, retention and loyalty side by side, and every goal's status.

Each family shows its headline metric — the first of :data:`HEADLINES` the data has — for
the latest complete period: value, 95 % interval, change on the period before, its trend,
and the goal from ``loyalist.toml`` with on-track / off-track.
"""

from __future__ import annotations

import pandas as pd

from loyalist.metrics import periods
from loyalist.metrics.catalog import CATALOG
from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import change, fmt, label, period_name, unit
from loyalist.report.page import Card, Cards, Figure, Note, Numbers, Section, missing
from loyalist.report.sections.common import interval

#: Headline metrics of each family, in order of preference.
HEADLINES: dict[str, tuple[str, ...]] = {
    "stickiness": ("dau_mau", "power_users_l28"),
    "retention": ("customer_retention_rate", "renewal_rate", "repeat_purchase_rate"),
    "loyalty": ("nps", "csat", "referral_rate", "engagement_index"),
}
#: What data measures a family that has no headline metric at all.
NEEDS: dict[str, tuple[list[str], str]] = {
    "stickiness": (["events"], "how often customers come back (DAU/MAU)"),
    "retention": (["orders"], "retention"),
    "loyalty": (["responses"], "NPS and CSAT"),
}


def build(inputs: ReportInputs) -> Section:
    """The Summary section.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> inputs = ReportInputs.collect(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> [c.label for c in build(inputs).blocks[0].cards]
    ['DAU/MAU', 'Customer retention rate', 'Engagement index']
    """
    section = Section(
        "summary",
        "Summary",
        f"Stickiness (customers come back out of habit or convenience), retention (they buy "
        f"again) and loyalty (they would recommend you), from {inputs.start:%-d %b %Y} to "
        f"{inputs.end:%-d %b %Y}, per {inputs.period}. Each card shows the latest complete "
        f"{inputs.period} with its 95 % interval and the goal set in loyalist.toml.",
    )
    section.add(Cards([headline(inputs, family) for family in HEADLINES]))
    goals = goal_table(inputs)
    if goals is not None:
        section.add(goals)
    else:
        section.add(
            Note(
                "No goals are set. Add a [goals] section to loyalist.toml, e.g. "
                '`nps = 40` or `customer_retention_rate = { value = 0.85, period = "month" }`, '
                "to see on-track / off-track here."
            )
        )
    return section


def headline(inputs: ReportInputs, family: str) -> Card:
    """The card of one family: its first headline metric with rows, or what data is missing."""
    name = next((n for n in HEADLINES[family] if inputs.has(n)), None)
    if name is None:
        tables, shows = NEEDS[family]
        return Card(family, label(HEADLINES[family][0]), note=missing(tables, shows).text)
    rows = inputs.complete(name)
    if rows.empty:
        rows = inputs.rows(name)
    latest, u = rows.iloc[-1], unit(name)
    card = Card(
        family,
        label(name),
        value=fmt(latest["value"], u, inputs.currency),
        period=period_name(latest["period_start"], inputs.period),
        interval=interval(latest, u, inputs.currency),
        chart=Figure(f"headline_{family}", charts.sparkline(inputs.metrics, name), None, name),
    )
    first = HEADLINES[family][0]
    if name != first:
        card.hint = f"{label(first)} {inputs.skipped.get(first, 'has no data in this range')}"
    every = inputs.rows(name)
    if len(every) > 1:
        card.span = (
            f"{period_name(every.period_start.iloc[0], inputs.period)} – "
            f"{period_name(every.period_start.iloc[-1], inputs.period)}"
        )
    if len(rows) > 1:
        before = rows.iloc[-2]
        card.change = (
            f"{change(latest['value'], before['value'], u)} on "
            f"{period_name(before['period_start'], inputs.period)}"
        )
    goal = latest.get("goal")
    if goal is not None and not pd.isna(goal):
        card.goal = f"goal {fmt(goal, u, inputs.currency)}"
        on_track = latest.get("on_track")
        card.on_track = None if on_track is None or pd.isna(on_track) else bool(on_track)
    elif name in inputs.base.config.goals:
        g = inputs.base.config.goals[name]
        card.goal = f"goal {fmt(g.value, u, inputs.currency)} per {g.period} (see the table)"
    return card


def goal_values(inputs: ReportInputs) -> pd.DataFrame:
    """Every goal of ``loyalist.toml`` with the latest complete value in its own period.

    Goals set for the report's period (or for none) read the report's metrics; a goal set
    for another period (a yearly repeat purchase rate) gets one more metrics call for it.
    Columns: ``metric, period, goal, period_start, value, ci_low, ci_high, on_track``,
    ``complete`` (False: the latest period is only partly in the range) and ``fixed`` (the
    goal's own period, None when it applies to any).
    """
    goals = {k: g for k, g in inputs.base.config.goals.items() if k in CATALOG}
    rows = []
    by_period: dict[str, list[str]] = {}
    for name, goal in goals.items():
        by_period.setdefault(goal.period or goal_period(name, inputs), []).append(name)
    for period, names in by_period.items():
        if period == inputs.period:
            frame = inputs.metrics
        else:
            frame = inputs.once(
                f"goals:{period}",
                lambda p=period, n=names: inputs.base.metrics(
                    n, period=p, start=inputs.start, end=inputs.end
                ),
            )
        for name in names:
            got = frame[(frame["metric"] == name) & (frame["segment"] == "all")]
            got = got[got["goal"].notna()] if "goal" in got else got.iloc[0:0]
            pairs = zip(got.period_start, got.period_end, strict=True)
            complete = got[[inputs.is_complete(s, e, period) for s, e in pairs]]
            row = (complete if len(complete) else got).tail(1)
            goal = goals[name]
            if row.empty:
                rows.append(
                    {"metric": name, "period": period, "goal": goal.value, "fixed": goal.period}
                )
                continue
            r = row.iloc[0]
            rows.append(
                {
                    "metric": name,
                    "period": period,
                    "goal": goal.value,
                    "period_start": r["period_start"],
                    "value": r["value"],
                    "ci_low": r["ci_low"],
                    "ci_high": r["ci_high"],
                    "on_track": r["on_track"],
                    "complete": len(complete) > 0,
                    "fixed": goal.period,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "metric",
            "period",
            "goal",
            "period_start",
            "value",
            "ci_low",
            "ci_high",
            "on_track",
            "complete",
            "fixed",
        ],
    )


def goal_period(metric: str, inputs: ReportInputs) -> str:
    """The report's period, or the metric's smallest when the report's is too short for it
    (a goal for DAU/MAU in a daily report is checked per month)."""
    smallest = CATALOG[metric].smallest_period
    if smallest and periods.ORDER[smallest] > periods.ORDER[inputs.period]:
        return smallest
    return inputs.period


def goal_table(inputs: ReportInputs) -> Numbers | None:
    """The goals as a table of text, or None without goals."""
    values = inputs.once("goal_values", lambda: goal_values(inputs))
    if values.empty:
        return None
    rows = []
    for r in values.itertuples(index=False):
        u = unit(r.metric)
        has = not pd.isna(r.value)
        status = "–"
        if has and not pd.isna(r.on_track):
            status = "on track" if r.on_track else "off track"
        rows.append(
            [
                label(r.metric),
                fmt(r.goal, u, inputs.currency)
                + (f" per {r.period}" if isinstance(r.fixed, str) else ""),
                period_name(r.period_start, r.period) + ("" if r.complete else " (partial)")
                if has
                else "no data",
                fmt(r.value, u, inputs.currency),
                interval(pd.Series(r._asdict()), u, inputs.currency) if has else "–",
                status,
            ]
        )
    columns = ["metric", "goal", "latest complete period", "value", "95 % interval", "status"]
    return Numbers("Goals", columns, rows, [False, True, False, True, True, False])

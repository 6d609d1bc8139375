"""Stickiness: do customers come back out of habit? Active customers, power users, lifecycle."""

from __future__ import annotations

from loyalist.metrics.stickiness import power_user_curve
from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import fmt, period_name
from loyalist.report.page import Note, Numbers, Section, missing
from loyalist.report.sections.common import add_trend

#: The power-user curve's window, in days.
WINDOW = 28


def build(inputs: ReportInputs) -> Section:
    """The Stickiness section.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> inputs = ReportInputs.collect(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> section = build(inputs)
    >>> [f.key for f in section.figures], sum(b.kind == "note" for b in section.blocks)
    (['lifecycle'], 2)
    """
    section = Section(
        "stickiness",
        "Stickiness",
        "Stickiness is coming back because of a concrete value — habit, convenience, price. "
        "It is read from app or site activity: how many customers are active on a day and in "
        "a month, how many days they use you, and where each period's active customers come "
        "from.",
    )
    events = inputs.base.has("events")
    if not events:
        section.add(
            missing(
                ["events"],
                "daily and monthly active customers, DAU/MAU, the power-user curve and "
                "session length",
            )
        )
    add_trend(
        section,
        inputs,
        "active_customers",
        ["dau", "wau", "mau"],
        title="Active customers",
        subtitle=f"Distinct customers active on an average day (DAU), week (WAU) and month "
        f"(MAU), per {inputs.period}",
    )
    if (
        not add_trend(
            section,
            inputs,
            "dau_mau",
            ["dau_mau"],
            title="DAU/MAU",
            subtitle="On an average day, the share of the month's active customers who were "
            "active (0.20 ≈ six days a month)",
        )
        and events
    ):
        section.add(
            Note(
                f"DAU/MAU needs a period of a month or longer: {inputs.skipped.get('dau_mau', '')}."
            )
        )
    if events:
        _power_users(section, inputs)
    _lifecycle(section, inputs, events)
    if events:
        add_trend(
            section,
            inputs,
            "sessions",
            ["session_duration", "mean_session_duration"],
            title="Session length",
            subtitle="Median and mean session in seconds (a few long sessions pull the mean up)",
        )
    _by_value(section, inputs)
    return section


def _power_users(section: Section, inputs: ReportInputs) -> None:
    threshold = inputs.base.config.ladder.sticky_min_active_days
    curve = inputs.once(
        "power_user_curve",
        lambda: power_user_curve(inputs.base, WINDOW, as_of=inputs.end).execute(),
    )
    curve = curve[curve["segment"] == "all"]
    total = int(curve["customers"].sum())
    power = int(curve.loc[curve["active_days"] >= threshold, "customers"].sum())
    numbers = Numbers(
        f"L{WINDOW} up to {inputs.end:%-d %b %Y}",
        ["", "customers", "share"],
        [
            ["active at least once", f"{total:,}", "100%"],
            [
                f"active on {threshold}+ days",
                f"{power:,}",
                f"{power / total:.1%}" if total else "–",
            ],
            [
                "active on 1 day only",
                f"{int(curve.loc[curve.active_days == 1, 'customers'].sum()):,}",
                fmt(float(curve.loc[curve.active_days == 1, "share"].sum()), "share"),
            ],
        ],
        [False, True, True],
        note=f"{threshold} days is the ladder's sticky_min_active_days",
    )
    section.figure(
        "power_users",
        lambda: charts.power_user_chart(curve, threshold, f"{inputs.end:%-d %b %Y}"),
        lambda: numbers,
        "Power-user curve",
    )


def _lifecycle(section: Section, inputs: ReportInputs, events: bool) -> None:
    names = ["lifecycle_new", "lifecycle_returning", "lifecycle_resurrected", "lifecycle_dormant"]
    if not inputs.has(*names):
        return
    source = "app or site events" if events else "orders (no events table: active = ordered)"
    rows = []
    frames = {n: inputs.rows(n).set_index("period_start")["value"] for n in names}
    for start in list(frames[names[0]].index)[-6:][::-1]:
        new, returning, resurrected, dormant = (frames[n].get(start, 0) for n in names)
        quick = f"{(new + resurrected) / dormant:.1f}" if dormant else "–"
        rows.append(
            [
                period_name(start, inputs.period),
                *(f"{v:,.0f}" for v in (new, returning, resurrected, dormant)),
                f"{new + resurrected - dormant:+,.0f}",
                quick,
            ]
        )
    numbers = Numbers(
        "Latest periods",
        ["period", "new", "returning", "resurrected", "dormant", "net change", "quick ratio"],
        rows,
        [False, True, True, True, True, True, True],
        note=f"Active = {source}. Net change in active customers = new + resurrected - "
        "dormant; quick ratio = (new + resurrected) ÷ dormant (above 1: growing)",
    )
    section.figure(
        "lifecycle",
        lambda: charts.lifecycle_bars(inputs.metrics, inputs.period),
        lambda: numbers,
        "Lifecycle",
    )


def _by_value(section: Section, inputs: ReportInputs) -> None:
    if not inputs.has("stickiness_by_value"):
        if not inputs.base.has("responses"):
            section.add(
                missing(
                    ["responses"],
                    "stickiness by the value that brings customers back (answers to a "
                    "'product' survey with a reason: price, convenience, service ...)",
                )
            )
        return
    rows = inputs.complete("stickiness_by_value", segment=None)
    if rows.empty:
        rows = inputs.rows("stickiness_by_value", segment=None)
    latest = rows[rows["period_start"] == rows["period_start"].max()]
    when = period_name(latest["period_start"].iloc[0], inputs.period)
    numbers = Numbers.from_frame(
        latest[["segment", "value", "ci_low", "ci_high", "n"]].sort_values(
            "value", ascending=False
        ),
        when,
        {c: "{:.1%}".format for c in ("value", "ci_low", "ci_high")} | {"n": "{:,}".format},
        {
            "segment": "reason",
            "value": "bought again",
            "ci_low": "95 % from",
            "ci_high": "to",
            "n": "customers",
        },
    )
    section.figure(
        "stickiness_by_value",
        lambda: charts.segment_intervals(
            latest,
            "stickiness_by_value",
            title="Stickiness by the value that brings customers back",
            subtitle=f"{when}: of the customers who had bought before, the share who bought "
            "again, by the reason in their latest 'product' survey answer",
        ),
        lambda: numbers,
        "Stickiness by value",
    )

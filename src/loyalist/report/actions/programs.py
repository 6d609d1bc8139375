"""Rules about programs: onboarding of new cohorts, e-mail campaigns, the goals."""

from __future__ import annotations

import pandas as pd

from loyalist.metrics import periods
from loyalist.metrics.catalog import CATALOG
from loyalist.metrics.cohorts import AVERAGE
from loyalist.report.actions.evidence import (
    LAG_RATIO,
    MIN_COHORT,
    MIN_OPENS,
    RECENT_COHORTS,
    SECTION_OF,
    WEAK_CTOR_RATIO,
    Action,
    Evidence,
)
from loyalist.report.labels import fmt, label, period_name, unit
from loyalist.report.sections.segment_loyalty import COMPARED


def onboard_lagging_cohorts(e: Evidence) -> Action | None:
    """Recent cohorts whose second purchase lags: onboarding work for new customers.

    Examples
    --------
    >>> from datetime import date
    >>> cohorts = pd.DataFrame({
    ...     "cohort": ["2024-01-01", "2024-02-01", "2024-03-01"], "offset": [1, 1, 1],
    ...     "members": [100, 100, 100], "active": [30, 30, 12]})
    >>> action = onboard_lagging_cohorts(Evidence(cohorts=cohorts, last_complete=date(2024, 4, 1)))
    >>> action.customers, "Mar 2024" in action.why
    (100, True)
    """
    table = e.cohorts
    if table is None or table.empty:
        return None
    rows = table[(table["offset"] == 1) & (table["cohort"] != AVERAGE)].copy()
    rows["next"] = [
        periods.following(pd.Timestamp(c).date(), e.cohort_period)  # type: ignore[arg-type]
        for c in rows["cohort"]
    ]
    if e.last_complete is not None:
        rows = rows[rows["next"] <= e.last_complete]
    rows = rows[rows["members"] >= MIN_COHORT].sort_values("cohort").tail(RECENT_COHORTS)
    if rows.empty or rows["members"].sum() == 0:
        return None
    pooled = rows["active"].sum() / rows["members"].sum()
    rows["rate"] = rows["active"] / rows["members"]
    lagging = rows[rows["rate"] < LAG_RATIO * pooled]
    if lagging.empty:
        return None
    named = ", ".join(
        f"{period_name(pd.Timestamp(c).date(), e.cohort_period)} ({r:.0%})"
        for c, r in zip(lagging["cohort"], lagging["rate"], strict=True)
    )
    p = e.cohort_period
    return Action(
        f"Improve onboarding: {len(lagging)} recent cohort{'s' * (len(lagging) > 1)} "
        "came back less",
        f"Ordered again in the {p} after their first order: {named}, against {pooled:.0%} for "
        f"the last {len(rows)} cohorts together.",
        "Review what these customers bought first and how they were welcomed; send a "
        "second-purchase journey (tips, a reminder, a small incentive) in their first weeks.",
        f"a cohort of {MIN_COHORT}+ customers returning in its second {p} at under "
        f"{LAG_RATIO:.0%} of the pooled rate of the last {RECENT_COHORTS} complete cohorts",
        int(lagging["members"].sum()),
    )


def fix_weak_campaigns(e: Evidence) -> Action | None:
    """Campaigns whose readers open but do not click: content or offer to rework.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign": ["a", "b"], "delivered": [1000, 1000],
    ...                           "opened": [400, 400], "clicked": [100, 20]})
    >>> fix_weak_campaigns(Evidence(campaigns=campaigns)).why
    'Click-to-open rate of b 5.0%, against 15.0% for all campaigns together.'
    """
    table = e.campaigns
    if table is None or table.empty or table["opened"].sum() == 0:
        return None
    overall = table["clicked"].sum() / table["opened"].sum()
    rows = table[table["opened"] >= MIN_OPENS].copy()
    rows["ctor"] = rows["clicked"] / rows["opened"]
    weak = rows[rows["ctor"] < WEAK_CTOR_RATIO * overall].sort_values("ctor")
    if weak.empty:
        return None
    named = ", ".join(f"{c} {r:.1%}" for c, r in zip(weak["campaign"], weak["ctor"], strict=True))
    return Action(
        f"Rework {len(weak)} campaign{'s' * (len(weak) > 1)} with weak click-to-open rates",
        f"Click-to-open rate of {named}, against {overall:.1%} for all campaigns together.",
        "Readers open these e-mails but do not click: test a clearer call to action, a "
        "better-matched offer or fewer links.",
        f"{MIN_OPENS}+ opens and a click-to-open rate under {WEAK_CTOR_RATIO:.0%} of the "
        "overall rate",
        int(weak["opened"].sum()),
        3,
    )


def recover_goals(e: Evidence) -> list[Action]:
    """One action per goal that is off track.

    Examples
    --------
    >>> from datetime import date
    >>> goals = pd.DataFrame({"metric": ["nps"], "period": ["month"], "goal": [40.0],
    ...                       "period_start": [date(2024, 5, 1)], "value": [25.0],
    ...                       "on_track": [False]})
    >>> recover_goals(Evidence(goals=goals))[0].title
    'Get NPS to its goal of 40'
    """
    if e.goals is None:
        return []
    actions = []
    for r in e.goals.itertuples(index=False):
        if pd.isna(r.on_track) or bool(r.on_track):
            continue
        u = unit(r.metric)
        goal = fmt(r.goal, u, e.currency)
        actions.append(
            Action(
                f"Get {label(r.metric)} to its goal of {goal}",
                f"{label(r.metric)} was {fmt(r.value, u, e.currency)} in "
                f"{period_name(r.period_start, r.period)}, against a goal of {goal} per "
                f"{r.period}.",
                f"The {SECTION_OF.get(CATALOG[r.metric].family, 'metrics')} section shows its "
                "trend"
                + (
                    "; Segments shows the RFM segments that pull it down."
                    if r.metric in COMPARED
                    else "."
                ),
                "the latest complete period misses a goal of loyalist.toml",
                None,
                2,
            )
        )
    return actions

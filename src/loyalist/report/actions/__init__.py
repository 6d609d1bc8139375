"""What to do next: concrete actions derived from the numbers, each with what triggered it.

Every rule reads a few result tables (:class:`Evidence`) and returns an :class:`Action` only
when its threshold is crossed; the action carries the numbers that crossed it. The
thresholds are the module constants below:

=================================  ==============================================================
rule                               fires when
=================================  ==============================================================
:func:`contact_detractors`         at least one customer's latest NPS answer in the last
                                   :data:`DETRACTOR_DAYS` days is 0-6 (first priority when they
                                   are :data:`DETRACTOR_ALARM` of the answers or more)
:func:`protect_high_value`         customers of the at-risk list with P(churn) >= :data:`AT_RISK_P`
                                   whose CLV is in the top :data:`HIGH_VALUE_SHARE` of all
                                   customers' (of the list's, without ``high_value_clv``)
:func:`onboard_lagging_cohorts`    a recent cohort (the last :data:`RECENT_COHORTS` whose next
                                   period is complete, of :data:`MIN_COHORT` members or more)
                                   came back in the period after its first order at less than
                                   :data:`LAG_RATIO` times the rate of all those cohorts pooled
:func:`fix_weak_campaigns`         a campaign with :data:`MIN_OPENS` opens or more has a
                                   click-to-open rate below :data:`WEAK_CTOR_RATIO` times the
                                   rate of all campaigns together
:func:`recover_goals`              a goal of ``loyalist.toml`` is off track in its latest
                                   complete period
:func:`address_exit_reason`        one reason is :data:`EXIT_REASON_SHARE` of the exit-survey
                                   answers or more, out of :data:`MIN_EXIT_ANSWERS` or more
=================================  ==============================================================
"""

from __future__ import annotations

from collections.abc import Callable

from loyalist.report.actions.customers import (
    address_exit_reason,
    contact_detractors,
    protect_high_value,
)
from loyalist.report.actions.evidence import (
    AT_RISK_P,
    DETRACTOR_ALARM,
    DETRACTOR_DAYS,
    EXIT_REASON_SHARE,
    HIGH_VALUE_SHARE,
    LAG_RATIO,
    MIN_COHORT,
    MIN_EXIT_ANSWERS,
    MIN_OPENS,
    RECENT_COHORTS,
    WEAK_CTOR_RATIO,
    Action,
    Evidence,
    RecentNps,
)
from loyalist.report.actions.programs import (
    fix_weak_campaigns,
    onboard_lagging_cohorts,
    recover_goals,
)

RULES: tuple[Callable[[Evidence], Action | list[Action] | None], ...] = (
    protect_high_value,
    contact_detractors,
    recover_goals,
    onboard_lagging_cohorts,
    address_exit_reason,
    fix_weak_campaigns,
)


def next_actions(evidence: Evidence) -> list[Action]:
    """Every action whose rule fires, most urgent first.

    Examples
    --------
    >>> next_actions(Evidence())
    []
    """
    actions: list[Action] = []
    for rule in RULES:
        found = rule(evidence)
        if isinstance(found, list):
            actions += found
        elif found is not None:
            actions.append(found)
    return sorted(actions, key=lambda a: a.priority)


__all__ = [
    "AT_RISK_P",
    "DETRACTOR_ALARM",
    "DETRACTOR_DAYS",
    "EXIT_REASON_SHARE",
    "HIGH_VALUE_SHARE",
    "LAG_RATIO",
    "MIN_COHORT",
    "MIN_EXIT_ANSWERS",
    "MIN_OPENS",
    "RECENT_COHORTS",
    "RULES",
    "WEAK_CTOR_RATIO",
    "Action",
    "Evidence",
    "RecentNps",
    "address_exit_reason",
    "contact_detractors",
    "fix_weak_campaigns",
    "next_actions",
    "onboard_lagging_cohorts",
    "protect_high_value",
    "recover_goals",
]

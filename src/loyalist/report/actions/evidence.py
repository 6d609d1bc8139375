"""What the rules of :mod:`loyalist.report.actions` read and return, and their thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

DETRACTOR_DAYS = 90
DETRACTOR_ALARM = 0.20
AT_RISK_P = 0.5
HIGH_VALUE_SHARE = 0.10
RECENT_COHORTS = 6
MIN_COHORT = 30
LAG_RATIO = 0.8
MIN_OPENS = 100
WEAK_CTOR_RATIO = 0.75
EXIT_REASON_SHARE = 0.20
#: The report section where each family's metrics are charted.
SECTION_OF = {
    "retention": "Retention",
    "stickiness": "Stickiness",
    "loyalty": "Loyalty",
    "engagement": "Loyalty",
    "value": "Value and risk",
}
MIN_EXIT_ANSWERS = 20


@dataclass(frozen=True)
class Action:
    """One thing to do: what, why (the numbers), the rule that fired, whom it concerns."""

    title: str
    why: str
    what: str
    rule: str
    customers: int | None = None
    priority: int = 2


@dataclass(frozen=True)
class RecentNps:
    """The NPS answers of the last ``days`` days: latest answer per customer."""

    answers: int
    detractors: int
    nps: float
    days: int = DETRACTOR_DAYS


@dataclass
class Evidence:
    """The result tables the rules read; a missing one (None) silences its rules.

    Attributes
    ----------
    recent_nps : RecentNps
    at_risk : pandas.DataFrame
        ``customer_id, p_churn, clv, value_at_risk`` (and ``detractor``) per customer.
    high_value_clv : float
        The CLV from which a customer is in the top :data:`HIGH_VALUE_SHARE` of all customers.
    cohorts : pandas.DataFrame
        ``base.cohorts(mode="on")``: ``cohort, offset, members, active, share``.
    cohort_period : str
    last_complete : date
        The first day of the last complete period: later periods are not judged.
    campaigns : pandas.DataFrame
        ``campaign, delivered, opened, clicked`` (see
        :func:`loyalist.report.queries.campaign_rates`).
    goals : pandas.DataFrame
        ``metric, period, goal, period_start, value, on_track`` (see the Summary section).
    exit_reasons : pandas.DataFrame
        ``reason, answers, share``.
    """

    currency: str = ""
    recent_nps: RecentNps | None = None
    at_risk: pd.DataFrame | None = None
    high_value_clv: float | None = None
    cohorts: pd.DataFrame | None = None
    cohort_period: str = "month"
    last_complete: date | None = None
    campaigns: pd.DataFrame | None = None
    goals: pd.DataFrame | None = None
    exit_reasons: pd.DataFrame | None = None

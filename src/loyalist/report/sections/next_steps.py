"""What to do next: the actions of :mod:`loyalist.report.actions`, from this report's numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from loyalist.errors import LoyalistError
from loyalist.report.actions import (
    DETRACTOR_DAYS,
    HIGH_VALUE_SHARE,
    Action,
    Evidence,
    RecentNps,
    next_actions,
)
from loyalist.report.gather import ReportInputs
from loyalist.report.page import Note, Section, missing
from loyalist.report.queries import campaign_rates, survey_reasons
from loyalist.report.sections import retention, risk, summary, value

#: Campaigns are judged on the e-mails sent in this many days up to the end of the range.
CAMPAIGN_DAYS = 180


@dataclass
class Actions:
    """The actions block of the page."""

    actions: list[Action] = field(default_factory=list)
    kind: str = "actions"


def evidence(inputs: ReportInputs) -> Evidence:
    """Collect what the rules read, reusing what the other sections computed."""
    base, end = inputs.base, inputs.end
    found = Evidence(currency=inputs.currency, last_complete=inputs.last_complete)
    found.cohort_period = retention.cohort_period(inputs.period)
    found.cohorts = retention.cohort_tables(inputs)["on"]
    found.goals = inputs.once("goal_values", lambda: summary.goal_values(inputs))
    if base.has("responses"):
        first = max(inputs.start, end - timedelta(days=DETRACTOR_DAYS - 1))
        nps = inputs.once(
            "recent_nps",
            lambda: base.metrics(["nps", "detractor_share"], period=None, start=first, end=end),
        )
        rows = {m: r for m, r in zip(nps["metric"], nps.itertuples(), strict=True)}
        if "nps" in rows and "detractor_share" in rows:
            n = int(rows["nps"].n)
            detractors = round(rows["detractor_share"].value * n)
            found.recent_nps = RecentNps(n, detractors, float(rows["nps"].value), DETRACTOR_DAYS)
        found.exit_reasons = inputs.once(
            "exit_reasons", lambda: survey_reasons(base, "exit", inputs.start, end).execute()
        )
    if base.has("messages"):
        first = max(inputs.start, end - timedelta(days=CAMPAIGN_DAYS - 1))
        found.campaigns = inputs.once(
            "campaigns", lambda: campaign_rates(base, first, end).execute()
        )
    try:
        found.at_risk = risk.at_risk_table(inputs)
        values = value.clv_now(inputs).customers["clv"]
        found.high_value_clv = float(values.quantile(1 - HIGH_VALUE_SHARE))
    except (LoyalistError, ValueError):  # the Value and risk section says why
        pass
    return found


def build(inputs: ReportInputs) -> Section:
    """The What to do next section.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> inputs = ReportInputs.collect(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> build(inputs).blocks[0].kind
    'actions'
    """
    section = Section(
        "next",
        "What to do next",
        "Actions the numbers of this report call for, most urgent first. Each says what "
        "triggered it and the rule behind it, so you can judge it.",
    )
    actions = next_actions(evidence(inputs))
    section.add(Actions(actions))
    if not actions:
        section.add(Note("No rule fired: nothing in these numbers calls for action."))
    absent = [t for t in ("responses", "messages") if not inputs.base.has(t)]
    if absent:
        uses = {
            "responses": "detractors to contact and exit reasons",
            "messages": "campaigns with weak click-to-open rates",
        }
        section.add(missing(absent, "more actions (" + "; ".join(uses[t] for t in absent) + ")"))
    return section

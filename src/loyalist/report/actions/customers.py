"""Rules about particular customers: detractors, valuable customers at risk, exit reasons."""

from __future__ import annotations

from loyalist.report.actions.evidence import (
    AT_RISK_P,
    DETRACTOR_ALARM,
    EXIT_REASON_SHARE,
    HIGH_VALUE_SHARE,
    MIN_EXIT_ANSWERS,
    Action,
    Evidence,
)
from loyalist.report.labels import fmt


def contact_detractors(e: Evidence) -> Action | None:
    """Detractors of the last weeks: each one is a customer to call back.

    Examples
    --------
    >>> from loyalist.report.actions.evidence import RecentNps
    >>> contact_detractors(Evidence(recent_nps=RecentNps(answers=200, detractors=50, nps=10)))
    ... # doctest: +ELLIPSIS
    Action(title='Contact the 50 detractors of the last 90 days', ...priority=1)
    """
    nps = e.recent_nps
    if nps is None or nps.detractors < 1:
        return None
    share = nps.detractors / nps.answers
    why = (
        f"{nps.detractors:,} of the {nps.answers:,} customers who answered the NPS survey in "
        f"the last {nps.days} days scored 0-6 ({share:.0%}; NPS {nps.nps:.0f})."
    )
    if e.at_risk is not None and "detractor" in e.at_risk:
        both = e.at_risk[e.at_risk["detractor"].fillna(False).astype(bool)]
        both = both[both["p_churn"] >= AT_RISK_P]
        if len(both):
            why += (
                f" {len(both):,} detractors are also likely to leave (P(churn) ≥ {AT_RISK_P:.0%})."
            )
    return Action(
        f"Contact the {nps.detractors:,} detractors of the last {nps.days} days",
        why,
        "Call or write to each one, ask what went wrong and fix it; start with those at risk.",
        f"any customer whose latest NPS answer in the last {nps.days} days is 0-6",
        nps.detractors,
        1 if share >= DETRACTOR_ALARM else 2,
    )


def protect_high_value(e: Evidence) -> Action | None:
    """Valuable customers likely to leave: proactive outreach before they do.

    Examples
    --------
    >>> import pandas as pd
    >>> risk = pd.DataFrame({"customer_id": list("abcde"), "p_churn": [0.9, 0.6, 0.2, 0.8, 0.1],
    ...                      "clv": [500.0, 90.0, 400.0, 10.0, 20.0]})
    >>> risk["value_at_risk"] = risk.p_churn * risk.clv
    >>> protect_high_value(Evidence(currency="EUR", at_risk=risk)).customers
    1
    >>> protect_high_value(Evidence(at_risk=risk, high_value_clv=80.0)).customers  # a and b
    2
    """
    risk = e.at_risk
    if risk is None or risk.empty:
        return None
    threshold = e.high_value_clv
    if threshold is None:
        threshold = float(risk["clv"].quantile(1 - HIGH_VALUE_SHARE))
    chosen = risk[(risk["p_churn"] >= AT_RISK_P) & (risk["clv"] >= threshold)]
    if chosen.empty:
        return None
    at_stake = float(chosen["value_at_risk"].sum())
    total = float(risk["value_at_risk"].sum())
    return Action(
        f"Reach out to {len(chosen):,} valuable customers at risk",
        f"{len(chosen):,} customers in the top {HIGH_VALUE_SHARE:.0%} by CLV (CLV ≥ "
        f"{fmt(threshold, 'money', e.currency)}) have P(churn) ≥ {AT_RISK_P:.0%}: "
        f"{fmt(at_stake, 'money', e.currency)} of value at risk, "
        f"{at_stake / total:.0%} of the value at risk of the {len(risk):,} customers listed.",
        "Personal contact from their account or service team, a relevant offer, and a check "
        "of their last experience; the at-risk list gives each one's reasons.",
        f"P(churn) ≥ {AT_RISK_P:.0%} and CLV in the top {HIGH_VALUE_SHARE:.0%}",
        len(chosen),
        1,
    )


def address_exit_reason(e: Evidence) -> Action | None:
    """The reason most leaving customers give, when one stands out.

    Examples
    --------
    >>> import pandas as pd
    >>> reasons = pd.DataFrame({"reason": ["price", "service"], "answers": [30, 10],
    ...                         "share": [0.75, 0.25]})
    >>> address_exit_reason(Evidence(exit_reasons=reasons)).title
    "Address the top reason customers leave: 'price'"
    """
    table = e.exit_reasons
    if table is None or table.empty:
        return None
    total = int(table["answers"].sum())
    top = table.sort_values("answers", ascending=False).iloc[0]
    if total < MIN_EXIT_ANSWERS or top["share"] < EXIT_REASON_SHARE:
        return None
    return Action(
        f"Address the top reason customers leave: '{top['reason']}'",
        f"{top['share']:.0%} of the {total:,} exit-survey answers give '{top['reason']}'.",
        "Look into it with the team that owns it; tell customers what changed.",
        f"one reason is {EXIT_REASON_SHARE:.0%}+ of {MIN_EXIT_ANSWERS}+ exit answers",
        int(top["answers"]),
        2,
    )

"""What to do next: each rule on hand-made numbers, at and around its threshold."""

from __future__ import annotations

from datetime import date

import pandas as pd

from loyalist.report import actions as act
from loyalist.report.actions import Evidence, RecentNps, next_actions


def test_detractors_fire_from_one_and_are_urgent_from_a_fifth() -> None:
    assert act.contact_detractors(Evidence(recent_nps=RecentNps(100, 0, 50.0))) is None
    one = act.contact_detractors(Evidence(recent_nps=RecentNps(100, 1, 50.0)))
    assert one is not None and one.customers == 1 and one.priority == 2
    # 20 of 100 answers is exactly the alarm share (20 %): first priority
    alarm = act.contact_detractors(Evidence(recent_nps=RecentNps(100, 20, 10.0)))
    assert alarm.priority == 1
    assert "20 of the 100 customers" in alarm.why and "NPS 10" in alarm.why
    assert act.contact_detractors(Evidence(recent_nps=RecentNps(100, 19, 10.0))).priority == 2


def test_detractors_also_at_risk_are_counted() -> None:
    risk = pd.DataFrame(
        {"customer_id": ["a", "b", "c"], "p_churn": [0.9, 0.3, 0.7],
         "clv": [1.0, 1.0, 1.0], "value_at_risk": [0.9, 0.3, 0.7],
         "detractor": [True, True, False]}
    )  # fmt: skip
    # a: detractor and P(churn) 0.9 >= 0.5; b is a detractor at 0.3; c is not a detractor
    action = act.contact_detractors(Evidence(recent_nps=RecentNps(10, 2, 0.0), at_risk=risk))
    assert "1 detractors are also likely to leave" in action.why


def test_high_value_at_risk() -> None:
    # CLV 10, 20, ..., 100: the top 10 % starts at the 90th percentile = 91 (numpy's linear
    # interpolation between 90 and 100); only customer j (CLV 100) qualifies by value, and
    # has P(churn) 0.5 (0.5 itself counts).
    risk = pd.DataFrame(
        {"customer_id": list("abcdefghij"), "clv": [10.0 * k for k in range(1, 11)],
         "p_churn": [0.9] * 8 + [0.49, 0.5]}
    )  # fmt: skip
    risk["value_at_risk"] = risk.p_churn * risk.clv
    action = act.protect_high_value(Evidence(currency="EUR", at_risk=risk))
    assert action.customers == 1 and action.priority == 1
    # at stake: 0.5 x 100 = 50 of 0.9 x 360 + 0.49 x 90 + 50 = 418.1 -> 12 %
    assert "EUR 50.00 of value at risk, 12% of the value at risk of the 10" in action.why
    # with the threshold from all customers' CLV (say 60): f, g, h (0.9) and j (0.5) qualify,
    # i (CLV 90) does not at P(churn) 0.49
    assert act.protect_high_value(Evidence(at_risk=risk, high_value_clv=60.0)).customers == 4
    risk.loc[9, "p_churn"] = 0.49  # j just below: nobody
    assert act.protect_high_value(Evidence(at_risk=risk.assign(value_at_risk=1.0))) is None


def cohorts(active: list[int], members: int = 100) -> pd.DataFrame:
    starts = [f"2024-{m:02d}-01" for m in range(1, len(active) + 1)]
    return pd.DataFrame(
        {"cohort": starts, "offset": 1, "members": members, "active": active}
    ).assign(share=lambda t: t.active / t.members)


def test_lagging_cohorts() -> None:
    # six cohorts of 100: 20, 20, 20, 20, 20, 10 came back -> pooled 110 / 600 = 18.3 %;
    # 80 % of that is 14.7 %: the June cohort (10 %) lags, the others do not
    table = cohorts([20, 20, 20, 20, 20, 10])
    action = act.onboard_lagging_cohorts(Evidence(cohorts=table, last_complete=date(2024, 7, 1)))
    assert action.customers == 100
    assert "Jun 2024 (10%)" in action.why and "18% for the last 6 cohorts" in action.why
    # July is not complete: June's second month is not judged, nothing lags any more
    early = Evidence(cohorts=table, last_complete=date(2024, 6, 1))
    assert act.onboard_lagging_cohorts(early) is None
    # a cohort under 30 members is too small to judge
    small = table.assign(members=[100] * 5 + [29])
    assert act.onboard_lagging_cohorts(Evidence(cohorts=small)) is None
    # 15 of 100 is above 14.7 %... of the new pool (115 / 600 = 19.2 % -> 15.3 %): lags
    assert act.onboard_lagging_cohorts(Evidence(cohorts=cohorts([20] * 5 + [15]))) is not None
    assert act.onboard_lagging_cohorts(Evidence(cohorts=cohorts([20] * 5 + [17]))) is None


def test_weak_campaigns() -> None:
    # overall click-to-open 140 / 700 = 20 %; threshold 75 % of it = 15 %.
    # b: 14 / 100 = 14 % (weak); c: 16 / 100 = 16 % (fine); d: 10 / 99 opens (too few to judge)
    campaigns = pd.DataFrame(
        {"campaign": ["a", "b", "c", "d"], "delivered": [2000, 500, 500, 500],
         "opened": [401, 100, 100, 99], "clicked": [100, 14, 16, 10]}
    )  # fmt: skip
    action = act.fix_weak_campaigns(Evidence(campaigns=campaigns))
    assert action.title == "Rework 1 campaign with weak click-to-open rates"
    assert action.why.startswith("Click-to-open rate of b 14.0%, against 20.0%")
    assert action.customers == 100 and action.priority == 3


def test_off_track_goals_only() -> None:
    goals = pd.DataFrame(
        {"metric": ["nps", "customer_retention_rate", "dau_mau"],
         "period": ["month", "month", "month"], "goal": [40.0, 0.85, 0.2],
         "period_start": [date(2024, 5, 1)] * 3, "value": [25.0, 0.9, None],
         "on_track": [False, True, None]}
    )  # fmt: skip
    found = act.recover_goals(Evidence(goals=goals))
    assert [a.title for a in found] == ["Get NPS to its goal of 40"]
    assert found[0].why == "NPS was 25 in May 2024, against a goal of 40 per month."
    assert "Loyalty section" in found[0].what


def test_exit_reason_needs_a_fifth_of_twenty_answers() -> None:
    reasons = pd.DataFrame({"reason": ["price", "other"], "answers": [4, 16]})
    reasons["share"] = reasons.answers / 20
    assert act.address_exit_reason(Evidence(exit_reasons=reasons)) is not None  # 20 %, 20
    assert act.address_exit_reason(Evidence(exit_reasons=reasons.head(1))) is None  # 4 answers
    lower = reasons.assign(answers=[3, 17]).assign(share=lambda t: t.answers / 20)
    assert act.address_exit_reason(Evidence(exit_reasons=lower)).title.endswith("'other'")


def test_actions_sorted_by_priority() -> None:
    evidence = Evidence(
        recent_nps=RecentNps(100, 5, 30.0),  # priority 2
        campaigns=pd.DataFrame(
            {"campaign": ["a", "b"], "delivered": [900, 900], "opened": [400, 400],
             "clicked": [100, 10]}
        ),  # priority 3
        goals=pd.DataFrame(
            {"metric": ["nps"], "period": ["month"], "goal": [40.0],
             "period_start": [date(2024, 5, 1)], "value": [30.0], "on_track": [False]}
        ),  # priority 2
    )  # fmt: skip
    found = next_actions(evidence)
    assert [a.priority for a in found] == [2, 2, 3]
    assert found[-1].title.startswith("Rework")

"""Survey answers as of a cut-off: latest NPS and CSAT, exit-survey and product-survey reasons.

Read from ``responses``, answers given on or before the cut-off day only. "Latest" is the
answer with the latest ``responded_at``; the days since it are counted in local days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis.expr.types as ir

from loyalist.churn.cutoff import Cutoff

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

COLUMNS = {
    "latest_nps": "the latest NPS answer, 0-10",
    "days_since_nps": "days since that answer",
    "latest_csat": "the latest CSAT answer, 1-5",
    "days_since_csat": "days since that answer",
    "exit_reason": "reason given in the latest exit survey (empty: none answered)",
    "days_since_exit": "days since that exit-survey answer",
    "value_reason": "what brings the customer back, from the latest product survey",
}
FILL: dict[str, object] = {}
#: Scored surveys: feature name -> survey.
SCORED = {"nps": "nps", "csat": "csat"}
#: Surveys answered with a reason: feature name -> survey.
REASONS = {"exit": "exit", "value": "product"}


def survey_features(base: CustomerBase, cut: Cutoff) -> ir.Table:
    """One row per customer who answered a survey on or before the cut-off.

    Columns: ``customer_id`` and those of :data:`COLUMNS` the data can give (scores need a
    ``score`` column, reasons a ``reason`` column).

    Examples
    --------
    >>> from datetime import date
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> answers = pd.DataFrame({"customer_id": ["a", "a", "a"], "survey": ["nps"] * 3,
    ...     "responded_at": pd.to_datetime(["2024-01-05", "2024-03-02", "2024-04-09"], utc=True),
    ...     "score": [9.0, 3.0, 10.0]})  # the last answer comes after the cut-off
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-01"], "amount": [9.5]})
    >>> base = CustomerBase.from_frames(orders=orders, responses=answers)
    >>> row = survey_features(base, Cutoff(date(2024, 3, 31), "UTC")).execute().iloc[0]
    >>> float(row.latest_nps), int(row.days_since_nps)
    (3.0, 29)
    """
    answers = base.table("responses")
    answers = answers.filter(cut.known(answers.responded_at))
    wanted: dict[str, ir.Value] = {}
    surveys: dict[str, ir.BooleanValue] = {}
    if "score" in answers.columns:
        for name, survey in SCORED.items():
            chosen = (answers.survey == survey) & answers.score.notnull()
            wanted[f"latest_{name}"] = answers.score.argmax(answers.responded_at, where=chosen)
            surveys[name] = chosen
    for name, survey in REASONS.items():
        chosen = answers.survey == survey
        if "reason" in answers.columns:
            reason = answers.reason.argmax(answers.responded_at, where=chosen)
            wanted[f"{name}_reason"] = reason
        if name == "exit":
            surveys[name] = chosen
    for name, chosen in surveys.items():
        wanted[f"at_{name}"] = answers.responded_at.max(where=chosen)
    per = answers.group_by("customer_id").agg(**wanted)
    since = {
        f"days_since_{name}": cut.days_since(cut.local_day(per[f"at_{name}"])) for name in surveys
    }
    order = [c for c in COLUMNS if c in wanted or c in since]
    return per.mutate(**since).select("customer_id", *order)

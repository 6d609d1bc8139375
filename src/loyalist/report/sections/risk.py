"""The risk half of Value and risk: the customers most worth keeping, and where they are.

The at-risk list comes from the churn model (``base.at_risk``, :mod:`loyalist.churn`): P(churn)
within :data:`HORIZON_DAYS` days, value at risk = P(churn) × CLV, the main reasons of each
customer. Without a churn model (an older installation) the section says so.
"""

from __future__ import annotations

import pandas as pd

from loyalist.errors import LoyalistError
from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import fmt
from loyalist.report.page import Note, Numbers, Section, because

#: How many customers at risk the report lists, how many it scores and explains (the
#: at-risk list's default), and the churn model's horizon in days.
TOP_AT_RISK = 20
SCORED = 200
HORIZON_DAYS = 90


def at_risk_table(inputs: ReportInputs) -> pd.DataFrame | None:
    """The :data:`SCORED` customers with the most value at risk at the end of the range, with
    their reasons, or None when the installation has no churn model.

    Scored once per report; when the data cannot support a churn model the same error is
    raised again on every call (a ``ValueError``: a :class:`~loyalist.errors.LoyalistError`
    saying why, or the model's own complaint about the data).
    """
    if not hasattr(inputs.base, "at_risk"):
        return None
    result = inputs.once("at_risk", lambda: _score(inputs))
    if isinstance(result, Exception):
        raise result
    return result


def _score(inputs: ReportInputs) -> pd.DataFrame | Exception:
    try:
        return inputs.base.at_risk(  # type: ignore[no-any-return]
            top=SCORED, horizon_days=HORIZON_DAYS, as_of=inputs.end, progress=inputs.say
        )
    except (LoyalistError, ValueError) as exc:
        return exc


def add_risk(section: Section, inputs: ReportInputs) -> None:
    """Add the customers at risk and the value at risk by segment to ``section``."""
    try:
        table = at_risk_table(inputs)
    except (LoyalistError, ValueError) as exc:
        section.add(Note(because("No churn scores for this data", exc)))
        return
    if table is None:
        section.add(
            Note("This installation has no churn model (loyalist.churn): value at risk skipped.")
        )
        return
    money = inputs.currency
    top = table.head(TOP_AT_RISK)
    listed = top.assign(
        reasons=top["reasons"].map(
            lambda r: "; ".join(r) or "–" if isinstance(r, list | tuple) else r
        )
    )
    columns = [
        c
        for c in (
            "customer_id",
            "p_churn",
            "clv",
            "value_at_risk",
            "rung",
            "rfm_segment",
            "latest_nps",
            "reasons",
        )
        if c in listed
    ]
    numbers = Numbers.from_frame(
        listed[columns],
        f"Top {len(listed)} customers at risk",
        {
            "p_churn": "{:.0%}".format,
            "clv": lambda v: fmt(v, "money", money),
            "value_at_risk": lambda v: fmt(v, "money", money),
            "latest_nps": "{:.0f}".format,
        },
        {
            "customer_id": "customer",
            "p_churn": "P(churn)",
            "clv": "CLV",
            "value_at_risk": "value at risk",
            "rfm_segment": "RFM segment",
            "latest_nps": "NPS",
        },
        note=f"P(churn) = no order in the next {HORIZON_DAYS} days; reasons: what raises "
        "each customer's risk most",
    )
    section.figure(
        "at_risk_customers",
        lambda: charts.at_risk_customers(table, 15, money),
        caption="Customers at risk",
    )
    section.add(numbers)
    for by, name in (("rfm_segment", "RFM segment"), ("rung", "ladder rung")):
        if by not in table:
            continue
        grouped = table.groupby(by, observed=True).agg(
            customers=("customer_id", "size"),
            value_at_risk=("value_at_risk", "sum"),
            clv=("clv", "sum"),
        )
        grouped = grouped.reset_index().rename(columns={by: "segment"})
        grouped = grouped.sort_values("value_at_risk", ascending=False)
        section.figure(
            f"value_at_risk_{by}",
            lambda g=grouped, n=name: charts.value_at_risk_by_segment(
                g, money, n, f"the {len(table):,} customers with the most value at risk"
            ),
            lambda g=grouped, n=name: Numbers.from_frame(
                g.assign(share=g["value_at_risk"] / g["value_at_risk"].sum()),
                f"Value at risk by {n}",
                {
                    "customers": "{:,}".format,
                    "value_at_risk": lambda v: fmt(v, "money", money),
                    "clv": lambda v: fmt(v, "money", money),
                    "share": "{:.1%}".format,
                },
                {"value_at_risk": "value at risk", "clv": "CLV", "share": "share of risk"},
            ),
            f"Value at risk by {name}",
        )

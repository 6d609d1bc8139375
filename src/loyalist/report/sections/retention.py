"""Retention: do customers buy again? CRR and churn, cohorts, repeat purchases, renewals."""

from __future__ import annotations

import pandas as pd

from loyalist.metrics.cohorts import AVERAGE
from loyalist.metrics.retention import purchase_gaps
from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import period_name
from loyalist.report.page import Numbers, Section, missing
from loyalist.report.sections.common import add_trend, recent_numbers

#: Offsets of the pooled cohort row listed next to the heat maps.
COHORT_OFFSETS = 6


def cohort_period(period: str) -> str:
    """Cohorts by day would be thousands of rows: daily reports group cohorts by week."""
    return "week" if period == "day" else period


def cohort_tables(inputs: ReportInputs) -> dict[str, pd.DataFrame]:
    """The cohort table in both modes (``on`` and ``on_or_after``), computed once."""
    period = cohort_period(inputs.period)
    return {
        mode: inputs.once(
            f"cohorts:{mode}",
            lambda m=mode: inputs.base.cohorts(period, m, inputs.start, inputs.end),
        )
        for mode in ("on", "on_or_after")
    }


def build(inputs: ReportInputs) -> Section:
    """The Retention section.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> inputs = ReportInputs.collect(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> [f.key for f in build(inputs).figures]  # doctest: +NORMALIZE_WHITESPACE
    ['retention_rate', 'cohorts_on', 'cohorts_on_or_after', 'repeat_purchase',
     'time_between_purchases']
    """
    section = Section(
        "retention",
        "Retention",
        "Retention is buying again or renewing. The customer retention rate (CRR) is the share "
        "of the customers on the books at the start of a period still on the books at its end, "
        "new customers left out; churn is its complement.",
    )
    _retention_rate(section, inputs)
    _cohorts(section, inputs)
    add_trend(
        section,
        inputs,
        "repeat_purchase",
        ["repeat_purchase_rate", "returning_customer_rate"],
        title="Repeat and returning customers",
        subtitle=f"Of the customers who ordered in a {inputs.period}: the share who ordered on "
        "two or more days in it (repeat), and the share who had ordered before (returning)",
    )
    _gaps(section, inputs)
    if not inputs.base.has("subscriptions"):
        section.add(missing(["subscriptions"], "renewal rates and revenue retention"))
    else:
        add_trend(
            section,
            inputs,
            "renewals",
            ["renewal_rate"],
            title="Renewal rate",
            subtitle="Of the subscriptions due for renewal in the period, the share renewed",
        )
        add_trend(
            section,
            inputs,
            "revenue_retention",
            ["net_revenue_retention", "gross_revenue_retention"],
            title="Net and gross revenue retention",
            subtitle="Recurring revenue kept from the customers paying at the start of the period",
        )
    return section


def _retention_rate(section: Section, inputs: ReportInputs) -> None:
    """CRR with its goal; churn (its complement) in the subtitle and the numbers."""
    if not inputs.has("customer_retention_rate"):
        return
    latest = inputs.complete("churn_rate")
    churn = ""
    if len(latest):
        row = latest.iloc[-1]
        churn = f"; churn {row['value']:.1%} in {period_name(row['period_start'], inputs.period)}"
    section.figure(
        "retention_rate",
        lambda: charts.metric_trend(
            inputs.metrics,
            ["customer_retention_rate"],
            title="Customer retention rate and churn",
            subtitle=f"Per {inputs.period}, 95 % intervals, dashed: the goal; churn = 1 - CRR"
            + churn,
        ),
        lambda: recent_numbers(inputs, ["customer_retention_rate", "churn_rate"]),
        "Customer retention rate",
    )


def _cohorts(section: Section, inputs: ReportInputs) -> None:
    period = cohort_period(inputs.period)
    for mode, table in cohort_tables(inputs).items():
        pooled = table[(table["cohort"] == AVERAGE) & table["offset"].between(1, COHORT_OFFSETS)]
        numbers = Numbers.from_frame(
            pooled[["offset", "members", "active", "share"]],
            "All cohorts pooled",
            {
                "members": "{:,}".format,
                "active": "{:,}".format,
                "share": "{:.1%}".format,
            },
            {"offset": f"{period}s later", "members": "customers followed"},
            note="Customers active ÷ customers of the cohorts old enough (not a mean of shares)",
        )
        section.figure(
            f"cohorts_{mode}",
            lambda t=table, m=mode: charts.cohort_heatmap(t, m, period),
            lambda n=numbers: n,
            "Cohort retention",
        )


def _gaps(section: Section, inputs: ReportInputs) -> None:
    hist = inputs.once(
        "purchase_gaps",
        lambda: purchase_gaps(inputs.base, inputs.start, inputs.end, bin_days=7).execute(),
    )
    if hist.empty:
        section.figure(
            "time_between_purchases",
            lambda: charts.purchase_gap_histogram(hist),
            caption="Time between purchases",
        )
        return
    first = hist.iloc[0]
    numbers = Numbers(
        "Days between purchases",
        ["", "days"],
        [
            ["first quartile", f"{first['q1']:g}"],
            ["median", f"{first['median']:g}"],
            ["third quartile", f"{first['q3']:g}"],
            ["repeat purchases", f"{int(first['n']):,}"],
        ],
        [False, True],
        note="Orders of a customer on the same day count as one purchase",
    )
    section.figure(
        "time_between_purchases",
        lambda: charts.purchase_gap_histogram(hist),
        lambda: numbers,
        "Time between purchases",
    )

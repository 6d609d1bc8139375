"""Loyalty: would customers recommend you? NPS, CSAT, referrals, exit reasons, engagement."""

from __future__ import annotations

from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.page import Numbers, Section, missing
from loyalist.report.queries import engagement_bins, survey_reasons
from loyalist.report.sections.common import add_trend, recent_numbers


def build(inputs: ReportInputs) -> Section:
    """The Loyalty section.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> inputs = ReportInputs.collect(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> [f.key for f in build(inputs).figures]
    ['engagement_trend', 'engagement_distribution']
    """
    section = Section(
        "loyalty",
        "Loyalty",
        "Loyalty is attachment: customers who would recommend you (NPS), are satisfied (CSAT) "
        "and bring others (referrals). Survey answers are the customers' own words; the "
        "engagement index sums up how active each customer on the books is.",
    )
    if inputs.base.has("responses"):
        _surveys(section, inputs)
    else:
        section.add(
            missing(
                ["responses"],
                "NPS with its promoters, passives and detractors, CSAT and exit-survey reasons",
            )
        )
    if inputs.base.has("referrals"):
        add_trend(
            section,
            inputs,
            "referrals",
            ["referral_rate", "referred_share"],
            title="Referrals",
            subtitle="Share of buying customers who referred someone, and share of new "
            "customers who came through a referral",
        )
    else:
        section.add(missing(["referrals"], "referral rates"))
    _engagement(section, inputs)
    return section


def _surveys(section: Section, inputs: ReportInputs) -> None:
    add_trend(
        section,
        inputs,
        "nps",
        ["nps"],
        title="Net Promoter Score",
        subtitle="Promoters (9-10) minus detractors (0-6), in points; latest answer of each "
        f"customer per {inputs.period}; 95 % interval from the NPS standard error",
    )
    if inputs.has("promoter_share", "passive_share", "detractor_share"):
        section.figure(
            "nps_split",
            lambda: charts.nps_split(inputs.metrics, inputs.period),
            lambda: recent_numbers(
                inputs, ["promoter_share", "passive_share", "detractor_share"], with_interval=False
            ),
            "Promoters, passives and detractors",
        )
    add_trend(
        section,
        inputs,
        "csat",
        ["csat"],
        title="Customer satisfaction (CSAT)",
        subtitle="Share of answers 4 or 5 out of 5, with Wilson 95 % intervals",
    )
    reasons = inputs.once(
        "exit_reasons",
        lambda: survey_reasons(inputs.base, "exit", inputs.start, inputs.end).execute(),
    )
    total = int(reasons["answers"].sum()) if len(reasons) else 0
    section.figure(
        "exit_reasons",
        lambda: charts.reason_bars(
            reasons,
            "Why customers leave",
            f"{total:,} answers to the exit survey between {inputs.start:%-d %b %Y} and "
            f"{inputs.end:%-d %b %Y}",
        ),
        lambda: Numbers.from_frame(
            reasons,
            "Exit-survey answers",
            {"answers": "{:,}".format, "share": "{:.1%}".format},
        ),
        "Exit-survey reasons",
    )


def _engagement(section: Section, inputs: ReportInputs) -> None:
    add_trend(
        section,
        inputs,
        "engagement_trend",
        ["engagement_index"],
        title="Engagement index",
        subtitle="Mean over the customers on the books at the end of each period (0-100)",
    )
    bins = inputs.once(
        "engagement_bins", lambda: engagement_bins(inputs.base, inputs.end).execute()
    )
    signals = ["recency", "orders in the active window"]
    signals += ["active days in the last 28"] * inputs.base.has("events")
    signals += ["e-mail click-to-open"] * inputs.base.has("messages")
    signals += ["latest survey score"] * inputs.base.has("responses")
    total = max(int(bins["customers"].sum()), 1)
    quarter = (bins["bin_start"] // 25).clip(upper=3)
    bands = bins.groupby(quarter)["customers"].sum()
    rows = [
        [f"{25 * q} – {25 * q + 25}", f"{int(bands.get(q, 0)):,}", f"{bands.get(q, 0) / total:.1%}"]
        for q in range(4)
    ]
    numbers = Numbers(
        "Customers per quarter of the scale",
        ["index", "customers", "share"],
        rows,
        [False, True, True],
        note="Index = mean percentile rank of: " + ", ".join(signals),
    )
    section.figure(
        "engagement_distribution",
        lambda: charts.engagement_histogram(bins, f"{inputs.end:%-d %b %Y}"),
        lambda: numbers,
        "Engagement index",
    )

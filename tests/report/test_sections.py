"""Each section on small data: hand-made orders with answers worked out by hand, a demo business
with every table, and orders alone (sections without their data say what would fill them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from loyalist import CustomerBase
from loyalist.report.build import SECTIONS, build_sections
from loyalist.report.gather import ReportInputs
from loyalist.report.page import Cards, Note, Numbers, Section
from loyalist.report.sections import (
    loyalty,
    next_steps,
    retention,
    risk,
    segment_loyalty,
    segments,
    stickiness,
    summary,
    value,
)


@pytest.fixture(scope="module")
def tiny(tiny_base: CustomerBase) -> ReportInputs:
    return ReportInputs.collect(tiny_base)


def notes(section: Section, missing: bool = True) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Note) and b.missing == missing]


def table(section: Section, title: str) -> Numbers:
    found = [b for b in section.blocks if isinstance(b, Numbers) and b.title == title]
    found += [
        b.numbers for b in section.figures if b.numbers is not None and b.numbers.title == title
    ]
    assert found, f"no table {title!r} in {section.key}"
    return found[0]


# -- hand-made orders ------------------------------------------------------------------------
# a: 5 Jan, 10 Feb, 3 Mar · b: 20 Jan · c: 15 Feb, 20 Mar · d: 10 Mar; active window 30 days.
# The range is 5 Jan - 20 Mar 2024: January starts before it and March is cut short, so
# February is the only complete month.
# CRR February: on the books on 1 Feb = a (5 Jan), b (20 Jan) -> S = 2; at the end of February
# a (10 Feb) and c (15 Feb), not b (20 Jan is 40 days before) -> E = 2; new: c -> N = 1;
# CRR = (2 - 1) / 2 = 50 %, Wilson 95 % interval of 1 out of 2: 9.5 % - 90.5 %.
# CRR March (to the 20th): S = a, c = 2; E = a, c, d = 3; N = d -> (3 - 1) / 2 = 100 %.


def test_only_whole_periods_are_complete(tiny: ReportInputs) -> None:
    assert (tiny.start, tiny.end) == (date(2024, 1, 5), date(2024, 3, 20))
    assert tiny.complete("customer_retention_rate").period_start.tolist() == [date(2024, 2, 1)]
    assert tiny.last_complete == date(2024, 2, 1)
    assert tiny.is_complete(date(2024, 2, 1), date(2024, 2, 29))
    assert not tiny.is_complete(date(2024, 3, 1), date(2024, 3, 20))  # cut short
    assert not tiny.is_complete(date(2024, 1, 1), date(2024, 1, 31))  # starts before the range


def test_summary_headline_is_the_latest_complete_period(tiny: ReportInputs) -> None:
    section = summary.build(tiny)
    cards = {c.family: c for c in section.blocks[0].cards}
    retention_card = cards["retention"]
    assert (retention_card.value, retention_card.period) == ("50.0%", "Feb 2024")
    assert retention_card.interval == "9.5% – 90.5%"
    assert retention_card.change == ""  # no complete month before February
    assert retention_card.span == "Feb 2024 – Mar 2024"
    # no events: the stickiness card says which table would measure it
    assert cards["stickiness"].value == "–"
    assert "events table (customer_id, occurred_at)" in cards["stickiness"].note
    assert cards["loyalty"].label == "Engagement index"  # NPS needs answers: a stand-in
    assert cards["loyalty"].hint == "NPS needs the responses table"
    assert "No goals are set" in section.blocks[1].text


def test_latest_periods_table_marks_the_partial_one(tiny: ReportInputs) -> None:
    section = retention.build(tiny)
    numbers = table(section, "Latest periods")
    assert numbers.columns[:2] == ["period", "Customer retention rate"]
    assert [row[:2] for row in numbers.rows] == [["Mar 2024 *", "100.0%"], ["Feb 2024", "50.0%"]]
    assert numbers.note == "* month not yet complete in the data"
    assert notes(section) and "subscriptions table" in notes(section)[0]


def test_lifecycle_numbers(tiny: ReportInputs) -> None:
    # January: a and b new. February: c new, a returning, b dormant -> net change
    # 1 + 0 - 1 = 0, quick ratio (1 + 0) / 1 = 1.0. March: d new, a and c returning.
    section = stickiness.build(tiny)
    assert [f.key for f in section.figures] == ["lifecycle"]
    rows = {row[0]: row[1:] for row in table(section, "Latest periods").rows}
    assert rows["Feb 2024"] == ["1", "1", "0", "1", "+0", "1.0"]
    assert rows["Mar 2024"] == ["1", "2", "0", "0", "+1", "–"]
    assert any("events table" in n for n in notes(section))


def test_orders_alone_every_section_builds_and_says_what_is_missing(
    tiny: ReportInputs,
) -> None:
    built = {s.key: s for s in build_sections(tiny)}
    assert list(built) == ["summary", "retention", "stickiness", "loyalty", "segments",
                           "value", "next", "definitions"]  # fmt: skip
    assert len(built) == len(SECTIONS)
    said = " ".join(n for s in built.values() for n in notes(s))
    for name in ("events", "responses", "subscriptions", "referrals", "messages"):
        assert f"[tables.{name}]" in said or name in said
    # four customers cannot fit a purchase model: the section says so instead of failing
    assert any("No lifetime value" in n or "holdout" in n for n in notes(built["value"], False))


# -- the demo business (every table) ---------------------------------------------------------
EXPECTED = {
    "summary": ["headline_stickiness", "headline_retention", "headline_loyalty"],
    "retention": ["retention_rate", "cohorts_on", "cohorts_on_or_after", "repeat_purchase",
                  "time_between_purchases", "renewals", "revenue_retention"],
    "stickiness": ["active_customers", "dau_mau", "power_users", "lifecycle", "sessions",
                   "stickiness_by_value"],
    "loyalty": ["nps", "nps_split", "csat", "exit_reasons", "referrals", "engagement_trend",
                "engagement_distribution"],
    "segments": ["rfm_grid", "ladder", "ladder_transitions", "compare_csat"],
    "value": ["clv_distribution", "holdout_by_frequency", "holdout_tracking",
              "at_risk_customers", "value_at_risk_rfm_segment", "value_at_risk_rung"],
}  # fmt: skip


@pytest.mark.parametrize(
    "build",
    [summary.build, retention.build, stickiness.build, loyalty.build, segments.build, value.build],
    ids=list(EXPECTED),
)
def test_demo_sections_have_every_chart(
    demo_inputs: ReportInputs, build: Callable[[ReportInputs], Section]
) -> None:
    section = build(demo_inputs)
    keys = [f.key for f in section.figures]
    for key in EXPECTED[section.key]:
        assert key in keys, f"{section.key} has no {key}: {keys}"
    assert not notes(section), notes(section)  # every table is there: nothing is missing
    for figure in section.figures:
        spec = figure.chart.to_dict()  # a valid Vega-Lite spec
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")


def test_demo_summary_goals_table(demo_inputs: ReportInputs) -> None:
    section = summary.build(demo_inputs)
    assert isinstance(section.blocks[0], Cards)
    goals = table(section, "Goals")
    # the demo's loyalist.toml sets four goals; repeat purchase rate is yearly
    assert [row[0] for row in goals.rows] == [
        "NPS", "Customer retention rate", "DAU/MAU", "Repeat purchase rate"
    ]  # fmt: skip
    assert goals.rows[0][1] == "40"  # set for no period in particular: checked per month here
    assert goals.rows[3][1] == "35.0% per year" and goals.rows[3][2] == "2024"
    assert {row[5] for row in goals.rows} <= {"on track", "off track"}
    values = summary.goal_values(demo_inputs)
    nps = values[values.metric == "nps"].iloc[0]
    assert bool(nps.on_track) == (nps.value >= 40)


def test_demo_power_user_table_adds_up(demo_inputs: ReportInputs) -> None:
    section = stickiness.build(demo_inputs)
    curve = demo_inputs.once("power_user_curve", lambda: None)
    curve = curve[curve.segment == "all"]
    rows = table(section, f"L28 up to {demo_inputs.end:%-d %b %Y}").rows
    assert rows[0][1] == f"{int(curve.customers.sum()):,}"
    assert rows[1][1] == f"{int(curve[curve.active_days >= 8].customers.sum()):,}"


def test_segment_comparison_leaves_out_tiny_segments(demo_inputs: ReportInputs) -> None:
    import pandas as pd

    # c has 2 customers and an interval of width 0: it would "differ" from everyone
    compared = pd.DataFrame(
        {"segment": ["a", "b", "c"], "value": [30.0, 32.0, 100.0], "ci_low": [20.0, 22.0, 100.0],
         "ci_high": [40.0, 42.0, 100.0], "n": [120.0, 150.0, 2.0], "differs": [True] * 3}
    )  # fmt: skip
    compared.attrs["pairs"] = pd.DataFrame(
        {"segment_a": ["a", "a", "b"], "segment_b": ["b", "c", "c"],
         "differs": [False, True, True]}
    )  # fmt: skip
    kept = segment_loyalty.large_enough(compared)
    assert kept.segment.tolist() == ["a", "b"] and not kept.differs.any()


def test_ladder_compares_at_most_a_year(demo_inputs: ReportInputs) -> None:
    start, end = segments.ladder_dates(demo_inputs)
    assert end == demo_inputs.end == date(2025, 6, 30)
    assert start == date(2024, 6, 30)  # two years of data: a year back, not the first month


def test_holdout_is_a_third_of_the_range_at_most_a_year() -> None:
    # 366 days in 2024: a third is 122 days -> calibration ends 122 days before 31 Dec
    assert value.holdout_start(date(2024, 1, 1), date(2024, 12, 31)) == date(2024, 8, 31)
    # four years: the holdout is capped at 365 days
    assert value.holdout_start(date(2021, 1, 1), date(2024, 12, 31)) == date(2024, 1, 1)
    assert value.holdout_start(date(2024, 1, 1), date(2024, 3, 1)) is None  # 61 days: too short


def test_next_steps_read_the_demo(demo_inputs: ReportInputs) -> None:
    found = next_steps.evidence(demo_inputs)
    assert found.recent_nps is not None and found.recent_nps.answers > 0
    assert 0 <= found.recent_nps.detractors <= found.recent_nps.answers
    assert found.campaigns is not None and set(found.campaigns.columns) >= {"opened", "clicked"}
    assert found.exit_reasons is not None and found.exit_reasons.share.sum() == pytest.approx(1)
    section = next_steps.build(demo_inputs)
    actions = section.blocks[0].actions
    assert actions and actions[0].priority <= actions[-1].priority
    assert any("detractors" in a.title for a in actions)


def test_demo_customers_at_risk(demo_inputs: ReportInputs) -> None:
    section = value.build(demo_inputs)
    scored = risk.at_risk_table(demo_inputs)
    assert scored is not None and len(scored) == risk.SCORED
    listed = table(section, f"Top {risk.TOP_AT_RISK} customers at risk")
    assert [row[0] for row in listed.rows] == scored.customer_id.head(risk.TOP_AT_RISK).tolist()
    assert listed.columns[-1] == "reasons"
    reasons = ["; ".join(r) or "–" for r in scored.reasons.head(risk.TOP_AT_RISK)]
    assert [row[-1] for row in listed.rows] == reasons
    # the value at risk by RFM segment adds up to the customers scored
    by_segment = table(section, "Value at risk by RFM segment")
    assert sum(int(row[1].replace(",", "")) for row in by_segment.rows) == len(scored)
    shares = [float(row[-1].rstrip("%")) for row in by_segment.rows]
    assert sum(shares) == pytest.approx(100, abs=0.1 * len(shares))


def test_one_count_column_unless_the_metrics_count_different_customers(
    demo_inputs: ReportInputs,
) -> None:
    from loyalist.report.sections.common import recent_numbers

    # CRR and churn are read off the same customers on the books: one n
    same = recent_numbers(demo_inputs, ["customer_retention_rate", "churn_rate"])
    assert same.columns.count("n") == 1
    # referral rate counts buying customers, referred share new customers: an n each
    both = recent_numbers(demo_inputs, ["referral_rate", "referred_share"])
    assert both.columns == ["period", "Referral rate", "95 % interval", "n",
                            "Referred share", "95 % interval", "n"]  # fmt: skip
    rows = demo_inputs.rows("referred_share").set_index("period_start")
    latest = rows.index.max()
    assert both.rows[0][-1] == f"{int(rows.loc[latest, 'n']):,}"


def test_a_goal_without_a_period_is_checked_where_its_metric_exists() -> None:
    import pandas as pd

    daily = ReportInputs(None, date(2025, 5, 1), date(2025, 6, 30), "day", pd.DataFrame())  # type: ignore[arg-type]
    # DAU/MAU needs a month at least; NPS works per day
    assert summary.goal_period("dau_mau", daily) == "month"
    assert summary.goal_period("nps", daily) == "day"
    monthly = ReportInputs(None, date(2025, 5, 1), date(2025, 6, 30), "month", pd.DataFrame())  # type: ignore[arg-type]
    assert summary.goal_period("dau_mau", monthly) == "month"

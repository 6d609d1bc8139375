"""Loyalty per segment: NPS, CSAT and referrals for each RFM segment, with intervals.

The metrics are computed by ``base.compare`` over the last :data:`COMPARE_DAYS` days of the
range, segments as of its end; a segment differs when a Holm-corrected pairwise test says so.
Segments with fewer than :data:`MIN_SEGMENT_N` customers are left out of the chart (a tiny
segment's interval can be degenerate and would "differ" from all others).
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from loyalist.errors import LoyalistError
from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import fmt, label, unit
from loyalist.report.page import Note, Numbers, Section, because, missing

#: Loyalty metrics compared across RFM segments, when their tables are present.
COMPARED = ("nps", "csat", "referral_rate")
#: The comparison covers this many days up to the end of the range (segments as of the end).
COMPARE_DAYS = 180
#: Segments with fewer customers than this in a comparison are left out of its chart.
MIN_SEGMENT_N = 30


def add_comparisons(section: Section, inputs: ReportInputs) -> None:
    """Add one chart per loyalty metric the data has, by RFM segment."""
    compared = [m for m in COMPARED if inputs.has(m)]
    if not compared:
        section.add(
            missing(
                ["responses", "referrals"],
                "loyalty metrics (NPS, CSAT, referrals) per RFM segment",
            )
        )
        return
    start = max(inputs.start, inputs.end - timedelta(days=COMPARE_DAYS - 1))
    for metric in compared:
        try:
            table = inputs.once(
                f"compare:{metric}",
                lambda m=metric: inputs.base.compare(m, "rfm_segment", start, inputs.end),
            )
        except LoyalistError as exc:
            section.add(Note(because(f"{label(metric)} by RFM segment", exc)))
            continue
        table = large_enough(table)
        if table.empty:
            section.add(
                Note(
                    f"{label(metric)} by RFM segment: no segment has {MIN_SEGMENT_N} customers "
                    f"with data in the last {COMPARE_DAYS} days."
                )
            )
            continue
        u = unit(metric)
        flagged = int(table["differs"].sum())
        numbers = Numbers.from_frame(
            table,
            f"{label(metric)}, {start:%-d %b %Y} to {inputs.end:%-d %b %Y}",
            {
                "value": lambda v, u=u: fmt(v, u),
                "ci_low": lambda v, u=u: fmt(v, u),
                "ci_high": lambda v, u=u: fmt(v, u),
                "n": "{:,.0f}".format,
                "differs": lambda v: "yes" if v else "",
            },
            {"ci_low": "95 % from", "ci_high": "to", "differs": "differs"},
            note="differs: from at least one other segment shown, beyond chance "
            f"(Holm-corrected pairwise tests at 5 %); {flagged} of {len(table)} segments. "
            f"Segments of fewer than {MIN_SEGMENT_N} customers are left out.",
        )
        section.figure(
            f"compare_{metric}",
            lambda t=table, m=metric: charts.segment_intervals(
                t,
                m,
                title=f"{label(m)} by RFM segment",
                subtitle=f"The last {COMPARE_DAYS} days; segments as of {inputs.end:%-d %b %Y}; "
                "red: differs from another segment beyond chance",
            ),
            lambda n=numbers: n,
            f"{label(metric)} by segment",
        )


def large_enough(table: pd.DataFrame) -> pd.DataFrame:
    """The segments with :data:`MIN_SEGMENT_N` customers or more; ``differs`` recomputed from
    the pairwise tests among them (a tiny segment with a degenerate interval would otherwise
    flag every other one)."""
    kept = table[table["n"] >= MIN_SEGMENT_N].copy()
    pairs = table.attrs.get("pairs")
    if pairs is not None and len(kept) < len(table):
        names = set(kept["segment"])
        among = pairs[pairs["segment_a"].isin(names) & pairs["segment_b"].isin(names)]
        among = among[among["differs"]]
        flagged = set(among["segment_a"]) | set(among["segment_b"])
        kept["differs"] = kept["segment"].isin(flagged)
    return kept.reset_index(drop=True)

"""Segments: the RFM grid, the loyalty ladder and its movements, loyalty per segment.

Uses :mod:`loyalist.segments`; without it (an older install) the section says so.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from loyalist.metrics import periods
from loyalist.report import charts
from loyalist.report.charts.ladder import RUNG_NAMES
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import fmt
from loyalist.report.page import Note, Numbers, Section
from loyalist.report.queries import rfm_cells
from loyalist.report.sections import segment_loyalty

#: The ladder compares two dates at most this many years apart.
LADDER_YEARS = 1


def build(inputs: ReportInputs) -> Section:
    """The Segments section.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> inputs = ReportInputs.collect(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> [f.key for f in build(inputs).figures]
    ['rfm_grid', 'ladder', 'ladder_transitions']
    """
    section = Section(
        "segments",
        "Segments",
        "RFM scores every customer 1-5 on recency, frequency and spend against the others and "
        "names the segment; the loyalty ladder puts each customer on one rung: one-time, "
        "retained (two or more orders), sticky (habitual), loyal (an advocate), or lapsed "
        f"(no order in the last {inputs.base.config.business.active_window_days} days).",
    )
    try:
        import loyalist.segments  # noqa: F401
    except ImportError:
        return section.add(
            Note("This installation has no loyalist.segments package: RFM and ladder skipped.")
        )
    _rfm(section, inputs)
    _ladder(section, inputs)
    segment_loyalty.add_comparisons(section, inputs)
    return section


def _rfm(section: Section, inputs: ReportInputs) -> None:
    from loyalist.segments.customers import segment_summary
    from loyalist.segments.rfm_rules import SEGMENTS, grid_cells

    found = inputs.once("rfm_cells", lambda: rfm_cells(inputs.base, inputs.end).execute())
    grid = pd.DataFrame(
        [{"r_score": r, "fm_score": fm, "segment": name} for (r, fm), name in grid_cells().items()]
    )
    cells = grid.merge(found, on=["r_score", "fm_score"], how="left")
    cells["customers"] = cells["customers"].fillna(0).astype("int64")
    summary = inputs.once(
        "rfm_summary", lambda: segment_summary(inputs.base, inputs.end, by="rfm_segment")
    )
    money = inputs.currency
    numbers = Numbers.from_frame(
        summary[["segment", "customers", "share", "recency_days", "frequency", "monetary"]],
        f"RFM segments on {inputs.end:%-d %b %Y}",
        {
            "customers": "{:,}".format,
            "share": "{:.1%}".format,
            "recency_days": "{:,.0f}".format,
            "frequency": "{:.1f}".format,
            "monetary": lambda v: fmt(v, "money", money),
        },
        {
            "recency_days": "days since last order",
            "frequency": "orders",
            "monetary": "mean order value",
        },
        note="Means over each segment's customers. "
        + " · ".join(f"{k}: {v}" for k, v in list(SEGMENTS.items())[:3])
        + " …",
    )
    section.figure("rfm_grid", lambda: charts.rfm_grid(cells), lambda: numbers, "RFM grid")


def ladder_dates(inputs: ReportInputs) -> tuple[date, date]:
    """The two dates the ladder compares: the end of the first period and the range's end.

    Over a range longer than :data:`LADDER_YEARS` years the first date is that long before
    the end instead: a ladder from the first weeks of a long history shows mostly new
    customers, not movement.
    """
    first = periods.following(periods.floor(inputs.start, inputs.period), inputs.period)
    first = max(first - timedelta(days=1), _years_before(inputs.end, LADDER_YEARS))
    return min(first, inputs.end), inputs.end


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _ladder(section: Section, inputs: ReportInputs) -> None:
    from loyalist.segments.ladder import ladder_movement

    start, end = ladder_dates(inputs)
    moves = inputs.once("ladder_transitions", lambda: inputs.base.ladder_transitions(start, end))
    when = {"start": f"{start:%-d %b %Y}", "end": f"{end:%-d %b %Y}"}
    before = moves[moves.from_rung != "new"].groupby("from_rung")["customers"].sum()
    after = moves.groupby("to_rung")["customers"].sum()
    rungs = [r for r in RUNG_NAMES if r != "new"]
    counts = pd.DataFrame(
        [{"when": when["start"], "rung": r, "customers": int(before.get(r, 0))} for r in rungs]
        + [{"when": when["end"], "rung": r, "customers": int(after.get(r, 0))} for r in rungs]
    )
    rows = [
        [
            RUNG_NAMES[r],
            f"{int(before.get(r, 0)):,}",
            f"{int(after.get(r, 0)):,}",
            f"{int(after.get(r, 0)) - int(before.get(r, 0)):+,}",
        ]
        for r in rungs
    ]
    ladder_numbers = Numbers(
        "Customers per rung",
        ["rung", when["start"], when["end"], "change"],
        rows,
        [False, True, True, True],
    )
    section.figure("ladder", lambda: charts.ladder_bars(counts), lambda: ladder_numbers, "Ladder")
    move = ladder_movement(moves)
    movement = Numbers(
        "Movements",
        ["", "customers"],
        [
            ["moved up a rung", f"{move['up']:,}"],
            ["moved down", f"{move['down']:,}"],
            ["stayed", f"{move['stayed']:,}"],
            ["new on the ladder", f"{move['new']:,}"],
            ["net (up - down)", f"{move['net']:+,}"],
        ],
        [False, True],
        note="Lapsed is the lowest rung, loyal the highest",
    )
    section.figure(
        "ladder_transitions",
        lambda: charts.ladder_transitions_chart(moves, when["start"], when["end"]),
        lambda: movement,
        "Ladder movements",
    )

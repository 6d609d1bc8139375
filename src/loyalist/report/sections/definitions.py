"""Definitions: every metric the report uses, from the catalog, and the ones it could not."""

from __future__ import annotations

from loyalist.metrics.catalog import by_family
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import label
from loyalist.report.page import Numbers, Section

_BETTER = {True: "higher", False: "lower", None: "–"}


def build(inputs: ReportInputs) -> Section:
    """The Definitions section: one table per family of the metrics computed.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> inputs = ReportInputs.collect(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> [b.title for b in build(inputs).blocks][:2]
    ['Stickiness', 'Retention']
    """
    section = Section(
        "definitions",
        "Definitions",
        "Every metric in this report, as the catalog defines it (`loyalist metrics --list`). "
        "Rates are fractions shown as percentages; intervals are 95 % (Wilson for shares, the "
        "NPS standard error for NPS, the normal approximation for means). Periods follow the "
        f"business time zone ({inputs.base.timezone}); only completed orders count.",
    )
    used = set(inputs.metrics["metric"])
    for family, metrics in by_family().items():
        rows = [
            [label(m.name), m.name, m.definition, m.formula, m.unit, _BETTER[m.higher_is_better]]
            for m in metrics
            if m.name in used
        ]
        if rows:
            section.add(
                Numbers(
                    family.capitalize(),
                    ["metric", "name", "definition", "formula", "unit", "better"],
                    rows,
                    [False] * 6,
                )
            )
    section.add(_ladder(inputs), _rfm(), _models())
    if inputs.skipped:
        section.add(
            Numbers(
                "Not computed for this data",
                ["metric", "why"],
                [[label(name), reason] for name, reason in inputs.skipped.items()],
                [False, False],
            )
        )
    return section


def _ladder(inputs: ReportInputs) -> Numbers:
    ladder, window = inputs.base.config.ladder, inputs.base.config.business.active_window_days
    rows = [
        ["One-time", f"exactly one order, within the last {window} days"],
        ["Retained", f"two or more orders, the last within the last {window} days"],
        [
            "Sticky",
            f"retained and habitual: {ladder.sticky_min_orders}+ orders in the window or "
            f"{ladder.sticky_min_active_days}+ active days in the last 28",
        ],
        ["Loyal", "retained and an advocate: latest NPS 9-10, or referred a customer"],
        ["Lapsed", f"last order more than {window} days ago"],
    ]
    return Numbers("Loyalty ladder (highest rung that holds)", ["rung", "rule"], rows, [False] * 2)


def _rfm() -> Numbers | None:
    try:
        from loyalist.segments.rfm_rules import SEGMENTS
    except ImportError:  # pragma: no cover (an installation without segments)
        return None
    return Numbers(
        "RFM segments (scores 1-5 against the other customers; 5 = best)",
        ["segment", "who they are, and what to do"],
        [[name, text] for name, text in SEGMENTS.items()],
        [False, False],
    )


def _models() -> Numbers:
    rows = [
        ["CLV", "expected purchases (BG/NBD) × expected spend per purchase (Gamma-Gamma) × "
         "margin, over 52 weeks, discounted"],
        ["Holdout check", "the model fitted on the earlier orders only, its forecast against "
         "the repeat purchases that followed"],
        ["P(churn)", "probability of no order in the next 90 days, from a gradient-boosting "
         "model trained on earlier cut-offs"],
        ["Value at risk", "P(churn) × CLV"],
    ]  # fmt: skip
    return Numbers("Models", ["term", "meaning"], rows, [False, False])

"""Value and risk: what customers are worth, whether the model can be trusted, who may leave.

CLV comes from BG/NBD and Gamma-Gamma on every order up to the end of the range (52 weeks
ahead, 30 % margin, 10 % a year discount: the defaults of ``base.clv``). The model is checked
on a holdout: it is fitted again on all but the last third of the range (at most a year) and
its forecast compared with the purchases that followed. The customers at risk come from
:mod:`loyalist.report.sections.risk`.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from loyalist.errors import LoyalistError
from loyalist.models.chain import MODEL_LABELS, ClvResult
from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.labels import fmt
from loyalist.report.page import Note, Numbers, Section, because
from loyalist.report.sections import risk

#: The holdout is this share of the range, at most :data:`MAX_HOLDOUT_DAYS` ...
HOLDOUT_SHARE = 1 / 3
MAX_HOLDOUT_DAYS = 365
#: ... and the range must be at least this long for a holdout check.
MIN_RANGE_DAYS = 84


def holdout_start(start: date, end: date) -> date | None:
    """The calibration end of the holdout check, or None when the range is too short.

    Examples
    --------
    >>> holdout_start(date(2024, 1, 1), date(2024, 12, 31))
    datetime.date(2024, 8, 31)
    >>> holdout_start(date(2024, 1, 1), date(2024, 2, 1)) is None
    True
    """
    days = (end - start).days + 1
    if days < MIN_RANGE_DAYS:
        return None
    return end - timedelta(days=min(MAX_HOLDOUT_DAYS, round(days * HOLDOUT_SHARE)))


def clv_now(inputs: ReportInputs) -> ClvResult:
    """CLV of every customer as of the end of the range (computed once per report)."""
    return inputs.once("clv", lambda: inputs.base.clv(calibration_end=inputs.end))


def build(inputs: ReportInputs) -> Section:
    """The Value and risk section.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> inputs = ReportInputs.collect(CustomerBase.from_frames(orders=load_cdnow(sample=True)))
    >>> [f.key for f in build(inputs).figures][:3]
    ['clv_distribution', 'holdout_by_frequency', 'holdout_tracking']
    """
    section = Section(
        "value",
        "Value and risk",
        "Customer lifetime value (CLV) is the margin a customer is expected to bring in the "
        "next 52 weeks, discounted (BG/NBD for purchases, Gamma-Gamma for spend). The holdout "
        "check shows how far to trust it; value at risk is P(churn) × CLV.",
    )
    try:
        result = clv_now(inputs)
    except LoyalistError as exc:
        section.add(Note(because("No lifetime value", exc)))
    else:
        _clv(section, inputs, result)
    _holdout(section, inputs)
    risk.add_risk(section, inputs)
    return section


def _clv(section: Section, inputs: ReportInputs, result: ClvResult) -> None:
    money, values = inputs.currency, result.customers["clv"]
    totals, s = result.totals, result.settings
    top = values.head(max(1, round(len(values) / 10))).sum() / values.sum() if values.sum() else 0
    numbers = Numbers(
        f"Next {s.horizon:g} weeks, as of {s.calibration_end:%-d %b %Y}",
        ["", "value"],
        [
            ["customers valued", f"{totals['customers']:,.0f}"],
            ["expected purchases", f"{totals['expected_purchases']:,.0f}"],
            ["expected revenue", fmt(totals["expected_revenue"], "money", money)],
            ["lifetime value (CLV)", fmt(totals["clv"], "money", money)],
            ["mean CLV", fmt(float(values.mean()), "money", money)],
            ["median CLV", fmt(float(values.median()), "money", money)],
            ["share of the top 10 %", f"{top:.0%}"],
        ],
        [False, True],
        note=f"margin {s.margin:.0%}, discount {s.discount_rate:.0%} a year",
    )
    section.figure(
        "clv_distribution",
        lambda: charts.clv_distribution(result.customers),
        lambda: numbers,
        "CLV distribution",
    )
    unknown = int((~np.isfinite(values.to_numpy(np.float64))).sum())
    if unknown:
        section.add(
            Note(
                f"{unknown:,} of {len(values):,} customers have no finite CLV: the purchase "
                "model's fit is at the edge of its parameters for this data."
            )
        )


def _holdout(section: Section, inputs: ReportInputs) -> None:
    calibration_end = holdout_start(inputs.start, inputs.end)
    if calibration_end is None:
        section.add(Note(f"The holdout check needs at least {MIN_RANGE_DAYS} days of orders."))
        return
    try:
        result = inputs.once(
            "clv_holdout",
            lambda: inputs.base.clv(calibration_end=calibration_end, observation_end=inputs.end),
        )
    except LoyalistError as exc:
        section.add(Note(because("No holdout check", exc)))
        return
    holdout = result.holdout
    if holdout is None:
        return
    model = result.purchase_model
    params = model.summary.reset_index()
    numbers = Numbers.from_frame(
        params,
        f"{MODEL_LABELS[result.settings.model]} fit on orders up to {calibration_end:%-d %b %Y}",
        {c: "{:.4g}".format for c in ("estimate", "std_error", "ci_low", "ci_high")},
        {"std_error": "std. error", "ci_low": "95 % from", "ci_high": "to"},
        note=(
            f"{model.n_:,.0f} customers · log-likelihood {model.log_likelihood_:,.1f} · "
            f"holdout {calibration_end + timedelta(days=1):%-d %b %Y} to "
            f"{inputs.end:%-d %b %Y}: {holdout.total_actual:,.0f} repeat purchases, "
            f"{holdout.total_predicted:,.0f} forecast ({holdout.relative_error:+.1%}), "
            f"MAE {holdout.mean_absolute_error:.3f} per customer"
        ),
    )
    section.figure(
        "holdout_by_frequency",
        lambda: charts.holdout_by_frequency(holdout.by_frequency),
        lambda: numbers,
        "Holdout check",
    )
    if holdout.tracking is not None:
        section.figure(
            "holdout_tracking",
            lambda: charts.cumulative_tracking(holdout.tracking),
            caption="Holdout tracking",
        )

"""Stickiness by value: the share who buy again, per reason that brings them back."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.activity import once
from loyalist.metrics.context import Context
from loyalist.metrics.registry import metric
from loyalist.metrics.shares import share


@metric(
    "stickiness_by_value",
    family="stickiness",
    definition="Stickiness by the value that brings customers back: of the customers who had "
    "bought before the period, per reason given in their latest 'product' survey answer "
    "(price, convenience, service, quality ...), the share who bought again in the period.",
    formula="count(answered, ordered before, ordered in period) / count(answered, ordered before)",
    unit="share",
    higher_is_better=True,
    needs=("orders", "responses"),
)
def stickiness_by_value(ctx: Context) -> ir.Table:
    """Repeat-buying share per reason; Wilson interval.

    Denominator: customers whose latest ``product`` answer with a reason, as of the period's
    last day, exists, and whose first completed order is before the period's first day (in
    the range). Numerator: those of them with a completed order in the period. Segment = the
    reason, or "<by value> · <reason>" when ``by`` is given. No row without such customers.
    """
    reasons = _latest_reasons(ctx)
    first = ctx.first_orders.rename(first_order="first_day")
    bought = ctx.buyers.select("customer_id", "period_start", bought=ibis.literal(1))
    eligible = reasons.join(first, "customer_id")
    eligible = eligible.filter(eligible.first_order < eligible.first_day)
    joined = eligible.left_join(bought, ["customer_id", "period_start"])
    joined = ctx.with_segment(joined.select("customer_id", "period_start", "reason", "bought"))
    if ctx.query.by is not None:
        joined = joined.mutate(segment=joined.segment.concat(" · ", joined.reason))
    else:
        joined = joined.mutate(segment=joined.reason)
    return share(joined, joined.bought.notnull())


def _latest_reasons(ctx: Context) -> ir.Table:
    """Each respondent's latest product-survey reason as of each period's last day.

    Columns ``customer_id, period_start, first_day, reason``. An answer holds from its day
    until the day of the customer's next answer.
    """
    answers = ctx.table("responses")
    if "reason" not in answers.columns:
        answers = answers.mutate(reason=ibis.null("string"))
    answers = answers.filter(answers.survey == "product", answers.reason.notnull())
    answers = answers.mutate(reason=answers.reason.strip())
    answers = answers.filter(answers.reason != "")
    answers = answers.select(
        "customer_id", "reason", "responded_at", day=ctx.day(answers.responded_at)
    )
    after = ibis.window(group_by="customer_id", order_by=["responded_at", "reason"])
    answers = answers.mutate(next_day=answers.day.lead().over(after))
    calendar = once(ctx, "calendar", ctx.calendar_table)
    held = answers.join(
        calendar,
        [
            answers.day <= calendar.last_day,
            answers.next_day.isnull() | (answers.next_day > calendar.last_day),
        ],
    )
    return held.select("customer_id", "period_start", "first_day", "reason")

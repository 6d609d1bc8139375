"""Engagement metrics: how customers respond to your e-mails (or pushes).

Messages are counted in the period of their local send day. A message is delivered when
``delivered`` is true; a missing ``delivered`` column, or an empty value, counts as
delivered. Opens and clicks are unique per message: a message is opened when it has an
``opened_at`` and clicked when it has a ``clicked_at``; a click without a recorded open also
counts as an open (the open pixel was blocked, the click proves the message was read). Only
delivered messages count, so every rate stays within 0 and 1. A period without delivered
messages (or, for the click-to-open rate, without opens) gives no row.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from loyalist.metrics.context import Context
from loyalist.metrics.intervals import wilson
from loyalist.metrics.registry import metric

_GROUP = ["period_start", "segment"]
_NEEDS = ("messages",)


def _flags(ctx: Context) -> ir.Table:
    """Delivered messages in the date range: ``period_start, segment, opened, clicked``."""
    messages = ctx.table("messages")
    if "delivered" in messages.columns:
        messages = messages.filter(messages.delivered.fill_null(True))
    clicked = _recorded(messages, "clicked_at")
    messages = messages.mutate(
        day=ctx.day(messages.sent_at),
        opened=(_recorded(messages, "opened_at") | clicked).ifelse(1, 0),
        clicked=clicked.ifelse(1, 0),
    )
    messages = messages.filter(ctx.in_range(messages.day))
    messages = messages.mutate(period_start=ctx.period_of(messages.day))
    return ctx.with_segment(messages.select("customer_id", "period_start", "opened", "clicked"))


def _recorded(messages: ir.Table, column: str) -> ir.BooleanValue:
    """True where ``column`` has a time (a missing column records nothing)."""
    if column not in messages.columns:
        return ibis.literal(False)
    return messages[column].notnull()


def _rate(ctx: Context, hits: str, of: str | None) -> ir.Table:
    """Share of messages with ``hits`` among delivered messages (or among those with ``of``)."""
    messages = _flags(ctx)
    denominator = messages.count() if of is None else messages[of].sum()
    counts = messages.group_by(_GROUP).agg(k=messages[hits].sum(), n=denominator)
    counts = counts.filter(counts.n > 0)
    low, high = wilson(counts.k, counts.n)
    value = counts.k.cast("float64") / counts.n
    return counts.select(*_GROUP, value=value, ci_low=low, ci_high=high, n=counts.n)


@metric(
    "open_rate",
    family="engagement",
    definition="Share of delivered messages that were opened (a click counts as an open).",
    formula="opened messages ÷ delivered messages",
    unit="share",
    higher_is_better=True,
    needs=_NEEDS,
)
def open_rate(ctx: Context) -> ir.Table:
    """Unique opens ÷ delivered messages, per period of sending, Wilson interval."""
    return _rate(ctx, "opened", None)


@metric(
    "click_through_rate",
    family="engagement",
    definition="Share of delivered messages in which a link was clicked.",
    formula="clicked messages ÷ delivered messages",
    unit="share",
    higher_is_better=True,
    needs=_NEEDS,
)
def click_through_rate(ctx: Context) -> ir.Table:
    """Unique clicks ÷ delivered messages, per period of sending, Wilson interval."""
    return _rate(ctx, "clicked", None)


@metric(
    "click_to_open_rate",
    family="engagement",
    definition="Of the messages that were opened, the share in which a link was clicked.",
    formula="clicked messages ÷ opened messages",
    unit="share",
    higher_is_better=True,
    needs=_NEEDS,
)
def click_to_open_rate(ctx: Context) -> ir.Table:
    """Unique clicks ÷ unique opens, per period of sending; no row for a period without opens."""
    return _rate(ctx, "clicked", "opened")

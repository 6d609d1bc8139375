"""Small engine queries of the report that no metric answers: reasons, campaigns, bins.

Each function builds an Ibis expression over the raw tables and returns a few rows; the
caller executes it. Dates are local business dates, inclusive.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from loyalist.metrics.engagement_index import engagement_scores
from loyalist.metrics.periods import day_begins_utc

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

NO_REASON = "no reason given"


def _between(ts: ir.TimestampValue, start: date, end: date, tz: str) -> ir.BooleanValue:
    """True for UTC times on the local days ``start`` … ``end``."""
    return (ts >= day_begins_utc(start, tz)) & (ts < day_begins_utc(end + timedelta(days=1), tz))


def survey_reasons(base: CustomerBase, survey: str, start: date, end: date) -> ir.Table:
    """Answers to ``survey`` per ``reason`` in the date range: ``reason, answers, share``.

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-02"], "amount": [1.0]})
    >>> responses = pd.DataFrame({"customer_id": ["a", "b", "c"], "survey": "exit",
    ...                           "responded_at": ["2024-01-02", "2024-01-03", "2024-01-03"],
    ...                           "reason": ["price", "price", None]})
    >>> base = CustomerBase.from_frames(orders=orders, responses=responses)
    >>> survey_reasons(base, "exit", date(2024, 1, 1), date(2024, 1, 31)).execute().values.tolist()
    [['price', 2, 0.6666666666666666], ['no reason given', 1, 0.3333333333333333]]
    """
    responses = base.table("responses")
    answers = responses.filter(
        responses.survey == survey, _between(responses.responded_at, start, end, base.timezone)
    )
    reason = answers.reason.fill_null(NO_REASON) if "reason" in answers.columns else NO_REASON
    answers = answers.select(reason=ibis.literal(reason) if isinstance(reason, str) else reason)
    counts = answers.group_by("reason").agg(answers=answers.count())
    counts = counts.mutate(share=counts.answers.cast("float64") / counts.answers.sum().over())
    return counts.order_by([ibis.desc("answers"), "reason"])


def campaign_rates(base: CustomerBase, start: date, end: date) -> ir.Table:
    """Delivered e-mails per campaign sent in the range, with unique opens and clicks.

    Columns: ``campaign, delivered, opened, clicked, open_rate, click_to_open_rate``. A click
    counts as an open (as in the ``open_rate`` metric).

    Examples
    --------
    >>> import pandas as pd
    >>> from loyalist import CustomerBase
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-02"], "amount": [1.0]})
    >>> messages = pd.DataFrame({"message_id": ["m1", "m2"], "customer_id": ["a", "b"],
    ...     "sent_at": ["2024-01-02", "2024-01-02"], "campaign": ["sale", "sale"],
    ...     "opened_at": ["2024-01-02", None], "clicked_at": [None, "2024-01-03"]})
    >>> base = CustomerBase.from_frames(orders=orders, messages=messages)
    >>> rates = campaign_rates(base, date(2024, 1, 1), date(2024, 1, 31)).execute()
    >>> rates[["delivered", "opened", "clicked", "click_to_open_rate"]].values.tolist()
    [[2.0, 2.0, 1.0, 0.5]]
    """
    messages = base.table("messages")
    messages = messages.filter(_between(messages.sent_at, start, end, base.timezone))
    if "delivered" in messages.columns:
        messages = messages.filter(messages.delivered.fill_null(True))
    no = ibis.literal(False)
    clicked = messages.clicked_at.notnull() if "clicked_at" in messages.columns else no
    opened = messages.opened_at.notnull() if "opened_at" in messages.columns else no
    campaign = (
        messages.campaign.fill_null("(no campaign)")
        if "campaign" in messages.columns
        else ibis.literal("all e-mails")
    )
    flags = messages.select(
        campaign=campaign,
        opened=opened | clicked,
        clicked=clicked,
    )
    counts = flags.group_by("campaign").agg(
        delivered=flags.count(),
        opened=flags.count(where=flags.opened),
        clicked=flags.count(where=flags.clicked),
    )
    return counts.mutate(
        open_rate=counts.opened.cast("float64") / counts.delivered,
        click_to_open_rate=ibis.ifelse(
            counts.opened > 0, counts.clicked.cast("float64") / counts.opened, ibis.null()
        ),
    ).order_by("campaign")


def engagement_bins(base: CustomerBase, as_of: date, width: int = 5) -> ir.Table:
    """How many customers on the books at ``as_of`` have each engagement index band.

    Columns: ``bin_start, bin_end, customers`` for bands ``width`` wide (the last band
    includes 100).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> bins = engagement_bins(base, date(1997, 12, 31), width=50).execute()
    >>> bins.bin_start.tolist(), int(bins.customers.sum())
    ([0, 50], 2357)
    """
    scores = engagement_scores(base, as_of)
    last = 100 - width
    band = (scores.engagement_index // width).cast("int64") * width
    scores = scores.select(bin_start=ibis.least(band, last))
    counts = scores.group_by("bin_start").agg(customers=scores.count())
    return (
        counts.mutate(bin_end=counts.bin_start + width)
        .select("bin_start", "bin_end", "customers")
        .order_by("bin_start")
    )


def rfm_cells(base: CustomerBase, as_of: date) -> ir.Table:
    """Customers per cell of the R x FM grid as of a date: ``r_score, fm_score, customers,
    monetary`` (mean order value), with ``fm_score`` = ⌊(F + M) / 2⌋ as in
    :mod:`loyalist.segments.rfm_rules`. Only cells with customers have a row.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> cells = rfm_cells(base, date(1998, 6, 30)).execute()
    >>> int(cells.customers.sum()), bool(cells.r_score.between(1, 5).all())
    (2357, True)
    """
    from loyalist.segments.rfm import rfm_scores

    scores = rfm_scores(base, as_of)
    scores = scores.mutate(fm_score=(scores.f_score + scores.m_score) // 2)
    return scores.group_by(["r_score", "fm_score"]).agg(
        customers=scores.count(), monetary=scores.monetary.mean()
    )

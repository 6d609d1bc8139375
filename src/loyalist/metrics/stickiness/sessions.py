"""Sessions: how long customers stay, as the median and the mean session length."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import ibis
import ibis.expr.types as ir

from loyalist.metrics.activity import day_begins, events_between, once
from loyalist.metrics.context import Context
from loyalist.metrics.intervals import Z
from loyalist.metrics.order_stats import histogram, order_statistic
from loyalist.metrics.quick_days import epoch_us
from loyalist.metrics.registry import metric

_NULL = ibis.null("float64")
#: Event times are shifted this many microseconds down, below any recorded duration.
_SHIFT = 2**53


def _lengths(ctx: Context) -> ir.Table:
    """How many sessions of each length per period and segment (:func:`histogram`), built
    once per query and shared by the median and the mean."""

    def build() -> ir.Table:
        sessions = _sessions(ctx)
        return histogram(sessions, sessions.seconds, ["period_start", "segment"])

    return once(ctx, "session_lengths", build)


def _sessions(ctx: Context) -> ir.Table:
    """One row per session: ``period_start, segment, seconds``.

    A session is the events sharing a ``session_id`` (per customer); its length is
    ``duration_s`` when given, else the time from its first to its last event (0 for a
    session of one event); events without a ``session_id`` belong to no session. Without a
    ``session_id`` column, each event with a ``duration_s`` is a session. A session counts
    on the local day of its first event. On DuckDB the sessions are grouped by
    :func:`_quick_sessions`, with the same lengths.
    """
    events = events_between(ctx, ctx.start, ctx.end)
    if "duration_s" not in events.columns:
        events = events.mutate(duration_s=_NULL)
    events = events.mutate(given=events.duration_s.cast("float64"))
    if "session_id" in events.columns:
        events = events.filter(events.session_id.notnull())
        sessions = _quick_sessions(events) if ctx.native else _grouped_sessions(events)
    else:
        sessions = events.filter(events.given.notnull())
        sessions = sessions.select("customer_id", begin=sessions.occurred_at, seconds="given")
    sessions = sessions.filter(  # on UTC time: the local day is worked out once, below
        sessions.begin >= day_begins(ctx.start, ctx.tz),
        sessions.begin < day_begins(ctx.end + timedelta(days=1), ctx.tz),
    )
    sessions = sessions.mutate(period_start=ctx.period_of(ctx.day(sessions.begin)))
    return ctx.with_segment(sessions).select("period_start", "segment", "seconds")


def _grouped_sessions(events: ir.Table) -> ir.Table:
    """The events grouped into sessions: ``customer_id, begin, seconds`` (SQL any engine runs)."""
    sessions = events.group_by(["customer_id", "session_id"]).agg(
        begin=events.occurred_at.min(), end=events.occurred_at.max(), given=events.given.max()
    )
    span = sessions.end.epoch_seconds() - sessions.begin.epoch_seconds()
    seconds = sessions.given.fill_null(span.cast("float64"))
    return sessions.select("customer_id", "begin", seconds=seconds)


def _quick_sessions(events: ir.Table) -> ir.Table:
    """The sessions of :func:`_grouped_sessions` on DuckDB, with two running values per
    session instead of three (tens of millions of sessions make a hash table of that many
    rows, and its size is most of the cost).

    Each event carries one number: its recorded duration, or else its time in microseconds
    minus 2^53, a whole number below -2^52 that a float holds exactly (for times from 1970
    to 2255), so below any duration. A session's largest number is then its longest
    recorded duration, or, without one, the time of its last event.
    """
    shifted = (epoch_us(events.occurred_at) - _SHIFT).cast("float64")
    events = events.mutate(top=events.given.fill_null(shifted))
    sessions = events.group_by(["customer_id", "session_id"]).agg(
        begin=events.occurred_at.min(), top=events.top.max()
    )
    recorded = sessions.top > -(_SHIFT // 2)
    span = (sessions.top + _SHIFT - epoch_us(sessions.begin)) / 1e6
    seconds = ibis.ifelse(recorded, sessions.top, span)
    return sessions.select("customer_id", "begin", seconds=seconds)


@metric(
    "session_duration",
    family="stickiness",
    definition="Typical session length: the median session in seconds (the average is "
    "mean_session_duration). A session's length is its recorded duration, or else the time "
    "from its first to its last event.",
    formula="median(duration_s, or last event − first event, per session)",
    unit="seconds",
    higher_is_better=True,
    needs=("events",),
)
def session_duration(ctx: Context) -> ir.Table:
    """Median session length; 95 % interval of the median from order statistics.

    The median is the middle session (the mean of the two middle ones for an even count).
    The bounds are the sessions at ranks n/2 ∓ 1.96·√n/2 (+1 for the upper), rounded and
    kept within 1 … n (the binomial, distribution-free method); ``n`` = sessions. Ranks are
    read off a histogram of the lengths (:mod:`loyalist.metrics.order_stats`), so every
    engine computes them the same way without numbering every session.
    """
    hist = _lengths(ctx)
    group = ["period_start", "segment"]
    size = hist.total.cast("float64")
    half = Z * size.sqrt() / 2
    at = partial(order_statistic, hist)
    middle_low = ((size + 1) / 2).floor().cast("int64")
    middle_high = (size / 2).floor().cast("int64") + 1
    low_rank = ibis.greatest((size / 2 - half).round(), 1).cast("int64")
    high_rank = ibis.least((1 + size / 2 + half).round(), size).cast("int64")
    return hist.group_by(group).agg(
        value=(at(middle_low) + at(middle_high)) / 2,
        ci_low=at(low_rank),
        ci_high=at(high_rank),
        n=hist.freq.sum(),
    )


@metric(
    "mean_session_duration",
    family="stickiness",
    definition="Average session length in seconds (pulled up by a few long sessions: read it "
    "next to the median, session_duration).",
    formula="mean(duration_s, or last event − first event, per session)",
    unit="seconds",
    higher_is_better=True,
    needs=("events",),
)
def mean_session_duration(ctx: Context) -> ir.Table:
    """Mean session length; normal-approximation interval (floored at 0); ``n`` = sessions.

    Read off the histogram of the lengths the median uses: the mean first, then the sum of
    squared deviations from it (two passes, as exact as over the sessions themselves).
    """
    hist = _lengths(ctx)
    group = ["period_start", "segment"]
    sums = hist.group_by(group).agg(n=hist.freq.sum(), total=(hist.freq * hist.value).sum())
    sums = sums.select(*group, "n", mean=sums.total / sums.n.cast("float64"))
    spread = hist.join(sums, group)
    deviation = spread.value - spread.mean
    stats = spread.group_by([*group, "n", "mean"]).agg(
        squares=(spread.freq * deviation * deviation).sum()
    )
    several = stats.n > 1
    variance = stats.squares / ibis.ifelse(several, stats.n - 1, ibis.null("int64"))
    half = Z * variance.sqrt() / stats.n.cast("float64").sqrt()
    return stats.select(
        *group,
        value=stats.mean,
        ci_low=ibis.ifelse(several, ibis.greatest(stats.mean - half, 0.0), _NULL),
        ci_high=ibis.ifelse(several, stats.mean + half, _NULL),
        n="n",
    )

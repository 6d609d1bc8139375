"""App activity: one row per session, thinning out in the weeks before a customer drops out.

An app user opens sessions at rate ``mu`` per day from signup, more often in the first two
weeks. Over the ``FADE_DAYS`` before the customer drops out (their last order in the BG/NBD
process) the rate falls exponentially to ``exp(-FADE_DEPTH)`` of normal and sessions get
shorter; then it stops, apart from a few later visits by some. Sessions are drawn in "app time"
(a warp that follows weekday, month and hour of day) as Poisson counts with uniform times per
customer and piece of their life, then sorted; orders placed in the app add a ``purchase`` row
at the order time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from loyalist.data.demo.clock import Clock, Warp
from loyalist.data.demo.population import Population
from loyalist.data.demo.purchases import Orders
from loyalist.data.demo.sampling import lognormal, owners

ONBOARD_DAYS, ONBOARD_BOOST = 14.0, 2.5
"""New users are ``ONBOARD_BOOST`` times as active in their first ``ONBOARD_DAYS``."""
FADE_DAYS, FADE_DEPTH = 56.0, 3.0
"""Over the ``FADE_DAYS`` before dropout activity falls exponentially, to ``exp(-FADE_DEPTH)``."""
APP_ORDER_SHARE = 0.55
"""Share of an app user's orders placed in the app (they add a ``purchase`` row)."""
AFTERLIFE_SHARE, AFTERLIFE_VISITS = 0.3, 2.0
"""Share of dropped app users who come back for a few visits, and the mean number of visits."""
APP_OPEN_SHARE = 0.35
"""Share of sessions that are a quick look (``app_open``) rather than browsing (``view``)."""
#: Median session length in seconds and its log-scale spread, per event type code.
DURATION_MEDIAN = np.array([45.0, 200.0, 420.0])
DURATION_SPREAD = np.array([0.8, 0.9, 0.6])


@dataclass
class Events:
    """Sessions of a block of customers, grouped by customer, in time order within each."""

    owner: np.ndarray
    seconds: np.ndarray
    kind: np.ndarray
    duration: np.ndarray

    @property
    def size(self) -> int:
        """Number of rows."""
        return int(self.owner.size)


@dataclass
class _Rows:
    """Rows of one piece: user position, app time, event type code, duration in seconds."""

    who: np.ndarray
    m: np.ndarray
    kind: int
    duration: np.ndarray


def app_warp(clock: Clock) -> Warp:
    """The time change of app use: weekday, month and hour of day."""
    return Warp.hourly(clock.app_days())


def simulate_events(
    rng: np.random.Generator,
    clock: Clock,
    people: Population,
    orders: Orders,
    block: slice,
    warp: Warp | None = None,
) -> Events:
    """Simulate the sessions of customers ``block.start`` to ``block.stop - 1``.

    Examples
    --------
    >>> import datetime as dt
    >>> from loyalist.data.demo.population import simulate_population
    >>> from loyalist.data.demo.purchases import simulate_orders
    >>> rng, clock = np.random.default_rng(2), Clock.ending(dt.date(2025, 6, 30), 1.0)
    >>> people = simulate_population(rng, clock, 200)
    >>> orders = simulate_orders(rng, clock, people)
    >>> events = simulate_events(rng, clock, people, orders, slice(0, 200))
    >>> bool(np.all(events.seconds < clock.days * 86400))
    True
    """
    warp = app_warp(clock) if warp is None else warp
    lo = block.start
    users = np.flatnonzero(people.app[block]) + lo
    rows = _sessions(rng, clock, warp, people.signup[users], orders.leave[users], people.mu[users])
    who = np.concatenate([r.who for r in rows])
    seconds = clock.seconds(warp.inverse(np.concatenate([r.m for r in rows])))
    kind = np.concatenate([np.full(r.who.size, r.kind, dtype=np.int8) for r in rows])
    duration = np.concatenate([r.duration for r in rows])
    owner = users[who]

    begin = orders.starts()
    first, last = begin[lo], begin[block.stop - 1] + orders.counts[block.stop - 1]
    in_app = people.app[orders.owner[first:last]] & (rng.random(last - first) < APP_ORDER_SHARE)
    bought = np.arange(first, last)[in_app]
    owner = np.concatenate((owner, orders.owner[bought]))
    seconds = np.concatenate((seconds, clock.seconds(orders.t[bought])))
    kind = np.concatenate((kind, np.full(bought.size, 2, dtype=np.int8)))
    duration = np.concatenate((duration, _durations(rng, 2, bought.size)))

    order = np.argsort(((owner.astype(np.int64) - lo) << 36) | seconds, kind="stable")
    return Events(owner[order], seconds[order], kind[order], duration[order])


def _durations(rng: np.random.Generator, kind: int, size: int) -> np.ndarray:
    """Session lengths in whole seconds (at least 1) for sessions of one type (log-normal)."""
    d = lognormal(rng, DURATION_MEDIAN[kind], DURATION_SPREAD[kind], size)
    return np.maximum(np.round(d), 1.0)


def _uniform(
    rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, rate: np.ndarray, kind: int
) -> _Rows:
    """Sessions of one type at a constant rate (per app-time day) on each user's [lo, hi)."""
    length = np.maximum(hi - lo, 0.0)
    who = owners(rng.poisson(rate * length))
    m = lo[who] + rng.random(who.size) * length[who]
    return _Rows(who, m, kind, _durations(rng, kind, who.size))


def _sessions(
    rng: np.random.Generator,
    clock: Clock,
    warp: Warp,
    start: np.ndarray,
    leave: np.ndarray,
    mu: np.ndarray,
) -> list[_Rows]:
    """The sessions of each user: onboarding, normal use, fading out, and later visits."""
    stop = np.minimum(leave, clock.days)
    fading = leave < clock.days
    fade_start = np.where(fading, np.maximum(stop - FADE_DAYS, start), stop)
    onboard_end = np.minimum(start + ONBOARD_DAYS, fade_start)
    s, o, f, e = (warp.forward(x) for x in (start, onboard_end, fade_start, stop))
    rows = []
    for kind, share in enumerate((APP_OPEN_SHARE, 1 - APP_OPEN_SHARE)):
        rate = share * mu
        rows.append(_uniform(rng, s, o, ONBOARD_BOOST * rate, kind))
        rows.append(_uniform(rng, o, f, rate, kind))
        rows.append(_fading(rng, f, e, rate, kind))
    back = fading & (rng.random(leave.size) < AFTERLIFE_SHARE)
    later_lo = np.where(back, warp.forward(np.minimum(leave + 21.0, clock.days)), 0.0)
    later_hi = np.where(back, warp.forward(np.minimum(leave + 240.0, clock.days)), 0.0)
    rate = AFTERLIFE_VISITS / np.maximum(later_hi - later_lo, 1.0)
    rows.append(_uniform(rng, later_lo, later_hi, rate, 1))
    return rows


def _fading(
    rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, rate: np.ndarray, kind: int
) -> _Rows:
    """Sessions whose rate falls exponentially towards ``hi``, shorter near the end.

    With ``x`` the time left before ``hi``, the rate is ``rate * exp(-a * (1 - x / W))``; the
    cumulative intensity from ``hi`` backwards, ``exp(-a) * W / a * (exp(a * x / W) - 1)``, is
    inverted in closed form.
    """
    a, w = FADE_DEPTH, FADE_DAYS
    span = np.maximum(hi - lo, 0.0)
    mass = np.exp(-a) * w / a * np.expm1(a * span / w)
    who = owners(rng.poisson(rate * mass))
    left = rng.random(who.size) * mass[who]
    x = w / a * np.log1p(left * a * np.exp(a) / w)
    stretch = 0.5 + 0.5 * np.exp(-a * (1 - x / w))
    duration = np.maximum(np.round(_durations(rng, kind, who.size) * stretch), 1.0)
    return _Rows(who, hi[who] - x, kind, duration)

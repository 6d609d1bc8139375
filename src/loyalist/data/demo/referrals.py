"""Referrals: every customer of the ``referral`` channel was brought by an earlier customer.

Referrers are drawn month by month among the customers who signed up before that month and had
not dropped out, weighted towards the loyal (promoters refer far more than detractors). The
referral happens the moment the new customer signs up.
"""

from __future__ import annotations

import numpy as np

from loyalist.data.demo import vocab
from loyalist.data.demo.clock import Clock
from loyalist.data.demo.population import Population
from loyalist.data.demo.purchases import Orders

ADVOCACY = 1.6
"""How strongly loyalty drives referring: weight ``exp(ADVOCACY * loyalty)``."""


def assign_referrers(
    rng: np.random.Generator, clock: Clock, people: Population, orders: Orders
) -> tuple[np.ndarray, np.ndarray]:
    """Pick a referrer for every referred customer; return (referred, referrer) indices.

    Referred customers without any possible referrer (too early in the span) are moved to the
    ``organic`` channel, in ``people.channel``.

    Examples
    --------
    >>> import datetime as dt
    >>> from loyalist.data.demo.population import simulate_population
    >>> from loyalist.data.demo.purchases import simulate_orders
    >>> rng, clock = np.random.default_rng(6), Clock.ending(dt.date(2025, 6, 30), 1.0)
    >>> people = simulate_population(rng, clock, 2000)
    >>> orders = simulate_orders(rng, clock, people)
    >>> referred, referrer = assign_referrers(rng, clock, people, orders)
    >>> bool(np.all(people.signup[referrer] < people.signup[referred]))
    True
    """
    weight = np.exp(ADVOCACY * people.loyalty)
    has_ordered = np.isfinite(people.first)
    referred = np.flatnonzero(people.channel == vocab.REFERRAL)
    referrer = np.full(referred.size, -1, dtype=np.int64)
    edges = np.arange(0.0, clock.days + 30.0, 30.0)
    slot = np.searchsorted(edges, people.signup[referred], side="right") - 1
    for k in np.unique(slot):
        mine = np.flatnonzero(slot == k)
        start = edges[k]
        known = int(np.searchsorted(people.signup, start))
        around = (
            has_ordered[:known] & (people.first[:known] < start) & (orders.leave[:known] > start)
        )
        candidates = np.flatnonzero(around)
        if candidates.size == 0:
            continue
        cum = np.cumsum(weight[candidates])
        picks = np.searchsorted(cum, rng.random(mine.size) * cum[-1], side="right")
        referrer[mine] = candidates[np.minimum(picks, candidates.size - 1)]
    lost = referrer < 0
    people.channel[referred[lost]] = vocab.CHANNELS.index("organic")
    return referred[~lost], referrer[~lost]

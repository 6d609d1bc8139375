"""Survey answers that foretell behaviour: NPS, CSAT, exit and product ("what brings you back").

NPS scores follow the customer's latent loyalty, which also drives how long they keep buying and
how many people they refer, and they dip in the weeks before a customer drops out. CSAT follows
orders (lower after a refund). Exit answers come around a dropout or a subscription cancellation,
with reasons that fit the value the customer came for. The product survey's reason is, mostly,
that value, so the share who buy again differs between reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from loyalist.data.demo import vocab
from loyalist.data.demo.clock import Clock
from loyalist.data.demo.population import Population
from loyalist.data.demo.purchases import Orders
from loyalist.data.demo.sampling import owners, pick_rows
from loyalist.data.demo.subscriptions import Subscriptions

NPS_PER_YEAR = 0.4
"""NPS answers per customer-year while a customer is around."""
CSAT_SHARE, PRODUCT_SHARE = 0.12, 0.25
"""Share of orders followed by a CSAT answer; share of buyers answering the product survey."""
EXIT_SHARE, CANCEL_EXIT_SHARE = 0.2, 0.35
"""Share of dropouts and of subscription cancellations answering the exit survey."""

_EXIT_CODES = np.array([vocab.REASONS.index(r) for r in vocab.EXIT_REASONS])
#: Comment code fitting each exit reason (-1: none).
_EXIT_COMMENTS = np.array([5, 7, 8, 6, 4, -1])


@dataclass
class Responses:
    """Survey answers, in time order. Codes: survey in SURVEYS, reason in REASONS (-1: none),
    comment in COMMENTS (-1: none); a NaN score means no score."""

    owner: np.ndarray
    t: np.ndarray
    survey: np.ndarray
    score: np.ndarray
    reason: np.ndarray
    comment: np.ndarray

    @property
    def size(self) -> int:
        """Number of answers."""
        return int(self.owner.size)


def simulate_responses(
    rng: np.random.Generator,
    clock: Clock,
    people: Population,
    orders: Orders,
    subs: Subscriptions,
) -> Responses:
    """Simulate all four surveys and return the answers sorted by time.

    Examples
    --------
    >>> import datetime as dt
    >>> from loyalist.data.demo.population import simulate_population
    >>> from loyalist.data.demo.purchases import simulate_orders
    >>> from loyalist.data.demo.subscriptions import simulate_subscriptions
    >>> rng, clock = np.random.default_rng(4), Clock.ending(dt.date(2025, 6, 30), 1.0)
    >>> people = simulate_population(rng, clock, 1000)
    >>> orders = simulate_orders(rng, clock, people)
    >>> subs = simulate_subscriptions(rng, clock, people, orders)
    >>> answers = simulate_responses(rng, clock, people, orders, subs)
    >>> bool(np.all(np.diff(answers.t) >= 0)), bool(answers.t.max() < clock.days)
    (True, True)
    """
    parts = [
        _nps(rng, clock, people, orders),
        _csat(rng, clock, people, orders),
        _exit(rng, clock, people, orders, subs),
        _product(rng, clock, people, orders),
    ]
    fields = [np.concatenate(column) for column in zip(*parts, strict=True)]
    keep = fields[1] < clock.days
    fields = [f[keep] for f in fields]
    order = np.argsort(fields[1], kind="stable")
    return Responses(*(f[order] for f in fields))


Part = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _part(
    survey: int,
    who: np.ndarray,
    t: np.ndarray,
    score: np.ndarray,
    reason: np.ndarray | None,
    comment: np.ndarray | None,
) -> Part:
    """One survey's answers as the columns of ``Responses``."""
    size = who.size
    reason = np.full(size, -1, np.int8) if reason is None else reason.astype(np.int8)
    comment = np.full(size, -1, np.int8) if comment is None else comment.astype(np.int8)
    return (who.astype(np.int32), t, np.full(size, survey, np.int8), score, reason, comment)


def _comments(rng: np.random.Generator, happy: np.ndarray, share: float) -> np.ndarray:
    """A canned comment for ``share`` of the answers, fitting their mood (-1: none)."""
    good = rng.choice(vocab.HAPPY_COMMENTS, happy.size)
    bad = rng.choice(vocab.UNHAPPY_COMMENTS, happy.size)
    return np.where(rng.random(happy.size) < share, np.where(happy, good, bad), -1)


def _nps(rng: np.random.Generator, clock: Clock, people: Population, orders: Orders) -> Part:
    lo = people.first + 14.0
    hi = np.minimum(orders.leave + 30.0, clock.days)
    span = np.where(np.isfinite(lo) & (hi > lo), hi - lo, 0.0)
    who = owners(rng.poisson(NPS_PER_YEAR * span / 365.25))
    t = lo[who] + rng.random(who.size) * span[who]
    fading = t > orders.leave[who] - 45.0
    raw = 7.8 + 1.8 * people.loyalty[who] + rng.normal(0.0, 1.2, who.size) - 1.5 * fading
    angry = (people.loyalty[who] < 0) & (rng.random(who.size) < 0.06)
    raw[angry] = rng.uniform(-0.5, 4.5, int(angry.sum()))  # the few who answer in anger
    score = np.clip(np.round(raw), 0, 10) + 0.0  # no -0.0
    return _part(0, who, t, score, None, _comments(rng, score >= 8, 0.35))


def _csat(rng: np.random.Generator, clock: Clock, people: Population, orders: Orders) -> Part:
    asked = np.flatnonzero((orders.status != 2) & (rng.random(orders.size) < CSAT_SHARE))
    who = orders.owner[asked]
    t = orders.t[asked] + rng.uniform(1.0, 6.0, asked.size)
    refunded = orders.status[asked] == 1
    raw = 4.2 + 0.5 * people.loyalty[who] + rng.normal(0.0, 0.8, who.size) - 1.8 * refunded
    score = np.clip(np.round(raw), 1, 5)
    return _part(1, who, t, score, None, _comments(rng, score >= 4, 0.25))


def _exit(
    rng: np.random.Generator,
    clock: Clock,
    people: Population,
    orders: Orders,
    subs: Subscriptions,
) -> Part:
    gone = np.flatnonzero(orders.dropped & (rng.random(people.size) < EXIT_SHARE))
    left = np.flatnonzero((subs.renewed == 0) & (rng.random(subs.size) < CANCEL_EXIT_SHARE))
    who = np.concatenate((gone, subs.owner[left]))
    t = np.concatenate(
        (
            orders.leave[gone] + rng.uniform(10.0, 60.0, gone.size),
            np.maximum(subs.due[left] - rng.uniform(0.0, 20.0, left.size), subs.start[left]),
        )
    )
    weights = vocab.EXIT_WEIGHTS[people.value[who]]
    weights[gone.size :, 0] *= 1.5  # cancelling a paid plan: price weighs more
    reason = pick_rows(rng, weights)
    comment = np.where(rng.random(who.size) < 0.5, _EXIT_COMMENTS[reason], -1)
    return _part(2, who, t, np.full(who.size, np.nan), _EXIT_CODES[reason], comment)


def _product(rng: np.random.Generator, clock: Clock, people: Population, orders: Orders) -> Part:
    who = np.flatnonzero((orders.counts > 0) & (rng.random(people.size) < PRODUCT_SHARE))
    t = people.first[who] + rng.uniform(7.0, 60.0, who.size)
    other = rng.integers(0, len(vocab.VALUES), who.size)
    reason = np.where(rng.random(who.size) < 0.8, people.value[who], other)
    raw = 3.9 + 0.6 * people.loyalty[who] + rng.normal(0.0, 0.8, who.size)
    score = np.clip(np.round(raw), 1, 5)
    return _part(3, who, t, score, reason, None)

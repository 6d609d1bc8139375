"""Orders from a BG/NBD process with seasonality, Gamma-Gamma spend and occasional extra orders.

After the first order a customer buys at rate ``lam`` (in seasonal "shop time", so November and
December, weekdays and evening hours get more orders) and, after every order including the first,
drops out with probability ``p``. The number of orders within the span is drawn directly
(Poisson count, geometric dropout, uniform order statistics), so nothing loops over customers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from loyalist.data.demo import vocab
from loyalist.data.demo.clock import Clock, Warp
from loyalist.data.demo.population import P_SPEND, Population
from loyalist.data.demo.sampling import order_statistics, owners, pick, rank_in_group, starts

SAME_DAY_SHARE = 0.025
"""Share of orders followed by a second, smaller order the same day."""
REFUND, CANCEL = 0.034, 0.02
"""Base probabilities of a refunded and a cancelled order."""
NEVER_ORDERED_STAY = 20.0
"""Mean days a registered customer who never orders stays engaged."""


@dataclass
class Orders:
    """Orders grouped by customer (ascending), in time order within a customer."""

    owner: np.ndarray
    t: np.ndarray
    amount: np.ndarray
    category: np.ndarray
    quantity: np.ndarray
    status: np.ndarray
    counts: np.ndarray
    leave: np.ndarray
    dropped: np.ndarray

    @property
    def size(self) -> int:
        """Number of orders."""
        return int(self.t.size)

    def starts(self) -> np.ndarray:
        """Offset of each customer's first order."""
        return starts(self.counts)


def simulate_orders(rng: np.random.Generator, clock: Clock, people: Population) -> Orders:
    """Simulate every customer's orders; ``leave`` is when each customer drops out (or ``inf``).

    Examples
    --------
    >>> import datetime as dt
    >>> from loyalist.data.demo.population import simulate_population
    >>> rng, clock = np.random.default_rng(1), Clock.ending(dt.date(2025, 6, 30), 1.0)
    >>> orders = simulate_orders(rng, clock, simulate_population(rng, clock, 500))
    >>> bool(orders.t.max() < clock.days), int(orders.counts.sum()) == orders.size
    (True, True)
    """
    n = people.size
    warp = Warp.hourly(clock.shop_days())
    has = np.isfinite(people.first)
    m0 = np.full(n, warp.total)
    m0[has] = warp.forward(people.first[has])
    tau = warp.total - m0
    count = rng.poisson(people.lam * tau)
    stop = rng.geometric(people.p) - 1
    repeats = np.where(has, np.minimum(count, stop), 0)
    dropped = has & (stop <= count)

    who, u = order_statistics(rng, repeats, count)
    t_repeat = warp.inverse(m0[who] + tau[who] * u)
    counts = has.astype(np.int64) + repeats
    owner = owners(counts)
    rank = rank_in_group(counts, owner)
    t = people.first[owner]
    later = rank > 0
    t[later] = t_repeat[starts(repeats)[owner[later]] + rank[later] - 1]

    begin = starts(counts)
    leave = people.signup + rng.exponential(NEVER_ORDERED_STAY, n)
    leave[has] = np.inf
    leave[dropped] = t[begin[dropped] + stop[dropped]]
    final = np.zeros(t.size, dtype=bool)
    final[begin[dropped] + stop[dropped]] = True
    return _add_details(rng, clock, people, owner, t, final, leave, dropped)


def _add_details(
    rng: np.random.Generator,
    clock: Clock,
    people: Population,
    owner: np.ndarray,
    t: np.ndarray,
    final: np.ndarray,
    leave: np.ndarray,
    dropped: np.ndarray,
) -> Orders:
    """Add same-day extra orders, then amounts, categories, quantities and statuses."""
    extra = rng.random(t.size) < SAME_DAY_SHARE
    copies = 1 + extra
    first_copy = np.cumsum(copies) - copies
    idx = np.repeat(np.arange(t.size), copies)
    new_t, is_extra = t[idx], np.zeros(idx.size, dtype=bool)
    is_extra[first_copy[extra] + 1] = True
    base = t[extra]
    later = base + rng.uniform(5.0, 180.0, base.size) / 1440.0
    midnight = np.floor(base) + 1.0
    squeezed = base + (midnight - base) * rng.uniform(0.1, 0.95, base.size)
    new_t[first_copy[extra] + 1] = np.where(later < midnight, later, squeezed)
    owner = owner[idx]
    # an extra order can pass the customer's next order: restore time order within customers
    order = np.argsort(owner * (clock.days + 1.0) + new_t, kind="stable")
    owner, t, final, is_extra = owner[order], new_t[order], final[idx][order], is_extra[order]
    final &= ~is_extra

    amount = rng.gamma(P_SPEND, 1.0 / people.nu[owner]) * np.where(is_extra, 0.4, 1.0)
    amount = np.maximum(np.round(amount, 2), 1.0)
    favourite = pick(rng, vocab.CATEGORY_WEIGHTS, people.size)
    category = np.where(
        (rng.random(t.size) < 0.55) & ~is_extra,
        favourite[owner],
        pick(rng, vocab.CATEGORY_WEIGHTS, t.size),
    ).astype(np.int8)
    quantity = 1 + rng.poisson(np.minimum(amount / 45.0, 15.0))
    refund = np.where(final, 0.08, REFUND * np.exp(-0.35 * people.loyalty[owner] - 0.06))
    u = rng.random(t.size)
    status = np.where(u < refund, 1, np.where(u < refund + CANCEL, 2, 0)).astype(np.int8)
    return Orders(
        owner=owner,
        t=t,
        amount=amount,
        category=category,
        quantity=quantity.astype(np.int64),
        status=status,
        counts=np.bincount(owner, minlength=people.size),
        leave=leave,
        dropped=dropped,
    )

"""Subscriptions: one row per billing term, renewed or not, in the shifted-beta-geometric way.

A share of buying customers take a membership (plan basic, plus or premium; billed monthly or
yearly). Each contract has its own per-term cancellation probability ``theta`` ~ Beta, scaled by
plan and by the customer's loyalty, so renewal rates differ by plan and engagement and rise with
tenure (the sBG pattern). Every term is a row: ``started_at`` the term start, ``renewal_due_at``
its end, ``renewed`` whether the customer renewed then (empty while the term runs),
``ended_at`` the term end once it has passed (empty for the running term). Rows of one contract
share the ``subscription_id`` stem: ``SUB000042-01``, ``SUB000042-02``, ... Plans can move up or
down a step at a renewal, so net revenue retention differs from gross.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from loyalist.data.demo import vocab
from loyalist.data.demo.clock import Clock
from loyalist.data.demo.population import Population
from loyalist.data.demo.purchases import Orders
from loyalist.data.demo.sampling import owners, pick_rows, rank_in_group, sigmoid, standardize

ANNUAL_SHARE = 0.25
"""Share of contracts billed yearly (at ten months' price)."""
MONTHLY_THETA, ANNUAL_THETA = (1.2, 6.5), (1.5, 5.0)
"""Beta parameters of the per-term cancellation probability, for monthly and yearly billing."""
UPGRADE, DOWNGRADE = 0.04, 0.025
"""Chance of moving a plan up or down at a renewal (for a customer of average loyalty)."""


@dataclass
class Subscriptions:
    """Billing terms, grouped by contract; ``renewed`` is 1, 0 or -1 (not yet due)."""

    owner: np.ndarray
    contract: np.ndarray
    term: np.ndarray
    start: np.ndarray
    due: np.ndarray
    renewed: np.ndarray
    plan: np.ndarray
    mrr: np.ndarray

    @property
    def size(self) -> int:
        """Number of rows (terms)."""
        return int(self.owner.size)


def simulate_subscriptions(
    rng: np.random.Generator, clock: Clock, people: Population, orders: Orders
) -> Subscriptions:
    """Choose the subscribers and simulate every term of their contracts.

    Examples
    --------
    >>> import datetime as dt
    >>> from loyalist.data.demo.population import simulate_population
    >>> from loyalist.data.demo.purchases import simulate_orders
    >>> rng, clock = np.random.default_rng(3), Clock.ending(dt.date(2025, 6, 30), 1.0)
    >>> people = simulate_population(rng, clock, 1000)
    >>> subs = simulate_subscriptions(rng, clock, people, simulate_orders(rng, clock, people))
    >>> bool(np.all(subs.start < clock.days)), bool(np.all(subs.due > subs.start))
    (True, True)
    """
    z, z_rate = people.loyalty, standardize(np.log(people.lam))
    chance = sigmoid(-1.05 + 0.5 * z + 0.4 * z_rate)
    who = np.flatnonzero((orders.counts > 0) & (rng.random(people.size) < chance))
    first, k = people.first[who], who.size
    start = first + rng.exponential(20.0, k)
    start = np.where(start < np.minimum(orders.leave[who], clock.days), start, first)
    tilt = np.array([-0.4, 0.0, 0.5])[None, :] * z_rate[who][:, None]
    plan0 = pick_rows(rng, vocab.PLAN_WEIGHTS[None, :] * np.exp(tilt))
    annual = rng.random(k) < ANNUAL_SHARE
    theta = np.where(annual, rng.beta(*ANNUAL_THETA, k), rng.beta(*MONTHLY_THETA, k))
    theta = np.clip(theta * vocab.PLAN_CHURN[plan0] * np.exp(-0.35 * z[who]), 0.005, 0.95)
    months = np.where(annual, 12, 1)

    paid = rng.geometric(theta)  # terms paid; not renewed at the end of the last one
    span = (clock.days - start) / 28.0 / months
    count = np.minimum(paid, np.ceil(span).astype(np.int64) + 1)
    contract = owners(count)
    term = rank_in_group(count, contract)
    step = months[contract]
    begin = clock.add_months(start[contract], term * step)
    keep = begin < clock.days
    contract, term, begin, step = contract[keep], term[keep], begin[keep], step[keep]
    due = clock.add_months(start[contract], (term + 1) * step)
    renewed = np.where(due >= clock.days, -1, (term < paid[contract] - 1).astype(np.int64))

    loyal = np.exp(0.4 * z[who][contract])
    u = rng.random(contract.size)
    move = np.where(u < UPGRADE * loyal, 1, np.where(u > 1 - DOWNGRADE / loyal, -1, 0))
    move[term == 0] = 0
    climb = np.cumsum(move) - (np.cumsum(move) - move)[np.searchsorted(contract, contract)]
    plan = np.clip(plan0[contract] + climb, 0, len(vocab.PLANS) - 1).astype(np.int8)
    price = vocab.PLAN_PRICES[plan] * np.where(step == 12, 10 / 12, 1.0)
    return Subscriptions(
        owner=who[contract].astype(np.int32),
        contract=contract,
        term=term,
        start=begin,
        due=due,
        renewed=renewed.astype(np.int8),
        plan=plan,
        mrr=np.round(price, 2),
    )

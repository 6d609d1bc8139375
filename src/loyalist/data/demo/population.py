"""Who the customers are: acquisition over time, attributes and the latent traits behind behaviour.

Each customer gets the BG/NBD traits (purchase rate ``lam`` per day ~ Gamma(R, ALPHA), dropout
probability ``p`` after each purchase ~ Beta(A, B), scaled by the value that brings them back and
by the acquisition channel), a Gamma-Gamma spend scale ``nu``, a standardised ``loyalty`` that
drives survey answers and advocacy, and an app session rate ``mu`` for app users.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from loyalist.data.demo import vocab
from loyalist.data.demo.clock import SHOP_MONTH, Clock, Warp
from loyalist.data.demo.sampling import logit, pick, sigmoid, standardize

R, ALPHA = 0.75, 90.0
"""Gamma shape and rate (per day) of the purchase rate."""
A, B = 1.5, 2.0
"""Beta parameters of the dropout probability, before the value and channel multipliers."""
P_SPEND, Q_SPEND, GAMMA_SPEND = 5.0, 3.5, 30.0
"""Gamma-Gamma spend parameters: mean order value about P * GAMMA / (Q - 1) = 60."""
GROWTH = np.log(1.6)
"""Yearly log growth of acquisition."""
SESSION_RATE = 0.23
SESSION_SPREAD = 1.4
"""Median app sessions per day of an app user with average traits."""


@dataclass
class Population:
    """Per-customer arrays, ordered by signup (customer ``i`` has id number ``i + 1``)."""

    signup: np.ndarray
    first: np.ndarray
    country: np.ndarray
    channel: np.ndarray
    age: np.ndarray
    opt_in: np.ndarray
    value: np.ndarray
    p: np.ndarray
    lam: np.ndarray
    nu: np.ndarray
    loyalty: np.ndarray
    app: np.ndarray
    mu: np.ndarray

    @property
    def size(self) -> int:
        """Number of customers."""
        return int(self.signup.size)


def simulate_population(rng: np.random.Generator, clock: Clock, n: int) -> Population:
    """Draw ``n`` customers acquired over the clock's span, with growth and seasonality.

    Examples
    --------
    >>> import datetime as dt
    >>> clock = Clock.ending(dt.date(2025, 6, 30), 1.0)
    >>> people = simulate_population(np.random.default_rng(0), clock, 100)
    >>> people.size, bool(np.all(np.diff(people.signup) >= 0))
    (100, True)
    """
    years = np.arange(clock.days) / 365.25
    acquisition = np.exp(GROWTH * years) * SHOP_MONTH[clock.month] ** 0.6
    warp = Warp.hourly(acquisition)
    signup = np.sort(warp.inverse(rng.random(n) * warp.total))

    channel = pick(rng, vocab.CHANNEL_WEIGHTS, n)
    value = pick(rng, vocab.VALUE_WEIGHTS, n)
    p = rng.beta(A, B, n) * vocab.VALUE_DROPOUT[value] * vocab.CHANNEL_DROPOUT[channel]
    p = np.clip(p, 0.005, 0.97)
    lam = rng.gamma(R, 1.0 / ALPHA, n)
    z_stay, z_rate = standardize(-logit(p)), standardize(np.log(lam))
    loyalty = standardize(0.75 * z_stay + 0.25 * z_rate + 0.6 * rng.standard_normal(n))

    age = 18.0 + 62.0 * rng.beta(2.0, 3.2, n)
    app = rng.random(n) < sigmoid(0.45 + 0.6 * z_rate + 0.2 * loyalty - 0.035 * (age - 40.0))
    noise = rng.standard_normal(n)
    mu = SESSION_RATE * np.exp(0.45 * z_rate + 0.25 * loyalty + SESSION_SPREAD * noise)

    u = rng.random(n)
    delay = np.where(u < 0.8, rng.uniform(0.0, 0.02, n), rng.exponential(15.0, n))
    first = np.where(u < 0.92, signup + delay, np.inf)
    first[first >= clock.days] = np.inf

    email = vocab.CHANNELS.index("email")
    return Population(
        signup=signup,
        first=first,
        country=pick(rng, vocab.COUNTRY_WEIGHTS, n),
        channel=channel,
        age=age,
        opt_in=rng.random(n) < np.where(channel == email, 0.95, 0.6),
        value=value,
        p=p,
        lam=lam,
        nu=rng.gamma(Q_SPEND, 1.0 / GAMMA_SPEND, n),
        loyalty=loyalty,
        app=app,
        mu=mu,
    )

"""E-mail campaigns: a monthly newsletter, seasonal promotions, welcome and win-back mails.

Broadcasts go to opted-in customers who are still on the list (they leave it some months after
dropping out, or unsubscribe); ``welcome`` follows signup and ``winback`` follows 60 days without
an order. Opens and clicks depend on the customer's loyalty and app use and fall once a customer
has dropped out. Messages are produced month by month to keep memory flat.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from loyalist.data.demo.clock import Clock
from loyalist.data.demo.population import Population
from loyalist.data.demo.purchases import Orders
from loyalist.data.demo.sampling import logit, lognormal, sigmoid

#: Seasonal promotion per month (January first): name, day of the month, audience share.
PROMOTIONS = (
    ("winter_sale", 8, 0.8),
    ("valentines", 7, 0.6),
    ("spring_sale", 20, 0.8),
    ("easter_deals", 3, 0.6),
    ("mothers_day", 5, 0.6),
    ("summer_sale", 20, 0.8),
    ("summer_clearance", 15, 0.7),
    ("new_season", 25, 0.6),
    ("back_to_school", 1, 0.7),
    ("autumn_sale", 15, 0.7),
    ("black_friday", 0, 0.95),
    ("christmas", 5, 0.9),
)
SEND_HOUR, SEND_HOURS = 8.0, 2.0
"""Broadcasts start at 08:00 UTC and take two hours to send."""
OPEN_RATE, CLICK_RATE = 0.26, 0.17
"""Open probability of an average customer; click probability of an average opener."""
BOUNCE, BAD_ADDRESS = 0.012, 0.02
"""Chance a message bounces; share of customers whose address never works."""
WINBACK_AFTER = 60.0
"""Days without an order before a win-back mail."""


@dataclass
class Messages:
    """Messages of one month, in order of sending; NaN marks no open or no click."""

    owner: np.ndarray
    sent: np.ndarray
    campaign: np.ndarray
    delivered: np.ndarray
    opened: np.ndarray
    clicked: np.ndarray

    @property
    def size(self) -> int:
        """Number of messages."""
        return int(self.owner.size)


def campaign_calendar(clock: Clock) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Names, send times and audience shares of the broadcasts within the clock's span.

    Campaign codes index the names; ``welcome`` and ``winback`` are the last two names.

    Examples
    --------
    >>> names, times, shares = campaign_calendar(Clock(dt.date(2025, 11, 1), 30))
    >>> names
    ['newsletter_2025_11', 'black_friday_2025', 'welcome', 'winback']
    """
    names, times, shares = [], [], []
    month = dt.date(clock.start.year, clock.start.month, 1)
    while month <= clock.end:
        first_tuesday = month + dt.timedelta(days=(1 - month.weekday()) % 7)
        sends = [(f"newsletter_{month.year}_{month.month:02d}", first_tuesday, 1.0)]
        name, day, share = PROMOTIONS[month.month - 1]
        if name == "black_friday":
            thursday = month + dt.timedelta(days=(3 - month.weekday()) % 7 + 21)
            friday = thursday + dt.timedelta(days=1)
            sends.append((f"black_friday_{month.year}", friday, share))
            sends.append((f"cyber_monday_{month.year}", friday + dt.timedelta(days=3), 0.7))
        else:
            sends.append((f"{name}_{month.year}", month.replace(day=day), share))
        if month.month == 12:
            sends.append((f"last_minute_gifts_{month.year}", month.replace(day=18), 0.6))
        for name, day, share in sends:
            t = (day - clock.start).days + SEND_HOUR / 24
            if 0 <= t < clock.days:
                names.append(name)
                times.append(t)
                shares.append(share)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return [*names, "welcome", "winback"], np.array(times), np.array(shares)


class Mailer:
    """Everything per customer that the monthly sends need, computed once.

    Examples
    --------
    >>> from loyalist.data.demo.population import simulate_population
    >>> from loyalist.data.demo.purchases import simulate_orders
    >>> rng, clock = np.random.default_rng(5), Clock.ending(dt.date(2025, 6, 30), 1.0)
    >>> people = simulate_population(rng, clock, 500)
    >>> mailer = Mailer(rng, clock, people, simulate_orders(rng, clock, people))
    >>> month = mailer.month(rng, 0)
    >>> bool(np.all(month.sent < mailer.bounds[1]))
    True
    """

    def __init__(
        self, rng: np.random.Generator, clock: Clock, people: Population, orders: Orders
    ) -> None:
        self.clock, self.people, self.leave = clock, people, orders.leave
        self.names, self.times, self.shares = campaign_calendar(clock)
        n = people.size
        self.unsubscribed = np.minimum(
            people.signup + rng.exponential(3 * 365.0, n),
            orders.leave + rng.exponential(150.0, n),
        )
        self.bad = rng.random(n) < BAD_ADDRESS
        z = people.loyalty
        self.open_logit = logit(np.array(OPEN_RATE)) + 0.6 * z + 0.4 * (people.app - 0.6)
        self.click_logit = logit(np.array(CLICK_RATE)) + 0.4 * z
        self.boost = np.zeros(len(self.names))
        self.boost[-2:] = (1.2, -0.4)  # welcome mails get opened, win-backs less
        self.triggered = self._triggered(rng, orders)
        months = np.arange(
            np.datetime64(clock.start, "M"), np.datetime64(clock.end, "M") + 2
        ).astype("datetime64[D]")
        days = (months - np.datetime64(clock.start, "D")).astype(np.float64)
        self.bounds = np.clip(days, 0, clock.days)

    @property
    def months(self) -> int:
        """Number of (partial) calendar months in the span."""
        return self.bounds.size - 1

    def _triggered(self, rng: np.random.Generator, orders: Orders) -> tuple[np.ndarray, ...]:
        """Welcome and win-back sends: (customer, time, campaign code), sorted by time."""
        people = self.people
        welcome = np.flatnonzero(people.opt_in)
        welcome_t = people.signup[welcome] + rng.uniform(0.001, 0.05, welcome.size)
        gap_end = np.append(orders.t[1:], np.inf)
        last = np.append(orders.owner[1:] != orders.owner[:-1], True)
        gap_end[last] = np.inf
        lapse = orders.t + WINBACK_AFTER + rng.random(orders.size)
        due = (lapse < gap_end) & people.opt_in[orders.owner]
        winback = orders.owner[due]
        winback_t = lapse[due]
        still = winback_t < self.unsubscribed[winback]
        who = np.concatenate((welcome, winback[still]))
        t = np.concatenate((welcome_t, winback_t[still]))
        code = np.repeat(
            np.array([len(self.names) - 2, len(self.names) - 1], dtype=np.int16),
            (welcome.size, int(still.sum())),
        )
        order = np.argsort(t, kind="stable")
        return who[order].astype(np.int32), t[order], code[order]

    def month(self, rng: np.random.Generator, k: int) -> Messages:
        """The messages sent in month ``k`` of the span (0-based)."""
        lo, hi = self.bounds[k], self.bounds[k + 1]
        parts_who, parts_t, parts_code = [], [], []
        for c in np.flatnonzero((self.times >= lo) & (self.times < hi)):
            t_c = self.times[c]
            known = int(np.searchsorted(self.people.signup, t_c))
            listed = self.people.opt_in[:known] & (self.unsubscribed[:known] > t_c)
            who = np.flatnonzero(listed & (rng.random(known) < self.shares[c]))
            parts_who.append(who.astype(np.int32))
            parts_t.append(t_c + np.arange(who.size) / max(who.size, 1) * SEND_HOURS / 24)
            parts_code.append(np.full(who.size, c, dtype=np.int16))
        who_tr, t_tr, code_tr = self.triggered
        a, b = np.searchsorted(t_tr, [lo, hi])
        who = np.concatenate([*parts_who, who_tr[a:b]])
        sent = np.concatenate([*parts_t, t_tr[a:b]])
        code = np.concatenate([*parts_code, code_tr[a:b]])
        keep = sent < self.clock.days
        order = np.argsort(sent[keep], kind="stable")
        who, sent, code = who[keep][order], sent[keep][order], code[keep][order]
        return self._engage(rng, who, sent, code)

    def _engage(
        self, rng: np.random.Generator, who: np.ndarray, sent: np.ndarray, code: np.ndarray
    ) -> Messages:
        """Delivery, opens and clicks of the given sends."""
        size = who.size
        delivered = ~self.bad[who] & (rng.random(size) >= BOUNCE)
        gone = sent > self.leave[who]
        chance = sigmoid(self.open_logit[who] + self.boost[code] - 1.3 * gone)
        opened = delivered & (rng.random(size) < chance)
        opened_t = np.where(opened, sent + lognormal(rng, 3 / 24, 1.3, size), np.nan)
        opened_t[opened_t >= self.clock.days] = np.nan
        clicks = ~np.isnan(opened_t) & (rng.random(size) < sigmoid(self.click_logit[who]))
        clicked_t = np.where(clicks, opened_t + lognormal(rng, 40 / 86400, 1.0, size), np.nan)
        clicked_t[clicked_t >= self.clock.days] = np.nan
        return Messages(who, sent, code, delivered, opened_t, clicked_t)

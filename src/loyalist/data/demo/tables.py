"""Arrow tables in the canonical shape of ``loyalist.data.schema`` from the simulated arrays.

Identifiers are built as fixed-width strings straight from digit arrays (``C000123``), low
cardinality columns as dictionary arrays, timestamps as UTC microseconds, all without a Python
loop over rows. Every table is checked against the schema before it is written.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from loyalist.data import schema
from loyalist.data.demo import vocab
from loyalist.data.demo.activity import Events
from loyalist.data.demo.campaigns import Messages
from loyalist.data.demo.clock import Clock
from loyalist.data.demo.population import Population
from loyalist.data.demo.purchases import Orders
from loyalist.data.demo.subscriptions import Subscriptions
from loyalist.data.demo.surveys import Responses

TIMESTAMP = pa.timestamp("us", tz="UTC")
KIND_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "timestamp": TIMESTAMP,
    "float": pa.float64(),
    "integer": pa.int64(),
    "boolean": pa.bool_(),
}


_QUADS = np.frombuffer("".join(f"{i:04d}" for i in range(10_000)).encode(), np.uint32)
"""The ASCII digits of 0000 to 9999, four bytes each."""


def id_strings(parts: list[str | tuple[np.ndarray, int]], size: int) -> pa.Array:
    """Fixed-width identifiers from literal pieces and zero-padded numbers.

    Examples
    --------
    >>> id_strings(["SUB", (np.array([42]), 6), "-", (np.array([1]), 2)], 1).to_pylist()
    ['SUB000042-01']
    """
    width = sum(len(p) if isinstance(p, str) else p[1] for p in parts)
    if size * width >= 2**31:
        raise ValueError("too many identifiers for one string array; write in smaller chunks")
    chars = np.empty((size, width), dtype=np.uint8)
    col = 0
    for part in parts:
        if isinstance(part, str):
            chars[:, col : col + len(part)] = np.frombuffer(part.encode("ascii"), np.uint8)
            col += len(part)
            continue
        numbers, digits = part
        rest, end = np.asarray(numbers, dtype=np.int64), col + digits
        while end > col:  # four digits at a time, from the right, through a lookup table
            take = min(4, end - col)
            rest, quad = np.divmod(rest, 10**take)
            chars[:, end - take : end] = _QUADS[quad].view(np.uint8).reshape(-1, 4)[:, 4 - take :]
            end -= take
        col += digits
    offsets = np.arange(0, (size + 1) * width, width, dtype=np.int32)
    return pa.StringArray.from_buffers(size, pa.py_buffer(offsets), pa.py_buffer(chars))


def digits(largest: int, minimum: int) -> int:
    """Number of digits to write numbers up to ``largest``, at least ``minimum``."""
    return max(minimum, len(str(max(int(largest), 0))))


def labels(codes: np.ndarray, names: tuple[str, ...] | list[str]) -> pa.DictionaryArray:
    """A dictionary array of ``names[code]``; negative codes are nulls."""
    codes = np.asarray(codes)
    mask = codes < 0
    indices = pa.array(codes, mask=mask if mask.any() else None)
    return pa.DictionaryArray.from_arrays(indices, pa.array(list(names), pa.string()))


def floats(values: np.ndarray) -> pa.Array:
    """A float64 array; NaN becomes null."""
    values = np.asarray(values, dtype=np.float64)
    mask = np.isnan(values)
    return pa.array(values, mask=mask if mask.any() else None)


def conform(name: str, columns: dict[str, pa.Array]) -> pa.Table:
    """The table ``name`` with exactly the schema's columns, in order, of the declared types."""
    table = pa.table(columns)
    declared = schema.TABLES[name]
    if table.column_names != declared.names:
        raise AssertionError(f"demo {name}: columns {table.column_names} != {declared.names}")
    for column in declared.columns:
        kind = table.schema.field(column.name).type
        kind = kind.value_type if pa.types.is_dictionary(kind) else kind
        if kind != KIND_TYPES[column.kind]:
            raise AssertionError(f"demo {name}.{column.name}: {kind} is not {column.kind}")
    return table


class Tables:
    """Builds the seven tables of one demo; knows the clock and the customer identifiers."""

    def __init__(self, clock: Clock, people: Population) -> None:
        self.clock = clock
        n = people.size
        self.customer_ids = id_strings(["C", (np.arange(1, n + 1), digits(n, 6))], n)

    def stamps(self, t: np.ndarray, clip: bool = True) -> pa.Array:
        """Timestamps (UTC) for times ``t`` in days; NaN becomes null."""
        t = np.asarray(t, dtype=np.float64)
        mask = np.isnan(t)
        micros = self.clock.micros(np.where(mask, 0.0, t), clip=clip)
        return pa.array(micros, type=TIMESTAMP, mask=mask if mask.any() else None)

    def customer(self, owner: np.ndarray) -> pa.Array:
        """Customer identifiers of the customer indices ``owner``."""
        return self.customer_ids.take(pa.array(owner))

    def customers(self, people: Population) -> pa.Table:
        """The ``customers`` table."""
        born = np.floor(np.floor(people.signup) - people.age * 365.25)
        return conform(
            "customers",
            {
                "customer_id": self.customer_ids,
                "signup_at": self.stamps(people.signup),
                "birth_date": self.stamps(born, clip=False),
                "country": labels(people.country, vocab.COUNTRIES),
                "channel": labels(people.channel, vocab.CHANNELS),
                "email_opt_in": pa.array(people.opt_in),
            },
        )

    def orders(self, orders: Orders) -> pa.Table:
        """The ``orders`` table, in time order, numbered in that order."""
        order = np.argsort(orders.t, kind="stable")
        size = orders.size
        return conform(
            "orders",
            {
                "order_id": id_strings(["O", (np.arange(1, size + 1), digits(size, 7))], size),
                "customer_id": self.customer(orders.owner[order]),
                "ordered_at": self.stamps(orders.t[order]),
                "amount": pa.array(orders.amount[order]),
                "status": labels(orders.status[order], vocab.STATUSES),
                "category": labels(orders.category[order], vocab.CATEGORIES),
                "quantity": pa.array(orders.quantity[order]),
            },
        )

    def events(self, events: Events, first_number: int, width: int) -> pa.Table:
        """One chunk of the ``events`` table; sessions are numbered from ``first_number``."""
        size = events.size
        lo = int(events.owner.min()) if size else 0
        hi = int(events.owner.max()) + 1 if size else 0
        customer = pa.DictionaryArray.from_arrays(
            pa.array(events.owner - lo), self.customer_ids.slice(lo, hi - lo)
        )
        numbers = np.arange(first_number, first_number + size)
        micros = (events.seconds + self.clock.origin_seconds) * 1_000_000
        return conform(
            "events",
            {
                "customer_id": customer,
                "occurred_at": pa.array(micros, type=TIMESTAMP),
                "event_type": labels(events.kind, vocab.EVENT_TYPES),
                "session_id": id_strings(["S", (numbers, width)], size),
                "duration_s": pa.array(events.duration),
            },
        )

    def subscriptions(self, subs: Subscriptions) -> pa.Table:
        """The ``subscriptions`` table: one row per billing term."""
        size = subs.size
        contracts = int(subs.contract.max()) + 1 if size else 0
        terms = int(subs.term.max()) + 1 if size else 0
        ids = id_strings(
            [
                "SUB",
                (subs.contract + 1, digits(contracts, 6)),
                "-",
                (subs.term + 1, digits(terms, 2)),
            ],
            size,
        )
        decided = subs.renewed >= 0
        return conform(
            "subscriptions",
            {
                "subscription_id": ids,
                "customer_id": self.customer(subs.owner),
                "started_at": self.stamps(subs.start),
                "ended_at": self.stamps(np.where(decided, subs.due, np.nan)),
                "plan": labels(subs.plan, vocab.PLANS),
                "mrr": pa.array(subs.mrr),
                "renewal_due_at": self.stamps(subs.due, clip=False),
                "renewed": pa.array(subs.renewed == 1, mask=~decided),
            },
        )

    def responses(self, answers: Responses) -> pa.Table:
        """The ``responses`` table."""
        return conform(
            "responses",
            {
                "customer_id": self.customer(answers.owner),
                "responded_at": self.stamps(answers.t),
                "survey": labels(answers.survey, vocab.SURVEYS),
                "score": floats(answers.score),
                "reason": labels(answers.reason, vocab.REASONS),
                "comment": labels(answers.comment, vocab.COMMENTS),
            },
        )

    def messages(
        self, messages: Messages, first_number: int, width: int, campaigns: list[str]
    ) -> pa.Table:
        """One month of the ``messages`` table; messages are numbered from ``first_number``."""
        size = messages.size
        numbers = np.arange(first_number, first_number + size)
        return conform(
            "messages",
            {
                "message_id": id_strings(["M", (numbers, width)], size),
                "customer_id": self.customer(messages.owner),
                "sent_at": self.stamps(messages.sent),
                "campaign": labels(messages.campaign, campaigns),
                "delivered": pa.array(messages.delivered),
                "opened_at": self.stamps(messages.opened),
                "clicked_at": self.stamps(messages.clicked),
            },
        )

    def referrals(self, referred: np.ndarray, referrer: np.ndarray, people: Population) -> pa.Table:
        """The ``referrals`` table; a referral happens when the new customer signs up."""
        return conform(
            "referrals",
            {
                "referrer_id": self.customer(referrer),
                "referred_id": self.customer(referred),
                "referred_at": self.stamps(people.signup[referred]),
            },
        )

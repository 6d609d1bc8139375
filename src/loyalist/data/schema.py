"""The data model: seven tables, declared once.

Every loader, validator and metric reads this module instead of repeating column names.
Only ``orders`` is required; the other tables unlock the metrics that need them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["string", "timestamp", "float", "integer", "boolean"]

ORDER_STATUSES = ("completed", "refunded", "cancelled")
SURVEYS = ("nps", "csat", "exit", "product")
#: Allowed score range of each survey kind that carries a score.
SCORE_RANGES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5)}


@dataclass(frozen=True)
class Column:
    """One column of a table: its canonical name, type and rules.

    ``happened`` marks timestamps of things that already took place, so a value in the
    future is an error (a due date may lie ahead; an order may not).
    """

    name: str
    kind: Kind
    required: bool = False
    allowed: tuple[str, ...] | None = None
    default: str | None = None
    happened: bool = False
    description: str = ""


@dataclass(frozen=True)
class Table:
    """One table of the data model."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    customer_columns: tuple[str, ...] = ("customer_id",)
    extra_columns: bool = field(default=False)

    @property
    def required(self) -> list[str]:
        """Names of the required columns."""
        return [c.name for c in self.columns if c.required]

    @property
    def names(self) -> list[str]:
        """Names of all declared columns, in order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """Return the declared column called ``name``."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name!r} has no column {name!r}")


def _ts(name: str, required: bool = False, happened: bool = True, description: str = "") -> Column:
    return Column(name, "timestamp", required, happened=happened, description=description)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "customers",
            "One row per customer, with any attributes used for segments.",
            (
                Column("customer_id", "string", True, description="Customer identifier"),
                _ts("signup_at", description="When the customer signed up"),
                _ts("birth_date", description="Date of birth"),
                Column("country", "string"),
                Column("channel", "string", description="Acquisition channel"),
                Column("email_opt_in", "boolean"),
            ),
            key=("customer_id",),
            extra_columns=True,
        ),
        Table(
            "orders",
            "One row per order.",
            (
                Column("order_id", "string", True),
                Column("customer_id", "string", True),
                _ts("ordered_at", True),
                Column("amount", "float", True, description="Order value in the business currency"),
                Column("status", "string", allowed=ORDER_STATUSES, default="completed"),
                Column("category", "string"),
                Column("quantity", "integer"),
            ),
            key=("order_id",),
        ),
        Table(
            "events",
            "App or site activity, one row per event.",
            (
                Column("customer_id", "string", True),
                _ts("occurred_at", True),
                Column("event_type", "string"),
                Column("session_id", "string"),
                Column("duration_s", "float", description="Session length in seconds"),
            ),
        ),
        Table(
            "subscriptions",
            "One row per subscription; ended_at is empty while it is active.",
            (
                Column("subscription_id", "string", True),
                Column("customer_id", "string", True),
                _ts("started_at", True),
                _ts("ended_at", happened=False),
                Column("plan", "string"),
                Column("mrr", "float", description="Monthly recurring revenue"),
                _ts("renewal_due_at", happened=False),
                Column("renewed", "boolean"),
            ),
            key=("subscription_id",),
        ),
        Table(
            "responses",
            "Survey answers: NPS (0-10), CSAT (1-5), exit and product surveys.",
            (
                Column("customer_id", "string", True),
                _ts("responded_at", True),
                Column("survey", "string", True, allowed=SURVEYS),
                Column("score", "float"),
                Column("reason", "string"),
                Column("comment", "string"),
            ),
        ),
        Table(
            "messages",
            "E-mail (or push) messages sent to customers.",
            (
                Column("message_id", "string", True),
                Column("customer_id", "string", True),
                _ts("sent_at", True),
                Column("campaign", "string"),
                Column("delivered", "boolean"),
                _ts("opened_at"),
                _ts("clicked_at"),
            ),
            key=("message_id",),
        ),
        Table(
            "referrals",
            "Who referred whom.",
            (
                Column("referrer_id", "string", True),
                Column("referred_id", "string", True),
                _ts("referred_at", True),
            ),
            key=("referred_id",),
            customer_columns=("referrer_id", "referred_id"),
        ),
    )
}

REQUIRED_TABLES = ("orders",)

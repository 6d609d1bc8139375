"""The commented ``loyalist.toml`` written next to the demo data."""

from __future__ import annotations

import datetime as dt

from loyalist.data.schema import TABLES

TEMPLATE = """\
# loyalist.toml — written by `loyalist demo`: {customers:,} customers, {start} to {end}.
# Synthetic data of an online shop with an app, a membership, surveys, e-mail campaigns and a
# referral programme (seed {seed}). Point the [tables] paths at your own data to analyse it.

[business]
name = "Demo shop"
timezone = "Europe/Amsterdam"   # periods (days, weeks, months) follow this time zone
currency = "EUR"
active_window_days = 365        # a customer is on the books while their last order is this recent

[ladder]
sticky_min_orders = 4           # sticky: at least this many orders in the active window ...
sticky_min_active_days = 8      # ... or at least this many active days in the last 28

# One section per table; only [tables.orders] is required. Paths are relative to this file.
# When your columns have other names, map loyalist's names onto yours, for example
# columns = {{ order_id = "Invoice", customer_id = "Customer ID", ordered_at = "InvoiceDate" }}
{tables}
[goals]
nps = 40                                                      # promoters minus detractors, in %
customer_retention_rate = {{ value = 0.85, period = "month" }}
dau_mau = 0.20
repeat_purchase_rate = {{ value = 0.35, period = "year" }}
"""

NOTES = {
    "orders": "one row per order; status completed, refunded or cancelled",
    "customers": "signup, birth date, country, acquisition channel, e-mail opt-in",
    "events": "one row per app session",
    "subscriptions": "one row per billing term; renewed = renewed at renewal_due_at",
    "responses": "nps (0-10), csat (1-5), exit and product surveys",
    "messages": "e-mail campaigns with delivery, opens and clicks",
    "referrals": "who brought whom; referred_at = the new customer's signup",
}


def config_text(customers: int, start: dt.date, end: dt.date, seed: int, extension: str) -> str:
    """The text of the demo's ``loyalist.toml``.

    Examples
    --------
    >>> text = config_text(100, dt.date(2024, 1, 1), dt.date(2024, 12, 31), 0, "csv")
    >>> 'path = "data/orders.csv"' in text
    True
    """
    order = ["orders", *(name for name in TABLES if name != "orders")]
    tables = "".join(
        f'\n[tables.{name}]   # {NOTES.get(name, "")}\npath = "data/{name}.{extension}"\n'
        for name in order
    )
    return TEMPLATE.format(customers=customers, start=start, end=end, seed=seed, tables=tables)

"""Who is on the books at a cut-off and who churned, on hand-made customers at the edges.

Amsterdam is UTC+1 in March 2024. Cut-off c = 10 March, horizon 10 days: the label window
is the local days 11..20 March, i.e. UTC instants from 10 March 23:00 to 20 March 23:00.
Active window 30 days: an order on local day d keeps a customer on the books at the end of
day e when e - 30 < d <= e; at the end of 10 March that is d >= 10 February.
"""

from __future__ import annotations

from datetime import date

import pytest

from loyalist.churn.cutoff import ChurnError
from loyalist.churn.label import churn_label, on_the_books

CUTOFF, HORIZON = date(2024, 3, 10), 10


@pytest.fixture(scope="module")
def base(build, helpers):  # type: ignore[no-untyped-def]
    orders = helpers["orders"](
        [
            ("a", "2024-03-01T12:00", 10), ("a", "2024-03-20T22:30", 10),  # local 20 Mar 23:30
            ("b", "2024-03-01T12:00", 10), ("b", "2024-03-20T23:30", 10),  # local 21 Mar 00:30
            ("c", "2024-03-01T12:00", 10), ("c", "2024-03-10T23:10", 10),  # local 11 Mar 00:10
            ("d", "2024-03-01T12:00", 10), ("d", "2024-03-10T22:50", 10),  # local 10 Mar 23:50
            ("e", "2024-03-01T12:00", 10), ("e", "2024-03-15T12:00", 10, "refunded"),
            ("f", "2024-02-10T12:00", 10),  # the oldest order that keeps one on the books
            ("g", "2024-02-09T12:00", 10), ("g", "2024-03-15T12:00", 10),  # off the books
            ("h", "2024-01-05T12:00", 10),  # off the books by orders, a subscriber
            ("i", "2024-03-05T12:00", 10), ("i", "2024-03-12T12:00", 10),
            ("l", "2024-02-20T12:00", 10),
        ]
    )  # fmt: skip
    terms = [  # id, customer, started, ended, plan, mrr, renewal due, renewed (2024, UTC)
        ("h1", "h", "01-15 12:00", "03-15 12:00", "basic", 5, "03-15 12:00", True),
        ("h2", "h", "03-15 12:00", None, "basic", 5, "05-15 12:00", None),
        ("i1", "i", "02-01 12:00", "03-18 12:00", "basic", 5, "03-18 12:00", False),
        ("j1", "j", "02-01 12:00", "03-20 23:30", "plus", 9, "03-20 23:30", False),  # local 21st
        ("k1", "k", "02-01 12:00", "03-20 22:30", "plus", 9, "03-20 22:30", False),  # local 20th
        ("l1", "l", "03-12 12:00", None, "basic", 5, "04-12 12:00", None),
        ("m1", "m", "01-01 12:00", "03-10 22:00", "basic", 5, "03-10 22:00", False),
    ]

    def iso(text: str | None) -> str | None:
        return None if text is None else "2024-" + text.replace(" ", "T")

    subscriptions = helpers["subscriptions"](
        [(i, c, iso(s), iso(e), plan, mrr, iso(d), r) for i, c, s, e, plan, mrr, d, r in terms]
    )
    return build(orders, subscriptions=subscriptions)


def test_the_population_is_the_books_at_the_cutoff(base) -> None:  # type: ignore[no-untyped-def]
    people = set(on_the_books(base, CUTOFF).execute().customer_id)
    # g ordered 30 days before (9 Feb): just off; m's subscription ended on the cut-off day;
    # h, j and k are on the books through their subscription alone
    assert people == {"a", "b", "c", "d", "e", "f", "h", "i", "j", "k", "l"}


def test_label_at_the_window_edges(base) -> None:  # type: ignore[no-untyped-def]
    label = churn_label(base, CUTOFF, HORIZON).execute().set_index("customer_id").churned
    expected = {
        "a": False,  # ordered on the window's last local day (23:30)
        "b": True,  # ordered 30 minutes after the window (local 21 March)
        "c": False,  # ordered on the window's first local day, though its UTC day is 10 March
        "d": True,  # its last order is on the cut-off day itself, which is history
        "e": True,  # a refunded order is no purchase
        "f": True,  # on the books by the oldest order that counts, then nothing
        "h": False,  # subscriber, renewed on 15 March: still active at the end
        "i": True,  # subscriber whose subscription ended on 18 March: orders do not matter
        "j": False,  # subscription ends on local 21 March, after the window
        "k": True,  # subscription ends on the window's last local day
        "l": False,  # not a subscriber at the cut-off, but subscribed in the window
    }
    assert label.to_dict() == expected


def test_without_subscriptions_only_orders_count(build, helpers) -> None:  # type: ignore[no-untyped-def]
    orders = helpers["orders"](
        [
            ("a", "2024-03-01T12:00", 10),
            ("a", "2024-03-20T22:30", 10),
            ("b", "2024-03-01T12:00", 10),
        ]
    )
    label = churn_label(build(orders), CUTOFF, HORIZON).execute().set_index("customer_id")
    assert label.churned.to_dict() == {"a": False, "b": True}


@pytest.mark.parametrize("horizon", [0, -5, 2.5])
def test_a_horizon_must_be_whole_days(base, horizon) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ChurnError, match="whole number of days"):
        churn_label(base, CUTOFF, horizon)

"""Retention metrics on small hand-made data; expected numbers worked out in comments.

Business time zone Europe/Amsterdam (UTC+1 in winter), active window 30 days, months
January to April 2024. An order on local day d keeps its customer on the books at the end of
days d .. d + 29; a subscription from its start day to the day before its end day.
Wilson intervals in the comments: 95 %, z = 1.96.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalist import CustomerBase
from loyalist.config import Business, Config
from loyalist.metrics.retention import purchase_gaps
from loyalist.metrics.run import compute

JAN, FEB, MAR, APR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 1)
END = date(2024, 4, 30)
TZ = "Europe/Amsterdam"
BOOKS = ["customer_retention_rate", "churn_rate", "customer_growth"]
SUBSCRIPTION_METRICS = ["renewal_rate", "net_revenue_retention", "gross_revenue_retention"]
RETENTION = [
    *BOOKS,
    "repeat_purchase_rate",
    "returning_customer_rate",
    "time_between_purchases",
    "cohort_retention",
    *SUBSCRIPTION_METRICS,
]


def orders_of(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    """Orders from (customer, UTC time, amount, status) rows."""
    return pd.DataFrame(
        {
            "order_id": [f"o{i}" for i in range(len(rows))],
            "customer_id": [r[0] for r in rows],
            "ordered_at": pd.to_datetime([r[1] for r in rows], utc=True, format="ISO8601"),
            "amount": [float(r[2]) for r in rows],
            "status": [r[3] for r in rows],
        }
    )


def subscriptions_of(rows: list[tuple]) -> pd.DataFrame:
    """Subscriptions from (id, customer, started, ended, mrr, renewal due, renewed) rows."""
    utc = "datetime64[us, UTC]"
    return pd.DataFrame(
        {
            "subscription_id": [r[0] for r in rows],
            "customer_id": [r[1] for r in rows],
            "started_at": pd.to_datetime([r[2] for r in rows], utc=True).astype(utc),
            "ended_at": pd.to_datetime([r[3] for r in rows], utc=True).astype(utc),
            "mrr": [float(r[4]) for r in rows],
            "renewal_due_at": pd.to_datetime([r[5] for r in rows], utc=True).astype(utc),
            "renewed": pd.array([r[6] for r in rows], dtype="boolean"),
        }
    )


def base_of(orders: pd.DataFrame, window: int = 30, **tables: pd.DataFrame) -> CustomerBase:
    business = Business(timezone=TZ, active_window_days=window)
    return CustomerBase.from_frames(config=Config(business=business), orders=orders, **tables)


def run(base: CustomerBase, names: list[str], **kwargs: object) -> dict[str, pd.DataFrame]:
    kwargs = {"period": "month", "start": JAN, "end": END, **kwargs}
    result = compute(base, names, **kwargs)  # type: ignore[arg-type]
    return {name: rows.set_index("period_start") for name, rows in result.groupby("metric")}


ORDERS = orders_of(
    [
        ("a", "2024-01-10 12:00", 10, "completed"),
        ("a", "2024-02-05 12:00", 20, "completed"),
        ("a", "2024-03-20 12:00", 30, "completed"),
        ("b", "2024-01-20 12:00", 5, "completed"),  # one order only
        ("c", "2024-01-25 09:00", 7, "completed"),
        ("c", "2024-01-25 18:00", 3, "completed"),  # same day: one purchase occasion
        ("c", "2024-03-01 12:00", 40, "completed"),
        ("d", "2024-02-10 12:00", 100, "refunded"),  # never counts: d is no customer
        ("e", "2023-10-01 12:00", 50, "completed"),  # before the range, lapsed by January
        ("e", "2024-03-10 12:00", 60, "completed"),  # ... and back: resurrected in March
        ("f", "2024-01-31 23:30", 15, "completed"),  # 00:30 on 1 February in Amsterdam
        ("g", "2023-06-01 12:00", 25, "completed"),
        ("g", "2024-03-15 12:00", 35, "completed"),  # resurrected in March too
        ("h", "2024-03-05 12:00", 8, "completed"),
        ("h", "2024-03-25 12:00", 12, "completed"),
        ("h", "2024-03-28 12:00", 99, "refunded"),
    ]
)
# Spells on the books (local days, window 30):
#   a [01-10, 03-05] (01-10 and 02-05 merge), [03-20, 04-18]   b [01-20, 02-18]
#   c [01-25, 02-23], [03-01, 03-30]   e [03-10, 04-08]   f [02-01, 03-01]
#   g [03-15, 04-13]   h [03-05, 04-23]
# On the books at the end of   31 Dec: none   31 Jan: a b c   29 Feb: a f
#                              31 Mar: a e g h   30 Apr: none
# New (first completed order ever): January a b c, February f, March h.


@pytest.fixture(scope="module")
def orders_only() -> dict[str, pd.DataFrame]:
    return run(base_of(ORDERS), RETENTION)


def test_retention_churn_and_growth(orders_only: dict[str, pd.DataFrame]) -> None:
    crr = orders_only["customer_retention_rate"]
    # January: nobody on the books on 31 December (S = 0): no row.
    # February: S = 3 (a b c), E = 2 (a f), N = 1 (f)  -> (2 - 1) / 3 = 1/3.
    # March:    S = 2 (a f),   E = 4 (a e g h), N = 1 (h) -> (4 - 1) / 2 = 1.5: e and g came
    #           back (resurrected), neither on the books at the start nor new, so CRR > 1.
    # April:    S = 4, E = 0, N = 0 -> 0.
    assert list(crr.index) == [FEB, MAR, APR]
    assert crr.value.tolist() == pytest.approx([1 / 3, 1.5, 0.0])
    assert crr.n.tolist() == [3, 2, 4]
    # Wilson on clip(E - N, 0, S) of S: Feb 1 of 3 -> [0.0615, 0.7923]; Mar 2 of 2 ->
    # [0.3424, 1.0], widened to contain 1.5; Apr 0 of 4 -> [0, 0.4899].
    assert crr.ci_low.tolist() == pytest.approx([0.0615, 0.3424, 0.0], abs=1e-4)
    assert crr.ci_high.tolist() == pytest.approx([0.7923, 1.5, 0.4899], abs=1e-4)

    churn = orders_only["churn_rate"]
    # 1 - CRR: 2/3, -0.5, 1; the interval mirrored.
    assert churn.value.tolist() == pytest.approx([2 / 3, -0.5, 1.0])
    assert churn.ci_low.tolist() == pytest.approx([1 - 0.7923, -0.5, 1 - 0.4899], abs=1e-4)
    assert churn.ci_high.tolist() == pytest.approx([1 - 0.0615, 1 - 0.3424, 1.0], abs=1e-4)

    growth = orders_only["customer_growth"]
    # E / S: 2/3, 4/2, 0/4; no interval.
    assert growth.value.tolist() == pytest.approx([2 / 3, 2.0, 0.0])
    assert growth.ci_low.isna().all() and growth.ci_high.isna().all()


def test_repeat_purchase_rate_counts_order_days(orders_only: dict[str, pd.DataFrame]) -> None:
    repeat = orders_only["repeat_purchase_rate"]
    # January: buyers a b c (f's order is on 1 February locally); c's two orders are on the
    # same day: one purchase occasion -> 0 of 3 ([0, 0.5615]).
    # February: a, f (d's order was refunded) -> 0 of 2. March: a c e g h; h bought on two
    # days (the refund on 28 March does not count) -> 1 of 5 ([0.0362, 0.6245]).
    # April: no orders -> no row.
    assert repeat.value.to_dict() == pytest.approx({JAN: 0.0, FEB: 0.0, MAR: 0.2})
    assert repeat.n.tolist() == [3, 2, 5]
    assert (repeat.loc[MAR].ci_low, repeat.loc[MAR].ci_high) == pytest.approx(
        (0.0362, 0.6245), abs=1e-4
    )
    assert repeat.loc[JAN].ci_high == pytest.approx(0.5615, abs=1e-4)


def test_returning_customer_rate(orders_only: dict[str, pd.DataFrame]) -> None:
    returning = orders_only["returning_customer_rate"]
    # January: a b c all first-time -> 0/3. February: a (ordered in January) yes, f no -> 1/2
    # ([0.0945, 0.9055]). March: a c yes; e and g yes (ordered in 2023, before the range);
    # h no -> 4/5 ([0.3755, 0.9638]). April: no buyers, no row.
    assert returning.value.to_dict() == pytest.approx({JAN: 0.0, FEB: 0.5, MAR: 0.8})
    assert returning.n.tolist() == [3, 2, 5]
    assert (returning.loc[MAR].ci_low, returning.loc[MAR].ci_high) == pytest.approx(
        (0.3755, 0.9638), abs=1e-4
    )


def test_time_between_purchases(orders_only: dict[str, pd.DataFrame]) -> None:
    gaps = orders_only["time_between_purchases"]
    # Gaps between consecutive order days, by the month of the later day:
    #   February: a 10 Jan -> 5 Feb = 26.
    #   March: a 5 Feb -> 20 Mar = 44; c 25 Jan -> 1 Mar = 36 (its two 25 January orders are
    #   one day); e 1 Oct 2023 -> 10 Mar = 161; g 1 Jun 2023 -> 15 Mar = 288; h 5 -> 25 Mar = 20.
    # Median: Feb 26; Mar of 20 36 44 161 288 = 44. Interval ranks n/2 ∓ 1.96√n/2, rounded:
    #   n = 1: ranks 1 and 1 -> [26, 26]; n = 5: 2.5 - 2.19 = 0.31 -> 1 (clipped), and
    #   1 + 2.5 + 2.19 = 5.69 -> 6 -> 5 (clipped) -> [20, 288].
    assert gaps.value.to_dict() == {FEB: 26.0, MAR: 44.0}
    assert gaps.n.tolist() == [1, 5]
    assert gaps.ci_low.tolist() == [26.0, 20.0]
    assert gaps.ci_high.tolist() == [26.0, 288.0]


def test_cohort_retention_metric(orders_only: dict[str, pd.DataFrame]) -> None:
    cohort = orders_only["cohort_retention"]
    # Cohorts: January a b c, February f, March h (e and g first ordered before the range).
    # Active in the next month: January -> February: a -> 1/3 ([0.0615, 0.7923]);
    # February -> March: f no -> 0/1; March -> April: h no -> 0/1. April: no cohort.
    assert cohort.value.to_dict() == pytest.approx({JAN: 1 / 3, FEB: 0.0, MAR: 0.0})
    assert cohort.n.tolist() == [3, 1, 1]
    assert cohort.loc[JAN].ci_low == pytest.approx(0.0615, abs=1e-4)


def test_whole_range_as_one_period() -> None:
    result = run(base_of(ORDERS), [*BOOKS, "repeat_purchase_rate"], period=None)
    # Start = end of 31 Dec: nobody on the books -> no retention row at all.
    assert "customer_retention_rate" not in result
    # Buyers in January-April: a b c e f g h = 7; with two or more order days: a c e g h
    # (e and g each have one order day in the range) -> a c h = 3 of 7.
    repeat = result["repeat_purchase_rate"]
    assert repeat.value.tolist() == pytest.approx([3 / 7])
    assert repeat.n.tolist() == [7]


def test_utc_business_puts_the_late_order_in_january() -> None:
    business = Business(timezone="UTC", active_window_days=30)
    base = CustomerBase.from_frames(config=Config(business=business), orders=ORDERS)
    repeat = run(base, ["repeat_purchase_rate"])["repeat_purchase_rate"]
    # In UTC, f's order of 31 January 23:30 is a January order: 4 buyers in January, 1 in
    # February (a).
    assert repeat.n.tolist() == [4, 1, 5]


# -- subscriptions ---------------------------------------------------------------------
SUB_ORDERS = orders_of(
    [
        ("a", "2024-01-10 12:00", 10, "completed"),
        ("u", "2024-03-15 12:00", 20, "completed"),
    ]
)
SUBSCRIPTIONS = subscriptions_of(
    [
        ("s1", "s", "2024-01-15 12:00", None, 10, "2024-02-15 12:00", True),
        # t's renewal is due at 23:30 UTC on 31 January: 1 February in Amsterdam.
        ("s2", "t", "2024-01-05 12:00", "2024-03-10 12:00", 20, "2024-01-31 23:30", False),
        ("s3", "u", "2024-03-01 12:00", "2024-04-05 12:00", 5, "2024-03-25 12:00", None),
        ("s4", "s", "2024-04-10 12:00", None, 5, None, None),  # s upgrades in April
        ("s5", "x", "2024-02-10 12:00", None, 8, None, None),  # a new subscriber, no orders
    ]
)
# On the books: a [01-10, 02-08] (order); s [01-15, ...); t [01-05, 03-09] (ends 10 March);
# u: subscription [03-01, 04-04] and order [03-15, 04-13] merge into one spell [03-01, 04-13];
# x [02-10, ...). s, t and x keep their place without any order.
# End of 31 Jan: a s t   29 Feb: s t x   31 Mar: s u x (u once)   30 Apr: s x.
# New (first order or subscription start): January a s t, February x, March u.


@pytest.fixture(scope="module")
def with_subscriptions() -> dict[str, pd.DataFrame]:
    base = base_of(SUB_ORDERS, subscriptions=SUBSCRIPTIONS)
    return run(base, RETENTION)


def test_subscriptions_keep_customers_on_the_books(
    with_subscriptions: dict[str, pd.DataFrame],
) -> None:
    crr = with_subscriptions["customer_retention_rate"]
    # February: (3 - 1) / 3 = 2/3 (x is new, not retained); March: (3 - 1) / 3 = 2/3 (u new,
    # counted once although two reasons keep it on the books); April: (2 - 0) / 3 = 2/3.
    assert crr.value.to_dict() == pytest.approx({FEB: 2 / 3, MAR: 2 / 3, APR: 2 / 3})
    assert crr.n.tolist() == [3, 3, 3]
    growth = with_subscriptions["customer_growth"]
    # E / S: 3/3, 3/3, 2/3.
    assert growth.value.tolist() == pytest.approx([1.0, 1.0, 2 / 3])


def test_renewal_rate(with_subscriptions: dict[str, pd.DataFrame]) -> None:
    renewal = with_subscriptions["renewal_rate"]
    # Due in February: s1 (renewed) and s2 (due 1 February locally, not renewed) -> 1/2.
    # Due in March: s3, renewed unknown and the date has passed -> not renewed: 0/1.
    # s4, s5: no renewal due. January: nothing due locally -> no row.
    assert renewal.value.to_dict() == pytest.approx({FEB: 0.5, MAR: 0.0})
    assert renewal.n.tolist() == [2, 1]
    assert (renewal.loc[FEB].ci_low, renewal.loc[FEB].ci_high) == pytest.approx(
        (0.0945, 0.9055), abs=1e-4
    )


def test_renewals_not_yet_due_are_left_out() -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    soon, lately = now + timedelta(days=3), now - timedelta(days=3)
    subs = subscriptions_of(
        [
            ("p", "p", lately - timedelta(days=30), None, 1, lately, None),  # passed: a no
            ("q", "q", lately - timedelta(days=30), None, 1, soon, None),  # undecided: out
            ("r", "r", lately - timedelta(days=30), None, 1, soon, True),  # renewed early
        ]
    )
    base = base_of(orders_of([("p", str(lately), 1, "completed")]), subscriptions=subs)
    today = now.date()
    renewal = compute(
        base, ["renewal_rate"], period=None, start=today - timedelta(10), end=today + timedelta(10)
    )
    # p: due and not renewed; q: due in 3 days, no answer yet -> left out; r: renewed -> 1/2.
    assert renewal.value.tolist() == [0.5]
    assert renewal.n.tolist() == [2]


def test_revenue_retention(with_subscriptions: dict[str, pd.DataFrame]) -> None:
    # MRR of active subscriptions at the end of   31 Jan: s 10, t 20   29 Feb: s 10, t 20,
    # x 8   31 Mar: s 10, u 5, x 8   30 Apr: s 10 + 5 (s4), x 8 (u ended 5 April).
    # February: customers s t; 30 -> 30: NRR 1, GRR 1.
    # March: s t x; 38 -> 10 + 0 + 8 = 18: NRR = GRR = 18/38 (u is new: not counted).
    # April: s u x; 23 -> 15 + 0 + 8 = 23: NRR 1; GRR = (min(15, 10) + 0 + 8) / 23 = 18/23.
    nrr = with_subscriptions["net_revenue_retention"]
    grr = with_subscriptions["gross_revenue_retention"]
    assert nrr.value.to_dict() == pytest.approx({FEB: 1.0, MAR: 18 / 38, APR: 1.0})
    assert grr.value.to_dict() == pytest.approx({FEB: 1.0, MAR: 18 / 38, APR: 18 / 23})
    assert nrr.n.tolist() == [2, 3, 3] and grr.n.tolist() == [2, 3, 3]
    assert nrr.ci_low.isna().all() and grr.ci_high.isna().all()


def test_purchase_gaps_histogram_and_quartiles() -> None:
    base = base_of(ORDERS)
    hist = purchase_gaps(base, bin_days=30).order_by("bin_start").execute()
    # All gaps: 26 (a, Feb), 44 36 161 288 20 (March) -> sorted 20 26 36 44 161 288, n = 6.
    # Quartiles as numpy's default: position (n - 1) p + 1 -> q1 at 2.25: 26 + 0.25 × 10 = 28.5;
    # median at 3.5: 36 + 0.5 × 8 = 40; q3 at 4.75: 44 + 0.75 × 117 = 131.75.
    # Bins of 30 days: [0, 29] 20 26; [30, 59] 36 44; [150, 179] 161; [270, 299] 288.
    assert hist.bin_start.tolist() == [0, 30, 150, 270]
    assert hist.bin_end.tolist() == [29, 59, 179, 299]
    assert hist.gaps.tolist() == [2, 2, 1, 1]
    assert hist.share.tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 6, 1 / 6])
    assert (hist.q1[0], hist["median"][0], hist.q3[0], hist.n[0]) == (28.5, 40.0, 131.75, 6)
    # Only gaps ending in March: 20 36 44 161 288 -> median 44.
    march = purchase_gaps(base, start=MAR, end=date(2024, 3, 31)).execute()
    assert march["median"][0] == 44.0 and march.gaps.sum() == 5


def test_segments_split_retention() -> None:
    customers = pd.DataFrame({"customer_id": list("abcefg"), "channel": list("wwwsss")})
    base = base_of(ORDERS, customers=customers)
    crr = run(base, ["customer_retention_rate"], by="channel")["customer_retention_rate"]
    crr = crr.reset_index().set_index(["period_start", "segment"])
    # web (a b c): February S = 3 (a b c), E = 1 (a), N = 0 -> 1/3; March S = 1, E = 1 (a),
    # N = 0 -> 1; April S = 1, E = 0 -> 0. shop (e f g): February S = 0 -> no row; March S = 1
    # (f), E = 2 (e g), N = 0 -> 2; April S = 2 -> 0. h has no customers row: "unknown",
    # on the books only from March: April S = 1, E = 0 -> 0.
    assert crr.value.to_dict() == pytest.approx(
        {
            (FEB, "w"): 1 / 3,
            (MAR, "w"): 1.0,
            (APR, "w"): 0.0,
            (MAR, "s"): 2.0,
            (APR, "s"): 0.0,
            (APR, "unknown"): 0.0,
        }
    )


# -- properties --------------------------------------------------------------------------
START, STOP = date(2024, 1, 1), date(2024, 5, 31)
ORIGIN = datetime(2023, 11, 1, tzinfo=UTC)
MINUTES = int((datetime(2024, 6, 1, tzinfo=UTC) - ORIGIN).total_seconds() // 60)

order_rows = st.lists(
    st.tuples(
        st.sampled_from("abcdef"),
        st.integers(0, MINUTES),
        st.sampled_from(["completed", "completed", "completed", "refunded"]),
    ),
    min_size=1,
    max_size=30,
)
sub_rows = st.lists(
    st.tuples(
        st.sampled_from("abcdefgh"),
        st.integers(0, MINUTES),  # start
        st.one_of(st.none(), st.integers(1, 120 * 24 * 60)),  # length
        st.integers(1, 50),  # mrr
        st.one_of(st.none(), st.booleans()),
    ),
    max_size=6,
)


def _frames(orders: list[tuple], subs: list[tuple]) -> dict[str, pd.DataFrame]:
    """Frames from drawn rows: orders (customer, minute, status) and subscriptions
    (customer, start minute, length in minutes or open, mrr, renewed)."""
    rows = [(c, str(ORIGIN + timedelta(minutes=m)), 1 + i, s) for i, (c, m, s) in enumerate(orders)]
    frames = {"orders": orders_of(rows)}
    if subs:
        rows = []
        for i, (c, m, length, mrr, renewed) in enumerate(subs):
            started = ORIGIN + timedelta(minutes=m)
            ended = None if length is None else started + timedelta(minutes=length)
            rows.append((f"s{i}", c, started, ended, mrr, started + timedelta(days=30), renewed))
        frames["subscriptions"] = subscriptions_of(rows)
    return frames


def _naive_books(frames: dict[str, pd.DataFrame], window: int) -> dict[date, tuple[int, ...]]:
    """(S, E, N) per month by brute force over every customer and boundary day."""

    def local(ts: pd.Series) -> list[date | None]:
        return [None if pd.isna(t) else t.tz_convert(TZ).date() for t in ts]

    orders = frames["orders"][frames["orders"].status == "completed"]
    days: dict[str, list[date]] = {}
    for c, d in zip(orders.customer_id, local(orders.ordered_at), strict=True):
        days.setdefault(c, []).append(d)
    spans: dict[str, list[tuple[date, date | None]]] = {}
    subs = frames.get("subscriptions")
    if subs is not None:
        for c, s, e in zip(
            subs.customer_id, local(subs.started_at), local(subs.ended_at), strict=True
        ):
            spans.setdefault(c, []).append((s, e))
    customers = set(days) | set(spans)

    def on_books(c: str, e: date) -> bool:
        by_order = any(e - timedelta(window) < d <= e for d in days.get(c, []))
        by_sub = any(s <= e and (end is None or end > e) for s, end in spans.get(c, []))
        return by_order or by_sub

    firsts = {c: min(days.get(c, []) + [s for s, _ in spans.get(c, [])]) for c in customers}
    result = {}
    month = START
    while month <= STOP:
        following = (month + timedelta(days=32)).replace(day=1)
        last = following - timedelta(1)
        s = sum(on_books(c, month - timedelta(1)) for c in customers)
        e = sum(on_books(c, last) for c in customers)
        n = sum(month <= f <= last for f in firsts.values())
        result[month] = (s, e, n)
        month = following
    return result


@settings(max_examples=20, deadline=None)
@given(orders=order_rows, subs=sub_rows, window=st.integers(5, 60))
def test_properties_of_the_retention_family(
    orders: list[tuple], subs: list[tuple], window: int
) -> None:
    frames = _frames(orders, subs)
    base = base_of(window=window, **frames)
    result = compute(base, RETENTION, period="month", start=START, end=STOP)
    by = {name: rows.set_index("period_start") for name, rows in result.groupby("metric")}

    # On-the-books counts agree with brute force over every customer and boundary.
    naive = {m: v for m, v in _naive_books(frames, window).items() if v[0] > 0}
    crr = by.get("customer_retention_rate", pd.DataFrame(columns=["value", "n"]))
    assert set(crr.index) == set(naive)
    for month, (s, e, n) in naive.items():
        assert crr.loc[month].value == pytest.approx((e - n) / s)
        assert crr.loc[month].n == s
        assert by["customer_growth"].loc[month].value == pytest.approx(e / s)
    if len(crr):
        churn = by["churn_rate"].loc[crr.index]
        assert np.allclose(churn.value, 1 - crr.value)
        assert np.allclose(churn.ci_low, 1 - crr.ci_high)
        assert np.allclose(churn.ci_high, 1 - crr.ci_low)

    # Every interval contains its estimate; shares and their intervals lie in [0, 1].
    has_ci = result.dropna(subset=["ci_low", "ci_high"])
    assert (has_ci.ci_low <= has_ci.value + 1e-12).all()
    assert (has_ci.value <= has_ci.ci_high + 1e-12).all()
    shares = result[
        result.metric.isin(
            [
                "repeat_purchase_rate",
                "returning_customer_rate",
                "cohort_retention",
                "renewal_rate",
                "gross_revenue_retention",
            ]
        )
    ]
    assert shares.value.between(0, 1).all()
    bounded = shares.dropna(subset=["ci_low"])
    assert (bounded.ci_low >= -1e-12).all() and (bounded.ci_high <= 1 + 1e-12).all()
    assert (result.n > 0).all()

    # Gross revenue retention never exceeds net revenue retention (nor 1).
    if "gross_revenue_retention" in by:
        grr, nrr = by["gross_revenue_retention"], by["net_revenue_retention"]
        assert (grr.value <= nrr.loc[grr.index].value + 1e-12).all()

    # The median gap is a median of the gaps computed by hand.
    completed = frames["orders"][frames["orders"].status == "completed"]
    local = completed.assign(day=[t.tz_convert(TZ).date() for t in completed.ordered_at])
    gaps: dict[date, list[int]] = {}
    for _, rows in local.groupby("customer_id"):
        seen = sorted(set(rows.day))
        for before, after in pairwise(seen):
            if START <= after <= STOP:
                gaps.setdefault(after.replace(day=1), []).append((after - before).days)
    tbp = by.get("time_between_purchases", pd.DataFrame(columns=["value"]))
    assert set(tbp.index) == set(gaps)
    for month, values in gaps.items():
        assert tbp.loc[month].value == pytest.approx(float(np.median(values)))
        assert tbp.loc[month].n == len(values)


@settings(max_examples=10, deadline=None)
@given(orders=order_rows, subs=sub_rows, seed=st.integers(0, 1000))
def test_results_do_not_depend_on_row_order(
    orders: list[tuple], subs: list[tuple], seed: int
) -> None:
    frames = _frames(orders, subs)
    shuffled = {
        name: frame.sample(frac=1, random_state=random.Random(seed).randrange(10**6))
        for name, frame in frames.items()
    }
    kwargs = {"period": "month", "start": START, "end": STOP}
    one = compute(base_of(**frames), RETENTION, **kwargs)  # type: ignore[arg-type]
    two = compute(base_of(**shuffled), RETENTION, **kwargs)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(one, two)


def test_subscriptions_with_only_the_required_columns() -> None:
    subs = pd.DataFrame(
        {
            "subscription_id": ["s1"],
            "customer_id": ["s"],
            "started_at": pd.to_datetime(["2023-12-01 12:00"], utc=True),
        }
    )
    result = run(base_of(SUB_ORDERS, subscriptions=subs), RETENTION)
    # No ended_at: s is still subscribed, on the books at every boundary. No mrr, no renewal
    # columns: those metrics have no rows (rather than a misleading 0).
    # January: S = s, E = a s, N = a -> (2 - 1) / 1 = 1.
    # February: S = a s (a ordered 10 January), E = s, N = 0 -> 1/2; March: S = s, E = s u,
    # N = u -> 1; April: S = s u, E = s (u's order of 15 March lapsed on 13 April) -> 1/2.
    crr = result["customer_retention_rate"]
    assert crr.value.to_dict() == pytest.approx({JAN: 1.0, FEB: 0.5, MAR: 1.0, APR: 0.5})
    assert not {"renewal_rate", "net_revenue_retention", "gross_revenue_retention"} & set(result)

"""Tables stored once per base (purchase days, the events' customer-months) change no number,
only speed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import ibis
import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.config import Business, Config
from loyalist.metrics.catalog import CATALOG, get
from loyalist.metrics.context import resolve
from loyalist.metrics.prepared import prepare, prepared_for, stored
from loyalist.metrics.run import expression, skip_reason
from loyalist.metrics.spec import Query
from loyalist.metrics.sql import metric_sql

AMSTERDAM = Config(business=Business(timezone="Europe/Amsterdam"))


def _base() -> CustomerBase:
    orders = pd.DataFrame(
        {
            "order_id": ["1"],
            "customer_id": ["a"],
            "ordered_at": [datetime(2024, 3, 31, 12, tzinfo=UTC)],
            "amount": [5.0],
        }
    )
    events = pd.DataFrame(
        {
            "customer_id": ["a", "a", "b"],
            "occurred_at": [
                datetime(2024, 3, 30, 23, 30, tzinfo=UTC),  # 31 March 00:30 in Amsterdam
                datetime(2024, 3, 31, 10, tzinfo=UTC),  # the same local day
                datetime(2024, 1, 1, 12, tzinfo=UTC),
            ],
        }
    )
    return CustomerBase.from_frames(config=AMSTERDAM, orders=orders, events=events)


def test_event_months_are_stored_once_with_local_days() -> None:
    base = _base()
    ctx = resolve(base, Query("month"))
    prepare(ctx, [get("dau")])
    months = ctx.prepared["event_months"].order_by("customer_id").execute()
    # a: two events on local 31 March (the first at 23:30 UTC the evening before): bit 30;
    # b: 1 January, bit 0.
    assert months.customer_id.tolist() == ["a", "b"]
    assert [pd.Timestamp(m).date() for m in months.month] == [date(2024, 3, 1), date(2024, 1, 1)]
    assert months.days.tolist() == [1 << 30, 1]
    again = resolve(base, Query("week"))
    prepare(again, [get("wau")])
    assert again.prepared["event_months"] is ctx.prepared["event_months"]  # once per base
    assert stored(base)["event_months"] is ctx.prepared["event_months"]


def test_events_are_not_reduced_for_metrics_that_do_not_read_them() -> None:
    base = _base()
    ctx = resolve(base, Query("month"))
    prepare(ctx, [get("revenue"), get("nps")])
    assert list(ctx.prepared) == ["purchase_days"]  # stored at load, offered to every query
    days = ctx.purchase_days.execute()
    assert days[["customer_id", "amount", "orders"]].values.tolist() == [["a", 5.0, 1]]
    portable = resolve(base, Query("month"))
    portable.portable = True
    prepare(portable, [get("dau")])
    assert portable.prepared == {}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> CustomerBase:
    from loyalist.data.demo import generate_demo

    out = tmp_path_factory.mktemp("demo")
    result = generate_demo(out, customers=300, years=1.5, seed=11, end=date(2025, 6, 30))
    return CustomerBase.from_config(result.config_path)


@pytest.mark.parametrize("period,by", [("month", None), ("week", "country"), (None, None)])
def test_stored_days_give_the_numbers_of_the_raw_tables(
    demo: CustomerBase, period: str | None, by: str | None
) -> None:
    names = list(CATALOG)
    fast = demo.metrics(names, period=period, by=by)  # reads the stored days
    ctx = resolve(demo, Query(period, by))  # type: ignore[arg-type]
    ctx.portable = True  # the raw tables and the exact time-zone conversion
    runnable = [get(n) for n in names if not skip_reason(get(n), ctx)]
    raw = demo.con.execute(ibis.union(*(expression(m, ctx) for m in runnable), distinct=False))
    key = ["metric", "period_start", "segment"]
    raw["period_start"] = pd.to_datetime(raw.period_start).dt.date
    merged = fast.merge(raw, on=key, how="outer", suffixes=("", "_raw"), indicator=True)
    assert (merged["_merge"] == "both").all() and len(merged) == len(fast) > 10
    for column in ["value", "ci_low", "ci_high", "n"]:
        pd.testing.assert_series_equal(
            merged[column].astype("float64"),
            merged[f"{column}_raw"].astype("float64"),
            check_names=False,
            rtol=1e-9,
        )


def test_engagement_signals_are_stored_for_the_query_alone(demo: CustomerBase) -> None:
    ctx = resolve(demo, Query("month"))
    with prepared_for(ctx, [get("engagement_index")]):
        signals = ctx.prepared["engagement_signals"]
        name = signals.op().name
        assert name in demo.con.list_tables()
        # one row per period and customer on the books, as the grouping elsewhere makes them
        counts = signals.group_by(["period_start", "customer_id"]).agg(n=signals.count())
        assert counts.n.max().execute() == 1 and signals.count().execute() > 100
    assert name not in demo.con.list_tables()
    assert "engagement_signals" not in ctx.prepared
    demo.metrics(["engagement_index"])
    assert not [t for t in demo.con.list_tables() if "engagement_signals" in t]


def test_printed_sql_reads_the_raw_tables(demo: CustomerBase) -> None:
    demo.metrics(["mau"])  # stores the customer-days
    sql = metric_sql(demo, "mau", "duckdb")
    assert "__loyalist" not in sql and "EPOCH_US" not in sql
    assert '"events"' in sql and "TIMEZONE" in sql

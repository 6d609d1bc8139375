"""Loading: the same data from every kind of source gives identical tables, in UTC."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import ibis
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from loyalist import CustomerBase, DataError
from loyalist.config import Config

FRAME = pd.DataFrame(
    {
        "Invoice": ["o1", "o2", "o3"],
        "Client": ["c1", "c1", "c2"],
        "When": ["2024-01-05 10:00:00", "2024-07-01 00:30:00", "2024-12-31 23:59:00"],
        "Total": [10.0, 12.5, 7.25],
        "status": ["completed", "completed", "refunded"],
    }
)
MAPPING = {"order_id": "Invoice", "customer_id": "Client", "ordered_at": "When", "amount": "Total"}


def config(tmp_path: Path, source: str) -> Path:
    columns = ", ".join(f'{k} = "{v}"' for k, v in MAPPING.items())
    path = tmp_path / "loyalist.toml"
    path.write_text(
        f'[business]\ntimezone = "Europe/Amsterdam"\n[tables.orders]\n{source}\n'
        f"columns = {{ {columns} }}\n"
    )
    return path


def orders_of(base: CustomerBase) -> pd.DataFrame:
    return base.orders.order_by("order_id").execute()


@pytest.fixture
def from_csv(tmp_path: Path) -> pd.DataFrame:
    FRAME.to_csv(tmp_path / "orders.csv", index=False)
    return orders_of(CustomerBase.from_config(config(tmp_path, 'path = "orders.csv"')))


def test_naive_times_are_read_in_the_business_time_zone_and_stored_in_utc(
    from_csv: pd.DataFrame,
) -> None:
    # Amsterdam is UTC+1 in winter and UTC+2 in summer.
    assert list(from_csv.ordered_at) == [
        pd.Timestamp("2024-01-05 09:00", tz="UTC"),
        pd.Timestamp("2024-06-30 22:30", tz="UTC"),
        pd.Timestamp("2024-12-31 22:59", tz="UTC"),
    ]
    assert list(from_csv.columns) == [
        "order_id",
        "customer_id",
        "ordered_at",
        "amount",
        "status",
    ]


def test_parquet_gives_the_same_table(tmp_path: Path, from_csv: pd.DataFrame) -> None:
    FRAME.assign(When=pd.to_datetime(FRAME.When)).to_parquet(tmp_path / "o.parquet")
    base = CustomerBase.from_config(config(tmp_path, 'path = "o.parquet"'))
    pd.testing.assert_frame_equal(orders_of(base), from_csv)


def test_duckdb_file_gives_the_same_table(tmp_path: Path, from_csv: pd.DataFrame) -> None:
    con = duckdb.connect(str(tmp_path / "shop.duckdb"))
    con.execute("CREATE TABLE sales AS SELECT * FROM FRAME")
    con.close()
    source = f'url = "duckdb://{tmp_path / "shop.duckdb"}"\ntable = "sales"'
    base = CustomerBase.from_config(config(tmp_path, source))
    pd.testing.assert_frame_equal(orders_of(base), from_csv)


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
def test_frames_give_the_same_table(kind: str, from_csv: pd.DataFrame) -> None:
    frame = {"pandas": FRAME, "polars": pl.from_pandas(FRAME), "arrow": pa.Table.from_pandas(FRAME)}
    # The configuration maps the columns; the frame takes the place of a file.
    cfg = Config.from_dict(
        {"business": {"timezone": "Europe/Amsterdam"}, "tables": {"orders": {"columns": MAPPING}}}
    )
    base = CustomerBase.from_frames(config=cfg, orders=frame[kind])
    pd.testing.assert_frame_equal(orders_of(base), from_csv)


def test_ibis_connection_tables_are_used_in_place(from_csv: pd.DataFrame) -> None:
    con = ibis.duckdb.connect()
    con.create_table("sales", FRAME)
    cfg = Config.from_dict(
        {
            "business": {"timezone": "Europe/Amsterdam"},
            "tables": {"orders": {"url": "duckdb://", "table": "sales", "columns": MAPPING}},
        }
    )
    base = CustomerBase.from_connection(con, config=cfg, orders="sales")
    assert base.con is con
    assert "orders" not in con.list_tables()  # nothing was copied
    pd.testing.assert_frame_equal(orders_of(base), from_csv)


def test_offsets_in_the_data_win_over_the_time_zone(tmp_path: Path) -> None:
    frame = FRAME.assign(
        When=["2024-01-05T10:00:00Z", "2024-07-01T00:30:00+02:00", "2024-12-31 23:59:00"]
    )
    frame.to_csv(tmp_path / "orders.csv", index=False)
    got = orders_of(CustomerBase.from_config(config(tmp_path, 'path = "orders.csv"')))
    assert list(got.ordered_at) == [
        pd.Timestamp("2024-01-05 10:00", tz="UTC"),
        pd.Timestamp("2024-06-30 22:30", tz="UTC"),
        pd.Timestamp("2024-12-31 22:59", tz="UTC"),
    ]


def test_date_formats_and_integer_dates(tmp_path: Path) -> None:
    frame = FRAME.assign(When=[20240105, 20240701, 20241231])
    frame.to_parquet(tmp_path / "o.parquet")
    source = 'path = "o.parquet"\ndate_format = "%Y%m%d"\ntimezone = "UTC"'
    got = orders_of(CustomerBase.from_config(config(tmp_path, source)))
    assert list(got.ordered_at.dt.strftime("%Y-%m-%d %H:%M")) == [
        "2024-01-05 00:00",
        "2024-07-01 00:00",
        "2024-12-31 00:00",
    ]


def test_ids_read_as_numbers_become_clean_strings() -> None:
    frame = pd.DataFrame(
        {
            "order_id": [1, 2],
            "customer_id": [17850.0, None],
            "ordered_at": ["2024-01-01", "2024-01-02"],
            "amount": [1, 2],
        }
    )
    with pytest.raises(DataError) as caught:
        CustomerBase.from_frames(orders=frame)
    (problem,) = caught.value.report.errors
    assert (problem.column, problem.count) == ("customer_id", 1)
    ok = CustomerBase.from_frames(orders=frame.fillna(13047.0))
    assert sorted(ok.orders.customer_id.execute()) == ["13047", "17850"]


def test_missing_status_means_completed() -> None:
    frame = pd.DataFrame(
        {
            "order_id": ["1"],
            "customer_id": ["a"],
            "ordered_at": [datetime(2024, 1, 1, tzinfo=UTC)],
            "amount": [1.0],
        }
    )
    base = CustomerBase.from_frames(orders=frame)
    assert base.orders.status.execute().tolist() == ["completed"]


def test_customer_attributes_beyond_the_model_are_kept(tmp_path: Path) -> None:
    customers = pd.DataFrame({"customer_id": ["a"], "country": ["NL"], "tier": ["gold"]})
    orders = pd.DataFrame(
        {"order_id": ["1"], "customer_id": ["a"], "ordered_at": ["2024-01-01"], "amount": [1.0]}
    )
    base = CustomerBase.from_frames(orders=orders, customers=customers)
    assert base.table("customers").tier.execute().tolist() == ["gold"]


def test_failed_load_leaves_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "shop.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE sales AS SELECT * FROM FRAME")
    con.execute("UPDATE sales SET Total = -1")  # completed orders with negative amounts
    con.close()
    before = db.read_bytes()
    temp_before = set(Path(tempfile.gettempdir()).glob("loyalist-*"))
    with pytest.raises(DataError):
        CustomerBase.from_config(config(tmp_path, f'url = "duckdb://{db}"\ntable = "sales"'))
    assert db.read_bytes() == before
    assert set(Path(tempfile.gettempdir()).glob("loyalist-*")) == temp_before
    assert duckdb.connect(str(db)).execute("SHOW TABLES").fetchall() == [("sales",)]


def test_a_table_that_is_absent_gives_a_clear_error() -> None:
    base = CustomerBase.from_frames(orders=FRAME.rename(columns={v: k for k, v in MAPPING.items()}))
    with pytest.raises(KeyError, match="no events table"):
        base.table("events")
    assert base.has("orders") and not base.has("events")


def test_purchase_days_are_stored_with_their_local_day(
    tmp_path: Path, from_csv: pd.DataFrame
) -> None:
    from loyalist.data.load import PURCHASE_DAYS

    base = CustomerBase.from_config(config(tmp_path, 'path = "orders.csv"'))
    # o1 and o2 are completed, at local times 2024-01-05 10:00 and 2024-07-01 00:30 in
    # Amsterdam (2024-06-30 22:30 UTC: the local day, not the UTC day); o3 is refunded.
    days = base.con.table(PURCHASE_DAYS).order_by("day").execute()
    assert days.customer_id.tolist() == ["c1", "c1"]
    assert [pd.Timestamp(d).date().isoformat() for d in days.day] == ["2024-01-05", "2024-07-01"]
    assert days.amount.tolist() == [10.0, 12.5]
    assert PURCHASE_DAYS not in base.tables  # not a table of the data model


def test_tables_of_a_connection_get_no_stored_days(from_csv: pd.DataFrame) -> None:
    from loyalist.data.load import PURCHASE_DAYS

    con = ibis.duckdb.connect()
    con.create_table("sales", from_csv)
    base = CustomerBase.from_connection(con, orders="sales")
    assert PURCHASE_DAYS not in con.list_tables()  # the user's database is left as it was
    assert base.orders.count().execute() == 3

"""The SQL each metric compiles to is pinned: a change to it is a visible change in review.

Regenerate after an intended change with ``LOYALIST_UPDATE_SNAPSHOTS=1 pytest tests/metrics``.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.config import Business, Config
from loyalist.metrics.catalog import CATALOG
from loyalist.metrics.sql import metric_sql

SNAPSHOTS = Path(__file__).parent / "snapshots"
DAY = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def base() -> CustomerBase:
    """One row in every table: enough to compile every metric."""
    one = {"customer_id": ["c1"]}
    return CustomerBase.from_frames(
        config=Config(business=Business(timezone="Europe/Amsterdam")),
        customers=pd.DataFrame(one | {"country": ["NL"]}),
        orders=pd.DataFrame(one | {"order_id": ["o1"], "ordered_at": [DAY], "amount": [1.0]}),
        events=pd.DataFrame(one | {"occurred_at": [DAY], "session_id": ["s1"]}),
        subscriptions=pd.DataFrame(
            one
            | {
                "subscription_id": ["s1"],
                "started_at": [DAY],
                "mrr": [9.0],
                "renewal_due_at": [DAY],
                "renewed": [True],
            }
        ),
        responses=pd.DataFrame(one | {"responded_at": [DAY], "survey": ["nps"], "score": [9]}),
        messages=pd.DataFrame(one | {"message_id": ["m1"], "sent_at": [DAY], "delivered": [True]}),
        referrals=pd.DataFrame(
            {"referrer_id": ["c1"], "referred_id": ["c2"], "referred_at": [DAY]}
        ),
    )


@pytest.mark.parametrize("name", sorted(CATALOG))
@pytest.mark.parametrize("dialect", ["duckdb", "postgres"])
def test_sql_matches_snapshot(base: CustomerBase, name: str, dialect: str) -> None:
    sql = metric_sql(base, name, dialect, period="month", by="country") + "\n"
    path = SNAPSHOTS / dialect / f"{name}.sql"
    if os.environ.get("LOYALIST_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sql.encode())
    assert path.exists(), f"no snapshot for {name}: run with LOYALIST_UPDATE_SNAPSHOTS=1"
    assert sql == path.read_bytes().decode(), f"the SQL of {name} changed; see {path}"


@pytest.mark.parametrize("dialect", ["pyspark", "snowflake", "bigquery"])
def test_other_dialects_compile(base: CustomerBase, dialect: str) -> None:
    for name in CATALOG:
        sql = metric_sql(base, name, dialect, period="month")
        assert "SELECT" in sql and "TIMEZONE(" not in sql.upper().replace("_TIMEZONE(", "")

"""The same metric expressions give the same numbers on DuckDB and on PostgreSQL.

The PostgreSQL server is the throwaway one of ``scripts/postgres.sh`` (``make test`` starts
it and passes its URL in ``LOYALIST_TEST_POSTGRES``; run alone, this test starts it).
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import ibis
import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.metrics.catalog import CATALOG

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def postgres() -> ibis.BaseBackend:
    url = (
        os.environ.get("LOYALIST_TEST_POSTGRES")
        or subprocess.run(
            [str(ROOT / "scripts/postgres.sh")], check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    return ibis.connect(url)


@pytest.fixture(scope="module")
def duck(tmp_path_factory: pytest.TempPathFactory) -> CustomerBase:
    from loyalist.data.demo import generate_demo

    out = tmp_path_factory.mktemp("demo")
    result = generate_demo(out, customers=400, years=1.5, seed=7, end=date(2025, 6, 30))
    return CustomerBase.from_config(result.config_path)


@pytest.fixture(scope="module")
def pg(duck: CustomerBase, postgres: ibis.BaseBackend) -> CustomerBase:
    names = {}
    for name, table in duck.tables.items():
        names[name] = f"engines_{name}"
        postgres.create_table(names[name], table.to_pyarrow(), overwrite=True)
    return CustomerBase.from_connection(postgres, config=duck.config, **names)


def test_the_same_data_lands_in_postgres(duck: CustomerBase, pg: CustomerBase) -> None:
    assert pg.con.name == "postgres"
    for name in duck.tables:
        assert pg.table(name).count().execute() == duck.table(name).count().execute()


@pytest.mark.parametrize("family", ["retention", "stickiness", "loyalty", "engagement", "value"])
def test_every_metric_agrees_between_engines(
    duck: CustomerBase, pg: CustomerBase, family: str
) -> None:
    names = [m.name for m in CATALOG.values() if m.family == family]
    kwargs = {"period": "month", "start": date(2024, 7, 1), "end": date(2025, 6, 30)}
    on_duck = duck.metrics(names, **kwargs)
    on_pg = pg.metrics(names, **kwargs)
    assert len(on_duck) > 0 and on_duck.attrs["skipped"] == on_pg.attrs["skipped"]
    keys = ["metric", "period_start", "segment"]
    merged = on_duck.merge(on_pg, on=keys, how="outer", suffixes=("_duck", "_pg"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"][keys]
    for column in ("value", "ci_low", "ci_high"):
        pd.testing.assert_series_equal(
            merged[f"{column}_duck"], merged[f"{column}_pg"], check_names=False, rtol=1e-9
        )
    assert (merged["n_duck"] == merged["n_pg"]).all()


def test_segments_agree_between_engines(duck: CustomerBase, pg: CustomerBase) -> None:
    names = ["customer_retention_rate", "nps", "dau_mau", "revenue"]
    kwargs = {"period": "quarter", "by": "country", "start": date(2024, 7, 1)}
    a = duck.metrics(names, **kwargs).sort_values(["metric", "period_start", "segment"])
    b = pg.metrics(names, **kwargs).sort_values(["metric", "period_start", "segment"])
    assert a["segment"].nunique() > 1
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), rtol=1e-9)

"""RFM scores, ladder rungs and derived groupings give the same answers on DuckDB and PostgreSQL.

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
from loyalist.segments.ladder import ladder_counts, ladder_rungs
from loyalist.segments.rfm import rfm_scores

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2025, 3, 31)


@pytest.fixture(scope="module")
def duck(tmp_path_factory: pytest.TempPathFactory) -> CustomerBase:
    from loyalist.data.demo import generate_demo

    out = tmp_path_factory.mktemp("demo")
    result = generate_demo(out, customers=400, years=1.5, seed=11, end=date(2025, 6, 30))
    return CustomerBase.from_config(result.config_path)


@pytest.fixture(scope="module")
def pg(duck: CustomerBase) -> CustomerBase:
    url = (
        os.environ.get("LOYALIST_TEST_POSTGRES")
        or subprocess.run(
            [str(ROOT / "scripts/postgres.sh")], check=True, capture_output=True, text=True
        ).stdout.strip()
    )
    con = ibis.connect(url)
    names = {}
    for name, table in duck.tables.items():
        names[name] = f"segments_{name}"
        con.create_table(names[name], table.to_pyarrow(), overwrite=True)
    return CustomerBase.from_connection(con, config=duck.config, **names)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("customer_id").reset_index(drop=True)


def test_rfm_scores_agree(duck: CustomerBase, pg: CustomerBase) -> None:
    here, there = (_sorted(rfm_scores(b, AS_OF).execute()) for b in (duck, pg))
    assert len(here) > 100
    pd.testing.assert_frame_equal(here, there, check_dtype=False)


def test_ladder_rungs_and_counts_agree(duck: CustomerBase, pg: CustomerBase) -> None:
    here, there = (_sorted(ladder_rungs(b, AS_OF).execute()) for b in (duck, pg))
    assert set(here.rung) >= {"one_time", "retained", "lapsed"}
    pd.testing.assert_series_equal(here.rung, there.rung)
    pd.testing.assert_series_equal(here.orders, there.orders, check_dtype=False)
    start = date(2024, 10, 1)
    assert ladder_counts(duck, start, AS_OF).equals(ladder_counts(pg, start, AS_OF))


@pytest.mark.parametrize("by", ["age_band", "ladder_rung", "rfm_segment"])
def test_metrics_split_by_derived_groups_agree(
    duck: CustomerBase, pg: CustomerBase, by: str
) -> None:
    def run(base: CustomerBase) -> pd.DataFrame:
        result = base.metrics(
            ["nps", "repeat_purchase_rate"], period=None, by=by, start=date(2025, 1, 1), end=AS_OF
        )
        return result.sort_values(["metric", "segment"]).reset_index(drop=True)

    here, there = run(duck), run(pg)
    assert here.segment.nunique() > 2
    pd.testing.assert_frame_equal(here, there, check_dtype=False)


def test_customer_summary_agrees(duck: CustomerBase, pg: CustomerBase) -> None:
    # DuckDB reads the purchase days stored at load; PostgreSQL groups them from the orders
    # and takes the first day's amount with its own arg_min.
    def run(base: CustomerBase) -> pd.DataFrame:
        return _sorted(base.summary(AS_OF, date(2025, 6, 30)))

    here, there = run(duck), run(pg)
    assert len(here) > 100 and (here.frequency > 0).sum() > 50
    pd.testing.assert_frame_equal(here, there, check_dtype=False)

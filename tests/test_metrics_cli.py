"""`loyalist metrics`, `cohorts` and `sql` from the command line, on a small demo business."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from loyalist.cli import app
from loyalist.data.demo import generate_demo
from loyalist.metrics.catalog import CATALOG

runner = CliRunner()


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("demo")
    return str(
        generate_demo(out, customers=600, years=1, seed=3, end=date(2025, 6, 30)).config_path
    )


def test_json_records_have_the_tidy_columns(config: str) -> None:
    result = runner.invoke(
        app, ["metrics", "nps", "revenue", "-c", config, "--period", "quarter", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert {r["metric"] for r in records} == {"nps", "revenue"}
    first = records[0]
    assert list(first)[:8] == [
        "metric",
        "period_start",
        "period_end",
        "segment",
        "value",
        "ci_low",
        "ci_high",
        "n",
    ]
    assert date.fromisoformat(first["period_start"]) <= date.fromisoformat(first["period_end"])
    assert first["goal"] == 40 or first["metric"] != "nps"  # the demo's goal is attached


def test_csv_by_segment_and_dates(config: str) -> None:
    result = runner.invoke(
        app,
        [
            "metrics",
            "repeat_purchase_rate",
            "-c",
            config,
            "--by",
            "country",
            "--from",
            "2025-01-01",
            "--to",
            "2025-03-31",
            "-f",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("metric,period_start,period_end,segment,value")
    assert len({line.split(",")[3] for line in lines[1:]}) > 1  # several countries
    assert all(line.split(",")[1] >= "2025-01-01" for line in lines[1:])


def test_list_shows_every_metric_by_family(config: str) -> None:
    result = runner.invoke(app, ["metrics", "--list"])
    assert result.exit_code == 0
    for family in ("Stickiness", "Retention", "Loyalty", "Engagement", "Value"):
        assert family in result.output
    assert all(name in result.output for name in CATALOG)


def test_unknown_metric_and_bad_segment_exit_2(config: str) -> None:
    result = runner.invoke(app, ["metrics", "npss", "-c", config])
    assert result.exit_code == 2 and "Did you mean nps" in result.output
    result = runner.invoke(app, ["metrics", "nps", "-c", config, "--by", "shoe_size"])
    assert result.exit_code == 2 and "no such column" in result.output


def test_cohorts_table(config: str) -> None:
    result = runner.invoke(app, ["cohorts", "-c", config, "--mode", "on_or_after", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert any(r["cohort"] == "average" for r in rows)
    assert all(0 <= r["share"] <= 1 for r in rows if r["share"] is not None)


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "pyspark", "snowflake", "bigquery"])
def test_sql_prints_a_query(config: str, dialect: str) -> None:
    result = runner.invoke(
        app, ["sql", "customer_retention_rate", "--dialect", dialect, "-c", config]
    )
    assert result.exit_code == 0, result.output
    assert "SELECT" in result.stdout and "ibis_pandas_memtable" not in result.stdout


def test_missing_tables_are_skipped_with_a_reason(tmp_path: Path) -> None:
    runner.invoke(app, ["demo", "--dataset", "cdnow", "--out", str(tmp_path / "cd")])
    result = runner.invoke(
        app, ["metrics", "nps", "revenue", "-c", str(tmp_path / "cd/loyalist.toml"), "-p", "year"]
    )
    assert result.exit_code == 0, result.output
    assert "skipped nps: needs the responses table" in result.output

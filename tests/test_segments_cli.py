"""`loyalist segments`, `ladder` and `compare` from the command line, on a small demo business."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from loyalist import CustomerBase
from loyalist.cli import app
from loyalist.data.demo import generate_demo
from loyalist.segments.rfm_rules import SEGMENTS

runner = CliRunner()


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("demo")
    return str(
        generate_demo(out, customers=800, years=1, seed=5, end=date(2025, 6, 30)).config_path
    )


def test_segments_table_counts_every_segment_and_rung(config: str) -> None:
    result = runner.invoke(app, ["segments", "-c", config, "--as-of", "2025-06-30"])
    assert result.exit_code == 0, result.output
    assert "RFM segments as of 2025-06-30" in result.output
    assert "Champions" in result.output and "Loyalty ladder" in result.output
    # One line per rung with its count, as the Python API counts them.
    rungs = CustomerBase.from_config(config).ladder("2025-06-30").rung.value_counts()
    rows = [line.split() for line in result.output.splitlines()]
    shown = {row[0]: int(row[1].replace(",", "")) for row in rows if row and row[0] in rungs}
    assert shown == rungs.to_dict()


def test_segments_json_has_one_row_per_customer(config: str) -> None:
    result = runner.invoke(app, ["segments", "-c", config, "--as-of", "2025-03-31", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = pd.DataFrame(json.loads(result.stdout))
    assert rows.customer_id.is_unique
    assert {"recency_days", "r_score", "rfm_segment", "rung"} <= set(rows.columns)
    assert rows[["r_score", "f_score", "m_score"]].isin(range(1, 6)).all().all()
    assert set(rows.rfm_segment) <= set(SEGMENTS)
    # The same customers as the Python API, and nobody whose first order came later.
    base = CustomerBase.from_config(config)
    assert len(rows) == len(base.segments("2025-03-31"))
    assert rows.recency_days.min() >= 0


def test_segments_output_file(config: str, tmp_path: Path) -> None:
    out = tmp_path / "segments.csv"
    result = runner.invoke(app, ["segments", "-c", config, "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out)
    assert f"Wrote {out} ({len(written):,} customers)" in result.output.replace("\n", "")
    assert "Champions" in result.output  # the summary is still shown


def test_ladder_counts_moves_and_net_movement(config: str) -> None:
    args = ["ladder", "-c", config, "--from", "2025-01-01", "--to", "2025-06-30", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    moves = pd.DataFrame(document["transitions"])
    counts = pd.DataFrame(document["counts"])
    assert len(counts) == 6 * 5  # six months, five rungs
    # Everyone on the ladder at the end came from somewhere: the last month's counts.
    june = counts[counts.period_start == "2025-06-01"].set_index("rung").customers
    assert moves.groupby("to_rung").customers.sum().to_dict() == june.to_dict()
    movement = document["movement"]
    assert movement["net"] == movement["up"] - movement["down"]
    assert sum(movement[k] for k in ("up", "down", "stayed", "new")) == moves.customers.sum()


def test_ladder_table_and_bad_dates(config: str) -> None:
    result = runner.invoke(app, ["ladder", "-c", config, "--period", "quarter"])
    assert result.exit_code == 0, result.output
    assert "Moves from" in result.output and "net" in result.output
    result = runner.invoke(
        app, ["ladder", "-c", config, "--from", "2025-06-30", "--to", "2025-01-01"]
    )
    assert result.exit_code == 2 and "before it starts" in result.output


def test_compare_by_ladder_rung(config: str) -> None:
    result = runner.invoke(
        app, ["compare", "nps", "--by", "ladder_rung", "-c", config, "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["test"] == "nps"
    segments = {row["segment"] for row in document["segments"]}
    assert "loyal" in segments
    n = len(document["segments"])
    assert len(document["pairs"]) == n * (n - 1) // 2
    flagged = {p["segment_a"] for p in document["pairs"] if p["differs"]}
    flagged |= {p["segment_b"] for p in document["pairs"] if p["differs"]}
    assert {r["segment"] for r in document["segments"] if r["differs"]} == flagged


def test_compare_table_and_errors(config: str) -> None:
    result = runner.invoke(app, ["compare", "csat", "--by", "country", "-c", config])
    assert result.exit_code == 0, result.output
    assert "csat by country" in result.output
    result = runner.invoke(app, ["compare", "npss", "--by", "country", "-c", config])
    assert result.exit_code == 2 and "Did you mean nps" in result.output
    result = runner.invoke(app, ["compare", "nps", "--by", "shoe_size", "-c", config])
    assert result.exit_code == 2 and "rfm_segment" in result.output


def test_help_teaches_rfm_and_the_rungs() -> None:
    segments_help = runner.invoke(app, ["segments", "--help"]).output
    assert "Recency" in segments_help and "Champions" in segments_help
    ladder_help = runner.invoke(app, ["ladder", "--help"]).output
    assert all(r in ladder_help for r in ("one_time", "retained", "sticky", "loyal", "lapsed"))


def test_segments_before_the_first_order_exit_2(config: str) -> None:
    for extra in ([], ["-f", "csv"]):
        result = runner.invoke(app, ["segments", "-c", config, "--as-of", "2020-01-01", *extra])
        assert result.exit_code == 2 and "no customer has a completed order" in result.output

"""`loyalist churn backtest` and `loyalist at-risk` from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from loyalist.churn.backtest import MODELS
from loyalist.cli import app
from loyalist.data.demo import generate_demo

runner = CliRunner()
KEYS = ["model", "roc_auc", "pr_auc", "brier", "lift_top10"]


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("churn_cli")
    result = generate_demo(out, customers=800, years=2, seed=11, end=date(2025, 6, 30))
    return str(result.config_path)


def test_backtest_json_has_one_record_per_model(config: str) -> None:
    result = runner.invoke(app, ["churn", "backtest", "-c", config, "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["model"] for r in records] == list(MODELS)
    assert all(list(r) == KEYS for r in records)
    assert all(0 <= r["roc_auc"] <= 1 and r["lift_top10"] > 0 for r in records)
    assert records[1]["brier"] is None  # recency is no probability
    assert "mode honest" in result.stderr  # how it was trained: on stderr, not in the JSON


def test_backtest_table_says_how_it_was_trained(config: str) -> None:
    result = runner.invoke(app, ["churn", "backtest", "-c", config, "--horizon", "60"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())  # the console wraps long lines
    assert "mode honest" in text and "ROC-AUC" in text
    assert "within 60 days" in text and "baseline on ROC-AUC" in text


def test_backtest_bad_dates_exit_with_status_2(config: str) -> None:
    result = runner.invoke(app, ["churn", "backtest", "-c", config, "--evaluate-at", "2025-06-01"])
    assert result.exit_code == 2
    assert "runs past the last order" in " ".join(result.stderr.split())


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_at_risk_prints_and_writes_the_list(config: str, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"at_risk{suffix}"
    args = ["at-risk", "-c", config, "--top", "5", "--horizon", "60", "-o", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())  # the console wraps long lines
    assert "5 of " in text and "P(churn in 60 days)" in text
    assert "why, most important first" in text and f"Wrote {target}" in text
    if suffix == ".json":
        rows = pd.DataFrame(json.loads(target.read_text()))
        assert all(isinstance(r, list) for r in rows.reasons)
    elif suffix == ".csv":
        rows = pd.read_csv(target)
    else:
        rows = pd.read_parquet(target)
    assert len(rows) == 5
    assert list(rows.columns)[:4] == ["customer_id", "p_churn", "clv", "value_at_risk"]
    assert rows.value_at_risk.is_monotonic_decreasing


def test_at_risk_refuses_unknown_file_types(config: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["at-risk", "-c", config, "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert ".csv, .json or .parquet" in " ".join(result.stderr.split())


def test_help_teaches(config: str) -> None:
    backtest = runner.invoke(app, ["churn", "backtest", "--help"]).stdout
    assert "--evaluate-at" in backtest and "customer_split" in backtest
    at_risk = runner.invoke(app, ["at-risk", "--help"]).stdout
    assert "Value at risk" in at_risk and "--top" in at_risk


def test_cdnow_numbers_from_the_raw_data(tmp_path: Path) -> None:
    made = runner.invoke(app, ["demo", "--dataset", "cdnow", "--out", str(tmp_path)])
    assert made.exit_code == 0, made.output
    result = runner.invoke(
        app,
        [
            "churn", "backtest", "-c", str(tmp_path / "loyalist.toml"),
            "--evaluate-at", "1997-09-30", "--horizon", "273", "-f", "json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    auc = {r["model"]: r["roc_auc"] for r in json.loads(result.stdout)}
    assert "mode customer_split" in result.stderr
    assert auc["gradient_boosting"] > max(auc["recency"], auc["bgnbd_p_alive"])

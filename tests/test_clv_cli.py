"""``loyalist clv`` on the CDNOW sample: models, top customers, holdout, files, exit 2."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from loyalist.cli import app
from loyalist.datasets import load_cdnow
from loyalist.models.chain import COLUMNS

runner = CliRunner()

CONFIG = """[business]
name = "CDNOW sample"
timezone = "America/New_York"
currency = "USD"

[tables.orders]
path = "orders.parquet"
"""


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cdnow")
    load_cdnow(sample=True).to_parquet(folder / "orders.parquet", index=False)
    (folder / "loyalist.toml").write_text(CONFIG, encoding="utf-8")
    return folder / "loyalist.toml"


def run(*args: str):
    return runner.invoke(app, ["clv", *args], env={"COLUMNS": "160"})


def test_clv_with_a_holdout_check(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = run("--config", str(config), "--calibration-end", "1997-09-30", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    for expected in [
        "BG/NBD",
        "log-likelihood -9,582.4 · 2,357 customers",
        "r 0.2426",  # the published 0.243, 4.414, 0.793, 2.426
        "alpha 4.414",
        "a 0.7929",
        "b 2.426",
        "Gamma-Gamma spend model",
        "946 customers",
        "Top 10 customers by CLV (next 52 weeks, as of 1997-09-30)",
        "CLV (USD)",
        "Holdout check",
        "7+ 64",
        "total 2,357 1,882 1,653",
        "Wrote",
    ]:
        assert expected in text, expected
    customers = pd.read_csv(out, dtype={"customer_id": str})
    assert tuple(customers.columns) == COLUMNS and len(customers) == 2357
    assert customers.clv.is_monotonic_decreasing


def test_pareto_parquet_and_charts(config: Path, tmp_path: Path) -> None:
    out, folder = tmp_path / "clv.parquet", tmp_path / "charts"
    args = ["--config", str(config), "--model", "pnbd", "--horizon", "26", "--margin", "0.5"]
    result = run(*args, "--calibration-end", "1997-09-30", "-o", str(out), "--charts", str(folder))
    assert result.exit_code == 0, result.output
    assert "Pareto/NBD" in result.output and "next 26 weeks" in result.output
    assert len(pd.read_parquet(out)) == 2357
    assert sorted(p.name for p in folder.iterdir()) == [
        "clv_distribution.png",
        "cumulative_tracking.png",
        "expected_purchases.png",
        "holdout_by_frequency.png",
        "probability_alive.png",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--calibration-end", "1996-06-30"], "before the first order"),
        (["--calibration-end", "1997-01-01"], "no customer has a repeat purchase"),
        (["--calibration-end", "1997-31-12"], "does not match"),
        (["--margin", "30"], "between 0 and 1"),
    ],
)
def test_bad_input_exits_2(config: Path, args: list[str], message: str) -> None:
    result = run("--config", str(config), *args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output

"""`loyalist report` from the command line, on a small demo business."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from loyalist.cli import app
from loyalist.data.demo import generate_demo

runner = CliRunner()


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    return generate_demo(out, customers=600, years=1, seed=3, end=date(2025, 6, 30)).config_path


def test_writes_the_report_next_to_the_config_and_ends_with_its_path(config: Path) -> None:
    result = runner.invoke(app, ["report", "--config", str(config)], terminal_width=400)
    assert result.exit_code == 0, result.output
    target = config.parent / "report.html"
    assert target.exists() and target.stat().st_size > 500_000  # the Vega bundle is inside
    lines = result.output.strip().splitlines()
    assert lines[-1] == str(target)
    assert "Wrote the report" in lines[-2]
    html = target.read_text()
    assert "Demo shop" in html and "Jul 2024" in html  # monthly by default


def test_options(config: Path, tmp_path: Path) -> None:
    out, png = tmp_path / "q.html", tmp_path / "png"
    args = ["report", "-c", str(config), "-o", str(out), "--png", str(png)]
    args += ["--period", "quarter", "--from", "2025-01-01", "--to", "2025-06-30"]
    result = runner.invoke(app, args, terminal_width=400)
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "1 Jan 2025 to 30 Jun 2025, per quarter" in html
    assert "Q2 2025" in html
    pngs = list(png.glob("*.png"))
    assert len(pngs) == html.count('data-spec="') and len(pngs) > 20
    assert f"Wrote the charts as PNG to {png}" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2025-06-01", "--to", "2025-01-01"], "before it starts"),
        (["--config", "nowhere/loyalist.toml"], "no such file"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    config: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    base_args = ["report", "-o", str(tmp_path / "r.html")]
    if "--config" not in args:
        base_args += ["--config", str(config)]
    result = runner.invoke(app, base_args + args, terminal_width=400)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_period_all_is_not_a_report_period(config: Path) -> None:
    result = runner.invoke(app, ["report", "-c", str(config), "--period", "all"])
    assert result.exit_code == 2  # usage error: the trends need periods

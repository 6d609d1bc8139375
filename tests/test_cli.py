"""The command line: exit status 0 on good data, 2 on bad input, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from loyalist.cli import app

runner = CliRunner()
TEN_PROBLEMS = Path(__file__).parent / "fixtures" / "ten_problems"


def test_validate_lists_every_kind_of_problem_at_once(tmp_path: Path) -> None:
    shutil.copytree(TEN_PROBLEMS, tmp_path / "shop")
    result = runner.invoke(app, ["validate", "--config", str(tmp_path / "shop/loyalist.toml")])
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    expected = [
        "orders.csv · column ordered_at 1 of 9 values do not parse as timestamp",
        "orders.csv · column amount 1 of 9 values do not parse as float",
        "orders.csv · column customer_id 1 of 9 rows have no value",
        "orders.csv · column order_id 2 rows share 1 duplicated key",
        "orders.csv · column amount 1 of 9 rows are completed orders with a negative amount",
        "orders.csv · column status 1 of 9 rows have a value outside",
        "orders.csv · column ordered_at 1 of 9 timestamps lie in the future",
        "responses.csv · column score 1 of 3 NPS scores lie outside 0-10",
        "responses.csv · column survey 1 of 3 rows have a value outside",
        "events.csv · column occurred_at required column 'occurred_at' is missing",
        "messages.csv the table has no rows",
        "referrals.csv 2 lines could not be read",
        "WARNING orders.csv · column customer_id 1 rows (1 distinct ids) name a customer",
        "12 error(s), 1 warning(s)",
    ]
    missing = [text for text in expected if text not in out]
    assert not missing, out
    assert "Traceback" not in result.output


def test_validate_passes_on_good_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--dataset", "cdnow", "--out", str(tmp_path / "cd")])
    assert result.exit_code == 0, result.output
    assert "23,570" in result.output  # customers who ordered
    result = runner.invoke(app, ["validate", "-c", str(tmp_path / "cd/loyalist.toml")])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_missing_config_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "-c", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert "no such file" in result.output and "loyalist init" in result.output


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "loyalist.toml").write_text('[tables.order]\npath = "o.csv"\n')
    result = runner.invoke(app, ["validate", "-c", str(tmp_path / "loyalist.toml")])
    assert result.exit_code == 2
    assert "Did you mean 'orders'" in " ".join(result.output.split())


def test_init_writes_a_config_that_validates(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "Invoices.csv").write_text(
        "Invoice;Customer ID;InvoiceDate;Total;Country\n"
        "A1;17850;01/12/2010 08:26;15,30;UK\n"
        "A2;17850;13/12/2010 08:28;22,00;UK\n"
        "A3;13047;02/12/2010 09:00;54,08;UK\n"
    )
    (data / "clients.csv").write_text("client_id,country,signup\n17850,UK,2010-01-01\n")
    result = runner.invoke(app, ["init", str(data)])
    assert result.exit_code == 0, result.output
    text = (data / "loyalist.toml").read_text()
    assert 'order_id = "Invoice"' in text and 'amount = "Total"' in text
    assert 'date_format = "%d/%m/%Y %H:%M"' in text and 'decimal = ","' in text
    assert "[tables.customers]" in text and 'customer_id = "client_id"' in text
    result = runner.invoke(app, ["validate", "-c", str(data / "loyalist.toml")])
    assert result.exit_code == 0, result.output
    assert "1 rows (1 distinct ids)" in " ".join(result.output.split())  # 13047 is unknown
    again = runner.invoke(app, ["init", str(data)])
    assert again.exit_code == 2 and "--force" in again.output


def test_init_without_orders_explains(tmp_path: Path) -> None:
    (tmp_path / "clients.csv").write_text("client_id,country\n1,UK\n")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "found no orders file" in " ".join(result.output.split())


def test_help_teaches() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "init", "validate"):
        assert command in result.output

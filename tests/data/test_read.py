"""Malformed files are read correctly or reported clearly, never as a traceback."""

from __future__ import annotations

import bz2
import codecs
import gzip
from pathlib import Path

import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.config import Config
from loyalist.data.load import load_tables
from loyalist.data.read import ReadError, file_format

ORDERS = [
    "order_id,customer_id,ordered_at,amount",
    "o1,José,2024-01-05,10.5",
    "o2,Zoë,2024-02-05,12.25",
]


def amounts(path: Path, **settings: str) -> list[tuple[str, float]]:
    """Load ``path`` as the orders table and return (customer, amount) pairs."""
    options = "".join(f'{k} = "{v}"\n' for k, v in settings.items())
    config = Path(path.parent / "loyalist.toml")
    config.write_text(f'[tables.orders]\npath = "{path.name}"\n{options}', encoding="utf-8")
    base = CustomerBase.from_config(config)
    frame = base.orders.order_by("order_id").execute()
    return list(zip(frame.customer_id, frame.amount, strict=True))


EXPECTED = [("José", 10.5), ("Zoë", 12.25)]


def test_plain_csv(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_text("\n".join(ORDERS) + "\n")
    assert amounts(tmp_path / "orders.csv") == EXPECTED


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_other_delimiters_are_detected(tmp_path: Path, delimiter: str) -> None:
    text = "\n".join(line.replace(",", delimiter) for line in ORDERS)
    (tmp_path / "orders.csv").write_text(text + "\n")
    assert amounts(tmp_path / "orders.csv") == EXPECTED


def test_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_bytes(codecs.BOM_UTF8 + "\n".join(ORDERS).encode())
    assert amounts(tmp_path / "orders.csv") == EXPECTED


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "cp1252"])
def test_other_encodings(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "orders.csv").write_bytes("\n".join(ORDERS).encode(encoding))
    assert amounts(tmp_path / "orders.csv") == EXPECTED


def test_declared_encoding(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_bytes("\n".join(ORDERS).encode("latin-1"))
    assert amounts(tmp_path / "orders.csv", encoding="latin-1") == EXPECTED


@pytest.mark.parametrize(("suffix", "compress"), [(".gz", gzip.compress), (".bz2", bz2.compress)])
def test_compressed_csv(tmp_path: Path, suffix: str, compress) -> None:
    (tmp_path / f"orders.csv{suffix}").write_bytes(compress("\n".join(ORDERS).encode()))
    assert amounts(tmp_path / f"orders.csv{suffix}") == EXPECTED


def test_decimal_commas(tmp_path: Path) -> None:
    text = (
        "order_id;customer_id;ordered_at;amount\no1;José;2024-01-05;10,5\no2;Zoë;2024-02-05;12,25"
    )
    (tmp_path / "orders.csv").write_text(text)
    assert amounts(tmp_path / "orders.csv", decimal=",") == EXPECTED


def test_json_lines(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "order_id": ["o1", "o2"],
            "customer_id": ["José", "Zoë"],
            "ordered_at": ["2024-01-05", "2024-02-05"],
            "amount": [10.5, 12.25],
        }
    )
    frame.to_json(tmp_path / "orders.jsonl", orient="records", lines=True)
    assert amounts(tmp_path / "orders.jsonl") == EXPECTED


def test_ragged_rows_are_reported_with_line_numbers(tmp_path: Path) -> None:
    text = "\n".join([*ORDERS, "o3,Ann,2024-03-01,1,surplus", "o4,Bob", "o5,Cy,2024-03-02,2"])
    (tmp_path / "orders.csv").write_text(text + "\n")
    (tmp_path / "loyalist.toml").write_text('[tables.orders]\npath = "orders.csv"\n')
    report = load_tables(Config.load(tmp_path / "loyalist.toml"), keep_invalid=True).report
    (problem,) = report.errors
    assert problem.count == 2 and problem.source == "orders.csv"
    assert [e["line"] for e in problem.examples] == [4, 5]
    assert report.row_counts["orders"] == 3  # the good rows are still counted


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("orders.csv", b"", "empty"),
        ("orders.xlsx", b"PK\x03\x04", "cannot tell the file type"),
        ("orders.parquet", b"not parquet at all", "could not be read"),
        ("orders.csv.gz", b"not gzip", "could not be decompressed"),
    ],
)
def test_unreadable_files_get_a_clear_problem(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "loyalist.toml").write_text(f'[tables.orders]\npath = "{name}"\n')
    report = load_tables(Config.load(tmp_path / "loyalist.toml"), keep_invalid=True).report
    (problem,) = report.errors
    assert message in problem.message and name in problem.message


def test_missing_file(tmp_path: Path) -> None:
    (tmp_path / "loyalist.toml").write_text('[tables.orders]\npath = "nowhere.csv"\n')
    report = load_tables(Config.load(tmp_path / "loyalist.toml"), keep_invalid=True).report
    assert "no such file" in report.errors[0].message


def test_file_format_from_name() -> None:
    assert file_format(Path("a.CSV.GZ")) == "csv"
    assert file_format(Path("a.pq")) == "parquet"
    assert file_format(Path("a.ndjson")) == "json"
    with pytest.raises(ReadError):
        file_format(Path("a.xlsx"))

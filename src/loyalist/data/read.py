"""Reading files into the DuckDB engine, whatever shape they arrive in.

CSV files may have another delimiter, a byte-order mark, another encoding, gzip or zstd
compression, or ragged rows: each is either read correctly or reported as a problem with
line numbers, never as a traceback. Every raw table gets a ``__row`` column (the line or
row number in the source) so problems can point at rows.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import duckdb

from loyalist.config import TableSource
from loyalist.errors import LoyalistError

ROW = "__row"
SAMPLE_BYTES = 1 << 16
_CSV_SUFFIXES = {".csv", ".tsv", ".txt", ".dat"}
_JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}
_COMPRESSIONS = {".gz": gzip.open, ".bz2": bz2.open}


class ReadError(LoyalistError):
    """A file could not be read at all (the message says why and what to do)."""


@dataclass
class RawTable:
    """A file read into a DuckDB table of its own, with what went wrong while reading."""

    name: str
    rejected_lines: list[tuple[int, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def file_format(path: Path, declared: str | None = None) -> str:
    """Guess ``csv``, ``json`` or ``parquet`` from the file name (``orders.csv.gz`` is csv).

    Examples
    --------
    >>> file_format(Path("orders.csv.gz"))
    'csv'
    """
    if declared:
        return declared.lower()
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in {*_COMPRESSIONS, ".zst"}:
        suffixes.pop()
    last = suffixes[-1] if suffixes else ""
    if last in _PARQUET_SUFFIXES:
        return "parquet"
    if last in _JSON_SUFFIXES:
        return "json"
    if last in _CSV_SUFFIXES:
        return "csv"
    raise ReadError(
        f"{path.name}: cannot tell the file type from its name; rename it to .csv, .parquet or "
        'a .jsonl, or set `format = "csv"` in its [tables.*] section'
    )


def read_file(
    con: duckdb.DuckDBPyConnection, source: TableSource, name: str, limit: int | None = None
) -> RawTable:
    """Read ``source.path`` into the DuckDB table ``name`` (all CSV columns as text).

    With ``limit``, only the first rows are read (enough to look at a file).

    Examples
    --------
    >>> con = duckdb.connect()
    >>> source = TableSource("orders", path=Path("orders.csv"))
    >>> read_file(con, source, "raw_orders")  # doctest: +SKIP
    """
    path = source.path
    assert path is not None
    if not path.exists():
        raise ReadError(f"{path}: no such file (configured in [tables.{source.name}] path)")
    if path.is_dir():
        raise ReadError(f"{path}: is a folder; give the file of the {source.name} table")
    if path.stat().st_size == 0:
        raise ReadError(f"{path.name}: the file is empty")
    kind = file_format(path, source.format)
    quoted = _sql_string(str(path))
    if kind == "parquet":
        _create(con, name, f"read_parquet({quoted}, file_row_number = true)", path, limit, 1)
        return RawTable(name)
    if kind == "json":
        _create(con, name, f"read_json_auto({quoted})", path, limit, 1)
        return RawTable(name)
    return _read_csv(con, source, name, limit)


def _read_csv(
    con: duckdb.DuckDBPyConnection, source: TableSource, name: str, limit: int | None
) -> RawTable:
    path = source.path
    assert path is not None
    raw = RawTable(name)
    sample = _head(path)
    encoding = source.encoding or _detect_encoding(sample)
    utf8 = encoding.replace("_", "-").lower() in {"utf-8", "utf-8-sig", "ascii"}
    if utf8 and path.suffix.lower() != ".bz2":  # DuckDB reads plain, gzip and zstd files itself
        return _read_utf8_csv(con, source, path, sample, raw, limit)
    if not utf8:
        raw.notes.append(f"{path.name}: read as {encoding}, not UTF-8")
    transcoded = _transcode(path, encoding)
    try:
        return _read_utf8_csv(con, source, transcoded, _head(transcoded), raw, limit)
    finally:
        shutil.rmtree(transcoded.parent, ignore_errors=True)


def _read_utf8_csv(
    con: duckdb.DuckDBPyConnection,
    source: TableSource,
    path: Path,
    sample: bytes,
    raw: RawTable,
    limit: int | None,
) -> RawTable:
    name = raw.name
    text = sample.decode("utf-8", errors="replace").lstrip("\ufeff")
    delimiter = source.delimiter or _detect_delimiter(text, path.name)
    options = {
        "delim": delimiter,
        "header": True,
        "all_varchar": True,
        "store_rejects": True,
        "rejects_table": f"{name}__rejects",
        "rejects_scan": f"{name}__scan",
        "quote": '"',
        "escape": '"',
        "encoding": "utf-8",
    }
    args = ", ".join(f"{k} = {_literal(v)}" for k, v in options.items())
    _create(con, name, f"read_csv({_sql_string(str(path))}, {args})", source.path, limit, 2)
    rejects = con.execute(
        f'SELECT line, error_type, csv_line FROM "{name}__rejects" ORDER BY line'
    ).fetchall()
    first_error = {int(line): (str(kind), str(text)) for line, kind, text in reversed(rejects)}
    raw.rejected_lines = [(line, *first_error[line]) for line in sorted(first_error)]
    con.execute(f'DROP TABLE IF EXISTS "{name}__rejects"')
    con.execute(f'DROP TABLE IF EXISTS "{name}__scan"')
    return raw


def _create(
    con: duckdb.DuckDBPyConnection,
    name: str,
    scan: str,
    path: Path | None,
    limit: int | None,
    first_row: int,
) -> None:
    """Make ``name`` a view of the source with its row (or line) number in ``__row``.

    Parquet is read where it lies (its reader numbers the rows); CSV and JSON are parsed once
    into ``<name>__data``, whose insertion order gives the line numbers.
    """
    head = f" LIMIT {int(limit)}" if limit else ""
    try:
        if "file_row_number" in scan:
            con.execute(
                f'CREATE OR REPLACE VIEW "{name}" AS SELECT file_row_number + {first_row} AS '
                f"{ROW}, * EXCLUDE (file_row_number) FROM {scan}{head}"
            )
            con.execute(f'SELECT * FROM "{name}" LIMIT 0')  # reads the footer: fails early
        else:
            con.execute(f'CREATE OR REPLACE TABLE "{name}__data" AS SELECT * FROM {scan}{head}')
            con.execute(
                f'CREATE OR REPLACE VIEW "{name}" AS SELECT rowid + {first_row} AS {ROW}, * '
                f'FROM "{name}__data"'
            )
    except duckdb.Error as exc:
        drop_raw(con, name)
        first_line = str(exc).strip().splitlines()[0]
        raise ReadError(f"{path.name if path else name}: could not be read: {first_line}") from exc


def drop_raw(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop what :func:`read_file` made for ``name`` (a view, its data, or a plain table)."""
    for statement in (
        f'DROP VIEW IF EXISTS "{name}"',
        f'DROP TABLE IF EXISTS "{name}__data"',
        f'DROP TABLE IF EXISTS "{name}"',
    ):
        try:
            con.execute(statement)
        except duckdb.CatalogException:
            continue


def _head(path: Path) -> bytes:
    opener = _COMPRESSIONS.get(path.suffix.lower())
    try:
        if opener is not None:
            with opener(path, "rb") as fh:
                return fh.read(SAMPLE_BYTES)
        if path.suffix.lower() == ".zst":
            return b""  # DuckDB reads zstd itself; assume UTF-8
        with open(path, "rb") as fh:
            return fh.read(SAMPLE_BYTES)
    except (OSError, EOFError) as exc:
        raise ReadError(f"{path.name}: could not be decompressed ({exc})") from exc


def _detect_encoding(sample: bytes) -> str:
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut by the end of the sample
            return "utf-8"
    best = charset_normalizer.from_bytes(sample).best()
    return best.encoding if best is not None else "cp1252"


def _transcode(path: Path, encoding: str) -> Path:
    opener = _COMPRESSIONS.get(path.suffix.lower(), open)
    target = Path(tempfile.mkdtemp(prefix="loyalist-")) / (path.stem + ".utf8.csv")
    try:
        with opener(path, "rb") as src, open(target, "w", encoding="utf-8") as dst:
            reader = io.TextIOWrapper(src, encoding=encoding, errors="strict", newline="")
            while chunk := reader.read(1 << 20):
                dst.write(chunk)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(
            f'{path.name}: is neither UTF-8 nor {encoding}; set `encoding = "..."` in its '
            f"[tables.*] section ({exc})"
        ) from exc
    return target


def _detect_delimiter(text: str, filename: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        raise ReadError(f"{filename}: has no header line")
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t|").delimiter
    except csv.Error:
        header = lines[0]
        counts = {d: header.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _sql_string(str(value))


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"

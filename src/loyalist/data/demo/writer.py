"""Writing tables to Parquet or CSV files in a background thread, chunk by chunk.

Parquet files carry no Arrow schema, so readers see plain strings where the generator used
dictionary arrays, and UTC timestamps. CSV files hold ISO 8601 timestamps ending in ``Z``.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

FileFormat = Literal["parquet", "csv"]
MAX_PENDING = 2
"""Chunks waiting to be written before the producer waits (bounds memory)."""


def to_csv_ready(table: pa.Table) -> pa.Table:
    """Timestamps as ``2025-03-01T09:30:00Z`` strings, ready for a CSV file."""
    columns = []
    for column in table.columns:
        if pa.types.is_timestamp(column.type):
            seconds = column.cast(pa.timestamp("s", tz="UTC"))
            column = pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%SZ")
        columns.append(column)
    return pa.table(columns, names=table.column_names)


class TableWriter:
    """Appends chunks to ``folder/<table>.<format>`` from a background thread.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, TableWriter(Path(tmp), "csv") as sink:
    ...     sink.write("referrals", pa.table({"a": [1, 2]}))
    ...     rows = sink.close()
    >>> rows
    {'referrals': 2}
    """

    def __init__(self, folder: Path, file_format: FileFormat) -> None:
        self.folder, self.format = folder, file_format
        self.rows: dict[str, int] = {}
        self._writers: dict[str, Any] = {}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="loyalist-demo")
        self._pending: deque[Future[None]] = deque()

    def path(self, name: str) -> Path:
        """The file a table goes to."""
        return self.folder / f"{name}.{self.format}"

    def write(self, name: str, table: pa.Table) -> None:
        """Queue one chunk of table ``name`` (all chunks of a table share one schema)."""
        while len(self._pending) >= MAX_PENDING:
            self._pending.popleft().result()
        self.rows[name] = self.rows.get(name, 0) + table.num_rows
        self._pending.append(self._pool.submit(self._write, name, table))

    def _write(self, name: str, table: pa.Table) -> None:
        writer = self._writers.get(name)
        if self.format == "csv":
            table = to_csv_ready(table)
            if writer is None:
                options = pa_csv.WriteOptions(quoting_style="needed")
                writer = pa_csv.CSVWriter(self.path(name), table.schema, write_options=options)
        elif writer is None:
            repeated = [
                f.name
                for f in table.schema
                if pa.types.is_dictionary(f.type) or f.name in ("customer_id", "referrer_id")
            ]
            writer = pq.ParquetWriter(
                self.path(name),
                table.schema,
                use_dictionary=repeated,
                store_schema=False,
                compression="zstd",
            )
        self._writers[name] = writer
        writer.write_table(table)

    def close(self) -> dict[str, int]:
        """Wait for every queued chunk, close the files and return rows written per table."""
        try:
            while self._pending:
                self._pending.popleft().result()
        finally:
            for writer in self._writers.values():
                writer.close()
            self._writers.clear()
            self._pool.shutdown(wait=True)
        return dict(self.rows)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._writers or self._pending:
            try:
                self.close()
            except Exception:
                if error is None:
                    raise

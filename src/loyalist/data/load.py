"""Load every table onto one engine, validated; all or nothing.

Files and in-memory frames are read into an in-process DuckDB database; tables of an existing
Ibis connection (PostgreSQL, a DuckDB file, ...) stay where they are and are used lazily.
If any check fails, the raw tables are dropped and a :class:`DataError` lists every problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from weakref import WeakSet

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
from ibis.backends import BaseBackend

from loyalist.config import Config, TableSource
from loyalist.data.conform import BAD, Conformed, conform
from loyalist.data.read import ROW, RawTable, ReadError, drop_raw, read_file
from loyalist.data.schema import REQUIRED_TABLES, TABLES
from loyalist.data.validate import Problem, ValidationReport, check_references, check_table
from loyalist.errors import ConfigError, DataError

#: The purchase days (completed orders summed per customer and local day), stored next to
#: the tables on loyalist's own DuckDB (read by :func:`loyalist.summary.purchase_days`).
PURCHASE_DAYS = "__loyalist_purchase_days"
#: The engines that hold a :data:`PURCHASE_DAYS` table for their ``orders``.
WITH_PURCHASE_DAYS: WeakSet[BaseBackend] = WeakSet()
#: What a table can be given as: a configured source, a file path, a frame or an Ibis table.
TableInput = TableSource | str | Path | ir.Table | Any
Progress = Callable[[str], None]


@dataclass
class Loaded:
    """The tables of the data model on one engine, and what validation found."""

    con: BaseBackend
    tables: dict[str, ir.Table]
    report: ValidationReport


def load_tables(
    config: Config,
    inputs: Mapping[str, TableInput] | None = None,
    con: BaseBackend | None = None,
    progress: Progress | None = None,
    keep_invalid: bool = False,
) -> Loaded:
    """Read, conform and validate every table; raise :class:`DataError` on any error.

    ``inputs`` overrides or adds to ``config.tables``: a file path, a pandas / Polars /
    Arrow frame, an Ibis table, or (with ``con``) the name of a table in that connection.
    With ``keep_invalid`` the report is returned instead of raised (for ``validate``).

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
    ...                        "ordered_at": ["2024-01-01"], "amount": [9.5]})
    >>> loaded = load_tables(Config(), {"orders": orders})
    >>> loaded.tables["orders"].count().execute()
    1
    """
    sources: dict[str, TableInput] = {**config.tables, **(inputs or {})}
    for name in sources:
        if name not in TABLES:
            raise ConfigError(f"unknown table {name!r}; the data model has: {', '.join(TABLES)}")
    for name in REQUIRED_TABLES:
        if name not in sources:
            raise ConfigError(f"no {name} table given: loyalist needs at least the {name}")
    say = progress or (lambda _msg: None)
    engine, own = _engine(sources, con)
    report = ValidationReport()
    conformed: dict[str, Conformed] = {}
    labels: dict[str, str] = {}
    created: list[str] = []
    try:
        for name, given in sources.items():
            say(f"reading {name}")
            label, raw = _raw_table(engine, own, name, given, created, report)
            labels[name] = label
            if raw is None:
                continue
            source = given if isinstance(given, TableSource) else config.tables.get(name)
            source = source or TableSource(name)
            conformed[name] = conform(raw.table, TABLES[name], source, config.business.timezone)
            if own and not conformed[name].missing:
                created.append(f"__typed_{name}")
                conformed[name] = conformed[name].stored(engine, f"__typed_{name}")
            say(f"checking {name}")
            problems, n_rows = check_table(
                name, conformed[name], label, rejected=raw.rejected_lines
            )
            report.problems += problems
            report.row_counts[name] = n_rows
            report.notes += raw.notes
        usable = {n: c for n, c in conformed.items() if not c.missing}
        report.problems += check_references(usable, labels)
        if not report.ok and not keep_invalid:
            raise DataError(report)
        say("storing tables")
        tables = {n: _store(engine, own, n, c) for n, c in usable.items()}
        if own and "orders" in tables:
            created.append(PURCHASE_DAYS)
            _store_purchase_days(engine, tables["orders"], config.business.timezone)
            created.remove(PURCHASE_DAYS)
    except BaseException:
        _drop(engine, created)
        raise
    if own:
        _drop(engine, created)
    return Loaded(engine, tables, report)


@dataclass
class _Raw:
    table: ir.Table
    rejected_lines: list[tuple[int, str, str]]
    notes: list[str]


def _engine(sources: Mapping[str, TableInput], con: BaseBackend | None) -> tuple[BaseBackend, bool]:
    if con is not None:
        return con, False
    backends = {
        id(b): b for v in sources.values() if isinstance(v, ir.Table) for b in [v.get_backend()]
    }
    urls = {
        v.url
        for v in sources.values()
        if isinstance(v, TableSource) and v.url and not v.url.startswith("duckdb://")
    }
    if len(backends) + len(urls) > 1:
        raise ConfigError(
            "all tables must live on one engine: give tables of one connection, "
            "or files (read into DuckDB)"
        )
    if backends:
        return next(iter(backends.values())), False
    if urls:
        url = urls.pop()
        try:
            return ibis.connect(url), False
        except Exception as exc:
            raise ConfigError(f"could not connect to {url}: {exc}") from exc
    con = ibis.duckdb.connect()
    con.raw_sql("SET enable_progress_bar = false")  # our own progress, not DuckDB's, on stdout
    return con, True


def _raw_table(
    engine: BaseBackend,
    own: bool,
    name: str,
    given: TableInput,
    created: list[str],
    report: ValidationReport,
) -> tuple[str, _Raw | None]:
    raw_name = f"__raw_{name}"
    if isinstance(given, str | Path) and not own:
        return str(given), _Raw(_numbered(engine.table(str(given))), [], [])
    if isinstance(given, str | Path):
        given = TableSource(name, path=Path(given))
    if isinstance(given, ir.Table):
        return f"{name} table", _Raw(_numbered(given), [], [])
    if isinstance(given, TableSource):
        if given.path is None and given.url is None:
            raise ConfigError(f"[tables.{name}] needs `path` (a file) or `url` and `table`")
        if given.url and own:  # a DuckDB file: attach it read-only and copy the table in
            return given.label, _attached(engine, given, raw_name, created)
        if given.url:
            return given.label, _Raw(_numbered(engine.table(given.table or name)), [], [])
        try:
            created.append(raw_name)
            raw: RawTable = read_file(engine.con, given, raw_name)
        except ReadError as exc:
            report.problems.append(Problem(name, given.label, None, str(exc)))
            return given.label, None
        return given.label, _Raw(engine.table(raw_name), raw.rejected_lines, raw.notes)
    if not own:
        raise ConfigError(f"{name}: frames can only be loaded without a connection")
    created.append(raw_name)
    engine.create_table(raw_name, _arrow_with_rows(given, name))
    return f"{name} frame", _Raw(engine.table(raw_name), [], [])


def _attached(engine: BaseBackend, source: TableSource, raw_name: str, created: list[str]) -> _Raw:
    path = source.url.removeprefix("duckdb://") if source.url else ""
    alias = f"__src_{source.name}"
    engine.con.execute(f"ATTACH '{path}' AS \"{alias}\" (READ_ONLY)")
    try:
        created.append(raw_name)
        engine.con.execute(
            f'CREATE TABLE "{raw_name}" AS SELECT row_number() OVER () AS {ROW}, * '
            f'FROM "{alias}"."{source.table or source.name}"'
        )
    finally:
        engine.con.execute(f'DETACH "{alias}"')
    return _Raw(engine.table(raw_name), [], [])


def _numbered(table: ir.Table) -> ir.Table:
    return table if ROW in table.columns else table.mutate(**{ROW: ibis.row_number() + 1})


def _arrow_with_rows(frame: Any, name: str) -> pa.Table:
    if isinstance(frame, pa.Table):
        table = frame
    elif hasattr(frame, "to_arrow"):  # Polars
        table = frame.to_arrow()
    elif hasattr(frame, "to_pandas") or hasattr(frame, "iloc"):
        table = pa.Table.from_pandas(frame, preserve_index=False)
    else:
        raise ConfigError(
            f"{name}: cannot load a {type(frame).__name__}; give a file path, a pandas, Polars "
            "or Arrow frame, or an Ibis table"
        )
    return table.add_column(0, ROW, pa.array(np.arange(table.num_rows, dtype=np.int64)))


def _store(engine: BaseBackend, own: bool, name: str, conformed: Conformed) -> ir.Table:
    if not own:
        return conformed.table.drop(ROW) if ROW in conformed.values else conformed.table
    stored = f"__typed_{name}"
    helpers = [c for c in conformed.on.columns if c == ROW or c.startswith(BAD)]
    for column in helpers:
        engine.con.execute(f'ALTER TABLE "{stored}" DROP COLUMN "{column}"')
    engine.con.execute(f'ALTER TABLE "{stored}" RENAME TO "{name}"')
    return engine.table(name)


def _store_purchase_days(engine: BaseBackend, orders: ir.Table, tz: str) -> None:
    """Store the purchase days (``customer_id, day, amount, orders``: completed orders per
    customer and local day, their amounts summed) once, for the per-customer summary, the
    models fitted on it and the metrics that count purchase days (see
    :func:`loyalist.summary.purchase_days` and :attr:`Context.purchase_days
    <loyalist.metrics.context.Context.purchase_days>`)."""
    from loyalist.metrics.quick_days import quick_local_date

    completed = orders.filter(orders.status == "completed")
    span = orders.aggregate(first=orders.ordered_at.min(), last=orders.ordered_at.max())
    first, last = span.execute().iloc[0]
    if first is None or last is None or first != first or last != last:  # no orders
        return
    one = timedelta(days=1)
    day = quick_local_date(completed.ordered_at, tz, first.date() - one, last.date() + one)
    rows = completed.select(customer_id=completed.customer_id, day=day, amount=completed.amount)
    days = rows.group_by(["customer_id", "day"]).agg(amount=rows.amount.sum(), orders=rows.count())
    # Each customer's days together and in order: grouping and windows by customer then read
    # neighbouring rows (the per-customer summary runs twice as fast).
    engine.create_table(PURCHASE_DAYS, days.order_by(["customer_id", "day"]))
    WITH_PURCHASE_DAYS.add(engine)


def _drop(engine: BaseBackend, names: list[str]) -> None:
    for name in names:
        drop_raw(engine.con, name)

"""The SQL a metric compiles to, self-contained, for any warehouse.

Ibis compiles the expression; small in-memory tables (the calendar) are written inline,
and the wall-clock conversion is spelled the way each dialect spells it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import ibis
import ibis.expr.operations as ops
import sqlglot
import sqlglot.expressions as sge

from loyalist.metrics.catalog import get
from loyalist.metrics.context import resolve
from loyalist.metrics.run import expression
from loyalist.metrics.spec import Period, Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: sqlglot's name of a dialect, and the Ibis compiler used for it (PySpark's needs pyspark
#: installed, so Spark SQL is transpiled from DuckDB's by sqlglot).
_SQLGLOT = {"pyspark": "spark"}
_COMPILER = {"pyspark": "duckdb"}


def metric_sql(
    base: CustomerBase,
    name: str,
    dialect: str = "duckdb",
    period: Period | None = "month",
    by: str | None = None,
) -> str:
    """The SQL of metric ``name`` for ``dialect`` (duckdb, postgres, pyspark, snowflake, ...).

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> "SUM" in metric_sql(base, "revenue", "postgres")
    True
    """
    ctx = resolve(base, Query(period, by))
    ctx.portable = True  # the SQL of the raw tables, without DuckDB's own functions
    expr = expression(get(name), ctx)
    compiler = _COMPILER.get(dialect, dialect)
    sql = ibis.to_sql(expr, dialect=compiler)
    sql = re.sub(r"[`\"]memory[`\"]\.[`\"]main[`\"]\.", "", sql)  # loyalist's own DuckDB
    sql = re.sub(r"EXCLUDE \(([^)]*)\)", _sorted_exclude, sql)  # Ibis drops in set order
    source = _SQLGLOT.get(compiler, compiler)
    for table in expr.op().find(ops.InMemoryTable):
        inline = _values(table.data.to_frame(), source)
        sql = re.sub(rf"[`\"]?{re.escape(table.name)}[`\"]?", f"({inline})", sql)
    if dialect in ("duckdb", "postgres"):
        return sql
    target = _SQLGLOT.get(dialect, dialect)
    tree = sqlglot.parse_one(sql, read=source)
    return tree.transform(lambda node: _wall_clock(node, target)).sql(target, pretty=True)


def _sorted_exclude(match: re.Match[str]) -> str:
    return "EXCLUDE (" + ", ".join(sorted(match.group(1).split(", "))) + ")"


def _values(frame: object, dialect: str) -> str:
    selects = []
    for row in frame.itertuples(index=False):  # type: ignore[attr-defined]
        columns = [
            sge.alias_(_literal(value), name, quoted=True)
            for name, value in zip(frame.columns, row, strict=True)  # type: ignore[attr-defined]
        ]
        selects.append(sge.select(*columns))
    union = selects[0]
    for select in selects[1:]:
        union = sge.union(union, select, distinct=False)
    return union.sql(dialect)


def _literal(value: object) -> sge.Expression:
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return sge.cast(sge.Literal.string(value.isoformat()[:10]), "DATE")
    if isinstance(value, int | float):
        return sge.Literal.number(value)
    return sge.Literal.string(str(value))


def _wall_clock(node: sge.Expression, dialect: str) -> sge.Expression:
    if not (isinstance(node, sge.Anonymous) and str(node.this).upper() == "TIMEZONE"):
        return node
    tz, ts = node.expressions
    if dialect == "snowflake":
        return sge.func("CONVERT_TIMEZONE", sge.Literal.string("UTC"), tz, ts)
    if dialect == "bigquery":
        return sge.func("DATETIME", ts, tz)
    if dialect == "spark":
        return sge.func("FROM_UTC_TIMESTAMP", ts, tz)
    return node

"""Turn a raw table (the user's names and types) into a table of the data model.

The result is a lazy Ibis expression with canonical column names and types: ids as
strings, money as floats, timestamps in UTC. Naive timestamps are read in the table's
time zone (default: the business time zone). Alongside, for every column that had to be
parsed, an expression that is true where a value was present but did not parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from loyalist.config import TableSource
from loyalist.data.read import ROW
from loyalist.data.schema import Column, Table

UTC = dt.Timestamp(timezone="UTC")
NAIVE = dt.Timestamp()
_OFFSET = r"(Z|z|[+-]\d{2}(:?\d{2})?)$"
#: Prefix of the stored flags of values that did not parse.
BAD = "__unparsed_"
_TRUE = ("true", "t", "yes", "y", "1")
_FALSE = ("false", "f", "no", "n", "0")


@ibis.udf.scalar.builtin(name="timezone")
def _localize(tz: str, ts: NAIVE) -> UTC:  # type: ignore[valid-type]
    """Read a naive timestamp as wall-clock time in ``tz`` (DuckDB and PostgreSQL)."""


@ibis.udf.scalar.builtin(name="try_strptime")
def _try_strptime(text: str, fmt: str) -> NAIVE:  # type: ignore[valid-type]
    """Parse ``text`` with a strftime format, NULL where it does not fit (DuckDB)."""


@dataclass
class Conformed:
    """A raw table mapped onto the data model, plus what did not fit.

    ``values`` holds the typed canonical columns and ``unparsed`` the flags of values that
    did not parse, as expressions on ``rows`` (the raw table itself, or a stored copy of the
    typed columns); ``raw`` keeps the user's own rows and names for examples.
    """

    raw: ir.Table
    values: dict[str, ir.Value]
    mapping: dict[str, str]
    missing: list[tuple[str, str]] = field(default_factory=list)
    unparsed: dict[str, ir.BooleanValue] = field(default_factory=dict)
    rows: ir.Table | None = None

    @property
    def on(self) -> ir.Table:
        """The table ``values`` and ``unparsed`` are expressions on."""
        return self.raw if self.rows is None else self.rows

    @property
    def table(self) -> ir.Table:
        """The table of the data model (canonical names and types)."""
        return self.on.select(**self.values)

    def stored(self, con: BaseBackend, name: str) -> Conformed:
        """Store the typed columns and the parse flags once, so checks scan them cheaply."""
        flags = {f"{BAD}{c}": e for c, e in self.unparsed.items()}
        table = con.create_table(name, self.on.select(**self.values, **flags))
        values = {c: table[c] for c in self.values}
        unparsed = {c: table[f"{BAD}{c}"] for c in self.unparsed}
        return Conformed(self.raw, values, self.mapping, self.missing, unparsed, table)


def conform(raw: ir.Table, spec: Table, source: TableSource, business_tz: str) -> Conformed:
    """Map and type ``raw`` as table ``spec`` of the data model.

    Examples
    --------
    >>> from loyalist.data.schema import TABLES
    >>> raw = ibis.memtable({"order_id": [1], "customer_id": ["a"], "ordered_at": ["2024-01-01"],
    ...                      "amount": ["9.5"]})
    >>> out = conform(raw, TABLES["orders"], TableSource("orders"), "UTC")
    >>> out.table.columns[:4]
    ('order_id', 'customer_id', 'ordered_at', 'amount')
    """
    present = set(raw.columns)
    mapping: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    for column in spec.columns:
        name = source.source_column(column.name)
        if name in present:
            mapping[column.name] = name
        elif column.required or column.name in source.columns:
            missing.append((column.name, name))

    tz = source.timezone or business_tz
    values: dict[str, ir.Value] = {ROW: raw[ROW]} if ROW in present else {}
    unparsed: dict[str, ir.BooleanValue] = {}
    for canonical, name in mapping.items():
        column = spec.column(canonical)
        value = _typed(raw[name], column, source, tz)
        values[canonical] = value
        if column.kind != "string":
            given = raw[name].notnull()
            if raw[name].type().is_string():
                given &= raw[name].strip() != ""
            unparsed[canonical] = given & value.isnull()
    for column in spec.columns:
        if column.default is not None and column.name not in values:
            values[column.name] = ibis.literal(column.default, type="string")
    if spec.extra_columns:
        used = set(mapping.values()) | {ROW}
        values.update({c: raw[c] for c in raw.columns if c not in used and c not in values})
    return Conformed(raw, values, mapping, missing, unparsed)


def _typed(value: ir.Value, column: Column, source: TableSource, tz: str) -> ir.Value:
    kind = column.kind
    if kind == "string":
        return _as_string(value, column)
    if kind == "timestamp":
        return _as_timestamp(value, source.date_format_for(column.name), tz)
    if kind == "boolean":
        return _as_boolean(value)
    if kind == "float":
        if value.type().is_string():
            text = value.strip()
            if source.decimal == ",":
                text = text.replace(".", "").replace(",", ".")
            return text.try_cast("float64")
        return value.cast("float64")
    if kind == "integer":
        if value.type().is_string():
            return value.strip().try_cast("float64").round().cast("int64")
        return value.cast("int64")
    raise ValueError(f"unknown column kind {kind!r}")


def _as_string(value: ir.Value, column: Column) -> ir.StringValue:
    dtype = value.type()
    if dtype.is_floating():  # ids read as floats (a pandas column with gaps): 12.0 -> "12"
        text = ibis.ifelse(
            value == value.round(), value.cast("int64").cast("string"), value.cast("string")
        )
    else:
        text = value.cast("string")
    text = text.strip()
    text = ibis.ifelse(text == "", ibis.null("string"), text)
    if column.allowed is not None:
        text = text.lower()
        if column.default is not None:
            text = text.fill_null(column.default)
    return text


def _as_boolean(value: ir.Value) -> ir.BooleanValue:
    dtype = value.type()
    if dtype.is_boolean():
        return value
    if dtype.is_numeric():
        return value != 0
    text = value.cast("string").strip().lower()
    return ibis.cases((text.isin(_TRUE), True), (text.isin(_FALSE), False), else_=None).cast(
        "boolean"
    )


def _as_timestamp(value: ir.Value, fmt: str | None, tz: str) -> ir.TimestampValue:
    dtype = value.type()
    if dtype.is_timestamp():
        return value.cast(UTC) if dtype.timezone else _localize(tz, value)
    if dtype.is_date():
        return _localize(tz, value.cast(NAIVE))
    text = value.cast("string").strip()
    if fmt is not None:
        return _localize(tz, _try_strptime(text, fmt))
    with_offset = text.re_search(_OFFSET)
    return ibis.ifelse(with_offset, text.try_cast(UTC), _localize(tz, text.try_cast(NAIVE)))

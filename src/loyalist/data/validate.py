"""Check every table before any work starts and report every problem at once.

Each problem names the table's source (file), the column, how many rows it affects and up
to five example rows as they are in the source. Errors stop the load; warnings do not.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import ibis
import ibis.expr.types as ir

from loyalist.data.conform import Conformed
from loyalist.data.read import ROW
from loyalist.data.schema import SCORE_RANGES, TABLES

Severity = Literal["error", "warning"]
MAX_EXAMPLES = 5
#: How far ahead a "happened" timestamp may lie before it counts as in the future.
CLOCK_SKEW = timedelta(days=1)


@dataclass
class Problem:
    """One thing wrong with the data."""

    table: str
    source: str
    column: str | None
    message: str
    count: int = 0
    severity: Severity = "error"
    examples: list[dict[str, Any]] = field(default_factory=list)
    hint: str | None = None

    def describe(self) -> str:
        """One paragraph: where, what, how many, examples, and what to do."""
        where = f"{self.source}" + (f", column {self.column!r}" if self.column else "")
        text = f"{self.severity.upper()} {where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        for row in self.examples:
            text += "\n    " + ", ".join(f"{k}={v!r}" for k, v in row.items())
        return text


@dataclass
class ValidationReport:
    """Every problem found in a set of tables, and their row counts."""

    problems: list[Problem] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop the load."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth knowing that do not stop the load."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def describe(self) -> str:
        """All problems as text, errors first."""
        lines = [f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"]
        lines += [p.describe() for p in self.errors + self.warnings]
        return "\n".join(lines)


@dataclass
class _RowCheck:
    column: str | None
    failing: ir.BooleanValue
    message: str
    severity: Severity = "error"
    hint: str | None = None
    show: tuple[str, ...] = ()


def check_table(
    name: str,
    conformed: Conformed,
    source: str,
    now: datetime | None = None,
    rejected: list[tuple[int, str, str]] | None = None,
) -> tuple[list[Problem], int]:
    """Check one conformed table on its own; return its problems and its row count.

    Examples
    --------
    >>> from loyalist.config import TableSource
    >>> from loyalist.data.conform import conform
    >>> raw = ibis.memtable({"__row": [2], "order_id": ["1"], "customer_id": ["a"],
    ...                      "ordered_at": ["2024-01-01"], "amount": ["-5"]})
    >>> c = conform(raw, TABLES["orders"], TableSource("orders"), "UTC")
    >>> problems, n = check_table("orders", c, "orders.csv")
    >>> problems[0].message
    '1 of 1 rows are completed orders with a negative amount'
    """
    problems = [
        _missing_column(name, source, conformed, canonical, wanted)
        for canonical, wanted in conformed.missing
    ]
    problems += _rejected_lines(name, source, rejected or [])
    rows = conformed.on
    checks = _row_checks(name, conformed, now or datetime.now(UTC))
    counts = (
        rows.aggregate(__n=rows.count(), **{f"c{i}": c.failing.sum() for i, c in enumerate(checks)})
        .to_pyarrow()
        .to_pylist()[0]
    )
    n_rows = int(counts.pop("__n"))
    if n_rows == 0 and not rejected:
        problems.append(Problem(name, source, None, "the table has no rows"))
        return problems, 0
    for i, check in enumerate(checks):
        count = int(counts[f"c{i}"] or 0)
        if count:
            columns = [conformed.mapping[c] for c in check.show if c in conformed.mapping]
            problems.append(
                Problem(
                    name,
                    source,
                    _source_name(conformed, check.column),
                    check.message.format(count=count, total=n_rows),
                    count,
                    check.severity,
                    _examples(conformed, rows.filter(check.failing), columns),
                    check.hint,
                )
            )
    problems += _duplicate_keys(name, source, conformed)
    return problems, n_rows


def check_references(tables: dict[str, Conformed], sources: dict[str, str]) -> list[Problem]:
    """Warn about rows whose customer is absent from ``customers``.

    Examples
    --------
    >>> check_references({}, {})
    []
    """
    if "customers" not in tables or "customer_id" not in tables["customers"].mapping:
        return []
    known = tables["customers"].table.select("customer_id").distinct()
    problems = []
    for name, conformed in tables.items():
        if name == "customers":
            continue
        for column in TABLES[name].customer_columns:
            if column not in conformed.mapping:
                continue
            ids = conformed.on.select(customer_=conformed.values[column])
            ids = ids.filter(ids.customer_.notnull())
            per_id = ids.group_by("customer_").agg(rows_=ids.count())
            orphans = per_id.anti_join(known, per_id.customer_ == known.customer_id)
            found = orphans.aggregate(rows_=orphans.rows_.sum(), ids_=orphans.count())
            counts = found.to_pyarrow().to_pylist()[0]
            count = int(counts["rows_"] or 0)
            if count:
                source_column = conformed.mapping[column]
                examples = conformed.on.semi_join(
                    orphans.limit(MAX_EXAMPLES), conformed.values[column] == orphans.customer_
                )
                problems.append(
                    Problem(
                        name,
                        sources[name],
                        source_column,
                        f"{count} rows ({counts['ids_']} distinct ids) name a customer who is "
                        "not in the customers table",
                        count,
                        "warning",
                        _examples(conformed, examples, [source_column]),
                        "their orders still count; add the customers to get their attributes",
                    )
                )
    return problems


def _row_checks(name: str, c: Conformed, now: datetime) -> list[_RowCheck]:
    spec = TABLES[name]
    v = c.values
    checks: list[_RowCheck] = []
    for canonical, failing in c.unparsed.items():
        kind = spec.column(canonical).kind
        hint = None
        if kind == "timestamp":
            hint = (
                f"set `date_format` (or `date_formats.{canonical}`) in [tables.{name}], "
                "e.g. '%d/%m/%Y %H:%M'"
            )
        elif kind == "float":
            hint = f'for decimal commas set `decimal = ","` in [tables.{name}]'
        checks.append(
            _RowCheck(
                canonical,
                failing,
                f"{{count}} of {{total}} values do not parse as {kind}",
                hint=hint,
                show=(canonical,),
            )
        )
    for column in spec.columns:
        if column.name not in c.mapping:  # absent, or filled with its default
            continue
        value = v[column.name]
        if column.required:
            not_unparsed = ~c.unparsed[column.name] if column.name in c.unparsed else True
            checks.append(
                _RowCheck(
                    column.name,
                    value.isnull() & not_unparsed,
                    "{count} of {total} rows have no value (it is required)",
                    show=spec.required,
                )
            )
        if column.allowed is not None:
            checks.append(
                _RowCheck(
                    column.name,
                    value.notnull() & ~value.isin(column.allowed),
                    "{count} of {total} rows have a value outside " + ", ".join(column.allowed),
                    show=(column.name,),
                )
            )
        if column.kind == "timestamp" and column.happened:
            checks.append(
                _RowCheck(
                    column.name,
                    value > ibis.literal(now + CLOCK_SKEW, type="timestamp('UTC')"),
                    f"{{count}} of {{total}} timestamps lie in the future (after {now:%Y-%m-%d})",
                    hint="check the date format (day and month swapped?) and the time zone",
                    show=(column.name,),
                )
            )
    if name == "orders" and "amount" in v:
        completed = v["status"] == "completed" if "status" in v else True
        checks.append(
            _RowCheck(
                "amount",
                completed & (v["amount"] < 0),
                "{count} of {total} rows are completed orders with a negative amount",
                hint="refunds belong in rows with status 'refunded'",
                show=("order_id", "amount", "status"),
            )
        )
    if name == "responses" and {"survey", "score"} <= set(v):
        for survey, (low, high) in SCORE_RANGES.items():
            score = v["score"]
            checks.append(
                _RowCheck(
                    "score",
                    (v["survey"] == survey) & ((score < low) | (score > high)),
                    f"{{count}} of {{total}} {survey.upper()} scores lie outside {low}-{high}",
                    show=("survey", "score"),
                )
            )
    if name == "subscriptions" and {"started_at", "ended_at"} <= set(v):
        checks.append(
            _RowCheck(
                "ended_at",
                v["ended_at"] < v["started_at"],
                "{count} of {total} subscriptions end before they start",
                show=("subscription_id", "started_at", "ended_at"),
            )
        )
    return checks


def _duplicate_keys(name: str, source: str, c: Conformed) -> list[Problem]:
    key = [k for k in TABLES[name].key if k in c.mapping]
    if not key or len(key) < len(TABLES[name].key):
        return []
    rows = c.on.mutate(**{f"__k{i}": c.values[k] for i, k in enumerate(key)})
    key_cols = [f"__k{i}" for i in range(len(key))]
    counts = rows.group_by(key_cols).agg(__copies=rows.count()).filter(lambda t: t.__copies > 1)
    dup_rows = int(counts.__copies.sum().to_pyarrow().as_py() or 0)
    if not dup_rows:
        return []
    dupes = rows.semi_join(counts, key_cols).drop(*key_cols)
    shown = [c.mapping[k] for k in key]
    n_keys = int(counts.count().to_pyarrow().as_py())
    return [
        Problem(
            name,
            source,
            shown[0],
            f"{dup_rows} rows share {n_keys} duplicated key values "
            f"({', '.join(shown)} must be unique)",
            dup_rows,
            examples=_examples(c, dupes, shown),
        )
    ]


def _missing_column(name: str, source: str, c: Conformed, canonical: str, wanted: str) -> Problem:
    available = [col for col in c.raw.columns if col != ROW]
    close = difflib.get_close_matches(
        wanted, available, n=3, cutoff=0.5
    ) or difflib.get_close_matches(canonical, available, n=3, cutoff=0.5)
    hint = (
        f'map it in [tables.{name}] columns, e.g. columns = {{ {canonical} = "{close[0]}" }}'
        if close
        else f"the file has: {', '.join(available[:12])}"
    )
    mapped = f" (mapped to {wanted!r})" if wanted != canonical else ""
    close_text = f"; closest names present: {', '.join(close)}" if close else ""
    return Problem(
        name,
        source,
        wanted,
        f"required column {canonical!r}{mapped} is missing{close_text}",
        hint=hint,
    )


def _rejected_lines(name: str, source: str, rejected: list[tuple[int, str, str]]) -> list[Problem]:
    if not rejected:
        return []
    examples = [
        {"line": line, "error": kind.lower(), "text": text[:120]}
        for line, kind, text in rejected[:MAX_EXAMPLES]
    ]
    return [
        Problem(
            name,
            source,
            None,
            f"{len(rejected)} lines could not be read (wrong number of fields or bad quoting)",
            len(rejected),
            examples=examples,
            hint="check the delimiter and quoting; set `delimiter` in "
            f"[tables.{name}] if it was guessed wrong",
        )
    ]


def _source_name(c: Conformed, canonical: str | None) -> str | None:
    return c.mapping.get(canonical, canonical) if canonical else None


def _examples(c: Conformed, failing: ir.Table, columns: list[str]) -> list[dict[str, Any]]:
    """Up to five failing rows as they are in the source (its names, its text)."""
    rows = c.raw
    if c.rows is not None:  # checks ran on a stored copy: find the source rows by number
        numbers = failing.select(ROW).order_by(ROW).limit(MAX_EXAMPLES).to_pyarrow()
        rows = rows.filter(rows[ROW].isin(numbers[ROW].to_pylist()))
    else:
        rows = failing
    keep = [ROW] + [col for col in dict.fromkeys(columns) if col in rows.columns]
    if ROW in rows.columns:
        rows = rows.order_by(ROW)
    else:
        keep = keep[1:]
    records = rows.select(keep).limit(MAX_EXAMPLES).to_pyarrow().to_pylist()
    return [{("row" if k == ROW else k): val for k, val in r.items()} for r in records]

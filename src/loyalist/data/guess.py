"""``loyalist init``: guess which table each file holds and which column is which.

A column's score adds how well its name matches (the canonical name or a common synonym)
and how well its content fits (dates parse, amounts are numbers, statuses are known).
A file's table is the one whose name its file name recalls and whose columns it fills best.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from loyalist.config import TableSource
from loyalist.data.read import ROW, ReadError, file_format, read_file
from loyalist.data.schema import TABLES, Column

SAMPLE_ROWS = 2_000
#: Other names people give the tables and columns of the data model.
TABLE_WORDS = {
    "customers": ["customer", "client", "user", "member", "account", "contact"],
    "orders": ["order", "purchase", "transaction", "invoice", "sale", "cdnow"],
    "events": ["event", "activity", "session", "visit", "pageview", "log"],
    "subscriptions": ["subscription", "contract", "plan", "membership"],
    "responses": ["response", "survey", "nps", "feedback", "answer", "review"],
    "messages": ["message", "email", "mail", "campaign", "newsletter", "push"],
    "referrals": ["referral", "invite", "refer"],
}
COLUMN_WORDS = {
    "customer_id": ["customer", "customerid", "custid", "clientid", "userid", "memberid", "user"],
    "order_id": ["orderid", "invoice", "invoiceno", "transactionid", "orderno", "ordernumber"],
    "ordered_at": ["orderdate", "invoicedate", "date", "purchasedate", "createdat", "timestamp"],
    "amount": ["total", "revenue", "value", "price", "sales", "dollarvalue", "ordervalue"],
    "quantity": ["qty", "units", "numberofcds", "items", "count"],
    "occurred_at": ["timestamp", "time", "eventtime", "date", "createdat"],
    "responded_at": ["date", "submittedat", "timestamp", "answeredat"],
    "sent_at": ["date", "senddate", "timestamp"],
    "signup_at": ["createdat", "registered", "joined", "signupdate", "registrationdate"],
    "started_at": ["startdate", "start", "begin"],
    "ended_at": ["enddate", "end", "cancelledat", "churnedat"],
    "score": ["rating", "nps", "value"],
    "referrer_id": ["referrer", "inviter", "referredby"],
    "referred_id": ["referee", "invitee", "newcustomer"],
}
DATE_FORMATS = [
    "%Y%m%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d-%m-%Y %H:%M",
]


@dataclass
class Guess:
    """What ``init`` believes one file holds."""

    path: Path
    table: str
    columns: dict[str, str]
    date_format: str | None = None
    decimal: str = "."
    unused: list[str] = field(default_factory=list)
    score: float = 0.0


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _name_score(column: Column, name: str) -> float:
    words = [_norm(column.name), *COLUMN_WORDS.get(column.name, [])]
    target = _norm(name)
    if target == words[0]:
        return 3.0
    if target in words[1:]:
        return 2.0
    return 2.0 * max(difflib.SequenceMatcher(None, target, w).ratio() for w in words) - 0.6


def _content_score(con: duckdb.DuckDBPyConnection, table: str, column: Column, name: str) -> float:
    col = f'"{name}"'
    if column.kind == "timestamp":
        share = con.execute(
            f'SELECT avg((TRY_CAST({col} AS TIMESTAMP) IS NOT NULL)::INT) FROM "{table}" '
            f"WHERE {col} IS NOT NULL"
        ).fetchone()[0]
        return 1.0 if (share or 0) > 0.9 or _date_format(con, table, name) else -1.0
    if column.kind in ("float", "integer"):
        numeric = max(_numeric_share(con, table, name, "."), _numeric_share(con, table, name, ","))
        return 1.0 if numeric > 0.95 else -1.5
    if column.allowed:
        share = con.execute(
            f"SELECT avg((lower(trim({col}::VARCHAR)) IN "
            f'({", ".join(repr(a) for a in column.allowed)}))::INT) FROM "{table}"'
        ).fetchone()[0]
        return 2.0 * (share or 0) - 0.5
    return 0.0


def _numeric_share(con: duckdb.DuckDBPyConnection, table: str, name: str, decimal: str) -> float:
    text = f'trim("{name}"::VARCHAR)'
    if decimal == ",":
        text = f"replace(replace({text}, '.', ''), ',', '.')"
    share = con.execute(
        f'SELECT avg((TRY_CAST({text} AS DOUBLE) IS NOT NULL)::INT) FROM "{table}" '
        f'WHERE "{name}" IS NOT NULL'
    ).fetchone()[0]
    return float(share or 0)


def _date_format(con: duckdb.DuckDBPyConnection, table: str, name: str) -> str | None:
    for fmt in DATE_FORMATS:
        share = con.execute(
            f"SELECT avg((TRY_STRPTIME(\"{name}\"::VARCHAR, '{fmt}') IS NOT NULL)::INT) "
            f'FROM "{table}" WHERE "{name}" IS NOT NULL'
        ).fetchone()[0]
        if (share or 0) > 0.95:
            return fmt
    return None


def guess_file(con: duckdb.DuckDBPyConnection, path: Path) -> Guess | None:
    """Guess the table and the column mapping of one file (``None``: not readable).

    Examples
    --------
    >>> guess_file(duckdb.connect(), Path("data/orders.csv"))  # doctest: +SKIP
    Guess(path=..., table='orders', columns={'order_id': 'Invoice', ...})
    """
    try:
        read_file(con, TableSource("orders", path=path), "__guess", limit=SAMPLE_ROWS)
    except ReadError:
        return None
    names = [c for c in con.table("__guess").columns if c != ROW]
    best: Guess | None = None
    for table in TABLES.values():
        columns, score = _match_columns(con, table.columns, names)
        filename = _norm(path.name.split(".")[0])
        if any(word in filename for word in [table.name[:-1], *TABLE_WORDS[table.name]]):
            score += 4.0
        filled = sum(c in columns for c in table.required) / len(table.required)
        score += 6.0 * filled - (6.0 if filled < 1 else 0.0)
        if best is None or score > best.score:
            timestamps = [n for c, n in columns.items() if table.column(c).kind == "timestamp"]
            formats = {_date_format(con, "__guess", n) for n in timestamps} - {None}
            best = Guess(
                path,
                table.name,
                columns,
                formats.pop() if len(formats) == 1 else None,
                _decimal(con, table.columns, columns),
                [n for n in names if n not in columns.values()],
                score,
            )
    return best


def _decimal(
    con: duckdb.DuckDBPyConnection, spec: tuple[Column, ...], columns: dict[str, str]
) -> str:
    numbers = [columns[c.name] for c in spec if c.kind == "float" and c.name in columns]
    comma = any(
        _numeric_share(con, "__guess", n, ".") < 0.95 <= _numeric_share(con, "__guess", n, ",")
        for n in numbers
    )
    return "," if comma else "."


def _match_columns(
    con: duckdb.DuckDBPyConnection, columns: tuple[Column, ...], names: list[str]
) -> tuple[dict[str, str], float]:
    scored = sorted(
        (
            (_name_score(c, n) + _content_score(con, "__guess", c, n), c.name, n)
            for c in columns
            for n in names
        ),
        reverse=True,
    )
    chosen: dict[str, str] = {}
    total = 0.0
    for score, canonical, name in scored:
        if score < 1.5 or canonical in chosen or name in chosen.values():
            continue
        chosen[canonical] = name
        total += score
    order = [c.name for c in columns]
    return dict(sorted(chosen.items(), key=lambda kv: order.index(kv[0]))), total


def guess_directory(directory: Path) -> list[Guess]:
    """Guess every data file in ``directory``; the best-scoring file wins each table.

    Examples
    --------
    >>> guess_directory(Path("data"))  # doctest: +SKIP
    """
    if not directory.is_dir():
        raise ReadError(f"{directory}: no such folder")
    con = duckdb.connect()
    guesses = []
    for path in sorted(directory.rglob("*")):
        try:
            if path.is_file() and file_format(path):
                guess = guess_file(con, path)
                if guess is not None:
                    guesses.append(guess)
        except ReadError:
            continue
    best: dict[str, Guess] = {}
    for guess in guesses:
        if guess.table not in best or guess.score > best[guess.table].score:
            best[guess.table] = guess
    return list(best.values())


def write_config(directory: Path, target: Path) -> list[Guess]:
    """Guess the files in ``directory`` and write a commented ``loyalist.toml`` to ``target``.

    Examples
    --------
    >>> write_config(Path("data"), Path("data/loyalist.toml"))  # doctest: +SKIP
    """
    guesses = guess_directory(directory)
    if not any(g.table == "orders" for g in guesses):
        found = ", ".join(f"{g.path.name} ({g.table})" for g in guesses) or "no readable file"
        raise ReadError(
            f"{directory}: found no orders file (loyalist needs at least the orders: order id, "
            f"customer id, date and amount); found {found}"
        )
    lines = [
        "# loyalist.toml, written by `loyalist init`: guesses to check, then `loyalist validate`.",
        "# Columns map the data model's names (left) onto yours (right).",
        "",
        "[business]",
        'name = "My business"',
        'timezone = "UTC"          # the time zone your periods (days, months) are counted in',
        'currency = "USD"',
        "active_window_days = 365  # a customer without an order for this long has lapsed",
        "",
        "[ladder]",
        "sticky_min_orders = 4",
        "sticky_min_active_days = 8",
    ]
    for guess in sorted(guesses, key=lambda g: list(TABLES).index(g.table)):
        spec = TABLES[guess.table]
        lines += [
            "",
            f"# {spec.description}",
            f"[tables.{guess.table}]",
            f"path = {_toml(guess.path.relative_to(target.parent).as_posix())}",
        ]
        renamed = {k: v for k, v in guess.columns.items() if k != v}
        if renamed:
            pairs = ", ".join(f"{k} = {_toml(v)}" for k, v in renamed.items())
            lines.append(f"columns = {{ {pairs} }}")
        if guess.date_format:
            lines.append(f"date_format = {_toml(guess.date_format)}")
        if guess.decimal != ".":
            lines.append(f"decimal = {_toml(guess.decimal)}  # numbers are written like 15,30")
        missing = [c.name for c in spec.columns if c.name not in guess.columns]
        if missing:
            lines.append(f"# not found: {', '.join(missing)}")
        if guess.unused:
            lines.append(f"# not used: {', '.join(guess.unused)}")
    lines += ["", "[goals]", "# nps = 40", "# repeat_purchase_rate = 0.35", ""]
    target.write_text("\n".join(lines), encoding="utf-8")
    return guesses


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

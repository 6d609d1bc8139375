"""Commands about the numbers: ``metrics``, ``cohorts`` and ``sql``."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from loyalist.base import CustomerBase
from loyalist.cli.data_commands import ConfigOption
from loyalist.cli.output import console, status, user_errors
from loyalist.metrics.spec import FAMILIES


class Format(StrEnum):
    """Output formats of tables."""

    table = "table"
    csv = "csv"
    json = "json"


class PeriodChoice(StrEnum):
    """Periods, in the business time zone."""

    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"
    all = "all"


class Dialect(StrEnum):
    """SQL dialects ``loyalist sql`` compiles to."""

    duckdb = "duckdb"
    postgres = "postgres"
    pyspark = "pyspark"
    snowflake = "snowflake"
    bigquery = "bigquery"


class CohortMode(StrEnum):
    """How a cohort member counts as retained at offset k."""

    on = "on"
    on_or_after = "on_or_after"


PeriodOption = Annotated[
    PeriodChoice, typer.Option("--period", "-p", help="Group by this period ('all': one row).")
]
FromOption = Annotated[
    datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="First day (local).")
]
ToOption = Annotated[
    datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day (local).")
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def register(app: typer.Typer) -> None:
    """Add the metric commands to ``app``."""
    app.command(rich_help_panel="Numbers")(metrics)
    app.command(rich_help_panel="Numbers")(cohorts)
    app.command(rich_help_panel="Numbers")(sql)


ByOption = Annotated[
    str | None,
    typer.Option(
        help="Split by a column of the customers table (country, channel, ...) or by "
        "age_band, ladder_rung or rfm_segment (as of the end of the range)."
    ),
]


def metrics(
    names: Annotated[
        list[str] | None, typer.Argument(help="Metrics to compute (default: all).")
    ] = None,
    config: ConfigOption = Path("loyalist.toml"),
    period: PeriodOption = PeriodChoice.month,
    by: ByOption = None,
    start: FromOption = None,
    end: ToOption = None,
    output_format: FormatOption = Format.table,
    list_: Annotated[bool, typer.Option("--list", help="Show the catalog and exit.")] = False,
) -> None:
    """Compute metrics per period and segment, with 95 % intervals.

    Examples:

    * `loyalist metrics nps customer_retention_rate --period quarter`
    * `loyalist metrics dau_mau --by country --from 2024-01-01 --format csv`
    * `loyalist metrics --list` shows every metric with its definition.
    """
    with user_errors():
        if list_:
            _print_catalog()
            return
        base = _load(config)
        with status("Computing"):
            result = base.metrics(
                names or None, period=_period(period), by=by, start=_day(start), end=_day(end)
            )
        _emit(result, output_format)
        for name, reason in result.attrs.get("skipped", {}).items():
            console.print(f"[dim]skipped {name}: {reason}[/]", highlight=False)


def cohorts(
    config: ConfigOption = Path("loyalist.toml"),
    mode: Annotated[
        CohortMode, typer.Option(help="Active in period c+k, or in c+k or later.")
    ] = CohortMode.on,
    period: PeriodOption = PeriodChoice.month,
    start: FromOption = None,
    end: ToOption = None,
    output_format: FormatOption = Format.table,
) -> None:
    """The cohort table: customers by period of first order, share active k periods later.

    The `average` rows are pooled: customers retained ÷ customers of the cohorts old
    enough for that offset, not an average of the cohorts' shares.
    """
    with user_errors():
        base = _load(config)
        with status("Computing cohorts"):
            table = base.cohorts(
                period=_period(period) or "month", mode=mode.value, start=_day(start), end=_day(end)
            )
        _emit(table, output_format)


def sql(
    name: Annotated[str, typer.Argument(help="A metric name (see `loyalist metrics --list`).")],
    dialect: Annotated[Dialect, typer.Option(help="SQL dialect.")] = Dialect.duckdb,
    config: ConfigOption = Path("loyalist.toml"),
    period: PeriodOption = PeriodChoice.month,
    by: ByOption = None,
) -> None:
    """Print the SQL a metric compiles to, for your own warehouse."""
    from loyalist.metrics.sql import metric_sql

    with user_errors():
        base = _load(config)
        console.print(
            metric_sql(base, name, dialect.value, _period(period), by),
            highlight=False,
            soft_wrap=True,
        )


def _load(config: Path) -> CustomerBase:
    with status("Loading") as say:
        return CustomerBase.from_config(config, progress=say)


def _period(period: PeriodChoice) -> str | None:
    return None if period is PeriodChoice.all else period.value


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _emit(frame: pd.DataFrame, output_format: Format) -> None:
    if output_format is Format.csv:
        sys.stdout.write(frame.to_csv(index=False))
        return
    if output_format is Format.json:
        sys.stdout.write(json.dumps(_records(frame), indent=2) + "\n")
        return
    table = Table(box=None, header_style="bold")
    for column in frame.columns:
        numeric = frame[column].dtype.kind in "fiu"
        table.add_column(str(column), justify="right" if numeric else "left", no_wrap=not numeric)
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    console.print(table)


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as JSON-ready dicts: dates as ISO strings, missing values as null."""
    records = []
    for row in frame.astype(object).where(frame.notna(), None).to_dict(orient="records"):
        records.append({k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()})
    return records


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def _print_catalog() -> None:
    from loyalist.metrics.catalog import by_family

    for family in FAMILIES:
        table = Table(
            title=family.capitalize(),
            title_justify="left",
            box=None,
            header_style="bold",
            title_style="bold magenta",
        )
        table.add_column("metric")
        table.add_column("definition")
        table.add_column("unit")
        table.add_column("needs")
        for metric in by_family()[family]:
            table.add_row(metric.name, metric.definition, metric.unit, ", ".join(metric.needs))
        console.print(table)

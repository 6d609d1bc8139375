"""Commands about the data itself: ``demo``, ``init`` and ``validate``."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from loyalist.base import CustomerBase
from loyalist.cli.output import console, fail, print_report, status, user_errors
from loyalist.config import Config
from loyalist.data.load import load_tables

ConfigOption = Annotated[
    Path,
    typer.Option("--config", "-c", help="The loyalist.toml that describes your data."),
]


class Dataset(StrEnum):
    """Data sets ``loyalist demo`` can run on."""

    synthetic = "synthetic"
    cdnow = "cdnow"


class FileFormat(StrEnum):
    """File formats the demo data can be written in."""

    parquet = "parquet"
    csv = "csv"


def register(app: typer.Typer) -> None:
    """Add the data commands to ``app``."""
    app.command(rich_help_panel="Data")(demo)
    app.command(rich_help_panel="Data")(init)
    app.command(rich_help_panel="Data")(validate)


def validate(config: ConfigOption = Path("loyalist.toml")) -> None:
    """Check every table before any work starts and list every problem at once.

    Reports missing columns (with the closest names present), values that do not parse,
    missing or duplicated keys, negative amounts, scores out of range, unknown values,
    timestamps in the future and customers missing from the customers table, each with
    its file, column, row count and up to five example rows.

    Exit status: 0 when there is no error (warnings are printed), 2 otherwise.
    """
    with user_errors():
        cfg = Config.load(config)
        with status("Validating") as say:
            loaded = load_tables(cfg, progress=say, keep_invalid=True)
        counts = Table("table", "source", "rows", box=None, header_style="bold")
        for name, n in loaded.report.row_counts.items():
            counts.add_row(name, cfg.tables[name].label, f"{n:,}")
        console.print(counts)
        print_report(loaded.report)
        if not loaded.report.ok:
            raise typer.Exit(2)


def init(
    directory: Annotated[Path, typer.Argument(help="Folder with your data files.")] = Path("."),
    force: Annotated[bool, typer.Option(help="Overwrite an existing loyalist.toml.")] = False,
) -> None:
    """Write a loyalist.toml for the data files in DIRECTORY, for you to check.

    Looks at every CSV, Parquet and JSON-lines file, guesses which table of the data
    model it holds and which column is which (by name and by content), and writes a
    commented configuration. Run `loyalist validate` next.
    """
    from loyalist.data.guess import write_config

    with user_errors():
        target = directory / "loyalist.toml"
        if target.exists() and not force:
            fail(f"{target} exists; pass --force to overwrite it")
        with status("Looking at the files"):
            guesses = write_config(directory, target)
        for guess in guesses:
            console.print(
                f"[green]✓[/] {guess.path.name} → [bold]{guess.table}[/] "
                f"({', '.join(f'{k}={v}' for k, v in guess.columns.items())})",
                highlight=False,
            )
        console.print(
            f"Wrote [bold]{target}[/]. Check it, then run `loyalist validate --config {target}`."
        )


def demo(
    customers: Annotated[int, typer.Option(min=100, help="Number of customers.")] = 20_000,
    years: Annotated[float, typer.Option(min=0.25, help="Years of history.")] = 2.0,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same data.")] = 0,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write to.")] = Path("demo"),
    dataset: Annotated[Dataset, typer.Option(help="Synthetic business or real CDNOW data.")] = (
        Dataset.synthetic
    ),
    file_format: Annotated[FileFormat, typer.Option("--format", help="File format.")] = (
        FileFormat.parquet
    ),
) -> None:
    """Write an example business (seven tables and a loyalist.toml) and summarise it.

    The synthetic business has customers who differ in purchase rate and in when they
    drop out, seasonality, app activity, subscriptions, NPS/CSAT/exit/product surveys,
    e-mail campaigns and referrals. `--dataset cdnow` uses the real CDNOW purchases.
    """
    with user_errors():
        started = time.perf_counter()
        with status("Writing demo data") as say:
            if dataset is Dataset.cdnow:
                from loyalist.datasets.cdnow import write_cdnow

                config_path = write_cdnow(out, file_format.value)
            else:
                from loyalist.data.demo import generate_demo

                config_path = generate_demo(
                    out,
                    customers=customers,
                    years=years,
                    seed=seed,
                    file_format=file_format.value,
                    progress=say,
                ).config_path
            say("validating")
            base = CustomerBase.from_config(config_path, progress=say)
        print_overview(base)
        console.print(
            f"Wrote [bold]{config_path}[/] in {time.perf_counter() - started:.1f} s. "
            f"Next: `loyalist validate --config {config_path}`."
        )


def print_overview(base: CustomerBase) -> None:
    """Print the row counts and the headline numbers of a customer base."""
    from loyalist.data.overview import overview

    info = overview(base)
    table = Table(title=base.config.business.name, box=None, show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for label, value in info.items():
        table.add_row(label, value)
    console.print(table)

"""``loyalist report``: one self-contained HTML report, and the charts as PNG for slides."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from loyalist.base import CustomerBase
from loyalist.cli.data_commands import ConfigOption
from loyalist.cli.metric_commands import FromOption, ToOption
from loyalist.cli.output import console, status, user_errors


class ReportPeriod(StrEnum):
    """Periods of the report's trends, in the business time zone."""

    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
    app.command(rich_help_panel="Report")(report)


def report(
    config: ConfigOption = Path("loyalist.toml"),
    start: FromOption = None,
    end: ToOption = None,
    period: Annotated[
        ReportPeriod, typer.Option("--period", "-p", help="Period of every trend.")
    ] = ReportPeriod.month,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="HTML file to write (default: report.html next to the config)."
        ),
    ] = None,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also write every chart as PNG into this folder.")
    ] = None,
) -> None:
    """Write one HTML report of stickiness, retention and loyalty that opens offline.

    Sections: Summary (the headline of each family with its goal), Retention, Stickiness,
    Loyalty, Segments (RFM, loyalty ladder), Value and risk (CLV, holdout check, customers at
    risk), What to do next (actions with the numbers behind them) and Definitions. Every chart
    shows the numbers behind it; sections whose tables are missing say what data would fill
    them. Charts and data are inside the file: no internet needed to open it.

    Examples:

    * `loyalist report --config demo/loyalist.toml`
    * `loyalist report --from 2025-01-01 --to 2025-12-31 --period quarter -o 2025.html`
    * `loyalist report --png slides/` also writes each chart as a PNG file
    """
    from loyalist.report.build import write_report

    started = time.perf_counter()
    with user_errors():
        with status("Loading") as say:
            base = CustomerBase.from_config(config, progress=say)
        target = output or config.parent / "report.html"
        columns = (
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("Report", total=None)

            def progress(step: str, done: int, total: int) -> None:
                bar.update(task, description=step, completed=done, total=total)

            path = write_report(
                base,
                target,
                start=start.date() if start else None,
                end=end.date() if end else None,
                period=period.value,
                png_dir=png,
                progress=progress,
            )
    size = path.stat().st_size / 1e6
    elapsed = time.perf_counter() - started
    if png is not None:
        console.print(f"Wrote the charts as PNG to {escape(str(png))}", highlight=False)
    console.print(f"Wrote the report ({size:.1f} MB) in {elapsed:.1f} s:", highlight=False)
    console.print(escape(str(path)), highlight=False, soft_wrap=True)

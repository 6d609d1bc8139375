"""Rich output shared by the commands: the console, problems, and exiting on user errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from loyalist.data.validate import ValidationReport
from loyalist.errors import DataError, LoyalistError

console = Console()
err_console = Console(stderr=True)

#: Exit status for bad input (configuration or data).
BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """Print ``message`` as an error and exit with status 2."""
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(BAD_INPUT)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn loyalist's own errors into a clear message and exit status 2, never a traceback."""
    try:
        yield
    except DataError as exc:
        print_report(exc.report, err_console)
        raise typer.Exit(BAD_INPUT) from None
    except LoyalistError as exc:
        fail(str(exc))


@contextmanager
def status(message: str) -> Iterator[Callable[[str], None]]:
    """A spinner whose text the caller updates: ``with status("Loading") as say: say("x")``."""
    with console.status(message) as live:
        yield lambda text: live.update(f"{message}: {text}")


def print_report(report: ValidationReport, out: Console = console) -> None:
    """Print every problem of a validation report, errors first, with example rows."""
    for problem in report.errors + report.warnings:
        colour = "red" if problem.severity == "error" else "yellow"
        where = escape(problem.source)
        if problem.column:
            where += f" · column [bold]{escape(problem.column)}[/]"
        out.print(f"[bold {colour}]{problem.severity.upper()}[/] {where}", highlight=False)
        out.print(f"  {escape(problem.message)}", highlight=False)
        if problem.hint:
            out.print(f"  [dim]hint: {escape(problem.hint)}[/]", highlight=False)
        if problem.examples:
            table = Table(box=None, padding=(0, 2), show_edge=False, header_style="dim")
            for key in problem.examples[0]:
                table.add_column(str(key))
            for row in problem.examples:
                table.add_row(*("∅" if v is None else escape(str(v)) for v in row.values()))
            out.print(table)
    for note in report.notes:
        out.print(f"[dim]note: {escape(note)}[/]", highlight=False)
    n_err, n_warn = len(report.errors), len(report.warnings)
    colour = "red" if n_err else ("yellow" if n_warn else "green")
    out.print(f"[bold {colour}]{n_err} error(s), {n_warn} warning(s)[/]")

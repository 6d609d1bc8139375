"""The ``loyalist`` command line: one Typer app, one module per group of commands."""

from loyalist.cli.app import app

__all__ = ["app"]

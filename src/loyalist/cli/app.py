"""The Typer application and the error handling every command shares."""

from __future__ import annotations

import typer

from loyalist.cli import (
    churn_commands,
    clv_command,
    data_commands,
    metric_commands,
    report_command,
    segment_commands,
)

app = typer.Typer(
    name="loyalist",
    help=(
        "Measure and improve customer stickiness, retention and loyalty.\n\n"
        "Start with `loyalist demo` for an example business, or `loyalist init DIR` to describe "
        "your own data in a loyalist.toml, then `loyalist validate`."
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
)
data_commands.register(app)
metric_commands.register(app)
clv_command.register(app)
churn_commands.register(app)
segment_commands.register(app)
report_command.register(app)

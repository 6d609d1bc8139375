"""``loyalist churn backtest`` and ``loyalist at-risk``: who is about to leave, and how sure.

The backtest trains the churn model on earlier cut-offs and checks it, out of time, against
what the customers on the books at the evaluation cut-off did next, next to two baselines.
The at-risk list scores today's customers and ranks them by value at risk, with reasons.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.markup import escape
from rich.table import Table

from loyalist.churn.at_risk import CLV_WEEKS
from loyalist.churn.backtest import Backtest
from loyalist.cli.data_commands import ConfigOption
from loyalist.cli.metric_commands import _day, _load, _records
from loyalist.cli.output import console, err_console, fail, status, user_errors

HorizonOption = Annotated[
    int,
    typer.Option(
        "--horizon",
        min=1,
        help="Churned = no completed order (subscribers: no renewal) in this many days.",
    ),
]
#: How the backtest's models are named on screen.
LABELS = {
    "gradient_boosting": "gradient boosting (loyalist)",
    "recency": "recency (days since last order)",
    "bgnbd_p_alive": "BG/NBD 1 - P(alive)",
    "bgnbd_no_purchase": "BG/NBD P(no purchase)",
}
JSON_KEYS = ("model", "roc_auc", "pr_auc", "brier", "lift_top10")

churn_app = typer.Typer(
    help="Churn prediction: check the model on your own history.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


class OutputFormat(StrEnum):
    """Output formats of the backtest."""

    table = "table"
    json = "json"


class ModeChoice(StrEnum):
    """How the backtest trains (see `loyalist churn backtest --help`)."""

    auto = "auto"
    honest = "honest"
    customer_split = "customer_split"


def register(app: typer.Typer) -> None:
    """Add ``churn backtest`` and ``at-risk`` to ``app``."""
    app.add_typer(churn_app, name="churn", rich_help_panel="Models")
    app.command("at-risk", rich_help_panel="Models")(at_risk)


@churn_app.callback()
def churn() -> None:
    """Churn prediction: check the model on your own history (`loyalist churn backtest`).

    The list of customers at risk is `loyalist at-risk`.
    """


@churn_app.command("backtest")
def backtest(
    config: ConfigOption = Path("loyalist.toml"),
    horizon: HorizonOption = 90,
    evaluate_at: Annotated[
        datetime | None,
        typer.Option(
            "--evaluate-at",
            formats=["%Y-%m-%d"],
            help="Evaluation cut-off (default: the last order day minus the horizon).",
        ),
    ] = None,
    mode: Annotated[
        ModeChoice,
        typer.Option(help="auto: honest when the data allow it, else customer_split."),
    ] = ModeChoice.auto,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """Check the churn model out of time, against recency and BG/NBD baselines.

    The model is trained on earlier cut-offs and scores every customer on the books at the
    evaluation cut-off E; the scores are checked against who bought (or renewed) in the
    horizon after E. Reported: ROC-AUC (0.5 = guessing, 1 = perfect), PR-AUC, Brier score
    (lower is better; for probabilities only) and lift in the top 10 % (churn share among
    the tenth scored riskiest ÷ the overall churn share).

    **honest** mode trains only on label windows that end by E. When the history is too
    short for that, **customer_split** lets the windows overlap but trains and evaluates on
    different customers (split by a hash of the id). The mode used, and why, is printed.

    Examples:

    * `loyalist churn backtest -c demo/loyalist.toml`
    * `loyalist demo --dataset cdnow --out cdnow` then
      `loyalist churn backtest -c cdnow/loyalist.toml --evaluate-at 1997-09-30 --horizon 273`
    * `loyalist churn backtest --format json` (one record per model)
    """
    with user_errors():
        base = _load(config)
        with status("Backtesting") as say:
            result = base.churn_backtest(
                horizon_days=horizon, evaluate_at=_day(evaluate_at), mode=mode.value,
                progress=say,
            )  # fmt: skip
        if output_format is OutputFormat.json:
            _print_setup(result, err_console)
            records = _records(result.table[list(JSON_KEYS)])
            sys.stdout.write(json.dumps(records, indent=2) + "\n")
            return
        _print_setup(result, console)
        _print_results(result)


def at_risk(
    config: ConfigOption = Path("loyalist.toml"),
    top: Annotated[
        int, typer.Option(min=1, help="How many customers to list (highest value at risk).")
    ] = 200,
    horizon: HorizonOption = 90,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of", formats=["%Y-%m-%d"], help="Score as of this day (default: last order)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the list to this file (.csv, .json, .parquet)."),
    ] = None,
) -> None:
    """List the customers most worth keeping: P(churn) x CLV, with their reasons.

    Every customer on the books is scored by the churn model (trained on earlier
    cut-offs). Value at risk = P(no order, or no renewal, in the horizon) x predicted CLV
    over the next 52 weeks. For each customer listed: the three things that raise their
    risk most, in plain words ("no order for 94 days, usually every 21"), their loyalty
    ladder rung, RFM segment and latest NPS.

    Examples:

    * `loyalist at-risk -c demo/loyalist.toml --top 20`
    * `loyalist at-risk --horizon 60 --as-of 2026-03-31 -o at_risk.csv`
    """
    with user_errors():
        if output is not None and output.suffix.lower() not in (".csv", ".json", ".parquet"):
            fail(f"cannot write {output.name}: use a .csv, .json or .parquet file")
        base = _load(config)
        with status("Scoring customers") as say:
            table = base.at_risk(top=top, horizon_days=horizon, as_of=_day(as_of), progress=say)
        currency = base.config.business.currency
        attrs = table.attrs
        console.print(
            f"[bold]{len(table):,} of {attrs['customers']:,}[/] customers on the books at "
            f"{attrs['as_of']}, by value at risk = P(churn in {attrs['horizon_days']} days) x "
            f"CLV (next {CLV_WEEKS:g} weeks, {currency})",
            highlight=False,
        )
        shown = table if output is None else table.head(10)
        _print_at_risk(shown)
        if output is not None:
            _write(table, output)
            console.print(f"Wrote {output} ({len(table):,} customers)", highlight=False)


def _print_setup(result: Backtest, out: object) -> None:
    """How the backtest was trained and evaluated, in two lines."""
    cutoffs = result.training_cutoffs
    span = f"{cutoffs[-1]} to {cutoffs[0]}" if len(cutoffs) > 1 else str(cutoffs[0])
    share = result.table.churn_share.iloc[0]
    out.print(  # type: ignore[attr-defined]
        f"[bold]mode {result.mode}[/]: {escape(result.mode_reason)}\n"
        f"trained on {result.training_rows:,} rows (cut-offs {span}); evaluated on "
        f"{len(result.scores):,} customers on the books at {result.evaluate_at}, "
        f"{share:.1%} of whom churned within {result.horizon_days} days",
        highlight=False,
    )


def _print_results(result: Backtest) -> None:
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2))
    for name in ("model", "ROC-AUC", "PR-AUC", "Brier", "lift top 10 %"):
        table.add_column(name, justify="left" if name == "model" else "right")
    for row in result.table.itertuples(index=False):
        brier = "–" if pd.isna(row.brier) else f"{row.brier:.4f}"
        table.add_row(
            LABELS.get(row.model, row.model),
            f"{row.roc_auc:.4f}",
            f"{row.pr_auc:.4f}",
            brier,
            f"{row.lift_top10:.2f}",
        )
    console.print(table)
    verdict = "beats" if result.beats_baselines else "does NOT beat"
    console.print(f"The model {verdict} every baseline on ROC-AUC.", highlight=False)


def _print_at_risk(frame: pd.DataFrame) -> None:
    """The numbers in one table, then each customer's reasons at full width."""
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2))
    for name, right in [
        ("customer", False), ("P(churn)", True), ("CLV", True), ("at risk", True),
        ("rung", False), ("RFM segment", False), ("NPS", True),
    ]:  # fmt: skip
        table.add_column(name, justify="right" if right else "left", no_wrap=True)
    reasons = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2))
    reasons.add_column("customer", no_wrap=True)
    reasons.add_column("why, most important first")
    for row in frame.itertuples(index=False):
        customer = escape(str(row.customer_id))
        table.add_row(
            customer,
            f"{row.p_churn:.2f}",
            f"{row.clv:,.2f}",
            f"{row.value_at_risk:,.2f}",
            _text(row.rung),
            _text(row.rfm_segment),
            "–" if pd.isna(row.latest_nps) else f"{row.latest_nps:.0f}",
        )
        said = (
            "; ".join(row.reasons) or "nothing stands out: no single feature raises the risk much"
        )
        reasons.add_row(customer, escape(said))
    console.print(table)
    console.print()
    console.print(reasons)


def _text(value: object) -> str:
    missing = value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))
    return "–" if missing else escape(str(value))


def _write(table: pd.DataFrame, path: Path) -> None:
    """The list as CSV (reasons joined by "; "), JSON records or Parquet (reasons as lists)."""
    suffix = path.suffix.lower()
    table = table.copy()
    table.attrs = {}  # dates do not go into Parquet metadata
    try:
        if suffix == ".parquet":
            table.to_parquet(path, index=False)
        elif suffix == ".json":
            path.write_text(json.dumps(_records(table), indent=2) + "\n")
        else:
            table.assign(reasons=table.reasons.map("; ".join)).to_csv(path, index=False)
    except OSError as exc:
        fail(f"cannot write {path}: {exc}")

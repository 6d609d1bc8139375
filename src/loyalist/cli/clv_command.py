"""``loyalist clv``: fit the purchase and spend models, value every customer, check the forecast."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from loyalist.base import CustomerBase
from loyalist.cli.data_commands import ConfigOption
from loyalist.cli.output import console, fail, status, user_errors
from loyalist.models.base import BaseModel
from loyalist.models.chain import MODEL_LABELS, ClvResult
from loyalist.models.holdout import HoldoutResult

UNIT_NAMES = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}


class ModelChoice(StrEnum):
    """Purchase models."""

    bgnbd = "bgnbd"
    pnbd = "pnbd"


class TimeUnitChoice(StrEnum):
    """Time units of the models: day, week, month, year."""

    D = "D"
    W = "W"
    M = "M"
    Y = "Y"


def register(app: typer.Typer) -> None:
    """Add the ``clv`` command to ``app``."""
    app.command(rich_help_panel="Models")(clv)


def clv(
    config: ConfigOption = Path("loyalist.toml"),
    model: Annotated[
        ModelChoice, typer.Option(help="Purchase model: BG/NBD or Pareto/NBD.")
    ] = ModelChoice.bgnbd,
    horizon: Annotated[float, typer.Option(help="Value this far ahead, in time units.")] = 52,
    time_unit: Annotated[
        TimeUnitChoice, typer.Option("--time-unit", help="The models' time unit.")
    ] = TimeUnitChoice.W,
    discount_rate: Annotated[
        float, typer.Option(help="Annual discount rate (0.1 = 10 % a year).")
    ] = 0.1,
    margin: Annotated[float, typer.Option(help="Share of revenue that is profit.")] = 0.3,
    calibration_end: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Fit on the orders up to this day and check the forecast on the later ones.",
        ),
    ] = None,
    observation_end: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Ignore orders after this day."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write every customer's value (.csv or .parquet)."),
    ] = None,
    charts: Annotated[
        Path | None, typer.Option(help="Write the charts as PNG files into this folder.")
    ] = None,
    top: Annotated[int, typer.Option(help="How many of the most valuable customers to list.")] = 10,
) -> None:
    """Predict each customer's lifetime value with BG/NBD (or Pareto/NBD) and Gamma-Gamma.

    CLV = expected purchases x expected spend x margin, discounted monthly at the annual
    rate. With `--calibration-end`, the models see only the orders up to that day and their
    forecast is checked against the orders that followed.

    Examples:

    * `loyalist clv --horizon 52 -o clv.csv`
    * `loyalist clv --calibration-end 1997-09-30 --charts charts/`
    """
    with user_errors():
        with status("Loading") as say:
            base = CustomerBase.from_config(config, progress=say)
        with status("Fitting the models"):
            result = base.clv(
                model=model.value,
                horizon=horizon,
                time_unit=time_unit.value,
                discount_rate=discount_rate,
                margin=margin,
                calibration_end=_day(calibration_end),
                observation_end=_day(observation_end),
            )
            result.purchase_model.summary  # noqa: B018 (standard errors: computed once, here)
            result.spend_model.summary  # noqa: B018
        currency = base.config.business.currency
        _print_model(result.purchase_model, MODEL_LABELS[model.value])
        _print_model(result.spend_model, "Gamma-Gamma spend model")
        _print_top(result, top, currency)
        _print_totals(result, currency)
        if result.holdout is not None:
            _print_holdout(result.holdout, UNIT_NAMES[time_unit.value])
        if output is not None:
            _write(result.customers, output)
            console.print(f"Wrote {output} ({len(result.customers):,} customers)", highlight=False)
        if charts is not None:
            with status("Drawing charts"):
                written = _write_charts(result, charts)
            console.print(f"Wrote {len(written)} charts to {charts}", highlight=False)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _heading(text: str) -> None:
    console.print(f"\n[bold]{text}[/]", highlight=False)


def _table() -> Table:
    return Table(box=None, header_style="dim", pad_edge=False, padding=(0, 2))


def _print_model(model: BaseModel, title: str) -> None:
    _heading(title)
    console.print(
        f"log-likelihood {model.log_likelihood_:,.1f} · {model.n_:,.0f} customers · "
        f"{model.n_distinct_:,} distinct rows",
        highlight=False,
    )
    table = _table()
    for name in ("parameter", "estimate", "std. error", "95 % interval"):
        table.add_column(name, justify="left" if name == "parameter" else "right")
    for name, row in model.summary.iterrows():
        interval = f"{row.ci_low:.4g} – {row.ci_high:.4g}"
        table.add_row(str(name), f"{row.estimate:.4g}", f"{row.std_error:.3g}", interval)
    console.print(table)


def _print_top(result: ClvResult, top: int, currency: str) -> None:
    unit = UNIT_NAMES[result.settings.time_unit]
    _heading(
        f"Top {min(top, len(result.customers))} customers by CLV "
        f"(next {result.settings.horizon:g} {unit}, as of {result.settings.calibration_end})"
    )
    table = _table()
    columns = {
        "customer_id": "customer",
        "frequency": "repeat purchases",
        "recency": "recency",
        "T": "age",
        "monetary_value": "avg. spend",
        "probability_alive": "P(active)",
        "expected_purchases": "exp. purchases",
        "expected_spend": "exp. spend",
        "clv": f"CLV ({currency})",
    }
    for column, label in columns.items():
        table.add_column(label, justify="left" if column == "customer_id" else "right")
    formats = {"frequency": "{:,.0f}", "probability_alive": "{:.2f}", "clv": "{:,.2f}"}
    for row in result.customers.head(top).itertuples(index=False):
        values = row._asdict()
        cells = [str(values["customer_id"])]
        cells += [formats.get(c, "{:,.2f}").format(values[c]) for c in list(columns)[1:]]
        table.add_row(*cells)
    console.print(table)


def _print_totals(result: ClvResult, currency: str) -> None:
    totals, s = result.totals, result.settings
    values = result.customers.clv
    top_share = values.head(max(1, round(len(values) / 10))).sum() / values.sum()
    _heading(
        f"Totals over the next {s.horizon:g} {UNIT_NAMES[s.time_unit]} "
        f"(margin {s.margin:.0%}, discount {s.discount_rate:.0%} a year)"
    )
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2))
    table.add_column()
    table.add_column(justify="right")
    table.add_row("customers", f"{totals['customers']:,.0f}")
    table.add_row("expected purchases", f"{totals['expected_purchases']:,.0f}")
    table.add_row("expected revenue", f"{currency} {totals['expected_revenue']:,.0f}")
    table.add_row("lifetime value (CLV)", f"{currency} {totals['clv']:,.0f}")
    table.add_row("mean CLV", f"{currency} {values.mean():,.2f}")
    table.add_row("share of the top 10 %", f"{top_share:.0%}")
    console.print(table)


def _print_holdout(holdout: HoldoutResult, unit: str) -> None:
    _heading(
        f"Holdout check: repeat purchases after {holdout.calibration_end} up to "
        f"{holdout.observation_end} ({holdout.duration:.3g} {unit}), by calibration purchases"
    )
    table = _table()
    table.show_footer = True
    by = holdout.by_frequency
    total = f"{holdout.relative_error:+.1%}" if holdout.total_actual else "–"
    footers = [
        "total",
        f"{by.customers.sum():,}",
        f"{holdout.total_actual:,.0f}",
        f"{holdout.total_predicted:,.0f}",
        "",
        f"MAE {holdout.mean_absolute_error:.3f}",
        total,
    ]
    headers = ["calibration", "customers", "actual", "predicted", "actual/cust.", "pred./cust."]
    for header, footer in zip([*headers, "error"], footers, strict=True):
        table.add_column(header, footer, justify="left" if header == "calibration" else "right")
    for row in by.itertuples(index=False):
        error = f"{row.predicted / row.actual - 1:+.1%}" if row.actual else "–"
        table.add_row(
            row.label,
            f"{row.customers:,}",
            f"{row.actual:,.0f}",
            f"{row.predicted:,.1f}",
            f"{row.actual_per_customer:.3f}",
            f"{row.predicted_per_customer:.3f}",
            error,
        )
    console.print(table)


def _write(customers: pd.DataFrame, path: Path) -> None:
    try:
        if path.suffix.lower() == ".parquet":
            customers.to_parquet(path, index=False)
        else:
            customers.to_csv(path, index=False)
    except OSError as exc:
        fail(f"cannot write {path}: {exc}")


def _write_charts(result: ClvResult, folder: Path) -> list[Path]:
    from loyalist.models.grids import frequency_recency_grid
    from loyalist.report import charts

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {folder}: {exc}")
    unit = UNIT_NAMES[result.settings.time_unit]
    age = float(result.customers["T"].max())
    grid = frequency_recency_grid(result.purchase_model, age, horizon=result.settings.horizon)
    made = {
        "clv_distribution": charts.clv_distribution(result.customers),
        "expected_purchases": charts.expected_purchases_heatmap(grid, unit),
        "probability_alive": charts.probability_alive_heatmap(grid, unit),
    }
    if result.holdout is not None:
        made["holdout_by_frequency"] = charts.holdout_by_frequency(result.holdout.by_frequency)
        if result.holdout.tracking is not None:
            made["cumulative_tracking"] = charts.cumulative_tracking(result.holdout.tracking)
    return [charts.save_png(chart, folder / f"{name}.png") for name, chart in made.items()]

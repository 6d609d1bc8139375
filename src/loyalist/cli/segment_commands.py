"""Commands about groups of customers: ``segments`` (RFM), ``ladder`` and ``compare``."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.markup import escape
from rich.table import Table

from loyalist.cli.data_commands import ConfigOption
from loyalist.cli.metric_commands import (
    Format,
    FormatOption,
    FromOption,
    PeriodChoice,
    PeriodOption,
    ToOption,
    _cell,
    _day,
    _emit,
    _load,
    _period,
    _records,
)
from loyalist.cli.output import console, fail, status, user_errors
from loyalist.metrics.periods import calendar

AsOfOption = Annotated[
    datetime | None,
    typer.Option(
        "--as-of", formats=["%Y-%m-%d"], help="Score as of this day (default: last order)."
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write one row per customer to this file (.csv, .json, .parquet)."
    ),
]


def register(app: typer.Typer) -> None:
    """Add the segment commands to ``app``."""
    app.command(rich_help_panel="Segments")(segments)
    app.command(rich_help_panel="Segments")(ladder)
    app.command(rich_help_panel="Segments")(compare)


def segments(
    config: ConfigOption = Path("loyalist.toml"),
    as_of: AsOfOption = None,
    output_format: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    """RFM segments and loyalty-ladder rungs of every customer.

    **RFM** scores each customer 1-5 on **R**ecency (days since the last order; 5 = most
    recent), **F**requency (completed orders; 5 = most) and **M**onetary value (mean order
    amount; 5 = highest), by quintile against all customers (equal values share a score).
    The R score and the mean of F and M place each customer in one of 11 named segments:
    Champions, Loyal, Potential loyalists, New, Promising, Need attention, About to sleep,
    At risk, Cannot lose them, Hibernating, Lost.

    The **ladder rung** says how attached the customer is (see `loyalist ladder --help`).

    The table view counts the customers of each segment and rung with their average
    recency, orders and order value; `--format csv|json` prints one row per customer.

    Examples:

    * `loyalist segments --as-of 2025-06-30`
    * `loyalist segments -o segments.csv` (summary on screen, every customer in the file)
    * `loyalist segments --format json > segments.json`
    """
    from loyalist.segments.customers import customer_segments, last_order_day, segment_summary

    with user_errors():
        base = _load(config)
        day = _day(as_of) or last_order_day(base)
        if output is not None or output_format is not Format.table:
            with status("Scoring customers"):
                rows = customer_segments(base, day).execute()
            if rows.empty:
                fail(f"no customer has a completed order on or before {day}; use a later --as-of")
            if output is None:
                _emit(rows, output_format)
                return
            _write(rows, output)
            console.print(f"Wrote {output} ({len(rows):,} customers)", highlight=False)
            if output_format is not Format.table:
                return
        with status("Scoring customers"):
            by_rfm = segment_summary(base, day, "rfm_segment")
            by_rung = segment_summary(base, day, "rung")
        currency = base.config.business.currency
        total = int(by_rfm.customers.sum())
        _heading(f"RFM segments as of {day} ({total:,} customers)")
        _print_summary(by_rfm, "segment", currency)
        _print_advice(by_rfm.segment.tolist())
        _heading(f"Loyalty ladder as of {day} (`loyalist ladder --help` explains the rungs)")
        _print_summary(by_rung, "rung", currency)


def ladder(
    config: ConfigOption = Path("loyalist.toml"),
    start: FromOption = None,
    end: ToOption = None,
    period: PeriodOption = PeriodChoice.month,
    output_format: FormatOption = Format.table,
) -> None:
    """The loyalty ladder: how many customers stand on each rung, and who moved.

    Every customer with an order stands on one rung, the highest that holds, using the
    active window of loyalist.toml (`active_window_days`, default 365) and its [ladder]
    thresholds:

    * **one_time** — exactly one order, within the window;
    * **retained** — two or more orders, the last one within the window;
    * **sticky** — retained and habitual: at least `sticky_min_orders` orders in the window
      (default 4), or at least `sticky_min_active_days` active days in the last 28 (default 8);
    * **loyal** — retained and an advocate: latest NPS answer 9 or 10, or referred someone
      within the window;
    * **lapsed** — the last order is older than the window.

    Shows the customers on each rung at the end of every period from `--from` to `--to`
    (default: the year up to the last order), the moves between the two dates (customers
    who had not ordered yet at `--from` come from **new**) and the net movement up or down
    the ladder. `--format json` gives all three; `--format csv` the moves.
    """
    from loyalist.segments.customers import last_order_day
    from loyalist.segments.ladder import (
        RUNGS,
        ladder_counts,
        ladder_movement,
        ladder_transitions,
    )

    with user_errors():
        base = _load(config)
        with status("Placing customers on the ladder") as say:
            last = _day(end) or last_order_day(base)
            first = _day(start) or _year_before(last)
            say("counting per period")
            counts = ladder_counts(base, first, last, _period(period))
            say("following the moves")
            moves = ladder_transitions(base, first, last)
        movement = ladder_movement(moves)
        if output_format is Format.csv:
            _emit(moves, output_format)
            return
        if output_format is Format.json:
            document = {
                "from": first.isoformat(),
                "to": last.isoformat(),
                "counts": _records(counts),
                "transitions": _records(moves),
                "movement": movement,
            }
            sys.stdout.write(json.dumps(document, indent=2) + "\n")
            return
        each = f"the end of each {period.value}" if _period(period) else str(last)
        _heading(f"Customers on each rung, at {each}")
        wide = counts.pivot(index="period_start", columns="rung", values="customers")
        wide = wide[list(RUNGS)]
        wide["total"] = wide.sum(axis=1)
        ends = {start: min(stop, last) for start, stop in calendar(first, last, _period(period))}
        wide = wide.rename(index=ends).rename_axis("as of").reset_index()
        _print_frame(wide)
        _heading(f"Moves from {first} (rows) to {last} (columns)")
        matrix = moves.pivot(index="from_rung", columns="to_rung", values="customers")
        matrix = matrix.loc[["new", *RUNGS], list(RUNGS)]
        matrix["total"] = matrix.sum(axis=1)
        _print_frame(matrix.rename_axis("from \\ to").reset_index())
        console.print(
            f"moved up {movement['up']:,} · moved down {movement['down']:,} · "
            f"stayed {movement['stayed']:,} · new {movement['new']:,} · "
            f"[bold]net {movement['net']:+,}[/]",
            highlight=False,
        )


def compare(
    metric: Annotated[str, typer.Argument(help="A metric (see `loyalist metrics --list`).")],
    by: Annotated[
        str,
        typer.Option(
            help="A customer column (country, channel...) or age_band, ladder_rung, rfm_segment."
        ),
    ],
    config: ConfigOption = Path("loyalist.toml"),
    start: FromOption = None,
    end: ToOption = None,
    output_format: FormatOption = Format.table,
) -> None:
    """Compare a metric across groups of customers and flag real differences.

    The metric is computed over the whole date range for each group, with its 95 %
    interval. Every pair of groups is tested — a two-proportion z test for shares (CSAT,
    referral rate, retention...), the NPS standard error for NPS, Welch's t test for means —
    and the p-values are corrected for the number of pairs (Holm), so a group is flagged
    only when it differs from another beyond chance. Groups of fewer than 10 answers or
    customers are shown but not tested. `age_band`, `ladder_rung` and
    `rfm_segment` are taken as of `--to`.

    Examples:

    * `loyalist compare nps --by ladder_rung`
    * `loyalist compare repeat_purchase_rate --by country --from 2025-01-01 -f json`
    """
    from loyalist.segments.compare import compare_segments

    with user_errors():
        base = _load(config)
        with status(f"Comparing {metric} by {by}"):
            result = compare_segments(base, metric, by, _day(start), _day(end))
        pairs: pd.DataFrame = result.attrs["pairs"]
        if output_format is Format.csv:
            _emit(result, output_format)
            return
        if output_format is Format.json:
            document = {
                "metric": metric,
                "by": by,
                "test": result.attrs["test"],
                "segments": _records(result),
                "pairs": _records(pairs),
            }
            sys.stdout.write(json.dumps(document, indent=2) + "\n")
            return
        _print_comparison(result, pairs, metric, by)


def _print_comparison(result: pd.DataFrame, pairs: pd.DataFrame, metric: str, by: str) -> None:
    from loyalist.segments.compare import MIN_TESTED

    test = {"nps": "NPS z test", "two_proportion": "two-proportion z test", "welch": "Welch"}
    _heading(f"{metric} by {by} ({test[result.attrs['test']]}, Holm-corrected)")
    shown = result.assign(differs=result.differs.map({True: "yes", False: ""}))
    _print_frame(shown)
    small = result.segment[result.n < MIN_TESTED].tolist()
    if small:
        console.print(
            f"[dim]Fewer than {MIN_TESTED} observations, not tested: {escape(', '.join(small))}[/]",
            highlight=False,
        )
    if result.ci_low.isna().all():
        console.print(
            f"[dim]{metric} has no interval (a total or a count): the groups are not tested.[/]",
            highlight=False,
        )
        return
    differing = pairs[pairs.differs]
    if differing.empty:
        console.print("No two groups differ beyond chance (Holm-corrected p ≥ 0.05).")
        return
    _heading("Pairs that differ beyond chance")
    _print_frame(differing.drop(columns="differs"))


def _print_summary(frame: pd.DataFrame, label: str, currency: str) -> None:
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 1))
    headers = [label, "customers", "share", "days since", "orders", f"avg order ({currency})"]
    for header in headers:
        table.add_column(header, justify="left" if header == label else "right", no_wrap=True)
    for row in frame.itertuples(index=False):
        table.add_row(
            escape(str(row.segment)),
            f"{row.customers:,}",
            f"{row.share:.1%}",
            f"{row.recency_days:,.0f}",
            f"{row.frequency:.2f}",
            f"{row.monetary:,.2f}",
        )
    console.print(table)


def _print_advice(segments: list[str]) -> None:
    from loyalist.segments.rfm_rules import SEGMENTS

    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1), style="dim")
    table.add_column(no_wrap=True)
    table.add_column()
    for name in segments:
        table.add_row(escape(name), escape(SEGMENTS[name]))
    console.print(table)


def _print_frame(frame: pd.DataFrame) -> None:
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 1))
    for column in frame.columns:
        numeric = frame[column].dtype.kind in "fiu"
        table.add_column(str(column), justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*(escape(f"{v:,}" if isinstance(v, int) else _cell(v)) for v in row))
    console.print(table)


def _heading(text: str) -> None:
    console.print(f"\n[bold]{escape(text)}[/]", highlight=False)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _write(frame: pd.DataFrame, path: Path) -> None:
    try:
        if path.suffix.lower() == ".parquet":
            frame.to_parquet(path, index=False)
        elif path.suffix.lower() == ".json":
            path.write_text(json.dumps(_records(frame), indent=2) + "\n", encoding="utf-8")
        else:
            frame.to_csv(path, index=False)
    except OSError as exc:
        fail(f"cannot write {path}: {exc}")

"""Time the at-risk list end to end on a big demo business: features, model, ranking.

A demo business (all seven tables) of ``--customers`` customers is written once into
``--folder`` (1,000,000 customers: about 40 s and 7 GB of memory), then loaded, and
:func:`loyalist.churn.at_risk.at_risk` scores every customer on the books at the last
order day: features at the training cut-offs and at that day in the engine, the BG/NBD
features, the gradient-boosting fit, P(churn) of everyone, the CLV of everyone, the ranking
and the reasons of the customers listed. The script prints the time of every stage.

    .venv/bin/python benchmarks/churn.py --customers 1000000 --folder /tmp/loyalist_churn_1m
"""

from __future__ import annotations

import argparse
import resource
import time
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from loyalist import CustomerBase
from loyalist.churn.at_risk import at_risk
from loyalist.data.demo import generate_demo

END = date(2026, 6, 30)
#: Progress messages that open a stage, and the stage's name.
STAGES = {
    "training features": "features at the training cut-offs (engine + BG/NBD)",
    "fitting": "gradient boosting fit and calibration",
    "scoring": "features at the scoring day, P(churn) of everyone",
    "predicting lifetime": "CLV of everyone (BG/NBD + Gamma-Gamma)",
    "explaining": "ranking, reasons, rung and RFM segment of the listed",
}


class Stopwatch:
    """Records when each progress message arrives; sums the time spent in each stage."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float]] = []
        self.notes: list[str] = []

    def __call__(self, message: str) -> None:
        self.notes.append(message)
        stage = next((name for key, name in STAGES.items() if message.startswith(key)), None)
        if stage is not None:
            self.marks.append((stage, time.perf_counter()))

    def stages(self, end: float) -> dict[str, float]:
        spent: dict[str, float] = {}
        for (stage, began), (_, ended) in zip(
            self.marks, [*self.marks[1:], ("", end)], strict=True
        ):
            spent[stage] = spent.get(stage, 0.0) + ended - began
        return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/loyalist_churn_1m"))
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--horizon", type=int, default=90)
    args = parser.parse_args()
    console = Console()

    config = args.folder / "loyalist.toml"
    if not config.exists():
        began = time.perf_counter()
        generate_demo(args.folder, customers=args.customers, seed=0, end=END)
        console.print(f"wrote the demo in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    base = CustomerBase.from_config(config)
    loaded = time.perf_counter() - began
    rows = base.report.row_counts

    watch = Stopwatch()
    began = time.perf_counter()
    listed = at_risk(base, top=args.top, horizon_days=args.horizon, progress=watch)
    ended = time.perf_counter()

    table = Table(title=f"at-risk list, {rows.get('customers', 0):,} customers", box=None)
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    table.add_row("load and validate the seven tables (not counted)", f"{loaded:.1f}")
    for stage, seconds in watch.stages(ended).items():
        table.add_row(stage, f"{seconds:.1f}")
    table.add_row(
        "[bold]scoring end to end (features, model, ranking)[/]", f"[bold]{ended - began:.1f}[/]"
    )
    console.print(table)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    console.print(
        f"{listed.attrs['customers']:,} customers on the books at {listed.attrs['as_of']} scored; "
        f"trained at {', '.join(map(str, listed.attrs['training_cutoffs']))}; "
        f"{rows.get('orders', 0):,} orders, {rows.get('events', 0):,} events, "
        f"{rows.get('messages', 0):,} messages; peak memory {peak:.1f} GB",
        highlight=False,
    )
    console.print(listed.head(5)[["customer_id", "p_churn", "clv", "value_at_risk", "reasons"]])


if __name__ == "__main__":
    main()

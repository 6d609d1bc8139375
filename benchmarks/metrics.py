"""Time the whole metric catalog and the per-customer summary at scale.

Generates demo businesses of growing size, loads each into loyalist (DuckDB in-process), and
prints, per size: the time of every metric of the catalog computed by month over the whole
history, the time of the per-customer summary (frequency, recency, T, monetary value) in the
engine, and the same summary written the straightforward way with pandas groupby.

    .venv/bin/python benchmarks/metrics.py --orders 1000000,10000000
"""

from __future__ import annotations

import argparse
import gc
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from loyalist import CustomerBase
from loyalist.data.demo import generate_demo
from loyalist.summary import customer_summary

END = date(2025, 12, 31)


def pandas_summary(orders: pd.DataFrame, tz: str, cutoff: date) -> pd.DataFrame:
    """The same summary as loyalist's, written the way a notebook would (weeks)."""
    done = orders[orders["status"] == "completed"]
    day = done["ordered_at"].dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    days = done.assign(day=day).groupby(["customer_id", "day"], as_index=False)["amount"].sum()
    days = days[days["day"] <= pd.Timestamp(cutoff)]
    first = days.groupby("customer_id")["day"].transform("min")
    days = days.assign(repeat=days["amount"].where(days["day"] > first, 0.0))
    g = days.groupby("customer_id")
    out = pd.DataFrame(
        {"first": g["day"].min(), "last": g["day"].max(), "n": g.size(), "rep": g["repeat"].sum()}
    )
    out["frequency"] = out["n"] - 1
    out["recency"] = (out["last"] - out["first"]).dt.days / 7
    out["T"] = (pd.Timestamp(cutoff) - out["first"]).dt.days / 7
    out["monetary_value"] = (out["rep"] / out["frequency"]).where(out["frequency"] > 0, 0.0)
    return out[["frequency", "recency", "T", "monetary_value"]]


def timed(fn):  # noqa: ANN001, ANN201
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def run(orders_target: int, customers_per_order: float, workdir: Path) -> dict[str, object]:
    customers = max(1000, int(orders_target * customers_per_order))
    out = workdir / f"demo_{orders_target}"
    demo, t_generate = timed(lambda: generate_demo(out, customers=customers, end=END, seed=1))
    base, t_load = timed(lambda: CustomerBase.from_config(demo.config_path))
    result, t_catalog = timed(lambda: base.metrics(period="month"))
    summary, t_summary = timed(lambda: customer_summary(base, END).to_pyarrow())
    frame = base.orders.to_pandas()
    reference, t_pandas = timed(lambda: pandas_summary(frame, base.timezone, END))
    assert summary.num_rows == len(reference), "the two summaries disagree"
    row = {
        "orders": demo.rows["orders"],
        "events": demo.rows["events"],
        "customers": customers,
        "generate s": t_generate,
        "load+validate s": t_load,
        "catalog s": t_catalog,
        "metrics": result["metric"].nunique(),
        "summary s": t_summary,
        "pandas summary s": t_pandas,
        "speed-up": t_pandas / t_summary,
        "peak RSS GB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6,
    }
    del base, frame, result, summary, reference
    gc.collect()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", default="1000000,10000000",
                        help="comma-separated numbers of orders to aim at")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="loyalist-bench-") as tmp:
        probe = generate_demo(Path(tmp) / "probe", customers=20_000, end=END, seed=1)
        customers_per_order = 20_000 / probe.rows["orders"]
        rows = [run(int(n), customers_per_order, Path(tmp)) for n in args.orders.split(",")]
    table = Table(title="loyalist metrics benchmark (DuckDB in-process, 2 cores)")
    for column in rows[0]:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*(f"{v:,.2f}" if isinstance(v, float) else f"{v:,}" for v in row.values()))
    Console().print(table)


if __name__ == "__main__":
    main()

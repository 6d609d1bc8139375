"""Time the whole metric catalog and the per-customer summary at scale.

For each size, a demo business (all seven tables) gets its orders and app events replaced by
bigger synthetic ones: N orders and 5 × N events over 2 years. The script prints, per size,
the time to load and validate, the time of every metric of the catalog by month, the time of
the per-customer summary (frequency, recency, T, monetary value) in the engine (from the
purchase days stored at load, and from the raw orders as for another database), and the same
summary written the straightforward way with pandas groupby (summaries: the fastest of three
runs each). Each size is written by one process and timed in fresh ones, so its times and
peak memory are loyalist's and pandas' own, not the data generator's. Load and catalog run
``--repeat`` times, each in a new process (a second catalog in the same process would reuse
what the first stored); the table shows the fastest and lists every catalog time, with the
CPU seconds the kernel spent in each and its page faults (on this virtual machine, first
touches of new memory cost the most when it is slow).

    .venv/bin/python benchmarks/metrics.py --orders 1000000,10000000,50000000

Sizes whose estimated peak memory (2 GB per million orders, as measured) exceeds the
machine's are skipped, with a line saying so.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

from loyalist import CustomerBase
from loyalist.data.demo import generate_demo
from loyalist.data.load import WITH_PURCHASE_DAYS
from loyalist.summary import customer_summary

END = date(2025, 12, 31)
DAYS = 730
EVENTS_PER_ORDER = 5
#: Peak memory per million orders (with 5 events each), as measured at 10 M orders (19.9 GB).
GB_PER_MILLION_ORDERS = 2.0
#: Summaries (loyalist's and pandas') are timed as the fastest of this many runs.
REPEAT = 3
T = TypeVar("T")


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


def lifetimes_summary(orders: pd.DataFrame, tz: str, cutoff: date) -> pd.DataFrame:
    """The same summary following the steps of lifetimes' ``summary_data_from_transaction_data``
    (sort, period index, sum per customer-day, mark first days, aggregate): what users run today.
    """
    done = orders.loc[orders["status"] == "completed", ["customer_id", "ordered_at", "amount"]]
    tx = done.sort_values(["customer_id", "ordered_at", "amount"]).copy()
    tx["ordered_at"] = tx["ordered_at"].dt.tz_convert(tz).dt.tz_localize(None)
    tx = tx.set_index("ordered_at").to_period("D").to_timestamp()
    tx = tx.loc[tx.index <= pd.Timestamp(cutoff)].reset_index()
    days = tx.groupby(["ordered_at", "customer_id"], sort=False, as_index=False).sum()
    days["first"] = False
    days.loc[days.groupby("customer_id", sort=True, as_index=False).head(1).index, "first"] = True
    out = days.groupby("customer_id", sort=False)["ordered_at"].agg(["min", "max", "count"])
    out["frequency"] = out["count"] - 1
    out["T"] = (pd.Timestamp(cutoff) - out["min"]) / np.timedelta64(7, "D")
    out["recency"] = (out["max"] - out["min"]) / np.timedelta64(7, "D")
    days.loc[days["first"], "amount"] = np.nan
    out["monetary_value"] = days.groupby("customer_id")["amount"].mean().fillna(0)
    return out[["frequency", "recency", "T", "monetary_value"]].astype(float)


def synthetic(folder: Path, customers: np.ndarray, n_orders: int, seed: int) -> None:
    """Overwrite the demo's orders and events with ``n_orders`` orders and 5x as many events."""
    rng = np.random.default_rng(seed)
    start = np.datetime64(END, "s") - np.timedelta64(DAYS * 86_400, "s")
    weights = rng.gamma(0.8, 1.0, len(customers))  # some customers buy far more than others
    who = rng.choice(len(customers), n_orders, p=weights / weights.sum())
    when = start + rng.integers(0, DAYS * 86_400, n_orders).astype("timedelta64[s]")
    status = rng.choice(["completed", "refunded", "cancelled"], n_orders, p=[0.94, 0.04, 0.02])
    orders = pa.table(
        {
            "order_id": pa.array(np.char.add("O", np.arange(n_orders).astype(str))),
            "customer_id": pa.array(customers[who]),
            "ordered_at": pa.array(when, pa.timestamp("us", tz="UTC")),
            "amount": pa.array(np.round(rng.gamma(2.0, 30.0, n_orders), 2)),
            "status": pa.array(status),
        }
    )
    pq.write_table(orders, folder / "orders.parquet")
    n_events = EVENTS_PER_ORDER * n_orders
    who = rng.choice(len(customers), n_events, p=weights / weights.sum())
    when = start + rng.integers(0, DAYS * 86_400, n_events).astype("timedelta64[s]")
    events = pa.table(
        {
            "customer_id": pa.array(customers[who]),
            "occurred_at": pa.array(when, pa.timestamp("us", tz="UTC")),
            "event_type": pa.array(np.full(n_events, "session")),
            "session_id": pa.array(np.char.add("S", np.arange(n_events).astype(str))),
            "duration_s": pa.array(rng.exponential(240.0, n_events).round()),
        }
    )
    pq.write_table(events, folder / "events.parquet")


def best(run: Callable[[], T], repeat: int = REPEAT) -> tuple[T, float]:
    """The result of ``run`` and its fastest time in seconds over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return result, min(times)


def write_business(n_orders: int, workdir: Path) -> tuple[Path, int]:
    """Write one business of ``n_orders`` orders; its ``loyalist.toml`` and its customers."""
    customers = max(20_000, n_orders // 10)
    demo = generate_demo(workdir / f"b{n_orders}", customers=customers, end=END, seed=1)
    ids = pd.read_parquet(demo.config_path.parent / "data/customers.parquet")["customer_id"]
    synthetic(demo.config_path.parent / "data", ids.to_numpy(), n_orders, seed=n_orders)
    return demo.config_path, customers


def load_and_catalog(config: Path) -> tuple[CustomerBase, int, float, float, str]:
    """Load the business of ``config`` and compute the whole catalog by month: the base, the
    number of metric rows, the seconds of each step, and the kernel's CPU seconds and the
    page faults (millions) during the catalog (first touches of memory: the kernel's CPU
    time per fault is where this machine's speed varies most)."""
    started = time.perf_counter()
    base = CustomerBase.from_config(config)
    t_load = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = base.metrics(period="month")
    t_catalog = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    faults = (after.ru_minflt - before.ru_minflt) / 1e6
    kernel = f"{after.ru_stime - before.ru_stime:.1f} ({faults:.1f})"
    return base, len(result), t_load, t_catalog, kernel


def catalog_times(config: Path) -> tuple[float, float, str]:
    """The load and catalog seconds, and the catalog's kernel CPU seconds and page faults, of
    one more run (in a fresh process, see :func:`main`)."""
    _, _, t_load, t_catalog, kernel = load_and_catalog(config)
    return t_load, t_catalog, kernel


def measure(config: Path, customers: int) -> dict[str, object]:
    """Time loyalist and pandas on the business of ``config``."""
    base, n_rows, t_load, t_catalog, kernel = load_and_catalog(config)
    summary, t_summary = best(lambda: customer_summary(base, END).to_pyarrow())
    # The same summary from the raw orders, converting every order's time to a local day and
    # grouping the purchase days (as without the ones loading stores next to the tables).
    WITH_PURCHASE_DAYS.discard(base.con)
    from_raw, t_raw = best(lambda: customer_summary(base, END).to_pyarrow())
    WITH_PURCHASE_DAYS.add(base.con)

    frame = base.orders.to_pandas()
    reference, t_pandas = best(lambda: pandas_summary(frame, base.timezone, END))
    usual, t_usual = best(lambda: lifetimes_summary(frame, base.timezone, END))
    ours = summary.to_pandas().set_index("customer_id").sort_index()
    for other in (reference, usual, from_raw.to_pandas().set_index("customer_id")):
        pd.testing.assert_frame_equal(
            ours, other.sort_index().rename_axis("customer_id"), check_dtype=False, rtol=1e-9
        )

    return {
        "orders": base.report.row_counts["orders"],
        "events": base.report.row_counts["events"],
        "customers": customers,
        "load+validate s": t_load,
        "catalog s": t_catalog,
        "catalog kernel s": kernel,
        "metric rows": n_rows,
        "summary s": t_summary,
        "summary from raw orders s": t_raw,
        "lifetimes-style pandas s": t_usual,
        "speed-up": t_usual / t_summary,
        "speed-up from raw": t_usual / t_raw,
        "groupby pandas s": t_pandas,
        "speed-up vs groupby": t_pandas / t_summary,
        "peak RSS GB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6,
    }


def _fresh(run: Callable[..., T], *args: object) -> T:
    """``run(*args)`` in a new process."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as fresh:
        return fresh.submit(run, *args).result()


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _memory_gb() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--orders",
        default="1000000,10000000,50000000",
        help="comma-separated numbers of orders; sizes this machine's memory cannot hold are "
        "skipped with the reason",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of load and catalog per size, each in a fresh process; the fastest is "
        "shown, and every catalog time too (this machine's speed varies from minute to minute)",
    )
    args = parser.parse_args()
    rows = []
    say = Console(stderr=True).print
    with tempfile.TemporaryDirectory(prefix="loyalist-bench-") as tmp:
        for n in map(int, args.orders.split(",")):
            need, have = GB_PER_MILLION_ORDERS * n / 1e6, _memory_gb()
            if need > have:
                say(f"skipped: {n:,} orders need about {need:.0f} GB, this machine has {have:.0f}")
                continue
            # One process writes the files, a fresh one times loyalist on them: its memory and
            # peak are its own, as for a user who analyses one business per run.
            config, customers = _fresh(write_business, n, Path(tmp))
            row = _fresh(measure, config, customers)
            runs = [(row["load+validate s"], row["catalog s"], row.pop("catalog kernel s"))]
            runs += [_fresh(catalog_times, config) for _ in range(args.repeat - 1)]
            row["load+validate s"] = min(load for load, _, _ in runs)
            row["catalog s"] = min(catalog for _, catalog, _ in runs)
            row["catalog runs s"] = " / ".join(f"{catalog:.1f}" for _, catalog, _ in runs)
            row["kernel CPU s (M faults) of each"] = " / ".join(k for _, _, k in runs)
            rows.append(row)
            say(f"done: {n:,} orders")
    if not rows:
        return
    table = Table(title="loyalist metrics benchmark (DuckDB in-process, 2 cores)")
    for column in rows[0]:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*map(_cell, row.values()))
    Console(width=200).print(table)


if __name__ == "__main__":
    main()

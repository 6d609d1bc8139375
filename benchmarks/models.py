"""Benchmark the purchase models on simulated customers: fit and scoring time, peak memory.

Customers are drawn from BG/NBD and Pareto/NBD with the published CDNOW parameters, in weeks,
with T spread uniformly over 1..546 days and recency rounded to whole days, as in real order
data (so the fit sees day-granular patterns). Each (model, size) runs in its own process, so the
peak memory reported is that of one size only.

Usage::

    python benchmarks/models.py                      # 100k, 1M and 10M customers
    python benchmarks/models.py --sizes 100000,1000000
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
import tracemalloc

import numpy as np

TRUTH = {
    "BetaGeo": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
    "ParetoNBD": {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669},
}


def run_one(model_name: str, n: int, resolution: float) -> dict[str, object]:
    """Simulate ``n`` customers, then time collapse+fit and scoring of one model."""
    from loyalist.models import BetaGeo, ParetoNBD
    from loyalist.models.simulate import simulate_bgnbd, simulate_paretonbd

    model_cls, simulate = {
        "BetaGeo": (BetaGeo, simulate_bgnbd),
        "ParetoNBD": (ParetoNBD, simulate_paretonbd),
    }[model_name]
    days = np.random.default_rng(0).integers(1, 547, n)
    data = simulate(n, **TRUTH[model_name], T=days / 7.0, seed=1, resolution=resolution or None)
    del days
    gc.collect()

    start, cpu = time.perf_counter(), time.process_time()
    model = model_cls().fit(data)
    fit_s, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    model.expected_purchases(39.0, data)
    model.probability_alive(data)
    score_s, score_cpu = time.perf_counter() - start, time.process_time() - cpu
    summary = model.summary  # standard errors (Hessian), not part of the fit time

    tracemalloc.start()  # second pass: memory allocated by the model itself
    model_cls().fit(data).probability_alive(data)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "model": model_name,
        "n": n,
        "distinct": model.n_distinct_,
        "fit_s": fit_s,
        "fit_cpu": fit_cpu,
        "score_s": score_s,
        "score_cpu": score_cpu,
        "model_peak_mb": traced_peak / 2**20,
        "process_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "estimate": model.params_,
        "std_error": summary["std_error"].to_dict(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--models", default="BetaGeo,ParetoNBD")
    parser.add_argument(
        "--resolution",
        type=float,
        default=1 / 7,
        help="round recency to this many weeks (default a day; 0 keeps it exact)",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODEL", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child[0], int(args.child[1]), args.resolution)))
        return

    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        for name in args.models.split(","):
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    name,
                    str(n),
                    "--resolution",
                    str(args.resolution),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"done {name} n={n:,}", file=sys.stderr)
    report(rows)


def report(rows: list[dict]) -> None:
    """Print one table of timings and memory, one of recovered parameters."""
    from rich.console import Console
    from rich.table import Table

    timing = Table(title="Purchase models: collapse + fit, scoring, peak memory (wall / CPU s)")
    for col in ("model", "customers", "distinct rows", "fit (s)", "score (s)",
                "model peak (MB)", "process peak (MB)"):  # fmt: skip
        timing.add_column(col, justify="right")
    params = Table(title="Recovered parameters (truth, estimate +- std error)")
    for col in ("model", "customers", "parameter", "truth", "estimate", "std error", "z"):
        params.add_column(col, justify="right")
    for r in rows:
        timing.add_row(
            r["model"], f"{r['n']:,}", f"{r['distinct']:,}",
            f"{r['fit_s']:.2f} / {r['fit_cpu']:.2f}", f"{r['score_s']:.2f} / {r['score_cpu']:.2f}",
            f"{r['model_peak_mb']:.0f}", f"{r['process_peak_mb']:.0f}",
        )  # fmt: skip
        for name, truth in TRUTH[r["model"]].items():
            est, se = r["estimate"][name], r["std_error"][name]
            params.add_row(
                r["model"], f"{r['n']:,}", name, f"{truth:g}", f"{est:.4f}", f"{se:.4f}",
                f"{(est - truth) / se:+.1f}",
            )  # fmt: skip
    console = Console(width=120)
    console.print(timing)
    console.print(params)


if __name__ == "__main__":
    main()

"""``generate_demo``: simulate a shop's customers and write the seven tables and a config."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from loyalist.data.demo.activity import Events, app_warp, simulate_events
from loyalist.data.demo.campaigns import Mailer
from loyalist.data.demo.clock import Clock
from loyalist.data.demo.config_file import config_text
from loyalist.data.demo.population import Population, simulate_population
from loyalist.data.demo.purchases import Orders, simulate_orders
from loyalist.data.demo.referrals import assign_referrers
from loyalist.data.demo.subscriptions import simulate_subscriptions
from loyalist.data.demo.surveys import simulate_responses
from loyalist.data.demo.tables import Tables, digits
from loyalist.data.demo.writer import FileFormat, TableWriter

EVENT_BLOCK = 25_000
"""Customers per chunk of events (fixed, so the output does not depend on the machine)."""
_STREAMS = ("people", "orders", "referrals", "subscriptions", "responses", "events", "messages")


@dataclass(frozen=True)
class DemoResult:
    """What ``generate_demo`` wrote: the config file, rows per table and the time it took."""

    config_path: Path
    rows: dict[str, int]
    seconds: float


def generate_demo(
    out: str | Path,
    customers: int = 20_000,
    years: float = 2.0,
    seed: int = 0,
    end: dt.date | None = None,
    file_format: FileFormat = "parquet",
    progress: Callable[[str], None] | None = None,
) -> DemoResult:
    """Write a realistic synthetic customer base to ``out/data`` and ``out/loyalist.toml``.

    Customers are acquired over ``years`` up to ``end`` (with growth and seasonality) and buy
    according to a BG/NBD process with Gamma-Gamma spend; app sessions fade before a customer
    drops out; subscriptions renew term by term; NPS, CSAT, exit and product survey answers,
    e-mail opens and referrals follow each customer's latent loyalty. The same ``seed`` and
    ``end`` always give the same files.

    Parameters
    ----------
    out
        Folder to write into (created if needed); tables go to ``out/data/<table>.<format>``.
    customers
        Number of customers.
    years
        Length of the history, in years.
    seed
        Seed of the random generator.
    end
        Last day of data; default yesterday (UTC).
    file_format
        ``"parquet"`` or ``"csv"``.
    progress
        Called with a short message at the start of every stage.

    Returns
    -------
    DemoResult
        Path of the written ``loyalist.toml``, rows per table and seconds taken.

    Examples
    --------
    >>> result = generate_demo("demo", customers=2_000, end=dt.date(2025, 6, 30))  # doctest: +SKIP
    >>> result.rows["orders"], result.config_path  # doctest: +SKIP
    (3388, PosixPath('demo/loyalist.toml'))
    """
    began = time.perf_counter()
    if customers < 1:
        raise ValueError(f"customers must be at least 1, got {customers}")
    if not years > 0:
        raise ValueError(f"years must be positive, got {years}")
    if file_format not in ("parquet", "csv"):
        raise ValueError(f"file_format must be 'parquet' or 'csv', got {file_format!r}")
    say = progress or (lambda message: None)
    end = end or dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    clock = Clock.ending(end, years)
    seeds = np.random.SeedSequence(seed).spawn(len(_STREAMS))
    rngs = {name: np.random.default_rng(s) for name, s in zip(_STREAMS, seeds, strict=True)}
    out = Path(out)
    (out / "data").mkdir(parents=True, exist_ok=True)

    say(f"customers ({customers:,})")
    people = simulate_population(rngs["people"], clock, customers)
    say("orders")
    orders = simulate_orders(rngs["orders"], clock, people)
    referred, referrer = assign_referrers(rngs["referrals"], clock, people, orders)
    say("subscriptions")
    subs = simulate_subscriptions(rngs["subscriptions"], clock, people, orders)
    say("responses")
    answers = simulate_responses(rngs["responses"], clock, people, orders, subs)
    tables = Tables(clock, people)
    with TableWriter(out / "data", file_format) as sink:
        sink.write("customers", tables.customers(people))
        sink.write("orders", tables.orders(orders))
        sink.write("subscriptions", tables.subscriptions(subs))
        sink.write("responses", tables.responses(answers))
        sink.write("referrals", tables.referrals(referred, referrer, people))
        _write_events(sink, tables, rngs["events"], clock, people, orders, say)
        _write_messages(sink, tables, rngs["messages"], clock, people, orders, say)
        say("finishing files")
        rows = sink.close()

    config_path = out / "loyalist.toml"
    text = config_text(customers, clock.start, clock.end, seed, file_format)
    config_path.write_text(text, encoding="utf-8")
    return DemoResult(config_path, rows, time.perf_counter() - began)


def _write_events(
    sink: TableWriter,
    tables: Tables,
    rng: np.random.Generator,
    clock: Clock,
    people: Population,
    orders: Orders,
    say: Callable[[str], None],
) -> None:
    """Simulate and queue the events, one block of customers at a time.

    A helper thread simulates the next block while this one builds the table of the current
    block and the writer's thread writes the previous one (numpy and Arrow release the GIL).
    """
    warp = app_warp(clock)
    blocks = [
        slice(lo, min(lo + EVENT_BLOCK, people.size)) for lo in range(0, people.size, EVENT_BLOCK)
    ]
    streams = rng.spawn(len(blocks))
    width = digits(people.size * 1000, 9)
    number = 1
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="loyalist-events") as pool:

        def simulate(k: int) -> Future[Events]:
            return pool.submit(simulate_events, streams[k], clock, people, orders, blocks[k], warp)

        upcoming = simulate(0)
        for k in range(len(blocks)):
            say(f"events {k + 1}/{len(blocks)}")
            events = upcoming.result()
            if k + 1 < len(blocks):
                upcoming = simulate(k + 1)
            sink.write("events", tables.events(events, number, width))
            number += events.size


def _write_messages(
    sink: TableWriter,
    tables: Tables,
    rng: np.random.Generator,
    clock: Clock,
    people: Population,
    orders: Orders,
    say: Callable[[str], None],
) -> None:
    """Simulate and queue the e-mail messages, one calendar month at a time."""
    say("messages")
    mailer = Mailer(rng, clock, people, orders)
    width = digits(people.size * 500, 8)
    number = 1
    for k in range(mailer.months):
        month = mailer.month(rng, k)
        sink.write("messages", tables.messages(month, number, width, mailer.names))
        number += month.size

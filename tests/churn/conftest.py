"""Shared fixtures of the churn tests: hand-made bases and one small demo business.

Hand-made tables use the business time zone Europe/Amsterdam (UTC+1 in winter, UTC+2 from
31 March 2024), so local days and UTC days differ around midnight.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.config import Business, Config
from loyalist.data.demo import generate_demo

TZ = "Europe/Amsterdam"
UTC = "datetime64[us, UTC]"
#: The small demo: 1,500 customers over two years up to this day.
DEMO_END = date(2025, 6, 30)


def utc(*times: str | None) -> pd.Series:
    """UTC timestamps from ISO strings (None: missing)."""
    return pd.Series(pd.to_datetime(list(times), utc=True, format="ISO8601")).astype(UTC)


def orders_of(rows: list[tuple]) -> pd.DataFrame:
    """Orders from (customer, UTC time, amount[, status]) rows."""
    return pd.DataFrame(
        {
            "order_id": [f"o{i}" for i in range(len(rows))],
            "customer_id": [r[0] for r in rows],
            "ordered_at": utc(*[r[1] for r in rows]),
            "amount": [float(r[2]) for r in rows],
            "status": [r[3] if len(r) > 3 else "completed" for r in rows],
        }
    )


def subscriptions_of(rows: list[tuple]) -> pd.DataFrame:
    """Subscriptions from (id, customer, started, ended, plan, mrr, due, renewed) rows."""
    return pd.DataFrame(
        {
            "subscription_id": [r[0] for r in rows],
            "customer_id": [r[1] for r in rows],
            "started_at": utc(*[r[2] for r in rows]),
            "ended_at": utc(*[r[3] for r in rows]),
            "plan": [r[4] for r in rows],
            "mrr": [float(r[5]) for r in rows],
            "renewal_due_at": utc(*[r[6] for r in rows]),
            "renewed": pd.array([r[7] for r in rows], dtype="boolean"),
        }
    )


def make_base(orders: pd.DataFrame, window: int = 30, **tables: pd.DataFrame) -> CustomerBase:
    """A base in Amsterdam time with a ``window``-day active window."""
    config = Config(business=Business(timezone=TZ, active_window_days=window))
    return CustomerBase.from_frames(config=config, orders=orders, **tables)


@pytest.fixture(scope="session")
def build() -> Callable[..., CustomerBase]:
    """The :func:`make_base` helper, for tests (no package imports between test files)."""
    return make_base


@pytest.fixture(scope="session")
def helpers() -> dict[str, Callable[..., pd.DataFrame]]:
    """Table builders: ``orders``, ``subscriptions`` and ``utc``."""
    return {"orders": orders_of, "subscriptions": subscriptions_of, "utc": utc}


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo business (1,500 customers, two years), written once per session."""
    out = tmp_path_factory.mktemp("churn_demo")
    generate_demo(out, customers=1_500, years=2.0, seed=7, end=DEMO_END)
    return out


@pytest.fixture(scope="session")
def demo(demo_dir: Path) -> CustomerBase:
    """The small demo business, loaded."""
    return CustomerBase.from_config(demo_dir / "loyalist.toml")

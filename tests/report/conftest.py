"""Shared data of the report tests: a small demo business, CDNOW, and their reports.

Everything is session-scoped: the demo is generated, loaded and reported on once.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.config import Config
from loyalist.data.demo import generate_demo
from loyalist.datasets import cdnow_config, load_cdnow
from loyalist.report.build import write_report
from loyalist.report.gather import ReportInputs

DEMO_END = date(2025, 6, 30)


@pytest.fixture(scope="session")
def demo_base(tmp_path_factory: pytest.TempPathFactory) -> CustomerBase:
    """All seven tables: 2,000 customers over two years."""
    out = tmp_path_factory.mktemp("report_demo")
    config = generate_demo(out, customers=2_000, years=2.0, seed=21, end=DEMO_END).config_path
    return CustomerBase.from_config(config)


@pytest.fixture(scope="session")
def demo_inputs(demo_base: CustomerBase) -> ReportInputs:
    return ReportInputs.collect(demo_base)


@pytest.fixture(scope="session")
def demo_report(demo_base: CustomerBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report_html") / "demo.html"
    return write_report(demo_base, out)


@pytest.fixture(scope="session")
def cdnow_base() -> CustomerBase:
    """Orders only: the CDNOW sample (2,357 customers, Jan 1997 - Jun 1998)."""
    return CustomerBase.from_frames(config=cdnow_config(), orders=load_cdnow(sample=True))


@pytest.fixture(scope="session")
def cdnow_report(cdnow_base: CustomerBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report_html") / "cdnow.html"
    return write_report(cdnow_base, out)


def orders_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Completed orders of 10.0 from ``(order_id, customer_id, ordered_at)`` rows."""
    frame = pd.DataFrame(rows, columns=["order_id", "customer_id", "ordered_at"])
    return frame.assign(amount=10.0)


#: Four customers over Jan-Mar 2024, UTC, a 30-day active window (worked out in test_sections).
TINY_ORDERS = [
    ("1", "a", "2024-01-05 10:00"),
    ("2", "a", "2024-02-10 10:00"),
    ("3", "a", "2024-03-03 10:00"),
    ("4", "b", "2024-01-20 10:00"),
    ("5", "c", "2024-02-15 10:00"),
    ("6", "c", "2024-03-20 10:00"),
    ("7", "d", "2024-03-10 10:00"),
]


@pytest.fixture(scope="session")
def tiny_base() -> CustomerBase:
    config = Config.from_dict({"business": {"active_window_days": 30}})
    return CustomerBase.from_frames(config=config, orders=orders_frame(TINY_ORDERS))

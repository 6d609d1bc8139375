"""Hand-made customer bases for the segment tests: rows in, a CustomerBase out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.config import Business, Config, Ladder

Build = Callable[..., CustomerBase]


def _utc(values: list[str]) -> pd.Series:
    return pd.Series(pd.to_datetime(values, utc=True, format="ISO8601"))


def orders_frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """Orders from (customer, UTC time[, amount[, status]]) rows; amount 10, completed."""
    defaults = ("", "", 10.0, "completed")
    full = [tuple(r) + defaults[len(r) :] for r in rows]
    return pd.DataFrame(
        {
            "order_id": [f"o{i}" for i in range(len(full))],
            "customer_id": [r[0] for r in full],
            "ordered_at": _utc([r[1] for r in full]),
            "amount": [float(r[2]) for r in full],
            "status": [r[3] for r in full],
        }
    )


def events_frame(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """App events from (customer, UTC time) rows."""
    return pd.DataFrame(
        {"customer_id": [r[0] for r in rows], "occurred_at": _utc([r[1] for r in rows])}
    )


def answers_frame(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    """Survey answers from (customer, UTC time, survey, score) rows."""
    return pd.DataFrame(
        {
            "customer_id": [r[0] for r in rows],
            "responded_at": _utc([r[1] for r in rows]),
            "survey": [r[2] for r in rows],
            "score": [float(r[3]) for r in rows],
        }
    )


def referrals_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Referrals from (referrer, referred, UTC time) rows."""
    return pd.DataFrame(
        {
            "referrer_id": [r[0] for r in rows],
            "referred_id": [r[1] for r in rows],
            "referred_at": _utc([r[2] for r in rows]),
        }
    )


@pytest.fixture
def build() -> Build:
    """``build(orders=[...], events=[...], responses=[...], referrals=[...], customers=frame,
    tz="UTC", window=365, ladder=Ladder())``: a CustomerBase from hand-made rows."""

    def make(
        orders: list[tuple[Any, ...]],
        events: list[tuple[str, str]] | None = None,
        responses: list[tuple[str, str, str, float]] | None = None,
        referrals: list[tuple[str, str, str]] | None = None,
        customers: pd.DataFrame | None = None,
        tz: str = "UTC",
        window: int = 365,
        ladder: Ladder | None = None,
    ) -> CustomerBase:
        frames: dict[str, pd.DataFrame] = {"orders": orders_frame(orders)}
        if events is not None:
            frames["events"] = events_frame(events)
        if responses is not None:
            frames["responses"] = answers_frame(responses)
        if referrals is not None:
            frames["referrals"] = referrals_frame(referrals)
        if customers is not None:
            frames["customers"] = customers
        config = Config(
            business=Business(timezone=tz, active_window_days=window), ladder=ladder or Ladder()
        )
        return CustomerBase.from_frames(config=config, **frames)

    return make

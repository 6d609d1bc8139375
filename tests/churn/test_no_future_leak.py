"""No feature may use anything that happened after the cut-off.

The small demo business is loaded twice: as written, and with every table changed after the
cut-off (orders, events, responses, messages, subscriptions, referrals): later rows altered
or dropped, new later rows added, and the facts about earlier rows that only become known
later (an e-mail opened after the cut-off, a subscription ended or not renewed after it)
rewritten. The features at the cut-off, BG/NBD included, must not move.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.churn.features import churn_features
from loyalist.config import Config
from loyalist.metrics.periods import day_begins_utc

CUTOFF = date(2025, 3, 31)
NAMES = ("customers", "orders", "events", "subscriptions", "responses", "messages", "referrals")


def _later(frame: pd.DataFrame, column: str, after: pd.Timestamp, rng, n: int) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """``n`` earlier rows copied to random times 1 to 80 days after the cut-off."""
    rows = frame[frame[column] < after].sample(n, random_state=rng.integers(1 << 31)).copy()
    rows[column] = after + pd.to_timedelta(rng.integers(3_600, 80 * 86_400, n), unit="s")
    return rows


def _rewrite_the_future(frames: dict[str, pd.DataFrame], after: pd.Timestamp) -> None:
    rng = np.random.default_rng(1)
    orders = frames["orders"]
    late = orders.ordered_at >= after
    orders.loc[late, "amount"] *= 3
    orders.loc[late, "status"] = np.where(
        orders.loc[late, "status"] == "completed", "cancelled", "completed"
    )
    extra = _later(orders, "ordered_at", after, rng, 400)
    extra["order_id"] = [f"late-{i}" for i in range(len(extra))]
    frames["orders"] = pd.concat([orders, extra], ignore_index=True)

    events = frames["events"]
    events = events[(events.occurred_at < after) | (np.arange(len(events)) % 2 == 0)]
    frames["events"] = pd.concat([events, _later(events, "occurred_at", after, rng, 3_000)])

    answers = frames["responses"]
    late = answers.responded_at >= after
    answers.loc[late, "score"] = np.where(answers.loc[late, "survey"] == "nps", 0.0, 1.0)
    frames["responses"] = pd.concat([answers, _later(answers, "responded_at", after, rng, 300)])

    messages = frames["messages"]
    sent = messages.sent_at < after
    unopened = sent & messages.opened_at.isna()
    messages.loc[unopened, "opened_at"] = after + pd.Timedelta(days=1)  # opened too late
    messages.loc[unopened, "clicked_at"] = after + pd.Timedelta(days=1, minutes=5)
    messages.loc[sent & (messages.opened_at >= after), "opened_at"] = pd.NaT
    extra = _later(messages, "sent_at", after, rng, 2_000)
    extra["message_id"] = [f"late-{i}" for i in range(len(extra))]
    frames["messages"] = pd.concat([messages, extra], ignore_index=True)

    subs = frames["subscriptions"]
    running = (subs.started_at < after) & (subs.ended_at.isna() | (subs.ended_at >= after))
    subs.loc[running, "ended_at"] = after + pd.Timedelta(days=3)  # cancelled after the cut-off
    due_later = subs.renewal_due_at >= after
    subs["renewed"] = subs.renewed.astype("boolean")
    subs.loc[due_later, "renewed"] = ~subs.loc[due_later, "renewed"].fillna(True)
    extra = _later(subs, "started_at", after, rng, 200)
    extra["ended_at"] = pd.NaT
    extra["subscription_id"] = [f"late-{i}" for i in range(len(extra))]
    frames["subscriptions"] = pd.concat([subs, extra], ignore_index=True)

    referrals = frames["referrals"]
    extra = _later(referrals, "referred_at", after, rng, 40)
    extra["referred_id"] = [f"new-{i}" for i in range(len(extra))]
    frames["referrals"] = pd.concat([referrals, extra], ignore_index=True)


def _features(demo_dir: Path, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    base = CustomerBase.from_frames(config=Config.load(demo_dir / "loyalist.toml"), **frames)
    table = churn_features(base, CUTOFF).execute()
    return table.sort_values("customer_id", ignore_index=True)


@pytest.mark.filterwarnings("ignore")
def test_features_ignore_everything_after_the_cutoff(demo_dir: Path) -> None:
    frames = {n: pd.read_parquet(demo_dir / "data" / f"{n}.parquet") for n in NAMES}
    before = _features(demo_dir, {n: f.copy() for n, f in frames.items()})
    after = pd.Timestamp(day_begins_utc(CUTOFF + timedelta(days=1), "Europe/Amsterdam"))
    _rewrite_the_future(frames, after)
    changed = _features(demo_dir, frames)
    assert len(before) > 300
    assert {"p_alive", "open_rate_90", "renewals", "latest_nps", "active_days_28"} <= set(before)
    pd.testing.assert_frame_equal(before, changed, check_exact=False, rtol=1e-9)

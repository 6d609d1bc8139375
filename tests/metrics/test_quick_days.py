"""Local days by integer arithmetic give exactly the dates of the time-zone conversion."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import ibis
import pandas as pd
import pytest

from loyalist.metrics.periods import local_date
from loyalist.metrics.quick_days import offset_changes, quick_local_date

UTC_TS = "timestamp('UTC')"


def test_amsterdam_offsets_by_hand() -> None:
    # EU rules: summer time from 01:00 UTC on the last Sunday of March (31 March 2024) to
    # 01:00 UTC on the last Sunday of October (27 October 2024); +1 h in winter, +2 h in summer.
    changes = offset_changes("Europe/Amsterdam", date(2024, 1, 1), date(2024, 12, 31))
    assert changes == [
        (datetime(2024, 1, 1, tzinfo=UTC), 3600),
        (datetime(2024, 3, 31, 1, tzinfo=UTC), 7200),
        (datetime(2024, 10, 27, 1, tzinfo=UTC), 3600),
    ]


def test_a_zone_without_changes_has_one_offset() -> None:
    assert offset_changes("Asia/Kathmandu", date(2020, 1, 1), date(2024, 1, 1)) == [
        (datetime(2020, 1, 1, tzinfo=UTC), 5 * 3600 + 45 * 60)
    ]


def _instants() -> list[datetime]:
    """Around every hour boundary near the 2024 changes and local midnights of many zones."""
    days = [date(2024, m, d) for m, d in [(1, 1), (3, 10), (3, 31), (4, 7), (10, 6), (10, 27)]]
    days += [date(2024, 11, 3), date(2024, 2, 29), date(2023, 12, 31)]
    out = []
    for day in days:
        start = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=14)
        for minutes in range(0, 40 * 60, 15):
            at = start + timedelta(minutes=minutes)
            out += [at - timedelta(seconds=1), at]
    return out


@pytest.mark.parametrize(
    "tz",
    ["Europe/Amsterdam", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"],
)
def test_the_same_dates_as_the_exact_conversion(tz: str) -> None:
    table = ibis.memtable({"at": _instants()}, schema={"at": UTC_TS})
    quick = quick_local_date(table.at, tz, date(2024, 1, 1), date(2024, 12, 31))
    exact = local_date(table.at, tz)
    frame = table.select(quick=quick, exact=exact).execute()
    assert len(frame) == 2 * 160 * 9
    assert (frame.quick == frame.exact).all()


def test_outside_the_span_the_exact_conversion_is_used() -> None:
    # 2030-07-01 22:30 UTC is 2 July 00:30 in Amsterdam (summer time), far past the span.
    at = ibis.literal(datetime(2030, 7, 1, 22, 30, tzinfo=UTC), type=UTC_TS)
    day = quick_local_date(at, "Europe/Amsterdam", date(2024, 1, 1), date(2024, 12, 31))
    assert pd.Timestamp(day.execute()).date() == date(2030, 7, 2)
    assert "TIMEZONE" in ibis.to_sql(ibis.memtable({"a": [1]}).select(d=day), dialect="duckdb")

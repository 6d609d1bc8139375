"""Derived groupings (age band, ladder rung, RFM segment) and metrics split by them."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from loyalist.errors import ConfigError
from loyalist.segments.groups import segment_order, segment_table

AS_OF = date(2024, 6, 30)


def _customers(born: dict[str, str | None]) -> pd.DataFrame:
    # Naive dates: read as local midnight in the business time zone, stored in UTC.
    return pd.DataFrame(
        {
            "customer_id": list(born),
            "birth_date": pd.to_datetime(list(born.values())),
            "country": ["NL"] * len(born),
        }
    )


BORN = {
    "u17": "2006-07-01",  # turns 18 the day after the date: 17
    "a18": "2006-06-30",  # 18th birthday on the date
    "a34": "1989-07-01",  # 34 (35 the next day)
    "a35": "1989-06-30",
    "a64": "1959-07-01",
    "a65": "1959-06-30",
    "none": None,
}
BANDS = {
    "u17": "under 18",
    "a18": "18-24",
    "a34": "25-34",
    "a35": "35-44",
    "a64": "55-64",
    "a65": "65+",
    "none": "no birth date",
}


@pytest.mark.parametrize("tz", ["UTC", "Europe/Amsterdam"])
def test_age_bands_on_birthdays(build, tz: str) -> None:
    # In Amsterdam a birth date is stored as 22:00 UTC the day before: still the same band.
    base = build([("u17", "2024-01-01 10:00")], customers=_customers(BORN), tz=tz)
    table = segment_table(base, "age_band", AS_OF).execute()
    got = table.set_index("customer_id").segment.fillna("no birth date").to_dict()
    assert got == BANDS


def test_metric_split_by_age_band_ladder_rung_and_rfm_segment(build) -> None:
    orders = [
        ("a18", "2024-06-01 10:00", 30),
        ("a18", "2024-06-20 10:00", 50),
        ("a65", "2024-06-05 10:00", 100),
        ("stranger", "2024-06-07 10:00", 7),  # not in customers: unknown
    ]
    base = build(orders, customers=_customers(BORN))
    kwargs = {"period": None, "start": date(2024, 6, 1), "end": AS_OF}
    by_age = base.metrics(["revenue"], by="age_band", **kwargs).set_index("segment")
    assert by_age.value.to_dict() == {"18-24": 80.0, "65+": 100.0, "unknown": 7.0}
    # As of 2024-06-30: a18 retained (2 orders), a65 and stranger one_time.
    by_rung = base.metrics(["revenue"], by="ladder_rung", **kwargs).set_index("segment")
    assert by_rung.value.to_dict() == {"one_time": 107.0, "retained": 80.0}
    by_rfm = base.metrics(["revenue"], by="rfm_segment", **kwargs)
    assert by_rfm.value.sum() == 187.0 and "unknown" not in set(by_rfm.segment)


def test_a_derived_grouping_works_without_a_customers_table(build) -> None:
    base = build([("a", "2024-06-01 10:00"), ("a", "2024-06-02 10:00"), ("b", "2024-06-03")])
    result = base.metrics(["revenue"], period=None, by="ladder_rung").set_index("segment")
    assert result.value.to_dict() == {"one_time": 10.0, "retained": 20.0}


def test_unknown_columns_list_the_derived_groupings_too(build) -> None:
    base = build([("a", "2024-06-01 10:00")], customers=_customers({"a": "1990-01-01"}))
    with pytest.raises(ConfigError, match=r"no such column.*country.*age_band.*rfm_segment"):
        base.metrics(["revenue"], by="shoe_size")
    without = build([("a", "2024-06-01 10:00")])
    with pytest.raises(ConfigError, match=r"no customers table.*ladder_rung"):
        without.metrics(["revenue"], by="country")
    with pytest.raises(ConfigError, match="birth_date"):
        without.metrics(["revenue"], by="age_band")


def test_groups_are_listed_in_a_natural_order() -> None:
    assert segment_order("age_band", ["65+", "unknown", "18-24", "under 18"]) == [
        "under 18",
        "18-24",
        "65+",
        "unknown",
    ]
    assert segment_order("rfm_segment", ["Lost", "Champions", "New"]) == [
        "Champions",
        "New",
        "Lost",
    ]
    assert segment_order("country", ["NL", "unknown", "BE"]) == ["BE", "NL", "unknown"]

"""A month's active days as bits: counting and masking them gives the days themselves."""

from __future__ import annotations

from datetime import date, timedelta

import ibis
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalist.metrics import day_bits

MONTH_BITS = st.integers(min_value=0, max_value=day_bits.WHOLE_MONTH)


@settings(max_examples=25, deadline=None)
@given(st.lists(MONTH_BITS, min_size=1, max_size=50))
def test_both_counts_give_the_number_of_set_bits(values: list[int]) -> None:
    table = ibis.memtable({"bits": [*values, 0, day_bits.WHOLE_MONTH]}, schema={"bits": "int32"})
    out = table.select(
        "bits", portable=day_bits.popcount(table.bits), native=day_bits.native_popcount(table.bits)
    ).execute()
    expected = [bin(v).count("1") for v in out.bits]
    assert out.portable.tolist() == expected  # 0 for no day, 31 for every day
    assert out.native.tolist() == expected


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=day_bits.WHOLE_MONTH))
def test_first_day_is_the_lowest_set_bit(bits: int) -> None:
    first = day_bits.first_day(ibis.date(2024, 3, 1), ibis.literal(bits, type="int32")).execute()
    lowest = (bits & -bits).bit_length()  # 1 for bit 0: the 1st of the month
    assert str(first)[:10] == str(date(2024, 3, lowest))


def test_masks_split_a_key_at_month_ends() -> None:
    # A week from Monday 29 January to Sunday 4 February 2024: 29-31 January, 1-4 February.
    week = [("w", date(2024, 1, 29) + timedelta(days=d)) for d in range(7)]
    found = day_bits.masks(week)
    assert found == {
        (date(2024, 1, 1), "w"): (1 << 28) | (1 << 29) | (1 << 30),
        (date(2024, 2, 1), "w"): 0b1111,
    }
    assert sum(bin(m).count("1") for m in found.values()) == 7


def test_each_day_sets_its_own_bit() -> None:
    days = [date(2024, 2, 1), date(2024, 2, 29), date(2024, 3, 31)]
    table = ibis.memtable({"day": days})
    assert table.select(b=day_bits.bit(table.day)).b.execute().tolist() == [1, 1 << 28, 1 << 30]

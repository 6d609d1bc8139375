"""RFM scores and segments on hand-made customers; every expected number worked out below.

Scores: ``⌊5 × (worse + ½ equal) ÷ n⌋ + 1`` = ``(5 × (2·worse + equal)) // (2n) + 1``.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

import ibis
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalist.segments import rfm_rules
from loyalist.segments.rfm import COLUMNS, quintile_score, rfm_scores
from loyalist.segments.rfm_rules import GRID, SEGMENTS, grid_cells, segment_expr, segment_of

AS_OF = date(2024, 6, 30)

# as of 2024-06-30:   recency  frequency  monetary (mean)
# a: 06-30, 06-20, 05-01   0      3         100  (a refunded 1000 does not count)
# b: 06-25, 06-01          5      2          50
# c: 06-20                10      1          80
# d: 03-01               121      1          10  (Mar 30 + Apr 30 + May 31 + Jun 30 days)
# e: 2023-06-30 … 09-30  274      4         200  (2023-09-30 → 2024-06-30)
# f: only refunded; g: first order after the date -> no row.
ORDERS = [
    ("a", "2024-06-30 09:00", 100),
    ("a", "2024-06-20 09:00", 100),
    ("a", "2024-05-01 09:00", 100),
    ("a", "2024-06-10 09:00", 1000, "refunded"),
    ("b", "2024-06-25 09:00", 50),
    ("b", "2024-06-01 09:00", 50),
    ("c", "2024-06-20 09:00", 80),
    ("d", "2024-03-01 09:00", 10),
    ("e", "2023-06-30 09:00", 200),
    ("e", "2023-07-30 09:00", 200),
    ("e", "2023-08-30 09:00", 200),
    ("e", "2023-09-30 09:00", 200),
    ("f", "2024-06-01 09:00", 30, "refunded"),
    ("g", "2024-07-01 09:00", 30),
]


def test_values_scores_and_segments(build) -> None:
    scores = rfm_scores(build(ORDERS), AS_OF).execute().set_index("customer_id").sort_index()
    assert list(scores.reset_index().columns) == list(COLUMNS)
    assert scores.index.tolist() == ["a", "b", "c", "d", "e"]
    assert scores.recency_days.tolist() == [0, 5, 10, 121, 274]
    assert scores.frequency.tolist() == [3, 2, 1, 1, 4]
    assert scores.monetary.tolist() == [100.0, 50.0, 80.0, 10.0, 200.0]
    # R (fewer days is better): worse = 4, 3, 2, 1, 0 -> 45//10+1=5, 35//10+1=4, 3, 2, 1.
    assert scores.r_score.tolist() == [5, 4, 3, 2, 1]
    # F: c and d tie at 1 order: worse 0, equal 2 -> 10//10+1 = 2 both; b: 25//10+1 = 3;
    # a: 35//10+1 = 4; e: 45//10+1 = 5.
    assert scores.f_score.tolist() == [4, 3, 2, 2, 5]
    # M: d 10 < b 50 < c 80 < a 100 < e 200.
    assert scores.m_score.tolist() == [4, 2, 3, 1, 5]
    # FM = (F + M) // 2: a 4, b 2, c 2, d 1, e 5.
    assert scores.rfm_segment.tolist() == [
        "Champions",  # R5 FM4
        "Promising",  # R4 FM2
        "About to sleep",  # R3 FM2
        "Hibernating",  # R2 FM1
        "Cannot lose them",  # R1 FM5
    ]


def test_a_single_customer_and_all_ties_score_in_the_middle(build) -> None:
    # One customer: worse 0, equal 1, n 1 -> 5 // 2 + 1 = 3 on all three; R3 FM3.
    one = rfm_scores(build([("a", "2024-06-01 10:00", 25)]), AS_OF).execute()
    assert one[["r_score", "f_score", "m_score"]].iloc[0].tolist() == [3, 3, 3]
    assert one.rfm_segment.tolist() == ["Need attention"]
    # Three identical customers: worse 0, equal 3, n 3 -> 15 // 6 + 1 = 3 for everyone.
    same = [(c, "2024-06-01 10:00", 25) for c in "xyz"]
    scores = rfm_scores(build(same), AS_OF).execute()
    assert set(scores.r_score) == set(scores.f_score) == set(scores.m_score) == {3}


def test_ten_distinct_values_fall_into_exact_quintiles() -> None:
    # worse = i, equal 1, n 10: (5 (2i + 1)) // 20 + 1 -> 1 1 2 2 3 3 4 4 5 5.
    t = ibis.memtable({"v": list(range(10))})
    got = t.select("v", s=quintile_score(t.v)).execute().sort_values("v").s.tolist()
    assert got == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    low = t.select("v", s=quintile_score(t.v, higher_is_better=False)).execute()
    assert low.sort_values("v").s.tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=30))
def test_equal_values_share_a_score_and_better_never_scores_lower(values: list[int]) -> None:
    t = ibis.memtable({"v": values})
    scored = t.select("v", s=quintile_score(t.v)).execute()
    assert scored.groupby("v").s.nunique().max() == 1
    by_value = scored.groupby("v").s.first().sort_index()
    assert by_value.is_monotonic_increasing
    assert by_value.between(1, 5).all()


def test_every_score_combination_maps_to_exactly_one_segment() -> None:
    cells = grid_cells()
    assert len(GRID) == 5 and all(len(row) == 5 for row in GRID)
    assert set(cells) == set(itertools.product(range(1, 6), range(1, 6)))
    names = {segment_of(r, f, m) for r, f, m in itertools.product(range(1, 6), repeat=3)}
    assert names == set(SEGMENTS) and len(SEGMENTS) == 11
    # The engine expression agrees with the Python lookup on all 125 combinations.
    combos = pd.DataFrame(list(itertools.product(range(1, 6), repeat=3)), columns=["r", "f", "m"])
    t = ibis.memtable(combos)
    got = t.select("r", "f", "m", s=segment_expr(t.r, t.f, t.m)).execute()
    expected = [segment_of(r, f, m) for r, f, m in zip(got.r, got.f, got.m, strict=True)]
    assert got.s.tolist() == expected


def test_the_documented_grid_is_the_grid_in_use() -> None:
    drawing = [line for line in rfm_rules.__doc__.splitlines() if re.match(r"\s+FM \d \|", line)]
    names = sorted(SEGMENTS, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names))
    assert [tuple(pattern.findall(line)) for line in drawing] == list(GRID)

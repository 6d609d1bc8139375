"""Comparing a metric across groups: clearly different groups are flagged, identical ones not."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from scipy import stats

from loyalist.errors import ConfigError
from loyalist.segments.compare import compare_segments
from loyalist.segments.significance import holm

START, END = date(2024, 1, 1), date(2024, 12, 31)


def _customers(groups: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(c, g) for g, members in groups.items() for c in members]
    return pd.DataFrame(rows, columns=["customer_id", "country"])


def _survey(build, survey: str, scores: dict[str, list[float]]):
    """One answer per customer; country = the group's key; customer ids like ``A17``."""
    ids = {g: [f"{g}{i}" for i in range(len(s))] for g, s in scores.items()}
    answers = [
        (c, "2024-05-01 10:00", survey, score)
        for g, s in scores.items()
        for c, score in zip(ids[g], s, strict=True)
    ]
    return build([("A0", "2024-05-01 10:00")], responses=answers, customers=_customers(ids))


def test_shares_two_clearly_different_groups_are_flagged_two_identical_not(build) -> None:
    # CSAT (4-5 of 5) of 100 answers each: A 90 %, B 30 %, C 50 %, D 50 %.
    scores = {
        "A": [5] * 90 + [2] * 10,
        "B": [4] * 30 + [1] * 70,
        "C": [5] * 50 + [1] * 50,
        "D": [4] * 50 + [2] * 50,
    }
    result = compare_segments(_survey(build, "csat", scores), "csat", "country", START, END)
    assert result.segment.tolist() == ["A", "B", "C", "D"]
    assert result.value.tolist() == [0.9, 0.3, 0.5, 0.5]
    pairs = result.attrs["pairs"].set_index(["segment_a", "segment_b"])
    # A vs B: pooled 0.6, z = 0.6 / √(0.6 × 0.4 × (1/100 + 1/100)) = 8.660.
    assert pairs.at[("A", "B"), "p_value"] == pytest.approx(2 * stats.norm.sf(8.660254), rel=1e-5)
    # B vs C: pooled 0.4, z = 0.2 / √(0.4 × 0.6 × 0.02) = 2.887, p = 0.00389; Holm: it ranks
    # 4th of 6 (after A-B, A-C, A-D), so × 3 = 0.0117 < 0.05.
    assert pairs.at[("B", "C"), "p_value"] == pytest.approx(2 * stats.norm.sf(2.886751), rel=1e-5)
    assert pairs.at[("B", "C"), "p_adjusted"] == pytest.approx(3 * pairs.at[("B", "C"), "p_value"])
    assert pairs.at[("C", "D"), "p_value"] == 1.0
    assert pairs.differs.to_dict() == {
        ("A", "B"): True,
        ("A", "C"): True,
        ("A", "D"): True,
        ("B", "C"): True,
        ("B", "D"): True,
        ("C", "D"): False,
    }
    assert result.differs.tolist() == [True, True, True, True]  # C and D differ from A


def test_two_identical_groups_are_not_flagged(build) -> None:
    scores = {"C": [5] * 50 + [1] * 50, "D": [4] * 50 + [2] * 50}
    result = compare_segments(_survey(build, "csat", scores), "csat", "country", START, END)
    assert result.differs.tolist() == [False, False]
    assert result.attrs["pairs"].p_adjusted.tolist() == [1.0]


def test_nps_uses_its_standard_error(build) -> None:
    # X: 10 promoters, 10 passives -> NPS 50; Y: 10 detractors, 10 passives -> NPS -50;
    # Z: like X. se(X) = 100 √((0.5 + 0 − 0.25) / 20) = 11.18, the same for Y;
    # z = 100 / √(2 × 125) = 6.325.
    scores = {"X": [10] * 10 + [8] * 10, "Y": [3] * 10 + [7] * 10, "Z": [9] * 10 + [7] * 10}
    result = compare_segments(_survey(build, "nps", scores), "nps", "country", START, END)
    assert result.value.tolist() == [50.0, -50.0, 50.0]
    pairs = result.attrs["pairs"].set_index(["segment_a", "segment_b"])
    assert pairs.at[("X", "Y"), "p_value"] == pytest.approx(2 * stats.norm.sf(6.324555), rel=1e-5)
    assert pairs.at[("X", "Z"), "p_value"] == 1.0 and not pairs.at[("X", "Z"), "differs"]
    assert result.attrs["test"] == "nps"


def _orders(amounts: dict[str, list[float]]) -> list[tuple[str, str, float]]:
    """One customer per group (``P1``, ``Q1``), one order a day from 1 March 2024."""
    return [
        (f"{g}1", f"2024-03-{i + 1:02d} 10:00", a)
        for g, v in amounts.items()
        for i, a in enumerate(v)
    ]


def test_means_use_welch(build) -> None:
    # Average order value: P 12 orders 10..120 (mean 65), Q 15 orders 40..180 (mean 110).
    # Welch's test on the raw amounts gives the same p-value as the one read off the engine's
    # intervals (mean ± 1.96 sd / √n).
    amounts = {"P": [10.0 * k for k in range(1, 13)], "Q": [30.0 + 10 * k for k in range(1, 16)]}
    base = build(_orders(amounts), customers=_customers({"P": ["P1"], "Q": ["Q1"]}))
    result = compare_segments(base, "average_order_value", "country", START, END)
    expected = stats.ttest_ind(amounts["P"], amounts["Q"], equal_var=False).pvalue
    assert result.attrs["pairs"].p_value.iloc[0] == pytest.approx(expected, rel=1e-6)
    assert result.attrs["test"] == "welch" and result.differs.all()


def test_groups_too_small_to_test_are_not_flagged(build) -> None:
    # 9 orders of 10 against 9 of 1000: plainly different, but 9 < 10 observations each.
    amounts = {"P": [10.0] * 8 + [11.0], "Q": [1000.0] * 8 + [1001.0]}
    base = build(_orders(amounts), customers=_customers({"P": ["P1"], "Q": ["Q1"]}))
    result = compare_segments(base, "average_order_value", "country", START, END)
    assert result.attrs["pairs"].p_value.isna().all() and not result.differs.any()


def test_totals_are_not_tested(build) -> None:
    base = build(
        [("P1", "2024-02-01 10:00", 10), ("Q1", "2024-02-01 10:00", 1000)],
        customers=_customers({"P": ["P1"], "Q": ["Q1"]}),
    )
    result = compare_segments(base, "revenue", "country", START, END)
    assert result.attrs["pairs"].p_value.isna().all() and not result.differs.any()


def test_bad_requests_say_what_to_do(build) -> None:
    base = build([("a", "2024-02-01 10:00")])
    with pytest.raises(ConfigError, match="Did you mean nps"):
        compare_segments(base, "npss", "ladder_rung")
    with pytest.raises(ConfigError, match="needs the responses table"):
        compare_segments(base, "nps", "ladder_rung")
    with pytest.raises(ConfigError, match="wider range"):
        compare_segments(base, "average_order_value", "ladder_rung", START, date(2024, 1, 31))


def test_holm_keeps_the_order_and_caps_at_one() -> None:
    # Sorted: 0.001 × 4 = 0.004, 0.01 × 3 = 0.03, 0.02 × 2 = 0.04, 0.9 × 1 = 0.9.
    assert holm([0.02, 0.9, 0.001, 0.01]) == pytest.approx([0.04, 0.9, 0.004, 0.03])
    assert holm([0.6, 0.7]) == pytest.approx([1.0, 1.0])

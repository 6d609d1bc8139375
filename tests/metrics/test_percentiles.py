"""Percentile ranks from histograms: ties share the middle rank, NULLs are left out."""

from __future__ import annotations

import ibis

from loyalist.metrics.percentiles import with_percentiles


def test_ranks_within_groups_by_hand() -> None:
    table = ibis.memtable(
        {
            "row": [1, 2, 3, 4, 5, 6],
            "period": ["jan", "jan", "jan", "jan", "feb", "feb"],
            "days": [3.0, 1.0, 3.0, None, 7.0, 7.0],
            "score": [1.0, 2.0, 3.0, 4.0, None, 5.0],
        }
    )
    ranked = with_percentiles(table, ["days", "score"], lambda t, c: t[c], ["period"])
    frame = ranked.order_by("row").execute()
    # jan days 1, 3, 3 (NULL left out, n = 3): 1 -> 50 × (0 + 1/3) = 16.67;
    # 3 -> 50 × (1/3 + 3/3) = 66.67. feb days 7, 7: both 50 × (0 + 1) = 50.
    assert frame.days_rank.round(2).tolist()[:3] == [66.67, 16.67, 66.67]
    assert frame.days_rank.isna().tolist() == [False, False, False, True, False, False]
    assert frame.days_rank.tolist()[4:] == [50.0, 50.0]
    # jan scores 1, 2, 3, 4 (n = 4): 12.5, 37.5, 62.5, 87.5; feb: one score -> 50.
    assert frame.score_rank.tolist()[:4] == [12.5, 37.5, 62.5, 87.5]
    assert frame.score_rank.isna().tolist()[4] and frame.score_rank.tolist()[5] == 50.0
    assert list(frame.columns) == ["row", "period", "days", "score", "days_rank", "score_rank"]


def test_pooled_ranks_over_every_row() -> None:
    table = ibis.memtable({"row": [1, 2, 3, 4], "v": [10.0, 20.0, 20.0, 40.0]})
    frame = with_percentiles(table, ["v"], lambda t, c: -t[c]).order_by("row").execute()
    # Reversed (fewer is better): -40 < -20 = -20 < -10 -> 87.5, 50, 50, 12.5.
    assert frame.v_rank.tolist() == [87.5, 50.0, 50.0, 12.5]

"""The report file: self-contained, small, one PNG per chart; and the report's own queries."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.config import Config
from loyalist.errors import ConfigError
from loyalist.report.build import write_report
from loyalist.report.queries import campaign_rates, engagement_bins, survey_reasons

SPEC = re.compile(r'<script type="application/json" id="(spec-[^"]+)">(.*?)</script>', re.S)


def specs(report: Path) -> dict[str, dict]:
    return {key: json.loads(body) for key, body in SPEC.findall(report.read_text())}


def test_demo_report_is_small_and_self_contained(demo_report: Path) -> None:
    html = demo_report.read_text()
    assert demo_report.stat().st_size < 5_000_000
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", html, flags=re.S)
    assert "<link" not in markup and "@import" not in markup and "url(" not in markup
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", markup)  # nothing from a URL
    assert "window.vegaEmbed" in html  # the Vega bundle is inline
    found = specs(demo_report)
    assert len(found) == html.count('data-spec="')
    for key, spec in found.items():
        assert "url" not in json.dumps(spec.get("data", {})), key
        for rows in spec.get("datasets", {}).values():
            # aggregated before charting: a cohort grid is the largest table (25 x 25)
            assert len(rows) <= 700, (key, len(rows))


def test_report_size_does_not_grow_with_customers(demo_report: Path, cdnow_report: Path) -> None:
    # orders only, about as many customers: a smaller file (fewer sections have data); the
    # Vega bundle (about 0.9 MB) is most of both
    assert cdnow_report.stat().st_size < demo_report.stat().st_size < 3_000_000


def test_png_per_chart(cdnow_base: CustomerBase, tmp_path: Path) -> None:
    report = write_report(cdnow_base, tmp_path / "r.html", period="quarter", png_dir=tmp_path)
    pngs = sorted(tmp_path.glob("*.png"))
    assert len(pngs) == len(specs(report))
    assert {p.name for p in pngs} >= {"retention_cohorts_on.png", "summary_headline_retention.png"}
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in pngs)


def test_bad_dates_and_periods_are_clear_errors(cdnow_base: CustomerBase, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"ends .* before it starts"):
        write_report(cdnow_base, tmp_path / "r.html", start="1998-01-01", end="1997-01-01")
    with pytest.raises(ConfigError, match="not a date"):
        write_report(cdnow_base, tmp_path / "r.html", start="1 Jan 1998")
    with pytest.raises(ConfigError, match="period must be one of"):
        write_report(cdnow_base, tmp_path / "r.html", period="fortnight")


# -- the report's queries on hand-made rows --------------------------------------------------
ORDERS = pd.DataFrame(
    {"order_id": ["1"], "customer_id": ["a"], "ordered_at": ["2024-01-02"], "amount": [1.0]}
)


def test_exit_reasons_counted_in_the_local_range() -> None:
    # Amsterdam: 2024-01-31 23:30 UTC is 1 February locally, so it falls outside January
    responses = pd.DataFrame(
        {"customer_id": list("abcde"), "survey": ["exit"] * 4 + ["nps"],
         "responded_at": ["2024-01-02", "2024-01-03", "2024-01-10", "2024-01-31 23:30:00+00:00",
                          "2024-01-05"],
         "reason": ["price", "price", "service", "price", None], "score": [None] * 4 + [9.0]}
    )  # fmt: skip
    config = {"business": {"timezone": "Europe/Amsterdam"}}
    base = CustomerBase.from_frames(Config.from_dict(config), orders=ORDERS, responses=responses)
    got = survey_reasons(base, "exit", date(2024, 1, 1), date(2024, 1, 31)).execute()
    # January: price twice, service once (the late-night answer and the NPS answer are out)
    assert got.reason.tolist() == ["price", "service"]
    assert got.answers.tolist() == [2, 1]
    assert got.share.tolist() == pytest.approx([2 / 3, 1 / 3])


def test_campaign_rates() -> None:
    # sale: 3 delivered (one undelivered left out), 2 opened (one of them only clicked), 1 click
    messages = pd.DataFrame(
        {"message_id": list("mnop"), "customer_id": list("abcd"),
         "sent_at": ["2024-01-05"] * 4, "campaign": ["sale"] * 4,
         "delivered": [True, True, True, False],
         "opened_at": ["2024-01-05", None, None, "2024-01-06"],
         "clicked_at": [None, "2024-01-06", None, "2024-01-06"]}
    )  # fmt: skip
    base = CustomerBase.from_frames(orders=ORDERS, messages=messages)
    got = campaign_rates(base, date(2024, 1, 1), date(2024, 1, 31)).execute().iloc[0]
    assert (got.delivered, got.opened, got.clicked) == (3, 2, 1)
    assert got.open_rate == pytest.approx(2 / 3) and got.click_to_open_rate == 0.5


def test_engagement_bins_cover_the_customers_on_the_books() -> None:
    # a bought twice, b once: on 31 Jan both are on the books. a ranks higher on orders (2 vs
    # 1) and on recency (1 vs 20 days): 75 on each signal, b 25 -> bands [70, 80) and [20, 30)
    orders = pd.DataFrame(
        {"order_id": ["1", "2", "3"], "customer_id": ["a", "a", "b"],
         "ordered_at": ["2024-01-02", "2024-01-30", "2024-01-11"], "amount": [1.0, 1.0, 1.0]}
    )  # fmt: skip
    base = CustomerBase.from_frames(orders=orders)
    got = engagement_bins(base, date(2024, 1, 31), width=10).execute()
    assert got.values.tolist() == [[20, 30, 1], [70, 80, 1]]

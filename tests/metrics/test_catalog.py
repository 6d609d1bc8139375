"""The catalog: every metric declared once, complete, and documented in docs/metrics.md."""

from __future__ import annotations

from pathlib import Path

from loyalist.data.schema import TABLES
from loyalist.metrics.catalog import CATALOG, as_markdown, by_family
from loyalist.metrics.spec import FAMILIES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"
REQUIRED = {
    "customer_retention_rate",
    "churn_rate",
    "customer_growth",
    "repeat_purchase_rate",
    "returning_customer_rate",
    "renewal_rate",
    "net_revenue_retention",
    "gross_revenue_retention",
    "cohort_retention",
    "time_between_purchases",
    "dau",
    "wau",
    "mau",
    "dau_mau",
    "mau_yau",
    "session_duration",
    "stickiness_by_value",
    "nps",
    "promoter_share",
    "passive_share",
    "detractor_share",
    "csat",
    "referral_rate",
    "referred_share",
    "engagement_index",
    "open_rate",
    "click_through_rate",
    "click_to_open_rate",
    "revenue",
    "average_order_value",
    "purchase_frequency",
    "historical_clv",
}


def test_every_metric_of_the_design_is_in_the_catalog() -> None:
    assert set(CATALOG) >= REQUIRED
    assert any(name.startswith("power_users_") for name in CATALOG)  # L-ness
    assert any(name.startswith("lifecycle_") for name in CATALOG)


def test_entries_are_complete() -> None:
    for metric in CATALOG.values():
        assert metric.family in FAMILIES
        assert metric.definition.endswith(".") and len(metric.definition) > 20, metric.name
        assert metric.formula and metric.unit
        assert set(metric.needs) <= set(TABLES), metric.name


def test_every_family_has_metrics() -> None:
    assert all(by_family()[family] for family in FAMILIES)


def test_docs_page_is_generated_from_the_catalog() -> None:
    assert DOCS.read_text() == as_markdown(), "regenerate docs/metrics.md from as_markdown()"

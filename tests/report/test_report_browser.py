"""The report in headless Chromium: every chart drawn, nothing fetched, no console error.

Chromium comes from ``LOYALIST_TEST_CHROMIUM`` (``make test`` sets it) or else from
``scripts/chromium.sh``, which installs it when the machine has none. Screenshots of the
whole page and of each section are saved to ``artifacts/report/<report>/``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "report"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = ("file:", "data:", "blob:", "about:")


def chromium() -> str:
    path = os.environ.get("LOYALIST_TEST_CHROMIUM")
    if path:
        return path
    script = ROOT / "scripts" / "chromium.sh"
    return subprocess.run([str(script)], check=True, capture_output=True, text=True).stdout.strip()


def open_report(report: Path, name: str) -> dict:
    """Open ``report`` in Chromium, wait for the charts, save screenshots, return what happened."""
    folder = SHOTS / name
    folder.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(report.as_uri())
            page.wait_for_function("document.body.dataset.charts !== undefined", timeout=90_000)
            found = page.evaluate(
                """() => {
                    const all = [...document.querySelectorAll("[data-spec]")];
                    const drawn = all.filter(el => {
                        const svg = el.querySelector("svg");
                        const canvas = el.querySelector("canvas");
                        const box = (svg || canvas)?.getBoundingClientRect();
                        return box && box.width > 0 && box.height > 0
                            && (canvas || svg.querySelectorAll("path, rect, text").length > 0);
                    });
                    return {
                        containers: all.length,
                        drawn: drawn.length,
                        failed: all.filter(el => !drawn.includes(el)).map(el => el.id),
                        sections: [...document.querySelectorAll("section.report")].map(s => s.id),
                        notes: [...document.querySelectorAll("p.note.missing")]
                            .map(n => n.textContent),
                        toc: [...document.querySelectorAll("nav.toc a")]
                            .map(a => a.getAttribute("href")),
                    };
                }"""
            )
            page.screenshot(path=str(folder / "full.png"), full_page=True)
            for section in page.query_selector_all("section.report"):
                section.screenshot(path=str(folder / f"{section.get_attribute('id')}.png"))
        finally:
            browser.close()
    return found | {"requests": requests, "errors": errors, "folder": folder}


@pytest.fixture(scope="module")
def demo_page(demo_report: Path) -> dict:
    return open_report(demo_report, "demo")


@pytest.fixture(scope="module")
def cdnow_page(cdnow_report: Path) -> dict:
    return open_report(cdnow_report, "cdnow")


SECTIONS = ["summary", "retention", "stickiness", "loyalty", "segments", "value", "next",
            "definitions"]  # fmt: skip


@pytest.mark.parametrize("name", ["demo", "cdnow"])
def test_every_chart_renders_offline_without_errors(
    name: str, demo_page: dict, cdnow_page: dict
) -> None:
    page = demo_page if name == "demo" else cdnow_page
    assert page["containers"] > 0
    assert page["drawn"] == page["containers"], f"not drawn: {page['failed']}"
    leaving = [url for url in page["requests"] if not url.startswith(LOCAL)]
    assert leaving == []
    assert page["requests"][0].startswith("file:")  # the report itself was loaded
    assert page["errors"] == []
    assert page["sections"] == SECTIONS
    assert page["toc"] == [f"#{s}" for s in SECTIONS]
    shots = sorted(p.name for p in page["folder"].glob("*.png"))
    assert shots == sorted(["full.png", *(f"{s}.png" for s in SECTIONS)])


def test_demo_has_every_table_so_nothing_is_missing(demo_page: dict) -> None:
    assert demo_page["notes"] == []
    assert demo_page["containers"] >= 30  # three headlines and every section's charts


def test_cdnow_says_what_data_would_fill_the_gaps(cdnow_page: dict) -> None:
    said = " ".join(cdnow_page["notes"])
    for table in ("events", "responses", "subscriptions", "referrals", "messages"):
        assert f"[tables.{table}]" in said, table

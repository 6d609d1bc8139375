"""``write_report``: gather the result tables, build every section, write one HTML file.

The steps, each reported to ``progress``: the metrics (one ``base.metrics`` call), then one
step per section (Summary, Retention, Stickiness, Loyalty, Segments, Value and risk, What to
do next, Definitions), the page, and the PNG files when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from loyalist.dates import as_date
from loyalist.errors import ConfigError
from loyalist.report import charts
from loyalist.report.gather import ReportInputs
from loyalist.report.html import render
from loyalist.report.page import Section
from loyalist.report.sections import (
    definitions,
    loyalty,
    next_steps,
    retention,
    segments,
    stickiness,
    summary,
    value,
)

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

#: ``progress(step, done, total)``: called before each step with the steps done so far.
Progress = Callable[[str, int, int], None]

#: The sections in page order, with the words progress shows while each is built.
SECTIONS: tuple[tuple[str, Callable[[ReportInputs], Section]], ...] = (
    ("Summary", summary.build),
    ("Retention", retention.build),
    ("Stickiness", stickiness.build),
    ("Loyalty", loyalty.build),
    ("Segments", segments.build),
    ("Value and risk", value.build),
    ("What to do next", next_steps.build),
    ("Definitions", definitions.build),
)


def build_sections(
    inputs: ReportInputs, progress: Progress | None = None, offset: int = 1, total: int = 0
) -> list[Section]:
    """Every section of the report, in page order."""
    built = []
    total = total or offset + len(SECTIONS)
    for i, (name, build) in enumerate(SECTIONS):
        if progress:
            progress(name, offset + i, total)
            inputs.say = lambda message, n=name, i=i: progress(f"{n}: {message}", offset + i, total)
        built.append(build(inputs))
    return built


def write_report(
    base: CustomerBase,
    out: str | Path,
    start: date | str | None = None,
    end: date | str | None = None,
    period: str = "month",
    png_dir: str | Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the HTML report of a customer base; optionally every chart as PNG too.

    Parameters
    ----------
    base : CustomerBase
        Any subset of the tables: sections without their data say what would fill them.
    out : str or Path
        The HTML file to write (its folder is created).
    start, end : date or str, optional
        Local dates, inclusive (default: the first and last order day).
    period : {"day", "week", "month", "quarter", "year"}, default "month"
        The period of every trend.
    png_dir : str or Path, optional
        Folder for one PNG per chart (``<section>_<chart>.png``), for slides.
    progress : callable, optional
        ``progress(step, done, total)``, called before each step.

    Returns
    -------
    Path
        The HTML file.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> base = CustomerBase.from_config("demo/loyalist.toml")  # doctest: +SKIP
    >>> write_report(base, "report.html", period="month")  # doctest: +SKIP
    PosixPath('report.html')
    """
    out = Path(out)
    total = len(SECTIONS) + 2 + (png_dir is not None)
    if progress:
        progress("Metrics", 0, total)
    inputs = ReportInputs.collect(base, as_date(start, "start"), as_date(end, "end"), period)
    sections = build_sections(inputs, progress, 1, total)
    if progress:
        progress("Writing the page", len(SECTIONS) + 1, total)
    meta = {
        "title": f"{base.config.business.name}: loyalty report",
        "business": base.config.business.name,
        "period": inputs.period,
        "start": f"{inputs.start:%-d %b %Y}",
        "end": f"{inputs.end:%-d %b %Y}",
        "tables": {name: base.report.row_counts.get(name, 0) for name in base.tables},
    }
    page = render(sections, meta)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the report to {out}: {exc}") from exc
    if png_dir is not None:
        if progress:
            progress("PNG charts", len(SECTIONS) + 2, total)
        write_pngs(sections, Path(png_dir))
    return out


def write_pngs(sections: list[Section], folder: Path) -> list[Path]:
    """Every chart of the sections as ``<section>_<chart>.png`` in ``folder``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {folder}: {exc}") from exc
    return [
        charts.save_png(figure.chart, folder / f"{section.key}_{figure.key}.png")
        for section in sections
        for figure in section.figures
    ]

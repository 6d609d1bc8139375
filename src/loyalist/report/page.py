"""What a report page is made of: sections of blocks (figures, numbers, cards, notes).

Section builders fill a :class:`Section`; the HTML writer (:mod:`loyalist.report.html`)
renders each block by its ``kind``. Nothing here computes a number.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from loyalist.data.schema import TABLES
from loyalist.report.charts import Chart

Formatter = Callable[[Any], str]


@dataclass
class Numbers:
    """A small table of the numbers behind a chart, already written as text."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    note: str = ""
    kind: str = "numbers"

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        title: str,
        formats: Mapping[str, Formatter] | None = None,
        labels: Mapping[str, str] | None = None,
        note: str = "",
    ) -> Numbers:
        """Write ``frame`` as text: ``formats`` per column (default ``str``), ``labels`` as
        headers (default the column names).

        Examples
        --------
        >>> table = Numbers.from_frame(pd.DataFrame({"x": [0.5]}), "T", {"x": "{:.0%}".format})
        >>> table.rows, table.numeric
        ([['50%']], [True])
        """
        formats, labels = formats or {}, labels or {}
        columns = list(frame.columns)
        rows = [
            [_cell(value, formats.get(column)) for column, value in zip(columns, row, strict=True)]
            for row in frame.itertuples(index=False)
        ]
        numeric = [frame[c].dtype.kind in "fiu" for c in columns]
        return cls(title, [labels.get(c, c) for c in columns], rows, numeric, note)


def _cell(value: Any, formatter: Formatter | None) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return formatter(value) if formatter else str(value)


@dataclass
class Figure:
    """A chart with the numbers behind it."""

    key: str
    chart: Chart
    numbers: Numbers | None = None
    caption: str = ""
    kind: str = "figure"


@dataclass
class Card:
    """A headline: one metric of a family, its latest value, interval, trend and goal."""

    family: str
    label: str
    value: str = "–"
    period: str = ""
    interval: str = ""
    change: str = ""
    goal: str = ""
    on_track: bool | None = None
    chart: Figure | None = None
    span: str = ""
    hint: str = ""
    note: str = ""


@dataclass
class Cards:
    """Headline cards side by side."""

    cards: list[Card]
    kind: str = "cards"


@dataclass
class Note:
    """A sentence for the reader; ``missing`` notes say what data would fill a gap."""

    text: str
    missing: bool = False
    kind: str = "note"


@dataclass
class Section:
    """One section of the report: a title, an introduction and its blocks, in order."""

    key: str
    title: str
    intro: str
    blocks: list[Any] = field(default_factory=list)

    def add(self, *blocks: Any) -> Section:
        """Append blocks (``None`` is skipped); returns the section."""
        self.blocks.extend(b for b in blocks if b is not None)
        return self

    def figure(
        self,
        key: str,
        build: Callable[[], Chart],
        numbers: Callable[[], Numbers | None] | None = None,
        caption: str = "",
    ) -> Section:
        """Add the chart ``build()`` makes, or a note when its data is empty (ValueError)."""
        try:
            chart = build()
        except ValueError as exc:
            return self.add(Note(because(caption or key, exc)))
        return self.add(Figure(key, chart, numbers() if numbers else None, caption))

    @property
    def figures(self) -> list[Figure]:
        """Every chart of the section, headline sparklines included, in page order."""
        found: list[Figure] = []
        for block in self.blocks:
            if isinstance(block, Figure):
                found.append(block)
            elif isinstance(block, Cards):
                found += [c.chart for c in block.cards if c.chart is not None]
        return found


def because(what: str, error: Exception) -> str:
    """``what: the error's message.`` as one sentence.

    Examples
    --------
    >>> because("No holdout check", ValueError("too few repeat buyers."))
    'No holdout check: too few repeat buyers.'
    """
    return f"{what}: {str(error).strip().rstrip('.')}."


def missing(tables: Sequence[str], shows: str) -> Note:
    """A note saying which tables (with their required columns) would fill a gap.

    Examples
    --------
    >>> missing(["events"], "daily and monthly active customers").text
    'To see daily and monthly active customers, add an events table (customer_id, \
occurred_at) to loyalist.toml as [tables.events].'
    """
    parts = []
    for name in tables:
        article = "an" if name[0] in "aeiou" else "a"
        parts.append(f"{article} {name} table ({', '.join(TABLES[name].required)})")
    listed = " and ".join(parts)
    where = " and ".join(f"[tables.{n}]" for n in tables)
    return Note(f"To see {shows}, add {listed} to loyalist.toml as {where}.", missing=True)

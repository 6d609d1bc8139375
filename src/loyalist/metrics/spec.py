"""What a metric is (its catalog entry) and what a metric query asks for.

A metric is declared once: name, family, definition, formula, unit, direction, the tables it
needs, and a function that *builds* an Ibis expression from a :class:`Query` context. Building
and running are separate: nothing executes inside a metric function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from loyalist.metrics.context import Context

Family = Literal["stickiness", "retention", "loyalty", "engagement", "value"]
Unit = Literal["share", "count", "score", "money", "days", "seconds", "ratio", "index"]
Period = Literal["day", "week", "month", "quarter", "year"]
FAMILIES: tuple[Family, ...] = ("stickiness", "retention", "loyalty", "engagement", "value")
PERIODS: tuple[Period, ...] = ("day", "week", "month", "quarter", "year")

#: The columns of every metric result, in order.
RESULT_COLUMNS = (
    "metric",
    "period_start",
    "period_end",
    "segment",
    "value",
    "ci_low",
    "ci_high",
    "n",
)
#: The columns a metric's expression returns (the runner adds metric and period_end).
BUILT_COLUMNS = ("period_start", "segment", "value", "ci_low", "ci_high", "n")


@dataclass(frozen=True)
class Metric:
    """A catalog entry: everything about a metric except its numbers.

    ``smallest_period`` is the finest period the metric makes sense for (``mau`` needs
    months); ``None`` means any.
    """

    name: str
    family: Family
    definition: str
    formula: str
    unit: Unit
    higher_is_better: bool | None
    needs: tuple[str, ...]
    build: Callable[[Context], ir.Table]
    smallest_period: Period | None = None

    def missing_tables(self, available: set[str]) -> list[str]:
        """The tables this metric needs that the data does not have."""
        return [t for t in self.needs if t not in available]


@dataclass(frozen=True)
class Query:
    """What a user asks for: which periods, which segments, which dates (local, inclusive).

    ``period=None`` gives one row over the whole date range.
    """

    period: Period | None = "month"
    by: str | None = None
    start: date | None = None
    end: date | None = None

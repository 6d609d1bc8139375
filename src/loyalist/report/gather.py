"""What every section reads: the customer base, the dates, and the metrics computed once.

:meth:`ReportInputs.collect` resolves the date range and runs **one** ``base.metrics`` call
for every metric of the catalog the data allows; sections read their rows from it. Results
that several sections share (the CLV fit, the at-risk list, the cohort table) are computed
on first use and kept (:meth:`ReportInputs.once`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from loyalist.errors import ConfigError
from loyalist.metrics import periods
from loyalist.metrics.context import resolve
from loyalist.metrics.spec import PERIODS, Period, Query

if TYPE_CHECKING:
    from loyalist.base import CustomerBase

T = TypeVar("T")


@dataclass
class ReportInputs:
    """The customer base, the resolved date range and period, and the metrics table.

    Attributes
    ----------
    metrics : pandas.DataFrame
        ``base.metrics(None, period, start=start, end=end)``: every metric, tidy.
    skipped : dict
        Metric name -> why it was not computed (missing table, period too short).
    say : callable
        Long steps report what they are doing to it (the report's progress sets it).
    """

    base: CustomerBase
    start: date
    end: date
    period: Period
    metrics: pd.DataFrame
    skipped: dict[str, str] = field(default_factory=dict)
    say: Callable[[str], None] = field(default=lambda message: None, repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def collect(
        cls,
        base: CustomerBase,
        start: date | None = None,
        end: date | None = None,
        period: str = "month",
    ) -> ReportInputs:
        """Resolve the dates (default: first to last order day) and compute the metrics.

        Examples
        --------
        >>> from loyalist import CustomerBase
        >>> from loyalist.datasets import load_cdnow
        >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
        >>> inputs = ReportInputs.collect(base, period="quarter")
        >>> inputs.start, inputs.end, inputs.skipped["nps"]
        (datetime.date(1997, 1, 1), datetime.date(1998, 6, 30), 'needs the responses table')
        """
        if period not in PERIODS:
            raise ConfigError(
                f"the report's period must be one of {', '.join(PERIODS)}, not {period!r}"
            )
        ctx = resolve(base, Query(period, None, start, end))  # type: ignore[arg-type]
        metrics = base.metrics(None, period=period, start=ctx.start, end=ctx.end)
        skipped = dict(metrics.attrs.get("skipped", {}))
        return cls(base, ctx.start, ctx.end, period, metrics, skipped)  # type: ignore[arg-type]

    # -- reading the metrics ---------------------------------------------------------------
    def rows(self, name: str, segment: str | None = "all") -> pd.DataFrame:
        """The rows of one metric (of one segment; ``None``: every segment)."""
        frame = self.metrics[self.metrics["metric"] == name]
        if segment is not None:
            frame = frame[frame["segment"] == segment]
        return frame.reset_index(drop=True)

    def has(self, *names: str) -> bool:
        """True when every metric named has at least one row."""
        present = set(self.metrics["metric"])
        return all(name in present for name in names)

    def is_complete(self, start: date, end: date, period: str | None = None) -> bool:
        """True when the period (default: the report's) from ``start`` to ``end`` is whole:
        it starts inside the date range and is not cut short by its end."""
        natural_end = periods.following(start, period or self.period) - timedelta(days=1)  # type: ignore[arg-type]
        return start >= self.start and end >= natural_end

    def complete(self, name: str, segment: str | None = "all") -> pd.DataFrame:
        """The rows of one metric for complete periods only (no partial first or last)."""
        frame = self.rows(name, segment)
        pairs = zip(frame.period_start, frame.period_end, strict=True)
        keep = [self.is_complete(first, last) for first, last in pairs]
        return frame[pd.Series(keep, index=frame.index, dtype=bool)].reset_index(drop=True)

    @property
    def last_complete(self) -> date | None:
        """The first day of the last complete period of the range, if any."""
        starts = [
            first
            for first, last in periods.calendar(self.start, self.end, self.period)
            if self.is_complete(first, min(last, self.end))
        ]
        return starts[-1] if starts else None

    # -- shared results ----------------------------------------------------------------------
    def once(self, key: str, build: Callable[[], T]) -> T:
        """``build()`` the first time ``key`` is asked for, the same result afterwards."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    @property
    def currency(self) -> str:
        """The business currency (for labels)."""
        return self.base.config.business.currency

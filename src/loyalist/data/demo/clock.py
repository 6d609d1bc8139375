"""The demo's time axis: float days since the first day, seasonal profiles and time warps.

Every simulated instant is a float ``t`` = days since midnight UTC of ``Clock.start``; the data
covers ``0 <= t < Clock.days``. Seasonality is an hourly intensity (month x weekday x hour of day
x special days), turned into a time change so that homogeneous processes become seasonal ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

DAY_S = 86_400
"""Seconds in a day."""

#: Relative intensity per UTC hour of day, shaped for European shoppers (evening peak).
HOUR_UTC = np.array(
    [
        *(0.35, 0.2, 0.12, 0.1, 0.12, 0.25, 0.5, 0.8, 1.0, 1.1, 1.15, 1.2),
        *(1.2, 1.15, 1.1, 1.1, 1.15, 1.3, 1.5, 1.6, 1.5, 1.2, 0.8, 0.55),
    ]
)
#: Relative order intensity per month (January first): a November/December peak.
SHOP_MONTH = np.array([0.95, 0.85, 0.95, 0.95, 1.0, 0.95, 0.9, 0.9, 0.95, 1.0, 1.3, 1.45])
#: Relative order intensity per weekday (Monday first).
SHOP_WEEKDAY = np.array([1.05, 1.0, 1.0, 1.0, 0.95, 0.85, 1.15])
#: Relative app use per weekday (Monday first): more on weekends.
APP_WEEKDAY = np.array([0.9, 0.9, 0.92, 0.95, 1.0, 1.15, 1.2])
#: Relative app use per month: a little more around the holidays.
APP_MONTH = np.array([1.05, 0.95, 0.95, 0.95, 0.95, 0.9, 0.85, 0.85, 0.95, 1.0, 1.1, 1.2])


@dataclass(frozen=True)
class Clock:
    """The time axis of one demo: ``days`` whole days starting at midnight UTC of ``start``.

    Examples
    --------
    >>> clock = Clock.ending(dt.date(2025, 12, 31), years=1.0)
    >>> clock.start, clock.days
    (datetime.date(2025, 1, 1), 365)
    """

    start: dt.date
    days: int

    @classmethod
    def ending(cls, end: dt.date, years: float) -> Clock:
        """The clock whose last day is ``end``, spanning ``years`` years (at least 28 days)."""
        days = max(round(years * 365.25), 28)
        return cls(end + dt.timedelta(days=1 - days), days)

    @property
    def end(self) -> dt.date:
        """The last day of data."""
        return self.start + dt.timedelta(days=self.days - 1)

    @property
    def dates(self) -> np.ndarray:
        """The calendar date of each day, as ``datetime64[D]``."""
        return np.datetime64(self.start, "D") + np.arange(self.days)

    @property
    def weekday(self) -> np.ndarray:
        """Weekday of each day, 0 = Monday."""
        return (self.dates.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday

    @property
    def month(self) -> np.ndarray:
        """Month of each day, 0 = January."""
        return _month(self.dates)

    def shop_days(self) -> np.ndarray:
        """Relative order intensity of each day: month, weekday and the big shopping days."""
        dates = self.dates
        month, dom, weekday = _month(dates), _day_of_month(dates), self.weekday
        black_friday = _black_friday(dates)
        cyber_monday = _black_friday(dates - 3)
        holiday = ((month == 11) & (dom >= 24) & (dom <= 26)) | ((month == 0) & (dom == 1))
        special = np.where(black_friday, 3.0, 1.0) * np.where(cyber_monday, 2.0, 1.0)
        return SHOP_MONTH[month] * SHOP_WEEKDAY[weekday] * special * np.where(holiday, 0.6, 1.0)

    def app_days(self) -> np.ndarray:
        """Relative app use of each day."""
        return APP_MONTH[self.month] * APP_WEEKDAY[self.weekday]

    def add_months(self, t: np.ndarray, months: np.ndarray) -> np.ndarray:
        """Times ``t`` moved ``months`` calendar months on (same day of month, or the last one).

        Examples
        --------
        >>> clock = Clock(dt.date(2025, 1, 1), 365)
        >>> clock.add_months(np.array([30.5]), np.array([1])).tolist()  # Jan 31 -> Feb 28
        [58.5]
        """
        day = np.floor(t)
        origin = np.datetime64(self.start, "D")
        date = origin + day.astype(np.int64)
        month = date.astype("datetime64[M]")
        dom = (date - month.astype("datetime64[D]")).astype(np.int64)
        target = month + np.asarray(months, dtype=np.int64)
        length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
            np.int64
        )
        moved = target.astype("datetime64[D]") + np.minimum(dom, length - 1)
        return (moved - origin).astype(np.float64) + (t - day)

    def seconds(self, t: np.ndarray) -> np.ndarray:
        """Whole seconds since the start for times ``t`` (days), clipped into the data span."""
        s = np.floor(np.asarray(t, dtype=np.float64) * DAY_S)
        return np.clip(s, 0, self.days * DAY_S - 1).astype(np.int64)

    @property
    def origin_seconds(self) -> int:
        """Seconds from the Unix epoch to the start."""
        return (self.start - dt.date(1970, 1, 1)).days * DAY_S

    def micros(self, t: np.ndarray, clip: bool = True) -> np.ndarray:
        """Microseconds since the Unix epoch (UTC) for times ``t`` (days), to the second.

        With ``clip`` (the default) times are kept inside the data span; without it, due dates
        after the end and birth dates before the start pass through.
        """
        origin = self.origin_seconds
        if clip:
            seconds = self.seconds(t)
        else:
            seconds = np.floor(np.asarray(t, dtype=np.float64) * DAY_S).astype(np.int64)
        return (seconds + origin) * 1_000_000


def _month(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[M]").astype(np.int64) % 12


def _day_of_month(dates: np.ndarray) -> np.ndarray:
    return (dates - dates.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1


def _black_friday(dates: np.ndarray) -> np.ndarray:
    """Whether each date is Black Friday: the Friday after the fourth Thursday of November."""
    weekday = (dates.astype(np.int64) + 3) % 7
    dom = _day_of_month(dates)
    return (_month(dates) == 10) & (weekday == 4) & (dom >= 23) & (dom <= 29)


@dataclass(frozen=True)
class Warp:
    """A time change ``t -> m`` for a piecewise-constant hourly intensity.

    ``cum`` holds the cumulative intensity (in days) at every hour boundary; the intensity is
    scaled to average 1, so ``m`` and ``t`` advance at the same average pace. The inverse uses a
    lookup table on an even grid of ``m`` (a few array passes instead of a binary search).

    Examples
    --------
    >>> warp = Warp.hourly(np.ones(5), np.ones(24))
    >>> float(warp.inverse(warp.forward(np.array([2.5])))[0])
    2.5
    """

    cum: np.ndarray
    lookup: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        cells = 8 * (self.cum.size - 1)
        edges = np.linspace(0.0, self.total, cells + 1)[:-1]
        hour = np.searchsorted(self.cum, edges, side="right") - 1
        object.__setattr__(self, "lookup", np.clip(hour, 0, self.cum.size - 2))

    @classmethod
    def hourly(cls, days: np.ndarray, hours: np.ndarray = HOUR_UTC) -> Warp:
        """Build the warp of intensity ``days[d] * hours[h]`` for hour ``h`` of day ``d``."""
        weights = np.outer(days, hours).ravel()
        weights = weights / weights.mean()
        return cls(np.concatenate(([0.0], np.cumsum(weights) / 24)))

    @property
    def total(self) -> float:
        """Cumulative intensity over the whole span."""
        return float(self.cum[-1])

    def forward(self, t: np.ndarray) -> np.ndarray:
        """Cumulative intensity up to time ``t``."""
        hours = np.clip(np.asarray(t, dtype=np.float64) * 24, 0, self.cum.size - 1)
        i = np.minimum(hours.astype(np.int64), self.cum.size - 2)
        return self.cum[i] + (hours - i) * (self.cum[i + 1] - self.cum[i])

    def inverse(self, m: np.ndarray) -> np.ndarray:
        """The time at which the cumulative intensity reaches ``m``."""
        m = np.clip(np.asarray(m, dtype=np.float64), 0, self.total)
        cell = (m * (self.lookup.size / self.total)).astype(np.int64)
        i = self.lookup[np.minimum(cell, self.lookup.size - 1)]
        last = self.cum.size - 2
        behind = np.flatnonzero((m >= self.cum[i + 1]) & (i < last))
        while behind.size:
            i[behind] += 1
            j = i[behind]
            behind = behind[(m[behind] >= self.cum[j + 1]) & (j < last)]
        low = self.cum[i]
        return (i + (m - low) / (self.cum[i + 1] - low)) / 24


def hour_of_day_warp(hours: np.ndarray = HOUR_UTC) -> tuple[np.ndarray, np.ndarray]:
    """Points of the map from a uniform fraction of a day to a time of day shaped by ``hours``.

    Apply with ``np.interp(fraction, *hour_of_day_warp())``; the map is increasing, so it keeps
    the order of times within a day.
    """
    cum = np.concatenate(([0.0], np.cumsum(hours))) / hours.sum()
    return cum, np.arange(hours.size + 1) / hours.size

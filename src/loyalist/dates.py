"""Dates given by users, as ``date`` objects or ISO strings, read one way everywhere."""

from __future__ import annotations

from datetime import date, datetime

from loyalist.errors import ConfigError, LoyalistError


def as_date(
    value: date | str | None, what: str = "date", error: type[LoyalistError] = ConfigError
) -> date | None:
    """A ``date`` from a date, a datetime (its day) or an ISO string; ``None`` stays ``None``.

    Anything else raises ``error`` with a message that names ``what`` was expected.

    Examples
    --------
    >>> as_date("2024-03-01"), as_date(datetime(2024, 3, 1, 12)), as_date(None)
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), None)
    >>> as_date("01/03/2024", "--from")
    Traceback (most recent call last):
    ...
    loyalist.errors.ConfigError: --from is not a date (YYYY-MM-DD): '01/03/2024'
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise error(f"{what} is not a date (YYYY-MM-DD): {value!r}") from None

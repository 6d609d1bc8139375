"""Errors a user can act on. The CLI prints them without a traceback and exits with status 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loyalist.data.validate import ValidationReport


class LoyalistError(Exception):
    """Base class of the errors loyalist reports to users."""


class ConfigError(LoyalistError):
    """``loyalist.toml`` (or its equivalent dictionary) is wrong."""


class DataError(LoyalistError):
    """The data cannot be used; ``report`` lists every problem found."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.describe())

"""The ``loyalist.toml`` configuration: where the data is, how its columns map, business settings.

Example
-------
>>> cfg = Config.from_dict({"tables": {"orders": {"path": "orders.csv"}}})
>>> cfg.business.timezone
'UTC'
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from loyalist.data.schema import TABLES
from loyalist.errors import ConfigError


@dataclass
class Business:
    """Business settings used by every metric."""

    name: str = "My business"
    timezone: str = "UTC"
    currency: str = "USD"
    active_window_days: int = 365


@dataclass
class Ladder:
    """Thresholds of the loyalty ladder (see DESIGN.md)."""

    sticky_min_orders: int = 4
    sticky_min_active_days: int = 8


@dataclass
class Goal:
    """A target for one metric, optionally for a given period."""

    value: float
    period: str | None = None


@dataclass
class TableSource:
    """Where one table comes from and how its columns map onto the data model.

    ``columns`` maps canonical names to the names in the source. ``date_format`` (strftime
    codes) applies to every timestamp column, ``date_formats`` per column. Naive timestamps
    are taken to be in ``timezone`` (default: the business time zone) and stored in UTC.
    """

    name: str
    path: Path | None = None
    url: str | None = None
    table: str | None = None
    format: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None
    date_formats: dict[str, str] = field(default_factory=dict)
    timezone: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    decimal: str = "."

    @property
    def label(self) -> str:
        """How problems name this source: the file name, or the database table."""
        if self.path is not None:
            return self.path.name
        return f"{self.table or self.name} ({self.url})" if self.url else self.name

    def source_column(self, canonical: str) -> str:
        """The source's name for a canonical column (the same name when unmapped)."""
        return self.columns.get(canonical, canonical)

    def date_format_for(self, canonical: str) -> str | None:
        """The strftime format of a timestamp column, if one is configured."""
        return self.date_formats.get(canonical, self.date_format)


@dataclass
class Config:
    """Everything ``loyalist.toml`` holds."""

    business: Business = field(default_factory=Business)
    ladder: Ladder = field(default_factory=Ladder)
    tables: dict[str, TableSource] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    program: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def load(cls, path: str | Path) -> Config:
        """Read a ``loyalist.toml``; relative table paths are taken from its folder.

        Examples
        --------
        >>> Config.load("demo/loyalist.toml")  # doctest: +SKIP
        """
        path = Path(path)
        if not path.exists():
            raise ConfigError(
                f"{path}: no such file. Run `loyalist init DIR` to write one for your data, "
                "or `loyalist demo` for an example."
            )
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        return cls.from_dict(raw, root=path.parent, path=path)

    @classmethod
    def from_dict(
        cls, raw: dict[str, Any], root: Path | None = None, path: Path | None = None
    ) -> Config:
        """Build a configuration from a dictionary shaped like ``loyalist.toml``."""
        where = str(path or "configuration")
        _check_keys(raw, {"business", "ladder", "tables", "goals", "program"}, where)
        business = Business(**_section(raw, "business", Business, where))
        ladder = Ladder(**_section(raw, "ladder", Ladder, where))
        _check_timezone(business.timezone, f"{where} [business] timezone")
        tables = {
            name: _table_source(name, spec, root, where)
            for name, spec in raw.get("tables", {}).items()
        }
        goals = {name: _goal(name, spec, where) for name, spec in raw.get("goals", {}).items()}
        return cls(business, ladder, tables, goals, raw.get("program", {}), path)


def _check_keys(raw: dict[str, Any], allowed: set[str], where: str) -> None:
    for key in raw:
        if key not in allowed:
            hint = difflib.get_close_matches(key, sorted(allowed), n=1)
            did_you_mean = f" Did you mean {hint[0]!r}?" if hint else ""
            raise ConfigError(
                f"{where}: unknown setting {key!r}.{did_you_mean} "
                f"Allowed here: {', '.join(sorted(allowed))}."
            )


def _section(raw: dict[str, Any], name: str, kind: type, where: str) -> dict[str, Any]:
    section = raw.get(name, {})
    _check_keys(section, set(kind.__dataclass_fields__), f"{where} [{name}]")
    return section


def _check_timezone(tz: str, where: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"{where}: unknown time zone {tz!r} (use an IANA name like 'Europe/Amsterdam')"
        ) from exc


def _table_source(name: str, spec: dict[str, Any], root: Path | None, where: str) -> TableSource:
    if name not in TABLES:
        hint = difflib.get_close_matches(name, list(TABLES), n=1)
        did_you_mean = f" Did you mean {hint[0]!r}?" if hint else ""
        raise ConfigError(
            f"{where}: unknown table [tables.{name}].{did_you_mean} "
            f"The data model has: {', '.join(TABLES)}."
        )
    here = f"{where} [tables.{name}]"
    allowed = set(TableSource.__dataclass_fields__) - {"name"}
    _check_keys(spec, allowed, here)
    spec = dict(spec)
    if "path" in spec:
        path = Path(spec["path"]).expanduser()
        spec["path"] = path if path.is_absolute() or root is None else root / path
    if "path" in spec and "url" in spec:
        raise ConfigError(f"{here}: give either `path` (a file) or `url` and `table` (a database)")
    declared = set(TABLES[name].names)
    for canonical in spec.get("columns", {}):
        if canonical not in declared and not TABLES[name].extra_columns:
            hint = difflib.get_close_matches(canonical, sorted(declared), n=1)
            did_you_mean = f" Did you mean {hint[0]!r}?" if hint else ""
            raise ConfigError(
                f"{here}: `columns` maps {canonical!r}, which is not a column of {name}."
                f"{did_you_mean} Columns: {', '.join(TABLES[name].names)}."
            )
    if spec.get("timezone"):
        _check_timezone(spec["timezone"], f"{here} timezone")
    return TableSource(name=name, **spec)


def _goal(name: str, spec: Any, where: str) -> Goal:
    if isinstance(spec, int | float):
        return Goal(float(spec))
    if isinstance(spec, dict) and "value" in spec:
        return Goal(float(spec["value"]), spec.get("period"))
    raise ConfigError(
        f"{where} [goals] {name}: write a number (`{name} = 0.8`) or "
        f'`{name} = {{ value = 0.8, period = "month" }}`'
    )

"""The catalog: every metric of loyalist, grouped by family.

Importing this module imports every family module, which declares its metrics, and puts
them in the catalog's order whichever module was imported first.
"""

from __future__ import annotations

from loyalist.metrics import (  # noqa: F401  (imported for their declarations)
    engagement,
    lifecycle,
    loyalty,
    retention,
    stickiness,
    value,
)
from loyalist.metrics.registry import METRICS
from loyalist.metrics.spec import FAMILIES, Metric

#: The modules in the order their metrics are listed.
_MODULES = ("engagement", "loyalty", "retention", "stickiness", "value", "lifecycle")


def _rank(metric: Metric) -> int:
    module = metric.build.__module__.removeprefix("loyalist.metrics.").split(".")[0]
    return _MODULES.index(module) if module in _MODULES else len(_MODULES)


# Declaration order within a module; metrics declared later (plug-ins) are added at the end.
_ordered = sorted(METRICS.values(), key=_rank)
METRICS.clear()
METRICS.update((m.name, m) for m in _ordered)
CATALOG: dict[str, Metric] = METRICS


def by_family() -> dict[str, list[Metric]]:
    """The catalog grouped by family, in the order of DESIGN.md.

    Examples
    --------
    >>> [m.name for m in by_family()["engagement"]][:1]
    ['open_rate']
    """
    return {f: [m for m in CATALOG.values() if m.family == f] for f in FAMILIES}


def get(name: str) -> Metric:
    """The metric called ``name``, with a suggestion when there is none.

    Examples
    --------
    >>> get("nps").family
    'loyalty'
    """
    try:
        return CATALOG[name]
    except KeyError:
        import difflib

        from loyalist.errors import ConfigError

        close = difflib.get_close_matches(name, list(CATALOG), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise ConfigError(
            f"unknown metric {name!r}.{hint} `loyalist metrics --list` shows them all."
        ) from None


def as_markdown() -> str:
    """The catalog as a Markdown page: one table per family (``docs/metrics.md``).

    Examples
    --------
    >>> as_markdown().splitlines()[0]
    '# Metrics'
    """
    lines = [
        "# Metrics",
        "",
        "Every metric of loyalist, as `loyalist metrics --list` shows it. A result is a tidy",
        "table: `metric, period_start, period_end, segment, value, ci_low, ci_high, n`. Rates are",
        "fractions; intervals are 95 % (Wilson for shares, the NPS standard error for NPS, the",
        "normal approximation for means). Periods are counted in the business time zone.",
        "This page is generated from the catalog (`loyalist.metrics.catalog.as_markdown`).",
    ]
    direction = {True: "higher", False: "lower", None: "–"}
    for family, metrics in by_family().items():
        lines += [
            "",
            f"## {family.capitalize()}",
            "",
            "| metric | definition | formula | unit | better | needs |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| `{m.name}` | {m.definition} | `{m.formula}` | {m.unit} | "
            f"{direction[m.higher_is_better]} | {', '.join(m.needs)} |"
            for m in metrics
        ]
    return "\n".join(lines) + "\n"

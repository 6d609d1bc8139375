"""The registry metrics declare themselves in, with the :func:`metric` decorator."""

from __future__ import annotations

from collections.abc import Callable

import ibis.expr.types as ir

from loyalist.metrics.spec import Family, Metric, Period, Unit

#: Every metric, by name, in the order declared.
METRICS: dict[str, Metric] = {}


def metric(
    name: str,
    *,
    family: Family,
    definition: str,
    formula: str,
    unit: Unit,
    higher_is_better: bool | None,
    needs: tuple[str, ...] = ("orders",),
    smallest_period: Period | None = None,
) -> Callable[[Callable[..., ir.Table]], Callable[..., ir.Table]]:
    """Declare the decorated expression builder as the metric ``name``.

    Examples
    --------
    >>> @metric("orders_placed", family="value", definition="Completed orders.",
    ...         formula="count(orders)", unit="count", higher_is_better=True)
    ... def orders_placed(ctx): ...
    >>> METRICS.pop("orders_placed").unit
    'count'
    """

    def register(build: Callable[..., ir.Table]) -> Callable[..., ir.Table]:
        if name in METRICS:
            raise ValueError(f"metric {name!r} is declared twice")
        METRICS[name] = Metric(
            name, family, definition, formula, unit, higher_is_better, needs, build, smallest_period
        )
        return build

    return register

"""Stickiness metrics: how often customers come back, and what brings them back.

Active means at least one app or site event on a local day (``events.occurred_at`` in the
business time zone). Every count starts from one row per customer and active day
(:mod:`loyalist.metrics.activity`), never from the raw events. One module per question,
imported in catalog order: daily, weekly and monthly actives and their ratios
(:mod:`.actives`), power users (:mod:`.power_users`), sessions (:mod:`.sessions`) and the
value that brings customers back (:mod:`.by_value`). The lifecycle (new, returning,
resurrected, dormant) is in :mod:`loyalist.metrics.lifecycle`.
"""

from __future__ import annotations

# isort: off
from loyalist.metrics.stickiness import actives  # noqa: F401  (declarations)
from loyalist.metrics.stickiness.power_users import power_user_curve
from loyalist.metrics.stickiness import sessions  # noqa: F401
from loyalist.metrics.stickiness import by_value  # noqa: F401

# isort: on

__all__ = ["power_user_curve"]

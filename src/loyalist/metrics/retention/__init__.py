"""Retention metrics: do customers buy again, renew, stay on the books (see DESIGN.md).

Only completed orders count (refunds and cancellations do not). Days are local days in the
business time zone. A period with nobody in a metric's denominator gives no row.

One module per question, imported in catalog order: staying on the books
(:mod:`.customer_retention`), buying again (:mod:`.buying_again`), renewing a subscription
(:mod:`.renewals`), the time between purchases (:mod:`.purchase_gaps`) and the cohorts
(:mod:`.cohort_retention`).
"""

from __future__ import annotations

# isort: off
from loyalist.metrics.retention import customer_retention  # noqa: F401  (declarations)
from loyalist.metrics.retention import buying_again  # noqa: F401
from loyalist.metrics.retention import renewals  # noqa: F401
from loyalist.metrics.retention.purchase_gaps import purchase_gaps
from loyalist.metrics.retention import cohort_retention  # noqa: F401

# isort: on

__all__ = ["purchase_gaps"]

"""A first look at a customer base: how much data there is and a few headline numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loyalist.base import CustomerBase


def overview(base: CustomerBase) -> dict[str, str]:
    """Row counts per table and the orders' headline numbers, formatted for people.

    Examples
    --------
    >>> from loyalist import CustomerBase
    >>> from loyalist.datasets import load_cdnow
    >>> overview(CustomerBase.from_frames(orders=load_cdnow(sample=True)))["customers who ordered"]
    '2,357'
    """
    info = {f"{name} rows": f"{n:,}" for name, n in base.report.row_counts.items()}
    orders = base.orders.filter(base.orders.status == "completed")
    per_customer = orders.group_by("customer_id").agg(n=orders.count())
    stats = (
        orders.aggregate(
            first=orders.ordered_at.min(),
            last=orders.ordered_at.max(),
            revenue=orders.amount.sum(),
            n_orders=orders.count(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    people = (
        per_customer.aggregate(
            customers=per_customer.count(), repeaters=(per_customer.n >= 2).sum()
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    currency = base.config.business.currency
    n_orders = stats["n_orders"] or 0
    customers = people["customers"] or 0
    info |= {
        "period": f"{stats['first']:%Y-%m-%d} to {stats['last']:%Y-%m-%d}" if n_orders else "-",
        "customers who ordered": f"{customers:,}",
        "completed orders": f"{n_orders:,}",
        "revenue": f"{stats['revenue'] or 0:,.0f} {currency}",
        "average order value": f"{(stats['revenue'] or 0) / max(n_orders, 1):,.2f} {currency}",
        "customers with 2+ orders": f"{(people['repeaters'] or 0) / max(customers, 1):.1%}",
    }
    return info

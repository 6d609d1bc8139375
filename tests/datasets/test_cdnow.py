"""The bundled CDNOW data: the published counts, ready for a CustomerBase."""

from __future__ import annotations

from loyalist import CustomerBase
from loyalist.datasets import cdnow_config, load_cdnow


def test_master_has_every_purchase_of_23570_customers() -> None:
    orders = load_cdnow()
    assert len(orders) == 69_659 and orders.customer_id.nunique() == 23_570
    assert orders.ordered_at.min().date().isoformat() == "1997-01-01"
    assert orders.ordered_at.max().date().isoformat() == "1998-06-30"
    # Everyone made their first purchase in the first quarter of 1997.
    first = orders.groupby("customer_id").ordered_at.min()
    assert first.max().date().isoformat() <= "1997-03-31"


def test_sample_is_the_fhl_2005_tenth() -> None:
    sample = load_cdnow(sample=True)
    assert len(sample) == 6_919 and sample.customer_id.nunique() == 2_357
    # The sample keeps every purchase of its customers, as in the master file.
    master = load_cdnow()
    same = master[master.customer_id.isin(sample.customer_id)]
    assert len(same) == len(sample) and round(same.amount.sum(), 2) == round(sample.amount.sum(), 2)


def test_loads_into_a_customer_base_without_problems() -> None:
    base = CustomerBase.from_frames(config=cdnow_config(), orders=load_cdnow(sample=True))
    assert base.report.ok and not base.report.warnings
    assert base.orders.count().execute() == 6_919
    assert base.timezone == "America/New_York"

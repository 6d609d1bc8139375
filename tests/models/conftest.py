"""Shared fixtures of the model tests: the CDNOW calibration summary, from the raw purchases."""

from __future__ import annotations

import pandas as pd
import pytest

from loyalist import CustomerBase
from loyalist.datasets import load_cdnow


@pytest.fixture(scope="session")
def cdnow() -> pd.DataFrame:
    """The 39-week calibration summary of the CDNOW sample (2,357 customers), in weeks.

    Computed by the engine from the bundled raw purchases, as every user gets it: repeat
    purchase days only (same-day purchases merged), T to 1997-09-30 (T = 38.86 for customer 4).
    """
    base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    return base.summary("1997-09-30", time_unit="W").set_index("customer_id")

"""The CDNOW purchases (Fader & Hardie): 23,570 customers who first bought in Q1 1997.

Every purchase up to 30 June 1998: customer id, date, number of CDs and dollar value. The
1/10 sample (2,357 customers) is the one of Fader, Hardie & Lee (2005).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pandas as pd

from loyalist.config import Business, Config

_FILES = files("loyalist.datasets") / "files"


def load_cdnow(sample: bool = False) -> pd.DataFrame:
    """Return the CDNOW purchases as an orders table ready for a CustomerBase.

    Parameters
    ----------
    sample
        The 1/10 sample of Fader, Hardie & Lee (2005) instead of all 23,570 customers.

    Returns
    -------
    pandas.DataFrame
        Columns ``order_id, customer_id, ordered_at, amount, quantity``; ``ordered_at`` is the
        purchase date (naive, read in the business time zone); one row per purchase line.

    Examples
    --------
    >>> orders = load_cdnow(sample=True)
    >>> len(orders), orders.customer_id.nunique()
    (6919, 2357)
    """
    if sample:
        names = ["customer_id", "master_id", "date", "quantity", "amount"]
        raw = pd.read_csv(
            _FILES / "CDNOW_sample.txt.gz",
            sep=r"\s+",
            header=None,
            names=names,
            dtype={"customer_id": str, "master_id": str, "date": str},
        )
    else:
        names = ["customer_id", "date", "quantity", "amount"]
        raw = pd.read_csv(
            _FILES / "CDNOW_master.txt.gz",
            sep=r"\s+",
            header=0,
            names=names,
            dtype={"customer_id": str, "date": str},
        )
    return pd.DataFrame(
        {
            "order_id": [f"{c}-{i}" for i, c in enumerate(raw["customer_id"], start=1)],
            "customer_id": raw["customer_id"],
            "ordered_at": pd.to_datetime(raw["date"], format="%Y%m%d"),
            "amount": raw["amount"].astype("float64"),
            "quantity": raw["quantity"].astype("int64"),
        }
    )


def cdnow_config() -> Config:
    """Business settings for CDNOW: a US music store, dollars, data ending 30 June 1998.

    Examples
    --------
    >>> cdnow_config().business.currency
    'USD'
    """
    return Config(business=Business(name="CDNOW", timezone="America/New_York", currency="USD"))


_CONFIG = """# loyalist.toml for the CDNOW purchases, written by `loyalist demo --dataset cdnow`
[business]
name = "CDNOW"
timezone = "America/New_York"
currency = "USD"
active_window_days = 365

[tables.orders]
path = "data/orders.{ext}"
"""


def write_cdnow(out: str | Path, file_format: str = "parquet") -> Path:
    """Write the CDNOW orders and a ``loyalist.toml`` into ``out``; return the config path.

    Examples
    --------
    >>> write_cdnow("cdnow")  # doctest: +SKIP
    PosixPath('cdnow/loyalist.toml')
    """
    out = Path(out)
    (out / "data").mkdir(parents=True, exist_ok=True)
    orders = load_cdnow()
    if file_format == "csv":
        orders.to_csv(out / "data" / "orders.csv", index=False)
    else:
        orders.to_parquet(out / "data" / "orders.parquet", index=False)
    config = out / "loyalist.toml"
    config.write_text(_CONFIG.format(ext=file_format), encoding="utf-8")
    return config

"""loyalist.toml: defaults, relative paths, and errors that say what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from loyalist.config import Config
from loyalist.errors import ConfigError


def test_defaults_and_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "loyalist.toml").write_text(
        '[business]\nname = "Shop"\ntimezone = "Europe/Amsterdam"\n'
        '[tables.orders]\npath = "data/orders.csv"\ncolumns = { order_id = "Invoice" }\n'
        '[goals]\nnps = 40\ncustomer_retention_rate = { value = 0.85, period = "month" }\n'
    )
    cfg = Config.load(tmp_path / "loyalist.toml")
    assert cfg.business.active_window_days == 365 and cfg.ladder.sticky_min_orders == 4
    assert cfg.tables["orders"].path == tmp_path / "data/orders.csv"
    assert cfg.tables["orders"].source_column("order_id") == "Invoice"
    assert cfg.tables["orders"].source_column("amount") == "amount"
    assert cfg.goals["nps"].value == 40 and cfg.goals["customer_retention_rate"].period == "month"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[busines]\n", "Did you mean 'business'"),
        ('[business]\ntimezone = "Mars/Olympus"\n', "unknown time zone 'Mars/Olympus'"),
        ('[tables.purchases]\npath = "a.csv"\n', "unknown table [tables.purchases]"),
        ('[tables.orders]\npath = "a.csv"\nurl = "postgresql://x"\n', "either `path`"),
        ('[tables.orders]\npath = "a.csv"\ncolumns = { amout = "x" }\n', "Did you mean 'amount'"),
        ('[tables.orders]\npaht = "a.csv"\n', "Did you mean 'path'"),
        ("[goals]\nnps = 'high'\n", "write a number"),
        ("[business\n", "not valid TOML"),
    ],
)
def test_mistakes_are_explained(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "loyalist.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        Config.load(tmp_path / "loyalist.toml")

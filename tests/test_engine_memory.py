"""DuckDB's allocator options are in the environment before DuckDB is first imported."""

from __future__ import annotations

import os
import subprocess
import sys

from loyalist.engine_memory import MALLOC_CONF

# Records the variable at the moment anything first imports duckdb, then loads a base.
_SPY = """
import builtins, os, sys
seen = []
real_import = builtins.__import__
def spy(name, *args, **kwargs):
    if name == "duckdb" and "duckdb" not in sys.modules and not seen:
        seen.append(os.environ.get("DUCKDB_JE_MALLOC_CONF"))
    return real_import(name, *args, **kwargs)
builtins.__import__ = spy
import pandas as pd
from loyalist import CustomerBase
orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
                       "ordered_at": ["2024-01-01"], "amount": [9.5]})
CustomerBase.from_frames(orders=orders)
print(repr(seen))
"""


def _conf_when_duckdb_loads(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "DUCKDB_JE_MALLOC_CONF"}
    done = subprocess.run(
        [sys.executable, "-c", _SPY], env=clean | env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def test_loyalist_sets_the_allocator_options_before_duckdb_loads() -> None:
    assert _conf_when_duckdb_loads() == repr([MALLOC_CONF])


def test_the_users_own_options_are_kept_even_when_empty() -> None:
    assert _conf_when_duckdb_loads(DUCKDB_JE_MALLOC_CONF="") == repr([""])
    assert _conf_when_duckdb_loads(DUCKDB_JE_MALLOC_CONF="narenas:2") == repr(["narenas:2"])

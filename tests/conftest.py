"""Shared fixtures: tiny hand-made tables written as files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from loyalist.config import Config

ORDERS_CSV = """order_id,customer_id,ordered_at,amount,status
o1,c1,2024-01-05 10:00:00,10.00,completed
o2,c1,2024-02-05 23:30:00,12.50,completed
o3,c2,2024-02-01 00:15:00,7.25,refunded
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (or bytes) to a file in a fresh folder and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def config_for(tmp_path: Path) -> Callable[..., Path]:
    """Write a loyalist.toml with the given [tables.*] paths (and extra TOML) and return it."""

    def _config(extra: str = "", **paths: str) -> Path:
        text = "".join(f'[tables.{t}]\npath = "{p}"\n' for t, p in paths.items())
        path = tmp_path / "loyalist.toml"
        path.write_text(extra + "\n" + text, encoding="utf-8")
        Config.load(path)  # every fixture config must itself be valid
        return path

    return _config

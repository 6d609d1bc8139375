"""loyalist: measure and improve customer stickiness, retention and loyalty."""

from loyalist import engine_memory  # noqa: F401  (first: configures DuckDB before it loads)
from loyalist.base import CustomerBase
from loyalist.config import Config
from loyalist.errors import ConfigError, DataError, LoyalistError

__all__ = ["Config", "ConfigError", "CustomerBase", "DataError", "LoyalistError"]
__version__ = "0.1.0"

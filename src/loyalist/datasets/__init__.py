"""Real public data sets shipped with loyalist (see ``loyalist.datasets.cdnow``)."""

from loyalist.datasets.cdnow import cdnow_config, load_cdnow

__all__ = ["cdnow_config", "load_cdnow"]

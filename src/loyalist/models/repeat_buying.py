"""What BG/NBD and Pareto/NBD share: the data they take and the questions they answer.

A concrete model declares its parameters and its math (``_probability_alive`` and
``_expected_many``); this class turns them into the public predictions, evaluated once per
distinct (frequency, recency, T) row and mapped back to the customers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from loyalist.models.base import Array, BaseModel


class RepeatBuyingModel(BaseModel):
    """Base class of the repeat-buying models fitted on ``frequency, recency, T``."""

    _columns = ("frequency", "recency", "T")

    def _probability_alive(self, cols: Mapping[str, Array]) -> Array:
        raise NotImplementedError

    def _expected_many(self, ts: Array, cols: Mapping[str, Array]) -> Array:
        """Expected purchases for each horizon in ``ts`` (rows) and customer (columns)."""
        raise NotImplementedError

    def probability_alive(self, data: Any) -> Array | pd.Series:
        """Probability that each customer is still active at the end of their history ``T``.

        Examples
        --------
        >>> from loyalist.models import BetaGeo
        >>> model = BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        >>> data = {"frequency": [0, 2], "recency": [0.0, 30.43], "T": [38.86, 38.86]}
        >>> np.round(model.probability_alive(data), 3).tolist()
        [1.0, 0.727]
        """
        return self._score(data, self._probability_alive, "probability_alive")

    def expected_purchases(self, t: float, data: Any) -> Array | pd.Series:
        """Expected number of repeat purchases of each customer in the next ``t`` time units.

        Examples
        --------
        >>> from loyalist.models import ParetoNBD
        >>> model = ParetoNBD.from_params(r=0.553, alpha=10.578, s=0.606, beta=11.669)
        >>> data = {"frequency": [2], "recency": [30.43], "T": [38.86]}
        >>> round(float(model.expected_purchases(39, data)[0]), 3)
        1.455
        """
        return self._score(data, lambda c: self._expected(t, c), "expected_purchases")

    def _expected(self, t: float, cols: Mapping[str, Array]) -> Array:
        return self._expected_many(np.array([t], dtype=float), cols)[0]

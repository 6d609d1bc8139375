"""How feature rows become the classifier's input, and what a typical stayer looks like.

Numbers become floats (missing values stay missing: the trees give them a branch of their
own); text becomes categories, the ones seen when fitting (at most the 100 most frequent;
anything else counts as missing). Calibration folds are drawn by customer, so that a
customer seen at several cut-offs is never on both sides of a fold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from loyalist.churn.cutoff import ChurnError

#: Columns of a feature table that are not features.
NOT_FEATURES = ("customer_id", "churned", "cutoff")
#: At most this many categories of a text feature are kept (the most frequent).
MAX_CATEGORIES = 100


def feature_names(columns: Sequence[str]) -> list[str]:
    """The feature columns among ``columns`` (everything but ids, labels and cut-offs).

    Examples
    --------
    >>> feature_names(["customer_id", "recency_days", "churned"])
    ['recency_days']
    """
    return [c for c in columns if c not in NOT_FEATURES]


def text_categories(features: pd.DataFrame) -> dict[str, list[str]]:
    """The kept categories of each text column (the 100 most frequent, sorted).

    Examples
    --------
    >>> text_categories(pd.DataFrame({"plan": ["plus", "basic", None], "mrr": [9.0, 5.0, 0.0]}))
    {'plan': ['basic', 'plus']}
    """
    out = {}
    for name in features.columns:
        values = features[name]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        try:  # numbers stored as objects (an engine's decimals) are numbers
            pd.to_numeric(values.dropna())
            continue
        except (TypeError, ValueError):
            pass
        counts = values.dropna().astype(str).value_counts()
        out[name] = sorted(counts.index[:MAX_CATEGORIES].tolist())
    return out


def as_matrix(
    features: pd.DataFrame, names: Sequence[str], categories: Mapping[str, list[str]]
) -> pd.DataFrame:
    """The columns ``names`` in order: numbers as floats, text as the given categories.

    Examples
    --------
    >>> rows = pd.DataFrame({"plan": ["plus", "gold"], "mrr": ["9", None]})
    >>> matrix = as_matrix(rows, ["mrr", "plan"], {"plan": ["basic", "plus"]})
    >>> matrix.mrr.tolist(), matrix.plan.tolist()  # an unseen plan is missing
    ([9.0, nan], ['plus', nan])
    """
    missing = [c for c in names if c not in features.columns]
    if missing:
        raise ChurnError(f"the features lack column(s) {missing} the model was fitted on")
    columns: dict[str, Any] = {}
    for name in names:
        values = features[name]
        if name in categories:
            kept = categories[name]
            values = values.astype(object).where(values.isin(kept))  # unseen: missing
            columns[name] = pd.Categorical(values, kept)
        else:
            columns[name] = pd.to_numeric(values, errors="coerce").astype(np.float64)
    return pd.DataFrame(columns, index=features.index)


def customer_folds(
    y: NDArray[np.int8], groups: ArrayLike | None, k: int, seed: int
) -> list[tuple[NDArray[np.intp], NDArray[np.intp]]]:
    """``k`` (train, test) folds: by a hash of the customer when given, else shuffled rows.

    Examples
    --------
    >>> groups = np.array(["a", "b", "c", "d"] * 3)  # four customers at three cut-offs
    >>> y = (np.arange(12) % 3 == 0).astype(np.int8)
    >>> [sorted(str(g) for g in set(groups[test])) for _, test in customer_folds(y, groups, 2, 0)]
    [['a', 'c', 'd'], ['b']]
    """
    if groups is not None:
        keys = pd.util.hash_array(np.asarray(groups, dtype=object)) % np.uint64(k)
        fold = keys.astype(np.intp)
    else:
        fold = np.random.default_rng(seed).permutation(y.size) % k
    splits = [(np.flatnonzero(fold != i), np.flatnonzero(fold == i)) for i in range(k)]
    for _, test in splits:
        if len(np.unique(y[test])) < 2:
            raise ChurnError("a calibration fold has only churned or only retained customers")
    return splits


def typical_values(retained: pd.DataFrame) -> dict[str, object]:
    """The typical value of each feature among retained rows: median, or most frequent.

    Examples
    --------
    >>> rows = pd.DataFrame({"recency_days": [10.0, 20.0, 90.0],
    ...                      "plan": pd.Categorical(["plus", "plus", "basic"])})
    >>> typical_values(rows)
    {'recency_days': 20.0, 'plan': 'plus'}
    """
    typical: dict[str, object] = {}
    for name in retained.columns:
        values = retained[name].dropna()
        if isinstance(retained[name].dtype, pd.CategoricalDtype):
            typical[name] = values.mode().iloc[0] if len(values) else None
        else:
            typical[name] = float(values.median()) if len(values) else float("nan")
    return typical

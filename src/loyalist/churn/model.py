"""The churn classifier: gradient-boosted trees with calibrated probabilities.

scikit-learn's :class:`~sklearn.ensemble.HistGradientBoostingClassifier` takes the features
as they come: missing values (no survey answer, no e-mail) are a branch of their own, and
text features (plan, exit reason) are native categories. Boosted trees rank customers well,
but their raw probabilities are not to be read as probabilities: early stopping and the
shrinkage leave them too timid in the tails. A value at risk multiplies P(churn) by money,
so the probabilities are calibrated by :class:`~sklearn.calibration.CalibratedClassifierCV`:

* **isotonic** by default: a monotone step function fitted on out-of-fold predictions. It
  assumes no shape for the distortion (the sigmoid assumes a logistic one, which boosted
  trees do not follow), keeps the ranking, and with thousands of rows per fold it does not
  overfit. The three fold models are averaged (``ensemble=True``), which also smooths the
  steps;
* **sigmoid** (Platt) when a fold would hold fewer than 1,000 rows of the rarer class, where
  isotonic regression is known to overfit.

Folds are drawn by customer (a hash of the id), so when a customer appears at several
cut-offs, no fold calibrates on a customer its trees have seen. Above 100,000 training rows
a single fold is held out for calibration and one model is trained on the others: its
calibration set is then large enough on its own, and scoring a million customers with one
model instead of three takes a third of the time.
"""

from __future__ import annotations

from typing import Self

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.frozen import FrozenEstimator
from threadpoolctl import threadpool_limits

from loyalist.churn.cutoff import ChurnError
from loyalist.churn.model_input import (
    as_matrix,
    customer_folds,
    feature_names,
    text_categories,
    typical_values,
)
from loyalist.models.base import NotFittedError

#: Isotonic calibration needs at least this many rows of the rarer class per fold.
ISOTONIC_MIN = 1_000
#: Above this many training rows, one held-out fold calibrates a single model.
SINGLE_MODEL_ROWS = 100_000


class ChurnModel:
    """Calibrated gradient boosting of P(churn) from the features of a customer.

    Parameters
    ----------
    calibration : {"auto", "isotonic", "sigmoid"}
        How probabilities are calibrated; ``auto`` is isotonic with enough rows, else sigmoid.
    folds : int
        Cross-validation folds of the calibration.
    learning_rate, max_iter, max_leaf_nodes, min_samples_leaf, l2_regularization
        Passed to :class:`~sklearn.ensemble.HistGradientBoostingClassifier` (early stopping
        on a tenth of the rows decides the number of trees up to ``max_iter``).
    random_state : int
        Seed of everything random, so that a fit is reproducible.
    threads : int or None
        Threads of the boosting (None: every core). One is the default: on a few cores, and
        above all on cores other work shares, the threads' synchronisation costs more than
        it saves (a 20,000-row fit took 0.8 s on one thread and 5.5 s on two busy cores).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame({"recency_days": rng.uniform(0, 300, 2000)})
    >>> y = rng.uniform(size=2000) < X.recency_days / 300
    >>> model = ChurnModel().fit(X, y)
    >>> p = model.churn_probability(pd.DataFrame({"recency_days": [10, 290]}))
    >>> model.method_, bool(p[0] < 0.1), bool(p[1] > 0.9)  # the truth: 0.03 and 0.97
    ('sigmoid', True, True)
    """

    def __init__(
        self,
        calibration: str = "auto",
        folds: int = 3,
        learning_rate: float = 0.1,
        max_iter: int = 150,
        max_leaf_nodes: int = 15,
        min_samples_leaf: int = 100,
        l2_regularization: float = 1.0,
        random_state: int = 0,
        threads: int | None = 1,
    ) -> None:
        self.calibration = calibration
        self.folds = folds
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.random_state = random_state
        self.threads = threads

    def __repr__(self) -> str:
        if not hasattr(self, "calibrated_"):
            return f"ChurnModel(calibration={self.calibration!r})"
        return (
            f"ChurnModel({len(self.features_)} features, {self.n_:,} rows, "
            f"churn share {self.churn_share_:.1%}, {self.method_} calibration)"
        )

    # -- fitting -----------------------------------------------------------------------
    def booster(self) -> HistGradientBoostingClassifier:
        """The uncalibrated classifier with this model's settings.

        Examples
        --------
        >>> ChurnModel(max_iter=50).booster().max_iter
        50
        """
        return HistGradientBoostingClassifier(
            learning_rate=self.learning_rate,
            max_iter=self.max_iter,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf,
            l2_regularization=self.l2_regularization,
            categorical_features="from_dtype",
            early_stopping=True,
            random_state=self.random_state,
        )

    def fit(
        self, features: pd.DataFrame, churned: ArrayLike, groups: ArrayLike | None = None
    ) -> Self:
        """Learn P(churn) from feature rows and their labels.

        Parameters
        ----------
        features
            One row per customer (and cut-off); ``customer_id``, ``churned`` and ``cutoff``
            columns are ignored. Text columns become categories.
        churned
            True for the rows whose customer churned.
        groups
            The customer of each row (default: ``features.customer_id`` when present);
            calibration folds never split a customer.

        Returns
        -------
        self

        Examples
        --------
        >>> X = pd.DataFrame({"recency_days": [5.0, 300.0] * 50, "customer_id": range(100)})
        >>> ChurnModel().fit(X, X.recency_days > 100).features_
        ['recency_days']
        """
        y = np.asarray(churned, dtype=bool).astype(np.int8)
        if y.size != len(features):
            raise ChurnError(f"{y.size} labels for {len(features)} rows of features")
        rarer = int(min(y.sum(), y.size - y.sum()))
        if rarer < 2 * self.folds:
            raise ChurnError(
                f"too few {'churned' if y.sum() <= y.size / 2 else 'retained'} customers to "
                f"learn from ({rarer}); use more history, an earlier cut-off or a longer horizon"
            )
        if groups is None and "customer_id" in features.columns:
            groups = features["customer_id"]
        self.features_ = feature_names(features.columns)
        self.categories_ = text_categories(features[self.features_])
        X = self._matrix(features)
        self.method_ = self.calibration
        if self.calibration == "auto":
            self.method_ = "isotonic" if rarer / self.folds >= ISOTONIC_MIN else "sigmoid"
        splits = customer_folds(y, groups, self.folds, self.random_state)
        with threadpool_limits(self.threads):
            if y.size > SINGLE_MODEL_ROWS:
                learn, hold = splits[0]
                booster = self.booster().fit(X.iloc[learn], y[learn])
                calibrated = CalibratedClassifierCV(FrozenEstimator(booster), method=self.method_)
                self.calibrated_ = calibrated.fit(X.iloc[hold], y[hold])
            else:
                calibrated = CalibratedClassifierCV(self.booster(), method=self.method_, cv=splits)
                self.calibrated_ = calibrated.fit(X, y)
        self.n_ = int(y.size)
        self.churn_share_ = float(y.mean())
        self.typical_ = typical_values(X[y == 0])
        return self

    # -- predicting --------------------------------------------------------------------
    def churn_probability(self, features: pd.DataFrame) -> NDArray[np.float64]:
        """Calibrated P(churn) of each row.

        Examples
        --------
        >>> ChurnModel().churn_probability(pd.DataFrame({"x": [1.0]}))
        Traceback (most recent call last):
        ...
        loyalist.models.base.NotFittedError: this ChurnModel is not fitted yet: call fit(...) first
        """
        return self.predict_proba(features)[:, 1]

    def risk_score(self, features: pd.DataFrame) -> NDArray[np.float64]:
        """The boosted trees' log-odds of churn, before calibration (the folds' mean).

        Unbounded and smooth where the calibrated probability is flat (isotonic steps, or
        near 0 and 1), so it measures how much a feature raises a customer's risk.

        Examples
        --------
        >>> rng = np.random.default_rng(0)
        >>> X = pd.DataFrame({"recency_days": rng.uniform(0, 300, 2000)})
        >>> y = rng.uniform(size=2000) < X.recency_days / 300
        >>> score = ChurnModel().fit(X, y).risk_score(pd.DataFrame({"recency_days": [10, 290]}))
        >>> bool(score[1] > score[0] + 2)
        True
        """
        self._check_fitted()
        X = self._matrix(features)
        with threadpool_limits(self.threads):
            scores = [
                c.estimator.decision_function(X) for c in self.calibrated_.calibrated_classifiers_
            ]
        return np.mean(scores, axis=0).astype(np.float64)

    def predict_proba(self, features: pd.DataFrame) -> NDArray[np.float64]:
        """``[P(retained), P(churn)]`` of each row, as scikit-learn classifiers return them.

        Examples
        --------
        >>> X = pd.DataFrame({"recency_days": [5.0, 300.0] * 50})
        >>> model = ChurnModel().fit(X, X.recency_days > 100)
        >>> model.predict_proba(X.head(2)).sum(axis=1).round(6).tolist()
        [1.0, 1.0]
        """
        self._check_fitted()
        with threadpool_limits(self.threads):
            probabilities = self.calibrated_.predict_proba(self._matrix(features))
        return np.asarray(probabilities, np.float64)

    def _check_fitted(self) -> None:
        if not hasattr(self, "calibrated_"):
            raise NotFittedError("this ChurnModel is not fitted yet: call fit(...) first")

    def _matrix(self, features: pd.DataFrame) -> pd.DataFrame:
        return as_matrix(features, self.features_, self.categories_)

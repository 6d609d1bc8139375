"""Shared machinery of the probability models: input, collapsing, fitting, standard errors.

A concrete model declares its parameter names, the columns it reads and its log-likelihood with
analytic gradient; :class:`BaseModel` does the rest. Data are first collapsed to their distinct
rows with counts as weights, so the cost of a fit grows with the number of distinct purchase
patterns, not with the number of customers.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize
from scipy.stats import norm

Array = NDArray[np.float64]
_Z95 = float(norm.ppf(0.975))


class NotFittedError(RuntimeError):
    """Raised when a model is used before :meth:`BaseModel.fit`."""


class ConvergenceError(RuntimeError):
    """Raised when the likelihood cannot be evaluated or the optimiser breaks down."""


class ConvergenceWarning(UserWarning):
    """Issued when the optimiser stops without meeting its tolerance."""


# ---------------------------------------------------------------------------------------------
# input


def read_columns(data: Any, names: Sequence[str]) -> tuple[dict[str, Array], pd.Index | None]:
    """Pull the named columns out of a table as float arrays.

    Parameters
    ----------
    data : pandas.DataFrame, Ibis table, polars or pyarrow table, or mapping of arrays
        The per-customer table.
    names : sequence of str
        Required columns.

    Returns
    -------
    tuple
        ``({name: float array}, index)``; the index is the pandas index of ``data``, the
        ``customer_id`` column of an Ibis table, or ``None``.

    Examples
    --------
    >>> cols, index = read_columns({"frequency": [0, 2]}, ["frequency"])
    >>> cols["frequency"].tolist(), index
    ([0.0, 2.0], None)
    """
    module = type(data).__module__
    ibis_index = None
    if module.startswith("ibis"):  # Ibis rows have no order: key the results by customer_id
        keep = [n for n in (*names, "customer_id") if n in data.columns]
        data = data.select(*keep).to_pandas()
        if "customer_id" in data.columns:
            ibis_index = pd.Index(data.pop("customer_id"), name="customer_id")
        data, module = {k: data[k].to_numpy() for k in data.columns}, "builtins"
    if isinstance(data, pd.DataFrame):
        available, index = list(data.columns), data.index
    elif module.startswith("polars"):
        available, index = list(data.columns), None
    elif module.startswith("pyarrow"):
        available, index = list(data.column_names), None
    elif isinstance(data, Mapping):
        available, index = list(data.keys()), None
    else:
        raise TypeError(f"expected a table (pandas, Ibis, polars, pyarrow or dict), got {module}")
    index = ibis_index if ibis_index is not None else index
    missing = [n for n in names if n not in available]
    if missing:
        raise ValueError(f"missing column(s) {missing}; the table has {available}")
    out: dict[str, Array] = {}
    for name in names:
        column = data.column(name) if module.startswith("pyarrow") else data[name]
        try:
            if isinstance(column, pd.Series):  # nullable dtypes: missing values become NaN
                values = column.to_numpy(dtype=np.float64, na_value=np.nan)
            else:
                values = np.asarray(column.to_numpy() if hasattr(column, "to_numpy") else column)
            out[name] = values.astype(np.float64, copy=False)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"column {name!r} is not numeric: {exc}") from None
    return out, index


def dot(a: Array, b: Array) -> float:
    """Dot product of long vectors without BLAS, whose threads cost more than they save here.

    Examples
    --------
    >>> dot(np.array([1.0, 2.0]), np.array([3.0, 4.0]))
    11.0
    """
    return float(np.einsum("i,i->", a, b))


def _examples(mask: NDArray[np.bool_], k: int = 3) -> str:
    rows = np.flatnonzero(mask)
    return f"{rows.size} row(s), e.g. row(s) {rows[:k].tolist()}"


def validate(cols: Mapping[str, Array], rules: Sequence[tuple[str, NDArray[np.bool_]]]) -> None:
    """Raise one ``ValueError`` listing every rule violated (rule = message, bad-row mask).

    Examples
    --------
    >>> validate({}, [("fine", np.zeros(2, bool))])
    """
    problems = [f"- {message}: {_examples(bad)}" for message, bad in rules if bad.any()]
    n = {v.size for v in cols.values()}
    if len(n) > 1:
        problems.insert(0, f"- columns have different lengths {sorted(n)}")
    if problems:
        raise ValueError("invalid input:\n" + "\n".join(problems))


def rfm_rules(cols: Mapping[str, Array]) -> list[tuple[str, NDArray[np.bool_]]]:
    """Validation rules for ``frequency``, ``recency``, ``T`` (repeat purchases, t_x, T)."""
    x, tx, t = cols["frequency"], cols["recency"], cols["T"]
    with np.errstate(invalid="ignore"):
        return [
            ("frequency is missing or infinite", ~np.isfinite(x)),
            ("recency is missing or infinite", ~np.isfinite(tx)),
            ("T is missing or infinite", ~np.isfinite(t)),
            ("frequency is negative", x < 0),
            ("frequency is not a whole number", np.isfinite(x) & (x != np.round(x))),
            ("recency is negative", tx < 0),
            ("T is negative", t < 0),
            ("recency exceeds T", tx > t * (1 + 1e-12)),
            ("recency is not 0 for a customer with frequency 0", (x == 0) & (tx != 0)),
        ]


def require_repeat_purchases(d: Distinct) -> None:
    """Purchase models are not identified when nobody bought twice: say so instead of diverging."""
    if not (d.weights[d.columns["frequency"] > 0] > 0).any():
        raise ValueError("no customer has a repeat purchase (frequency > 0): nothing to fit")


def check_weights(weights: ArrayLike | None, n: int) -> Array | None:
    """Validate optional per-row weights (finite, non-negative, one per row)."""
    if weights is None:
        return None
    w = np.asarray(weights, dtype=np.float64).ravel()
    if w.size != n:
        raise ValueError(f"weights has {w.size} values for {n} rows")
    if not np.isfinite(w).all() or (w < 0).any():
        raise ValueError("weights must be finite and non-negative")
    return w


def as_output(values: Array, index: pd.Index | None, name: str) -> Array | pd.Series:
    """Return a Series aligned to the input's pandas index, or the plain array."""
    return values if index is None else pd.Series(values, index=index, name=name)


# ---------------------------------------------------------------------------------------------
# collapsing to distinct rows


@dataclass(frozen=True)
class Distinct:
    """Distinct rows of some columns, with summed weights and the map back to the input rows.

    ``columns[name]`` holds the distinct rows; ``levels[name]`` the distinct values of that column
    and ``codes[name]`` the position of each distinct row's value in ``levels[name]``, so
    functions of one column can be evaluated once per value.
    """

    columns: dict[str, Array]
    levels: dict[str, Array]
    codes: dict[str, NDArray[np.intp]]
    weights: Array
    inverse: NDArray[np.intp]

    @property
    def size(self) -> int:
        """Number of distinct rows."""
        return int(self.weights.size)


def collapse(cols: Mapping[str, Array], weights: Array | None = None) -> Distinct:
    """Collapse rows to distinct combinations of ``cols`` (hash based, no sort).

    Parameters
    ----------
    cols : mapping of str to ndarray
        Columns of equal length.
    weights : ndarray, optional
        Row weights; the distinct rows get the sum (default: counts).

    Returns
    -------
    Distinct

    Examples
    --------
    >>> d = collapse({"x": np.array([1.0, 2.0, 1.0])})
    >>> d.columns["x"].tolist(), d.weights.tolist(), d.inverse.tolist()
    ([1.0, 2.0], [2.0, 1.0], [0, 1, 0])
    """
    names = list(cols)
    codes_in, levels = {}, {}
    for name in names:
        codes, uniques = pd.factorize(cols[name])
        codes_in[name] = codes.astype(np.int64, copy=False)
        levels[name] = np.asarray(uniques, dtype=np.float64)
    key = codes_in[names[0]]
    for name in names[1:]:
        n_level = levels[name].size
        if (int(key.max(initial=0)) + 1) * n_level >= 2**62:  # re-number before it overflows
            key = pd.factorize(key)[0].astype(np.int64)
        key = key * n_level + codes_in[name]
    inverse = pd.factorize(key)[0] if len(names) > 1 else key
    n_rows, n_distinct = inverse.size, int(inverse.max(initial=-1)) + 1
    first = np.empty(n_distinct, dtype=np.intp)
    first[inverse[::-1]] = np.arange(n_rows - 1, -1, -1)
    columns = {n: cols[n][first] for n in names}
    codes_out = {n: codes_in[n][first].astype(np.intp) for n in names}
    w = np.bincount(inverse, weights=weights, minlength=n_distinct).astype(np.float64)
    return Distinct(columns, levels, codes_out, w, inverse.astype(np.intp, copy=False))


# ---------------------------------------------------------------------------------------------
# the base model


class BaseModel:
    """Maximum-likelihood model fitted in log-parameter space with an analytic gradient.

    Subclasses set ``_param_names`` and ``_columns`` and implement ``_rules`` (validation),
    ``_prepare`` (per-data precomputation on the distinct rows), ``_loglik`` (weighted
    log-likelihood sum and its gradient in the natural parameters) and ``_initial``.

    Parameters
    ----------
    penalizer : float, default 0
        L2 penalty ``penalizer * sum(params ** 2)`` added to the mean negative log-likelihood
        (the ``lifetimes`` convention); shrinks estimates when data are scarce.
    """

    _param_names: ClassVar[tuple[str, ...]] = ()
    _columns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, penalizer: float = 0.0) -> None:
        self.penalizer = penalizer

    def __repr__(self) -> str:
        if not hasattr(self, "params_"):
            return f"{type(self).__name__}(penalizer={self.penalizer})"
        shown = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        return f"{type(self).__name__}({shown}, n={self.n_:.0f})"

    # -- hooks ---------------------------------------------------------------------------------
    def _rules(self, cols: Mapping[str, Array]) -> list[tuple[str, NDArray[np.bool_]]]:
        return []

    def _check_fit_data(self, distinct: Distinct) -> None:
        return None

    def _prepare(self, distinct: Distinct) -> Any:
        return distinct

    def _loglik(self, params: Array, prep: Any, grad: bool) -> tuple[float, Array]:
        raise NotImplementedError

    def _initial(self, prep: Any) -> Array:
        return np.ones(len(self._param_names))

    @classmethod
    def from_params(cls, **params: float) -> Self:
        """A model with known parameters, e.g. published ones (its standard errors are NaN).

        Examples
        --------
        >>> from loyalist.models import BetaGeo
        >>> BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        BetaGeo(r=0.243, alpha=4.414, a=0.793, b=2.426, n=0)
        """
        if set(params) != set(cls._param_names):
            raise ValueError(f"{cls.__name__} needs exactly the parameters {cls._param_names}")
        if not all(np.isfinite(v) and v > 0 for v in params.values()):
            raise ValueError("parameters must be positive numbers")
        model = cls()
        model.params_ = {name: float(params[name]) for name in cls._param_names}
        model.n_ = 0.0
        k = len(cls._param_names)
        model._cov_log = np.full((k, k), np.nan)
        return model

    # -- input ---------------------------------------------------------------------------------
    def _read(self, data: Any) -> tuple[dict[str, Array], pd.Index | None]:
        cols, index = read_columns(data, self._columns)
        validate(cols, self._rules(cols))
        return cols, index

    # -- fitting -------------------------------------------------------------------------------
    def fit(self, data: Any, weights: ArrayLike | None = None) -> Self:
        """Fit by maximum likelihood on the distinct rows of ``data``.

        Parameters
        ----------
        data : table
            pandas/Ibis/polars/pyarrow table or mapping with the model's columns.
        weights : array_like, optional
            Non-negative weight of each row (e.g. a count of identical customers).

        Returns
        -------
        self

        Examples
        --------
        >>> from loyalist.models import BetaGeo
        >>> rows = {"frequency": [0, 1, 4], "recency": [0, 3.0, 8.0], "T": [9.0, 9.0, 9.0]}
        >>> model = BetaGeo(penalizer=0.1).fit(rows, weights=[50, 30, 20])
        >>> model.n_, model.n_distinct_
        (100.0, 3)
        """
        cols, _ = self._read(data)
        w = check_weights(weights, next(iter(cols.values())).size)
        return self._fit_distinct(collapse(cols, w))

    def _fit_distinct(self, distinct: Distinct) -> Self:
        self._check_fit_data(distinct)
        prep = self._prepare(distinct)
        total = float(distinct.weights.sum())
        if total <= 0:
            raise ValueError("nothing to fit: the data have no rows (or all weights are zero)")
        penalizer = float(self.penalizer)

        def objective(log_params: Array) -> tuple[float, Array]:
            params = np.exp(log_params)
            ll, g = self._loglik(params, prep, True)
            value = -ll / total + penalizer * float(params @ params)
            gradient = (-g / total + 2.0 * penalizer * params) * params
            if not np.isfinite(value) or not np.all(np.isfinite(gradient)):
                return np.inf, np.zeros_like(params)
            return value, gradient

        start = np.log(self._initial(prep))
        value, gradient = objective(start)
        if not np.isfinite(value):
            raise ConvergenceError(f"{type(self).__name__}: log-likelihood is not finite at start")
        # BFGS in pure numpy: L-BFGS-B calls threaded LAPACK on tiny matrices, which costs
        # milliseconds per iteration (and far more on a busy machine) for 2-4 parameters.
        # The first step is capped at about one unit of log-parameter, as L-BFGS-B does.
        first_step = np.eye(start.size) / max(1.0, float(np.linalg.norm(gradient)))
        result = minimize(
            objective,
            start,
            jac=True,
            method="BFGS",
            options={"maxiter": 1000, "gtol": 1e-8, "hess_inv0": first_step},
        )
        if not np.all(np.isfinite(result.x)):
            raise ConvergenceError(f"{type(self).__name__}: optimiser failed ({result.message})")
        gnorm = float(np.max(np.abs(result.jac)))
        self.converged_ = bool(result.success or gnorm < 1e-5)
        if not self.converged_:
            warnings.warn(
                f"{type(self).__name__}: the optimiser stopped without converging "
                f"({result.message}; largest gradient {gnorm:.2g})",
                ConvergenceWarning,
                stacklevel=3,
            )
        runaway = np.abs(result.x) >= 25.0
        if runaway.any():
            names = [n for n, b in zip(self._param_names, runaway, strict=True) if b]
            warnings.warn(
                f"{type(self).__name__}: parameter(s) {names} ran off to 0 or infinity "
                "(beyond exp(+-25)); the data do not identify the model",
                ConvergenceWarning,
                stacklevel=3,
            )
        params = np.exp(result.x)
        self.params_ = dict(zip(self._param_names, params.tolist(), strict=True))
        self.log_likelihood_ = -(float(result.fun) - penalizer * float(params @ params)) * total
        self.n_ = total
        self.n_distinct_ = distinct.size
        self.n_iter_ = int(result.nit)
        # the Hessian (for standard errors) is computed on first use of `summary`/`covariance_`
        self._hessian_at = (result.x, objective, total)
        self.__dict__.pop("_cov_log", None)
        return self

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the closure kept for the lazy Hessian (compute it first)."""
        if "_hessian_at" in self.__dict__:
            self._covariance_log()
        return self.__dict__.copy()

    @property
    def covariance_(self) -> pd.DataFrame:
        """Covariance matrix of the estimates (natural scale, from the observed information).

        Examples
        --------
        >>> from loyalist.models import ShiftedBetaGeo
        >>> ShiftedBetaGeo().fit([1000, 631, 468, 382, 326]).covariance_.shape
        (2, 2)
        """
        params = self._params()
        names = list(self._param_names)
        return pd.DataFrame(self._covariance_log() * np.outer(params, params), names, names)

    def _covariance_log(self) -> Array:
        if "_cov_log" not in self.__dict__:
            self._cov_log = self._compute_covariance(*self._hessian_at)
            del self._hessian_at  # releases the prepared data
        return self._cov_log

    def _compute_covariance(self, log_params: Array, objective: Any, total: float) -> Array:
        """Covariance from central differences of the analytic gradient (log-parameter space).

        The inverse Hessian of the (penalised) negative log-likelihood: the observed information.
        """
        k, h = log_params.size, 1e-4
        hess = np.empty((k, k))
        for i in range(k):
            step = np.zeros(k)
            step[i] = h
            hess[i] = (objective(log_params + step)[1] - objective(log_params - step)[1]) / (2 * h)
        hess = (hess + hess.T) / 2 * total
        try:
            cov_log = np.linalg.inv(hess)
            if np.any(np.diag(cov_log) <= 0) or not np.all(np.isfinite(cov_log)):
                raise np.linalg.LinAlgError
        except np.linalg.LinAlgError:
            warnings.warn(
                f"{type(self).__name__}: the Hessian is not positive definite; "
                "standard errors are not available",
                ConvergenceWarning,
                stacklevel=5,
            )
            cov_log = np.full((k, k), np.nan)
        return cov_log

    # -- reporting -----------------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "params_"):
            raise NotFittedError(
                f"this {type(self).__name__} is not fitted yet: call fit(data) first"
            )

    def _params(self) -> Array:
        self._check_fitted()
        return np.array([self.params_[n] for n in self._param_names])

    @property
    def summary(self) -> pd.DataFrame:
        """Estimates, standard errors and 95 % intervals, one row per parameter.

        The interval is computed on the log scale, ``exp(log(theta) +- 1.96 se_log)``, so it
        stays positive; the standard error is the delta-method one on the natural scale.

        Examples
        --------
        >>> from loyalist.models import ShiftedBetaGeo
        >>> ShiftedBetaGeo().fit([1000, 631, 468, 382, 326]).summary.columns.tolist()
        ['estimate', 'std_error', 'ci_low', 'ci_high']
        """
        params = self._params()
        se_log = np.sqrt(np.diag(self._covariance_log()))
        return pd.DataFrame(
            {
                "estimate": params,
                "std_error": params * se_log,
                "ci_low": params * np.exp(-_Z95 * se_log),
                "ci_high": params * np.exp(_Z95 * se_log),
            },
            index=pd.Index(self._param_names, name="parameter"),
        )

    # -- scoring helpers -----------------------------------------------------------------------
    def _score(self, data: Any, func: Any, name: str) -> Array | pd.Series:
        """Evaluate ``func(distinct_columns)`` once per distinct row and map back to rows."""
        self._check_fitted()
        cols, index = self._read(data)
        distinct = collapse(cols)
        values = np.asarray(func(distinct.columns), dtype=np.float64)[distinct.inverse]
        return as_output(values, index, name)

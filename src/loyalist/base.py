"""``CustomerBase``: the customers' data as Ibis tables on one engine.

Every other part of loyalist (metrics, segments, models, the report) works on a
CustomerBase. Build it from a ``loyalist.toml``, from files, from frames, or from the
tables of any Ibis connection (PostgreSQL tables are used where they are, not copied).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from loyalist.config import Config
from loyalist.data.load import Progress, TableInput, load_tables
from loyalist.data.validate import ValidationReport
from loyalist.dates import as_date

if TYPE_CHECKING:
    from loyalist.churn.backtest import Backtest
    from loyalist.models.chain import ClvResult


class CustomerBase:
    """The tables of the data model, validated, on one engine (DuckDB by default).

    Parameters
    ----------
    tables
        Canonical table name -> Ibis table with canonical columns.
    con
        The Ibis backend the tables live on.
    config
        Business settings, ladder thresholds and goals.
    report
        What validation found (warnings only: errors stop the load).

    Examples
    --------
    >>> from loyalist.datasets import load_cdnow
    >>> base = CustomerBase.from_frames(orders=load_cdnow(sample=True))
    >>> base.orders.count().execute()
    6919
    """

    def __init__(
        self,
        tables: Mapping[str, ir.Table],
        con: BaseBackend,
        config: Config | None = None,
        report: ValidationReport | None = None,
    ) -> None:
        self.tables = dict(tables)
        self.con = con
        self.config = config or Config()
        self.report = report or ValidationReport()

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def from_config(cls, path: str | Path, progress: Progress | None = None) -> CustomerBase:
        """Load the tables a ``loyalist.toml`` describes.

        Examples
        --------
        >>> base = CustomerBase.from_config("demo/loyalist.toml")  # doctest: +SKIP
        """
        config = Config.load(path)
        return cls._load(config, {}, None, progress)

    @classmethod
    def from_files(cls, config: Config | None = None, **files: str | Path) -> CustomerBase:
        """Load tables from CSV, Parquet or JSON-lines files, by canonical table name.

        Examples
        --------
        >>> base = CustomerBase.from_files(orders="orders.csv")  # doctest: +SKIP
        """
        return cls._load(config or Config(), files, None, None)

    @classmethod
    def from_frames(cls, config: Config | None = None, **frames: Any) -> CustomerBase:
        """Load tables from pandas, Polars or Arrow frames, by canonical table name.

        Examples
        --------
        >>> import pandas as pd
        >>> orders = pd.DataFrame({"order_id": ["1"], "customer_id": ["a"],
        ...                        "ordered_at": ["2024-01-01"], "amount": [9.5]})
        >>> CustomerBase.from_frames(orders=orders).orders.columns[:2]
        ('order_id', 'customer_id')
        """
        return cls._load(config or Config(), frames, None, None)

    @classmethod
    def from_connection(
        cls, con: BaseBackend, config: Config | None = None, **tables: str | ir.Table
    ) -> CustomerBase:
        """Use tables of an Ibis connection where they are, by canonical table name.

        Examples
        --------
        >>> import ibis
        >>> con = ibis.postgres.connect(host="localhost", database="shop")  # doctest: +SKIP
        >>> base = CustomerBase.from_connection(con, orders="public_orders")  # doctest: +SKIP
        """
        return cls._load(config or Config(), tables, con, None)

    @classmethod
    def _load(
        cls,
        config: Config,
        inputs: Mapping[str, TableInput],
        con: BaseBackend | None,
        progress: Progress | None,
    ) -> CustomerBase:
        loaded = load_tables(config, inputs, con, progress)
        return cls(loaded.tables, loaded.con, config, loaded.report)

    # -- access -----------------------------------------------------------------------
    def has(self, *names: str) -> bool:
        """True when every table named is present."""
        return all(name in self.tables for name in names)

    def table(self, name: str) -> ir.Table:
        """The table ``name``; a clear error when the data has none."""
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(
                f"this customer base has no {name} table (it has: {', '.join(self.tables)}); "
                f"add [tables.{name}] to loyalist.toml"
            ) from None

    @property
    def orders(self) -> ir.Table:
        """The orders table."""
        return self.table("orders")

    @property
    def timezone(self) -> str:
        """The business time zone, used for period boundaries."""
        return self.config.business.timezone

    # -- numbers ------------------------------------------------------------------------
    def metrics(
        self,
        names: Sequence[str] | None = None,
        period: str | None = "month",
        by: str | None = None,
        start: date | str | None = None,
        end: date | str | None = None,
    ) -> pd.DataFrame:
        """Metrics per period and segment: ``metric, period_start, period_end, segment,
        value, ci_low, ci_high, n`` (and ``goal``, ``on_track`` where goals are set).

        Examples
        --------
        >>> base.metrics(["nps", "revenue"], period="month", by="country")  # doctest: +SKIP
        """
        from loyalist.metrics.run import compute

        return compute(self, names, period, by, as_date(start), as_date(end))  # type: ignore[arg-type]

    def cohorts(
        self,
        period: str = "month",
        mode: str = "on",
        start: date | str | None = None,
        end: date | str | None = None,
    ) -> pd.DataFrame:
        """The cohort table: ``cohort, offset, members, active, share, revenue_per_member``.

        Examples
        --------
        >>> base.cohorts(period="month", mode="on_or_after")  # doctest: +SKIP
        """
        from loyalist.metrics.cohorts import cohort_table

        return cohort_table(self, period=period, mode=mode, start=as_date(start), end=as_date(end))

    def summary(
        self,
        calibration_end: date | str | None = None,
        observation_end: date | str | None = None,
        time_unit: str = "W",
    ) -> pd.DataFrame:
        """Per customer: ``frequency, recency, T, monetary_value`` (and holdout columns).

        Repeat purchases only; same-day orders count once. See :mod:`loyalist.summary`.

        Examples
        --------
        >>> base.summary("1997-09-30", "1998-06-30")  # doctest: +SKIP
        """
        from loyalist.summary import customer_summary

        expr = customer_summary(self, as_date(calibration_end), as_date(observation_end), time_unit)
        return expr.execute()  # type: ignore[arg-type]

    def clv(
        self,
        model: str = "bgnbd",
        horizon: float = 52,
        time_unit: str = "W",
        discount_rate: float = 0.1,
        margin: float = 0.3,
        calibration_end: date | str | None = None,
        observation_end: date | str | None = None,
    ) -> ClvResult:
        """Predicted lifetime value of every customer (BG/NBD or Pareto/NBD with Gamma-Gamma).

        ``discount_rate`` is annual; ``horizon`` is in ``time_unit``. With a ``calibration_end``
        before the end of the data, ``result.holdout`` checks the forecast. See
        :func:`loyalist.models.chain.clv`.

        Examples
        --------
        >>> result = base.clv(horizon=52, calibration_end="1997-09-30")  # doctest: +SKIP
        >>> result.customers.head()  # doctest: +SKIP
        """
        from loyalist.models.chain import clv

        return clv(
            self,
            model,  # type: ignore[arg-type]
            horizon,
            time_unit,  # type: ignore[arg-type]
            discount_rate,
            margin,
            calibration_end,
            observation_end,
        )

    # -- segments -----------------------------------------------------------------------
    def segments(self, as_of: date | str | None = None) -> pd.DataFrame:
        """RFM scores and segment, and the loyalty-ladder rung, of every customer.

        One row per customer with a completed order by ``as_of`` (default: the day of the
        latest order). See :func:`loyalist.segments.customers.customer_segments`.

        Examples
        --------
        >>> base.segments("2024-12-31").rfm_segment.value_counts()  # doctest: +SKIP
        """
        from loyalist.segments.customers import customer_segments

        return customer_segments(self, as_date(as_of)).execute()  # type: ignore[no-any-return]

    def ladder(self, as_of: date | str | None = None) -> pd.DataFrame:
        """Each customer's rung on the loyalty ladder, with the facts behind it.

        See :func:`loyalist.segments.ladder.ladder_rungs`; ``as_of`` defaults to the day of
        the latest order.

        Examples
        --------
        >>> base.ladder("2024-12-31").rung.value_counts()  # doctest: +SKIP
        """
        from loyalist.segments.customers import last_order_day
        from loyalist.segments.ladder import ladder_rungs

        day = as_date(as_of) or last_order_day(self)
        return ladder_rungs(self, day).execute()  # type: ignore[no-any-return]

    def ladder_transitions(self, start: date | str, end: date | str) -> pd.DataFrame:
        """Customers moving between ladder rungs: ``from_rung, to_rung, customers``.

        Customers without an order by ``start`` come from ``new``. See
        :func:`loyalist.segments.ladder.ladder_transitions`.

        Examples
        --------
        >>> base.ladder_transitions("2024-01-01", "2024-12-31")  # doctest: +SKIP
        """
        from loyalist.segments.ladder import ladder_transitions

        return ladder_transitions(self, as_date(start), as_date(end))  # type: ignore[arg-type]

    def compare(
        self,
        metric: str,
        by: str,
        start: date | str | None = None,
        end: date | str | None = None,
    ) -> pd.DataFrame:
        """A metric over the date range for each group of ``by``, flagging real differences.

        Columns ``segment, value, ci_low, ci_high, n, differs``; ``result.attrs["pairs"]``
        tests every pair of groups (Holm-corrected). See
        :func:`loyalist.segments.compare.compare_segments`.

        Examples
        --------
        >>> base.compare("nps", by="ladder_rung", start="2024-01-01")  # doctest: +SKIP
        """
        from loyalist.segments.compare import compare_segments

        return compare_segments(self, metric, by, as_date(start), as_date(end))

    # -- churn ------------------------------------------------------------------------------
    def churn_backtest(
        self,
        horizon_days: int = 90,
        evaluate_at: date | str | None = None,
        mode: str = "auto",
        progress: Progress | None = None,
    ) -> Backtest:
        """Train the churn model on the past and check it against what customers did next.

        ``result.table`` compares the model with recency and BG/NBD baselines (ROC-AUC,
        PR-AUC, Brier, lift in the top 10 %); ``result.mode`` says how it was trained. See
        :func:`loyalist.churn.backtest.backtest`.

        Examples
        --------
        >>> base.churn_backtest(horizon_days=90).table  # doctest: +SKIP
        """
        from loyalist.churn.backtest import backtest

        return backtest(self, horizon_days, evaluate_at, mode, progress=progress)  # type: ignore[arg-type]

    def at_risk(
        self,
        top: int | None = 200,
        horizon_days: int = 90,
        as_of: date | str | None = None,
        progress: Progress | None = None,
    ) -> pd.DataFrame:
        """The customers most worth keeping: P(churn) x CLV, ranked, with their reasons.

        See :func:`loyalist.churn.at_risk.at_risk`.

        Examples
        --------
        >>> base.at_risk(top=20)[["customer_id", "value_at_risk", "reasons"]]  # doctest: +SKIP
        """
        from loyalist.churn.at_risk import at_risk

        return at_risk(self, top, horizon_days, as_of, progress=progress)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={c:,}" for n, c in self.report.row_counts.items())
        return f"CustomerBase({self.con.name}: {counts or ', '.join(self.tables)})"

"""Tests of the synthetic demo generator: files, schema, integrity and behaviour."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from loyalist.config import Config
from loyalist.data.demo import DemoResult, generate_demo
from loyalist.data.schema import ORDER_STATUSES, SCORE_RANGES, SURVEYS, TABLES

END = dt.date(2025, 6, 30)
START = pd.Timestamp("2023-07-01", tz="UTC")  # END - 2 years + 1 day
STOP = pd.Timestamp(END + dt.timedelta(days=1), tz="UTC")
# The behavioural checks hold for any seed; set this variable to try others.
SEED = int(os.environ.get("LOYALIST_DEMO_TEST_SEED", "7"))
ARROW_TYPES = {
    "string": pa.string(),
    "timestamp": pa.timestamp("us", tz="UTC"),
    "float": pa.float64(),
    "integer": pa.int64(),
    "boolean": pa.bool_(),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    out = tmp_path_factory.mktemp("demo")
    return generate_demo(out, customers=6_000, years=2.0, seed=SEED, end=END)


@pytest.fixture(scope="module")
def frames(demo: DemoResult) -> dict[str, pd.DataFrame]:
    folder = demo.config_path.parent / "data"
    return {name: pq.read_table(folder / f"{name}.parquet").to_pandas() for name in TABLES}


# --- files and configuration ----------------------------------------------------------------


def test_writes_every_table_and_a_loadable_config(demo: DemoResult) -> None:
    assert demo.config_path.name == "loyalist.toml"
    cfg = Config.load(demo.config_path)
    assert set(cfg.tables) == set(TABLES)
    for name, source in cfg.tables.items():
        assert source.path is not None and source.path.exists(), name
        assert source.path.suffix == ".parquet"
        assert pq.read_metadata(source.path).num_rows == demo.rows[name]
    assert cfg.business.timezone == "Europe/Amsterdam"
    assert cfg.business.currency == "EUR"
    assert cfg.business.active_window_days == 365
    assert (cfg.ladder.sticky_min_orders, cfg.ladder.sticky_min_active_days) == (4, 8)
    assert cfg.goals["nps"].value == 40
    assert cfg.goals["customer_retention_rate"].period == "month"
    assert cfg.goals["repeat_purchase_rate"].value == pytest.approx(0.35)
    assert demo.config_path.read_text(encoding="utf-8").startswith("# loyalist.toml")
    assert demo.rows["customers"] == 6_000
    assert all(demo.rows[name] > 0 for name in TABLES)
    assert demo.seconds > 0


def test_same_seed_gives_the_same_data_and_another_seed_does_not(tmp_path: Path) -> None:
    a = generate_demo(tmp_path / "a", customers=1_500, seed=3, end=END)
    b = generate_demo(tmp_path / "b", customers=1_500, seed=3, end=END)
    generate_demo(tmp_path / "c", customers=1_500, seed=4, end=END)
    assert a.rows == b.rows
    for name in TABLES:
        left = pq.read_table(tmp_path / "a" / "data" / f"{name}.parquet")
        assert left.equals(pq.read_table(tmp_path / "b" / "data" / f"{name}.parquet")), name
    orders_a = pq.read_table(tmp_path / "a" / "data" / "orders.parquet")
    orders_c = pq.read_table(tmp_path / "c" / "data" / "orders.parquet")
    assert not orders_a.equals(orders_c)


def test_csv_output(tmp_path: Path) -> None:
    messages: list[str] = []
    result = generate_demo(
        tmp_path, customers=800, seed=1, end=END, file_format="csv", progress=messages.append
    )
    assert messages and all(isinstance(m, str) and m for m in messages)
    cfg = Config.load(result.config_path)
    iso = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    for name, table in TABLES.items():
        path = cfg.tables[name].path
        assert path is not None and path.suffix == ".csv"
        text = pa_csv.read_csv(
            path,
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(table.names, pa.string())
            ),
        )
        assert text.column_names == table.names
        assert text.num_rows == result.rows[name]
        for column in table.columns:
            values = [v for v in text.column(column.name).to_pylist() if v]
            if column.kind == "timestamp":
                assert all(iso.match(v) for v in values), (name, column.name, values[:3])
            if column.kind == "boolean":
                assert set(values) <= {"true", "false"}
    orders = pa_csv.read_csv(cfg.tables["orders"].path)
    assert orders.schema.field("amount").type == pa.float64()
    assert orders.schema.field("quantity").type == pa.int64()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"customers": 0}, "customers"),
        ({"years": 0}, "years"),
        ({"file_format": "xlsx"}, "file_format"),
    ],
)
def test_rejects_bad_arguments(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate_demo(tmp_path, **kwargs)


def test_small_demo_ends_yesterday_by_default(tmp_path: Path) -> None:
    result = generate_demo(tmp_path, customers=40, years=0.2, seed=2)
    assert result.rows["customers"] == 40
    today = pd.Timestamp(dt.datetime.now(dt.UTC).date(), tz="UTC")
    orders = pq.read_table(tmp_path / "data" / "orders.parquet").to_pandas()
    assert len(orders) > 0
    assert orders["ordered_at"].max() < today
    assert orders["ordered_at"].min() >= today - pd.Timedelta(days=74)
    for name in TABLES:
        columns = pq.read_schema(tmp_path / "data" / f"{name}.parquet").names
        assert columns == TABLES[name].names


# --- schema conformance ---------------------------------------------------------------------


def test_columns_and_types_follow_the_schema(demo: DemoResult) -> None:
    folder = demo.config_path.parent / "data"
    for name, table in TABLES.items():
        arrow = pq.read_schema(folder / f"{name}.parquet")
        assert arrow.names == table.names, name
        for column in table.columns:
            assert arrow.field(column.name).type == ARROW_TYPES[column.kind], (name, column.name)


def test_required_columns_have_no_nulls_and_keys_are_unique(
    frames: dict[str, pd.DataFrame],
) -> None:
    for name, table in TABLES.items():
        frame = frames[name]
        for column in table.required:
            assert frame[column].notna().all(), (name, column)
        if table.key:
            assert not frame.duplicated(list(table.key)).any(), name
    assert frames["customers"]["customer_id"].str.fullmatch(r"C\d{6}").all()
    assert frames["orders"]["order_id"].str.fullmatch(r"O\d{7}").all()
    assert frames["subscriptions"]["subscription_id"].str.fullmatch(r"SUB\d{6}-\d{2}").all()
    assert frames["events"]["session_id"].is_unique


def test_values_are_allowed_and_in_range(frames: dict[str, pd.DataFrame]) -> None:
    orders = frames["orders"]
    assert set(orders["status"]) == set(ORDER_STATUSES)
    assert (orders["amount"] >= 0).all() and (orders["quantity"] >= 1).all()
    assert np.allclose(orders["amount"] * 100, np.round(orders["amount"] * 100))
    responses = frames["responses"]
    assert set(responses["survey"]) == set(SURVEYS)
    for survey, (low, high) in SCORE_RANGES.items():
        scores = responses.loc[responses["survey"] == survey, "score"]
        assert scores.notna().all() and scores.between(low, high).all(), survey
        assert (scores == np.round(scores)).all()
        assert scores.nunique() == high - low + 1, survey  # the whole scale is used
    product = responses[responses["survey"] == "product"]
    assert set(product["reason"]) == {"price", "convenience", "service", "quality", "range"}
    exits = responses[responses["survey"] == "exit"]
    assert set(exits["reason"]) == {
        "price",
        "moved_to_competitor",
        "no_longer_needed",
        "poor_service",
        "delivery",
        "other",
    }
    subs = frames["subscriptions"]
    assert set(subs["plan"]) == {"basic", "plus", "premium"}
    assert (subs["mrr"] > 0).all()
    assert subs.groupby("plan")["mrr"].max().is_monotonic_increasing
    events = frames["events"]
    assert set(events["event_type"]) == {"app_open", "view", "purchase"}
    assert (events["duration_s"] >= 1).all()
    customers = frames["customers"]
    assert customers["channel"].nunique() >= 5 and customers["country"].nunique() >= 5
    age = (customers["signup_at"] - customers["birth_date"]).dt.days / 365.25
    assert age.between(17.9, 80.1).all() and 35 < age.mean() < 50


def test_no_timestamp_outside_the_span(frames: dict[str, pd.DataFrame]) -> None:
    for name, table in TABLES.items():
        for column in table.columns:
            if column.kind != "timestamp" or not column.happened or column.name == "birth_date":
                continue
            values = frames[name][column.name].dropna()
            assert values.min() >= START, (name, column.name)
            assert values.max() < STOP, (name, column.name)
    subs = frames["subscriptions"]
    assert (subs["renewal_due_at"] > subs["started_at"]).all()
    running = subs["renewed"].isna()
    assert subs.loc[running, "ended_at"].isna().all()
    assert (subs.loc[running, "renewal_due_at"] >= STOP).all()
    assert (subs.loc[~running, "ended_at"] == subs.loc[~running, "renewal_due_at"]).all()
    messages = frames["messages"]
    assert (
        messages["opened_at"].dropna() > messages.loc[messages["opened_at"].notna(), "sent_at"]
    ).all()
    clicked = messages["clicked_at"].notna()
    assert messages.loc[clicked, "opened_at"].notna().all()
    assert (messages.loc[clicked, "clicked_at"] >= messages.loc[clicked, "opened_at"]).all()
    assert messages.loc[~messages["delivered"], "opened_at"].isna().all()


def test_referential_integrity(frames: dict[str, pd.DataFrame]) -> None:
    customers = frames["customers"].set_index("customer_id")
    for name, table in TABLES.items():
        for column in table.customer_columns:
            if name != "customers":
                assert frames[name][column].isin(customers.index).all(), (name, column)
    referrals = frames["referrals"]
    assert referrals["referred_id"].is_unique
    referred = customers.loc[referrals["referred_id"]]
    referrer = customers.loc[referrals["referrer_id"]]
    assert (referred["channel"] == "referral").all()
    assert (
        referred["signup_at"].dt.date.to_numpy() == referrals["referred_at"].dt.date.to_numpy()
    ).all()
    assert (referrer["signup_at"].to_numpy() < referrals["referred_at"].to_numpy()).all()
    assert set(customers.index[customers["channel"] == "referral"]) == set(referrals["referred_id"])
    orders = frames["orders"].merge(customers["signup_at"], left_on="customer_id", right_index=True)
    assert (orders["ordered_at"] >= orders["signup_at"]).all()


# --- behaviour that makes the metrics meaningful ---------------------------------------------


def _first_orders(orders: pd.DataFrame) -> pd.Series:
    return orders.groupby("customer_id")["ordered_at"].min()


def test_repeat_buyers_are_a_plausible_share(frames: dict[str, pd.DataFrame]) -> None:
    orders = frames["orders"]
    first = _first_orders(orders)
    early = first[first < STOP - pd.Timedelta(days=365)]
    joined = orders.merge(early.rename("first"), left_on="customer_id", right_index=True)
    later = joined[
        (joined["ordered_at"] > joined["first"])
        & (joined["ordered_at"] <= joined["first"] + pd.Timedelta(days=365))
    ]
    share = later["customer_id"].nunique() / len(early)
    assert 0.30 <= share <= 0.50
    counts = orders.groupby("customer_id").size()
    assert counts.max() >= 12  # a long tail of heavy buyers
    status = orders["status"].value_counts(normalize=True)
    assert 0.91 < status["completed"] < 0.97 and 0.02 < status["refunded"] < 0.06
    same_day = orders.groupby([orders["customer_id"], orders["ordered_at"].dt.date]).size()
    assert 0.005 < (same_day > 1).mean() < 0.08


def test_orders_peak_in_november_and_december(frames: dict[str, pd.DataFrame]) -> None:
    month = frames["orders"]["ordered_at"].dt.month
    year = frames["orders"]["ordered_at"].dt.year
    per_month = frames["orders"].groupby([year, month]).size()
    assert per_month[(2024, 12)] > 1.2 * per_month[(2024, 10)]
    assert per_month[(2024, 11)] > 1.1 * per_month[(2024, 10)]


def test_promoters_buy_again_and_refer_more_than_detractors(
    frames: dict[str, pd.DataFrame],
) -> None:
    responses, orders = frames["responses"], frames["orders"]
    nps = responses[responses["survey"] == "nps"]
    nps = nps[nps["responded_at"] < STOP - pd.Timedelta(days=180)]
    nps = nps.sort_values("responded_at").drop_duplicates("customer_id")
    joined = nps.merge(orders[["customer_id", "ordered_at"]], on="customer_id")
    window = (joined["ordered_at"] > joined["responded_at"]) & (
        joined["ordered_at"] <= joined["responded_at"] + pd.Timedelta(days=180)
    )
    again = set(joined.loc[window, "customer_id"])
    bought = nps["customer_id"].isin(again)
    promoters, detractors = nps["score"] >= 9, nps["score"] <= 6
    assert bought[promoters].mean() > bought[detractors].mean() + 0.1
    referrers = nps["customer_id"].isin(frames["referrals"]["referrer_id"])
    assert referrers[promoters].mean() > 3 * referrers[detractors].mean()
    everyone = responses.loc[responses["survey"] == "nps", "score"]
    score = 100 * ((everyone >= 9).mean() - (everyone <= 6).mean())
    assert 5 < score < 45


def test_app_activity_thins_out_before_dropout(frames: dict[str, pd.DataFrame]) -> None:
    """Customers who stopped buying long ago had fewer active days in their last 4 weeks."""
    orders, events, customers = frames["orders"], frames["events"], frames["customers"]
    last = orders.groupby("customer_id")["ordered_at"].max().rename("last")
    start = customers.set_index("customer_id")["signup_at"].rename("start")
    gone = pd.concat([last, start], axis=1, join="inner")
    long_ago = gone["last"] < STOP - pd.Timedelta(days=120)
    gone = gone[long_ago & (gone["last"] - gone["start"] > pd.Timedelta(days=120))]
    days = events.assign(day=events["occurred_at"].dt.floor("D"))[["customer_id", "day"]]
    days = days.drop_duplicates().merge(gone, left_on="customer_id", right_index=True)
    gone = gone.loc[days["customer_id"].unique()]
    to_last = days["last"] - days["day"]
    before = ((to_last > pd.Timedelta(days=1)) & (to_last <= pd.Timedelta(days=29))).sum()
    earlier = (to_last > pd.Timedelta(days=56)).sum()
    earlier_days = ((gone["last"] - gone["start"]).dt.days - 56).sum()
    assert len(gone) > 100
    assert before / (28 * len(gone)) < 0.7 * earlier / earlier_days


def test_event_volume_and_stickiness(frames: dict[str, pd.DataFrame]) -> None:
    events, customers = frames["events"], frames["customers"]
    per_customer = len(events) / len(customers)
    assert 30 < per_customer < 150  # 20,000 customers give 1-3 million rows
    assert 0.4 < events["customer_id"].nunique() / len(customers) < 0.75
    day = events["occurred_at"].dt.floor("D")
    month = events["occurred_at"].dt.tz_convert(None).dt.to_period("M")
    active = pd.DataFrame({"c": events["customer_id"], "d": day, "m": month}).drop_duplicates()
    dau = active.groupby("m")["d"].value_counts().groupby("m").mean()
    mau = active.groupby("m")["c"].nunique()
    ratio = (dau / mau).iloc[1:-1]
    assert ratio.between(0.1, 0.45).all()


def test_product_survey_reasons_differ_in_repeat_buying(frames: dict[str, pd.DataFrame]) -> None:
    responses, orders = frames["responses"], frames["orders"]
    product = responses[responses["survey"] == "product"].sort_values("responded_at")
    reason = product.drop_duplicates("customer_id", keep="last").set_index("customer_id")["reason"]
    counts = orders.groupby("customer_id").size().reindex(reason.index, fill_value=0)
    repeat = (counts >= 2).groupby(reason).mean()
    assert repeat["convenience"] > repeat["price"] + 0.1
    assert repeat.max() - repeat.min() > 0.1


def test_subscriptions_renew_like_a_membership(frames: dict[str, pd.DataFrame]) -> None:
    subs, customers = frames["subscriptions"], frames["customers"]
    assert 0.15 < subs["customer_id"].nunique() / len(customers) < 0.35
    decided = subs[subs["renewed"].notna()]
    rate = decided["renewed"].astype(bool).mean()
    assert 0.8 <= rate <= 0.95
    by_plan = decided.groupby("plan")["renewed"].apply(lambda s: s.astype(bool).mean())
    assert by_plan["premium"] > by_plan["basic"] + 0.02
    terms = subs.groupby(subs["subscription_id"].str[:9])["plan"].nunique()
    assert (terms > 1).any()  # some up- and downgrades


def test_csat_and_exit_answers(frames: dict[str, pd.DataFrame]) -> None:
    responses, orders = frames["responses"], frames["orders"]
    csat = responses.loc[responses["survey"] == "csat", "score"]
    assert 0.7 < (csat >= 4).mean() < 0.9
    exits = responses[responses["survey"] == "exit"]
    last = orders.groupby("customer_id")["ordered_at"].max()
    after_exit = last.reindex(exits["customer_id"]).to_numpy() > exits["responded_at"].to_numpy()
    assert after_exit.mean() < 0.15  # exit answers come around the end, not mid-relationship
    price_led = responses[(responses["survey"] == "product") & (responses["reason"] == "price")]
    gone_for_price = exits[exits["customer_id"].isin(price_led["customer_id"])]
    assert (gone_for_price["reason"] == "price").mean() > (exits["reason"] == "price").mean()


def test_email_engagement(frames: dict[str, pd.DataFrame]) -> None:
    messages, customers = frames["messages"], frames["customers"]
    opted_in = set(customers.loc[customers["email_opt_in"], "customer_id"])
    assert messages["customer_id"].isin(opted_in).all()
    delivered = messages[messages["delivered"]]
    assert 0.95 < len(delivered) / len(messages) < 0.99
    open_rate = delivered["opened_at"].notna().mean()
    click_to_open = delivered["clicked_at"].notna().sum() / delivered["opened_at"].notna().sum()
    assert 0.18 < open_rate < 0.38
    assert 0.08 < click_to_open < 0.3
    months = messages["sent_at"].dt.tz_convert(None).dt.to_period("M")
    broadcasts = messages.loc[~messages["campaign"].isin(["welcome", "winback"]), "campaign"]
    per_month = broadcasts.groupby(months).nunique()
    assert per_month.between(2, 4).all()
    assert {"welcome", "winback"} <= set(messages["campaign"])

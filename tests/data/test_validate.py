"""Each validation rule, on a small bad file: the problem names the file, column and count."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from loyalist import CustomerBase, DataError
from loyalist.config import Config
from loyalist.data.load import load_tables
from loyalist.data.validate import Problem

HEADER = "order_id,customer_id,ordered_at,amount,status\n"


def problems(tmp_path: Path, extra: str = "", **files: str) -> list[Problem]:
    """Write the files, load them with a config naming them, and return every problem."""
    tables = ""
    for name, content in files.items():
        (tmp_path / f"{name}.csv").write_text(content, encoding="utf-8")
        tables += f'[tables.{name}]\npath = "{name}.csv"\n'
    config_path = tmp_path / "loyalist.toml"
    config_path.write_text(extra + "\n" + tables, encoding="utf-8")
    return load_tables(Config.load(config_path), keep_invalid=True).report.problems


def only(found: list[Problem], severity: str = "error") -> Problem:
    chosen = [p for p in found if p.severity == severity]
    assert len(chosen) == 1, [p.describe() for p in found]
    return chosen[0]


def test_clean_orders_have_no_problem(tmp_path: Path) -> None:
    assert problems(tmp_path, orders=HEADER + "o1,c1,2024-01-05,10.00,completed\n") == []


def test_missing_required_column_suggests_closest_name(tmp_path: Path) -> None:
    found = problems(tmp_path, orders="order_id,customer_id,ordered_at,amnt\no1,c1,2024-01-05,1\n")
    problem = only(found)
    assert problem.source == "orders.csv"
    assert problem.column == "amount"
    assert "'amount'" in problem.message and "amnt" in problem.message
    assert 'amount = "amnt"' in (problem.hint or "")


def test_mapped_column_absent_from_file(tmp_path: Path) -> None:
    extra = '[tables.orders]\ncolumns = { amount = "Total" }\n'
    (tmp_path / "orders.csv").write_text(HEADER + "o1,c1,2024-01-05,1,completed\n")
    (tmp_path / "loyalist.toml").write_text(extra + 'path = "orders.csv"\n')
    found = load_tables(Config.load(tmp_path / "loyalist.toml"), keep_invalid=True).report
    problem = only(found.problems)
    assert problem.column == "Total" and "mapped to 'Total'" in problem.message


def test_dates_that_do_not_parse(tmp_path: Path) -> None:
    rows = "o1,c1,2024-13-45,1,completed\no2,c1,yesterday,1,completed\no3,c1,2024-01-01,1,\n"
    problem = only(problems(tmp_path, orders=HEADER + rows))
    assert problem.column == "ordered_at" and problem.count == 2
    assert problem.message.startswith("2 of 3 values do not parse as timestamp")
    assert [e["ordered_at"] for e in problem.examples] == ["2024-13-45", "yesterday"]
    assert [e["row"] for e in problem.examples] == [2, 3]  # line numbers in the file


def test_numbers_that_do_not_parse(tmp_path: Path) -> None:
    rows = "o1,c1,2024-01-01,abc,completed\no2,c1,2024-01-02,12.5,completed\n"
    problem = only(problems(tmp_path, orders=HEADER + rows))
    assert (problem.column, problem.count) == ("amount", 1)
    assert "decimal" in (problem.hint or "")


def test_null_keys(tmp_path: Path) -> None:
    rows = ",c1,2024-01-01,1,completed\no2,,2024-01-02,1,completed\no3,,2024-01-03,1,completed\n"
    found = [p for p in problems(tmp_path, orders=HEADER + rows) if p.severity == "error"]
    by_column = {p.column: p.count for p in found}
    assert by_column == {"order_id": 1, "customer_id": 2}


def test_duplicate_keys(tmp_path: Path) -> None:
    rows = "o1,c1,2024-01-01,1,completed\no1,c2,2024-01-02,1,completed\no2,c1,2024-01-03,1,\n"
    problem = only(problems(tmp_path, orders=HEADER + rows))
    assert problem.column == "order_id" and problem.count == 2
    assert "1 duplicated key" in problem.message


def test_negative_amount_on_completed_orders_only(tmp_path: Path) -> None:
    rows = "o1,c1,2024-01-01,-5,completed\no2,c1,2024-01-02,-5,refunded\no3,c1,2024-01-03,-1,\n"
    problem = only(problems(tmp_path, orders=HEADER + rows))
    # o1 is completed, o3 is completed by default; the refund may be negative.
    assert (problem.column, problem.count) == ("amount", 2)


def test_unknown_status(tmp_path: Path) -> None:
    rows = "o1,c1,2024-01-01,1,shipped\no2,c1,2024-01-02,1,COMPLETED\no3,c1,2024-01-03,1,lost\n"
    problem = only(problems(tmp_path, orders=HEADER + rows))
    assert (problem.column, problem.count) == ("status", 2)  # case does not matter


def test_scores_out_of_range_per_survey(tmp_path: Path) -> None:
    responses = (
        "customer_id,responded_at,survey,score\n"
        "c1,2024-01-01,nps,11\nc1,2024-01-02,nps,0\nc1,2024-01-03,csat,0\n"
        "c1,2024-01-04,csat,5\nc1,2024-01-05,nps,-1\nc1,2024-01-06,product,42\n"
    )
    orders = HEADER + "o1,c1,2024-01-01,1,completed\n"
    found = problems(tmp_path, orders=orders, responses=responses)
    counts = {p.message.split(" scores")[0]: p.count for p in found}
    assert counts == {"2 of 6 NPS": 2, "1 of 6 CSAT": 1}


def test_unknown_survey_kind(tmp_path: Path) -> None:
    responses = "customer_id,responded_at,survey,score\nc1,2024-01-01,nsp,9\n"
    orders = HEADER + "o1,c1,2024-01-01,1,completed\n"
    problem = only(problems(tmp_path, orders=orders, responses=responses))
    assert (problem.source, problem.column, problem.count) == ("responses.csv", "survey", 1)


def test_timestamps_in_the_future(tmp_path: Path) -> None:
    rows = "o1,c1,2099-01-01,1,completed\no2,c1,2024-01-02,1,completed\n"
    problem = only(problems(tmp_path, orders=HEADER + rows))
    assert (problem.column, problem.count) == ("ordered_at", 1)
    assert "future" in problem.message and f"{datetime.now(UTC):%Y}" in problem.message


def test_due_dates_may_lie_ahead(tmp_path: Path) -> None:
    subscriptions = (
        "subscription_id,customer_id,started_at,renewal_due_at\ns1,c1,2024-01-01,2099-01-01\n"
    )
    orders = HEADER + "o1,c1,2024-01-01,1,completed\n"
    assert problems(tmp_path, orders=orders, subscriptions=subscriptions) == []


def test_subscription_ending_before_it_starts(tmp_path: Path) -> None:
    subscriptions = "subscription_id,customer_id,started_at,ended_at\ns1,c1,2024-02-01,2024-01-01\n"
    orders = HEADER + "o1,c1,2024-01-01,1,completed\n"
    problem = only(problems(tmp_path, orders=orders, subscriptions=subscriptions))
    assert (problem.column, problem.count) == ("ended_at", 1)


def test_orders_of_unknown_customers_is_a_warning(tmp_path: Path) -> None:
    orders = HEADER + "o1,c1,2024-01-01,1,\no2,c9,2024-01-02,1,\no3,c9,2024-01-03,1,\n"
    found = problems(tmp_path, orders=orders, customers="customer_id,country\nc1,NL\n")
    problem = only(found, "warning")
    assert not [p for p in found if p.severity == "error"]
    assert (problem.source, problem.column, problem.count) == ("orders.csv", "customer_id", 2)
    assert "1 distinct" in problem.message


def test_empty_table(tmp_path: Path) -> None:
    problem = only(problems(tmp_path, orders=HEADER))
    assert problem.message == "the table has no rows"


def test_examples_are_at_most_five(tmp_path: Path) -> None:
    rows = "".join(f"o{i},c1,not a date,1,completed\n" for i in range(12))
    problem = only(problems(tmp_path, orders=HEADER + rows))
    assert problem.count == 12 and len(problem.examples) == 5


def test_a_failed_load_raises_with_every_problem_and_leaves_nothing(tmp_path: Path) -> None:
    orders = HEADER + "o1,c1,2024-13-01,x,lost\n"
    (tmp_path / "orders.csv").write_text(orders)
    with pytest.raises(DataError) as caught:
        CustomerBase.from_files(orders=tmp_path / "orders.csv")
    assert {p.column for p in caught.value.report.errors} == {"ordered_at", "amount", "status"}
    assert "3 error(s)" in str(caught.value)


def test_frame_problems_name_the_frame(tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {
            "order_id": ["1", "1"],
            "customer_id": ["a", "b"],
            "ordered_at": ["2024-01-01"] * 2,
            "amount": [1.0, 2.0],
        }
    )
    with pytest.raises(DataError) as caught:
        CustomerBase.from_frames(orders=frame)
    problem = caught.value.report.errors[0]
    assert (problem.source, problem.column, problem.count) == ("orders frame", "order_id", 2)
    assert [e["row"] for e in problem.examples] == [0, 1]  # positions in the frame

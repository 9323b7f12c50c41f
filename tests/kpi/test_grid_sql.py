"""The grid expressions: over one row of monthly columns, what sum()/arg_max() over the month rows would say."""

import duckdb
import pytest

from pac_core.kpi import grid_sql

# Months:    jan  feb   mar  apr   may  jun  … dec
ROW = [10.0, None, 5.0, None, None, 7.0] + [None] * 6


@pytest.fixture(scope="module")
def grid():
    con = duckdb.connect()
    columns = ", ".join(f"{'NULL::DOUBLE' if value is None else value} AS m{month:02d}"
                        for month, value in enumerate(ROW, start=1))
    con.execute(f"CREATE TABLE g AS SELECT {columns}")
    yield lambda expression: con.execute(f"SELECT {expression} FROM g").fetchall()[0][0]
    con.close()


def test_sums_of_months_and_none_when_no_month_has_a_figure(grid):
    assert grid(grid_sql.total(1, 3)) == 15  # 10 + 5 (February has none)
    assert grid(grid_sql.total(1, 12)) == 22  # 10 + 5 + 7
    assert grid(grid_sql.total(4, 5)) is None  # no figure in April or May: NULL, as sum() over no rows
    assert grid(grid_sql.total(7, 6)) is None  # an empty range


def test_the_latest_figure_and_its_month(grid):
    assert grid(grid_sql.latest(1, 5)) == 5  # March's, the latest up to May
    assert grid(grid_sql.latest_month(1, 5)) == 3
    assert grid(grid_sql.latest(1, 12)) == 7 and grid(grid_sql.latest_month(1, 12)) == 6
    assert grid(grid_sql.latest(7, 12)) is None and grid(grid_sql.latest(5, 4)) is None


def test_months_before_january_do_not_exist(grid):
    fragments = grid_sql.fragments(__import__("datetime").date(2026, 2, 1))
    assert grid(fragments["{month_0}"]) is None and grid(fragments["{month_1}"]) == 10
    assert grid(fragments["{month_2}"]) is None  # December of the year before is not in this row
    assert grid(fragments["{sum_last_3_months}"]) == 10  # January and February only
    assert grid(fragments["{any_to_date}"]) is True

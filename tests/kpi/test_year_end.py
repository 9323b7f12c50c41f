"""The forecast shown (DESIGN.md, « Prévision de fin d'année », issue 20) through the KPI engine: without history it
is the plan-based atterrissage, unchanged; with two years of history it is the method chosen on them, the same figure
in objectives(), the roll-up, the cumulative series, summary --json and `forecast`; the re-adjustment keeps the
atterrissage, which follows the plan's targets."""

import dataclasses
import datetime
import json

import pytest

from pac_core.cli import main
from pac_core.formatting import euros
from pac_core.forecast import forecast_pairs
from pac_core.kpi import year_end
from pac_core.kpi.objective_grid import objective_grid
from pac_core.kpi.objectives import objectives, rollup
from pac_core.kpi.scope import Scope
from pac_core.kpi.series import series
from pac_core.readjust.figures import review_figures
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, workbook

D = datetime.date
MONTHS_FR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
# Last year and the year before: 10 a month, 40 in May (a trade show), 30 in December — 170 a year.
SHAPE = [10, 10, 10, 10, 40, 10, 10, 10, 10, 10, 10, 30]


def _import(store: Store, path) -> None:
    validation = validate_files([path], store.context())
    assert validation.ok, [issue.message for issue in validation.errors]
    store.import_batch(validation.batch, user="test")


@pytest.fixture
def seasonal(tmp_path):
    """A1's revenue: 2024 and 2025 shaped by SHAPE; 2026 planned flat (200 € a month) and 12 € a month sold from
    January to March, 20 % above last year. A2: a plan without history."""
    results = [["A1", "CA", f"{MONTHS_FR[m]} {year}", SHAPE[m]] for year in (2024, 2025) for m in range(12)]
    results += [["A1", "CA", f"{MONTHS_FR[m]} 2026", 12] for m in range(3)]
    results += [["A2", "CA", f"{MONTHS_FR[m]} 2026", 100] for m in range(3)]
    targets = [[action, "CA", f"{MONTHS_FR[m]} 2026", 200] for action in ("A1", "A2") for m in range(12)]
    store = Store(tmp_path / "pac.duckdb")
    _import(store, workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("A1", "Salon"), action_row("A2", "Web")],
        "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"], *targets],
        "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], *results]}))
    yield store
    store.close()


MARCH = Scope(as_of=D(2026, 3, 1))


def test_last_years_shape_forecasts_the_year_where_the_flat_plan_cannot(seasonal):
    rows = objectives(seasonal, MARCH).set_index("action_id")
    a1 = rows.loc["A1"]
    # By hand: 36 € to March against 30 € last year (× 1,2); the months left sold 170 − 30 = 140 € last year.
    assert a1["forecast_method"] == "saisonnier"
    assert a1["forecast"] == pytest.approx(36 + 140 * 36 / 30)  # 204 €
    assert a1["forecast_low"] <= a1["forecast"] <= a1["forecast_high"]
    # The atterrissage stays beside it: 36 € + 1 800 € of plan left × pace 36 / 600
    assert a1["plan_forecast"] == pytest.approx(36 + 1800 * 36 / 600)  # 144 €
    assert "saisonnalité de 2025" in a1["forecast_reason"]
    a2 = rows.loc["A2"]  # no history: the atterrissage and its band, as before
    assert a2["forecast_method"] == "plan" and a2["forecast"] == pytest.approx(300 + 1800 * 300 / 600)


def test_the_company_total_and_the_cumulative_path_end_on_the_same_forecast(seasonal):
    company = rollup(seasonal, MARCH).set_index("metric").loc["ca"]
    assert company["forecast"] == pytest.approx(204 + 1200)
    path = series(seasonal, "ca", MARCH).set_index("month")
    december = path.loc[D(2026, 12, 1)]
    assert december["forecast"] == pytest.approx(company["forecast"])
    assert december["forecast_low"] == pytest.approx(company["forecast_low"])
    assert december["forecast_high"] == pytest.approx(company["forecast_high"])
    # May carries last year's trade show for A1: 36 + 10 + 40 (× 1,2) on top of A2's 300 + 2 × 200 × 0,5
    assert path.loc[D(2026, 5, 1), "forecast"] == pytest.approx(36 + 50 * 1.2 + 300 + 400 * 0.5)


def test_without_history_nothing_changes(tmp_path):
    store = Store(tmp_path / "pac.duckdb")
    _import(store, workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("A1", "Salon")],
        "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"], ["A1", "CA", "mars 2026", 500],
                      ["A1", "CA", "juin 2026", 500]],
        "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], ["A1", "CA", "mars 2026", 400]]}))
    assert year_end.forecast_table(store, 1, D(2026, 3, 1)).num_rows == 0
    row = objectives(store, MARCH).iloc[0]
    assert (row["forecast_method"], row["forecast"], row["plan_forecast"]) == ("plan", 800.0, 800.0)
    store.close()


@pytest.fixture(scope="module")
def demo_with_history(tmp_path_factory):
    from pac_core.demo_loader import load_demo

    store = Store(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    load_demo(store, history=True)
    yield store
    store.close()


@pytest.mark.parametrize("month", [1, 3, 6, 9, 11, 12])
def test_the_numpy_atterrissage_is_the_sql_one(demo_with_history, month):
    """The forecast package's plan-based atterrissage (its backtests' candidate) is objectives.sql's, figure for
    figure, on the demo with two years of history."""
    store, as_of = demo_with_history, D(2026, month, 1)
    grid = objective_grid(store, store.current_plan_version()).to_pandas()
    grid = grid[grid["family"] != "coût"]  # costs are no objective (objectives.sql leaves them out)
    pairs, _ = forecast_pairs(grid, as_of)
    sql = objectives(store, Scope(as_of=as_of)).set_index(["action_id", "metric"])["plan_forecast"]
    numpy = pairs.set_index(["action_id", "metric"])["plan"]
    assert len(numpy) > 10
    for key, value in numpy.items():
        assert value == pytest.approx(sql[key], abs=1e-6), key


def test_summary_and_the_forecast_command_give_the_chosen_forecast(seasonal, capsys):
    db = str(seasonal.path)
    seasonal.close()
    assert main(["--db", db, "forecast", "--as-of", "2026-03", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    a1 = next(row for row in report["forecasts"] if row["action_id"] == "A1")
    assert a1["method"] == "saisonnier" and a1["year_end"] == pytest.approx(204)
    assert a1["low"] <= 204 <= a1["high"] and a1["backtest_mase"] is not None
    assert set(a1) >= {"action_id", "metric", "year_end", "low", "high", "method", "backtest_mase"}
    assert main(["--db", db, "summary", "--as-of", "2026-03", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    a1 = next(row for row in summary["actions"] if row["action_id"] == "A1")
    assert a1["forecast_year_end"] == pytest.approx(204) and a1["forecast_method"] == "saisonnier"
    assert main(["--db", db, "forecast", "--as-of", "2026-03"]) == 0
    text = capsys.readouterr().out
    assert "saisonnalité de l'an dernier" in text and euros(204) in text
    assert main(["--db", db, "forecast", "--as-of", "2027-01"]) == 0  # a year the base does not hold
    assert "Aucun objectif ni réalisé en 2027 : rien à prévoir." in capsys.readouterr().out


def test_the_readjustment_keeps_the_atterrissage_that_follows_the_plan(seasonal):
    figures = review_figures(seasonal, MARCH).set_index("action_id")
    assert figures.loc["A1", "forecast"] == pytest.approx(144)


def test_the_forecast_follows_the_as_of_month(seasonal):
    june = objectives(seasonal, dataclasses.replace(MARCH, as_of=D(2026, 6, 1))).set_index("action_id")
    march = objectives(seasonal, MARCH).set_index("action_id")
    assert june.loc["A1", "forecast"] != march.loc["A1", "forecast"]

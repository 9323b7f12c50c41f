"""Next year's plan from the bilan: our own template workbook, phased with last year's actual seasonality, that
imports unchanged as a valid plan. The demo told on 10 January 2027 is the whole of 2026 (pac_core/demo.py)."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pac_core import bilan
from pac_core.bilan import ARRETER, TESTER, BilanError, compute
from pac_core.next_plan import phase, plan_tables, write_next_plan
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.closed_year import closed_year_demo

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2027, 1, 10)


@pytest.fixture()
def demo_db(tmp_path, monkeypatch):
    return closed_year_demo(tmp_path, monkeypatch)


@pytest.fixture()
def store(demo_db):
    with Store(demo_db) as opened:
        yield opened


def test_phasing_follows_the_weights_and_keeps_the_exact_sum():
    # SAL2's 71 000 € over its 2026 revenue: 14 600, 21 900, 6 800, 27 300 (70 600 €)
    # 71 000 × 14 600 / 70 600 = 14 682,72 ; × 21 900 → 22 024,08 ; × 6 800 → 6 838,53 ; × 27 300 → 27 454,67
    # floors add up to 70 998: the 2 euros left go to the largest fractions (,72 and ,67)
    assert phase(71_000, [14_600, 21_900, 6_800, 27_300]) == [14_683, 22_024, 6_838, 27_455]
    assert phase(10, [1, 1, 1]) == [4, 3, 3]  # equal fractions: the earliest month first
    assert phase(12, [0, 0, 0, 0]) == [3, 3, 3, 3]  # no weight at all: flat
    assert sum(phase(242, [9, 7, 6, 9, 22, 31, 28, 19, 41, 47, 52, 38])) == 242


def test_the_plan_keeps_what_is_reconduced_adjusted_or_tested(store):
    tables = plan_tables(store, 2026, TODAY)
    actions = tables["actions"].set_index("action_id")
    assert sorted(actions.index) == ["BDD", "RS", "SAL1", "SAL2", "SAL3", "WEB"]  # TEL, to arrêter, is left out
    sal2 = actions.loc["SAL2"]
    assert (sal2["name"], sal2["owner"], sal2["budget"], sal2["status"]) == ("Salon 2 (mai)", "Directeur commercial",
                                                                             8_000, "Prévue")
    assert (sal2["start_date"], sal2["end_date"]) == (dt.date(2027, 5, 1), dt.date(2027, 9, 30))
    assert sal2["objective_ids"] == "OS1;OS2;OS3"
    targets = tables["targets"].dropna(subset=["value"])
    by_month = {(row.action_id, row.metric, row.period.month): row.value for row in targets.itertuples(index=False)}
    # SAL1 (reconduire): 30 000 € over its 2026 revenue 7 200, 13 500, 11 800 (32 500): 6 646,15 ; 12 461,54 ;
    # 10 892,31 → 6 646 + 12 461 + 10 892 = 29 999, the euro left to the largest fraction (,54)
    assert [by_month.get(("SAL1", "ca", month)) for month in (3, 4, 5, 6)] == [6_646, 12_462, 10_892, None]
    # SAL2 (ajuster to 71 000 €: × 0,8875): revenue as above; contacts 130 × 0,8875 = 115,4 → 115 in May
    assert [by_month[("SAL2", "ca", month)] for month in (6, 7, 8, 9)] == [14_683, 22_024, 6_838, 27_455]
    assert by_month[("SAL2", "contacts", 5)] == 115
    # RS (ajuster to 48 contacts): exactly its 2026 contacts month by month
    assert [by_month[("RS", "contacts", month)] for month in range(1, 13)] == [3, 4, 6, 5, 4, 3, 2, 1, 5, 6, 5, 4]
    assert set(targets["metric"]) <= {"ca", "contacts", "rdv", "nouveaux_clients", "publications"}  # never the cost


def test_written_then_imported_unchanged_it_is_next_years_plan(store, tmp_path):
    path = tmp_path / "plan-2027.xlsx"
    message = write_next_plan(store, 2026, path, TODAY)
    assert message.startswith("Plan 2027 écrit : 6 actions")
    validation = validate_files([path], store.context())
    assert validation.ok and not validation.errors, [issue.message for issue in validation.errors]
    store.import_batch(validation.batch)
    totals = store.query("SELECT action_id, metric, sum(value) AS total FROM main.targets WHERE year(month) = 2027 "
                         "GROUP BY ALL")
    total = {(row.action_id, row.metric): row.total for row in totals.itertuples(index=False)}
    assert total[("SAL1", "ca")] == 30_000  # reconduire: last year's objective
    assert total[("WEB", "ca")] == 55_000
    assert total[("SAL2", "ca")] == 71_000  # ajuster: the actual 70 600 rounded
    assert total[("SAL3", "ca")] == 38_000  # 38 200 rounded
    assert total[("RS", "publications")] == 86  # 108 × 48 / 60 = 86,4
    assert total[("BDD", "contacts")] == 1_400
    assert ("TEL", "ca") not in total
    assert store.scalar("SELECT start_date FROM main.actions WHERE action_id = 'SAL1'") == dt.date(2027, 2, 1)
    # 2026 stays what it was: its bilan is unchanged by next year's plan
    assert compute(store, 2026, TODAY).rows.set_index("action_id").loc["SAL2", "objective"] == 80_000


def test_the_managers_verdicts_and_ideas_shape_the_plan(store):
    result = compute(store, 2026, TODAY)
    decisions = result.rows[["action_id", "verdict", "next_objective", "comment"]].copy()
    decisions.loc[decisions["action_id"] == "SAL1", "verdict"] = ARRETER
    decisions.loc[decisions["action_id"] == "SAL2", "next_objective"] = 60_000.0
    ideas = pd.DataFrame([{"idea_id": None, "name": "Webinaires RH", "lever": None, "channel": "Événement",
                           "owner": "Service marketing", "budget": 2_500.0, "verdict": TESTER, "comment": ""}])
    bilan.save_bilan(store, result, decisions, ideas, "")
    tables = plan_tables(store, 2026, TODAY)
    actions = tables["actions"].set_index("action_id")
    assert "SAL1" not in actions.index
    idea = actions.loc["IDEE1"]
    assert (idea["name"], idea["lever"], idea["budget"], idea["start_date"], idea["end_date"]) == (
        "Webinaires RH", "Nouvelles actions", 2_500, dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    targets = tables["targets"].dropna(subset=["value"])
    sal2 = targets[targets["action_id"] == "SAL2"].groupby("metric")["value"].sum()
    assert sal2["ca"] == 60_000
    assert sal2["contacts"] == 98  # 130 × 60 000 / 80 000 = 97,5 → 98


def cli(*args, db):
    done = subprocess.run([sys.executable, "-m", "pac_core", *map(str, args), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr + done.stdout
    return done


def test_the_command_line_writes_the_plan_of_a_closed_year_only(demo_db, tmp_path):
    out = tmp_path / "plan-2027.xlsx"
    done = cli("plan-suivant", "--from", 2026, out, db=demo_db)
    assert done.returncode == 0, done.stderr
    assert out.exists() and "Plan 2027 écrit" in done.stdout
    not_closed = tmp_path / "plan-2028.xlsx"
    refused = cli("plan-suivant", "--from", 2027, not_closed, db=demo_db)
    assert refused.returncode == 2
    assert refused.stderr.startswith("L'année 2027 n'est pas close")
    assert not not_closed.exists()
    with Store(demo_db) as store, pytest.raises(BilanError, match="Aucune donnée pour 2025"):
        plan_tables(store, 2025, TODAY)

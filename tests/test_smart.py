"""The SMART check of a plan (issue 19, part 6): each action answers qui ? quoi ? combien ? comment ? quand ?, with a
short French reason when it does not; a score per action (answered out of 5) and for the plan (their mean); three
warnings (an objective without a value, an activity year all in December, a budget without a result objective)
that are advice, never a refusal. Figures computed by hand in the comments."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pac_core import smart
from pac_core.demo_loader import load_demo
from pac_core.display.smart import plan_sentence, smart_frame, summary_lines
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, workbook

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
NNBSP, NBSP = "\u202f", "\u00a0"
MONTHS = ["janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026", "juin 2026", "juil. 2026", "août 2026",
          "sept. 2026", "oct. 2026", "nov. 2026", "déc. 2026"]


def actions(*rows):
    return pd.DataFrame(rows, columns=list(smart.ACTION_COLUMNS))


def targets(*rows):
    return pd.DataFrame(rows, columns=list(smart.TARGET_COLUMNS))


def monthly(action_id, metric, value, months=range(1, 13), year=2026):
    return [(action_id, metric, D(year, month, 1), value) for month in months]


# A small plan of 2026, each answer known:
#   A1 one-off show in May, everything given                              qui ✓ quoi ✓ combien ✓ comment ✓ quand ✓  5/5
#   A2 telemarketing, no owner; calls every month but the year's meetings
#      all in December; 6 000 € and no result objective                    qui ✗ quoi ✓ combien ✓ comment ✓ quand ✗  3/5
#   A3 emailing: no channel, no dates, no budget; ca named but 0 all year,
#      contacts only in March                                              qui ✓ quoi ✓ combien ✗ comment ✗ quand ✗  2/5
#   A4 webinars, budget 0 (an answer), dated, no indicator at all         qui ✓ quoi ✗ combien ✓ comment ✓ quand ✓  4/5
# Plan: (5 + 3 + 2 + 4) / 20 = 14 / 20 = 70 %.
PLAN_ACTIONS = actions(
    ("A1", "Salon de mai", "Salon", "Léa Martin", D(2026, 5, 1), D(2026, 5, 31), 3000.0),
    ("A2", "Téléprospection", "Téléprospection", None, D(2026, 1, 1), D(2026, 12, 31), 6000.0),
    ("A3", "Emailing", None, "Marc Petit", None, None, None),
    ("A4", "Webinaires", "Événement", "Léa Martin", D(2026, 3, 1), D(2026, 6, 30), 0.0),
)
PLAN_TARGETS = targets(
    ("A1", "contacts", D(2026, 5, 1), 40.0),
    ("A1", "nouveaux_clients", D(2026, 5, 1), 2.0),
    *monthly("A2", "appels", 200.0),
    ("A2", "rdv", D(2026, 12, 1), 60.0),
    ("A2", "rdv", D(2025, 3, 1), 10.0),  # another year: not this plan's
    *monthly("A3", "ca", 0.0),
    ("A3", "contacts", D(2026, 3, 1), 100.0),
)


@pytest.fixture(scope="module")
def plan():
    return smart.check_plan(PLAN_ACTIONS, PLAN_TARGETS, 2026)


def test_each_action_answers_the_five_questions_with_a_reason_when_not(plan):
    a1, a2, a3, a4 = plan.actions
    assert [action.answered for action in plan.actions] == [5, 3, 2, 4]
    assert [action.score for action in plan.actions] == [1.0, 0.6, 0.4, 0.8]
    assert a2.answer("qui").sentence() == "qui : aucun responsable"
    assert a2.answer("quand").sentence() == "quand : objectif de rendez-vous tout en décembre"
    assert a3.answer("combien").reason == "objectif de chiffre d'affaires sans valeur ; aucun budget"
    assert a3.answer("comment").reason == "aucun canal"
    # no dates, and its only figure is in March: not phased (no dates either to call it a one-off)
    assert a3.answer("quand").reason == "aucune date ; objectifs tous en mars 2026, non répartis dans le temps"
    assert a4.answer("quoi").reason == "aucun indicateur (pas de ligne dans Objectifs)"
    assert a4.answer("combien").answered  # 0 € is an answer: the action costs nothing
    assert a1.answer("quand").answered  # one month of figures, but a one-off action dated within May


def test_the_plan_score_is_the_mean_of_the_actions(plan):
    assert plan.score == pytest.approx(0.7)  # (5 + 3 + 2 + 4) / 20
    assert plan_sentence(plan) == (
        f"Plan SMART à 70{NNBSP}% : 1 action sans responsable, 1 action sans indicateur, 1 objectif sans valeur, "
        "1 action sans budget, 1 action sans canal, 1 action sans dates complètes, 1 action aux objectifs non "
        "répartis, 1 objectif tout en décembre ; conseil : 1 action avec budget sans objectif de résultat.")


def test_the_three_warnings_of_the_issue_are_advice(plan):
    kinds = [(advice.kind, advice.action_id, advice.metric) for advice in plan.warnings]
    assert kinds == [("december", "A2", "rdv"), ("budget-without-result", "A2", None), ("no-value", "A3", "ca")]
    december, budget, no_value = (advice.message for advice in plan.warnings)
    assert december.startswith("A2 : objectif de rendez-vous tout en décembre (60 sur l'année)")
    assert budget.startswith(f"A2 : budget de 6{NNBSP}000{NBSP}€ sans objectif de résultat")
    assert no_value.startswith("A3 : objectif de chiffre d'affaires sans valeur en 2026 (0 ou vide sur toute l'année)")


def test_the_table_shows_a_tick_or_the_reason_and_the_score(plan):
    frame = smart_frame(plan)
    assert list(frame.columns) == ["ID", "Action", "Qui", "Quoi", "Combien", "Comment", "Quand", "Score"]
    assert frame.iloc[0].tolist() == ["A1", "Salon de mai", "✓", "✓", "✓", "✓", "✓", "5/5"]
    assert frame.iloc[1].tolist() == ["A2", "Téléprospection", "aucun responsable", "✓", "✓", "✓",
                                      "objectif de rendez-vous tout en décembre", "3/5"]


def test_a_december_show_is_not_a_lump_and_stocks_and_results_may_end_in_december():
    plan = smart.check_plan(
        actions(("S", "Salon de décembre", "Salon", "Léa", D(2026, 12, 1), D(2026, 12, 31), 1000.0),
                ("W", "Site", "Site web / SEO", "Léa", D(2026, 1, 1), D(2026, 12, 31), 1000.0)),
        targets(("S", "contacts", D(2026, 12, 1), 50.0), ("S", "ca", D(2026, 12, 1), 9000.0),
                *monthly("W", "contacts", 10.0), ("W", "ca", D(2026, 12, 1), 20000.0),
                ("W", "clients_actifs", D(2026, 12, 1), 180.0)),
        2026)
    assert [action.answered for action in plan.actions] == [5, 5]
    assert plan.warnings == []


def test_an_action_with_a_figure_in_one_month_over_several_months_is_not_phased():
    plan = smart.check_plan(
        actions(("X", "Campagne", "Emailing", "Léa", D(2026, 2, 1), D(2026, 6, 30), 500.0)),
        targets(("X", "ca", D(2026, 4, 1), 8000.0)), 2026)
    assert plan.actions[0].answer("quand").reason == "objectifs tous en avril 2026, non répartis dans le temps"


# -- the demo plan, and an import judged with the database ---------------------------------------------------------

@pytest.fixture
def demo_db(tmp_path, story_day):
    path = tmp_path / "pac.duckdb"
    with Store(path) as store:
        load_demo(store)
    return path


def test_the_demo_plan_answers_everything_with_two_pieces_of_advice(demo_db):
    # pac_core/demo.py, 2026: each of the 7 actions has an owner, a name, a channel, dates, a budget > 0 and
    # non-zero monthly targets; SAL1 Feb-Jun (figures Feb to Jun), SAL2 May-Sep, SAL3 Oct-Dec (rdv Oct and Nov,
    # no activity all in December), WEB/RS/TEL spread, BDD a one-off January action with its 1 500 contacts in
    # January. 7 × 5/5 → 100 %. RS (6 000 €: publications, contacts) and BDD (1 000 €: contacts) have no
    # performance indicator: two pieces of advice, the score stays.
    with Store(demo_db, read_only=True) as store:
        check = smart.check_store(store, 2026)
        assert smart.check_store(store, 2025).actions == []  # no plan that year
    assert [action.action_id for action in check.actions] == ["BDD", "RS", "SAL1", "SAL2", "SAL3", "TEL", "WEB"]
    assert check.score == 1.0
    assert [(advice.kind, advice.action_id) for advice in check.warnings] == [
        ("budget-without-result", "BDD"), ("budget-without-result", "RS")]
    assert plan_sentence(check) == (f"Plan SMART à 100{NNBSP}% : chaque action répond aux cinq questions ; conseil : "
                                    "2 actions avec budget sans objectif de résultat.")


def objectives_of_sal1(path: Path) -> Path:
    """Objectifs alone, months as columns: SAL1's meetings of the whole year in December (the file speaks for the
    twelve months, so the demo's February and March meetings go), and a row of calls left empty."""
    return workbook(path, {"Objectifs": [["ID action", "Indicateur", *MONTHS],
                                         ["SAL1", "Rendez-vous", *[None] * 11, 12],
                                         ["SAL1", "Appels", *[None] * 12]]})


def test_an_import_of_objectives_alone_is_judged_with_the_database_actions(demo_db, tmp_path):
    # SAL1 from the database: owner, name, channel Salon, dates Feb-Jun, budget 2 000 € → qui, quoi, comment ✓.
    # Its contacts (Feb), new clients and ca (Mar-Jun) stay; rdv now only in December → quand ✗; calls named,
    # no figure → combien ✗. 3/5 = 60 %; only SAL1 is judged (the file speaks for it alone).
    with Store(demo_db, read_only=True) as store:
        validation = validate_files([objectives_of_sal1(tmp_path / "objectifs.xlsx")], store.context())
        assert validation.ok, validation.errors
        check = smart.check_batch(store, validation.batch)
    sal1, = check.actions
    assert (sal1.action_id, sal1.name, sal1.answered) == ("SAL1", "Salon 1 (février)", 3)
    assert sal1.answer("combien").reason == "objectif d'appels sans valeur"
    assert sal1.answer("quand").reason == "objectif de rendez-vous tout en décembre"
    assert check.score == pytest.approx(0.6)
    assert [(advice.kind, advice.metric) for advice in check.warnings] == [("no-value", "appels"), ("december", "rdv")]


def test_a_new_action_in_a_file_checked_without_database(tmp_path):
    # N1: no owner, no budget (empty cell), contacts only in March for an action of March to November → 2/5.
    # N2: everything given, its calls in December only but it starts in December → 5/5. Plan (2 + 5) / 10 = 70 %.
    path = workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS,
                    action_row("N1", "Webinaires RH", budget=None, owner=None, start=D(2026, 3, 1),
                               end=D(2026, 11, 30)),
                    action_row("N2", "Relance de décembre", start=D(2026, 12, 1), end=D(2026, 12, 31))],
        "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"],
                      ["N1", "Contacts", "mars 2026", 30], ["N2", "Appels", "déc. 2026", 400],
                      ["N2", "CA", "déc. 2026", 5000]]})
    validation = validate_files([path])
    assert validation.ok, validation.errors
    check = smart.check_batch(None, validation.batch)
    n1, n2 = check.actions
    assert [answer.question for answer in n1.answers if not answer.answered] == ["qui", "combien", "quand"]
    assert n2.answered == 5
    assert check.score == pytest.approx(0.7)


def test_results_alone_have_no_plan_to_judge(tmp_path):
    path = workbook(tmp_path / "realise.xlsx", {"Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"],
                                                            [None, "Clients actifs", "oct. 2026", 160]]})
    validation = validate_files([path])
    assert validation.ok, validation.errors
    check = smart.check_batch(None, validation.batch)
    assert check.actions == [] and check.score is None and summary_lines(check) == []


# -- the command line -----------------------------------------------------------------------------------------------

def cli(*args, db):
    done = subprocess.run([sys.executable, "-m", "pac_core", "--db", str(db), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr + done.stdout
    return done


def test_validate_prints_the_smart_summary_and_keeps_its_exit_code(demo_db, tmp_path):
    path = objectives_of_sal1(tmp_path / "objectifs.xlsx")
    done = cli("validate", path, db=demo_db)
    assert done.returncode == 0  # advice never refuses
    lines = done.stdout.splitlines()
    at = lines.index(f"Qualité du plan — Plan SMART à 60{NNBSP}% : 1 objectif sans valeur, 1 objectif tout en "
                     "décembre.")
    assert lines[at + 1] == ("  SAL1 (3/5) — combien : objectif d'appels sans valeur ; quand : objectif de "
                             "rendez-vous tout en décembre")
    assert lines[at + 2].startswith("  Conseil · SAL1 : objectif d'appels sans valeur en 2026")
    assert lines[at - 1].startswith("Fichier valide")

    report = json.loads(cli("validate", "--json", path, db=demo_db).stdout)
    assert report["valid"] is True
    assert report["smart"]["score"] == 0.6 and report["smart"]["year"] == 2026
    sal1, = report["smart"]["actions"]
    assert sal1["answered"] == 3
    assert sal1["answers"]["qui"] == {"answered": True, "reason": None}
    assert sal1["answers"]["quand"] == {"answered": False, "reason": "objectif de rendez-vous tout en décembre"}
    assert [warning["kind"] for warning in report["smart"]["warnings"]] == ["no-value", "december"]


def test_a_refused_file_has_no_smart_advice_and_exits_1(demo_db, tmp_path):
    path = workbook(tmp_path / "faux.xlsx", {"Objectifs": [["ID action", "Indicateur", "Période", "Objectif"],
                                                           ["SAL1", "Rendez-vous", "mars 2026", "beaucoup"]]})
    done = cli("validate", path, db=demo_db)
    assert done.returncode == 1 and "Qualité du plan" not in done.stdout + done.stderr
    report = json.loads(cli("validate", "--json", path, db=demo_db).stdout)
    assert report["smart"] == {"year": None, "score": None, "actions": [], "warnings": []}

"""The annual bilan: for a closed year, per action, objective, actual, attainment, cost, revenue, ROI, cost per
result and a suggested verdict with its reason; the managers' changes kept in the database.

The demo told on 10 January 2027 is the whole of 2026 (pac_core/demo.py gives every monthly figure)."""

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pac_core import bilan
from pac_core.bilan import AJUSTER, ARRETER, RECONDUIRE, TESTER, BilanError, compute, round_objective, suggest
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.closed_year import CLOSED_DAY, closed_year_demo
from tests.builders import plan_workbook

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2027, 1, 10)


@pytest.fixture()
def demo_db(tmp_path, monkeypatch):
    return closed_year_demo(tmp_path, monkeypatch)


@pytest.fixture()
def store(demo_db):
    with Store(demo_db) as opened:
        yield opened


def row_of(result, action_id):
    return result.rows.set_index("action_id").loc[action_id]


def test_each_action_of_2026_with_its_figures_computed_by_hand(store):
    result = compute(store, 2026, TODAY)
    assert not result.provisional and result.as_of == dt.date(2026, 12, 1) and result.plan_version == 1
    assert result.title == "Bilan annuel 2026"
    assert list(result.rows["action_id"]) == ["BDD", "RS", "SAL1", "SAL2", "SAL3", "TEL", "WEB"]
    sal1 = row_of(result, "SAL1")
    # main indicator: its first performance indicator with an objective, the revenue
    assert sal1["metric"] == "ca"
    assert sal1["objective"] == 30_000  # 6 000 + 12 000 + 8 000 + 4 000
    assert sal1["actual"] == 32_500  # 7 200 + 13 500 + 11 800 + 0
    assert sal1["attainment"] == pytest.approx(32_500 / 30_000)  # 108,3 %
    assert sal1["cost"] == 1_850 and sal1["revenue"] == 32_500
    assert sal1["roi"] == pytest.approx((32_500 - 1_850) / 1_850)  # 16,6
    assert sal1["cost_per_result"] == pytest.approx(1_850 / 5)  # 370 € per new client (1 + 2 + 2 + 0)
    web = row_of(result, "WEB")
    # ca 4 800 + 9 600 + 0 + 11 200 + 13 900 + 12 300 + 15 600 = 67 400 for 55 000; cost 2 500 + 2 000 + 2 000 +
    # 1 000 + 8 × 200 = 9 100
    assert (web["objective"], web["actual"], web["cost"]) == (55_000, 67_400, 9_100)
    assert web["roi"] == pytest.approx((67_400 - 9_100) / 9_100)
    tel = row_of(result, "TEL")
    assert (tel["actual"], tel["cost"]) == (4_200, 6_000)  # 6 months × 1 000 €
    assert tel["attainment"] == pytest.approx(0.105)
    rs = row_of(result, "RS")  # no performance objective: its first activity one, contacts (3 + 4 + … + 4 = 48)
    assert (rs["metric"], rs["objective"], rs["actual"], rs["cost"]) == ("contacts", 60, 48, 6_000)
    assert rs["cost_per_result"] == pytest.approx(125)  # 6 000 € / 48 contacts
    bdd = row_of(result, "BDD")
    assert bdd["cost_per_result"] == pytest.approx(1_000 / 1_420)  # 0,70 € per contact


def test_the_suggested_verdicts_of_the_demo(store):
    result = compute(store, 2026, TODAY)
    verdicts = dict(zip(result.rows["action_id"], result.rows["suggested_verdict"]))
    assert verdicts == {"SAL1": RECONDUIRE,  # 108,3 %, ROI 16,6
                        "WEB": RECONDUIRE,  # 122,5 %, within 95 %–130 %
                        "SAL2": AJUSTER, "SAL3": AJUSTER, "RS": AJUSTER, "BDD": AJUSTER,  # 88 %, 85 %, 80 %, 94,7 %
                        "TEL": ARRETER}  # 10,5 % for 6 000 €, ROI −0,3
    proposed = dict(zip(result.rows["action_id"], result.rows["suggested_objective"]))
    # the actual rounded to two significant figures: 70 600 → 71 000, 38 200 → 38 000, 1 420 → 1 400, 48
    assert (proposed["SAL2"], proposed["SAL3"], proposed["BDD"], proposed["RS"]) == (71_000, 38_000, 1_400, 48)
    assert proposed["SAL1"] == 30_000 and pd.isna(proposed["TEL"])
    assert row_of(result, "SAL2")["reason"] == (
        "Objectif de CA atteint à 88,3\u202f% (70\u202f600\u00a0€ pour 80\u202f000\u00a0€) pour 9\u202f200\u00a0€ "
        "dépensés (ROI 6,7) : à ajuster, objectif proposé 71\u202f000\u00a0€.")
    assert row_of(result, "TEL")["reason"] == (
        "Objectif de CA atteint à 10,5\u202f% seulement pour 6\u202f000\u00a0€ dépensés (ROI −0,3) : à arrêter.")


def figures(**changes):
    """An action's figures for suggest(): by default a year reached at 100 %, profitable, well measured."""
    base = dict(attainment=1.0, objective=10_000.0, actual=10_000.0, cost=2_000.0, roi=4.0, revenue_counts=True,
                first_year=False, target_months=6, result_months=6)
    return {**base, **changes}


def test_reconduire_when_reached_and_profitable():
    verdict, objective, reason = suggest(**figures(attainment=1.12, objective=16_000.0, actual=17_920.0,
                                                   cost=18_000.0, roi=3.4))
    assert (verdict, objective) == (RECONDUIRE, 16_000.0)
    assert reason == "Objectif de CA atteint à 112,0\u202f% pour 18\u202f000\u00a0€ dépensés (ROI 3,4) : à reconduire."


def test_reconduire_an_activity_action_whose_roi_says_nothing():
    # buying a database brings contacts, not attributed revenue: its ROI of −100 % is not held against it
    verdict, _, reason = suggest(**figures(roi=-1.0, revenue_counts=False, metric="contacts", label="Contacts",
                                           unit="nombre"))
    assert verdict == RECONDUIRE and "ROI" not in reason


def test_ajuster_between_60_and_95_percent_to_the_actual_rounded():
    verdict, objective, _ = suggest(**figures(attainment=0.8825, objective=80_000.0, actual=70_600.0))
    assert (verdict, objective) == (AJUSTER, 71_000.0)


def test_ajuster_above_130_percent_raises_the_objective():
    verdict, objective, reason = suggest(**figures(attainment=1.3, objective=40.0, actual=52.0, metric="contacts",
                                                   label="Contacts", unit="nombre"))
    assert verdict == RECONDUIRE  # 130 % is still within the band
    verdict, objective, reason = suggest(**figures(attainment=1.5, objective=40.0, actual=60.0, metric="contacts",
                                                   label="Contacts", unit="nombre"))
    assert (verdict, objective) == (AJUSTER, 60.0)
    assert "objectif relevé à 60" in reason


def test_ajuster_when_reached_but_at_a_loss():
    verdict, objective, reason = suggest(**figures(cost=12_000.0, roi=-0.17))
    assert (verdict, objective) == (AJUSTER, 10_000.0)
    assert "en réduisant le budget" in reason


def test_ajuster_below_60_percent_without_a_loss():
    verdict, objective, _ = suggest(**figures(attainment=0.5, actual=5_000.0, cost=0.0, roi=None))
    assert (verdict, objective) == (AJUSTER, 5_000.0)


def test_arreter_below_60_percent_at_a_loss_or_for_a_cost_without_result():
    tel = figures(attainment=0.105, actual=4_200.0, objective=40_000.0, cost=6_000.0, roi=-0.3)
    assert suggest(**tel)[0] == ARRETER
    verdict, objective, reason = suggest(**figures(attainment=0.0, actual=0.0, cost=3_000.0, roi=-1.0,
                                                   metric="contacts", label="Contacts", unit="nombre"))
    assert (verdict, objective) == (ARRETER, None)
    assert reason == "3\u202f000\u00a0€ dépensés sans aucun résultat de contacts : à arrêter."


def test_tester_in_a_first_year_with_too_little_evidence():
    # results in 2 of the 6 months with a target: fewer than half
    verdict, objective, reason = suggest(**figures(first_year=True, result_months=2, attainment=0.3, actual=3_000.0,
                                                   cost=500.0, roi=5.0))
    assert (verdict, objective) == (TESTER, 10_000.0)
    assert reason.startswith("Première année")
    # the same figures in a second year: judged (30 %, profitable: the objective comes down)
    assert suggest(**figures(result_months=2, attainment=0.3, actual=3_000.0, cost=500.0, roi=5.0))[0] == AJUSTER
    assert suggest(**figures(actual=None, attainment=None, result_months=0, cost=0.0, roi=None))[0] == TESTER


def test_objectives_are_rounded_as_a_person_would_set_them():
    assert round_objective(70_600) == 71_000
    assert round_objective(38_200) == 38_000
    assert round_objective(1_420) == 1_400
    assert round_objective(309) == 310
    assert round_objective(48) == 48
    assert round_objective(12.5) == 13  # halves up, as people round


def test_evidence_query_counts_months_by_hand(store):
    rows = store.query(bilan.QUERIES["evidence"], {"year": 2026, "as_of": dt.date(2026, 12, 1), "version": 1})
    got = {(row.action_id, row.metric): (row.target_months, row.result_months, row.first_year)
           for row in rows.itertuples(index=False)}
    assert got[("SAL3", "ca")] == (2, 2, 2026)  # targets and results in November and December
    assert got[("BDD", "contacts")] == (1, 1, 2026)  # January only
    assert got[("WEB", "cout")] == (0, 12, 2026)  # a cost every month, never a target
    assert got[("TEL", "appels")] == (6, 6, 2026)  # April to September


def test_a_new_action_with_one_month_measured_is_to_test(tmp_path, monkeypatch):
    monkeypatch.setenv("PAC_TODAY", CLOSED_DAY)
    targets = [("N1", "Contacts", f"{month:02d}/2026", 10) for month in range(1, 13)]
    book = plan_workbook(tmp_path / "plan.xlsx", actions=("N1",), targets=targets,
                         results=[("N1", "Contacts", "12/2026", 12), ("N1", "Coût", "12/2026", 300)])
    with Store(tmp_path / "pac.duckdb") as store:
        validation = validate_files([book], store.context())
        assert validation.ok, validation.errors
        store.import_batch(validation.batch)
        row = row_of(compute(store, 2026, TODAY), "N1")
    assert (row["objective"], row["actual"], row["first_year"]) == (120, 12, True)
    assert row["suggested_verdict"] == TESTER
    assert row["reason"] == "Première année, un résultat sur 1 mois sur 12 prévus : trop tôt pour juger, à tester " \
                            "encore un an."


def test_the_current_year_is_a_provisional_bilan_at_the_last_closed_month(store):
    result = compute(store, 2026, dt.date(2026, 11, 15))
    assert result.provisional and result.as_of == dt.date(2026, 10, 1)
    assert result.title == "Bilan provisoire 2026, à fin octobre"
    web = row_of(result, "WEB")
    # objectives to date (DESIGN.md): ca January-October 5 000 + 5 000 + 5 000 + 7 500 + 10 000 = 32 500, actual 39 500
    assert (web["objective"], web["actual"]) == (32_500, 39_500)
    assert bilan.bilan_years(store, dt.date(2026, 11, 15)) == [2026]
    assert bilan.default_year(store, TODAY) == 2026


def test_a_year_without_data_gets_a_french_sentence(store):
    with pytest.raises(BilanError, match="Aucune donnée pour 2025 : ni objectif ni réalisé"):
        compute(store, 2025, TODAY)
    with pytest.raises(BilanError, match="n'a pas encore commencé"):
        compute(store, 2028, TODAY)


def test_the_managers_verdicts_ideas_and_comment_are_kept(store):
    result = compute(store, 2026, TODAY)
    decisions = result.rows[["action_id", "verdict", "next_objective", "comment"]].copy()
    decisions.loc[decisions["action_id"] == "SAL2", ["verdict", "next_objective", "comment"]] = [
        AJUSTER, 75_000.0, "Un stand plus grand en 2027."]
    decisions.loc[decisions["action_id"] == "RS", ["verdict", "comment"]] = [ARRETER, "Trop peu de contacts."]
    ideas = pd.DataFrame([{"idea_id": None, "name": "Webinaires RH", "lever": "Visibilité sur internet",
                           "channel": "Événement", "owner": "Service marketing", "budget": 2_500.0,
                           "verdict": TESTER, "comment": ""}])
    message = bilan.save_bilan(store, result, decisions, ideas, "Une bonne année pour les salons.")
    assert message == "Bilan 2026 enregistré : 7 actions, 1 nouvelle idée."
    again = compute(store, 2026, TODAY)
    sal2 = row_of(again, "SAL2")
    assert (sal2["verdict"], sal2["next_objective"], sal2["comment"]) == (AJUSTER, 75_000,
                                                                          "Un stand plus grand en 2027.")
    assert (row_of(again, "RS")["verdict"], row_of(again, "RS")["suggested_verdict"]) == (ARRETER, AJUSTER)
    assert again.ideas[["idea_id", "name", "budget"]].values.tolist() == [["IDEE1", "Webinaires RH", 2_500.0]]
    assert again.comment == "Une bonne année pour les salons."
    # saving again appends: the newest row of each action counts, the history stays
    decisions.loc[decisions["action_id"] == "RS", "verdict"] = AJUSTER
    bilan.save_bilan(store, again, decisions, again.ideas, again.comment)
    assert row_of(compute(store, 2026, TODAY), "RS")["verdict"] == AJUSTER
    assert store.scalar("SELECT count(*) FROM history.bilan_verdicts WHERE item_id = 'RS'") == 2
    assert store.scalar("SELECT count(*) FROM history.bilan_verdicts WHERE item_id = 'IDEE1'") == 2
    kept = json.loads(store.scalar("SELECT figures FROM history.bilan_verdicts WHERE item_id = 'SAL1' LIMIT 1"))
    assert (kept["objective"], kept["actual"], kept["cost"]) == (30_000, 32_500, 1_850)


def test_an_unnamed_idea_is_refused_and_nothing_is_written(store):
    result = compute(store, 2026, TODAY)
    ideas = pd.DataFrame([{"idea_id": None, "name": " ", "lever": None, "channel": None, "owner": None,
                           "budget": None, "verdict": TESTER, "comment": ""}])
    with pytest.raises(BilanError, match="Nouvelle idée n° 1 : donnez-lui un nom."):
        bilan.save_bilan(store, result, result.rows[["action_id", "verdict", "next_objective", "comment"]], ideas, "")
    assert store.scalar("SELECT count(*) FROM history.bilan_verdicts") == 0


def cli(*args, db):
    done = subprocess.run([sys.executable, "-m", "pac_core", *map(str, args), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr + done.stdout
    return done


def test_the_command_line_bilan_in_json_and_in_french(demo_db):
    done = cli("bilan", "--year", 2026, "--json", db=demo_db)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    sal1 = next(action for action in report["actions"] if action["action_id"] == "SAL1")
    assert {"action_id", "objective", "actual", "attainment", "cost", "revenue", "roi", "cost_per_result", "verdict",
            "suggested_objective", "reason"} <= set(sal1)
    assert (sal1["objective"], sal1["actual"], sal1["cost"], sal1["verdict"]) == (30_000, 32_500, 1_850, RECONDUIRE)
    text = cli("bilan", "--year", 2026, db=demo_db)
    assert text.returncode == 0 and "TEL · Téléprospection externalisée — Arrêter" in text.stdout
    empty = cli("bilan", "--year", 2025, db=demo_db)
    assert empty.returncode == 2
    assert empty.stderr.startswith("Aucune donnée pour 2025")


def test_the_edited_tables_come_back_as_decisions_and_ideas(store):
    from pac_core.display import bilan as view

    result = compute(store, 2026, TODAY)
    edited = view.editor_frame(result)
    edited.loc[edited["ID"] == "TEL", ["Verdict", "Objectif proposé", "Commentaire"]] = ["Ajuster", 10_000.0,
                                                                                         "Un autre prestataire."]
    decisions = view.decisions_from_editor(result, edited).set_index("action_id")
    assert decisions.loc["TEL"].tolist() == [AJUSTER, 10_000.0, "Un autre prestataire."]
    assert decisions.loc["SAL2"].tolist() == [AJUSTER, 71_000.0, ""]
    ideas = pd.DataFrame([{"ID": None, "Nom": "Webinaires RH", "Levier": None, "Canal": "Événement",
                           "Responsable": None, "Budget (€)": 2_500.0, "Verdict": None, "Commentaire": None},
                          {"ID": None, "Nom": None, "Levier": None, "Canal": None, "Responsable": None,
                           "Budget (€)": None, "Verdict": None, "Commentaire": None}])  # an empty line: dropped
    back = view.ideas_from_editor(ideas)
    assert back[["name", "channel", "budget", "verdict"]].values.tolist() == [["Webinaires RH", "Événement", 2_500.0,
                                                                               TESTER]]
    assert view.verdict_counts(result) == [(RECONDUIRE, "Reconduire", 2), (AJUSTER, "Ajuster", 4),
                                           (ARRETER, "Arrêter", 1), (TESTER, "Tester", 0)]
    shown = view.figures_frame(result).set_index("ID").loc["SAL1"]
    assert (shown["Objectif"], shown["Réalisé"], shown["Atteinte"], shown["ROI"], shown["Coût par résultat"]) == (
        "30\u202f000\u00a0€", "32\u202f500\u00a0€", "108,3\u202f%", "16,6", "370\u00a0€ par nouveau client")


def test_the_bilan_prints_as_a_pdf(store):
    from pypdf import PdfReader

    from pac_core.bilan_pdf import bilan_pdf

    result = compute(store, 2026, TODAY)
    result.comment = "Les salons ont porté leurs fruits."
    document = bilan_pdf(result)
    assert document.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)
    assert "Bilan annuel 2026" in text
    assert "Téléprospection externalisée" in text and "Les salons ont porté leurs fruits." in text


@pytest.fixture()
def page_on(tmp_path, monkeypatch):
    """The real app.py (AppTest) on a fresh demo database, on the day given; its store closed afterwards."""
    import streamlit as st

    from tests.app.conftest import app_on

    started = []

    def start(day):
        monkeypatch.setenv("PAC_TODAY", day)
        app = app_on(tmp_path / "pac.duckdb", monkeypatch)
        started.append(app)
        return app

    yield start
    for app in started:
        if "store" in app.session_state:
            app.session_state["store"].close()
    st.cache_resource.clear()


def test_the_page_shows_the_bilan_of_the_last_closed_year(page_on):
    app = page_on(CLOSED_DAY)
    app.switch_page("screens/bilan.py")
    app.run()
    assert not app.exception
    assert app.selectbox(key="bilan_annee").value == 2026
    assert [subheader.value for subheader in app.subheader] == ["Bilan annuel 2026"]
    assert [(metric.label, metric.value) for metric in app.metric] == [
        ("Reconduire", "2 actions"), ("Ajuster", "4 actions"), ("Arrêter", "1 action"), ("Tester", "0 action")]


def test_the_page_on_the_current_year_is_provisional_and_prepares_no_plan(page_on):
    app = page_on("2026-11-15")  # the demo to October 2026: no closed year yet
    app.switch_page("screens/bilan.py")
    app.run()
    assert not app.exception
    assert [subheader.value for subheader in app.subheader] == ["Bilan provisoire 2026, à fin octobre"]
    assert app.button(key="bilan_plan_indisponible").disabled

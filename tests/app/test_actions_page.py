"""The Actions page, run by Streamlit's AppTest on a temporary database with the demo loaded.

Figures are checked twice: against the KPI engine (pac_core.kpi) and against hand-computed demo figures
(pac_core/demo.py TARGETS, RESULTS and ACTIONS)."""

import json

import pandas as pd
import pyarrow as pa
import pytest

from pac_core.charts import FRENCH_LOCALE
from pac_core.display import metric_value, status_text
from pac_core.display.actions import NO_DECISION, PACE_BAR
from tests.display.test_actions_display import drawn_bar
from pac_core.kpi.objectives import objectives
from tests.app.conftest import NBSP, NNBSP, metrics, texts

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

ACTIONS_PAGE = "screens/actions.py"
DEMO_ACTIONS = {"BDD", "RS", "SAL1", "SAL2", "SAL3", "TEL", "WEB"}
ACTIVITY = {"Contacts", "Appels", "Rendez-vous", "Publications", "Devis envoyés"}
PERFORMANCE = {"Chiffre d'affaires", "Nouveaux clients"}


def open_actions(app, **params):
    app.switch_page(ACTIONS_PAGE)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def objective_tables(app) -> list[pd.DataFrame]:
    return [frame.value for frame in app.dataframe if "Indicateur" in frame.value.columns]


def all_objectives(app) -> pd.DataFrame:
    return pd.concat(objective_tables(app), ignore_index=True)


def objective_row(app, action_id, indicator) -> dict:
    table = all_objectives(app)
    found = table[(table["ID"] == action_id) & (table["Indicateur"] == indicator)]
    assert len(found) == 1
    return found.iloc[0].to_dict()


def charts(app) -> list[tuple[dict, pd.DataFrame]]:
    """(Vega-Lite spec, data) of every chart on the page."""
    drawn = []
    for chart in app.get("vega_lite_chart"):
        data = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all().to_pandas()
        drawn.append((json.loads(chart.proto.spec), data))
    return drawn


def test_every_action_and_indicator_is_shown_with_the_engine_figures(app):
    open_actions(app)
    assert "Actions" in [title.value for title in app.title]
    assert "octobre 2026" in texts(app)
    table = all_objectives(app)
    assert set(table["ID"]) == DEMO_ACTIONS
    store = app.session_state["store"]
    engine = objectives(store, app.session_state["scope"])
    assert len(table) == len(engine) == 22  # pac_core/demo.py TARGETS: 22 action × indicator pairs
    shown = table.set_index(["ID", "Indicateur"])
    for row in engine.itertuples(index=False):
        line = shown.loc[(row.action_id, row.metric_label)]
        assert line["Objectif à date"] == metric_value(None if row.target_to_date != row.target_to_date
                                                       else row.target_to_date, row.metric)
        assert line["Réalisé à date"] == metric_value(None if row.actual_to_date != row.actual_to_date
                                                      else row.actual_to_date, row.metric)
        assert line["Statut"] == status_text(row.status if isinstance(row.status, str) else None)


def test_the_failing_telemarketing_revenue_reads_as_computed_by_hand(app):
    open_actions(app)
    # TEL ca: target May–Sep 5 000 + 5 000 + 10 000 + 10 000 + 10 000 = 40 000 €, actual 4 200 € (July)
    # → pace 4 200 / 40 000 = 10,5 %, off track; finished in September, so the forecast stays 4 200 €.
    row = objective_row(app, "TEL", "Chiffre d'affaires")
    assert row["Action"] == "Téléprospection externalisée"
    assert row["Responsable"] == "Directeur commercial" and row["Canal"] == "Téléprospection"
    assert row["Objectif à date"] == f"40{NNBSP}000{NBSP}€"
    assert row["Réalisé à date"] == f"4{NNBSP}200{NBSP}€"
    assert row["Rythme"] == f"10,5{NNBSP}%"
    assert drawn_bar(row[PACE_BAR]) == (10, "#CF222E")  # 10,5 % drawn in the late red
    assert row["Statut"] == "✖ En retard"
    assert row["Objectif de l'année"] == f"40{NNBSP}000{NBSP}€"
    assert row["Atterrissage"] == f"4{NNBSP}200{NBSP}€"
    # WEB contacts: 219 done of 167 to date (131,1 %), 242 in the year → forecast 219 + 75 × 1,311 ≈ 317.
    web = objective_row(app, "WEB", "Contacts")
    assert (web["Rythme"], web["Objectif de l'année"], web["Atterrissage"]) == (f"131,1{NNBSP}%", "242", "317")
    assert drawn_bar(web[PACE_BAR]) == (100, "#1A7F37")  # a full green bar; the text says how far above
    # SAL3 revenue is planned for November and December: nothing to date, shown as "—", not 0.
    sal3 = objective_row(app, "SAL3", "Chiffre d'affaires")
    assert (sal3["Objectif à date"], sal3["Réalisé à date"], sal3["Rythme"]) == ("—", "—", "—")
    assert sal3["Statut"] == "— Sans objectif à date" and sal3[PACE_BAR] == ""


def test_activity_and_performance_objectives_are_two_sections(app):
    open_actions(app)
    subheaders = [header.value for header in app.subheader]
    assert subheaders.index("Objectifs d'activité") < subheaders.index("Objectifs de performance")
    activity, performance = objective_tables(app)
    assert set(activity["Indicateur"]) <= ACTIVITY and set(performance["Indicateur"]) <= PERFORMANCE
    assert (len(activity), len(performance)) == (12, 10)  # from TARGETS: 12 activity pairs, 10 performance


def test_a_bullet_chart_per_action_in_french(app):
    open_actions(app)
    drawn = charts(app)
    assert len(drawn) == 7  # one per action, nothing else without a chosen action
    for spec, _ in drawn:
        assert spec["config"]["locale"] == FRENCH_LOCALE
    telemarketing = next(data for _, data in drawn if "Appels" in set(data["indicator"]))
    revenue = telemarketing.set_index("indicator").loc["Chiffre d'affaires"]
    assert revenue["actual_share"] == pytest.approx(0.105)  # 4 200 of a 40 000 € year target
    assert revenue["label"] == f"4{NNBSP}200{NBSP}€ / 40{NNBSP}000{NBSP}€ · ✖ En retard"
    headings = [markdown.value for markdown in app.markdown]
    assert "**Téléprospection externalisée**" in headings


def test_the_detail_of_an_action_chosen_in_the_url(app):
    open_actions(app, action="SAL2 · Salon 2 (mai)")
    assert app.selectbox(key="action").value == "SAL2"
    shown = metrics(app)
    # pac_core/demo.py: SAL2's budget is 8 000 €; 9 200 € spent in May → 115,0 %, already over budget.
    assert shown["Budget prévu"] == f"8{NNBSP}000{NBSP}€"
    assert shown["Dépensé à date"] == f"9{NNBSP}200{NBSP}€"
    assert shown["Budget consommé"] == f"115,0{NNBSP}%"
    assert shown["Dépense projetée sur l'année"] == f"9{NNBSP}200{NBSP}€"  # finished in September
    # Revenue: 14 600 + 21 900 + 6 800 + 27 300 = 70 600 € of 80 000 € to date: 88,25 %, to watch
    # (halves round up, as in Excel: 88,3 %).
    assert shown["Chiffre d'affaires"] == f"70{NNBSP}600{NBSP}€"
    page = texts(app)
    assert f"sur 80{NNBSP}000{NBSP}€ à date · rythme 88,3{NNBSP}% · ⚠ À surveiller" in page
    assert "✖ Budget déjà dépassé" in page and f"Dépassement prévu : 1{NNBSP}200{NBSP}€" in page
    assert NO_DECISION in [info.value for info in app.info]
    months = next(frame.value for frame in app.dataframe if frame.value.index.name == "Chiffre d'affaires")
    assert months.loc["Réalisé du mois", "juin"] == f"14{NNBSP}600{NBSP}€"
    assert months.loc["Réalisé cumulé", "sept."] == f"70{NNBSP}600{NBSP}€"
    assert months.loc["Objectif du mois", "janv."] == "—"  # no target in January: a missing month
    assert months.loc["Réalisé du mois", "nov."] == "—"  # after the as-of month
    cost_spec, cost_data = next((spec, data) for spec, data in charts(app) if "cost" in data.columns)
    assert cost_spec["config"]["locale"] == FRENCH_LOCALE
    assert cost_data["cost"].tolist() == [0, 0, 0, 0, 9200, 0, 0, 0, 0, 0]
    assert cost_data["cumulative"].iloc[-1] == 9200


def test_choosing_an_action_in_the_picker_opens_its_detail(app):
    open_actions(app)
    assert not metrics(app)  # no detail before a choice
    app.selectbox(key="action").set_value("TEL").run()
    assert not app.exception
    assert "TEL · Téléprospection externalisée" in [header.value for header in app.subheader]
    shown = metrics(app)
    # TEL: 6 × 1 000 € from April to September, for a 6 000 € budget.
    assert (shown["Dépensé à date"], shown["Budget consommé"]) == (f"6{NNBSP}000{NBSP}€", f"100,0{NNBSP}%")
    assert shown["Appels"] == f"1{NNBSP}116"  # 185 + 210 + 196 + 170 + 150 + 205


def test_a_channel_filter_keeps_only_its_actions(app):
    open_actions(app, canal="Salon")
    assert "filtres actifs" in texts(app)
    assert set(all_objectives(app)["ID"]) == {"SAL1", "SAL2", "SAL3"}
    assert len(charts(app)) == 3
    assert set(app.selectbox(key="action").options) == {"SAL1 · Salon 1 (février)", "SAL2 · Salon 2 (mai)",
                                                        "SAL3 · Salon 3 (octobre)"}


def test_an_action_outside_the_filters_is_not_opened(app):
    open_actions(app, canal="Salon", action="TEL · Téléprospection externalisée")
    assert app.selectbox(key="action").value is None
    assert not metrics(app)


def test_filters_that_match_nothing_say_so(app):
    open_actions(app, canal="Salon", responsable="Service marketing")  # the marketing service runs no show
    assert "Aucune action ne correspond aux filtres choisis" in texts(app)
    assert not objective_tables(app)


def test_an_empty_database_shows_the_welcome(app):
    app.run()
    app.session_state["store"].undo(1, user="test")
    open_actions(app)
    assert "python -m pac_core import" in texts(app)
    assert not objective_tables(app)

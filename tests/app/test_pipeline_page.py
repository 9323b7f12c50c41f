"""Pipeline run by AppTest on the demo: the figures shown are the KPI engine's and the hand-computed ones of
pac_core/demo.py (PIPELINE_COUNTS: one won opportunity per new client), by source channel, with a filter, on an
empty database and on a plan without any opportunity."""

import datetime
import json

import pytest

from pac_core import formatting as fmt
from pac_core.kpi.funnel import funnel, pipeline_summary
from pac_core.kpi.scope import Scope
from pac_core.store import Store
from tests.app.conftest import NBSP, NNBSP, app_on, metrics, shown_table, texts
from tests.app.test_channels_page import open_page
from tests.builders import plan_workbook
from tests.test_store import do_import

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

PAGE = "screens/pipeline.py"
OCTOBER = Scope(as_of=datetime.date(2026, 10, 1))


def tables(app) -> list:
    return [shown_table(table) for table in app.table]


def test_the_demo_pipeline(app):
    open_page(app, PAGE)
    shown = metrics(app)
    # pac_core/demo.py PIPELINE_COUNTS: lost 14 + 38 + 2 + 50 + 9 + 15 = 128, open 5 + 23 + 48 + 61 + 9 + 4 = 150,
    # won 22 (one per new client) → 300 opportunities; win rate 22 / (22 + 128) = 14,7 %.
    assert shown["Opportunités"] == "300"
    assert shown["Taux de transformation"] == f"14,7{NNBSP}%"
    page = texts(app)
    assert "22 gagnées sur 150 clôturées" in page
    assert "150 en cours · 22 gagnées · 128 perdues" in page
    # The weighting, in one sentence, with the probability of the first stage observed: 22 / 150.
    assert f"Premier contact 14,7{NNBSP}% (observée)" in page


def test_the_figures_are_the_kpi_engine_s(app):
    open_page(app, PAGE)
    store = app.session_state["store"]
    summary = pipeline_summary(store, OCTOBER).iloc[0]
    shown = metrics(app)
    assert shown["Pipeline ouvert"] == fmt.euros(summary["open_value"])
    assert shown["Pipeline pondéré"] == fmt.euros(summary["weighted_value"])
    assert shown["Cycle de vente moyen"] == f"{round(summary['average_cycle_days'])} jours"
    stages = tables(app)[0]
    expected = funnel(store, OCTOBER)
    assert list(stages["Opportunités"]) == [fmt.number(value) for value in expected["reached"]]
    assert list(stages["Montant"]) == [fmt.euros(value) for value in expected["amount"]]
    assert stages["Opportunités"].iloc[0] == "300" and stages["Opportunités"].iloc[-1] == "22"  # all, then the won
    assert stages["Montant"].iloc[-1] == f"146{NNBSP}800{NBSP}€"  # the won deals = the ca results


def test_the_funnel_chart(app):
    open_page(app, PAGE)
    (spec,) = [json.loads(element.proto.spec) for element in app.main
               if getattr(element, "type", "") == "vega_lite_chart"]
    assert spec["config"]["locale"]["number"]["thousands"] == NNBSP
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    assert [row for row in bar["encoding"]["y"]["sort"] if not row.startswith("→")] == [
        "Premier contact", "Prise de RDV", "Démonstration réalisée", "Proposition commerciale envoyée",
        "Signature de devis"]


def test_one_source_channel(app):
    open_page(app, PAGE, origine="Téléprospection")
    shown = metrics(app)
    # TEL: 15 lost, 4 open, 1 won (July) → 20 opportunities; win rate 1 / 16.
    assert shown["Opportunités"] == "20"
    assert shown["Taux de transformation"] == fmt.percent(1 / 16)
    assert "1 gagnée sur 16 clôturées" in texts(app)
    assert tables(app)[0]["Opportunités"].iloc[-1] == "1"
    assert "Entonnoir — Téléprospection" in texts(app)


def test_every_source_channel_is_compared(app):
    open_page(app, PAGE)
    by_channel = tables(app)[1]
    assert set(by_channel["Canal d'origine"]) == {"Salon", "Site web / SEO", "Réseaux sociaux", "Téléprospection"}
    salon = by_channel.set_index("Canal d'origine").loc["Salon"]
    # Salons: lost 14 + 38 + 2 = 54, open 5 + 23 + 48 = 76, won 5 + 9 = 14 → 144; win rate 14 / 68 = 20,6 %.
    assert (salon["Opportunités"], salon["Gagnées"], salon["Perdues"]) == ("144", "14", "54")
    assert salon["Taux de transformation"] == f"20,6{NNBSP}%"


def test_a_filter(app):
    open_page(app, PAGE, canal="Salon")
    assert metrics(app)["Opportunités"] == "144"
    assert list(tables(app)[1]["Canal d'origine"]) == ["Salon"]


def test_filters_that_match_nothing(app):
    open_page(app, PAGE, canal="Salon", responsable="Service marketing")
    assert "Aucune action ne correspond aux filtres" in texts(app)
    assert not app.metric


def test_an_empty_database_shows_the_welcome(empty_app):
    open_page(empty_app, PAGE)
    assert "python -m pac_core import" in texts(empty_app)


@pytest.fixture
def app_without_pipeline(tmp_path, monkeypatch):
    """A plan with actions and results but no Pipeline sheet."""
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        do_import(store, plan_workbook(tmp_path / "plan.xlsx", results=[("A1", "contacts", "mars 2026", 12)]))
    return app_on(db, monkeypatch)


def test_without_any_opportunity_a_sentence_says_so(app_without_pipeline):
    open_page(app_without_pipeline, PAGE)
    assert "Aucune opportunité dans le pipeline pour ce périmètre" in texts(app_without_pipeline)
    assert "mars 2026" in texts(app_without_pipeline)
    assert not app_without_pipeline.metric

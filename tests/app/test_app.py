"""The app shell and the overview, run by Streamlit's AppTest on a temporary database."""

import re

import pytest

from tests.app.conftest import NBSP, NNBSP, ROOT, metrics, shown, texts

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)


def test_a_fresh_install_loads_the_demo_and_shows_its_headline_figures(app):
    app.run()
    assert not app.exception
    shown = metrics(app)
    # Hand-computed from the demo's parameters (pac_core/demo.py): CA Jan–Oct 32 500 + 70 600 + 4 200 + 39 500.
    assert shown["Chiffre d'affaires réalisé"] == f"146{NNBSP}800{NBSP}€"
    assert shown["Contacts recueillis"] == f"1{NNBSP}934"
    assert shown["Nouveaux clients"] == "22"
    assert shown["Budget consommé"] == f"98,7{NNBSP}%"  # 35 050 € spent of 35 500 €
    assert shown["+20 % de clients actifs"] == "165"  # a stock: October's figure
    assert shown["+250 000 € de CA"] == f"146{NNBSP}800{NBSP}€"
    page = texts(app)
    assert "octobre 2026" in page
    assert f"80,4{NNBSP}%" in page  # revenue pace 146 800 / 182 500
    assert "Téléprospection externalisée : chiffre d'affaires à 10,5" in page  # the failing action, in the alerts


def test_status_counts_on_the_overview(app):
    app.run()
    shown = metrics(app)
    # Worst status per action: SAL1, SAL3, WEB on track; BDD, SAL2 to watch; RS, TEL off track.
    assert (shown["✔ En bonne voie"], shown["⚠ À surveiller"], shown["✖ En retard"]) == ("3", "2", "2")


def test_an_empty_database_shows_how_to_import_instead_of_an_error(empty_app):
    empty_app.run()
    assert not empty_app.exception
    assert "python -m pac_core import" in texts(empty_app)
    assert any(button.label == "Télécharger le modèle Excel" for button in empty_app.get("download_button"))


def test_the_as_of_month_and_filters_come_from_the_url(app):
    app.query_params["mois"] = "juin 2026"
    app.query_params["canal"] = "Salon"
    app.run()
    assert not app.exception
    assert "PAC Pilot · données à fin juin 2026" in [caption.value for caption in app.caption]
    assert chips(app) == [f"Canal{NBSP}: Salon"]
    # Salons to June (pac_core/demo.py RESULTS): SAL1 7 200 + 13 500 + 11 800 + 0, SAL2 14 600 → 47 100 €.
    assert metrics(app)["Chiffre d'affaires réalisé"] == f"47{NNBSP}100{NBSP}€"


def chips(app_test) -> list[str]:
    """The header's filter chips as the page shows them (« Canal : Salon »)."""
    lines = [element.value for element in app_test.markdown
             if element.value.startswith("Vue restreinte aux filtres actifs : ")]
    return re.findall(r":blue-badge\[(.*?)\](?= |$)", shown(lines[0])) if lines else []


def test_without_a_filter_the_header_names_none_and_offers_nothing_to_clear(app):
    app.run()
    assert chips(app) == []
    assert not [button for button in app.button if button.label == "Effacer les filtres"]
    assert "filtres actifs" not in texts(app).lower()


def test_each_active_filter_is_a_chip_in_the_header_and_one_button_clears_them_all(app):
    app.query_params["canal"] = ["Salon", "Site web / SEO"]
    app.query_params["responsable"] = "Directeur commercial"
    app.run()
    assert not app.exception
    # In the sidebar's order (ui/filters.py); a filter keeps any of its values.
    assert chips(app) == [f"Canal{NBSP}: Salon ou Site web / SEO", f"Responsable{NBSP}: Directeur commercial"]
    # The director's salon and website actions: SAL2 only (WEB belongs to the marketing department) → 70 600 €.
    assert metrics(app)["Chiffre d'affaires réalisé"] == f"70{NNBSP}600{NBSP}€"
    app.button(key="effacer_filtres").click().run()
    assert not app.exception
    assert chips(app) == []
    assert app.multiselect(key="canal").value == [] and app.multiselect(key="responsable").value == []
    assert "canal" not in app.query_params and "responsable" not in app.query_params
    assert metrics(app)["Chiffre d'affaires réalisé"] == f"146{NNBSP}800{NBSP}€"


def test_a_value_written_in_markdown_stays_text_in_its_chip():
    from pac_core.kpi.scope import Filters
    from ui.filters import active_filters
    from ui.widgets import chip_text, plain

    shown_filters = active_filters(Filters(channel=("Salon [pro]",), owner=("**DG**",), action_id=("WEB",)))
    assert shown_filters == [("Canal", ("Salon [pro]",)), ("Responsable", ("**DG**",)), ("Action", ("WEB",))]
    assert [chip_text(*item) for item in shown_filters] == [
        f"Canal{NBSP}: Salon [pro]", f"Responsable{NBSP}: **DG**", f"Action{NBSP}: WEB"]
    assert plain(chip_text("Canal", ("Salon [pro]",))) == f"Canal{NBSP}\\: Salon \\[pro\\]"


def test_every_screen_file_is_registered_in_the_navigation():
    # The screens live in screens/, not pages/: a pages/ folder makes Streamlit run a page's file alone,
    # without app.py, on the first visit to its URL after a restart (its pages-folder mode).
    declared = set(re.findall(r'st\.Page\("screens/([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8")))
    on_disk = {path.name for path in (ROOT / "screens").glob("*.py")}
    assert on_disk == declared
    assert not (ROOT / "pages").exists()


def test_once_the_plan_is_re_adjusted_every_screen_can_measure_against_the_initial_plan(tmp_path, monkeypatch):
    """Version 2 doubles WEB's October revenue target (10 000 € → 20 000 €); « vs plan initial » (version 1)
    keeps the adopted one, and the revenue card's pace to date moves with it."""
    import datetime

    import pandas as pd
    from pac_core.demo_loader import load_demo
    from pac_core.store import Store
    from tests.app.conftest import app_on

    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        load_demo(store)
        october = store.scalar("SELECT value FROM targets WHERE action_id = 'WEB' AND metric = 'ca' "
                               "AND month = DATE '2026-10-01'")
        assert october == 10_000
        store.save_plan_version(
            label="Revue T3", note="", revised_from=datetime.date(2026, 10, 1), decided_on=datetime.date(2026, 10, 2),
            target_changes=pd.DataFrame({"action_id": ["WEB"], "metric": ["ca"], "month": [datetime.date(2026, 10, 1)],
                                         "value": [2 * october]}),
            actions=pd.DataFrame(), decisions=pd.DataFrame(columns=["action_id", "decision", "comment", "owner",
                                                                    "new_budget"]), user="test")

    def revenue_target(plan=None):
        app = app_on(db, monkeypatch)
        if plan:
            app.query_params["plan"] = plan
        app.run()
        assert not app.exception
        return app, app.selectbox(key="plan")

    current, picker = revenue_target()
    assert picker.options == ["Version 2 · Revue T3 (en vigueur)", "Version 1 · Plan initial"]
    initial, _ = revenue_target("Version 1 · Plan initial")
    assert "objectifs de la version 1 du plan" in texts(initial)
    captions = lambda app: [c.value for c in app.caption if "de l'objectif à date" in c.value]  # noqa: E731
    assert captions(current) != captions(initial)  # the revenue card's pace moved with the target

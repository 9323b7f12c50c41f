"""Responsables run by AppTest on the demo: every owner on one line, one owner's scorecard chosen in the URL
(`proprietaire`), the sidebar's `responsable` filter respected; figures from pac_core/demo.py worked out by hand
and checked against the KPI engine; an empty database."""

import pytest
import datetime

from pac_core import formatting as fmt
from pac_core.kpi.budget import budget
from pac_core.kpi.scope import Scope
from tests.app.conftest import NBSP, NNBSP, metrics, shown_table, texts
from tests.app.test_channels_page import open_page

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

PAGE = "screens/responsables.py"
OCTOBER = Scope(as_of=datetime.date(2026, 10, 1))


def overview(app) -> dict[str, dict]:
    frame = shown_table(app.table[0])
    return {record["Responsable"]: record for record in frame.to_dict("records")}


def action_ids(app) -> list[str]:
    return [name.split(" · ")[0] for name in shown_table(app.table[1])["Action"]]


def test_every_owner_on_one_line(app):
    open_page(app, PAGE)
    owners = overview(app)
    assert list(owners) == ["Directeur commercial", "Directeur marketing", "Responsable partenariats",
                            "Service marketing"]
    # Directeur commercial owns SAL2 (watch), BDD (watch) and TEL (off track); budgets 8 000 + 1 000 + 6 000
    # = 15 000 €, spent 9 200 + 1 000 + 6 000 = 16 200 € → 108,0 %, over budget.
    director = owners["Directeur commercial"]
    assert (director["Actions"], director["✔ En bonne voie"], director["⚠ À surveiller"], director["✖ En retard"]) \
        == ("3", "0", "2", "1")
    assert director["Budget consommé"] == f"108,0{NNBSP}% ✖ dépassé (16{NNBSP}200{NBSP}€ sur 15{NNBSP}000{NBSP}€)"
    # Service marketing: WEB on track, RS off track; 9 000 + 6 000 = 15 000 €, 8 700 + 4 900 = 13 600 € → 90,7 %.
    marketing = owners["Service marketing"]
    assert (marketing["Actions"], marketing["✔ En bonne voie"], marketing["✖ En retard"]) == ("2", "1", "1")
    assert marketing["Budget consommé"].startswith(f"90,7{NNBSP}%")


def test_the_budgets_are_the_kpi_engine_s(app):
    open_page(app, PAGE)
    owners = overview(app)
    for row in budget(app.session_state["store"], OCTOBER, by="owner").itertuples(index=False):
        assert owners[row.owner]["Budget consommé"].startswith(fmt.percent(row.consumption))
        assert owners[row.owner]["Actions"] == str(row.actions)


def test_the_first_owner_s_scorecard_by_default(app):
    open_page(app, PAGE)
    assert app.selectbox(key="proprietaire").value == "Directeur commercial"
    assert action_ids(app) == ["BDD", "SAL2", "TEL"]
    shown = metrics(app)
    assert (shown["Actions"], shown["⚠ À surveiller"], shown["✖ En retard"]) == ("3", "2", "1")
    assert shown["Budget consommé"] == f"108,0{NNBSP}%"
    # Alerts of his actions: TEL off track on ca, new clients and rdv; SAL2 over budget (9 200 € for 8 000 €).
    assert shown["Alertes"] == "4"
    page = texts(app)
    assert "Salon 2 (mai) : 9" in page and "budget dépassé" in page
    assert "Ses actions servent les objectifs stratégiques : +20 % de clients actifs, Rentrer chez 3 grands " \
           "comptes, +250 000 € de CA." in page


def test_each_function_sees_its_own_objectives(app):
    open_page(app, PAGE, proprietaire="Service marketing")
    assert action_ids(app) == ["RS", "WEB"]
    activity, performance = (shown_table(table) for table in app.table[2:4])
    assert set(activity["Indicateur"]) == {"Contacts", "Publications"}
    assert set(performance["Indicateur"]) == {"Chiffre d'affaires", "Nouveaux clients"}
    # WEB revenue: 39 500 € against 32 500 € to date → 121,5 %, on track.
    web_revenue = performance[performance["Indicateur"] == "Chiffre d'affaires"].iloc[0]
    assert (web_revenue["Réalisé à date"], web_revenue["Rythme"], web_revenue["Statut"]) == (
        f"39{NNBSP}500{NBSP}€", f"121,5{NNBSP}%", "✔ En bonne voie")
    assert metrics(app)["Budget consommé"] == f"90,7{NNBSP}%"


def test_the_sidebar_owner_filter_is_respected(app):
    # The sidebar keeps only the marketing director: the overview and the choice follow, and a scorecard asked
    # for in the URL for someone else is not shown.
    open_page(app, PAGE, responsable="Directeur marketing", proprietaire="Service marketing")
    assert list(overview(app)) == ["Directeur marketing"]
    assert app.selectbox(key="proprietaire").options == ["Directeur marketing"]
    assert action_ids(app) == ["SAL3"]


def test_another_filter_narrows_each_scorecard(app):
    open_page(app, PAGE, canal="Salon")
    assert overview(app)["Directeur commercial"]["Actions"] == "1"
    assert action_ids(app) == ["SAL2"]
    # SAL2 alone: 9 200 € for 8 000 € → 115,0 %.
    assert metrics(app)["Budget consommé"] == f"115,0{NNBSP}%"


def test_filters_that_match_nothing(app):
    open_page(app, PAGE, canal="Salon", responsable="Service marketing")
    assert "Aucune action ne correspond aux filtres" in texts(app)
    assert not app.table


def test_an_empty_database_shows_the_welcome(empty_app):
    open_page(empty_app, PAGE)
    assert "python -m pac_core import" in texts(empty_app)


def test_names_a_user_wrote_are_shown_as_written_never_as_markdown(tmp_path, monkeypatch):
    """An owner and an action whose names are Markdown (a link, bold) stay literal text on the page."""
    from pac_core.store import Store
    from pac_core.validate import validate_files
    from tests.app.conftest import app_on
    from tests.builders import ACTION_HEADERS, action_row, workbook

    db = tmp_path / "pac.duckdb"
    owner, name = "[Julie](http://pirate.invalid)", "**Salon** <b>Lyon</b>"
    path = workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("SAL1", name=name, owner=owner)],
        "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"], ["SAL1", "contacts", "mars 2026", 10]],
        "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], ["SAL1", "contacts", "mars 2026", 4]]})
    with Store(db) as store:
        store.import_batch(validate_files([path], store.context()).batch, user="test")
    app = app_on(db, monkeypatch)
    app.switch_page(PAGE)
    app.run()
    assert not app.exception
    raw_cell = app.table[0].value["Responsable"].iloc[0]
    assert raw_cell.startswith(r"\[Julie\]\(http") and "](" not in raw_cell  # no link survives: signs escaped
    assert shown_table(app.table[0])["Responsable"].iloc[0] == owner  # and read as written
    assert any(name in cell for cell in shown_table(app.table[1])["Action"])
    assert not any("**Salon**" in cell for cell in app.table[1].value["Action"])  # the raw cell is escaped

"""Revue trimestrielle run by AppTest on the demo: the quarter's table, suggestions, budget moved from
telemarketing to the October trade show with its projected effect, version 2 saved and compared.
Figures from pac_core/demo.py worked out by hand."""

import pytest

from pac_core.store import Store
from tests.app.conftest import NBSP, NNBSP, metrics, texts

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

PAGE = "screens/revue_trimestrielle.py"


def open_review(app, quarter=None):
    app.run()  # the page's url_path (trimestre) is not its file name: AppTest finds it after a first run
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception
    if quarter:
        app.selectbox(key="trimestre").set_value(quarter).run()
        assert not app.exception, app.exception
    return app


def move_budget(app, source, target, amount):
    app.selectbox(key="deplacer_de").set_value(source)
    app.selectbox(key="deplacer_vers").set_value(target)
    app.number_input(key="deplacer_montant").set_value(amount)
    next(b for b in app.button if b.label == "Déplacer").click().run()
    assert not app.exception, app.exception


def test_the_last_complete_quarter_by_default_with_every_action(app):
    open_review(app)
    table = app.dataframe[0].value
    assert "résultats à fin septembre 2026" in texts(app)
    assert set(table["ID"]) == {"BDD", "RS", "SAL1", "SAL2", "SAL3", "TEL", "WEB"}
    tel = table[(table["ID"] == "TEL") & (table["Indicateur"] == "Chiffre d'affaires")].iloc[0]
    # TEL revenue in Q3: target 10 000 × 3 = 30 000 €, done 4 200 € (July) → 14 %; year 40 000 €, done 4 200 €.
    assert (tel["Objectif T"], tel["Réalisé T"], tel["Rythme T"]) == (f"30{NNBSP}000{NBSP}€", f"4{NNBSP}200{NBSP}€",
                                                                      f"14{NNBSP}%")
    assert tel["Statut"] == "✖ En retard"
    # 6 000 € for 4 200 € of revenue: 1,43 € per euro
    assert tel["Coût par résultat"] == f"1,43{NBSP}€ par euro de chiffre d'affaires"
    shown = texts(app)
    assert "**TEL** · Téléprospection externalisée — **Arrêter**" in shown and "1,43" in shown


def test_budget_moved_from_telemarketing_to_the_october_show_shows_what_it_brings(app):
    open_review(app, "T2 2026")  # end of June: TEL has spent 3 000 € of its 6 000 €
    before = metrics(app)
    assert before["OS3 · +250 000 € de CA"] == f"188{NNBSP}700{NBSP}€"
    move_budget(app, "TEL", "SAL3", 2000.0)
    after = metrics(app)
    # SAL3 has no result yet: the Salon channel's cost per euro of revenue at June, (1 850 + 9 200) / (32 500 +
    # 14 600) = 0,2346 € → 2 000 € bring 8 525 € (whole euros). TEL has no revenue: its 0 € forecast stays 0 €.
    assert after["OS3 · +250 000 € de CA"] == f"197{NNBSP}225{NBSP}€"
    # New clients at the channel's 11 050 / 7 = 1 579 € each: 2 000 € → 1,27 → 6 + 1,27 = 7 (whole) → +1 active client
    assert after["OS1 · +20 % de clients actifs"] == "166"
    assert after["Budget total de l'année"] == f"35{NNBSP}500{NBSP}€"  # moved, not added
    assert "+8\u202f525\xa0€ de CA" in texts(app)


def test_saving_makes_version_2_and_compares_it_with_version_1(app, tmp_path):
    open_review(app, "T2 2026")
    move_budget(app, "TEL", "SAL3", 2000.0)
    next(b for b in app.button if b.label == "Enregistrer la version 2").click().run()
    assert not app.exception, app.exception
    assert "Version 2 enregistrée (import n° 2)" in texts(app)
    assert app.selectbox(key="version_b_[1, 2]").value == 2
    totals = next(d.value for d in app.dataframe if "Total" in d.value.columns).set_index("Total")
    assert totals.loc["Budget", "Écart"] == f"0{NBSP}€"
    # Year revenue target: 250 000 − TEL 20 000 (its 30 000 € left × 1 000 / 3 000 € left) + SAL3 8 525
    assert totals.loc["Objectif année · Chiffre d'affaires", "v2"] == f"238{NNBSP}525{NBSP}€"
    log = app.dataframe[-1].value
    assert sorted(zip(log["ID"], log["Décision"])) == [("SAL3", "Renforcer"), ("TEL", "Réduire")]
    app.session_state["store"].close()
    with Store(tmp_path / "pac.duckdb", read_only=True) as store:
        assert store.current_plan_version() == 2
        assert store.scalar("SELECT budget FROM actions WHERE action_id = 'SAL3'") == 5500

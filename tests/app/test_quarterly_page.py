"""Revue trimestrielle run by AppTest on the demo: the quarter in brief, the actions needing a decision with
their projected effect, the quarter's table, budget moved from telemarketing to the October trade show with its
projected effect, version 2 saved and compared, the closed quarter said and « voir à fin octobre ».
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


def quarter_table(app):
    return next(d.value for d in app.dataframe if "Objectif T" in d.value.columns)


def move_budget(app, source, target, amount):
    app.selectbox(key="deplacer_de").set_value(source)
    app.selectbox(key="deplacer_vers").set_value(target)
    app.text_input(key="deplacer_montant").set_value(amount)  # typed as a French user types it
    next(b for b in app.button if b.label == "Déplacer").click().run()
    assert not app.exception, app.exception


def test_the_last_complete_quarter_by_default_with_every_action(app):
    open_review(app)
    table = quarter_table(app)
    assert "résultats à fin septembre 2026" in texts(app)
    assert table["Action"].nunique() == 7 and "Salon 3 (octobre)" in set(table["Action"])
    tel = table[(table["Action"] == "Téléprospection externalisée") & (table["Indicateur"] == "Chiffre d'affaires")].iloc[0]
    # TEL revenue in Q3: target 10 000 × 3 = 30 000 €, done 4 200 € (July) → 14 %; year 40 000 €, done 4 200 €.
    assert (tel["Objectif T"], tel["Réalisé T"], tel["Rythme T"]) == (f"30{NNBSP}000{NBSP}€", f"4{NNBSP}200{NBSP}€",
                                                                      f"14{NNBSP}%")
    assert tel["Statut"] == "✖ En retard"
    # 6 000 € for 4 200 € of revenue: 1,43 € per euro, said per 100 € (issue 18): 143 €
    year = next(d.value for d in app.dataframe if "Coût par résultat" in d.value.columns)
    tel_year = year[(year["ID"] == "TEL") & (year["Indicateur"] == "Chiffre d'affaires")].iloc[0]
    assert tel_year["Coût par résultat"] == f"143{NBSP}€ de coût pour 100{NBSP}€ de chiffre d'affaires"
    shown = texts(app)
    assert "**TEL · Téléprospection externalisée — Arrêter**" in shown
    # against the median of the actions' cost per euro of revenue, 0,23 € → 23 € per 100 €
    assert f"143{NBSP}€ de coût pour 100{NBSP}€ de chiffre d'affaires, contre 23{NBSP}€ en médiane des actions" in shown


def test_budget_moved_from_telemarketing_to_the_october_show_shows_what_it_brings(app):
    open_review(app, "T2 2026")  # end of June: TEL has spent 3 000 € of its 6 000 €
    before = metrics(app)
    assert before["OS3 · +250 000 € de CA"] == f"188{NNBSP}700{NBSP}€"
    move_budget(app, "TEL", "SAL3", "2 000")
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
    move_budget(app, "TEL", "SAL3", "2 000")
    next(b for b in app.button if b.label == "Enregistrer la version 2").click().run()
    assert not app.exception, app.exception
    assert "Version 2 enregistrée (import n° 2)" in texts(app)
    assert "Versions" in [t.label for t in app.tabs]  # the comparison opens with the second version
    assert app.selectbox(key="version_b_[1, 2]").value == 2
    totals = next(d.value for d in app.dataframe if "Total" in d.value.columns).set_index("Total")
    assert totals.loc["Budget", "Écart"] == f"0{NBSP}€"
    # Year revenue target: 250 000 − TEL 20 000 (its 30 000 € left × 1 000 / 3 000 € left) + SAL3 8 525
    assert totals.loc["Objectif année · Chiffre d'affaires", "v2"] == f"238{NNBSP}525{NBSP}€"
    log = next(d.value for d in app.dataframe if "Porteur" in d.value.columns)
    assert sorted(zip(log["ID"], log["Décision"])) == [("SAL3", "Renforcer"), ("TEL", "Réduire")]
    app.session_state["store"].close()
    with Store(tmp_path / "pac.duckdb", read_only=True) as store:
        assert store.current_plan_version() == 2
        assert store.scalar("SELECT budget FROM actions WHERE action_id = 'SAL3'") == 5500


def test_the_quarter_in_brief_comes_first(app):
    open_review(app)
    cards = metrics(app)
    # At the end of September, each action by its worst indicator: SAL1 and WEB on track; RS and TEL off track,
    # BDD (contacts 95 % → watch) and SAL2 watch; SAL3 (starts in October) not rated: 2 and 4 of 7.
    assert (cards["En bonne voie"], cards["Pas en bonne voie"]) == ("2 sur 7", "4 sur 7")
    # Budgets 1 000 + 6 000 + 2 000 + 8 000 + 3 500 + 6 000 + 9 000 = 35 500 €; spent BDD 1 000, RS 4 500, SAL1
    # 1 850, SAL2 9 200, TEL 6 000, WEB 8 500 = 31 050 €: 4 450 € left, SAL2 1 200 € over its 8 000 €.
    assert cards["Budget restant"] == f"4{NNBSP}450{NBSP}€"
    shown = texts(app)
    assert f"31{NNBSP}050{NBSP}€ dépensés sur 35{NNBSP}500{NBSP}€ · SAL2 a dépassé son budget de 1{NNBSP}200{NBSP}€" in shown
    assert "2 en retard (RS, TEL) · 2 à surveiller (BDD, SAL2)" in shown
    assert [s.value for s in app.subheader][:2] == ["Le trimestre en bref", "Décisions à prendre"]


def test_each_action_needing_a_decision_shows_its_projected_effect(app):
    open_review(app, "T2 2026")
    shown = texts(app)
    # TEL stopped: its budget falls to the 3 000 € spent (−3 000 €); it has no revenue, so no objective moves.
    assert "**TEL · Téléprospection externalisée — Arrêter**" in shown
    assert f"Effet projeté : budget de l'année \u22123{NNBSP}000{NBSP}€." in shown
    # SAL3 reinforced: 3 500 € + 20 % = 4 200 € (+700 €) at the Salon channel's 0,2346 € per euro of revenue →
    # 700 / 0,2346 = 2 984 € more revenue.
    assert (f"Effet projeté : budget de l'année +700{NBSP}€ · OS3 (+250 000 € de CA) +2{NNBSP}984{NBSP}€ "
            "d'atterrissage.") in shown
    next(b for b in app.button if b.key == "reprendre_TEL").click().run()
    assert not app.exception, app.exception
    assert metrics(app)["Budget total de l'année"] == f"32{NNBSP}500{NBSP}€"  # 35 500 − 3 000
    # Stopped at June, TEL's July–September targets go to zero: 4 indicators (CA, nouveaux clients, appels, RDV) × 3.
    assert "Enregistrer la version 2 du plan · 1 décision et 12 objectifs mensuels modifiés à enregistrer." in [
        e.label for e in app.expander]


def test_a_closed_quarter_says_so_and_moves_to_the_latest_month(app):
    open_review(app)  # T3, closed at September while October's results exist
    assert ("Cette revue du T3 2026 s'arrête à fin septembre ; les autres écrans montrent les chiffres à fin "
            "octobre, d'où des atterrissages différents.") in [i.value for i in app.info]
    next(b for b in app.button if b.label == "Voir à fin octobre").click().run()
    assert not app.exception, app.exception
    assert app.selectbox(key="trimestre").value == "T4 2026"
    shown = texts(app)
    assert "T4 2026 · résultats à fin octobre 2026" in shown
    assert "s'arrête à fin" not in shown and not any(b.label == "Voir à fin octobre" for b in app.button)
    # At October, the landing the other screens show (issue 18: one set of figures): 219 146 € of revenue.
    assert metrics(app)["OS3 · +250 000 € de CA"] == f"219{NNBSP}146{NBSP}€"


def test_one_plan_version_shows_no_comparison_and_counts_no_decision_in_words(app):
    open_review(app)
    assert "Versions" not in [t.label for t in app.tabs]
    assert not [s for s in app.selectbox if str(s.key).startswith("version_")]
    labels = [e.label for e in app.expander]
    assert "Enregistrer la version 2 du plan · aucune décision à enregistrer." in labels
    assert "décision(s)" not in texts(app) and "version 1 et la version 1" not in texts(app)


def test_amounts_are_typed_and_shown_in_french(app):
    open_review(app, "T2 2026")
    assert app.text_input(key="deplacer_montant").value == f"1{NNBSP}000"  # never « 1000.00 »
    move_budget(app, "TEL", "SAL3", "2 000,00 €")
    assert metrics(app)["OS3 · +250 000 € de CA"] == f"197{NNBSP}225{NBSP}€"  # as 2 000 (test above)
    move_budget(app, "TEL", "SAL3", "deux mille")
    assert "« deux mille » n'est pas un nombre" in texts(app)
    assert metrics(app)["OS3 · +250 000 € de CA"] == f"197{NNBSP}225{NBSP}€"  # nothing more moved


def test_one_export_menu_with_each_file_once(app):
    open_review(app)
    downloads = [b.proto.label for b in app.get("download_button")]
    assert downloads == ["Résumé des décisions (PDF, une page)", "Plan, version 1 (modèle Excel, réimportable)"]
    assert [p.proto.popover.label for p in app.get("popover")] == ["Exporter"]


def test_a_new_action_takes_its_budget_in_french(app):
    open_review(app, "T2 2026")
    next(t for t in app.text_input if t.label == "Action").set_value("Salon 4 (décembre)")
    app.text_input(key="nouvelle_budget").set_value("2 500")
    next(b for b in app.button if b.label == "Ajouter l'action").click().run()
    assert not app.exception, app.exception
    assert metrics(app)["Budget total de l'année"] == f"38{NNBSP}000{NBSP}€"  # 35 500 + 2 500
    assert "**N1** · Salon 4 \\(décembre\\) · " in "\n".join(m.value for m in app.markdown)


def test_figures_are_right_aligned_and_names_have_room(app):
    import json

    open_review(app)
    element = next(d for d in app.dataframe if "Objectif T" in d.value.columns)
    config = json.loads(element.proto.columns)
    aligned = {name: spec.get("alignment") for name, spec in config.items()}
    assert [aligned[n] for n in ("Objectif T", "Réalisé T", "Rythme T")] == ["right"] * 3
    assert aligned["Action"] is None and aligned["Statut"] is None
    assert config["Statut"]["width"] == 150  # « — Sans objectif à date » whole (tests/browser: no column cut)

"""A CRM's opportunity export → the pipeline, and won deals → monthly new clients and revenue."""

import datetime as dt

from pac_core.mapping import apply, deal_results, read_foreign, suggest
from tests.files.foreign.make_foreign import CRM_ROWS, crm_export
from tests.mapping.conftest import figures, messages

D = dt.date
# By hand: Salon → A3 (the only action on trade shows), LinkedIn → A1 (social networks), Site web → A4;
# Gagné → Signature de devis, Proposition → Proposition commerciale envoyée, Qualification → Premier contact.
EXPECTED_OPPORTUNITIES = [
    ("OPP-001", "Dupont SA", "A3", "Salon", "Signature de devis", 12000.0, D(2026, 1, 10), D(2026, 2, 15), "Gagnée"),
    ("OPP-002", "Martin SARL", "A1", "Réseaux sociaux", "Proposition commerciale envoyée", 8500.0, D(2026, 1, 20),
     None, "En cours"),
    ("OPP-003", "Bernard & fils", "A3", "Salon", "Perdu", 3000.0, D(2026, 2, 5), D(2026, 2, 28), "Perdue"),
    ("OPP-004", "Leroy", "A4", "Site web / SEO", "Signature de devis", 4500.5, D(2026, 2, 1), D(2026, 3, 20), "Gagnée"),
    ("OPP-005", "Petit", "A3", "Salon", "Premier contact", None, D(2026, 3, 10), None, "En cours"),
    ("OPP-006", "Roux", "A3", "Salon", "Signature de devis", 2000.0, D(2026, 2, 12), D(2026, 2, 25), "Gagnée"),
]
EXPECTED_DEAL_RESULTS = {  # won deals per month of closing: OPP-001 + OPP-006 in February, OPP-004 in March
    ("A3", "nouveaux_clients", "2026-02"): 2, ("A3", "ca", "2026-02"): 12000 + 2000,
    ("A4", "nouveaux_clients", "2026-03"): 1, ("A4", "ca", "2026-03"): 4500.5,
}


def opportunities(store):
    frame = store.query("SELECT opportunity_id, account, action_id, channel, stage, amount, created_on, closed_on, "
                        "status FROM opportunities ORDER BY opportunity_id")
    return [tuple(None if v is None or v != v else (v.date() if hasattr(v, "date") else v) for v in row)
            for row in frame.itertuples(index=False)]


def test_the_export_is_recognised_as_a_pipeline_with_its_stages_mapped(tmp_path, actions):
    table, = read_foreign(crm_export(tmp_path / "crm.csv"))
    mapping = suggest(table, actions)
    part, = mapping.tables
    assert part.table == "opportunities"
    assert part.columns == {"opportunity_id": "Nom de l'opportunité", "account": "Compte", "stage": "Étape",
                            "amount": "Montant", "created_on": "Date de création", "closed_on": "Date de clôture",
                            "action_id": "Origine de la piste", "channel": "Origine de la piste"}
    assert mapping.value_maps["Étape"] == {"gagne": "Signature de devis", "proposition": "Proposition commerciale envoyée",
                                          "perdu": "Perdu", "qualification": "Premier contact"}
    assert mapping.value_maps["Origine de la piste"] == {"salon": "A3", "linkedin": "A1", "site web": "A4"}


def test_opportunities_and_won_deals_are_imported_together(tmp_path, store, actions):
    table, = read_foreign(crm_export(tmp_path / "crm.csv"))
    mapping = suggest(table, actions)
    mapping.tables.append(deal_results(mapping))
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    assert opportunities(store) == EXPECTED_OPPORTUNITIES
    assert figures(store) == EXPECTED_DEAL_RESULTS


def test_an_unknown_stage_and_a_bad_date_are_named_and_nothing_is_written(tmp_path, store, actions):
    rows = [*CRM_ROWS, ["OPP-007", "Blanc", "Négociation avancée", "1 000", "Salon", "31/02/2026", "", "Paul"]]
    table, = read_foreign(crm_export(tmp_path / "crm.csv", rows))
    mapping = suggest(table, actions)
    mapping.value_maps["Étape"].pop("negociation avancee", None)  # the user has not chosen yet
    validation = apply(table, mapping, store.context(), actions)
    assert not validation.ok
    stage, = [i for i in validation.errors if i.value == "Négociation avancée"]
    assert (stage.source, stage.row, stage.column) == ("crm.csv", 9, "Étape")
    assert "n'est associé à aucune étape" in stage.message
    date, = [i for i in validation.errors if i.column == "Date de création"]
    assert date.row == 9 and "n'existe pas" in date.message
    assert store.scalar("SELECT count(*) FROM history.opportunities") == 0


def test_the_preview_counts_the_deals_a_crm_export_adds_and_their_amount(tmp_path, store, actions):
    from pac_core.import_preview import preview_import

    table, = read_foreign(crm_export(tmp_path / "crm.csv"))
    validation = apply(table, suggest(table, actions), store.context(), actions)
    assert validation.ok, messages(validation)
    sentences = [total.sentence() for total in preview_import(store, validation.batch).totals if total.differs]
    # By hand: six deals, 12 000 + 8 500 + 3 000 + 4 500,50 + 2 000 (OPP-005 has no amount) = 30 000,50 €.
    assert "Pipeline : 0 opportunités → 6" in sentences
    assert any(s.startswith("Pipeline : montant total") and s.endswith("30\u202f001\u00a0€") for s in sentences)


def test_a_lead_source_that_names_no_channel_takes_its_actions_channel_or_is_said(tmp_path, store, actions):
    rows = [*CRM_ROWS, ["OPP-007", "Morel", "Proposition", "1 000", "Employee Referral", "02/03/2026", "", "Paul Martin"],
            ["OPP-008", "Blanc", "Proposition", "500", "Podcast", "03/03/2026", "", "Paul Martin"]]
    table, = read_foreign(crm_export(tmp_path / "crm.csv", rows))
    mapping = suggest(table, actions)
    source = mapping.table("opportunities").columns["action_id"]
    mapping.set_value(source, "Employee Referral", "A3")  # the user files referrals under the trade show action
    mapping.ignore_unmapped = False
    mapping.set_value(source, "Podcast", "A4")
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch)
    channels = dict(store.query("SELECT opportunity_id, channel FROM opportunities").itertuples(index=False))
    assert channels["OPP-007"] == "Salon" and channels["OPP-008"] == "Site web / SEO"  # their actions' channels
    assert "Employee Referral" not in set(channels.values())

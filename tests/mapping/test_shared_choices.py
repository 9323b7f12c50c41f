"""One source, two formats: what the user decided for a label in one saved mapping (« Google Ads » left out)
is taken up by the mapping suggested for another export of the same labels; and a lead source read as one of
our channels is always said before the import, never converted without a word."""



from pac_core.mapping import IGNORE, NO_ACTION, apply, read_foreign, suggest
from pac_core.mapping.value_maps import borrow_choices
from tests.files.foreign.make_foreign import CRM_ROWS, ad_export, crm_export
from tests.mapping.conftest import messages


def csv_of_the_same_platforms(path):
    """The same ad platforms' labels in another export: a CSV with other headers."""
    path.write_text("Jour;Réseau;Coût\n15/01/2026;Google Ads;80,00\n16/01/2026;META;12,50\n", encoding="utf-8")
    table, = read_foreign(path)
    return table


def test_a_label_left_out_in_one_mapping_is_left_out_in_the_next_one(tmp_path, store, actions):
    xlsx, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    saved = suggest(xlsx, actions)
    saved.set_value("Canal", "Google Ads", IGNORE)  # the user decided: Google Ads is not imported from here
    store.save_mapping("Pub xlsx", saved, "test")

    table = csv_of_the_same_platforms(tmp_path / "pub.csv")
    mapping = suggest(table, actions)
    assert mapping.value_maps["Réseau"]["google ads"] == "A2"  # the guess: the plan's Google Ads action
    assert borrow_choices(table, mapping, store.saved_mappings(), actions) == 1
    assert mapping.value_maps["Réseau"] == {"google ads": IGNORE, "meta": "A1"}
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    assert validation.batch.tables["results"]["value"].tolist() == [12.5]  # META's only


def test_a_choice_pointing_at_an_action_the_plan_lost_is_not_borrowed(tmp_path, store, actions):
    xlsx, = read_foreign(ad_export(tmp_path / "ads.xlsx"))
    saved = suggest(xlsx, actions)
    saved.set_value("Canal", "META", "A99")
    store.save_mapping("Ancienne", saved, "test")
    table = csv_of_the_same_platforms(tmp_path / "pub.csv")
    mapping = suggest(table, actions)
    assert borrow_choices(table, mapping, store.saved_mappings(), actions) == 0
    assert mapping.value_maps["Réseau"]["meta"] == "A1"


def test_every_lead_source_read_as_a_channel_is_said_with_its_count(tmp_path, store, actions):
    rows = [*CRM_ROWS, ["OPP-007", "Morel", "Proposition", "1 000", "Partner", "02/03/2026", "", "Paul Martin"],
            ["OPP-008", "Blanc", "Proposition", "500", "Employee Referral", "03/03/2026", "", "Paul Martin"]]
    table, = read_foreign(crm_export(tmp_path / "crm.csv", rows))
    mapping = suggest(table, actions)
    source = mapping.table("opportunities").columns["action_id"]
    mapping.set_value(source, "Partner", "A3")
    mapping.set_value(source, "Employee Referral", "A3")
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    said = {w.value: w.message for w in validation.warnings if w.message.startswith("«")}
    assert said["Partner"].startswith("« Partner » compté dans le canal « Prescripteurs » (nommé, 1 opportunité)")
    assert said["Employee Referral"].startswith(
        "« Employee Referral » compté dans le canal « Salon » (celui de son action, 1 opportunité)")
    assert said["LinkedIn"].startswith("« LinkedIn » compté dans le canal « Réseaux sociaux » (nommé, 1 opportunité)")
    assert "Salon" not in said  # a label that is the channel's own name is not worth a word


def test_a_deal_whose_source_is_no_action_of_the_plan_can_be_kept_without_one(tmp_path, store, actions):
    """Zoho's « Cold Call », a « Podcast »: no action of the plan, but the deals are real and count in the
    pipeline, each in the channel its label names, or in a channel of its own (said)."""
    rows = [*CRM_ROWS, ["OPP-007", "Morel", "Gagné", "1 000", "Cold Call", "02/03/2026", "20/03/2026", "Paul Martin"],
            ["OPP-008", "Blanc", "Proposition", "500", "Podcast", "03/03/2026", "", "Paul Martin"]]
    table, = read_foreign(crm_export(tmp_path / "crm.csv", rows))
    mapping = suggest(table, actions)
    mapping.ignore_unmapped = False
    source = mapping.table("opportunities").columns["action_id"]
    mapping.set_value(source, "Cold Call", NO_ACTION)
    mapping.set_value(source, "Podcast", NO_ACTION)
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch, user="test")
    deals = store.query("SELECT opportunity_id, action_id, channel, amount FROM opportunities "
                        "WHERE opportunity_id IN ('OPP-007', 'OPP-008') ORDER BY 1")
    assert deals.values.tolist() == [["OPP-007", None, "Téléprospection", 1000.0], ["OPP-008", None, "Podcast", 500.0]]
    said = {w.value: w.message for w in validation.warnings}
    assert said["Cold Call"].startswith("« Cold Call » compté dans le canal « Téléprospection » (nommé, 1 opportunité)")
    assert said["Podcast"].startswith("« Podcast » n'est pas un canal du plan (1 opportunité)")
    assert store.scalar("SELECT count(*) FROM opportunities") == 8  # the six of CRM_ROWS and these two

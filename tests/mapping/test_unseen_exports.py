"""Twelve exports the team had never seen (tests/files/foreign/unseen.py) and three hostile files, taken as a user
brings them: the command line answers each in French without a traceback, and through the wizard's library each
file is read as the Données page reads it, the suggestion is taken and adjusted as a user would (every adjustment
written out below), applied and imported; the figures in the store are the sums done by hand beside each builder.
The plan is make_foreign.PLAN_ACTIONS: A1 Meta (social networks), A2 Google Ads (SEA), A3 trade show, A4 website,
A5 newsletter, A6 Marie Durand's and A7 Paul Martin's field prospection."""

import openpyxl
import pytest

from pac_core.io.sheet import UnreadableFile
from pac_core.mapping import (COUNT, IGNORE, RESULTS, TARGETS, Measure, TableMapping, apply, deal_results,
                              read_foreign, suggest)
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.files.foreign import unseen
from tests.mapping.conftest import figures, import_plan, imported, messages, summary
from tests.mapping.test_crm_export import opportunities
from tests.test_cli import cli

pytestmark = pytest.mark.usefixtures("story_day")

FOREIGN_HINT = "n'est pas au format du modèle PAC Pilot : ce fichier peut être associé au plan sur la page Données"


def first_guess(tmp_path, name, actions):
    """The export written under its usual name, read as the Données page reads it, and PAC Pilot's suggestion."""
    table, *_ = read_foreign(unseen.BUILDERS[name](tmp_path / name))
    return table, suggest(table, actions)


def rounded(expected: dict) -> dict:
    return {key: round(value, 6) for key, value in expected.items()}


def total_amount(store) -> float:
    return round(store.query("SELECT sum(amount) AS total FROM opportunities")["total"].iloc[0], 2)


# -- the command line -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def plan_db(tmp_path_factory):
    """A database file holding the plan, closed so that the command line can open it."""
    folder = tmp_path_factory.mktemp("cli")
    with Store(folder / "pac.duckdb") as store:
        import_plan(store, folder)
    return folder / "pac.duckdb"


HOSTILE_SAYS = {
    "export-crm-image.csv": "« export-crm-image.csv » est une image, pas un tableau",
    "tiktok-sans-depense.csv": ("« tiktok-sans-depense.csv » n'a que sa ligne d'en-têtes (Date, Campaign, Spend, "
                                "Leads) : aucune ligne de données à importer."),
    "export-vide.xlsx": "« export-vide.xlsx » ne contient aucun tableau lisible",
}


@pytest.mark.parametrize("name", list(unseen.BUILDERS))
def test_validate_answers_every_file_in_french_without_a_traceback(tmp_path, plan_db, name):
    done = cli("validate", unseen.BUILDERS[name](tmp_path / name), db=plan_db)  # cli() fails on a traceback
    said = done.stdout + done.stderr
    assert "Erreur inattendue" not in said and "Error" not in said
    assert done.returncode == (2 if name == "export-crm-image.csv" else 1)
    assert "Fichier refusé" in done.stderr
    assert HOSTILE_SAYS.get(name, f"« {name} » {FOREIGN_HINT}") in done.stderr


def test_validate_says_the_targets_sheet_named_like_ours_is_read_as_another_tools(tmp_path, plan_db):
    name = "objectifs-commerciaux-janv-26.xlsx"
    done = cli("validate", unseen.BUILDERS[name](tmp_path / name), db=plan_db)
    note = ("La feuille « Objectifs » porte le nom d'une feuille du modèle (Objectifs) mais pas ses colonnes "
            "(il manque « ID action », « Indicateur ») : elle est lue comme le fichier d'un autre outil.")
    assert note in done.stdout
    assert "n'a pas de colonne" not in done.stdout + done.stderr


# -- ad platforms and web analytics ----------------------------------------------------------------------------------

def test_microsoft_ads_preamble_total_and_copyright_line_are_not_rows(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "microsoft-ads-campaigns.csv", actions)
    assert len(table) == 4  # « Rows: 4 »: the Total row and Microsoft's copyright line are left out
    assert summary(mapping) == [("results", {"period": "Date", "action_id": "Campaign name"},
                                 [("impressions", "Impressions"), ("clics", "Clicks"), ("cout", "Spend"),
                                  ("contacts", "Conversions"), ("ca", "Revenue")])]
    assert mapping.value_maps == {"Campaign name": {"bing marque": "A2", "bing formations": "A2"}}
    imported(store, table, mapping, actions)
    assert figures(store) == rounded(unseen.BING_EXPECTED)


def test_tiktok_ads_destination_clicks_and_text_numbers(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "tiktok-ads-report.xlsx", actions)
    assert summary(mapping) == [("results", {"period": "By Day", "action_id": "Campaign name"},
                                 [("cout", "Cost"), ("impressions", "Impressions"), ("clics", "Clicks (destination)"),
                                  ("contacts", "Conversions")])]
    imported(store, table, mapping, actions)
    assert figures(store) == rounded(unseen.TIKTOK_EXPECTED)


def test_google_analytics_channel_groups_for_one_month(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "ga4-acquisition-trafic.csv", actions)
    assert table.header_row == 9 and len(table) == 6  # the « # » comment lines are above the header
    channel = "Groupe de canaux principal par défaut pour la session"
    assert summary(mapping) == [("results", {"action_id": channel}, [("contacts", "Événements clés")])]
    assert mapping.value_maps == {channel: {"organic search": "A4", "direct": "A4", "paid search": "A2",
                                            "email": "A5", "organic social": "A1"}}
    # The user's adjustments: the report's month (written in its comment lines), and Referral left out.
    part, = mapping.tables
    part.period_value = "janv. 2026"
    mapping.set_value(channel, "Referral", IGNORE)
    imported(store, table, mapping, actions)
    assert figures(store) == rounded(unseen.GA4_EXPECTED)


def test_meta_ads_in_english_reads_us_dates_month_first(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "meta-ads-en-us.csv", actions)
    assert summary(mapping) == [("results", {"period": "Reporting starts", "action_id": "Campaign name"},
                                 [("contacts", "Results"), ("impressions", "Impressions"),
                                  ("cout", "Amount spent (EUR)"), ("clics", "Link clicks")])]
    imported(store, table, mapping, actions)
    assert figures(store) == rounded(unseen.META_EN_EXPECTED)


# -- CRMs -----------------------------------------------------------------------------------------------------------

def test_hubspot_in_french_is_a_pipeline_with_its_french_stages_and_sources(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "hubspot-transactions-fr.xlsx", actions)
    part, = mapping.tables
    assert (part.table, part.columns) == ("opportunities", {
        "opportunity_id": "ID de fiche d'informations", "account": "Entreprise associée",
        "stage": "Phase de la transaction", "amount": "Montant", "created_on": "Date de création",
        "closed_on": "Date de fermeture", "action_id": "Source d'origine", "channel": "Source d'origine"})
    assert mapping.value_maps["Phase de la transaction"] == {
        "conclu gagne": unseen.WON, "contrat envoye": unseen.PROPOSAL, "conclu perdu": unseen.LOST,
        "rendez vous programme": unseen.MEETING}
    assert mapping.value_maps["Source d'origine"] == {
        "reseaux sociaux payants": "A1", "marketing par e mail": "A5", "recherche naturelle": "A4"}
    mapping.tables.append(deal_results(mapping))  # « compter aussi les affaires gagnées »
    imported(store, table, mapping, actions)
    assert opportunities(store) == unseen.HUBSPOT_FR_DEALS
    assert total_amount(store) == unseen.HUBSPOT_FR_AMOUNT
    assert figures(store) == unseen.HUBSPOT_FR_WON


def test_zoho_crm_english_month_names_in_dates(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "zoho-crm-deals.csv", actions)
    part, = mapping.tables
    assert (part.table, part.columns) == ("opportunities", {
        "opportunity_id": "Record Id", "account": "Account Name", "stage": "Stage", "amount": "Amount",
        "created_on": "Created Time", "closed_on": "Closing Date", "action_id": "Lead Source",
        "channel": "Lead Source"})
    assert mapping.value_maps["Stage"] == {"closed won": unseen.WON, "negotiation review": unseen.PROPOSAL,
                                           "closed lost to competition": unseen.LOST,
                                           "identify decision makers": unseen.DEMO}
    assert mapping.value_maps["Lead Source"] == {"trade show": "A3", "web download": "A4"}
    # The user's adjustment: a cold call is no action of this plan; the wizard can only leave that deal out.
    mapping.set_value("Lead Source", "Cold Call", IGNORE)
    imported(store, table, mapping, actions)
    assert opportunities(store) == unseen.ZOHO_DEALS
    assert total_amount(store) == unseen.ZOHO_AMOUNT


def test_pipedrive_in_french_semicolons_and_french_numbers(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "pipedrive-affaires-fr.csv", actions)
    part, = mapping.tables
    assert (part.table, part.columns) == ("opportunities", {
        "opportunity_id": "Affaire - ID", "account": "Affaire - Organisation", "stage": "Affaire - Étape",
        "status": "Affaire - Statut", "amount": "Affaire - Valeur", "created_on": "Affaire - Date de création",
        "closed_on": "Affaire - Date de gain", "action_id": "Affaire - Canal source",
        "channel": "Affaire - Canal source"})
    assert mapping.value_maps["Affaire - Étape"] == {
        "negociations commencees": unseen.PROPOSAL, "proposition faite": unseen.PROPOSAL,
        "demo programmee": unseen.MEETING, "qualifiee": unseen.FIRST}
    assert mapping.value_maps["Affaire - Canal source"] == {"formulaires web": "A4", "newsletter": "A5"}
    mapping.tables.append(deal_results(mapping))  # won by their status, whatever their stage
    imported(store, table, mapping, actions)
    assert opportunities(store) == unseen.PIPEDRIVE_FR_DEALS
    assert total_amount(store) == unseen.PIPEDRIVE_FR_AMOUNT
    assert figures(store) == unseen.PIPEDRIVE_FR_WON


def test_nocrm_steps_and_statuses(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "nocrm-leads.csv", actions)
    part, = mapping.tables
    assert (part.table, part.columns) == ("opportunities", {
        "opportunity_id": "ID", "account": "Client folder", "stage": "Step", "status": "Status", "amount": "Amount",
        "created_on": "Created at", "closed_on": "Closed at", "action_id": "Source", "channel": "Source"})
    assert mapping.value_maps["Status"] == {"won": "Gagnée", "standby": "En cours", "lost": "Perdue",
                                            "cancelled": "Perdue", "todo": "En cours"}
    mapping.tables.append(deal_results(mapping))
    imported(store, table, mapping, actions)
    assert opportunities(store) == unseen.NOCRM_DEALS
    assert total_amount(store) == unseen.NOCRM_AMOUNT
    assert figures(store) == {("A3", "nouveaux_clients", "2026-02"): 1, ("A3", "ca", "2026-02"): 12000}


# -- invoices, quotes and colleagues' sheets ---------------------------------------------------------------------

def test_axonaut_invoices_revenue_per_sales_rep_without_drafts(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "axonaut-factures.xlsx", actions)
    assert len(table) == 5  # the total line is left out
    assert summary(mapping) == [("results", {"period": "Date", "action_id": "Commercial"}, [])]
    # The user's adjustments: revenue is the amount excluding tax, and drafts are no sale yet.
    part, = mapping.tables
    part.measures = [Measure("ca", "Montant HT")]
    part.row_filter = {"Statut": ["payee", "en retard"]}
    imported(store, table, mapping, actions)
    assert figures(store) == rounded(unseen.AXONAUT_INVOICES_EXPECTED)


def test_targets_headed_janv_26_in_a_sheet_named_objectifs(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "objectifs-commerciaux-janv-26.xlsx", actions)
    part, = mapping.tables
    assert (part.table, part.metric, part.columns, part.month_columns) == (
        "targets", "ca", {"action_id": "Commercial"}, unseen.TARGET_MONTHS)  # « Total 2026 » is no month
    imported(store, table, mapping, actions)
    assert figures(store, "targets") == rounded(unseen.REP_TARGETS_EXPECTED)
    totals = store.query("SELECT action_id, sum(value) AS total FROM targets GROUP BY action_id ORDER BY action_id")
    assert list(totals.itertuples(index=False, name=None)) == [("A6", unseen.REP_TARGETS_A6),
                                                               ("A7", unseen.REP_TARGETS_A7)]


def test_google_sheets_budget_blocks_become_cost_targets_and_cost_results(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "budget-marketing-google-sheets.csv", actions)
    assert [(part.table, part.metric, part.columns, part.month_columns) for part in mapping.tables] == [
        ("targets", "cout", {"action_id": "Action"}, ["janv.", "févr.", "mars"]),
        ("results", "cout", {"action_id": "Action"}, ["janv. (2)", "févr. (2)", "mars (2)"])]
    imported(store, table, mapping, actions)
    assert figures(store, "targets") == rounded(unseen.BUDGET_TARGETS_EXPECTED)
    assert figures(store, "results") == rounded(unseen.BUDGET_RESULTS_EXPECTED)


def test_sellsy_quotes_counted_per_sales_rep_and_accepted_ones_as_revenue(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, "sellsy-devis.csv", actions)
    assert summary(mapping) == [("results", {"period": "Date", "action_id": "Commercial"}, [])]
    # The user's adjustments: quotes sent are counted (drafts are not sent), accepted ones bring their revenue.
    part, = mapping.tables
    part.measures = [Measure("devis", None, COUNT)]
    part.row_filter = {"Statut": ["accepte", "refuse", "envoye", "lu"]}
    mapping.tables.append(TableMapping(RESULTS, {"period": "Date", "action_id": "Commercial"},
                                       [Measure("ca", "Total HT")], row_filter={"Statut": ["accepte"]}))
    imported(store, table, mapping, actions)
    assert figures(store) == rounded(unseen.SELLSY_QUOTES_EXPECTED)


# -- hostile files -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, says", [
    ("export-crm-image.csv", "« export-crm-image.csv » est une image, pas un tableau : importez le fichier Excel ou "
                             "CSV d'origine."),
    ("export-vide.xlsx", "« export-vide.xlsx » ne contient aucun tableau lisible (une ligne d'en-têtes suivie de "
                         "lignes de données)."),
    ("tiktok-sans-depense.csv", "« tiktok-sans-depense.csv » n'a que sa ligne d'en-têtes (Date, Campaign, Spend, "
                                "Leads) : aucune ligne de données à importer. Vérifiez la période choisie dans "
                                "l'outil qui a fait l'export, puis exportez-le de nouveau."),
])
def test_a_file_with_no_table_is_refused_with_one_french_sentence(tmp_path, name, says):
    path = unseen.BUILDERS[name](tmp_path / name)
    with pytest.raises(UnreadableFile) as refused:
        read_foreign(path)
    assert str(refused.value) == says
    assert not validate_files([path]).ok


def test_a_sheet_chosen_with_headers_and_no_rows_has_nothing_to_import(tmp_path, store, actions):
    # A workbook whose first sheet has rows and whose second, chosen by the user, only its headers.
    book = openpyxl.Workbook()
    book.active.title = "Campagnes"
    book.active.append(["Date", "Campaign", "Spend", "Leads"])
    book.active.append(["2026-03-02", "Salon", 120, 3])
    book.create_sheet("Sans dépense").append(["Date", "Campaign", "Spend", "Leads"])
    book.save(tmp_path / "tiktok.xlsx")
    table = next(table for table in read_foreign(tmp_path / "tiktok.xlsx") if table.sheet_name == "Sans dépense")
    assert len(table) == 0
    mapping = suggest(table, actions)
    mapping.tables = [TableMapping(RESULTS, {"period": "Date"}, [Measure("cout", "Spend"), Measure("leads", "Leads")])]
    validation = apply(table, mapping, store.context(), actions)
    assert messages(validation) == [
        "Aucune ligne de données sous les en-têtes (ligne 1) : il n'y a rien à importer. Remplissez le tableau sous "
        "les en-têtes, puis déposez le fichier à nouveau."]
    assert figures(store) == {} and figures(store, TARGETS) == {}

"""Exports as the tools write them (tests/files/foreign/exports.py) are understood at first sight: the kind of
data, the columns of our fields, their figures as our indicators and their labels as our stages, statuses and
actions. The plan is make_foreign.PLAN_ACTIONS: A1 Meta (social networks), A2 Google Ads (SEA), A3 trade show,
A4 website, A5 newsletter, A6 Marie Durand's and A7 Paul Martin's field prospection."""

import datetime as dt

import pytest

from pac_core.mapping import deal_results, guess_kind, month_headers, read_foreign, suggest
from pac_core.mapping.value_maps import suggest_value
from pac_core.mapping.vocabulary import header_key
from tests.builders import workbook
from tests.files.foreign import exports
from tests.mapping.conftest import figures, imported, summary
from tests.mapping.test_crm_export import opportunities

D = dt.date
WON, LOST = "Signature de devis", "Perdu"
PROPOSAL, DEMO, MEETING, FIRST = ("Proposition commerciale envoyée", "Démonstration réalisée", "Prise de RDV",
                                  "Premier contact")


def first_guess(tmp_path, build, name, actions):
    """The export written, read back, and the mapping PAC Pilot proposes for it."""
    table, *_ = read_foreign(build(tmp_path / name))
    return table, suggest(table, actions)


# -- headers -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("header, key", [
    ("StageName", "stage name"), ("CloseDate", "close date"), ("LeadSource", "lead source"),
    ("close_date", "close date"), ("Account.Name", "account name"), ("Deal - Stage", "stage"),
    ("Deal - Won time", "won time"), ("Montant dépensé (EUR)", "montant depense"), ("Start Date (in UTC)", "start date"),
    ("Impr.", "impr"), ("ID action", "id action"),
])
def test_headers_are_read_as_words_camel_case_dots_underscores_and_record_prefixes_apart(header, key):
    assert header_key(header) == key


@pytest.mark.parametrize("months", [
    [f"M{m:02d}" for m in range(1, 13)],
    ["Jan", "Feb", "Mar"],
    ["janv.", "févr.", "mars"],
    ["01/2026", "02/2026", "03/2026"],
    ["2026-01", "2026-02", "2026-03"],
], ids=["M01", "Jan", "janv", "01-2026", "2026-01"])
def test_month_headers_are_recognised_however_the_months_are_written(tmp_path, months):
    path = workbook(tmp_path / "mois.xlsx", {"Objectifs": [["Commercial", *months, "Total"],
                                                          ["Marie Durand", *[100] * len(months), 100 * len(months)]]})
    table, = read_foreign(path)
    assert month_headers(table) == months


@pytest.mark.parametrize("field, label, ours", [
    ("stage", "closedwon", WON), ("stage", "appointmentscheduled", MEETING), ("stage", "closedlost", LOST),
    ("stage", "Closed Won", WON), ("stage", "Prospecting", FIRST), ("stage", "Id. Decision Makers", DEMO),
    ("stage", "Proposal/Price Quote", PROPOSAL), ("stage", "Negotiations Started", PROPOSAL),
    ("stage", "Devis envoyé", PROPOSAL), ("stage", "Prise de contact", FIRST),
    ("status", "won", "Gagnée"), ("status", "lost", "Perdue"), ("status", "open", "En cours"),
    ("status", "Annulée", "Perdue"),
])
def test_stages_and_statuses_of_crms_find_ours(field, label, ours):
    assert suggest_value(field, label, []) == ours


# -- ad platforms ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("utf16", [True, False], ids=["utf16-tabs", "utf8-commas"])
def test_google_ads_days_campaign_types_and_four_figures(tmp_path, actions, utf16):
    table, mapping = first_guess(tmp_path, lambda p: exports.google_ads(p, utf16=utf16), "google.csv", actions)
    assert guess_kind(table) == "results"
    assert summary(mapping) == [("results", {"period": "Day", "action_id": "Campaign type"},
                                 [("impressions", "Impr."), ("clics", "Clicks"), ("cout", "Cost"),
                                  ("contacts", "Conversions")])]
    assert mapping.value_maps == {"Campaign type": {"search": "A2", "performance max": "A2"}}  # both are SEA
    assert len(table) == 5  # the three « Total: » rows are left out


def test_meta_ads_in_french_reporting_days_spend_and_results(tmp_path, actions):
    table, mapping = first_guess(tmp_path, exports.meta_ads, "meta.csv", actions)
    assert guess_kind(table) == "results"
    assert summary(mapping) == [("results", {"period": "Début des rapports", "action_id": "Nom de la campagne"},
                                 [("contacts", "Résultats"), ("impressions", "Impressions"),
                                  ("cout", "Montant dépensé (EUR)")])]  # reach and cost per result are no indicator
    # campaigns named after their platform find the one action on social networks
    assert mapping.value_maps == {"Nom de la campagne": {"meta notoriete hiver": "A1", "meta leads fevrier": "A1"}}


def test_linkedin_ads_title_lines_spend_clicks_and_leads(tmp_path, actions):
    table, mapping = first_guess(tmp_path, exports.linkedin_ads, "linkedin.csv", actions)
    assert guess_kind(table) == "results" and table.header_row == 4
    assert summary(mapping) == [("results", {"period": "Start Date (in UTC)", "action_id": "Campaign Name"},
                                 [("cout", "Total Spent"), ("impressions", "Impressions"), ("clics", "Clicks"),
                                  ("leads", "Leads")])]  # « Average CPC » is no click count
    assert mapping.value_maps == {"Campaign Name": {"linkedin webinaire rh": "A1", "linkedin leads drh": "A1"}}


def test_a_budget_tracker_is_spend_against_budget(tmp_path, actions):
    table, mapping = first_guess(tmp_path, exports.budget_tracker, "budget.xlsx", actions)
    assert guess_kind(table) == "results"
    assert summary(mapping) == [("results", {"period": "Mois"}, [("cout", "Dépensé")]),
                                ("targets", {"period": "Mois"}, [("cout", "Budget prévu")])]


def test_targets_by_sales_rep_with_months_m01_to_m12(tmp_path, actions):
    table, mapping = first_guess(tmp_path, exports.targets_by_plan_month, "objectifs.xlsx", actions)
    assert guess_kind(table) == "targets"
    part, = mapping.tables
    assert (part.table, part.metric, part.columns) == ("targets", "ca", {"action_id": "Commercial"})
    assert part.month_columns == exports.PLAN_MONTHS  # « Total » is no month
    assert mapping.value_maps == {"Commercial": {"marie durand": "A6", "paul martin": "A7"}}


# -- CRMs: every one is a pipeline, its source the action, its stages ours --------------------------------------

CRM_EXPORTS = {
    "salesforce-api": (exports.salesforce_api, {
        "opportunity_id": "Id", "account": "Account.Name", "stage": "StageName", "amount": "Amount",
        "created_on": "CreatedDate", "closed_on": "CloseDate", "action_id": "LeadSource", "channel": "LeadSource"},
        {"closed won": WON, "proposal price quote": PROPOSAL, "closed lost": LOST, "id decision makers": DEMO,
         "prospecting": FIRST},
        {"trade show": "A3", "web": "A4"}),
    "salesforce-report": (exports.salesforce_report, {
        "opportunity_id": "Opportunity Name", "account": "Account Name", "stage": "Stage", "amount": "Amount",
        "created_on": "Created Date", "closed_on": "Close Date", "action_id": "Lead Source", "channel": "Lead Source"},
        {"closed won": WON, "negotiation review": PROPOSAL, "closed lost": LOST, "needs analysis": MEETING},
        {"trade show": "A3", "web": "A4"}),  # « Partner Referral »: no action of the plan, the user chooses
    "hubspot": (exports.hubspot, {
        "opportunity_id": "Record ID", "account": "Associated Company", "stage": "Deal Stage", "amount": "Amount",
        "created_on": "Create Date", "closed_on": "Close Date", "action_id": "Original Source",
        "channel": "Original Source"},
        {"closedwon": WON, "contractsent": PROPOSAL, "closedlost": LOST, "appointmentscheduled": MEETING},
        {"paid social": "A1", "email marketing": "A5", "organic search": "A4"}),
    "pipedrive": (exports.pipedrive, {
        "opportunity_id": "Deal - ID", "account": "Deal - Organization", "stage": "Deal - Stage",
        "status": "Deal - Status", "amount": "Deal - Value", "created_on": "Deal - Deal created",
        "closed_on": "Deal - Won time", "action_id": "Deal - Source channel", "channel": "Deal - Source channel"},
        {"negotiations started": PROPOSAL, "proposal made": PROPOSAL, "demo scheduled": MEETING, "qualified": FIRST},
        {"web forms": "A4", "campaigns": "A5"}),
    "sellsy": (exports.sellsy, {
        "opportunity_id": "Opportunité", "account": "Société", "stage": "Étape", "status": "Statut",
        "amount": "Montant HT", "created_on": "Date de création", "closed_on": "Date d'échéance",
        "action_id": "Provenance", "channel": "Provenance"},
        {"gagnee": WON, "proposition envoyee": PROPOSAL, "perdue": LOST, "prise de contact": FIRST},
        {"salon": "A3", "site internet": "A4", "newsletter": "A5"}),  # the source, not the sales rep
    "axonaut": (exports.axonaut, {
        "opportunity_id": "Titre", "account": "Entreprise", "stage": "Étape", "amount": "Montant HT",
        "created_on": "Date de création", "closed_on": "Date de clôture prévue", "action_id": "Origine",
        "channel": "Origine"},
        {"gagne": WON, "devis envoye": PROPOSAL, "perdu": LOST, "qualifie": FIRST},
        {"salon": "A3", "google ads": "A2", "newsletter": "A5"}),
}


@pytest.mark.parametrize("name", CRM_EXPORTS)
def test_a_crm_export_is_a_pipeline_with_its_stages_and_sources_translated(tmp_path, actions, name):
    build, columns, stages, sources = CRM_EXPORTS[name]
    table, mapping = first_guess(tmp_path, build, f"{name}.{'xlsx' if name == 'sellsy' else 'csv'}", actions)
    assert guess_kind(table) == "opportunities"
    part, = mapping.tables
    assert (part.table, part.columns) == ("opportunities", columns)
    assert mapping.value_maps[columns["stage"]] == stages
    assert mapping.value_maps[columns["action_id"]] == sources


@pytest.mark.parametrize("name, statuses", [
    ("pipedrive", {"won": "Gagnée", "open": "En cours", "lost": "Perdue"}),
    ("sellsy", {"gagnee": "Gagnée", "en cours": "En cours", "perdue": "Perdue"}),
])
def test_crm_statuses_are_translated(tmp_path, actions, name, statuses):
    build, columns, *_ = CRM_EXPORTS[name]
    _, mapping = first_guess(tmp_path, build, f"{name}.{'xlsx' if name == 'sellsy' else 'csv'}", actions)
    assert mapping.value_maps[columns["status"]] == statuses


# -- end to end, figures summed by hand ---------------------------------------------------------------------------

# Google Ads, English numbers: every campaign type is SEA → A2. January: rows of 05/01 (two) and 19/01;
# February: 02/02 and 16/02 (« 1,020.00 » is one thousand and twenty).
GOOGLE_ADS_MONTHS = {
    ("A2", "impressions", "2026-01"): 1250 + 12400 + 980, ("A2", "impressions", "2026-02"): 1410 + 9870,
    ("A2", "clics", "2026-01"): 84 + 156 + 61, ("A2", "clics", "2026-02"): 95 + 133,
    ("A2", "cout", "2026-01"): 45.20 + 98.75 + 38.10, ("A2", "cout", "2026-02"): 52.35 + 1020.00,
    ("A2", "contacts", "2026-01"): 3 + 2 + 1, ("A2", "contacts", "2026-02"): 2 + 5,
}


def test_google_ads_daily_rows_become_monthly_impressions_clicks_cost_and_conversions(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, exports.google_ads, "google.csv", actions)
    validation = imported(store, table, mapping, actions)
    assert sum("total" in warning.message.lower() for warning in validation.warnings) == 3
    assert figures(store) == {key: round(value, 6) for key, value in GOOGLE_ADS_MONTHS.items()}


# LinkedIn, American dates and numbers: « 1/19/2026 » says the column is month first, so « 1/5/2026 » is 5 January
# and « 2/2/2026 » February; « 23,400 » impressions are twenty-three thousand. Both campaigns are LinkedIn's → A1.
LINKEDIN_MONTHS = {
    ("A1", "cout", "2026-01"): 1234.56 + 845.10, ("A1", "cout", "2026-02"): 2010.00,
    ("A1", "impressions", "2026-01"): 23400 + 15020, ("A1", "impressions", "2026-02"): 31870,
    ("A1", "clics", "2026-01"): 210 + 133, ("A1", "clics", "2026-02"): 305,
    ("A1", "leads", "2026-01"): 12 + 7, ("A1", "leads", "2026-02"): 21,
}


def test_linkedin_american_dates_and_numbers_become_the_right_months_and_figures(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, exports.linkedin_ads, "linkedin.csv", actions)
    imported(store, table, mapping, actions)
    assert figures(store) == {key: round(value, 6) for key, value in LINKEDIN_MONTHS.items()}


# Pipedrive: a deal is won by its status, whatever its stage. Won: 101 (Web forms → A4, 12 000 €, won 15/02) and
# 104 (Campaigns → A5, 2 000 €, won 02/03).
PIPEDRIVE_DEALS = [
    ("101", "Dupont SA", "A4", "Site web / SEO", PROPOSAL, 12000.0, D(2026, 1, 10), D(2026, 2, 15), "Gagnée"),
    ("102", "Martin SARL", "A5", "Emailing", PROPOSAL, 8500.0, D(2026, 1, 20), None, "En cours"),
    ("103", "Bernard & fils", "A4", "Site web / SEO", MEETING, 3000.0, D(2026, 2, 5), None, "Perdue"),
    ("104", "Roux", "A5", "Emailing", PROPOSAL, 2000.0, D(2026, 2, 12), D(2026, 3, 2), "Gagnée"),
    ("105", "Petit", "A4", "Site web / SEO", FIRST, 1500.0, D(2026, 3, 10), None, "En cours"),
]
PIPEDRIVE_WON = {("A4", "nouveaux_clients", "2026-02"): 1, ("A4", "ca", "2026-02"): 12000,
                 ("A5", "nouveaux_clients", "2026-03"): 1, ("A5", "ca", "2026-03"): 2000}


def test_pipedrive_deals_and_the_deals_won_by_status_are_imported(tmp_path, store, actions):
    table, mapping = first_guess(tmp_path, exports.pipedrive, "pipedrive.csv", actions)
    mapping.tables.append(deal_results(mapping))
    imported(store, table, mapping, actions)
    assert opportunities(store) == PIPEDRIVE_DEALS
    assert figures(store) == PIPEDRIVE_WON

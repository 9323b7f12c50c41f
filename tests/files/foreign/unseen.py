"""Twelve exports the team had never seen when the mapping wizard was written, and three hostile files: other
tools, other headers, other encodings, separators and layouts than exports.py (Microsoft Ads, TikTok Ads, Google
Analytics 4, Meta Ads in English, HubSpot in French, Zoho CRM, Pipedrive in French, noCRM.io, Axonaut invoices,
a targets sheet headed « janv.-26 », a Google Sheets budget tracker, Sellsy quotes). Labels point at the plan of
make_foreign.PLAN_ACTIONS: A1 Meta (social networks), A2 Google Ads (SEA), A3 trade show, A4 website,
A5 newsletter, A6 Marie Durand's and A7 Paul Martin's field prospection.

Each builder writes one file to the path it is given. The figures each file must import are written beside it,
summed by hand in the comments (never computed from the rows): tests/mapping/test_unseen_exports.py checks them.

`python tests/files/foreign/unseen.py` writes them into tests/files/foreign/unseen/, to try them in the app.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl

from tests.files.foreign.exports import _csv, _xlsx

HERE = Path(__file__).resolve().parent
D = dt.date
NBSP, NNBSP = "\u00a0", "\u202f"  # what French Excel and Google Sheets put between thousands


# -- 1. Microsoft Ads (Bing) ------------------------------------------------------------------------------------

BING_HEADERS = ["Date", "Account name", "Campaign name", "Impressions", "Clicks", "Spend", "Conversions", "Revenue"]
BING_ROWS = [  # US dates (1/20/2026 says month first), thousands comma, decimal point
    ["1/6/2026", "Formations Pro", "Bing - Marque", "1,520", "48", "63.40", "3", "0.00"],
    ["1/20/2026", "Formations Pro", "Bing - Formations", "2,310", "61", "88.15", "2", "1,200.00"],
    ["2/3/2026", "Formations Pro", "Bing - Marque", "1,105", "39", "51.25", "1", "0.00"],
    ["2/17/2026", "Formations Pro", "Bing - Formations", "2,890", "77", "104.60", "4", "2,450.00"],
]


def microsoft_ads(path: Path) -> Path:
    """A Microsoft Advertising campaign report: eight « Key: value » lines (« Rows: 4 »), a blank line, every
    cell quoted, a Total row and the copyright line Microsoft writes at the end. UTF-8 with BOM."""
    preamble = [["Report Name: Campaign Performance"], ["Report Time: 1/1/2026 - 2/28/2026"],
                ["Time Zone: (GMT+01:00) Brussels, Copenhagen, Madrid, Paris"],
                ["Last Completed Available Day: 3/1/2026 3:00:00 AM (GMT+01:00) Brussels, Copenhagen, Madrid, Paris"],
                ["Report Aggregation: Daily"], ["Report Filter: "], ["Potential Incomplete Data: false"], ["Rows: 4"],
                []]
    rows = [*preamble, BING_HEADERS, *BING_ROWS,
            ["Total", "", "", "7,825", "225", "307.40", "10", "3,650.00"], [],
            ["©2026 Microsoft Corporation. All rights reserved. "]]
    return _csv(path, rows, ",", "utf-8-sig", quoting=csv.QUOTE_ALL)


# Every campaign is Bing's: SEA → A2. January: 6/1 and 20/1; February: 3/2 and 17/2.
BING_EXPECTED = {
    ("A2", "impressions", "2026-01"): 3830,  # 1 520 + 2 310
    ("A2", "impressions", "2026-02"): 3995,  # 1 105 + 2 890
    ("A2", "clics", "2026-01"): 109,  # 48 + 61
    ("A2", "clics", "2026-02"): 116,  # 39 + 77
    ("A2", "cout", "2026-01"): 151.55,  # 63.40 + 88.15
    ("A2", "cout", "2026-02"): 155.85,  # 51.25 + 104.60
    ("A2", "contacts", "2026-01"): 5,  # 3 + 2
    ("A2", "contacts", "2026-02"): 5,  # 1 + 4
    ("A2", "ca", "2026-01"): 1200,  # 0 + 1 200
    ("A2", "ca", "2026-02"): 2450,  # 0 + 2 450
}


# -- 2. TikTok Ads ------------------------------------------------------------------------------------------------

TIKTOK_HEADERS = ["Campaign name", "By Day", "Currency", "Cost", "Impressions", "Clicks (destination)",
                  "CTR (destination)", "Conversions", "Cost per conversion"]
TIKTOK_ROWS = [  # real numbers, except the last row, typed as text the way TikTok writes some cells; « - » for none
    ["TikTok - Lancement formations", dt.datetime(2026, 1, 12), "EUR", 45.5, 8200, 64, "0.78%", 2, 22.75],
    ["TikTok - Lancement formations", dt.datetime(2026, 1, 26), "EUR", 60, 10400, 91, "0.88%", 0, "-"],
    ["TikTok - Retargeting", dt.datetime(2026, 2, 9), "EUR", 38.25, 5100, 40, "0.78%", 3, 12.75],
    ["TikTok - Retargeting", dt.datetime(2026, 2, 23), "EUR", "41.75", "6300", "52", "0.83%", "1", "41.75"],
]


def tiktok_ads(path: Path) -> Path:
    """TikTok Ads Manager's custom report as xlsx: sheet « Data », a « Total of 4 records » line at the end."""
    rows = [TIKTOK_HEADERS, *TIKTOK_ROWS,
            ["Total of 4 records", None, "EUR", 185.5, 30000, 247, "0.82%", 6, 30.92]]
    return _xlsx(path, "Data", rows)


# Both campaigns are TikTok's: social networks → A1.
TIKTOK_EXPECTED = {
    ("A1", "cout", "2026-01"): 105.5,  # 45.50 + 60
    ("A1", "cout", "2026-02"): 80,  # 38.25 + 41.75
    ("A1", "impressions", "2026-01"): 18600,  # 8 200 + 10 400
    ("A1", "impressions", "2026-02"): 11400,  # 5 100 + 6 300
    ("A1", "clics", "2026-01"): 155,  # 64 + 91
    ("A1", "clics", "2026-02"): 92,  # 40 + 52
    ("A1", "contacts", "2026-01"): 2,  # 2 + 0
    ("A1", "contacts", "2026-02"): 4,  # 3 + 1
}


# -- 3. Google Analytics 4 ---------------------------------------------------------------------------------------

GA4_HEADERS = ["Groupe de canaux principal par défaut pour la session", "Sessions", "Sessions avec engagement",
               "Taux d'engagement", "Événements", "Événements clés"]
GA4_ROWS = [
    ["Organic Search", "1520", "980", "0.6447368421", "8120", "12"],
    ["Direct", "840", "510", "0.6071428571", "4210", "5"],
    ["Paid Search", "610", "402", "0.6590163934", "3300", "9"],
    ["Email", "220", "160", "0.7272727273", "1180", "4"],
    ["Organic Social", "180", "95", "0.5277777778", "760", "2"],
    ["Referral", "75", "40", "0.5333333333", "310", "1"],
]


def google_analytics(path: Path) -> Path:
    """A GA4 report downloaded as CSV in French: comment lines starting with « # » above the header (report,
    account, property, dates as 20260101), one row per channel group, no date column."""
    comments = ("# ----------------------------------------\r\n"
                "# Acquisition de trafic : Groupe de canaux principal par défaut pour la session\r\n"
                "# Compte : Formations Pro\r\n"
                "# Propriété : Formations Pro - GA4\r\n"
                "# ----------------------------------------\r\n"
                "# \r\n"
                "# Toutes les données\r\n"
                "# Date de début : 20260101\r\n"
                "# Date de fin : 20260131\r\n")
    return _csv(path, [GA4_HEADERS, *GA4_ROWS], before=comments)


# Key events (conversions) as contacts for January 2026. Organic Search and Direct are the website (A4), Paid
# Search Google Ads (A2), Email the newsletter (A5), Organic Social the social networks (A1); Referral is no
# action of the plan and is left out (1 key event).
GA4_EXPECTED = {
    ("A4", "contacts", "2026-01"): 17,  # 12 + 5
    ("A2", "contacts", "2026-01"): 9,
    ("A5", "contacts", "2026-01"): 4,
    ("A1", "contacts", "2026-01"): 2,
}


# -- 4. Meta Ads in English ----------------------------------------------------------------------------------

META_EN_HEADERS = ["Reporting starts", "Reporting ends", "Campaign name", "Campaign delivery", "Results",
                   "Result indicator", "Reach", "Impressions", "Cost per result", "Amount spent (EUR)", "Ends",
                   "Link clicks"]
META_EN_ROWS = [  # US dates: 01/21/2026 says month first, so 01/06/2026 is 6 January (not 1 June)
    ["01/06/2026", "01/06/2026", "Meta - Winter training", "active", "4", "actions:offsite_conversion.fb_pixel_lead",
     "5200", "8100", "21.35", "85.40", "Ongoing", "120"],
    ["01/21/2026", "01/21/2026", "Meta - Winter training", "active", "3", "actions:offsite_conversion.fb_pixel_lead",
     "6100", "9400", "30.10", "90.30", "Ongoing", "134"],
    ["02/03/2026", "02/03/2026", "Meta - Leads February", "inactive", "6", "actions:offsite_conversion.fb_pixel_lead",
     "9900", "15800", "25.00", "150.00", "02/28/2026", "260"],
    ["02/11/2026", "02/11/2026", "Meta - Leads February", "inactive", "", "", "3100", "4700", "", "48.90",
     "02/28/2026", "71"],
]


def meta_ads_english(path: Path) -> Path:
    """Meta Ads Manager in English (en_US): UTF-8, commas, month/day/year, one row per day and campaign."""
    return _csv(path, [META_EN_HEADERS, *META_EN_ROWS])


# Both campaigns are Meta's → A1. The last row has no result: no contact, but its spend and clicks count.
META_EN_EXPECTED = {
    ("A1", "cout", "2026-01"): 175.70,  # 85.40 + 90.30
    ("A1", "cout", "2026-02"): 198.90,  # 150.00 + 48.90
    ("A1", "contacts", "2026-01"): 7,  # 4 + 3
    ("A1", "contacts", "2026-02"): 6,  # 6 + (blank)
    ("A1", "impressions", "2026-01"): 17500,  # 8 100 + 9 400
    ("A1", "impressions", "2026-02"): 20500,  # 15 800 + 4 700
    ("A1", "clics", "2026-01"): 254,  # 120 + 134
    ("A1", "clics", "2026-02"): 331,  # 260 + 71
}


# -- 5. HubSpot deals in French -------------------------------------------------------------------------------

HUBSPOT_FR_HEADERS = ["ID de fiche d'informations", "Nom de la transaction", "Phase de la transaction", "Montant",
                      "Date de fermeture", "Date de création", "Pipeline", "Propriétaire de la transaction",
                      "Source d'origine", "Entreprise associée"]
HUBSPOT_FR_ROWS = [  # HubSpot's French labels for its default stages and original sources
    [1001, "Dupont - formation managers", "Conclu gagné", 12500, dt.datetime(2026, 2, 16), dt.datetime(2026, 1, 12),
     "Pipeline des ventes", "Marie Durand", "Réseaux sociaux payants", "Dupont SA"],
    [1002, "Martin - e-learning", "Contrat envoyé", 8000, None, dt.datetime(2026, 1, 22), "Pipeline des ventes",
     "Marie Durand", "Marketing par e-mail", "Martin SARL"],
    [1003, "Bernard - coaching", "Conclu perdu", 3200, dt.datetime(2026, 2, 27), dt.datetime(2026, 2, 3),
     "Pipeline des ventes", "Paul Martin", "Recherche naturelle", "Bernard & fils"],
    [1004, "Leroy - parcours RH", "Rendez-vous programmé", 4750.5, None, dt.datetime(2026, 2, 9),
     "Pipeline des ventes", "Paul Martin", "Recherche naturelle", "Leroy"],
    [1005, "Roux - tutorat", "Conclu gagné", 2250, dt.datetime(2026, 3, 4), dt.datetime(2026, 2, 20),
     "Pipeline des ventes", "Paul Martin", "Réseaux sociaux payants", "Roux"],
]


def hubspot_french(path: Path) -> Path:
    """HubSpot deals exported as xlsx by a user whose HubSpot speaks French: sheet « Transactions »."""
    return _xlsx(path, "Transactions", [HUBSPOT_FR_HEADERS, *HUBSPOT_FR_ROWS])


WON, LOST = "Signature de devis", "Perdu"
PROPOSAL, MEETING, FIRST = "Proposition commerciale envoyée", "Prise de RDV", "Premier contact"
# Paid social → A1, e-mail marketing → A5, organic search → A4. Amounts: 12 500 + 8 000 + 3 200 + 4 750,5 + 2 250
# = 30 700,5.
HUBSPOT_FR_DEALS = [
    ("1001", "Dupont SA", "A1", "Réseaux sociaux", WON, 12500.0, D(2026, 1, 12), D(2026, 2, 16), "Gagnée"),
    ("1002", "Martin SARL", "A5", "Emailing", PROPOSAL, 8000.0, D(2026, 1, 22), None, "En cours"),
    ("1003", "Bernard & fils", "A4", "Site web / SEO", LOST, 3200.0, D(2026, 2, 3), D(2026, 2, 27), "Perdue"),
    ("1004", "Leroy", "A4", "Site web / SEO", MEETING, 4750.5, D(2026, 2, 9), None, "En cours"),
    ("1005", "Roux", "A1", "Réseaux sociaux", WON, 2250.0, D(2026, 2, 20), D(2026, 3, 4), "Gagnée"),
]
HUBSPOT_FR_AMOUNT = 30700.5
# Won deals per month of closing: 1001 in February, 1005 in March, both from paid social (A1).
HUBSPOT_FR_WON = {("A1", "nouveaux_clients", "2026-02"): 1, ("A1", "ca", "2026-02"): 12500,
                  ("A1", "nouveaux_clients", "2026-03"): 1, ("A1", "ca", "2026-03"): 2250}


# -- 6. Zoho CRM --------------------------------------------------------------------------------------------------

ZOHO_HEADERS = ["Record Id", "Deal Owner", "Deal Name", "Amount", "Closing Date", "Account Name", "Stage", "Type",
                "Lead Source", "Created Time", "Probability (%)", "Expected Revenue"]
ZOHO_ROWS = [  # dates as the user's Zoho shows them: « Feb 15, 2026 », times « 09:15 AM »
    ["zcrm_5723000000301001", "Marie Durand", "Dupont - formation managers", "12000", "Feb 15, 2026", "Dupont SA",
     "Closed Won", "New Business", "Trade Show", "Jan 10, 2026 09:15 AM", "100", "12000"],
    ["zcrm_5723000000301002", "Marie Durand", "Martin - e-learning", "8500", "Apr 30, 2026", "Martin SARL",
     "Negotiation/Review", "New Business", "Web Download", "Jan 20, 2026 02:02 PM", "90", "7650"],
    ["zcrm_5723000000301003", "Paul Martin", "Bernard - coaching", "3000", "Feb 28, 2026", "Bernard & fils",
     "Closed-Lost to Competition", "Existing Business", "Cold Call", "Feb 05, 2026 10:30 AM", "0", "0"],
    ["zcrm_5723000000301004", "Paul Martin", "Leroy - parcours RH", "4500.50", "May 20, 2026", "Leroy",
     "Identify Decision Makers", "New Business", "Web Download", "Feb 01, 2026 08:00 AM", "60", "2700.3"],
]


def zoho_crm(path: Path) -> Path:
    """Zoho CRM's deals module exported to CSV: UTF-8, commas, every cell quoted, English month names."""
    return _csv(path, [ZOHO_HEADERS, *ZOHO_ROWS], quoting=csv.QUOTE_ALL)


DEMO = "Démonstration réalisée"
# Trade show → A3, web download → the website (A4). A cold call is no action of this plan: the user leaves that
# deal out (the wizard has no « keep it without an action »). Amounts: 12 000 + 8 500 + 4 500,50 = 25 000,50.
ZOHO_DEALS = [
    ("zcrm_5723000000301001", "Dupont SA", "A3", "Salon", WON, 12000.0, D(2026, 1, 10), D(2026, 2, 15), "Gagnée"),
    ("zcrm_5723000000301002", "Martin SARL", "A4", "Site web / SEO", PROPOSAL, 8500.0, D(2026, 1, 20),
     D(2026, 4, 30), "En cours"),
    ("zcrm_5723000000301004", "Leroy", "A4", "Site web / SEO", DEMO, 4500.5, D(2026, 2, 1), D(2026, 5, 20),
     "En cours"),
]
ZOHO_AMOUNT = 25000.5


# -- 7. Pipedrive in French --------------------------------------------------------------------------------------

PIPEDRIVE_FR_HEADERS = ["Affaire - ID", "Affaire - Titre", "Affaire - Organisation", "Affaire - Valeur",
                        "Affaire - Devise", "Affaire - Étape", "Affaire - Statut", "Affaire - Date de gain",
                        "Affaire - Date de création", "Affaire - Canal source", "Affaire - Propriétaire"]
PIPEDRIVE_FR_ROWS = [  # French numbers with a no-break space, dd/mm/yyyy hh:mm
    ["201", "Dupont - formation managers", "Dupont SA", f"12{NBSP}500,00", "EUR", "Négociations commencées",
     "Gagnée", "16/02/2026 17:00", "12/01/2026 09:15", "Formulaires web", "Marie Durand"],
    ["202", "Martin - e-learning", "Martin SARL", f"8{NBSP}000,00", "EUR", "Proposition faite", "Ouverte", "",
     "22/01/2026 14:02", "Newsletter", "Marie Durand"],
    ["203", "Bernard - coaching", "Bernard & fils", f"3{NBSP}200,00", "EUR", "Démo programmée", "Perdue", "",
     "03/02/2026 10:30", "Formulaires web", "Paul Martin"],
    ["204", "Roux - tutorat", "Roux", f"2{NBSP}250,00", "EUR", "Proposition faite", "Gagnée", "04/03/2026 11:00",
     "20/02/2026 09:40", "Newsletter", "Paul Martin"],
    ["205", "Petit - audit", "Petit", f"1{NBSP}575,25", "EUR", "Qualifiée", "Ouverte", "", "10/03/2026 16:45",
     "Formulaires web", "Marie Durand"],
]


def pipedrive_french(path: Path) -> Path:
    """Pipedrive in French, exported then saved by French Excel: UTF-8 with BOM, semicolons, « 12 500,00 »."""
    return _csv(path, [PIPEDRIVE_FR_HEADERS, *PIPEDRIVE_FR_ROWS], ";", "utf-8-sig")


# Web forms → the website (A4), Newsletter → A5. A won deal keeps the stage it was won from: its status says it
# is won. Values: 12 500 + 8 000 + 3 200 + 2 250 + 1 575,25 = 27 525,25.
PIPEDRIVE_FR_DEALS = [
    ("201", "Dupont SA", "A4", "Site web / SEO", PROPOSAL, 12500.0, D(2026, 1, 12), D(2026, 2, 16), "Gagnée"),
    ("202", "Martin SARL", "A5", "Emailing", PROPOSAL, 8000.0, D(2026, 1, 22), None, "En cours"),
    ("203", "Bernard & fils", "A4", "Site web / SEO", MEETING, 3200.0, D(2026, 2, 3), None, "Perdue"),
    ("204", "Roux", "A5", "Emailing", PROPOSAL, 2250.0, D(2026, 2, 20), D(2026, 3, 4), "Gagnée"),
    ("205", "Petit", "A4", "Site web / SEO", FIRST, 1575.25, D(2026, 3, 10), None, "En cours"),
]
PIPEDRIVE_FR_AMOUNT = 27525.25
# Won: 201 (A4, 12 500, 16 February) and 204 (A5, 2 250, 4 March).
PIPEDRIVE_FR_WON = {("A4", "nouveaux_clients", "2026-02"): 1, ("A4", "ca", "2026-02"): 12500,
                    ("A5", "nouveaux_clients", "2026-03"): 1, ("A5", "ca", "2026-03"): 2250}


# -- 8. noCRM.io ---------------------------------------------------------------------------------------------------

NOCRM_HEADERS = ["ID", "Title", "Status", "Step", "Amount", "Probability", "Currency", "User", "Client folder",
                 "Created at", "Closed at", "Remind date", "Source", "Tags"]
NOCRM_ROWS = [  # ISO timestamps with their offset; statuses todo / standby / won / lost / cancelled
    ["3101", "Dupont - formation managers", "Won", "Proposal sent", "12000.0", "100", "EUR", "Marie Durand",
     "Dupont SA", "2026-01-10T09:15:00.000+01:00", "2026-02-13T18:20:00.000+01:00", "", "Salon", "formation"],
    ["3102", "Martin - e-learning", "Standby", "Negotiation", "8500.0", "70", "EUR", "Marie Durand", "Martin SARL",
     "2026-01-20T14:02:00.000+01:00", "", "2026-03-15", "Site web", ""],
    ["3103", "Bernard - coaching", "Lost", "Meeting scheduled", "3000.0", "0", "EUR", "Paul Martin",
     "Bernard & fils", "2026-02-05T10:30:00.000+01:00", "2026-02-26T09:00:00.000+01:00", "", "Salon", ""],
    ["3104", "Roux - tutorat", "Cancelled", "Qualified", "2000.0", "0", "EUR", "Paul Martin", "Roux",
     "2026-02-12T09:40:00.000+01:00", "2026-02-20T11:00:00.000+01:00", "", "Newsletter", "tutorat"],
    ["3105", "Petit - audit", "Todo", "Incoming", "1500.0", "10", "EUR", "Marie Durand", "Petit",
     "2026-03-10T16:45:00.000+01:00", "", "2026-03-17", "Site web", ""],
]


def nocrm(path: Path) -> Path:
    """noCRM.io's leads export: English headers, « Step » for the stage, « Status » todo/standby/won/lost/cancelled."""
    return _csv(path, [NOCRM_HEADERS, *NOCRM_ROWS])


# Salon → A3, Site web → A4, Newsletter → A5. A won lead is signed, a lost or cancelled one lost, whatever its
# step. Amounts: 12 000 + 8 500 + 3 000 + 2 000 + 1 500 = 27 000.
NOCRM_DEALS = [
    ("3101", "Dupont SA", "A3", "Salon", PROPOSAL, 12000.0, D(2026, 1, 10), D(2026, 2, 13), "Gagnée"),
    ("3102", "Martin SARL", "A4", "Site web / SEO", PROPOSAL, 8500.0, D(2026, 1, 20), None, "En cours"),
    ("3103", "Bernard & fils", "A3", "Salon", MEETING, 3000.0, D(2026, 2, 5), D(2026, 2, 26), "Perdue"),
    ("3104", "Roux", "A5", "Emailing", FIRST, 2000.0, D(2026, 2, 12), D(2026, 2, 20), "Perdue"),
    ("3105", "Petit", "A4", "Site web / SEO", FIRST, 1500.0, D(2026, 3, 10), None, "En cours"),
]
NOCRM_AMOUNT = 27000.0


# -- 9. Axonaut invoices -------------------------------------------------------------------------------------------

AXONAUT_INVOICE_HEADERS = ["Numéro", "Date", "Date d'échéance", "Client", "Titre", "Montant HT", "Montant TVA",
                           "Montant TTC", "Statut", "Commercial"]
AXONAUT_INVOICE_ROWS = [  # a credit note (avoir) is a negative invoice; a draft is no sale yet
    ["FA-2026-001", dt.datetime(2026, 1, 8), dt.datetime(2026, 2, 7), "Dupont SA", "Formation managers - acompte",
     6000, 1200, 7200, "Payée", "Marie Durand"],
    ["FA-2026-002", dt.datetime(2026, 1, 27), dt.datetime(2026, 2, 26), "Martin SARL", "E-learning", 2450.5, 490.1,
     2940.6, "Payée", "Marie Durand"],
    ["FA-2026-003", dt.datetime(2026, 2, 10), dt.datetime(2026, 3, 12), "Dupont SA", "Formation managers - solde",
     6000, 1200, 7200, "En retard", "Marie Durand"],
    ["AV-2026-001", dt.datetime(2026, 2, 18), dt.datetime(2026, 2, 18), "Martin SARL", "Avoir E-learning", -450.5,
     -90.1, -540.6, "Payée", "Marie Durand"],
    ["FA-2026-004", dt.datetime(2026, 2, 24), dt.datetime(2026, 3, 26), "Roux", "Tutorat", 1800, 360, 2160,
     "Brouillon", "Paul Martin"],
]


def axonaut_invoices(path: Path) -> Path:
    """Axonaut's invoices export (xlsx, sheet « Factures »), with the total line Axonaut adds at the bottom."""
    total = ["Total", None, None, None, None, 15800, 3160, 18960, None, None]  # 6 000 + 2 450,5 + 6 000 − 450,5 + 1 800
    return _xlsx(path, "Factures", [AXONAUT_INVOICE_HEADERS, *AXONAUT_INVOICE_ROWS, total])


# Revenue excluding tax per month of invoice, drafts left out; Marie Durand → A6 (Paul Martin's only invoice is
# a draft). The credit note takes back 450,50 in February.
AXONAUT_INVOICES_EXPECTED = {
    ("A6", "ca", "2026-01"): 8450.5,  # 6 000 + 2 450,50
    ("A6", "ca", "2026-02"): 5549.5,  # 6 000 − 450,50
}


# -- 10. Targets per sales rep, months « janv.-26 » ------------------------------------------------------------

TARGET_MONTHS = ["janv.-26", "févr.-26", "mars-26", "avr.-26", "mai-26", "juin-26", "juil.-26", "août-26",
                 "sept.-26", "oct.-26", "nov.-26", "déc.-26"]  # what French Excel shows for the format mmm-yy
REP_TARGETS = {"Marie Durand": [9000, 9000, 10000, 10000, 11000, 11000, 6000, 4000, 12000, 12000, 13000, 13000],
               "Paul Martin": [7500] * 12}


def rep_targets_short_months(path: Path) -> Path:
    """A colleague's revenue targets, one row per sales rep, months headed « janv.-26 » as text, a total row and
    a total column; the sheet is named « Objectifs » like ours, its columns are not ours."""
    rows = [["Objectifs de CA par commercial — 2026"], [], ["Commercial", *TARGET_MONTHS, "Total 2026"],
            ["Marie Durand", *REP_TARGETS["Marie Durand"], 120000],
            ["Paul Martin", *REP_TARGETS["Paul Martin"], 90000],
            ["Total", 16500, 16500, 17500, 17500, 18500, 18500, 13500, 11500, 19500, 19500, 20500, 20500, 210000]]
    return _xlsx(path, "Objectifs", rows)


# Marie Durand → A6: 9 000 ×2 + 10 000 ×2 + 11 000 ×2 + 6 000 + 4 000 + 12 000 ×2 + 13 000 ×2 = 120 000;
# Paul Martin → A7: 7 500 ×12 = 90 000.
REP_TARGETS_A6 = 120000
REP_TARGETS_A7 = 90000
REP_TARGETS_EXPECTED = {
    **{("A6", "ca", f"2026-{m:02d}"): v for m, v in zip(range(1, 13), [9000, 9000, 10000, 10000, 11000, 11000, 6000,
                                                                        4000, 12000, 12000, 13000, 13000])},
    **{("A7", "ca", f"2026-{m:02d}"): 7500 for m in range(1, 13)},
}


# -- 11. Google Sheets budget tracker --------------------------------------------------------------------------

def _eur(text: str) -> str:
    """« 1 000,00 € » as Google Sheets in French writes it: a narrow no-break space between thousands."""
    return text.replace(" ", NNBSP) + f"{NBSP}€"


def budget_sheet(path: Path) -> Path:
    """A budget tracker kept in Google Sheets and downloaded as CSV: a title, two blocks of month columns side
    by side (« Budget prévu » and « Dépensé », written once above each block), amounts as « 1 000,00 € », March
    not spent yet (blank), a TOTAL row and a « Reste T1 » column."""
    rows = [["Budget marketing 2026", "", "", "", "", "", "", "", ""],
            ["", "", "", "", "", "", "", "", ""],
            ["", "", "Budget prévu", "", "", "Dépensé", "", "", ""],
            ["Action", "Canal", "janv.", "févr.", "mars", "janv.", "févr.", "mars", "Reste T1"],
            ["Publicité Meta", "Réseaux sociaux", _eur("1 000,00"), _eur("1 000,00"), _eur("1 200,00"), _eur("950,40"),
             _eur("1 012,60"), "", _eur("1 237,00")],
            ["Google Ads", "SEA", _eur("1 500,00"), _eur("1 500,00"), _eur("1 500,00"), _eur("1 480,00"),
             _eur("1 525,50"), "", _eur("1 494,50")],
            ["Newsletter", "Emailing", _eur("200,00"), _eur("200,00"), _eur("200,00"), _eur("180,00"), _eur("195,00"),
             "", _eur("225,00")],
            ["TOTAL", "", _eur("2 700,00"), _eur("2 700,00"), _eur("2 900,00"), _eur("2 610,40"), _eur("2 733,10"), "",
             _eur("2 956,50")]]
    return _csv(path, rows)


# « Budget prévu » → cost targets, « Dépensé » → cost results; actions by their names (A1, A2, A5).
BUDGET_TARGETS_EXPECTED = {
    ("A1", "cout", "2026-01"): 1000, ("A1", "cout", "2026-02"): 1000, ("A1", "cout", "2026-03"): 1200,
    ("A2", "cout", "2026-01"): 1500, ("A2", "cout", "2026-02"): 1500, ("A2", "cout", "2026-03"): 1500,
    ("A5", "cout", "2026-01"): 200, ("A5", "cout", "2026-02"): 200, ("A5", "cout", "2026-03"): 200,
}
BUDGET_RESULTS_EXPECTED = {  # March is blank: no figure
    ("A1", "cout", "2026-01"): 950.40, ("A1", "cout", "2026-02"): 1012.60,
    ("A2", "cout", "2026-01"): 1480, ("A2", "cout", "2026-02"): 1525.50,
    ("A5", "cout", "2026-01"): 180, ("A5", "cout", "2026-02"): 195,
}


# -- 12. Sellsy quotes ----------------------------------------------------------------------------------------------

SELLSY_QUOTE_HEADERS = ["Numéro", "Date", "Date d'expiration", "Client", "Sujet", "Statut", "Total HT", "Total TTC",
                        "Commercial"]
SELLSY_QUOTE_ROWS = [
    ["DEV-00101", "05/01/2026", "04/02/2026", "Dupont SA", "Formation managers", "Accepté", f"12{NBSP}000,00",
     f"14{NBSP}400,00", "Marie Durand"],
    ["DEV-00102", "14/01/2026", "13/02/2026", "Martin SARL", "E-learning", "Refusé", f"8{NBSP}500,00",
     f"10{NBSP}200,00", "Marie Durand"],
    ["DEV-00103", "21/01/2026", "20/02/2026", "Leroy", "Parcours RH", "Envoyé", f"4{NBSP}500,50", f"5{NBSP}400,60",
     "Paul Martin"],
    ["DEV-00104", "03/02/2026", "05/03/2026", "Roux", "Tutorat", "Lu", f"2{NBSP}000,00", f"2{NBSP}400,00",
     "Paul Martin"],
    ["DEV-00105", "17/02/2026", "19/03/2026", "Petit", "Audit", "Brouillon", f"1{NBSP}500,00", f"1{NBSP}800,00",
     "Marie Durand"],
    ["DEV-00106", "26/02/2026", "28/03/2026", "Bernard & fils", "Coaching", "Accepté", f"3{NBSP}000,00",
     f"3{NBSP}600,00", "Paul Martin"],
]


def sellsy_quotes(path: Path) -> Path:
    """Sellsy's quotes (devis) list exported to CSV by French Excel: Windows-1252, semicolons, « 12 000,00 »."""
    return _csv(path, [SELLSY_QUOTE_HEADERS, *SELLSY_QUOTE_ROWS], ";", "cp1252")


# Quotes sent (every status but the draft) counted per month of their date, per sales rep (A6 Marie, A7 Paul);
# revenue of the accepted ones.
SELLSY_QUOTES_EXPECTED = {
    ("A6", "devis", "2026-01"): 2,  # DEV-00101, DEV-00102 (DEV-00105 is a draft)
    ("A7", "devis", "2026-01"): 1,  # DEV-00103
    ("A7", "devis", "2026-02"): 2,  # DEV-00104, DEV-00106
    ("A6", "ca", "2026-01"): 12000,  # DEV-00101
    ("A7", "ca", "2026-02"): 3000,  # DEV-00106
}


# -- hostile files ---------------------------------------------------------------------------------------------------

def binary_named_csv(path: Path) -> Path:
    """A PNG image saved under a CSV name (a wrong attachment)."""
    path.write_bytes(bytes.fromhex("89504E470D0A1A0A0000000D49484452") + bytes(range(256)) * 4)
    return path


def headers_only_csv(path: Path) -> Path:
    """An ad platform's export for a day without spend: the header line and nothing below."""
    path.write_bytes("Date,Campaign,Spend,Leads\r\n".encode("utf-8"))
    return path


def empty_workbook(path: Path) -> Path:
    """An xlsx whose only sheet is empty (an export that failed half-way, saved anyway)."""
    book = openpyxl.Workbook()
    book.active.title = "Export"
    book.save(path)
    return path


EXPORTS = {"microsoft-ads-campaigns.csv": microsoft_ads, "tiktok-ads-report.xlsx": tiktok_ads,
           "ga4-acquisition-trafic.csv": google_analytics, "meta-ads-en-us.csv": meta_ads_english,
           "hubspot-transactions-fr.xlsx": hubspot_french, "zoho-crm-deals.csv": zoho_crm,
           "pipedrive-affaires-fr.csv": pipedrive_french, "nocrm-leads.csv": nocrm,
           "axonaut-factures.xlsx": axonaut_invoices, "objectifs-commerciaux-janv-26.xlsx": rep_targets_short_months,
           "budget-marketing-google-sheets.csv": budget_sheet, "sellsy-devis.csv": sellsy_quotes}
HOSTILE = {"export-crm-image.csv": binary_named_csv, "tiktok-sans-depense.csv": headers_only_csv,
           "export-vide.xlsx": empty_workbook}
BUILDERS = {**EXPORTS, **HOSTILE}

if __name__ == "__main__":
    folder = HERE / "unseen"
    folder.mkdir(exist_ok=True)
    for name, build in BUILDERS.items():
        build(folder / name)

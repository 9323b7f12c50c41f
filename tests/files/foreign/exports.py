"""Exports as the tools really write them: Google Ads, Meta Ads, LinkedIn Ads, Salesforce, HubSpot, Pipedrive,
Sellsy, Axonaut, a targets sheet with months M01…M12 and a media budget tracker. Headers, encodings, separators,
date and number formats, title lines and total rows as each tool writes them; labels point at the plan of
make_foreign.PLAN_ACTIONS. Few rows, so that tests/mapping/test_exports_vocabulary.py sums them by hand.

`python tests/files/foreign/exports.py` writes them into tests/files/foreign/exports/, to try them in the app.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def _csv(path: Path, rows: list[list], delimiter: str = ",", encoding: str = "utf-8", quoting=csv.QUOTE_MINIMAL,
         before: str = "") -> Path:
    """Rows as a tool writes them: its separator, encoding and quoting, and any lines it puts `before` them."""
    out = io.StringIO()
    out.write(before)
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=quoting).writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def _xlsx(path: Path, sheet_name: str, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# -- ad platforms --------------------------------------------------------------------------------------------

GOOGLE_ADS_HEADERS = ["Day", "Campaign", "Campaign type", "Currency code", "Impr.", "Clicks", "Cost", "Conversions"]
GOOGLE_ADS_ROWS = [  # English numbers: thousands comma, decimal point
    ["2026-01-05", "Search - Marque", "Search", "EUR", "1,250", "84", "45.20", "3.00"],
    ["2026-01-05", "PMax - Formations", "Performance Max", "EUR", "12,400", "156", "98.75", "2.00"],
    ["2026-01-19", "Search - Marque", "Search", "EUR", "980", "61", "38.10", "1.00"],
    ["2026-02-02", "Search - Marque", "Search", "EUR", "1,410", "95", "52.35", "2.00"],
    ["2026-02-16", "PMax - Formations", "Performance Max", "EUR", "9,870", "133", "1,020.00", "5.00"],
]


def google_ads(path: Path, utf16: bool = True) -> Path:
    """« Campaign performance report » as Google Ads downloads it: UTF-16 and tabs (or UTF-8 and commas), a report
    title and its date range above the header, totals per account and per campaign type at the end."""
    rows = [["Campaign performance report"], ["January 1, 2026 - February 28, 2026"], GOOGLE_ADS_HEADERS,
            *GOOGLE_ADS_ROWS,
            ["Total: Account", "--", "--", "EUR", "25,910", "529", "1,254.40", "13.00"],
            ["Total: Search", "--", "--", "EUR", "3,640", "240", "135.65", "6.00"],
            ["Total: Performance Max", "--", "--", "EUR", "22,270", "289", "1,118.75", "7.00"]]
    return _csv(path, rows, "\t", "utf-16") if utf16 else _csv(path, rows, ",", "utf-8-sig")


META_HEADERS = ["Début des rapports", "Fin des rapports", "Nom de la campagne", "Diffusion de la campagne",
                "Résultats", "Indicateur de résultats", "Couverture", "Impressions", "Coût par résultat",
                "Montant dépensé (EUR)", "Fin"]
META_ROWS = [  # re-saved by French Excel: dd/mm/yyyy, decimal comma
    ["05/01/2026", "05/01/2026", "Meta - Notoriété hiver", "active", "4", "Prospects (formulaire)", "8 200", "12 000",
     "30,13", "120,50", "En cours"],
    ["17/01/2026", "17/01/2026", "Meta - Notoriété hiver", "active", "3", "Prospects (formulaire)", "6 100", "9 000",
     "33,17", "99,50", "En cours"],
    ["02/02/2026", "02/02/2026", "Meta - Leads février", "inactive", "5", "Prospects (formulaire)", "10 400",
     "15 000", "40,00", "200,00", "28/02/2026"],
]


def meta_ads(path: Path) -> Path:
    """A Meta Ads Manager export in French, opened and saved again by French Excel: Windows-1252, semicolons."""
    return _csv(path, [META_HEADERS, *META_ROWS], ";", "cp1252")


LINKEDIN_HEADERS = ["Start Date (in UTC)", "Account Name", "Campaign Group Name", "Campaign Name", "Campaign ID",
                    "Campaign Type", "Total Spent", "Impressions", "Clicks", "Average CPC", "Leads", "Currency"]
LINKEDIN_ROWS = [  # American: month/day/year, thousands comma
    ["1/5/2026", "Formations Pro SAS", "LinkedIn", "LinkedIn - Webinaire RH", "312456789", "Sponsored Content",
     "1,234.56", "23,400", "210", "5.88", "12", "EUR"],
    ["1/19/2026", "Formations Pro SAS", "LinkedIn", "LinkedIn - Webinaire RH", "312456789", "Sponsored Content",
     "845.10", "15,020", "133", "6.35", "7", "EUR"],
    ["2/2/2026", "Formations Pro SAS", "LinkedIn", "LinkedIn - Leads DRH", "312456790", "Sponsored Content",
     "2,010.00", "31,870", "305", "6.59", "21", "EUR"],
]


def linkedin_ads(path: Path) -> Path:
    """A LinkedIn Campaign Manager performance report: title lines (report, dates, generation), then the rows."""
    rows = [["Campaign Performance Report (in UTC)"], ["Report Start: 1/1/2026, 12:00 AM"],
            ["Report End: 2/28/2026, 11:59 PM"], ["Date Generated: 3/1/2026, 9:15 AM"], LINKEDIN_HEADERS, *LINKEDIN_ROWS]
    return _csv(path, rows, ",", "utf-8-sig")


# -- CRMs ----------------------------------------------------------------------------------------------------

SALESFORCE_API_HEADERS = ["Id", "Name", "AccountId", "Account.Name", "StageName", "Amount", "CloseDate",
                          "CreatedDate", "LeadSource", "OwnerId", "Probability"]
SALESFORCE_API_ROWS = [
    ["0065g00000AbCd1AAF", "Dupont - formation managers", "0015g00000XyZ01", "Dupont SA", "Closed Won", "12000",
     "2026-02-15", "2026-01-10T09:15:00.000Z", "Trade Show", "0055g00000Mn001", "100"],
    ["0065g00000AbCd2AAF", "Martin - e-learning", "0015g00000XyZ02", "Martin SARL", "Proposal/Price Quote", "8500",
     "2026-04-30", "2026-01-20T14:02:00.000Z", "Web", "0055g00000Mn001", "75"],
    ["0065g00000AbCd3AAF", "Bernard - coaching", "0015g00000XyZ03", "Bernard & fils", "Closed Lost", "3000",
     "2026-02-28", "2026-02-05T10:30:00.000Z", "Trade Show", "0055g00000Mn002", "0"],
    ["0065g00000AbCd4AAF", "Leroy - parcours RH", "0015g00000XyZ04", "Leroy", "Id. Decision Makers", "4500.5",
     "2026-05-20", "2026-02-01T08:00:00.000Z", "Web", "0055g00000Mn002", "60"],
    ["0065g00000AbCd5AAF", "Petit - audit", "0015g00000XyZ05", "Petit", "Prospecting", "", "2026-06-30",
     "2026-03-10T16:45:00.000Z", "Trade Show", "0055g00000Mn001", "10"],
]


def salesforce_api(path: Path) -> Path:
    """Opportunities from a SOQL query (Workbench, Data Loader): API field names, ISO dates, UTC times."""
    return _csv(path, [SALESFORCE_API_HEADERS, *SALESFORCE_API_ROWS])


SALESFORCE_REPORT_HEADERS = ["Opportunity Owner", "Opportunity Name", "Account Name", "Stage", "Amount",
                             "Probability (%)", "Close Date", "Created Date", "Lead Source"]
SALESFORCE_REPORT_ROWS = [  # a French user: dd/mm/yyyy and decimal comma
    ["Marie Durand", "Dupont - formation managers", "Dupont SA", "Closed Won", "12000,00", "100", "15/02/2026",
     "10/01/2026", "Trade Show"],
    ["Marie Durand", "Martin - e-learning", "Martin SARL", "Negotiation/Review", "8500,00", "90", "30/04/2026",
     "20/01/2026", "Web"],
    ["Paul Martin", "Bernard - coaching", "Bernard & fils", "Closed Lost", "3000,00", "0", "28/02/2026",
     "05/02/2026", "Partner Referral"],
    ["Paul Martin", "Leroy - parcours RH", "Leroy", "Needs Analysis", "4500,50", "20", "20/05/2026", "01/02/2026",
     "Web"],
]


def salesforce_report(path: Path) -> Path:
    """An « Opportunities » report exported as CSV (details only): report labels for headers."""
    return _csv(path, [SALESFORCE_REPORT_HEADERS, *SALESFORCE_REPORT_ROWS])


HUBSPOT_HEADERS = ["Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Create Date", "Pipeline",
                   "Deal owner", "Original Source", "Associated Company"]
HUBSPOT_ROWS = [  # stage IDs as the API and some exports give them
    ["9876543201", "Dupont - formation managers", "closedwon", "12000", "2026-02-15 17:00", "2026-01-10 09:15",
     "Sales Pipeline", "Marie Durand", "Offline Sources", "Dupont SA"],
    ["9876543202", "Martin - e-learning", "contractsent", "8500", "", "2026-01-20 14:02", "Sales Pipeline",
     "Marie Durand", "Paid Social", "Martin SARL"],
    ["9876543203", "Bernard - coaching", "closedlost", "3000", "2026-02-28 11:00", "2026-02-05 10:30",
     "Sales Pipeline", "Paul Martin", "Email Marketing", "Bernard & fils"],
    ["9876543204", "Leroy - parcours RH", "appointmentscheduled", "4500.5", "", "2026-02-01 08:00", "Sales Pipeline",
     "Paul Martin", "Organic Search", "Leroy"],
    ["9876543205", "Roux - tutorat", "closedwon", "2000", "2026-02-25 16:20", "2026-02-12 09:40", "Sales Pipeline",
     "Paul Martin", "Paid Social", "Roux"],
]


def hubspot(path: Path) -> Path:
    """HubSpot deals exported from the deals view: UTF-8, commas, dates with minutes."""
    return _csv(path, [HUBSPOT_HEADERS, *HUBSPOT_ROWS])


PIPEDRIVE_HEADERS = ["Deal - ID", "Deal - Title", "Deal - Organization", "Deal - Value", "Deal - Currency",
                     "Deal - Stage", "Deal - Status", "Deal - Won time", "Deal - Deal created",
                     "Deal - Source channel", "Deal - Owner"]
PIPEDRIVE_ROWS = [  # a won deal stays at the stage it was won from: its status says it is won
    ["101", "Dupont - formation managers", "Dupont SA", "12000", "EUR", "Negotiations Started", "won",
     "2026-02-15 17:00:00", "2026-01-10 09:15:00", "Web forms", "Marie Durand"],
    ["102", "Martin - e-learning", "Martin SARL", "8500", "EUR", "Proposal Made", "open", "", "2026-01-20 14:02:00",
     "Campaigns", "Marie Durand"],
    ["103", "Bernard - coaching", "Bernard & fils", "3000", "EUR", "Demo Scheduled", "lost", "",
     "2026-02-05 10:30:00", "Web forms", "Paul Martin"],
    ["104", "Roux - tutorat", "Roux", "2000", "EUR", "Proposal Made", "won", "2026-03-02 11:00:00",
     "2026-02-12 09:40:00", "Campaigns", "Paul Martin"],
    ["105", "Petit - audit", "Petit", "1500", "EUR", "Qualified", "open", "", "2026-03-10 16:45:00", "Web forms",
     "Marie Durand"],
]


def pipedrive(path: Path) -> Path:
    """Pipedrive deals exported to CSV: every header prefixed by its record (« Deal - »), statuses won/lost/open."""
    return _csv(path, [PIPEDRIVE_HEADERS, *PIPEDRIVE_ROWS])


SELLSY_HEADERS = ["Opportunité", "Société", "Montant HT", "Étape", "Statut", "Date de création", "Date d'échéance",
                  "Provenance", "Commercial"]
SELLSY_ROWS = [
    ["Formation managers", "Dupont SA", 12000, "Gagnée", "Gagnée", dt.datetime(2026, 1, 10), dt.datetime(2026, 2, 15),
     "Salon", "Marie Durand"],
    ["E-learning", "Martin SARL", 8500, "Proposition envoyée", "En cours", dt.datetime(2026, 1, 20),
     dt.datetime(2026, 4, 30), "Site internet", "Marie Durand"],
    ["Coaching", "Bernard & fils", 3000, "Perdue", "Perdue", dt.datetime(2026, 2, 5), dt.datetime(2026, 2, 28),
     "Salon", "Paul Martin"],
    ["Audit", "Petit", 1500, "Prise de contact", "En cours", dt.datetime(2026, 3, 10), dt.datetime(2026, 6, 30),
     "Newsletter", "Marie Durand"],
]


def sellsy(path: Path) -> Path:
    """Sellsy's opportunities export: an xlsx workbook, real dates and numbers."""
    return _xlsx(path, "Opportunités", [SELLSY_HEADERS, *SELLSY_ROWS])


AXONAUT_HEADERS = ["Titre", "Entreprise", "Montant HT", "Étape", "Probabilité", "Date de création",
                   "Date de clôture prévue", "Origine"]
AXONAUT_ROWS = [  # a French CSV: semicolons, decimal comma, dd/mm/yyyy
    ["Formation managers", "Dupont SA", "12 000,00", "Gagné", "100 %", "10/01/2026", "15/02/2026", "Salon"],
    ["E-learning", "Martin SARL", "8 500,00", "Devis envoyé", "60 %", "20/01/2026", "30/04/2026", "Google Ads"],
    ["Coaching", "Bernard & fils", "3 000,00", "Perdu", "0 %", "05/02/2026", "28/02/2026", "Salon"],
    ["Tutorat", "Roux", "2 000,00", "Gagné", "100 %", "12/02/2026", "25/02/2026", "Newsletter"],
    ["Audit", "Petit", "1 500,00", "Qualifié", "20 %", "10/03/2026", "30/06/2026", "Salon"],
]


def axonaut(path: Path) -> Path:
    """Axonaut's opportunities export: UTF-8 with BOM, semicolons, French numbers and dates."""
    return _csv(path, [AXONAUT_HEADERS, *AXONAUT_ROWS], ";", "utf-8-sig")


# -- colleagues' sheets ----------------------------------------------------------------------------------------

PLAN_MONTHS = [f"M{month:02d}" for month in range(1, 13)]
REP_TARGETS_M = {"Marie Durand": [10000] * 6 + [5000] * 2 + [12000] * 4, "Paul Martin": [8000] * 12}


def targets_by_plan_month(path: Path) -> Path:
    """Revenue targets per sales rep, months numbered M01…M12 as finance plans them, a Total column."""
    rows = [["Objectifs CA 2026 par commercial"], [], ["Commercial", *PLAN_MONTHS, "Total"]]
    rows += [[rep, *figures, sum(figures)] for rep, figures in REP_TARGETS_M.items()]
    return _xlsx(path, "Objectifs 2026", rows)


BUDGET_HEADERS = ["Mois", "Budget prévu", "Dépensé", "Reste"]
BUDGET_BLOCKS = {"Meta Ads": [("janv. 2026", 500, 420.5), ("févr. 2026", 500, 380)],
                 "Google Ads": [("janv. 2026", 1200, 1190.4), ("févr. 2026", 1200, 1254.4)]}


def budget_tracker(path: Path) -> Path:
    """A media budget tracker kept by hand: a title, then one block per platform (its name, a header, a row per
    month, a total), blocks one under the other."""
    rows: list[list] = [["Suivi budget média 2026"], []]
    for platform, months in BUDGET_BLOCKS.items():
        rows += [[platform], BUDGET_HEADERS]
        rows += [[month, budget, spent, budget - spent] for month, budget, spent in months]
        rows += [[f"Total {platform}", sum(m[1] for m in months), sum(m[2] for m in months), None], []]
    return _xlsx(path, "Budget", rows)


BUILDERS = {"google-ads-campaign-report.csv": google_ads, "meta-ads-fr.csv": meta_ads,
            "linkedin-campaign-performance.csv": linkedin_ads, "salesforce-opportunities-api.csv": salesforce_api,
            "salesforce-opportunities-report.csv": salesforce_report, "hubspot-deals.csv": hubspot,
            "pipedrive-deals.csv": pipedrive, "sellsy-opportunites.xlsx": sellsy, "axonaut-opportunites.csv": axonaut,
            "objectifs-m01-m12.xlsx": targets_by_plan_month, "suivi-budget-media.xlsx": budget_tracker}

if __name__ == "__main__":
    folder = HERE / "exports"
    folder.mkdir(exist_ok=True)
    for name, build in BUILDERS.items():
        build(folder / name)

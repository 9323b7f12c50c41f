"""Foreign files as managers really get them (an ad platform's daily export, a CRM's opportunity export, a
campaigns export, a targets sheet with months as columns per sales rep), written with openpyxl and csv, French
formatted. Tests call these functions with a tmp_path; `python tests/files/foreign/make_foreign.py` writes them
next to this script, to try the mapping by hand in the app.

Each file's expected figures are computed by hand in tests/mapping/ (not derived from these rows).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent

# The plan the foreign files point at: (ID, name, channel, owner).
PLAN_ACTIONS = [
    ("A1", "Publicité Meta", "Réseaux sociaux", "Service marketing"),
    ("A2", "Google Ads", "SEA", "Service marketing"),
    ("A3", "Salon Lyon", "Salon", "Directeur commercial"),
    ("A4", "Site internet", "Site web / SEO", "Service marketing"),
    ("A5", "Newsletter", "Emailing", "Service marketing"),
    ("A6", "Prospection terrain Nord", "Prospection terrain", "Marie Durand"),
    ("A7", "Prospection terrain Sud", "Prospection terrain", "Paul Martin"),
]

AD_TITLE = ["Rapport de performance — Campagnes publicitaires"]
AD_HEADERS = ["Date", "Canal", "Campagne", "Impressions", "Clics", "Dépense (€)", "Conversions"]
# Daily rows: the channel written as the platform writes it, sometimes differently; a French text amount.
AD_ROWS = [
    [dt.datetime(2026, 1, 5), "META", "Notoriété hiver", 12000, 300, 120.5, 4],
    [dt.datetime(2026, 1, 5), "Google Ads", "Search marque", 4000, 150, 80, 2],
    ["17/01/2026", "Meta", "Notoriété hiver", 9000, 200, "99,50", 3],
    [dt.datetime(2026, 1, 20), "google ads", "Search générique", 30000, 900, "1 020,00 €", 10],
    [None, None, None, None, None, None, None],
    [dt.datetime(2026, 2, 2), " meta ", "Leads février", 15000, 410, 200, 5],
    [dt.datetime(2026, 2, 14), "Google Ads", "Search marque", 16000, 500, 310.25, 6],
    ["28/02/2026", "META", "Leads février", 3000, 90, 50, 1],
]


def ad_export(path: Path, rows=None, title_period="01/01/2026 - 28/02/2026") -> Path:
    """Ad platform daily export: two title lines and a blank line above the header (row 4), a blank row, and
    a TOTAL row at the end."""
    rows = AD_ROWS if rows is None else rows
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    sheet.append(AD_TITLE)
    sheet.append(["Période :", title_period])
    sheet.append([])
    sheet.append(AD_HEADERS)
    for row in rows:
        sheet.append(row)
    spend = sum(_number(r[5]) for r in rows if r[5] is not None)
    sheet.append(["TOTAL", None, None, sum(r[3] or 0 for r in rows), sum(r[4] or 0 for r in rows), spend,
                  sum(r[6] or 0 for r in rows)])
    book.save(path)
    return path


CRM_HEADERS = ["Nom de l'opportunité", "Compte", "Étape", "Montant", "Origine de la piste", "Date de création",
               "Date de clôture", "Propriétaire"]
CRM_ROWS = [
    ["OPP-001", "Dupont SA", "Gagné", "12 000,00", "Salon", "10/01/2026", "15/02/2026", "Marie Durand"],
    ["OPP-002", "Martin SARL", "Proposition", "8 500", "LinkedIn", "20/01/2026", "", "Marie Durand"],
    ["OPP-003", "Bernard & fils", "Perdu", "3 000", "Salon", "05/02/2026", "28/02/2026", "Paul Martin"],
    ["OPP-004", "Leroy", "Gagné", "4 500,50", "Site web", "01/02/2026", "20/03/2026", "Paul Martin"],
    ["OPP-005", "Petit", "Qualification", "", "Salon", "10/03/2026", "", "Marie Durand"],
    ["OPP-006", "Roux", "Gagné", "2 000", "Salon", "12/02/2026", "25/02/2026", "Paul Martin"],
]


def crm_export(path: Path, rows=None) -> Path:
    """A CRM's opportunity export as French Excel saves CSV: Windows-1252, semicolons, decimal commas, a
    title line above the header."""
    rows = CRM_ROWS if rows is None else rows
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Export des opportunités — CRM — 31/03/2026"])
    writer.writerow(CRM_HEADERS)
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


CAMPAIGN_HEADERS = ["Campagne", "Type", "Date de début", "Date de fin", "Coût budgété", "Coût réel", "CA attendu"]
CAMPAIGN_ROWS = [
    ["Salon Lyon 2026", "Salon", dt.datetime(2026, 1, 15), dt.datetime(2026, 3, 10), 3000, 3300, 30000],
    ["Newsletter printemps", "Emailing", dt.datetime(2026, 4, 1), dt.datetime(2026, 4, 30), 500, 450, 6000],
]


def campaigns_export(path: Path, rows=None) -> Path:
    """A campaigns export: one row per campaign, with its dates, budgeted and actual cost, expected revenue."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Campagnes"
    sheet.append(CAMPAIGN_HEADERS)
    for row in CAMPAIGN_ROWS if rows is None else rows:
        sheet.append(row)
    book.save(path)
    return path


MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
REP_TARGETS = {
    "Marie Durand": [10000, 10000, 12000, 12000, 12000, 12000, 8000, 5000, 12000, 12000, 12000, 15000],
    "Paul Martin": [8000, 8000, 8000, "9 000", 9000, 9000, None, None, 9000, 9000, 9000, 10000],
}


def rep_targets(path: Path, targets=None) -> Path:
    """A targets sheet as a sales director keeps it: a title, one row per sales rep, months as columns
    without a year, a Total column and a Total row."""
    targets = REP_TARGETS if targets is None else targets
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Objectifs CA"
    sheet.append(["Objectifs de chiffre d'affaires 2026 par commercial"])
    sheet.append([])
    sheet.append(["Commercial", *MONTHS, "Total"])
    for rep, figures in targets.items():
        sheet.append([rep, *figures, sum(_number(f) for f in figures if f is not None)])
    sheet.append(["Total", *[sum(_number(f[i]) for f in targets.values() if f[i] is not None) for i in range(12)]])
    book.save(path)
    return path


def _number(value) -> float:
    """A figure for the file's own total row (a mistyped cell counts as 0, as Excel's SUM does with text)."""
    if isinstance(value, str):
        try:
            return float(value.replace("€", "").replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except ValueError:
            return 0.0
    return float(value)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent.parent.parent))
    ad_export(HERE / "ads-meta-google-daily-jan-feb-2026.xlsx")
    crm_export(HERE / "crm-opportunities-export.csv")
    campaigns_export(HERE / "campaigns-export.xlsx")
    rep_targets(HERE / "targets-per-sales-rep-months-as-columns.xlsx")

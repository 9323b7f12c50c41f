"""A French ad platform's daily export for the demo plan (pac_core/demo.py), as a manager downloads it: two
title lines, the header on row 4, one row per day and platform, amounts as French text, a TOTAL row.

Facebook and Instagram go to RS (the demo's only action on social networks); Google Ads has no action of its
own channel in the demo, so the manager chooses one (WEB); « Bing » is left out on purpose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HEADERS = ["Jour", "Plateforme", "Campagne", "Impressions", "Clics", "Montant dépensé (€)", "Conversions"]
OCTOBER = [
    [dt.datetime(2026, 10, 2), "Facebook", "Formation managers", 8000, 210, 150.5, 3],
    [dt.datetime(2026, 10, 2), "Google Ads", "Search formation RH", 3000, 120, "210,40", 4],
    ["09/10/2026", "Instagram", "Formation managers", 5000, 90, "60,00 €", 1],
    [dt.datetime(2026, 10, 16), "facebook ", "Relance webinaire", 7000, 180, 120, 2],
    [dt.datetime(2026, 10, 16), "GOOGLE ADS", "Search formation RH", 3500, 140, "1 005,60 €", 6],
    [dt.datetime(2026, 10, 23), "Bing", "Test", 900, 12, 35, 0],
]
NOVEMBER = [
    [dt.datetime(2026, 11, 1), "Facebook", "Relance fin d'année", 6000, 150, 99.9, 2],
    [dt.datetime(2026, 11, 8), "Google Ads", "Search formation RH", 2500, 100, "400,10", 3],
    [dt.datetime(2026, 11, 15), "Instagram", "Relance fin d'année", 4000, 80, 50, 1],
]
# By hand from the rows above: the monthly cost (« cout ») each action must get.
OCTOBER_COST = {"RS": 150.5 + 60 + 120, "WEB": 210.40 + 1005.60}  # replace the demo's 400 € and 200 €
NOVEMBER_COST = {"RS": 99.9 + 50, "WEB": 400.10}


def demo_ad_export(path: Path, rows=None, period="01/10/2026 - 31/10/2026") -> Path:
    rows = OCTOBER if rows is None else rows
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Rapport"
    sheet.append(["Rapport publicitaire — dépenses par jour"])
    sheet.append(["Période :", period])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    sheet.append(["TOTAL", None, None, sum(r[3] for r in rows), sum(r[4] for r in rows), None,
                  sum(r[6] for r in rows)])
    book.save(path)
    return path

"""Two earlier years of the demo company, imported as history (issue 19), so that the demo shows last year's line,
the N−1 columns and the bilan of a closed year.

The story's plan and actuals (pac_core/demo.py), smaller in the past: a year back every figure is 85 % of the
story's, two years back 70 %, each month's actual moved by a fixed ±10 % (random.Random(year)), counts whole and
euros to the hundred. Telemarketing (TEL) started last year; an e-mailing campaign (MAIL) ran both years and was
dropped from this year's plan — its bilan says why (few contacts, no sale). One workbook per year, with that
year's Actions sheet: the actions of this year's plan keep their current name, dates and budget (the store's rule
for history), MAIL is added.
"""

import datetime as dt
import random
from pathlib import Path

import pandas as pd

from pac_core import demo
from pac_core.demo import ACTIONS, COMPANY_RESULTS, RESULTS, TARGETS, DemoPeriod

SCALE = {1: 0.85, 2: 0.70}  # years back → share of the story's figures
STARTED_LAST_YEAR = {"TEL"}
MAIL = ("MAIL", "Visibilité sur internet", "Campagne d'e-mailing trimestrielle", "Emailing", "Fidélisation",
        demo.HR_SEGMENT, "Service marketing", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 3_000, "Terminée", "OS1")
_ = None
MAIL_TARGETS = {"contacts": [_, _, 60, _, _, 60, _, _, 60, _, _, 60], "ca": [_, _, 2_000, _, _, 2_000, _, _, 2_000,
                                                                               _, _, 2_000]}
MAIL_RESULTS = {"contacts": [_, _, 14, _, _, 9, _, _, 11, _, _, 8], "ca": [_, _, 0, _, _, 0, _, _, 0, _, _, 0],
                "cout": [_, _, 750, _, _, 750, _, _, 750, _, _, 750]}


def history_years(period: DemoPeriod) -> list[int]:
    """The two years before the demo's, oldest first."""
    return [period.year - 2, period.year - 1]


def _round(value: float, metric: str) -> float:
    return round(value / 100) * 100 if metric in ("ca", "cout") else round(value)


def _scaled(figures: dict, scale: float, rng: random.Random | None) -> dict:
    scaled = {}
    for metric, months in figures.items():
        scaled[metric] = [None if value is None else
                          _round(value * scale * (rng.uniform(0.9, 1.1) if rng else 1), metric) for value in months]
    return scaled


def history_tables(year: int, back: int) -> dict[str, pd.DataFrame]:
    """The tables of the year `back` years before the demo's (internal names, as demo.demo_tables gives)."""
    period = DemoPeriod(year, 12)
    scale = SCALE[back]
    rng = random.Random(year)
    kept = [action for action in ACTIONS if back == 1 or action[0] not in STARTED_LAST_YEAR] + [MAIL]
    actions = pd.DataFrame([(*action[:9], round(action[9] * scale / 100) * 100, "Terminée", action[11])
                            for action in kept],
                           columns=["action_id", "lever", "name", "channel", "kind", "segment", "owner",
                                    "start_date", "end_date", "budget", "status", "objective_ids"])
    actions = demo._moved(actions, ("start_date", "end_date"), year)
    ids = set(actions["action_id"])
    target_rows, result_rows = [], []
    for action_id, figures in {**TARGETS, "MAIL": MAIL_TARGETS}.items():
        if action_id in ids:
            target_rows += demo._monthly_rows(action_id, figures if action_id == "MAIL" else _scaled(figures, scale,
                                                                                                      None))
    for action_id, figures in {**RESULTS, "MAIL": MAIL_RESULTS}.items():
        if action_id in ids:
            result_rows += demo._monthly_rows(action_id, figures if action_id == "MAIL" else _scaled(figures, scale,
                                                                                                      rng))
    company = {metric: [None if value is None else round(value * (0.8 if back == 2 else 0.9)) for value in months]
               for metric, months in COMPANY_RESULTS.items() if metric == "clients_actifs"}
    result_rows += demo._monthly_rows(None, company)
    columns = ["action_id", "metric", "period", "value"]
    targets = pd.DataFrame(target_rows, columns=columns)
    results = pd.DataFrame(result_rows, columns=columns)
    results["action_id"] = pd.Series([row[0] for row in result_rows], dtype=object)
    return {"actions": actions,
            "targets": demo._moved(targets, ("period",), period.year),
            "results": demo._moved(results, ("period",), period.year)}


def write_history_workbooks(folder: str | Path, period: DemoPeriod) -> list[Path]:
    """One workbook per earlier year (oldest first), months as columns like the demo's."""
    from pac_core.io.xlsx_writer import write_workbook

    paths = []
    for year in history_years(period):
        path = Path(folder) / f"historique-demo-{year}.xlsx"
        write_workbook(path, history_tables(year, period.year - year), wide_tables={"targets", "results"},
                       instructions=[f"PAC Pilot — historique de démonstration {year}",
                                     f"Le plan et le réalisé de {year}, importés comme historique de l'année "
                                     f"{period.year}."])
        paths.append(path)
    return paths

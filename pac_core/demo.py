"""The demo data set: the seed article's example company, followed until the end of October 2026.

Organisme de formations des métiers RH; cible : entreprises de plus de 100 salariés de la région.
Strategic objectives for 2026: +20 % de clients actifs, rentrer chez 3 grands comptes, +250 000 € de CA.
Three levers: trade shows (SAL1-3), visibility on the internet (WEB, RS), telemarketing (BDD, TEL).

Every monthly figure is a literal below (12 values, January to December; `_` = no figure), so that
each total can be recomputed by hand. The story at 31 October 2026: the shows and the website do
well (SAL1 and WEB ahead), SAL2 brings fewer contacts than planned and is over budget (9 200 € spent
for 8 000 €), social media slow down in summer, and outsourced telemarketing fails (calls on plan,
almost no meetings, one client for 40 000 € of planned revenue).

Hand-computed totals (tests/test_demo.py asserts them as literals):

    figure                                            computation                                   value
    ca target, whole year                             SAL1 30 000 + SAL2 80 000 + SAL3 45 000        250 000
                                                      + TEL 40 000 + WEB 55 000
    ca target, January-October                        30 000 + 80 000 + 0 + 40 000 + WEB 32 500      182 500
                                                      (WEB Jun-Oct 5 000+5 000+5 000+7 500+10 000)
    ca actual, January-October                        SAL1 32 500 + SAL2 70 600 + TEL 4 200          146 800
                                                      + WEB 39 500
    budget                                            2 000 + 8 000 + 3 500 + 9 000 + 6 000          35 500
                                                      + 1 000 + 6 000
    cost actual, January-October                      SAL1 1 850 + SAL2 9 200 + SAL3 3 400           35 050
                                                      + WEB 8 700 + RS 4 900 + BDD 1 000 + TEL 6 000
    contacts target, January-October                  40 + 130 + 80 + WEB 167 + RS 50 + BDD 1 500      1 967
    contacts actual, January-October                  SAL1 52 + SAL2 118 + SAL3 86 + WEB 219           1 934
                                                      + RS 39 + BDD 1 420
    nouveaux clients actual, January-October          SAL1 5 + SAL2 9 + TEL 1 + WEB 7                     22
    clients actifs in October (stock)                 150 + 22 new clients - 7 lost                      165
    grands comptes in October (stock)                                                                      2
    won opportunities                                 one per new client, amounts = the ca results        22 (146 800 €)
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd

from pac_core.tables import LOST_STAGE, PIPELINE_STAGES

DEMO_YEAR = 2026
DEMO_LAST_MONTH = 10  # results are known for January to October
DEMO_WORKBOOK = Path(__file__).resolve().parent.parent / "data" / "demo-pac-2026.xlsx"

_ = None  # no figure for that month

SEGMENT = "Entreprises de plus de 100 salariés de la région"
HR_SEGMENT = "DRH et responsables formation des entreprises de la région"

STRATEGIC_OBJECTIVES = [
    # ID, objectif, indicateur, référence, cible, échéance
    ("OS1", "+20 % de clients actifs", "clients_actifs", 150, 180, dt.date(2026, 12, 31)),
    ("OS2", "Rentrer chez 3 grands comptes", "grands_comptes", 0, 3, dt.date(2026, 12, 31)),
    ("OS3", "+250 000 € de CA", "ca", 0, 250_000, dt.date(2026, 12, 31)),
]

ACTIONS = [
    # ID, levier, action, canal, type, cible, responsable, début, fin, budget, statut, objectifs
    ("SAL1", "Salons professionnels", "Salon 1 (février)", "Salon", "Acquisition", SEGMENT,
     "Responsable partenariats", dt.date(2026, 2, 1), dt.date(2026, 6, 30), 2_000, "Terminée", "OS1;OS3"),
    ("SAL2", "Salons professionnels", "Salon 2 (mai)", "Salon", "Acquisition", SEGMENT,
     "Directeur commercial", dt.date(2026, 5, 1), dt.date(2026, 9, 30), 8_000, "Terminée", "OS1;OS2;OS3"),
    ("SAL3", "Salons professionnels", "Salon 3 (octobre)", "Salon", "Acquisition", SEGMENT,
     "Directeur marketing", dt.date(2026, 10, 1), dt.date(2026, 12, 31), 3_500, "En cours", "OS1;OS3"),
    ("WEB", "Visibilité sur internet", "Refonte du site et référencement naturel", "Site web / SEO", "Acquisition",
     SEGMENT, "Service marketing", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 9_000, "En cours", "OS1;OS3"),
    ("RS", "Visibilité sur internet", "Réseaux sociaux (LinkedIn, Facebook, Instagram)", "Réseaux sociaux",
     "Fidélisation", HR_SEGMENT, "Service marketing", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 6_000,
     "En cours", "OS1"),
    ("BDD", "Téléprospection", "Achat d'une base de données qualifiée", "Base de données", "Acquisition", SEGMENT,
     "Directeur commercial", dt.date(2026, 1, 1), dt.date(2026, 1, 31), 1_000, "Terminée", "OS1"),
    ("TEL", "Téléprospection", "Téléprospection externalisée", "Téléprospection", "Acquisition", SEGMENT,
     "Directeur commercial", dt.date(2026, 4, 1), dt.date(2026, 9, 30), 6_000, "Terminée", "OS1;OS2;OS3"),
]

# Plan version 1: monthly targets, January to December 2026.
TARGETS = {
    #                      jan     feb     mar     apr     may     jun     jul     aug     sep     oct     nov     dec
    "SAL1": {
        "contacts":         [_,     40,     _,      _,      _,      _,      _,      _,      _,      _,      _,      _],
        "rdv":              [_,     4,      8,      _,      _,      _,      _,      _,      _,      _,      _,      _],
        "nouveaux_clients": [_,     _,      1,      2,      1,      _,      _,      _,      _,      _,      _,      _],
        "ca":               [_,     _,      6_000,  12_000, 8_000,  4_000,  _,      _,      _,      _,      _,      _],
    },
    "SAL2": {
        "contacts":         [_,     _,      _,      _,      130,    _,      _,      _,      _,      _,      _,      _],
        "rdv":              [_,     _,      _,      _,      15,     20,     _,      _,      _,      _,      _,      _],
        "nouveaux_clients": [_,     _,      _,      _,      _,      3,      3,      1,      3,      _,      _,      _],
        "ca":               [_,     _,      _,      _,      _,      20_000, 25_000, 10_000, 25_000, _,      _,      _],
    },
    "SAL3": {
        "contacts":         [_,     _,      _,      _,      _,      _,      _,      _,      _,      80,     _,      _],
        "rdv":              [_,     _,      _,      _,      _,      _,      _,      _,      _,      10,     12,     _],
        "nouveaux_clients": [_,     _,      _,      _,      _,      _,      _,      _,      _,      _,      3,      3],
        "ca":               [_,     _,      _,      _,      _,      _,      _,      _,      _,      _,      20_000, 25_000],
    },
    "WEB": {
        "contacts":         [8,     8,      8,      8,      15,     20,     20,     15,     30,     35,     40,     35],
        "nouveaux_clients": [_,     _,      _,      _,      _,      1,      1,      1,      1,      2,      2,      2],
        "ca":               [_,     _,      _,      _,      _,      5_000,  5_000,  5_000,  7_500,  10_000, 10_000, 12_500],
    },
    "RS": {
        "publications":     [9,     9,      9,      9,      9,      9,      9,      9,      9,      9,      9,      9],
        "contacts":         [5,     5,      5,      5,      5,      5,      5,      5,      5,      5,      5,      5],
    },
    "BDD": {
        "contacts":         [1_500, _,      _,      _,      _,      _,      _,      _,      _,      _,      _,      _],
    },
    "TEL": {
        "appels":           [_,     _,      _,      200,    200,    200,    200,    200,    200,    _,      _,      _],
        "rdv":              [_,     _,      _,      5,      5,      5,      5,      5,      5,      _,      _,      _],
        "nouveaux_clients": [_,     _,      _,      _,      1,      1,      2,      2,      2,      _,      _,      _],
        "ca":               [_,     _,      _,      _,      5_000,  5_000,  10_000, 10_000, 10_000, _,      _,      _],
    },
}

# Actuals, January to October 2026 (November and December are still to come).
RESULTS = {
    #                      jan     feb     mar     apr     may     jun     jul     aug     sep     oct     nov     dec
    "SAL1": {
        "contacts":         [_,     52,     _,      _,      _,      _,      _,      _,      _,      _,      _,      _],
        "rdv":              [_,     6,      9,      _,      _,      _,      _,      _,      _,      _,      _,      _],
        "nouveaux_clients": [_,     _,      1,      2,      2,      0,      _,      _,      _,      _,      _,      _],
        "ca":               [_,     _,      7_200,  13_500, 11_800, 0,      _,      _,      _,      _,      _,      _],
        "cout":             [_,     1_850,  _,      _,      _,      _,      _,      _,      _,      _,      _,      _],
    },
    "SAL2": {
        "contacts":         [_,     _,      _,      _,      118,    _,      _,      _,      _,      _,      _,      _],
        "rdv":              [_,     _,      _,      _,      14,     19,     _,      _,      _,      _,      _,      _],
        "nouveaux_clients": [_,     _,      _,      _,      _,      2,      3,      1,      3,      _,      _,      _],
        "ca":               [_,     _,      _,      _,      _,      14_600, 21_900, 6_800,  27_300, _,      _,      _],
        "cout":             [_,     _,      _,      _,      9_200,  _,      _,      _,      _,      _,      _,      _],
    },
    "SAL3": {
        "contacts":         [_,     _,      _,      _,      _,      _,      _,      _,      _,      86,     _,      _],
        "rdv":              [_,     _,      _,      _,      _,      _,      _,      _,      _,      11,     _,      _],
        "cout":             [_,     _,      _,      _,      _,      _,      _,      _,      _,      3_400,  _,      _],
    },
    "WEB": {
        "contacts":         [9,     7,      6,      9,      22,     31,     28,     19,     41,     47,     _,      _],
        "nouveaux_clients": [_,     _,      _,      _,      _,      1,      2,      0,      2,      2,      _,      _],
        "ca":               [_,     _,      _,      _,      _,      4_800,  9_600,  0,      11_200, 13_900, _,      _],
        "cout":             [2_500, 2_000,  2_000,  1_000,  200,    200,    200,    200,    200,    200,    _,      _],
    },
    "RS": {
        "publications":     [9,     8,      9,      7,      8,      6,      4,      3,      8,      9,      _,      _],
        "contacts":         [3,     4,      6,      5,      4,      3,      2,      1,      5,      6,      _,      _],
        "cout":             [400,   700,    400,    400,    700,    400,    400,    700,    400,    400,    _,      _],
    },
    "BDD": {
        "contacts":         [1_420, _,      _,      _,      _,      _,      _,      _,      _,      _,      _,      _],
        "cout":             [1_000, _,      _,      _,      _,      _,      _,      _,      _,      _,      _,      _],
    },
    "TEL": {
        "appels":           [_,     _,      _,      185,    210,    196,    170,    150,    205,    _,      _,      _],
        "rdv":              [_,     _,      _,      1,      2,      1,      0,      1,      1,      _,      _,      _],
        "nouveaux_clients": [_,     _,      _,      _,      0,      0,      1,      0,      0,      _,      _,      _],
        "ca":               [_,     _,      _,      _,      0,      0,      4_200,  0,      0,      _,      _,      _],
        "cout":             [_,     _,      _,      1_000,  1_000,  1_000,  1_000,  1_000,  1_000,  _,      _,      _],
    },
}

# Company-wide stocks (results without an action): 150 active clients in January, + new clients - lost.
COMPANY_RESULTS = {
    #                      jan     feb     mar     apr     may     jun     jul     aug     sep     oct     nov     dec
    "clients_actifs":      [150,   149,    150,    151,    153,    155,    160,    160,    164,    165,    _,      _],
    "grands_comptes":      [0,     0,      0,      0,      0,      1,      1,      1,      2,      2,      _,      _],
}

# Pipeline: opportunities per source action, by outcome at 31 October 2026. Won ones are one per new
# client (RESULTS "nouveaux_clients") and their amounts add up to that month's "ca" result.
PIPELINE_COUNTS = {
    # action: (lost, still open)
    "SAL1": (14, 5),
    "SAL2": (38, 23),
    "SAL3": (2, 48),
    "WEB": (50, 61),
    "RS": (9, 9),
    "TEL": (15, 4),
}
# When each action's opportunities were created (first and last day).
PIPELINE_CREATION = {
    "SAL1": (dt.date(2026, 2, 11), dt.date(2026, 3, 20)),
    "SAL2": (dt.date(2026, 5, 19), dt.date(2026, 6, 30)),
    "SAL3": (dt.date(2026, 10, 6), dt.date(2026, 10, 30)),
    "WEB": (dt.date(2026, 1, 5), dt.date(2026, 10, 30)),
    "RS": (dt.date(2026, 1, 5), dt.date(2026, 10, 30)),
    "TEL": (dt.date(2026, 4, 1), dt.date(2026, 9, 30)),
}

_ACCOUNT_NAMES = (
    "Durand", "Lefèvre", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
    "Vincent", "Muller", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier",
    "François", "Legrand", "Gauthier", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel",
)
_ACCOUNT_TRADES = (
    "Logistique", "Industrie", "Bâtiment", "Santé", "Distribution", "Transports", "Énergie", "Services",
    "Agroalimentaire", "Assurances", "Mécanique", "Emballages", "Hôtellerie", "Informatique", "Plasturgie",
)
_ACCOUNT_FORMS = ("SAS", "SA", "Groupe", "SARL")
_DEMO_SEED = 2026
_LAST_DAY = dt.date(DEMO_YEAR, DEMO_LAST_MONTH, 31)


def _month(number: int) -> dt.date:
    return dt.date(DEMO_YEAR, number, 1)


def _monthly_rows(action_id: str | None, figures: dict[str, list]) -> list[tuple]:
    return [
        (action_id, metric, _month(index), value)
        for metric, values in figures.items()
        for index, value in enumerate(values, start=1)
        if value is not None
    ]


def strategic_objectives_frame() -> pd.DataFrame:
    columns = ["objective_id", "label", "metric", "baseline", "target", "due_date"]
    return pd.DataFrame(STRATEGIC_OBJECTIVES, columns=columns)


def actions_frame() -> pd.DataFrame:
    columns = ["action_id", "lever", "name", "channel", "kind", "segment", "owner",
               "start_date", "end_date", "budget", "status", "objective_ids"]
    return pd.DataFrame(ACTIONS, columns=columns)


def targets_frame() -> pd.DataFrame:
    rows = [row for action_id, figures in TARGETS.items() for row in _monthly_rows(action_id, figures)]
    return pd.DataFrame(rows, columns=["action_id", "metric", "period", "value"])


def results_frame() -> pd.DataFrame:
    rows = [row for action_id, figures in RESULTS.items() for row in _monthly_rows(action_id, figures)]
    rows += _monthly_rows(None, COMPANY_RESULTS)
    frame = pd.DataFrame(rows, columns=["action_id", "metric", "period", "value"])
    # object dtype, so that company-wide rows hold None (pandas 3 would make a str column with NaN)
    frame["action_id"] = pd.Series([row[0] for row in rows], dtype=object)
    return frame


def _account_names(rng: random.Random, count: int) -> list[str]:
    candidates = []
    for name in _ACCOUNT_NAMES:
        for trade in _ACCOUNT_TRADES:
            form = _ACCOUNT_FORMS[(len(name) + len(trade)) % len(_ACCOUNT_FORMS)]
            candidates.append(f"Groupe {name} {trade}" if form == "Groupe" else f"{name} {trade} {form}")
    return rng.sample(candidates, count)


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` (a multiple of 100) in `parts` positive multiples of 100 that add up to it exactly."""
    if parts == 1:
        return [total]
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    amounts = [round(total * weight / sum(weights) / 100) * 100 for weight in weights[:-1]]
    amounts.append(total - sum(amounts))
    if min(amounts) <= 0:
        raise ValueError(f"cannot split {total} in {parts}")
    return amounts


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def opportunities_frame() -> pd.DataFrame:
    """About 300 opportunities, deterministic (random.Random(2026)), consistent with the results."""
    rng = random.Random(_DEMO_SEED)
    channel_of = {action[0]: action[3] for action in ACTIONS}
    drafts = []  # (action_id, stage, amount, created_on, closed_on, status)
    for action_id, (lost, still_open) in PIPELINE_COUNTS.items():
        first, last = PIPELINE_CREATION[action_id]
        revenue = RESULTS[action_id].get("ca", [_] * 12)
        clients = RESULTS[action_id].get("nouveaux_clients", [_] * 12)
        for month, (amount, count) in enumerate(zip(revenue, clients), start=1):
            if not amount and not count:
                continue
            if not amount or not count:
                raise ValueError(f"{action_id} {month}: revenue and new clients must go together")
            month_first = max(_month(month), first + dt.timedelta(days=7))
            month_last = (_month(month + 1) if month < 12 else dt.date(DEMO_YEAR + 1, 1, 1)) - dt.timedelta(days=1)
            for won_amount in _split(rng, amount, count):
                closed_on = _random_day(rng, month_first, month_last)
                created_on = max(first, min(last, closed_on - dt.timedelta(days=rng.randint(14, 75))))
                drafts.append((action_id, PIPELINE_STAGES[-1], won_amount, created_on, closed_on, "Gagnée"))
        for _index in range(lost):
            created_on = _random_day(rng, first, last)
            closed_on = min(_LAST_DAY, created_on + dt.timedelta(days=rng.randint(10, 90)))
            amount = rng.randrange(20, 160) * 100
            drafts.append((action_id, LOST_STAGE, amount, created_on, closed_on, "Perdue"))
        for _index in range(still_open):
            created_on = _random_day(rng, first, last)
            age = (_LAST_DAY - created_on).days
            weights = (5, 3, 2, 1) if age > 45 else (8, 3, 1, 0)
            stage = rng.choices(PIPELINE_STAGES[:-1], weights=weights)[0]
            amount = rng.randrange(20, 160) * 100
            drafts.append((action_id, stage, amount, created_on, None, "En cours"))
    drafts.sort(key=lambda draft: (draft[3], list(PIPELINE_COUNTS).index(draft[0])))
    accounts = _account_names(rng, len(drafts))
    rows = [
        (f"OPP-{number:03d}", account, action_id, channel_of[action_id], stage, amount, created_on, closed_on, status)
        for number, (account, (action_id, stage, amount, created_on, closed_on, status))
        in enumerate(zip(accounts, drafts), start=1)
    ]
    columns = ["opportunity_id", "account", "action_id", "channel", "stage", "amount",
               "created_on", "closed_on", "status"]
    return pd.DataFrame(rows, columns=columns)


def demo_tables() -> dict[str, pd.DataFrame]:
    """The demo data set, as the tables the store and the workbook writer take (internal names)."""
    return {
        "actions": actions_frame(),
        "targets": targets_frame(),
        "results": results_frame(),
        "strategic_objectives": strategic_objectives_frame(),
        "opportunities": opportunities_frame(),
    }


DEMO_INSTRUCTIONS = [
    "PAC Pilot — jeu de démonstration 2026",
    "Entreprise fictive : organisme de formations des métiers RH. Cible : entreprises de plus de 100 salariés, "
    "installées dans la région.",
    "Objectifs stratégiques de l'année : augmenter de 20 % le nombre de clients actifs, rentrer chez 3 grands "
    "comptes et augmenter le CA de 250 000 €.",
    "Trois leviers : salons professionnels (SAL1, SAL2, SAL3), visibilité sur internet (WEB, RS) et "
    "téléprospection (BDD, TEL). Le réalisé est connu de janvier à octobre 2026.",
    "Les feuilles Objectifs et Réalisé ont un mois par colonne ; une ligne de Réalisé sans ID action est un "
    "chiffre de toute l'entreprise (clients actifs, grands comptes).",
]


def write_demo_workbook(path: str | Path = DEMO_WORKBOOK) -> None:
    """The demo as a workbook, with targets and results months-as-columns like the usual French template."""
    from pac_core.io.xlsx_writer import write_workbook

    write_workbook(path, demo_tables(), wide_tables={"targets", "results"}, instructions=DEMO_INSTRUCTIONS)


if __name__ == "__main__":  # python -m pac_core.demo [PATH]: regenerates data/demo-pac-2026.xlsx
    import sys

    write_demo_workbook(sys.argv[1] if len(sys.argv) > 1 else DEMO_WORKBOOK)

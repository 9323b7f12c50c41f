"""The demo data set: the seed article's example company, in the year of the clock, up to its last closed month.

The story is written for 2026 (the story year) and told up to the month the clock has last closed: on 15 March
2027 it is the 2027 plan with January and February known; in January, the whole of last year. Dates are moved to
the plan year; the figures stay those written here, so that the October 2026 totals below hold for every year.

Organisme de formations des métiers RH; cible : entreprises de plus de 100 salariés de la région.
Strategic objectives for 2026: +20 % de clients actifs, rentrer chez 3 grands comptes, +250 000 € de CA.
Three levers: trade shows (SAL1-3), visibility on the internet (WEB, RS), telemarketing (BDD, TEL).

Every monthly figure is a literal below (12 values, January to December; `_` = no figure), so that
each total can be recomputed by hand. The story at 31 October: the shows and the website do
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

November and December go on (SAL3 signs its clients, the website keeps ahead): ca actual for the whole year
146 800 + SAL3 21 400 + 16 800 + WEB 12 300 + 15 600 = 212 900; 32 new clients; 170 active clients in December.
Before October the story is cut at the month's end: an opportunity won or lost later is still open then.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.tables import LOST_STAGE, PIPELINE_STAGES

STORY_YEAR = 2026  # the year the literals below are written for
STORY_MONTH = 10  # the month the hand-computed totals and the generated pipeline stand at

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

# Actuals, January to December (told up to the clock's last closed month).
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
        "rdv":              [_,     _,      _,      _,      _,      _,      _,      _,      _,      11,     13,     _],
        "nouveaux_clients": [_,     _,      _,      _,      _,      _,      _,      _,      _,      _,      3,      2],
        "ca":               [_,     _,      _,      _,      _,      _,      _,      _,      _,      _,      21_400, 16_800],
        "cout":             [_,     _,      _,      _,      _,      _,      _,      _,      _,      3_400,  _,      _],
    },
    "WEB": {
        "contacts":         [9,     7,      6,      9,      22,     31,     28,     19,     41,     47,     52,     38],
        "nouveaux_clients": [_,     _,      _,      _,      _,      1,      2,      0,      2,      2,      2,      3],
        "ca":               [_,     _,      _,      _,      _,      4_800,  9_600,  0,      11_200, 13_900, 12_300, 15_600],
        "cout":             [2_500, 2_000,  2_000,  1_000,  200,    200,    200,    200,    200,    200,    200,    200],
    },
    "RS": {
        "publications":     [9,     8,      9,      7,      8,      6,      4,      3,      8,      9,      9,      7],
        "contacts":         [3,     4,      6,      5,      4,      3,      2,      1,      5,      6,      5,      4],
        "cout":             [400,   700,    400,    400,    700,    400,    400,    700,    400,    400,    400,    700],
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
    "clients_actifs":      [150,   149,    150,    151,    153,    155,    160,    160,    164,    165,    167,    170],
    "grands_comptes":      [0,     0,      0,      0,      0,      1,      1,      1,      2,      2,      2,      3],
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
_STORY_LAST_DAY = dt.date(STORY_YEAR, STORY_MONTH, 31)
# From November on: opportunities created each month by the actions still bringing leads, and how many of the
# older open ones are lost each month.
LATER_NEW_OPPORTUNITIES = {"WEB": 9, "RS": 2, "SAL3": 3}
LATER_LOST_OPPORTUNITIES = {"WEB": 6, "SAL3": 4, "SAL2": 3}


@dataclass(frozen=True)
class DemoPeriod:
    """The plan year the demo shows and its last month with results (the clock's last closed month)."""
    year: int
    last_month: int

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])


STORY = DemoPeriod(STORY_YEAR, STORY_MONTH)  # the period of the hand-computed totals


def demo_period(today: dt.date | None = None) -> DemoPeriod:
    """The period the demo tells on `today` (default: the clock's today): the plan of the year of the last closed
    month, up to that month — in January, the whole of last year."""
    closed = clock.last_closed_month(today)
    return DemoPeriod(closed.year, closed.month)


def _month(number: int) -> dt.date:
    return dt.date(STORY_YEAR, number, 1)


def _month_end(number: int) -> dt.date:
    return dt.date(STORY_YEAR, number, calendar.monthrange(STORY_YEAR, number)[1])


def _monthly_rows(action_id: str | None, figures: dict[str, list], last_month: int = 12) -> list[tuple]:
    return [
        (action_id, metric, _month(index), value)
        for metric, values in figures.items()
        for index, value in enumerate(values[:last_month], start=1)
        if value is not None
    ]


def _in_year(day: dt.date | None, year: int) -> dt.date | None:
    """A day of the story year moved to `year` (the story year has no 29 February, so every day exists)."""
    return None if day is None else day.replace(year=day.year - STORY_YEAR + year)


def _moved(frame: pd.DataFrame, columns: tuple[str, ...], year: int) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        frame[column] = pd.Series([_in_year(day, year) for day in frame[column]], index=frame.index, dtype=object)
    return frame


def strategic_objectives_frame(period: DemoPeriod = STORY) -> pd.DataFrame:
    columns = ["objective_id", "label", "metric", "baseline", "target", "due_date"]
    return _moved(pd.DataFrame(STRATEGIC_OBJECTIVES, columns=columns), ("due_date",), period.year)


def _status(start: dt.date, end: dt.date, last_day: dt.date) -> str:
    """Where an action stands on the last day told: ended, running, or still to come."""
    if end <= last_day:
        return "Terminée"
    return "Prévue" if start > last_day else "En cours"


def actions_frame(period: DemoPeriod = STORY) -> pd.DataFrame:
    columns = ["action_id", "lever", "name", "channel", "kind", "segment", "owner",
               "start_date", "end_date", "budget", "status", "objective_ids"]
    frame = _moved(pd.DataFrame(ACTIONS, columns=columns), ("start_date", "end_date"), period.year)
    frame["status"] = [_status(start, end, period.last_day) for start, end in zip(frame.start_date, frame.end_date)]
    return frame


def targets_frame(period: DemoPeriod = STORY) -> pd.DataFrame:
    rows = [row for action_id, figures in TARGETS.items() for row in _monthly_rows(action_id, figures)]
    return _moved(pd.DataFrame(rows, columns=["action_id", "metric", "period", "value"]), ("period",), period.year)


def results_frame(period: DemoPeriod = STORY) -> pd.DataFrame:
    last = period.last_month
    rows = [row for action_id, figures in RESULTS.items() for row in _monthly_rows(action_id, figures, last)]
    rows += _monthly_rows(None, COMPANY_RESULTS, last)
    frame = pd.DataFrame(rows, columns=["action_id", "metric", "period", "value"])
    # object dtype, so that company-wide rows hold None (pandas 3 would make a str column with NaN)
    frame["action_id"] = pd.Series([row[0] for row in rows], dtype=object)
    return _moved(frame, ("period",), period.year)


def _account_candidates() -> list[str]:
    candidates = []
    for name in _ACCOUNT_NAMES:
        for trade in _ACCOUNT_TRADES:
            form = _ACCOUNT_FORMS[(len(name) + len(trade)) % len(_ACCOUNT_FORMS)]
            candidates.append(f"Groupe {name} {trade}" if form == "Groupe" else f"{name} {trade} {form}")
    return candidates


def _account_names(rng: random.Random, count: int) -> list[str]:
    return rng.sample(_account_candidates(), count)


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


def _story_pipeline() -> tuple[list[list], list[str]]:
    """About 300 opportunities as they stand at the end of October of the story year, deterministic
    (random.Random(2026)), consistent with the results: [action_id, stage, amount, created_on, closed_on, status],
    oldest first, and their accounts' names."""
    rng = random.Random(_DEMO_SEED)
    drafts = []
    for action_id, (lost, still_open) in PIPELINE_COUNTS.items():
        first, last = PIPELINE_CREATION[action_id]
        revenue = RESULTS[action_id].get("ca", [_] * 12)[:STORY_MONTH]
        clients = RESULTS[action_id].get("nouveaux_clients", [_] * 12)[:STORY_MONTH]
        for month, (amount, count) in enumerate(zip(revenue, clients), start=1):
            if not amount and not count:
                continue
            if not amount or not count:
                raise ValueError(f"{action_id} {month}: revenue and new clients must go together")
            month_first = max(_month(month), first + dt.timedelta(days=7))
            for won_amount in _split(rng, amount, count):
                closed_on = _random_day(rng, month_first, _month_end(month))
                created_on = max(first, min(last, closed_on - dt.timedelta(days=rng.randint(14, 75))))
                drafts.append([action_id, PIPELINE_STAGES[-1], won_amount, created_on, closed_on, "Gagnée"])
        for _index in range(lost):
            created_on = _random_day(rng, first, last)
            closed_on = min(_STORY_LAST_DAY, created_on + dt.timedelta(days=rng.randint(10, 90)))
            amount = rng.randrange(20, 160) * 100
            drafts.append([action_id, LOST_STAGE, amount, created_on, closed_on, "Perdue"])
        for _index in range(still_open):
            created_on = _random_day(rng, first, last)
            age = (_STORY_LAST_DAY - created_on).days
            weights = (5, 3, 2, 1) if age > 45 else (8, 3, 1, 0)
            stage = rng.choices(PIPELINE_STAGES[:-1], weights=weights)[0]
            amount = rng.randrange(20, 160) * 100
            drafts.append([action_id, stage, amount, created_on, None, "En cours"])
    drafts.sort(key=lambda draft: (draft[3], list(PIPELINE_COUNTS).index(draft[0])))
    return drafts, _account_names(rng, len(drafts))


def _cut(drafts: list[list], last_day: dt.date) -> list[list]:
    """The pipeline as it stood on an earlier `last_day`: later opportunities do not exist yet, and those won or
    lost later are still open (a won one at its proposal, a lost one at its meeting)."""
    kept = []
    for action_id, stage, amount, created_on, closed_on, status in drafts:
        if created_on > last_day:
            continue
        if closed_on is not None and closed_on > last_day:
            stage = PIPELINE_STAGES[-2] if status == "Gagnée" else PIPELINE_STAGES[1]
            closed_on, status = None, "En cours"
        kept.append([action_id, stage, amount, created_on, closed_on, status])
    return kept


def _go_on(drafts: list[list], last_month: int) -> list[list]:
    """The months after the story's October: each month's clients are signed among the oldest open opportunities
    of their action, some old ones are lost, and new leads come in."""
    for month in range(STORY_MONTH + 1, last_month + 1):
        rng = random.Random(_DEMO_SEED + month)
        first, last = _month(month), _month_end(month)
        for action_id, figures in RESULTS.items():
            amount, count = figures.get("ca", [_] * 12)[month - 1], figures.get("nouveaux_clients", [_] * 12)[month - 1]
            if not amount or not count:
                continue
            still_open = sorted((d for d in drafts if d[0] == action_id and d[5] == "En cours"), key=lambda d: d[3])
            for draft, won_amount in zip(still_open, _split(rng, amount, count)):
                draft[1:] = [PIPELINE_STAGES[-1], won_amount, draft[3], _random_day(rng, first, last), "Gagnée"]
        for action_id, lost in LATER_LOST_OPPORTUNITIES.items():
            oldest = sorted((d for d in drafts if d[0] == action_id and d[5] == "En cours"), key=lambda d: d[3])
            for draft in oldest[:lost]:
                draft[1], draft[4], draft[5] = LOST_STAGE, _random_day(rng, first, last), "Perdue"
        for action_id, count in LATER_NEW_OPPORTUNITIES.items():
            for _index in range(count):
                stage = rng.choices(PIPELINE_STAGES[:-1], weights=(8, 3, 1, 0))[0]
                drafts.append([action_id, stage, rng.randrange(20, 160) * 100, _random_day(rng, first, last), None,
                               "En cours"])
    return drafts


def opportunities_frame(period: DemoPeriod = STORY) -> pd.DataFrame:
    """The pipeline at the period's last day: the story's October one, cut earlier or carried on later."""
    drafts, accounts = _story_pipeline()
    if period.last_month < STORY_MONTH:  # the drafts are oldest first: the cut keeps the first ones' accounts
        drafts = _cut(drafts, _month_end(period.last_month))
    if period.last_month > STORY_MONTH:
        drafts = _go_on(drafts, period.last_month)
        spare = [name for name in _account_candidates() if name not in set(accounts)]
        accounts += spare[:len(drafts) - len(accounts)]
    channel_of = {action[0]: action[3] for action in ACTIONS}
    rows = [
        (f"OPP-{number:03d}", account, action_id, channel_of[action_id], stage, amount,
         _in_year(created_on, period.year), _in_year(closed_on, period.year), status)
        for number, (account, (action_id, stage, amount, created_on, closed_on, status))
        in enumerate(zip(accounts, drafts), start=1)
    ]
    columns = ["opportunity_id", "account", "action_id", "channel", "stage", "amount",
               "created_on", "closed_on", "status"]
    return pd.DataFrame(rows, columns=columns)


def demo_tables(period: DemoPeriod | None = None) -> dict[str, pd.DataFrame]:
    """The demo data set told up to `period` (default: the clock's), as the tables the store and the workbook
    writer take (internal names)."""
    period = period or demo_period()
    return {
        "actions": actions_frame(period),
        "targets": targets_frame(period),
        "results": results_frame(period),
        "strategic_objectives": strategic_objectives_frame(period),
        "opportunities": opportunities_frame(period),
    }


def demo_instructions(period: DemoPeriod) -> list[str]:
    known = (f"de janvier à {fmt.month(dt.date(period.year, period.last_month, 1), long=True)}"
             if period.last_month > 1 else f"pour {fmt.month(dt.date(period.year, 1, 1), long=True)}")
    return [
        f"PAC Pilot — jeu de démonstration {period.year}",
        "Entreprise fictive : organisme de formations des métiers RH. Cible : entreprises de plus de 100 salariés, "
        "installées dans la région.",
        "Objectifs stratégiques de l'année : augmenter de 20 % le nombre de clients actifs, rentrer chez 3 grands "
        "comptes et augmenter le CA de 250 000 €.",
        "Trois leviers : salons professionnels (SAL1, SAL2, SAL3), visibilité sur internet (WEB, RS) et "
        f"téléprospection (BDD, TEL). Le réalisé est connu {known}.",
        "Les feuilles Objectifs et Réalisé ont un mois par colonne ; une ligne de Réalisé sans ID action est un "
        "chiffre de toute l'entreprise (clients actifs, grands comptes).",
    ]


def demo_file_name(period: DemoPeriod) -> str:
    return f"demo-pac-{period.year}.xlsx"


def write_demo_workbook(path: str | Path, period: DemoPeriod | None = None) -> Path:
    """The demo as a workbook, with targets and results months-as-columns like the usual French template."""
    from pac_core.io.xlsx_writer import write_workbook

    period = period or demo_period()
    write_workbook(path, demo_tables(period), wide_tables={"targets", "results"}, instructions=demo_instructions(period))
    return Path(path)


if __name__ == "__main__":  # python -m pac_core.demo [DOSSIER]: writes the demo workbook of today's clock there
    import sys

    today = demo_period()
    print(write_demo_workbook(Path(sys.argv[1] if len(sys.argv) > 1 else ".") / demo_file_name(today), today))

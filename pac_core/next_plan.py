"""Next year's plan from a closed year's bilan, as our own template workbook (Actions, and Objectifs with the months
as columns), ready to edit in Excel and to import as it is.

- Actions: those to reconduire, ajuster or tester (same ID, name, lever, channel, kind, target segment, owner and
  strategic objectives; dates moved to next year; status « Prévue »), then the managers' new ideas (their ID IDEE1…,
  the whole year); the actions to arrêter are left out. Budget: last year's planned budget — the bilan judges the
  objectives, and a budget is a decision the managers take in the workbook, not a figure to extrapolate.
- Objectifs, per action × indicator with an objective last year: the main indicator's objective for next year is
  the bilan's (reconduire: last year's; ajuster: the suggested or the managers' one); the action's other indicators
  follow it in the same proportion (SAL2: 80 000 € → 71 000 €, its 130 contacts → 115), so that the plan stays
  coherent. A stock (clients actifs) keeps last year's monthly targets in that proportion.
- Monthly phasing of a flow: last year's actual seasonality (each month's share of the year's actual); without an
  actual, last year's target phasing; without either, flat over twelve months. Counts are whole and euros to the
  euro; the rounding remainders go to the months with the largest fractions, so that the year's sum is exact
  (largest remainder method). A month phased at 0 is left empty (no target that month).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import pandas as pd

from pac_core import bilan as bilan_module
from pac_core import clock
from pac_core.bilan import AJUSTER, ARRETER, RECONDUIRE, TESTER, Bilan, BilanError
from pac_core.io.xlsx_writer import write_workbook
from pac_core.store import Store

KEPT = (RECONDUIRE, AJUSTER, TESTER)
PLANNED = "Prévue"
NEW_IDEAS_LEVER = "Nouvelles actions"


def file_name(year: int) -> str:
    return f"plan-{year + 1}-depuis-bilan-{year}.xlsx"


def phase(total: float, weights: list[float], decimals: int = 0) -> list[float]:
    """`total` spread over the months in proportion to `weights`, rounded to `decimals`, the remainders given to the
    largest fractions so that the sum is exactly the (rounded) total."""
    step = Decimal(1).scaleb(-decimals)
    units = int((Decimal(repr(float(total))) / step).quantize(Decimal(1)))
    weights = [max(float(weight or 0), 0.0) for weight in weights]
    whole = sum(weights)
    if whole <= 0:
        weights, whole = [1.0] * len(weights), float(len(weights))
    shares = [Decimal(repr(units * weight / whole)) for weight in weights]
    floors = [int(share.to_integral_value(rounding=ROUND_FLOOR)) for share in shares]
    left = units - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for index in order[:left]:
        floors[index] += 1
    return [float(Decimal(units_) * step) for units_ in floors]


def _moved(day, year: int, default: dt.date) -> dt.date:
    """A date of the reviewed year moved to the next one (29 February → 28); a date already in the next year kept."""
    if day is None or pd.isna(day):
        return default
    day = pd.Timestamp(day).date()
    if day.year == year + 1:
        return day
    if day.year != year:
        return default
    return dt.date(year + 1, day.month, min(day.day, 28 if day.month == 2 else 31 if day.month in (
        1, 3, 5, 7, 8, 10, 12) else 30))


def _decimals(unit: str | None) -> int:
    return 1 if unit == "%" else 0


def plan_tables(store: Store, year: int, today: dt.date | None = None, bilan: Bilan | None = None
                ) -> dict[str, pd.DataFrame]:
    """The Actions and Objectifs tables of next year's plan (internal column names), from the bilan of `year`
    (the managers' saved verdicts, else the suggested ones)."""
    today = today or clock.today()
    if not bilan_module.is_closed(year, today):
        raise BilanError(f"L'année {year} n'est pas close : le plan de {year + 1} se prépare à partir du bilan d'une "
                         f"année terminée, à partir du 1er janvier {year + 1}. Rien n'a été écrit.")
    bilan = bilan or bilan_module.compute(store, year, today)
    kept = bilan.rows[bilan.rows["verdict"].isin(KEPT)]
    attributes = store.query("SELECT action_id, objective_ids, start_date, end_date FROM main.actions").set_index(
        "action_id")
    monthly = store.query(bilan_module.QUERIES["monthly"], {"year": year, "version": bilan.plan_version})
    first, last = dt.date(year + 1, 1, 1), dt.date(year + 1, 12, 31)
    actions, targets = [], []
    for row in kept.itertuples(index=False):
        held = attributes.loc[row.action_id]
        actions.append({"action_id": row.action_id, "lever": row.lever, "name": row.name, "channel": row.channel,
                        "kind": row.kind, "segment": row.segment, "owner": row.owner,
                        "start_date": _moved(held["start_date"], year, first),
                        "end_date": _moved(held["end_date"], year, last), "budget": row.budget, "status": PLANNED,
                        "objective_ids": held["objective_ids"]})
        targets += _action_targets(row, bilan, monthly, year)
    for idea in bilan.ideas.itertuples(index=False):
        if idea.verdict == ARRETER:
            continue
        actions.append({"action_id": idea.idea_id, "lever": idea.lever or NEW_IDEAS_LEVER, "name": idea.name,
                        "channel": idea.channel, "kind": None, "segment": None, "owner": idea.owner,
                        "start_date": first, "end_date": last,
                        "budget": None if pd.isna(idea.budget) else idea.budget, "status": PLANNED,
                        "objective_ids": None})
    return {"actions": pd.DataFrame(actions), "targets": pd.DataFrame(targets,
                                                                       columns=["action_id", "metric", "period",
                                                                                "value"])}


def _action_targets(row, bilan: Bilan, monthly: pd.DataFrame, year: int) -> list[dict]:
    """The monthly objectives of one kept action next year (module docstring)."""
    indicators = bilan.indicators[bilan.indicators["action_id"] == row.action_id]
    with_objective = indicators[indicators["target_year"].notna()]
    main_objective = row.objective if row.objective is not None and not pd.isna(row.objective) else None
    main_next = row.next_objective if row.next_objective is not None and not pd.isna(row.next_objective) else None
    factor = main_next / main_objective if main_next is not None and main_objective else 1.0
    lines = []
    planned = [(item.metric, float(item.target_year), item.aggregation, item.unit)
               for item in with_objective.itertuples(index=False)]
    if row.metric and row.metric not in set(with_objective["metric"]) and main_next:  # results, no objective
        planned.append((row.metric, main_next / factor, "sum", row.unit))
    for metric, objective, aggregation, unit in planned:
        decimals = _decimals(unit)
        total = main_next if metric == row.metric and main_next is not None else objective * factor
        figures = monthly[(monthly["action_id"] == row.action_id) & (monthly["metric"] == metric)]
        actual = [0.0] * 12
        target = [None] * 12
        for figure in figures.itertuples(index=False):
            if figure.kind == "actual":
                actual[figure.month_number - 1] = float(figure.value)
            else:
                target[figure.month_number - 1] = float(figure.value)
        if aggregation == "last":  # a stock: last year's monthly targets in the same proportion
            values = [None if value is None else round(value * total / objective, decimals) if objective else total
                      for value in target]
        else:
            weights = actual if sum(max(v, 0) for v in actual) > 0 else [value or 0.0 for value in target]
            values = phase(total, weights, decimals)
        for month, value in enumerate(values, start=1):
            lines.append({"action_id": row.action_id, "metric": metric, "period": dt.date(year + 1, month, 1),
                          "value": value if value else None})
    return lines


def instructions(year: int) -> list[str]:
    return [
        f"Plan d'action commercial {year + 1} — préparé à partir du bilan {year}",
        f"Ce classeur reprend les actions que le bilan {year} reconduit, ajuste ou met à l'essai, et les nouvelles "
        "idées notées au bilan ; les actions à arrêter n'y sont plus. Modifiez-le dans Excel (budgets, dates, "
        "objectifs, responsables), puis déposez-le sur la page « Données » de PAC Pilot, ou importez-le tel quel.",
        "## Objectifs",
        f"Chaque objectif de l'année est celui du bilan (reconduit, ou proposé pour une action à ajuster) ; les "
        f"autres indicateurs d'une action suivent dans la même proportion. Il est réparti sur les mois selon la "
        f"saisonnalité réelle de {year} (la part de chaque mois dans le réalisé), arrondi à l'unité ; une case vide "
        "signifie : pas d'objectif ce mois-là.",
        "## Budgets",
        f"Le budget de chaque action est celui de {year} : ajustez-le ici. Les nouvelles idées gardent le budget "
        "noté au bilan ; donnez-leur des objectifs en ajoutant des lignes dans la feuille « Objectifs ».",
    ]


def write_next_plan(store: Store, year: int, out, today: dt.date | None = None, bilan: Bilan | None = None) -> str:
    """Write next year's plan (a path or a binary file object); returns the French sentence to show."""
    tables = plan_tables(store, year, today, bilan)
    if isinstance(out, (str, Path)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    write_workbook(out, tables, wide_tables={"targets"}, instructions=instructions(year), dropdowns=True)
    actions = len(tables["actions"])
    return (f"Plan {year + 1} écrit : {actions} action{'s' if actions > 1 else ''}, "
            f"{tables['targets'][['action_id', 'metric']].drop_duplicates().shape[0]} objectifs à répartir sur "
            "l'année, prêt à modifier dans Excel puis à importer.")

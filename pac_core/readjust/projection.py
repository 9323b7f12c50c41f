"""The projected effect of the decisions being edited: each action's year-end forecast, the strategic
objectives' and the total budget, before and after.

The arithmetic is the KPI engine's own forecast (DESIGN.md: actual to date + remaining target × pace) applied to
the revised targets, so that once the version is saved every screen shows what this projection promised:

    forecast after   = actual to date + remaining target after × pace      (pace: none yet → 1, the plan kept)
    budget change    Δ = new budget − budget                               (never below what is already spent)
    default target   remaining target after = remaining target + Δ / (cost per result × pace), rounded to a
                     whole number, so that the forecast moves by Δ / cost per result: what the money should bring at the cost
                     per result observed since January (cost to date / actual to date).
    cost per result  the action's own; an action that has neither spent nor achieved anything yet takes its
                     channel's (then its lever's); an action that spent without any result (cost per result
                     infinite) has its remaining targets scaled with its remaining budget instead.
    arrêter          no target and no spending after the review's month: budget = spent to date.
    stocks           (clients actifs, grands comptes) follow their trend: a decision does not move them, except
                     that a new client more is an active client more (STOCK_FED_BY).
"""

from __future__ import annotations

import datetime
import math

import pandas as pd

MAINTAIN, REINFORCE, REDUCE, STOP, NEW_ACTION = "maintenir", "renforcer", "réduire", "arrêter", "nouvelle action"
DECISIONS = (MAINTAIN, REINFORCE, REDUCE, STOP)
STOCK_FED_BY = {"clients_actifs": "nouveaux_clients"}  # a stock objective moved by this flow's forecasts

ASSUMPTIONS = (
    "Le réalisé à date reste acquis ; les mois restants sont ceux qui suivent le mois de la revue.",
    "Chaque action garde son rythme observé (réalisé à date ÷ objectif à date) sur les mois restants ; sans "
    "objectif à date, le plan est supposé tenu (rythme 100 %) — c'est l'atterrissage de tous les écrans.",
    "Un euro ajouté ou retiré rapporte ou retire des résultats au coût par résultat observé depuis janvier "
    "(coût à date ÷ réalisé à date) ; une action sans dépense ni résultat prend celui de son canal, puis de son "
    "levier. Les objectifs des mois restants suivent, pour qu'au rythme observé l'atterrissage bouge d'autant.",
    "Une action qui a dépensé sans aucun résultat voit ses objectifs restants suivre son budget restant "
    "(budget − dépensé) en proportion.",
    "Une action arrêtée n'a plus d'objectif ni de dépense après le mois de la revue ; aucun budget ne descend "
    "sous ce qui est déjà dépensé.",
    "Les objectifs de stock (clients actifs, grands comptes) suivent leur tendance ; seuls les nouveaux clients "
    "en plus ou en moins comptent comme clients actifs en plus ou en moins.",
    "Un objectif stratégique bouge de la somme des écarts d'atterrissage des actions qui le servent.",
)


def _number(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return float(value)


def group_costs(figures: pd.DataFrame, group: str) -> dict[tuple[str, str], float]:
    """(channel or lever, indicator) → cost per result over the actions that spent and achieved something."""
    spent, actual = figures["spent"].fillna(0.0), figures["actual_to_date"].fillna(0.0)
    observed = figures[(spent > 0) & (actual > 0)].groupby([group, "metric"])[["spent", "actual_to_date"]].sum()
    return (observed["spent"] / observed["actual_to_date"]).to_dict()


def observed_costs(figures: pd.DataFrame) -> pd.DataFrame:
    """`figures` (one row per action × flow indicator: action_id, channel, lever, metric, actual_to_date, spent)
    with `cost_per_result` and `cost_basis` ('action', 'canal', 'levier', or None when it cannot be observed)."""
    frame = figures.copy()
    spent = frame["spent"].fillna(0.0)
    actual = frame["actual_to_date"].fillna(0.0)
    own = (spent > 0) & (actual > 0)
    frame["cost_per_result"] = (spent / actual).where(own)
    frame["cost_basis"] = pd.Series("action", index=frame.index, dtype=object).where(own)
    fresh = (spent <= 0) & (actual <= 0)  # nothing spent, nothing achieved yet: borrow the group's
    for group, basis in (("channel", "canal"), ("lever", "levier")):
        rates = group_costs(frame, group)
        for index in frame.index[fresh & frame["cost_basis"].isna()]:
            rate = rates.get((frame.at[index, group], frame.at[index, "metric"]))
            if rate is not None:
                frame.at[index, "cost_per_result"] = rate
                frame.at[index, "cost_basis"] = basis
    return frame


def remaining_target_after(row: dict, decision: str, budget_after: float) -> float:
    """The remaining target of one action × flow indicator after a decision on its budget (see the module)."""
    remaining = _number(row.get("target_remaining")) or 0.0
    if decision == STOP:
        return 0.0
    budget, spent = _number(row.get("planned")) or 0.0, _number(row.get("spent")) or 0.0
    left_before, left_after = max(budget - spent, 0.0), max(budget_after - spent, 0.0)
    delta = left_after - left_before
    if delta == 0:
        return remaining
    pace = _number(row.get("pace"))
    pace = 1.0 if pace is None else pace
    cost = _number(row.get("cost_per_result"))
    if cost and pace > 0:
        return max(0.0, remaining + delta / (cost * pace))
    if left_before > 0:  # spent without any result: scale with the remaining budget
        return remaining * left_after / left_before
    return remaining


def forecast_of(row: dict, remaining_after: float) -> float:
    """The engine's year-end forecast of a flow with another remaining target."""
    pace = _number(row.get("pace"))
    return (_number(row.get("actual_to_date")) or 0.0) + remaining_after * (1.0 if pace is None else pace)


def project_actions(figures: pd.DataFrame, decisions: pd.DataFrame, remaining_overrides: dict | None = None
                    ) -> pd.DataFrame:
    """Per action × indicator: remaining target and forecast, before and after.

    `figures` is `observed_costs(...)` with planned, spent, pace, target_remaining, forecast, aggregation;
    `decisions` has action_id, decision, new_budget (actions without a row are maintained at their budget);
    `remaining_overrides` maps (action_id, metric) to a remaining target typed by hand (the fine editor)."""
    chosen = decisions.set_index("action_id")[["decision", "new_budget"]].to_dict("index") if len(decisions) else {}
    overrides = remaining_overrides or {}
    rows = []
    for row in figures.to_dict("records"):
        decision = chosen.get(row["action_id"], {})
        kind = decision.get("decision") or MAINTAIN
        budget = _number(row.get("planned")) or 0.0
        budget_after = budget_after_decision(kind, _number(decision.get("new_budget")), budget,
                                             _number(row.get("spent")) or 0.0)
        before = _number(row.get("forecast"))
        if row.get("aggregation") == "last":
            remaining, after = _number(row.get("target_remaining")) or 0.0, before
        else:
            remaining = overrides.get((row["action_id"], row["metric"]))
            if remaining is None:
                remaining = whole(remaining_target_after(row, kind, budget_after))
            after = forecast_of(row, remaining)
        rows.append({**row, "decision": kind, "budget_after": budget_after, "remaining_after": remaining,
                     "forecast_before": before, "forecast_after": after,
                     "forecast_change": None if before is None or after is None else after - before})
    return pd.DataFrame(rows)


def budget_after_decision(decision: str, new_budget: float | None, budget: float, spent: float) -> float:
    """The budget an action keeps: stopped, what it spent; a new budget typed, never below what it spent."""
    if decision == STOP:
        return spent
    if new_budget is None or abs(new_budget - budget) < 0.005:
        return budget  # unchanged, even when already overspent: the plan's figure stays
    return max(new_budget, spent)


def project_new_action(channel_costs: dict, budget: float, metrics: list[str] | None = None) -> dict[str, float]:
    """A new action's year-end forecast per indicator: its budget at its channel's observed cost per result
    (pace 1: nothing observed yet). `channel_costs` maps indicator → cost per result."""
    return {metric: budget / cost for metric, cost in channel_costs.items()
            if cost and (metrics is None or metric in metrics)}


def objectives_after(strategic: pd.DataFrame, actions: pd.DataFrame, serving: dict[str, list[str]]) -> pd.DataFrame:
    """Each strategic objective's forecast after the decisions: its forecast plus the forecast changes of the
    actions that serve it on its indicator (or on the flow that feeds its stock, STOCK_FED_BY).
    `actions` is project_actions(...) (new actions as rows with forecast_before 0); `serving` maps an objective
    to its actions (every action when none names it, as the engine does)."""
    rows = []
    for objective in strategic.to_dict("records"):
        metric = STOCK_FED_BY.get(objective["metric"], objective["metric"])
        chosen = actions[actions["action_id"].isin(serving.get(objective["objective_id"], []))
                         & (actions["metric"] == metric)]
        change = float(chosen["forecast_change"].fillna(0).sum())
        before = _number(objective.get("forecast"))
        after = None if before is None else before + change
        rows.append({**objective, "forecast_before": before, "forecast_after": after, "forecast_change": change,
                     "progress_before": _progress(objective, before), "progress_after": _progress(objective, after)})
    return pd.DataFrame(rows)


def _progress(objective: dict, value: float | None) -> float | None:
    """As sql/strategic.sql: stocks from the baseline, flows against the target."""
    target = _number(objective.get("target"))
    if value is None or target is None:
        return None
    if objective.get("aggregation") == "last":
        baseline = _number(objective.get("baseline")) or 0.0
        return None if target == baseline else (value - baseline) / (target - baseline)
    return None if target == 0 else value / target


def serving_actions(actions: pd.DataFrame, objective_ids: list[str]) -> dict[str, list[str]]:
    """Objective → the actions naming it in their « Objectif stratégique » (IDs split on ; or ,); every action
    when none names it (as sql/strategic.sql)."""
    named = {objective: [] for objective in objective_ids}
    for action_id, listed in zip(actions["action_id"], actions["objective_ids"]):
        for objective in str(listed or "").replace(",", ";").split(";"):
            if objective.strip() in named:
                named[objective.strip()].append(action_id)
    every = list(actions["action_id"])
    return {objective: ids or every for objective, ids in named.items()}


def whole(value: float) -> float:
    """Targets are whole numbers (calls, clients, euros): halves round up, as people do."""
    return float(math.floor(value + 0.5))


def spread(total: float, months: list[datetime.date], phasing: dict | None = None) -> dict[datetime.date, float]:
    """A remaining target over the remaining months: in proportion to the old phasing when it has one (a trade
    show keeps its month), evenly otherwise. A whole total gives whole months (largest remainders first), so
    that the months add up to the total."""
    if not months:
        return {}
    weights = {month: (phasing or {}).get(month) or 0.0 for month in months}
    base = sum(weights.values())
    shares = ({month: total * weight / base for month, weight in weights.items()} if base > 0
              else {month: total / len(months) for month in months})
    if total != math.floor(total):
        return shares
    floors = {month: float(math.floor(share + 1e-9)) for month, share in shares.items()}
    left = int(round(total - sum(floors.values())))
    for month in sorted(shares, key=lambda m: floors[m] - shares[m])[:left]:
        floors[month] += 1
    return floors
